"""User-facing strings in English and Vietnamese, in one place.

Lever labels live in the lever registry and indicator labels in data/indicators.csv; this
module holds the rest (chart titles, legends, table headings).
"""

from __future__ import annotations

import numpy as np

LANGUAGES = ("en", "vi")

TEXT: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "vi": "Năm"},
    "edition": {"en": "UN survey edition", "vi": "Kỳ khảo sát của Liên Hợp Quốc"},
    "observed": {"en": "Observed", "vi": "Số liệu thực tế"},
    "median": {"en": "Median (this scenario)", "vi": "Trung vị (kịch bản này)"},
    "baseline_median": {"en": "Median (baseline)", "vi": "Trung vị (kịch bản cơ sở)"},
    "band_80": {"en": "80% interval", "vi": "Khoảng dự báo 80%"},
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
    "col_expected": {
        "en": "Expected (median, 80% interval)",
        "vi": "Dự kiến (trung vị, khoảng dự báo 80%)",
    },
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
    "status_unmeasured": {"en": "deadline passed, not measured", "vi": "đã quá hạn, chưa có số đo"},
    "col_base_rate": {
        "en": "Base rate, comparable countries",
        "vi": "Tỷ lệ cơ sở, các nước tương đương",
    },
    "p_basis_model": {"en": "data-driven model", "vi": "mô hình dựa trên số liệu"},
    "p_basis_assumptions": {"en": "assumptions only", "vi": "chỉ dựa trên giả định"},
    "rarity": {
        "en": "this scenario assumes gains that 1 in {n} comparable countries achieved",
        "vi": "kịch bản này giả định mức cải thiện mà chỉ 1 trong {n} nước tương đương đạt được",
    },
    "rarity_none": {
        "en": "this scenario assumes gains that none of {cases} comparable countries achieved",
        "vi": "kịch bản này giả định mức cải thiện mà không nước nào trong {cases} nước tương "
        "đương đạt được",
    },
    "vs": {"en": "vs", "vi": "so với"},
    "latest": {"en": "latest", "vi": "mới nhất"},
    "basis_central": {"en": "on the central path", "vi": "theo đường trung tâm"},
    "basis_80%": {"en": "for an 80% chance", "vi": "để có xác suất 80%"},
    "need_gain": {
        "en": "Viet Nam's extra gain in every EGDI component",
        "vi": "Mức tăng thêm của Việt Nam ở mỗi chỉ số thành phần EGDI",
    },
    "need_gain_unit": {
        "en": "points per edition above its fitted path",
        "vi": "điểm mỗi kỳ, cao hơn quỹ đạo ước lượng",
    },
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


def number(value: float, digits: int = 1, language: str = "en") -> str:
    """A number as readers of `language` write it: 1,234.5 in English, 1.234,5 in Vietnamese."""
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "vi" else text


def value_range(low: float, high: float, digits: int = 2, language: str = "en") -> str:
    """'13.00–13.61' in English, '13,00–13,61' in Vietnamese."""
    return f"{number(low, digits, language)}–{number(high, digits, language)}"


def percent(p: float, language: str = "en") -> str:
    """A probability as a whole percent; never 0% or 100%, which a simulation cannot show."""
    if p is None or p != p:
        return "—"
    if p < 0.005:
        return "<1%"
    if p > 0.995:
        return ">99%"
    return f"{number(100 * p, 0, language)}%"


def significant(value: float, digits: int = 3, language: str = "en") -> str:
    """`value` to `digits` significant figures (whole numbers above that), in `language`."""
    if value != value:
        return "—"
    if value == 0:
        return "0"
    places = max(0, digits - 1 - int(np.floor(np.log10(abs(value)))))
    text = number(round(value, places), places, language)
    point = "," if language == "vi" else "."
    return text.rstrip("0").rstrip(point) if point in text else text


_BASIS_VI = (
    ("Decision", "Quyết định"), ("Resolution", "Nghị quyết"), ("QD-TTg", "QĐ-TTg"),
    ("MIC plan", "Kế hoạch của Bộ TT&TT"),
)  # fmt: skip


def clause_in(clause: object, language: str) -> str:
    """A target's clause in `language` (empty where the registry has none)."""
    if not isinstance(clause, str):
        return ""
    return clause if language == "en" else _CLAUSES_VI.get(clause, clause)


