"""The numbers every report carries as data, and where: the report writes them, the index and
the report jobs read them back, so the index always agrees with the reports it links to."""

from __future__ import annotations

import json
import re

SUMMARY_ID = "dx-summary"  # the <script> holding `Report.summary_data()` in every report
KEY_VALUES = (  # (indicator, series (None: the scenario's own), year) the index compares
    ("digital_economy_share", None, 2025),
    ("digital_economy_share", None, 2030),
    ("egdi_rank", "undesa_egov", 2026),
    ("egdi_rank", "undesa_egov", 2030),
    ("online_service_skills_share", "", 2030),
)
SUMMARY_COLUMNS = (
    "target", "indicator", "year", "judged_on_year", "comparator", "value", "unit", "series",
    "basis", "status", "latest_observed", "latest_year", "p_meet", "p_meet_baseline",
    "expected", "low", "high", "p_basis", "base_rate", "base_rate_hits", "base_rate_cases",
    "base_rate_note",
)  # fmt: skip


def script_json(data: object) -> str:
    """JSON to put inside a <script>: no '<', '>' or '&' in it, so text from files can never
    close or open a tag."""
    text = json.dumps(
        data, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=lambda v: v.item()
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def summary_script(data: dict) -> str:
    """The numbers as a JSON <script> (see `script_json`)."""
    return f"<script type='application/json' id='{SUMMARY_ID}'>{script_json(data)}</script>"


def summary_of(page: str) -> dict | None:
    """The numbers a report shows, from the JSON it carries (see `summary_script`)."""
    found = re.search(
        rf"<script[^>]*\bid=[\"']?{SUMMARY_ID}[\"']?[^>]*>(.*?)</script>", page, flags=re.S
    )
    return json.loads(found.group(1)) if found else None
