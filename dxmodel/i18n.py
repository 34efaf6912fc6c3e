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


def number(value: float, digits: int = 1, language: str = "en") -> str:
    """A number as readers of `language` write it: 1,234.5 in English, 1.234,5 in Vietnamese."""
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "vi" else text


_BASIS_VI = (
    ("Decision", "Quyết định"), ("Resolution", "Nghị quyết"), ("QD-TTg", "QĐ-TTg"),
    ("MIC plan", "Kế hoạch của Bộ TT&TT"),
)  # fmt: skip


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
    "h_parameters": {"en": "Levers in this scenario", "vi": "Các tham số của kịch bản"},
    "h_scorecard": {"en": "Target scorecard", "vi": "Bảng đánh giá mục tiêu"},
    "scorecard_intro": {
        "en": "P(meet) is the share of simulated paths that meet the target, beside the "
        "baseline's. 'What it needs' is the lever value that reaches the target (on the central "
        "path, or with an 80% chance), against this scenario's.",
        "vi": "Xác suất đạt là tỷ lệ đường mô phỏng đạt mục tiêu, bên cạnh xác suất của kịch "
        "bản cơ sở. 'Mức cần' là giá trị tham số giúp đạt mục tiêu (theo đường trung tâm, hoặc "
        "với xác suất 80%), so với giá trị trong kịch bản này.",
    },
    "h_digital_economy": {"en": "Digital economy, share of GDP",
                          "vi": "Kinh tế số, tỷ trọng trong GDP"},
    "de_2025_observed": {
        "en": "The 20% target for 2025 is {status} on {series}: it measured {value}%.",
        "vi": "Mục tiêu 20% năm 2025: {status} theo {series}, số đo là {value}%.",
    },
    "de_2025_open": {
        "en": "This series has not yet published 2025; the chance of 20% in 2025 is {p}.",
        "vi": "Chuỗi này chưa công bố số liệu năm 2025; xác suất đạt 20% năm 2025 là {p}.",
    },
    "de_sentence": {
        "en": "Under this scenario the digital economy reaches {mid}% of GDP in 2030 on {series} "
        "(80% interval {lo}-{hi}%), from {latest}% in {year}. The chance of the 30% target for "
        "2030 is {p}; reaching it needs digital-economy growth of {need}% a year, against "
        "{scenario}% in this scenario and {past}% in this series' past.",
        "vi": "Theo kịch bản này, kinh tế số đạt {mid}% GDP năm 2030 theo {series} (khoảng 80%: "
        "{lo}-{hi}%), từ mức {latest}% năm {year}. Xác suất đạt mục tiêu 30% năm 2030 là {p}; "
        "để đạt, kinh tế số cần tăng {need}% mỗi năm, so với {scenario}% trong kịch bản này và "
        "{past}% trong quá khứ của chuỗi.",
    },
    "h_training": {"en": "Training and digital skills", "vi": "Đào tạo và kỹ năng số"},
    "training_sentence": {
        "en": "By 2025 about {experts} digital-transformation experts are trained (target "
        "1,000; chance {p_experts}) and {skills}% of working-age people can use online public "
        "services (target 70%; chance {p_skills}; 90% by 2030: {p_skills_2030}). Within 2025, "
        "{officials}% of officials are trained, against the 100% target. By 2030 about "
        "{graduates} high-quality digital-technology engineers and bachelors have graduated "
        "(target 20,000; chance {p_graduates}).",
        "vi": "Đến năm 2025 có khoảng {experts} chuyên gia chuyển đổi số được đào tạo (mục tiêu "
        "1.000; xác suất {p_experts}) và {skills}% người trong độ tuổi lao động biết sử dụng dịch "
        "vụ công trực tuyến (mục tiêu 70%; xác suất {p_skills}; 90% vào năm 2030: "
        "{p_skills_2030}). Trong năm 2025, {officials}% cán bộ, công chức, viên chức được bồi "
        "dưỡng, so với mục tiêu 100%. Đến năm 2030 có khoảng {graduates} kỹ sư, cử nhân công "
        "nghệ số chất lượng cao tốt nghiệp (mục tiêu 20.000; xác suất {p_graduates}).",
    },
    "h_ranking": {"en": "UN E-Government Development Index",
                  "vi": "Chỉ số phát triển Chính phủ điện tử của Liên Hợp Quốc"},
    "ranking_sentence": {
        "en": "Viet Nam's median rank is {mid} in the 2026 edition (80% interval {lo}-{hi}) and "
        "{mid30} in 2030. The chance of the top 50 in 2026 is {p50}, and of the top 30 in 2030 "
        "{p30}. An 80% chance of the top 50 in 2026 needs a gain of {need} EGDI points per "
        "edition in every component, against {scenario} in this scenario and {past} a edition "
        "in 2014-2024.",
        "vi": "Thứ hạng trung vị của Việt Nam là {mid} ở kỳ 2026 (khoảng 80%: {lo}-{hi}) và "
        "{mid30} ở kỳ 2030. Xác suất vào nhóm 50 năm 2026 là {p50}, vào nhóm 30 năm 2030 là "
        "{p30}. Để có xác suất 80% vào nhóm 50 năm 2026, mỗi chỉ số thành phần cần tăng {need} "
        "điểm EGDI mỗi kỳ, so với {scenario} trong kịch bản này và {past} mỗi kỳ giai đoạn "
        "2014-2024.",
    },
    "h_backtests": {"en": "How well the models have forecast",
                    "vi": "Độ chính xác dự báo của các mô hình trong quá khứ"},
    "h_backtest_ranking": {
        "en": "EGDI rank: fitted on editions up to 2018, 2020 and 2022, forecasting the next",
        "vi": "Thứ hạng EGDI: ước lượng đến các kỳ 2018, 2020 và 2022, dự báo kỳ kế tiếp",
    },
    "backtest_summary": {
        "en": "Over {n} editions the model's mean absolute rank error was {model}, against "
        "{persistence} for persistence (rank unchanged) and {drift} for drift; it beat "
        "persistence in {wins} of {n}. Its 80% intervals held {cov_lo}-{cov_hi}% of the actual "
        "EGDI values.",
        "vi": "Qua {n} kỳ, sai số tuyệt đối trung bình về thứ hạng của mô hình là {model}, so "
        "với {persistence} khi giữ nguyên thứ hạng và {drift} khi kéo dài xu hướng; mô hình tốt "
        "hơn cách giữ nguyên thứ hạng ở {wins}/{n} kỳ. Khoảng 80% của mô hình chứa "
        "{cov_lo}-{cov_hi}% giá trị EGDI thực tế.",
    },
    "h_backtest_share": {"en": "Digital-economy share: leave the last year out",
                         "vi": "Tỷ trọng kinh tế số: bỏ năm cuối để kiểm tra"},
    "backtest_share": {
        "en": "Each series is fitted without its last year, which is then forecast from the "
        "series' own pace. With four to six points, these errors are all a short series can say.",
        "vi": "Mỗi chuỗi được ước lượng khi bỏ năm cuối, rồi dự báo năm đó theo nhịp của chính "
        "chuỗi. Với bốn đến sáu điểm số liệu, các sai số này là tất cả những gì một chuỗi ngắn "
        "có thể cho biết.",
    },
    "bt_fitted_through": {"en": "Fitted through", "vi": "Ước lượng đến"},
    "bt_forecast_edition": {"en": "Forecast edition", "vi": "Kỳ dự báo"},
    "bt_method": {"en": "Method", "vi": "Phương pháp"},
    "bt_mae_rank_all": {"en": "Mean absolute rank error, all countries",
                        "vi": "Sai số thứ hạng tuyệt đối trung bình, mọi quốc gia"},
    "bt_abs_error_vietnam": {"en": "Rank error, Viet Nam", "vi": "Sai số thứ hạng, Việt Nam"},
    "bt_coverage_80": {"en": "Share inside the 80% interval",
                       "vi": "Tỷ lệ nằm trong khoảng 80%"},
    "bt_series": {"en": "Series", "vi": "Chuỗi"},
    "bt_points_fitted": {"en": "Points fitted", "vi": "Số điểm ước lượng"},
    "bt_held_out_year": {"en": "Year left out", "vi": "Năm để kiểm tra"},
    "bt_actual": {"en": "Actual", "vi": "Thực tế"},
    "bt_forecast": {"en": "Forecast", "vi": "Dự báo"},
    "bt_error_pp": {"en": "Error (points)", "vi": "Sai số (điểm)"},
    "bt_interval_80": {"en": "80% interval", "vi": "Khoảng 80%"},
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
        "error each path draws from what the series' own four to six points can support.",
        "vi": "Tỷ trọng được dự báo trên một chuỗi số đo duy nhất, không trộn với chuỗi khác. Tỷ "
        "số giữa giá trị kinh tế số và phần còn lại tăng mỗi năm theo (1 + tăng trưởng kinh tế "
        "số) / (1 + tăng trưởng GDP); xung quanh đường đó là một bước ngẫu nhiên, với độ dao động "
        "và sai số nhịp tăng mà mỗi đường mô phỏng rút ra từ bốn đến sáu điểm số liệu của chuỗi.",
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
        "per edition is fitted against its level across countries (2014-2024), with noise "
        "resampled from that fit. Viet Nam moves by the scenario's gains. Rank = 1 + the number "
        "of countries with a strictly higher EGDI in the same draw.",
        "vi": "EGDI là chỉ số tương đối, nên cả 193 quốc gia đều được mô phỏng: mức thay đổi mỗi "
        "kỳ của từng chỉ số thành phần được ước lượng theo mức hiện tại trên mọi quốc gia "
        "(2014-2024), với nhiễu lấy lại từ phần dư. Việt Nam thay đổi theo mức tăng của kịch bản. "
        "Thứ hạng = 1 + số quốc gia có EGDI cao hơn hẳn trong cùng một lần mô phỏng.",
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
    "f_commit": {"en": "commit", "vi": "mã commit"},
    "f_data": {"en": "data", "vi": "dữ liệu"},
    "f_scenario": {"en": "scenario", "vi": "kịch bản"},
    "f_seed": {"en": "seed", "vi": "hạt giống"},
    "f_draws": {"en": "draws", "vi": "số lần mô phỏng"},
    "f_generated": {"en": "generated", "vi": "thời điểm tạo"},
    "need_unreachable": {"en": "not reached within the lever's range",
                         "vi": "không đạt được trong phạm vi của tham số"},
    "warning_series": {
        "en": "judged on {series}, which may not be the measure the target meant",
        "vi": "đánh giá theo {series}, có thể không phải thước đo mà mục tiêu hướng tới",
    },
})  # fmt: skip