_CLAUSES_VI = {
    "objectives to 2025": "mục tiêu đến năm 2025",
    "objectives to 2030": "mục tiêu đến năm 2030",
    "orientation to 2030": "định hướng đến năm 2030",
    "vision to 2045": "tầm nhìn đến năm 2045",
    "Art. 1, basic objectives to 2025 (digital economy)":
        "Điều 1, mục tiêu cơ bản đến năm 2025 (phát triển kinh tế số)",
    "Art. 1, objectives to 2030 (digital economy)":
        "Điều 1, mục tiêu đến năm 2030 (phát triển kinh tế số)",
    "Art. 1, basic objectives to 2025 (digital government)":
        "Điều 1, mục tiêu cơ bản đến năm 2025 (phát triển Chính phủ số)",
    "Art. 1, objectives to 2030 (digital government)":
        "Điều 1, mục tiêu đến năm 2030 (phát triển Chính phủ số)",
    "Art. 1, basic objectives to 2025 (digital society)":
        "Điều 1, mục tiêu cơ bản đến năm 2025 (phát triển xã hội số)",
    "national action plan for the digital economy 2024-2025":
        "kế hoạch hành động quốc gia phát triển kinh tế số giai đoạn 2024-2025",
}  # fmt: skip


def basis_in(basis: str, language: str) -> str:
    """A target's legal basis with its document type in `language` (the numbers stay)."""
    if language != "vi":
        return basis
    for english, vietnamese in _BASIS_VI:
        basis = basis.replace(english, vietnamese)
    return basis


