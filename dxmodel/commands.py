"""What each CLI subcommand computes, as tables; `cli.py` only parses and prints."""

from __future__ import annotations

import pandas as pd

from dxmodel import columns as c
from dxmodel.data import load_dataset
from dxmodel.errors import DxError
from dxmodel.i18n import percent
from dxmodel.levers import LEVERS
from dxmodel.scenario import list_scenarios, load_scenario
from dxmodel.tables import value_text

TABLE_COLUMNS = {
    "assess": (
        c.TARGET, c.JUDGED_ON_YEAR, c.COMPARATOR, c.VALUE, "latest_observed", "status",
        "p_meet", "p_meet_baseline", "base_rate", "p_basis", "expected", "low", "high",
    ),
    "targets": (c.TARGET, c.INDICATOR, c.YEAR, c.COMPARATOR, c.VALUE, c.UNIT, c.BASIS, c.SERIES),
}  # fmt: skip
PROBABILITIES = ("p_meet", "p_meet_baseline", "base_rate")
VALUES = ("latest_observed", "expected", "low", "high")


def render(frame: pd.DataFrame, fmt: str) -> str:
    """The frame as an aligned table, CSV or JSON records."""
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=1)
    shown = frame[list(frame.attrs.get("table_columns", frame.columns))].copy()
    # A table is for reading: no more precision than a few thousand draws support, whole
    # numbers for counts and ranks, and never 0% or 100% from a simulation.
    for column in PROBABILITIES:
        if column in shown:
            shown[column] = shown[column].map(lambda p: percent(p) if pd.notna(p) else "")
    units = frame[c.UNIT] if c.UNIT in frame else pd.Series("", index=frame.index)
    for column in VALUES:
        if column in shown:
            shown[column] = [value_text(v, u) for v, u in zip(shown[column], units, strict=True)]
    blank = shown.astype(object).where(shown.notna(), "")  # no <NA> or NaN in a table
    return blank.to_string(index=False, max_colwidth=60)


def data_check() -> str:
    """Every table and preset scenario loaded and validated, with row counts and sources."""
    dataset = load_dataset()
    files = dataset.files
    presets = [load_scenario(name).name for name in list_scenarios()]
    summary = (
        f"OK: {len(files)} tables, {files['rows'].sum()} rows, {len(dataset.sources)} sources, "
        f"{len(dataset.targets)} targets, {len(presets)} preset scenarios ({', '.join(presets)})"
    )
    return files.to_string(index=False, max_colwidth=90) + "\n" + summary


def scenarios_table() -> pd.DataFrame:
    rows = []
    for name in list_scenarios():
        s = load_scenario(name)
        changed = [f"{k}={v}" for k, v in s.levers.items()]
        rows.append({"scenario": name, "title": s.title_in("en"), "levers": ", ".join(changed)})
    return pd.DataFrame(rows, columns=["scenario", "title", "levers"])


def levers_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "lever": lv.name,
                "kind": lv.kind,
                "model": lv.model,
                "default": lv.default,
                "range": lv.describe_range(),
                "label": lv.label_en,
            }
            for lv in LEVERS
        ]
    )


def targets_table() -> pd.DataFrame:
    frame = load_dataset().targets
    frame.attrs["table_columns"] = TABLE_COLUMNS["targets"]
    return frame


def scorecard_table(scenario_name: str) -> pd.DataFrame:
    from dxmodel.session import Session

    scenario = load_scenario(scenario_name)
    card = Session(load_dataset()).scorecard(scenario)
    card.insert(0, "scenario", scenario.name)
    warned = ("warning",) if card["warning"].ne("").any() else ()
    card.attrs["table_columns"] = (*TABLE_COLUMNS["assess"], *warned)
    return card


def report(args) -> int:
    """Render the reports; one line per scenario, and exit 1 if any failed."""
    import sys

    from dxmodel.render import render_reports
    from dxmodel.scenario import list_scenarios

    if args.jobs is not None and args.jobs < 1:
        raise DxError(f"--jobs {args.jobs} is not allowed; use 1 or more")
    languages = ("en", "vi") if args.language == "both" else (args.language,)
    references = list_scenarios() if args.all or not args.scenarios else args.scenarios
    outcomes = render_reports(references, languages, args.jobs, args.timeout, args.draws,
                              args.seed, progress=sys.stderr.isatty())  # fmt: skip
    for o in outcomes:
        if o.path is not None:
            print(f"wrote {o.path.name} ({o.seconds:.1f} s)")
        else:
            print(f"dxmodel: error: {o.job.label}: {o.reason}", file=sys.stderr)
    return 1 if any(o.path is None for o in outcomes) else 0
