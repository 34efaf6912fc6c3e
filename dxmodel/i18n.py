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
    "col_target": {"en": "Target", "vi": "Mục tiêu"},
    "col_deadline": {"en": "By (edition)", "vi": "Thời hạn (kỳ)"},
    "col_status": {"en": "Status", "vi": "Tình trạng"},
    "col_p": {"en": "P(meet)", "vi": "Xác suất đạt"},
    "col_p_baseline": {"en": "P(meet), baseline", "vi": "Xác suất đạt, cơ sở"},
    "col_expected": {"en": "Expected", "vi": "Giá trị kỳ vọng"},
    "col_needs": {"en": "What it needs (vs this scenario)", "vi": "Mức cần (so với kịch bản)"},
    "col_lever": {"en": "Lever", "vi": "Tham số"},
    "col_kind": {"en": "Kind", "vi": "Loại"},
    "col_value": {"en": "Value", "vi": "Giá trị"},
    "col_unit": {"en": "Unit", "vi": "Đơn vị"},
    "col_vs_baseline": {"en": "Change from baseline", "vi": "Khác biệt so với cơ sở"},
    "kind_policy": {"en": "policy lever", "vi": "đòn bẩy chính sách"},
    "kind_assumption": {"en": "assumption", "vi": "giả định"},
    "kind_setting": {"en": "setting", "vi": "thiết lập"},
    "status_met": {"en": "met", "vi": "đã đạt"},
    "status_missed": {"en": "missed", "vi": "không đạt"},
    "status_on_track": {"en": "on track", "vi": "đúng hướng"},
    "status_at_risk": {"en": "at risk", "vi": "có rủi ro"},
    "status_off_track": {"en": "off track", "vi": "chệch hướng"},
    "status_no_model": {"en": "no model", "vi": "chưa có mô hình"},
    "vs": {"en": "vs", "vi": "so với"},
    "latest": {"en": "latest", "vi": "mới nhất"},
    "basis_central": {"en": "on the central path", "vi": "theo đường trung tâm"},
    "basis_80%": {"en": "for an 80% chance", "vi": "để có xác suất 80%"},
    "need_gain": {
        "en": "Viet Nam's gain in every EGDI component",
        "vi": "Mức tăng của Việt Nam ở mỗi chỉ số thành phần EGDI",
    },
    "need_gain_unit": {"en": "EGDI points per edition", "vi": "điểm EGDI mỗi kỳ"},
    "group_policy": {"en": "Policy levers", "vi": "Đòn bẩy chính sách"},
    "group_assumption": {"en": "Assumptions", "vi": "Giả định"},
    "group_setting": {"en": "Settings", "vi": "Thiết lập"},
    "tab_digital_economy": {"en": "Digital economy", "vi": "Kinh tế số"},
    "tab_training": {"en": "Training and skills", "vi": "Đào tạo và kỹ năng"},
    "tab_ranking": {"en": "UN EGDI", "vi": "EGDI của Liên Hợp Quốc"},
    "preset": {"en": "Scenario", "vi": "Kịch bản"},
    "reset": {"en": "Reset to baseline", "vi": "Về kịch bản cơ sở"},
    "save": {"en": "Save scenario", "vi": "Lưu kịch bản"},
    "save_title": {"en": "Title", "vi": "Tiêu đề"},
    "replace": {"en": "replace an existing file", "vi": "ghi đè tệp đã có"},
    "load": {"en": "Load file", "vi": "Mở tệp"},
    "msg_loaded": {"en": "Loaded {name}.", "vi": "Đã mở {name}."},
    "msg_saved": {"en": "Saved {path}.", "vi": "Đã lưu {path}."},
    "msg_saved_from": {
        "en": "Saved from the explorer, starting from {base}.",
        "vi": "Lưu từ công cụ khám phá, xuất phát từ {base}.",
    },
    "msg_exists": {
        "en": "{name}.yaml already exists (a preset or a saved scenario); tick 'replace an "
        "existing file' to overwrite it",
        "vi": "{name}.yaml đã tồn tại (kịch bản có sẵn hoặc đã lưu); đánh dấu 'ghi đè tệp đã "
        "có' để ghi đè",
    },
    "msg_internal": {
        "en": "Internal error (the last good results stay on screen)",
        "vi": "Lỗi nội bộ (kết quả hợp lệ gần nhất vẫn được giữ)",
    },
    "legend_threshold": {"en": "EGDI needed for the rank", "vi": "EGDI cần để đạt thứ hạng"},
    "value": {"en": "Value", "vi": "Giá trị"},
    "basis": {"en": "Legal basis", "vi": "Căn cứ pháp lý"},
}


def t(key: str, language: str = "en", **values: object) -> str:
    """The string `key` in `language` (English if that language lacks it), formatted."""
    entry = TEXT[key]
    return entry.get(language, entry["en"]).format(**values)