TEXT.update({
    "report_title": {"en": "Digital-transformation targets: scenario report",
                     "vi": "Các mục tiêu chuyển đổi số: báo cáo kịch bản"},
    "report_scenario": {"en": "Scenario file", "vi": "Tệp kịch bản"},
    "report_intro": {
        "en": "Probabilities are shares of simulated paths (see the methodology). A target whose "
        "year, or UN survey edition, has already been measured is judged on the data, not "
        "forecast.",
        "vi": "Xác suất là tỷ lệ các đường mô phỏng đạt mục tiêu (xem phần phương pháp). Mục "
        "tiêu mà năm hoặc kỳ khảo sát của Liên Hợp Quốc đã có số đo được đánh giá theo số liệu, "
        "không dự báo.",
    },
    "h_summary": {"en": "The verdict", "vi": "Kết luận"},
    "key_decided": {
        "en": "Of the {n} official targets, {met} met and {missed} missed on published data; "
        "{unmeasured} passed their deadline with nothing measuring them; {open} are still "
        "open.",
        "vi": "Trong {n} mục tiêu chính thức, {met} mục tiêu đã đạt và {missed} mục tiêu không "
        "đạt theo số liệu đã công bố, {unmeasured} mục tiêu đã quá hạn mà chưa có số đo, và "
        "{open} mục tiêu còn đang mở.",
    },
    "key_best": {
        "en": "Most within reach: {target} by {year}, with a {p} chance.",
        "vi": "Gần tầm với nhất: {target} vào năm {year}, xác suất {p}.",
    },
    "key_worst": {
        "en": "Furthest away: {target} by {year}, with a {p} chance.",
        "vi": "Xa nhất: {target} vào năm {year}, xác suất {p}.",
    },
    "key_need": {
        "en": " An 80% chance would need {need}.",
        "vi": " Để có xác suất 80% cần {need}.",
    },
    "goal_top": {"en": "{label}: top {value}", "vi": "{label}: nhóm {value} đứng đầu"},
    "verdict_note": {
        "en": "P(meet) here, in the baseline, and the base rate of comparable countries; "
        "median with its 80% interval in brackets; * = observed value. The scorecard below "
        "adds what an 80% chance needs.",
        "vi": "Xác suất đạt trong kịch bản này, trong kịch bản cơ sở, và tỷ lệ cơ sở của các "
        "nước tương đương; trung vị, trong ngoặc là khoảng dự báo 80%; * = giá trị thực tế. Bảng đánh "
        "giá bên dưới bổ sung mức cần cho xác suất 80%.",
    },
    "choice_gso_value_added": {"en": "GSO value added (official)",
                               "vi": "Giá trị tăng thêm theo Tổng cục Thống kê (chính thức)"},
    "choice_mic_estimate": {"en": "MIC estimates (revenue-based)",
                            "vi": "Ước tính của Bộ TT&TT (theo doanh thu)"},
    "choice_fitted": {"en": "fitted dynamics", "vi": "động lực ước lượng"},
    "choice_recent_pace": {"en": "2014-2024 pace", "vi": "nhịp 2014-2024"},
    "index_title": {"en": "Scenario comparison", "vi": "So sánh kịch bản"},
    "index_intro": {
        "en": "The chance of meeting each official target under each scenario (met, missed or "
        "not measured where its deadline has passed), beside the base rate of comparable "
        "countries; then key values. Each column links to the scenario's full report.",
        "vi": "Xác suất đạt từng mục tiêu chính thức theo từng kịch bản (đã đạt, không đạt "
        "hoặc chưa có số đo khi đã quá hạn), bên cạnh tỷ lệ cơ sở của các nước tương đương; "
        "sau đó là các giá trị chính. Mỗi cột dẫn tới báo cáo đầy đủ của kịch bản.",
    },
    "index_by": {"en": "by {year}", "vi": "vào năm {year}"},
    "index_settings": {"en": "Computed with {draws} simulated paths, seed {seed}.",
                       "vi": "Tính với {draws} đường mô phỏng, giá trị khởi tạo ngẫu nhiên {seed}."},
    "index_values": {"en": "Key values", "vi": "Giá trị chính"},
    "index_values_note": {
        "en": "Median, with the 80% interval in brackets; * = observed value; — = not "
        "projected.",
        "vi": "Trung vị, trong ngoặc là khoảng dự báo 80%; * = giá trị thực tế; — = không dự báo.",
    },
    "index_legend": {"en": "What the colours mean", "vi": "Ý nghĩa màu sắc"},
    "index_failed": {"en": "failed", "vi": "lỗi"},
    "language_name": {"en": "English", "vi": "Tiếng Việt"},
    "legend_met": {"en": "the published value meets the target",
                   "vi": "giá trị đã công bố đạt mục tiêu"},
    "legend_on_track": {"en": "open, chance of 80% or more", "vi": "còn mở, xác suất từ 80%"},
    "legend_at_risk": {"en": "open, chance of 50-80%", "vi": "còn mở, xác suất 50-80%"},
    "legend_off_track": {"en": "open, chance below 50%", "vi": "còn mở, xác suất dưới 50%"},
    "legend_missed": {"en": "the published value misses the target",
                      "vi": "giá trị đã công bố không đạt mục tiêu"},
    "legend_unmeasured": {"en": "deadline passed and no series measured it",
                          "vi": "đã quá hạn và chưa có chuỗi số liệu nào đo"},
    "legend_no_model": {"en": "open, but no model projects it",
                        "vi": "còn mở, nhưng chưa có mô hình dự báo"},
    "h_parameters": {"en": "Levers in this scenario", "vi": "Các tham số của kịch bản"},
    "h_scorecard": {"en": "Target scorecard", "vi": "Bảng đánh giá mục tiêu"},
    "scorecard_intro": {
        "en": "P(meet) is the share of simulated paths that meet the target, beside the "
        "baseline's, and, for EGDI ranks, the base rate of comparable countries. Its basis says "
        "whether it rests on a model fitted to data or on assumptions only. 'Expected' is the "
        "median, with the 80% interval below it. 'What it needs' is the lever value that gives "
        "an 80% chance, against this scenario's, on the same scale. A target whose deadline has "
        "passed is judged on the data, or marked as not measured: it is never forecast.",
        "vi": "Xác suất đạt là tỷ lệ đường mô phỏng đạt mục tiêu, bên cạnh xác suất của kịch bản "
        "cơ sở, và với thứ hạng EGDI là tỷ lệ cơ sở của các nước tương đương. Cơ sở của xác suất "
        "cho biết nó dựa trên mô hình ước lượng từ số liệu hay chỉ dựa trên giả định. 'Dự kiến' "
        "là trung vị, kèm khoảng dự báo 80% bên dưới. 'Mức cần' là giá trị tham số cho xác suất 80%, so "
        "với giá trị trong kịch bản này, trên cùng thang đo. Mục tiêu đã quá hạn được đánh giá "
        "theo số liệu, hoặc ghi là chưa có số đo: không bao giờ được dự báo.",
    },
    "h_digital_economy": {"en": "Digital economy, share of GDP",
                          "vi": "Kinh tế số, tỷ trọng trong GDP"},
    "h_training": {"en": "Training and digital skills", "vi": "Đào tạo và kỹ năng số"},
    "s_goal": {"en": "{label} {comparator} {amount} by {year} ({bases}).",
               "vi": "{label} {comparator} {amount} vào năm {year} ({bases})."},
    "s_goal_rank": {"en": "{label}: top {value} by {year} ({bases}).",
                    "vi": "{label}: nhóm {value} đứng đầu vào năm {year} ({bases})."},
    "s_judged_on": {"en": "Read on the {edition} edition.", "vi": "Đánh giá theo kỳ {edition}."},
    "s_met": {"en": "Met: {observed} in {year} ({source}).",
              "vi": "Đã đạt: {observed} năm {year} ({source})."},
    "s_missed": {"en": "Missed: {observed} in {year} ({source}).",
                 "vi": "Không đạt: {observed} năm {year} ({source})."},
    "s_unmeasured": {
        "en": "The deadline has passed and no series measured it, so no probability is given.",
        "vi": "Đã quá hạn và chưa có chuỗi số liệu nào đo, nên không đưa ra xác suất.",
    },
    "s_no_model": {"en": "No model in dxmodel projects this indicator yet.",
                   "vi": "dxmodel chưa có mô hình dự báo chỉ số này."},
    "s_open": {"en": "Chance {p} ({basis}); median {mid} (80% interval {lo}–{hi}).",
               "vi": "Xác suất {p} ({basis}); trung vị {mid} (khoảng dự báo 80%: {lo}–{hi})."},
    "s_base_rate": {
        "en": "Of comparable countries, {hits} of {cases} ({rate}) got there.",
        "vi": "Trong các nước tương đương, {hits}/{cases} nước ({rate}) đã đạt được.",
    },
    "s_rare": {"en": "Note: {rare}.", "vi": "Lưu ý: {rare}."},
    "s_need": {
        "en": "An 80% chance needs {lever} of {need} {unit}, against {scenario} in this "
        "scenario.",
        "vi": "Để có xác suất 80%, cần {lever} ở mức {need} {unit}, so với {scenario} trong kịch "
        "bản này.",
    },
    "s_need_unreachable": {
        "en": "{lever} cannot give an 80% chance within its range.",
        "vi": "{lever} không thể đạt xác suất 80% trong phạm vi của tham số.",
    },
    "s_recent_pace": {
        "en": "Under '{title}' the chance would be {p}; that pace is worth about {gain} points "
        "per component per edition above the fitted path.",
        "vi": "Theo kịch bản '{title}', xác suất là {p}; nhịp đó tương đương khoảng {gain} điểm "
        "mỗi chỉ số thành phần mỗi kỳ, cao hơn quỹ đạo ước lượng.",
    },
    "de_intro": {
        "en": "Projected on {series} alone, from {latest}% of GDP in {year}. The digital "
        "economy grew about {past}% a year in this series' past; this scenario assumes "
        "{scenario}% a year.",
        "vi": "Dự báo chỉ theo {series}, từ mức {latest}% GDP năm {year}. Trong quá khứ của "
        "chuỗi này, kinh tế số tăng khoảng {past}% mỗi năm; kịch bản này giả định {scenario}% "
        "mỗi năm.",
    },
    "ranking_intro": {
        "en": "Viet Nam ranked {latest} of 193 in the {year} edition. Its median rank is {mid} "
        "in {edition} (80% interval {lo}–{hi}).",
        "vi": "Việt Nam xếp thứ {latest}/193 ở kỳ {year}. Thứ hạng trung vị là {mid} ở kỳ "
        "{edition} (khoảng dự báo 80%: {lo}–{hi}).",
    },
    "h_ranking": {"en": "UN E-Government Development Index",
                  "vi": "Chỉ số phát triển Chính phủ điện tử của Liên Hợp Quốc"},
    "h_backtests": {"en": "How well the models have forecast",
                    "vi": "Độ chính xác dự báo của các mô hình trong quá khứ"},
    "h_backtest_ranking": {
        "en": "EGDI rank: fitted on the editions up to {origins}, forecasting every later one",
        "vi": "Thứ hạng EGDI: ước lượng đến các kỳ {origins}, dự báo mọi kỳ sau đó",
    },
    "backtest_summary": {
        "en": "One edition ahead, over {n} editions, the model's mean absolute rank error was "
        "{model}, against {persistence} for persistence (rank unchanged) and {drift} for drift; "
        "it beat persistence in {wins} of {n}. Its 80% intervals held {coverage} of the actual "
        "EGDI values. It expected {entered} countries to enter the top 50 where {entered_actual} "
        "did; comparable countries (within {band} places of Viet Nam) were given {p_near} on "
        "average, and {near_actual} of them made it.",
        "vi": "Dự báo trước một kỳ, qua {n} kỳ, sai số tuyệt đối trung bình về thứ hạng của mô "
        "hình là {model}, so với {persistence} khi giữ nguyên thứ hạng và {drift} khi kéo dài xu "
        "hướng; mô hình tốt hơn cách giữ nguyên thứ hạng ở {wins}/{n} kỳ. Khoảng dự báo 80% của mô hình "
        "chứa {coverage} giá trị EGDI thực tế. Mô hình dự kiến {entered} nước vào nhóm 50, thực "
        "tế là {entered_actual}; các nước tương đương (cách Việt Nam không quá {band} bậc) được "
        "cho xác suất trung bình {p_near}, và {near_actual} trong số đó đã đạt.",
    },
    "bt_coverage_at": {"en": "{p} at {h} edition(s) ahead", "vi": "{p} khi dự báo trước {h} kỳ"},
    "h_backtest_share": {"en": "Digital-economy share: leave the last year out",
                         "vi": "Tỷ trọng kinh tế số: bỏ năm cuối để kiểm tra"},
    "backtest_share": {
        "en": "Each series is fitted without its last year, or its last two, which are then "
        "forecast. PIT is the share of simulated values below the outcome: near 0.5 is a good "
        "centre, and below 0.1 or above 0.9 means the outcome fell outside the 80% interval. "
        "With four to six points, these few errors are all a short series can say.",
        "vi": "Mỗi chuỗi được ước lượng khi bỏ năm cuối, hoặc hai năm cuối, rồi dự báo các năm "
        "đó. PIT là tỷ lệ giá trị mô phỏng thấp hơn kết quả thực: gần 0,5 là đúng tâm, dưới 0,1 "
        "hoặc trên 0,9 nghĩa là kết quả nằm ngoài khoảng dự báo 80%. Với bốn đến sáu điểm số liệu, vài "
        "sai số này là tất cả những gì một chuỗi ngắn có thể cho biết.",
    },
    "bt_horizon": {"en": "Editions ahead", "vi": "Số kỳ dự báo trước"},
    "bt_entered_top50": {"en": "Entered the top 50, forecast",
                         "vi": "Số nước vào nhóm 50, dự báo"},
    "bt_entered_top50_actual": {"en": "Entered the top 50, actual",
                                "vi": "Số nước vào nhóm 50, thực tế"},
    "bt_pit": {"en": "PIT", "vi": "PIT"},
    "bt_fitted_through": {"en": "Fitted through", "vi": "Ước lượng đến"},
    "bt_forecast_edition": {"en": "Forecast edition", "vi": "Kỳ dự báo"},
    "bt_method": {"en": "Method", "vi": "Phương pháp"},
    "bt_mae_rank_all": {"en": "Mean absolute rank error, all countries",
                        "vi": "Sai số thứ hạng tuyệt đối trung bình, mọi quốc gia"},
    "bt_abs_error_vietnam": {"en": "Rank error, Viet Nam", "vi": "Sai số thứ hạng, Việt Nam"},
    "bt_coverage_80": {"en": "Share inside the 80% interval",
                       "vi": "Tỷ lệ nằm trong khoảng dự báo 80%"},
    "bt_series": {"en": "Series", "vi": "Chuỗi"},
    "bt_points_fitted": {"en": "Points fitted", "vi": "Số điểm ước lượng"},
    "bt_held_out_year": {"en": "Year left out", "vi": "Năm để kiểm tra"},
    "bt_actual": {"en": "Actual", "vi": "Thực tế"},
    "bt_forecast": {"en": "Forecast", "vi": "Dự báo"},
    "bt_error_pp": {"en": "Error (points)", "vi": "Sai số (điểm)"},
    "bt_interval_80": {"en": "80% interval", "vi": "Khoảng dự báo 80%"},
    "bt_method_model": {"en": "model", "vi": "mô hình"},
    "bt_method_persistence": {"en": "persistence", "vi": "giữ nguyên"},
    "bt_method_drift": {"en": "drift", "vi": "kéo dài xu hướng"},
    "h_sources": {"en": "Data sources and legal basis", "vi": "Nguồn số liệu và căn cứ pháp lý"},
    "h_legal": {"en": "Targets and their legal basis", "vi": "Các mục tiêu và căn cứ pháp lý"},
    "h_data_sources": {"en": "Sources of the data", "vi": "Nguồn của số liệu"},
    "col_clause": {"en": "Clause", "vi": "Điều khoản"},
    "col_source": {"en": "Source", "vi": "Nguồn"},
    "col_title": {"en": "Title", "vi": "Tiêu đề"},
    "col_accessed": {"en": "Accessed", "vi": "Ngày truy cập"},
    "col_help": {"en": "Where the value comes from", "vi": "Cơ sở của giá trị"},
    "h_methodology": {"en": "Methodology and assumptions", "vi": "Phương pháp và giả định"},
    "h_assumptions": {"en": "Assumptions in this scenario",
                      "vi": "Các giả định trong kịch bản này"},
    "mh_digital_economy": {"en": "Digital economy", "vi": "Kinh tế số"},
    "mt_digital_economy": {
        "en": "The share is projected on one measured series, never mixed with another. Its "
        "odds (digital over non-digital value added) grow each year by (1 + digital-economy "
        "growth) / (1 + GDP growth); around that path a random walk whose yearly spread and pace "
        "error each path draws from what the series' own four to six points can support, plus "
        "the revision error between two vintages of the same year (GSO's own revisions; "
        "heavy-tailed, as a handful of revisions allow). Growth faster than the series' fastest "
        "year on record loses half its excess every two years, and a share stays below 100%. "
        "Each interval is checked by leaving the last year, or two, out.",
        "vi": "Tỷ trọng được dự báo trên một chuỗi số đo duy nhất, không trộn với chuỗi khác. Tỷ "
        "số giữa giá trị kinh tế số và phần còn lại tăng mỗi năm theo (1 + tăng trưởng kinh tế "
        "số) / (1 + tăng trưởng GDP); xung quanh đường đó là một bước ngẫu nhiên, với độ dao động "
        "và sai số nhịp tăng mà mỗi đường mô phỏng rút ra từ bốn đến sáu điểm số liệu của chuỗi, "
        "cộng với sai số điều chỉnh giữa hai lần công bố của cùng một năm (theo các lần điều chỉnh "
        "của chính Tổng cục Thống kê; đuôi dày, vì chỉ có vài lần điều chỉnh). Phần tăng trưởng "
        "vượt năm nhanh nhất từng ghi nhận của chuỗi giảm một nửa sau mỗi hai năm, và tỷ trọng "
        "luôn dưới 100%. Mỗi khoảng dự báo được kiểm tra bằng cách bỏ năm cuối, hoặc hai năm "
        "cuối.",
    },
    "mh_training": {"en": "Training and skills", "vi": "Đào tạo và kỹ năng"},
    "mt_training": {
        "en": "No series measures a Decision 146 target directly, so every assumption is a "
        "lever, sampled around its value. Officials: a yearly stock-flow judged on the share "
        "trained within each year. Experts and engineers: places times completion. Skills: "
        "logistic diffusion from an assumed start towards an assumed ceiling.",
        "vi": "Chưa có chuỗi số liệu nào đo trực tiếp các mục tiêu của Quyết định 146, nên mọi "
        "giả định đều là tham số và được lấy mẫu quanh giá trị của nó. Cán bộ, công chức, viên "
        "chức: mô hình tồn lượng - dòng chảy theo năm, đánh giá theo tỷ lệ được bồi dưỡng trong "
        "từng năm. Chuyên gia và kỹ sư: chỉ tiêu nhân tỷ lệ hoàn thành. Kỹ năng: lan tỏa dạng "
        "logistic từ mức xuất phát giả định tới mức trần giả định.",
    },
    "mh_ranking": {"en": "UN EGDI rank", "vi": "Thứ hạng EGDI"},
    "mt_ranking": {
        "en": "The EGDI is relative, so all 193 countries are simulated: each component's change "
        "per edition is fitted against its level across countries (2014-2024), each simulated "
        "edition borrows one past edition's shift and tilt (2008-2024), the fitted line's own "
        "error is drawn once per path, and each country's noise is resampled from the fit. "
        "Viet Nam moves as the same fit moves a country at its level; a scenario's gains are "
        "extra effort above that path, and shrink as a component nears its ceiling of 1. "
        "Rank = 1 + the number of countries with a strictly higher EGDI in the same draw. Each "
        "EGDI target is shown beside its base rate: how many countries ranked within 15 places "
        "of Viet Nam's rank, in past editions, reached it as many editions later.",
        "vi": "EGDI là chỉ số tương đối, nên cả 193 quốc gia đều được mô phỏng: mức thay đổi mỗi "
        "kỳ của từng chỉ số thành phần được ước lượng theo mức hiện tại trên mọi quốc gia "
        "(2014-2024), mỗi kỳ mô phỏng mượn độ dịch chuyển và độ nghiêng của một kỳ trong quá khứ "
        "(2008-2024), sai số của chính đường ước lượng được rút một lần cho mỗi đường mô phỏng, và "
        "nhiễu của từng nước được lấy lại từ phần dư. Việt Nam thay đổi như mô hình dự báo cho một "
        "nước ở cùng mức; mức tăng của kịch bản là nỗ lực thêm trên quỹ đạo đó, và giảm dần khi "
        "chỉ số thành phần tiến gần mức trần 1. Thứ hạng = 1 + số quốc gia có EGDI cao hơn hẳn "
        "trong cùng một lần mô phỏng. Mỗi mục tiêu EGDI được trình bày cạnh tỷ lệ cơ sở: bao "
        "nhiêu nước từng xếp hạng cách thứ hạng của Việt Nam không quá 15 bậc đã đạt mục tiêu sau "
        "cùng số kỳ đó.",
    },
    "mh_uncertainty": {"en": "Uncertainty", "vi": "Độ bất định"},
    "mt_uncertainty": {
        "en": "Bands and probabilities come from the same simulated paths (the number of draws "
        "and the seed are in the footer, so the report can be reproduced exactly). With such "
        "short series the intervals are wide on purpose; they are checked against past editions "
        "where history allows.",
        "vi": "Các dải và xác suất được tính từ cùng các đường mô phỏng (số lần mô phỏng và hạt "
        "giống ghi ở cuối báo cáo, để có thể tái tạo đúng). Với các chuỗi số liệu ngắn, khoảng "
        "dự báo được để rộng có chủ đích; chúng được kiểm tra với các kỳ trước khi số liệu cho "
        "phép.",
    },
    "f_version": {"en": "dxmodel", "vi": "phiên bản dxmodel"},
    "f_commit": {"en": "commit", "vi": "mã nguồn"},
    "f_data": {"en": "data", "vi": "dữ liệu"},
    "f_scenario": {"en": "scenario", "vi": "kịch bản"},
    "f_seed": {"en": "seed", "vi": "giá trị khởi tạo ngẫu nhiên"},
    "f_draws": {"en": "draws", "vi": "số lần mô phỏng"},
    "f_generated": {"en": "generated", "vi": "thời điểm tạo"},
    "need_unreachable": {"en": "not reached within the lever's range",
                         "vi": "không đạt được trong phạm vi của tham số"},
    "warning_series": {
        "en": "judged on {series}, which may not be the measure the target meant",
        "vi": "đánh giá theo {series}, có thể không phải thước đo mà mục tiêu hướng tới",
    },
})  # fmt: skip

