"""User-facing strings in English and Vietnamese, in one place.

Lever labels live in the lever registry and indicator labels in data/indicators.csv; this
module holds the rest (chart titles, legends, table headings).
"""

from __future__ import annotations

LANGUAGES = ("en", "vi")

TEXT: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "vi": "Năm"},
    "edition": {"en": "UN survey edition", "vi": "Kỳ khảo sát của Liên Hợp Quốc"},
    "observed": {"en": "Observed", "vi": "Số liệu thực tế"},
    "median": {"en": "Median (this scenario)", "vi": "Trung vị (kịch bản này)"},
    "baseline_median": {"en": "Median (baseline)", "vi": "Trung vị (kịch bản cơ sở)"},
    "band_80": {"en": "80% interval", "vi": "Khoảng 80%"},
    "band_50": {"en": "50% interval", "vi": "Khoảng 50%"},
    "target": {"en": "Official target", "vi": "Mục tiêu chính thức"},
    "judged_on": {"en": "judged on the {year} edition", "vi": "đánh giá theo kỳ {year}"},
    "rank_title": {
        "en": "Viet Nam's UN EGDI rank among 193 countries",
        "vi": "Thứ hạng EGDI của Việt Nam trong 193 quốc gia",
    },
    "rank_axis": {"en": "Rank (1 = best)", "vi": "Thứ hạng (1 = cao nhất)"},
    "egdi_title": {
        "en": "Viet Nam's EGDI and the score needed for the top 50 and top 30",
        "vi": "EGDI của Việt Nam và mức điểm cần để vào nhóm 50 và nhóm 30",
    },
    "egdi_axis": {"en": "EGDI (0-1)", "vi": "EGDI (0-1)"},
    "needed_for_rank": {"en": "Needed to rank {n}th", "vi": "Mức cần để xếp thứ {n}"},
    "series": {"en": "Series", "vi": "Chuỗi"},
    "legend_scenario": {
        "en": "This scenario (median, 50% and 80%)",
        "vi": "Kịch bản này (trung vị, 50% và 80%)",
    },
    "legend_baseline": {"en": "Baseline (median)", "vi": "Kịch bản cơ sở (trung vị)"},
    "legend_observed": {"en": "Observed", "vi": "Số liệu thực tế"},
    "legend_target": {"en": "Official target", "vi": "Mục tiêu chính thức"},
    "legend_persistence": {"en": "Persistence (last value held)", "vi": "Giữ nguyên giá trị cuối"},
    "legend_drift": {"en": "Drift (past line extended)", "vi": "Kéo dài xu hướng quá khứ"},
    "share_title": {
        "en": "Digital economy, % of GDP — {series}",
        "vi": "Kinh tế số, % GDP — {series}",
    },
    "share_axis": {"en": "% of GDP", "vi": "% GDP"},
    "series_gso_value_added": {
        "en": "GSO value added (official)",
        "vi": "giá trị tăng thêm theo Tổng cục Thống kê (chính thức)",
    },
    "series_mic_estimate": {
        "en": "MIC estimates (revenue-based)",
        "vi": "ước tính của Bộ Thông tin và Truyền thông (theo doanh thu)",
    },
    "assumption_note": {
        "en": "No observed series: the bands rest on the labelled assumptions (see the levers)",
        "vi": "Chưa có chuỗi số liệu đo được: dải dự báo dựa trên các giả định được ghi rõ "
        "(xem tham số)",
    },
    "legend_threshold": {"en": "EGDI needed for the rank", "vi": "EGDI cần để đạt thứ hạng"},
    "value": {"en": "Value", "vi": "Giá trị"},
    "basis": {"en": "Legal basis", "vi": "Căn cứ pháp lý"},
}


def t(key: str, language: str = "en", **values: object) -> str:
    """The string `key` in `language` (English if that language lacks it), formatted."""
    entry = TEXT[key]
    return entry.get(language, entry["en"]).format(**values)