TEXT.update({  # charts (issue 11)
    "ch_band_80": {"en": "80% interval (this scenario)", "vi": "Khoảng 80% (kịch bản này)"},
    "ch_band_50": {"en": "50% interval (this scenario)", "vi": "Khoảng 50% (kịch bản này)"},
    "ch_mic_2022": {"en": "MIC's published 2022 scenarios for 2025",
                    "vi": "Các kịch bản cho năm 2025 do Bộ TT&TT công bố năm 2022"},
    "ch_mic_2022_normal": {"en": "normal", "vi": "bình thường"},
    "ch_mic_2022_quicker": {"en": "quicker", "vi": "nhanh hơn"},
    "ch_mic_2022_breakthrough": {"en": "breakthrough", "vi": "bứt phá"},
    "ch_mic_2022_label": {"en": "‘{name}’ {value}%", "vi": "‘{name}’ {value}%"},
    "ch_mic_2022_title": {"en": "MIC's 2022 scenario ‘{name}’: {value}% of GDP in 2025",
                          "vi": "Kịch bản ‘{name}’ của Bộ TT&TT (2022): {value}% GDP năm 2025"},
    "ch_mic_2022_note": {
        "en": "Published in January 2022 for 2025 and drafted against the 8.2% quoted for "
        "2020: a scenario, not a point on either series.",
        "vi": "Công bố tháng 1/2022 cho năm 2025, xây dựng từ con số 8,2% của năm 2020: là "
        "kịch bản, không phải số liệu của chuỗi nào.",
    },
    "ch_share_title": {
        "en": "Digital economy, % of GDP: GSO's official series and MIC's estimates, each on "
        "its own fit",
        "vi": "Kinh tế số, % GDP: chuỗi chính thức của TCTK và ước tính của Bộ TT&TT, mỗi chuỗi "
        "một mô hình riêng",
    },
    "ch_panel_chosen": {"en": "The scenario's series: the targets are judged on it",
                        "vi": "Chuỗi của kịch bản: các mục tiêu được đánh giá theo chuỗi này"},
    "ch_panel_other": {"en": "The same levers on the other series, for comparison",
                       "vi": "Cùng các tham số trên chuỗi còn lại, để so sánh"},
    "ch_in_year": {"en": "in {year}", "vi": "năm {year}"},
    "ch_target_one": {"en": "Official target: {what}", "vi": "Mục tiêu chính thức: {what}"},
    "ch_target_many": {"en": "{n} official targets: {what}",
                       "vi": "{n} mục tiêu chính thức: {what}"},
})  # fmt: skip

TEXT.update({  # explorer (issue 11)
    "ex_cannot_open": {"en": "Cannot open {name}: {error}", "vi": "Không mở được {name}: {error}"},
    "ex_cannot_write": {"en": "Cannot write {path}: {error}",
                        "vi": "Không ghi được {path}: {error}"},
    "ex_cannot_compute": {
        "en": "These lever values cannot be computed (the last good results stay on screen): "
        "{error}",
        "vi": "Không tính được với các giá trị tham số này (kết quả hợp lệ gần nhất vẫn được "
        "giữ): {error}",
    },
    "ex_bad_name": {
        "en": "scenario name {name} is not allowed: use 1-64 characters: lower-case letters, "
        "digits, '-' or '_', starting with a letter or digit",
        "vi": "Tên kịch bản {name} không hợp lệ: dùng 1-64 ký tự gồm chữ thường không dấu, chữ "
        "số, '-' hoặc '_', bắt đầu bằng chữ hoặc số",
    },
    "ex_preset_name": {
        "en": "{name} is the name of a preset, and presets are never overwritten: choose "
        "another name",
        "vi": "{name} là tên của một kịch bản có sẵn, và kịch bản có sẵn không bao giờ bị ghi "
        "đè: hãy chọn tên khác",
    },
    "ex_pick_saved": {"en": "Pick a saved scenario from the list first.",
                      "vi": "Hãy chọn một kịch bản đã lưu trong danh sách trước."},
    "ex_mine_title": {"en": "{title} (saved)", "vi": "{title} (đã lưu)"},
    "ex_modified_from": {"en": "modified from {title}", "vi": "đã chỉnh từ {title}"},
    "ex_was": {"en": "In {title}: {value}", "vi": "Trong {title}: {value}"},
    "ex_changed": {
        "en": "● Modified from {title}; levers changed: {n}",
        "vi": "● Đã chỉnh từ {title}; số tham số đã thay đổi: {n}",
    },
    "ex_section_mine": {"en": "My scenarios: save and open",
                        "vi": "Kịch bản của tôi: lưu và mở"},
    "ex_save_name": {"en": "File name (lower-case letters, digits, - or _)",
                     "vi": "Tên tệp (chữ thường không dấu, chữ số, - hoặc _)"},
    "ex_save_title": {"en": "Title, in English", "vi": "Tiêu đề, bằng tiếng Việt"},
    "ex_title_placeholder": {"en": "e.g. Faster training", "vi": "ví dụ: Đào tạo nhanh hơn"},
    "ex_saved_list": {
        "en": "My saved scenarios (kept apart from the presets)",
        "vi": "Kịch bản đã lưu của tôi (tách riêng khỏi các kịch bản có sẵn)",
    },
    "ex_open": {"en": "Open", "vi": "Mở"},
    "ex_tab_scorecard": {"en": "All targets", "vi": "Tất cả mục tiêu"},
    "ex_key_targets": {
        "en": "Key targets: the chance of meeting each in this scenario, the baseline's below",
        "vi": "Mục tiêu chính: xác suất đạt trong kịch bản này, của kịch bản cơ sở ở dưới",
    },
    "ex_baseline_p": {"en": "baseline {p}", "vi": "cơ sở {p}"},
    "ex_short_digital_economy_share": {"en": "Digital economy, share of GDP",
                                       "vi": "Tỷ trọng kinh tế số trong GDP"},
    "ex_short_egdi_rank": {"en": "UN EGDI rank", "vi": "Thứ hạng EGDI"},
    "ex_short_egdi_rank_sea": {"en": "EGDI rank in South-East Asia",
                               "vi": "Thứ hạng EGDI trong khu vực Đông Nam Á"},
    "ex_short_online_service_skills_share": {
        "en": "Adults able to use online public services",
        "vi": "Người 15-64 tuổi biết dùng dịch vụ công trực tuyến",
    },
    "ex_short_digital_tech_graduates": {
        "en": "High-quality digital-tech graduates",
        "vi": "Kỹ sư, cử nhân công nghệ số chất lượng cao",
    },
    "ex_short_stem_school_share": {"en": "Schools teaching STEM/STEAM",
                                   "vi": "Cơ sở giáo dục dạy STEM/STEAM"},
    "ex_short_officials_trained_share": {
        "en": "Officials trained in digital skills in the year",
        "vi": "Cán bộ, công chức, viên chức được bồi dưỡng kỹ năng số trong năm",
    },
    "ex_short_dt_experts_trained": {"en": "Digital-transformation experts trained",
                                    "vi": "Chuyên gia chuyển đổi số được đào tạo"},
})  # fmt: skip
