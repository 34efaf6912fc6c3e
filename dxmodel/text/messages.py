"""UI strings in English, the source language: one key, one text (see `dxmodel.text.i18n`).

Translations are in dxmodel/text/locale/<lang>/LC_MESSAGES/dxmodel.po, keyed by these keys as
gettext contexts. Placeholders in braces are filled by `t(key, language, **values)`.
"""

MESSAGES: dict[str, str] = {
    "index_other_settings": "computed with {draws} paths, seed {seed}: not comparable",
    "ex_name_placeholder": "my_plan",
    "year": "Year",
    "edition": "UN survey edition",
    "observed": "Observed",
    "median": "Median (this scenario)",
    "baseline_median": "Median (baseline)",
    "band_80": "80% interval",
    "band_50": "50% interval",
    "target": "Official target",
    "judged_on": "judged on the {year} edition",
    "rank_title": "Viet Nam's UN EGDI rank among 193 countries",
    "rank_axis": "Rank (1 = best)",
    "egdi_title": "Viet Nam's EGDI and the score needed for the top 50 and top 30",
    "egdi_axis": "EGDI (0-1)",
    "needed_for_rank": "Needed to rank {n}th",
    "series": "Series",
    "legend_scenario": "This scenario (median, 50% and 80%)",
    "legend_baseline": "Baseline (median)",
    "legend_observed": "Observed",
    "legend_target": "Official target",
    "legend_persistence": "Persistence (last value held)",
    "legend_drift": "Drift (past line extended)",
    "share_title": "Digital economy, % of GDP — {series}",
    "share_axis": "% of GDP",
    "series_gso_value_added": "GSO value added (official)",
    "series_mic_estimate": "MIC estimates (revenue-based)",
    "assumption_note": (
        "No observed series: the bands rest on the labelled assumptions (see the levers)"
    ),
    "col_target": "Target",
    "col_deadline": "By (edition)",
    "col_status": "Status",
    "col_p": "P(meet)",
    "col_p_baseline": "P(meet), baseline",
    "col_expected": "Expected (median, 80% interval)",
    "col_needs": "What it needs (vs this scenario)",
    "col_lever": "Lever",
    "col_kind": "Kind",
    "col_value": "Value",
    "col_unit": "Unit",
    "col_vs_baseline": "Change from baseline",
    "kind_policy": "policy lever",
    "kind_assumption": "assumption",
    "kind_setting": "setting",
    "status_met": "met",
    "status_missed": "missed",
    "status_on_track": "on track",
    "status_at_risk": "at risk",
    "status_off_track": "off track",
    "status_no_model": "no model",
    "status_unmeasured": "deadline passed, not measured",
    "col_base_rate": "Base rate, comparable countries",
    "p_basis_model": "data-driven model",
    "p_basis_assumptions": "assumptions only",
    "rarity": "this scenario assumes gains that 1 in {n} comparable countries achieved",
    "rarity_none": "this scenario assumes gains that none of {cases} comparable countries achieved",
    "vs": "vs",
    "latest": "latest",
    "basis_central": "on the central path",
    "basis_80%": "for an 80% chance",
    "need_gain": "Viet Nam's extra gain in every EGDI component",
    "need_gain_unit": "points per edition above its fitted path",
    "group_policy": "Policy levers",
    "group_assumption": "Assumptions",
    "group_setting": "Settings",
    "tab_digital_economy": "Digital economy",
    "tab_training": "Training and skills",
    "tab_ranking": "UN EGDI",
    "preset": "Scenario",
    "reset": "Reset to baseline",
    "save": "Save scenario",
    "save_title": "Title",
    "replace": "replace an existing file",
    "load": "Load file",
    "msg_loaded": "Loaded {name}.",
    "msg_saved": "Saved {path}.",
    "msg_saved_from": "Saved from the explorer, starting from {base}.",
    "msg_exists": (
        "{name}.yaml already exists (a preset or a saved scenario); tick 'replace an "
        "existing file' to overwrite it"
    ),
    "msg_internal": "Internal error (the last good results stay on screen)",
    "legend_threshold": "EGDI needed for the rank",
    "value": "Value",
    "basis": "Legal basis",
    "report_title": "Digital-transformation targets: scenario report",
    "report_scenario": "Scenario file",
    "report_intro": (
        "Probabilities are shares of simulated paths (see the methodology). A target "
        "whose year, or UN survey edition, has already been measured is judged on the "
        "data, not forecast."
    ),
    "h_summary": "The verdict",
    "key_decided": (
        "Of the {n} official targets, {met} met and {missed} missed on published data; "
        "{unmeasured} passed their deadline with nothing measuring them; {open} are "
        "still open."
    ),
    "key_best": "Most within reach: {target} by {year}, with a {p} chance.",
    "key_worst": "Furthest away: {target} by {year}, with a {p} chance.",
    "key_need": " An 80% chance would need {need}.",
    "goal_top": "{label}: top {value}",
    "verdict_note": (
        "P(meet) here, in the baseline, and the base rate of comparable countries; "
        "median with its 80% interval in brackets; * = observed value. The scorecard "
        "below adds what an 80% chance needs."
    ),
    "choice_gso_value_added": "GSO value added (official)",
    "choice_mic_estimate": "MIC estimates (revenue-based)",
    "choice_fitted": "fitted dynamics",
    "choice_recent_pace": "2014-2024 pace",
    "index_title": "Scenario comparison",
    "index_intro": (
        "The chance of meeting each official target under each scenario (met, missed or"
        " not measured where its deadline has passed), beside the base rate of "
        "comparable countries; then key values. Each column links to the scenario's "
        "full report."
    ),
    "index_by": "by {year}",
    "index_settings": "Computed with {draws} simulated paths, seed {seed}.",
    "index_values": "Key values",
    "index_values_note": (
        "Median, with the 80% interval in brackets; * = observed value; — = not projected."
    ),
    "index_legend": "What the colours mean",
    "index_failed": "failed",
    "index_column_settings": "{draws} paths · seed {seed}",
    "index_mixed_settings": (
        "Not computed alike: these reports used different numbers of simulated paths or "
        "different seeds, so their chances differ by chance as well as by scenario. Each "
        "column says its own; compare only columns of the same colour."
    ),
    "index_predates": (
        "Not in this report: it was written before this target was added. Render it again "
        "to compare."
    ),
    "index_predates_note": (
        "—† = not in that scenario's report: it was written before the target was added (or "
        "its numbers were edited since); render it again to compare."
    ),
    "index_left_out": "Not in this comparison",
    "index_page_gone": (
        "{file}: its report {page} no longer exists (deleted, e.g. by {command}), so its "
        "numbers are not shown; render the scenario again to list it."
    ),
    "index_bad_json": "{file}: not valid JSON; skipped.",
    "index_bad_shape": "{file}: not a report's numbers in the form this version reads; skipped.",
    "index_unreadable": "{file}: could not be read; skipped.",
    "index_no_report": "{name}: failed, and there is no earlier report to show: {reason}",
    "index_empty": "No report to compare yet.",
    "language_name": "English",
    "legend_met": "the published value meets the target",
    "legend_on_track": "open, chance of 80% or more",
    "legend_at_risk": "open, chance of 50-80%",
    "legend_off_track": "open, chance below 50%",
    "legend_missed": "the published value misses the target",
    "legend_unmeasured": "deadline passed and no series measured it",
    "legend_no_model": "open, but no model projects it",
    "h_parameters": "Levers in this scenario",
    "h_scorecard": "Target scorecard",
    "scorecard_intro": (
        "P(meet) is the share of simulated paths that meet the target, beside the "
        "baseline's, and, for EGDI ranks, the base rate of comparable countries. Its "
        "basis says whether it rests on a model fitted to data or on assumptions only. "
        "'Expected' is the median, with the 80% interval below it. 'What it needs' is "
        "the lever value that gives an 80% chance, against this scenario's, on the same"
        " scale. A target whose deadline has passed is judged on the data, or marked as"
        " not measured: it is never forecast."
    ),
    "h_digital_economy": "Digital economy, share of GDP",
    "h_training": "Training and digital skills",
    # --- online public services (models/online_services.py) ---
    "tab_online_services": "Online public services",
    "h_online_services": "Online public services and digital universities",
    "mh_online_services": "Online public services",
    "mt_online_services": (
        "Two kinds of figure, never mixed. People's use: PAPI's survey share of adults who used "
        "the National Public Service Portal in the past 12 months, five editions (2020-2024), "
        "projected as a random walk with drift in log-odds whose pace and spread come from "
        "its four yearly changes; each path draws its own spread and pace error, so with so "
        "few points the intervals are wide. Dossiers filed online: three administrative "
        "series that are never joined (level-3/4 services to April 2023, full-process "
        "dossiers from end 2023, any online submission at the 34 merged provinces from July "
        "2025); months and parts of a year are kept apart from whole years. The full-process "
        "series has two whole years and three single months of 2025, too few for a trend: "
        "it is held at the mean of its 2025 months, with the spread of its 2024-2025 values "
        "(Student-t) and a yearly random walk, plus the scenario's yearly gain. Digital "
        "universities: no share is published, so the path is logistic diffusion from an "
        "assumed 2022 share at an assumed speed (labelled assumptions with ranges)."
    ),
    "os_use_note": (
        "PAPI survey of adults: five points, so the 80% band is wide; a share of people, not "
        "of dossiers"
    ),
    "os_dossier_note": (
        "Full-process dossiers (series B), whole years; 2025 is known only from single "
        "months, so the band starts from their mean"
    ),
    "os_intro": (
        "People's use and dossiers are separate series and judged apart. PAPI: {use}% of "
        "adults used the National Public Service Portal in {use_year}; the median for "
        "{year} is {use_mid}% (80% interval {use_lo}–{use_hi}), against {persistence}% by "
        "persistence and {drift}% by drift. Full-process dossiers: {level}% is the mean of "
        "the {months} published months of {level_year}; the median for {next_year} is "
        "{dossier_mid}% (80% interval {dossier_lo}–{dossier_hi}), against {whole}% for "
        "{whole_year} held."
    ),
    "os_backtest": (
        "Leaving the last PAPI editions out: {rows}. With three or four points this shows "
        "the model's honesty, not its skill."
    ),
    "os_backtest_row": (
        "{year} median {mid}% (80% interval {lo}–{hi}) against {actual}% observed, "
        "persistence {persistence}%"
    ),
    "os_published": "Dossiers filed online, as published",
    "os_published_intro": (
        "Each figure in its own series and period; a month is never read as a year's value."
    ),
    "os_col_period": "Period",
    "os_kind_year": "whole year",
    "os_kind_month": "one month",
    "os_kind_part_year": "part of a year",
    "series_papi_national_portal": "PAPI survey: adults who used the national portal",
    "series_dossiers_level34": "A: dossiers for level-3/4 services (to April 2023)",
    "series_dossiers_full_process": "B: full-process online dossiers (EMC, from end 2023)",
    "series_dossiers_online_34_provinces": (
        "C: any online submission, 34 provinces (from July 2025)"
    ),
    "s_goal": "{label} {comparator} {amount} by {year} ({bases}).",
    "s_goal_rank": "{label}: top {value} by {year} ({bases}).",
    "s_judged_on": "Read on the {edition} edition.",
    "s_met": "Met: {observed} in {year} ({source}).",
    "s_missed": "Missed: {observed} in {year} ({source}).",
    "s_unmeasured": (
        "The deadline has passed and no series measured it, so no probability is given."
    ),
    "s_no_model": "No model in dxmodel projects this indicator yet.",
    "s_open": "Chance {p} ({basis}); median {mid} (80% interval {lo}–{hi}).",
    "s_base_rate": "Of comparable countries, {hits} of {cases} ({rate}) got there.",
    "s_rare": "Note: {rare}.",
    "s_need": "An 80% chance needs {lever} of {need} {unit}, against {scenario} in this scenario.",
    "s_need_unreachable": "{lever} cannot give an 80% chance within its range.",
    "s_recent_pace": (
        "Under '{title}' the chance would be {p}; that pace is worth about {gain} "
        "points per component per edition above the fitted path."
    ),
    "de_intro": (
        "Projected on {series} alone, from {latest}% of GDP in {year}. The digital "
        "economy grew about {past}% a year in this series' past; this scenario assumes "
        "{scenario}% a year."
    ),
    "ranking_intro": (
        "Viet Nam ranked {latest} of 193 in the {year} edition. Its median rank is "
        "{mid} in {edition} (80% interval {lo}–{hi})."
    ),
    "h_ranking": "UN E-Government Development Index",
    "h_unmodelled": "Targets no model projects yet",
    "unmodelled_intro": (
        "No dxmodel model projects these targets yet: each shows what has been observed, and no "
        "probability."
    ),
    "h_backtests": "How well the models have forecast",
    "h_track_record": "How did our earlier forecasts do",
    "track_record_intro": (
        "{n} forecast(s) frozen in the ledger ({ledgers} ledger file(s)) now have their outcome "
        "published. Mean Brier score (lower is better): {model} for the model, {persistence} "
        "for persistence (the last value held){base}. The 80% interval held the outcome {hits} "
        "of {n} times. PIT is where the outcome fell in the forecast distribution, interpolated "
        "through the 10th, 50th and 90th percentiles the ledger stores; outside the interval it "
        "is only known to be below 0.1 or above 0.9."
    ),
    "track_record_base": (
        ", {brier} for the base rate of comparable countries on the {n} rank forecast(s) that "
        "have one"
    ),
    "tr_target": "Target",
    "tr_frozen_on": "Frozen on",
    "tr_outcome": "Outcome",
    "tr_met": "Met",
    "tr_p_meet": "P(meet), model",
    "tr_p_persistence": "Met, by persistence",
    "tr_base_rate": "Base rate",
    "tr_brier": "Brier, model",
    "tr_brier_persistence": "Brier, persistence",
    "tr_brier_base_rate": "Brier, base rate",
    "tr_interval": "80% interval (held it)",
    "tr_pit": "PIT",
    "tr_pit_outside": "outside the 80% interval",
    "tr_yes": "yes",
    "tr_no": "no",
    "h_backtest_ranking": (
        "EGDI rank: fitted on the editions up to {origins}, forecasting every later one"
    ),
    "backtest_summary": (
        "One edition ahead, over {n} editions, the model's mean absolute rank error was"
        " {model}, against {persistence} for persistence (rank unchanged) and {drift} "
        "for drift; it beat persistence in {wins} of {n}. Its 80% intervals held "
        "{coverage} of the actual EGDI values. It expected {entered} countries to enter"
        " the top 50 where {entered_actual} did; comparable countries (within {band} "
        "places of Viet Nam) were given {p_near} on average, and {near_actual} of them "
        "made it."
    ),
    "bt_coverage_at": "{p} at {h} edition(s) ahead",
    "h_backtest_share": "Digital-economy share: leave the last year out",
    "backtest_share": (
        "Each series is fitted without its last year, or its last two, which are then "
        "forecast. PIT is the share of simulated values below the outcome: near 0.5 is "
        "a good centre, and below 0.1 or above 0.9 means the outcome fell outside the "
        "80% interval. With four to six points, these few errors are all a short series"
        " can say. Each year left out is scored twice: against its first release (the "
        "value first published for that year) and against its latest vintage (the value "
        "the series now reads, on which the model is fitted); where the two agree, so do "
        "the rows."
    ),
    "bt_horizon": "Editions ahead",
    "bt_entered_top50": "Entered the top 50, forecast",
    "bt_entered_top50_actual": "Entered the top 50, actual",
    "bt_pit": "PIT",
    "bt_fitted_through": "Fitted through",
    "bt_forecast_edition": "Forecast edition",
    "bt_method": "Method",
    "bt_mae_rank_all": "Mean absolute rank error, all countries",
    "bt_abs_error_vietnam": "Rank error, Viet Nam",
    "bt_coverage_80": "Share inside the 80% interval",
    "bt_series": "Series",
    "bt_points_fitted": "Points fitted",
    "bt_held_out_year": "Year left out",
    "bt_outcome": "Scored against",
    "bt_outcome_first_release": "first release",
    "bt_outcome_latest": "latest vintage",
    "bt_actual": "Actual",
    "bt_forecast": "Forecast",
    "bt_error_pp": "Error (points)",
    "bt_interval_80": "80% interval",
    "bt_method_model": "model",
    "bt_method_persistence": "persistence",
    "bt_method_drift": "drift",
    "h_sources": "Data sources and legal basis",
    "h_legal": "Targets and their legal basis",
    "h_data_sources": "Sources of the data",
    "col_clause": "Clause",
    "col_source": "Source",
    "col_title": "Title",
    "col_accessed": "Accessed",
    "col_help": "Where the value comes from",
    "h_methodology": "Methodology and assumptions",
    "h_assumptions": "Assumptions in this scenario",
    "mh_digital_economy": "Digital economy",
    "mt_digital_economy": (
        "The share is projected on one measured series, never mixed with another. Its "
        "odds (digital over non-digital value added) grow each year by (1 + digital-"
        "economy growth) / (1 + GDP growth); around that path a random walk whose "
        "yearly spread and pace error each path draws from what the series' own four to"
        " six points can support, plus the revision error between two vintages of the "
        "same year (GSO's own revisions; heavy-tailed, as a handful of revisions "
        "allow). Growth faster than the series' fastest year on record loses half its "
        "excess every two years, and a share stays below 100%. Each interval is checked"
        " by leaving the last year, or two, out."
    ),
    "mh_training": "Training and skills",
    "mt_training": (
        "No series measures a Decision 146 target directly, so every assumption is a "
        "lever, sampled around its value. Officials: a yearly stock-flow judged on the "
        "share trained within each year. Experts and engineers: places times "
        "completion. Skills: logistic diffusion from an assumed start towards an "
        "assumed ceiling."
    ),
    "mh_ranking": "UN EGDI rank",
    "mt_ranking": (
        "The EGDI is relative, so all 193 countries are simulated: each component's "
        "change per edition is fitted against its level across countries (2014-2024), "
        "each simulated edition borrows one past edition's shift and tilt (2008-2024), "
        "the fitted line's own error is drawn once per path, and each country's noise "
        "is resampled from the fit. Viet Nam moves as the same fit moves a country at "
        "its level; a scenario's gains are extra effort above that path, and shrink as "
        "a component nears its ceiling of 1. Rank = 1 + the number of countries with a "
        "strictly higher EGDI in the same draw. Each EGDI target is shown beside its "
        "base rate: how many countries ranked within 15 places of Viet Nam's rank, in "
        "past editions, reached it as many editions later."
    ),
    "mh_uncertainty": "Uncertainty",
    "mt_uncertainty": (
        "Bands and probabilities come from the same simulated paths (the number of "
        "draws and the seed are in the footer, so the report can be reproduced "
        "exactly). With such short series the intervals are wide on purpose; they are "
        "checked against past editions where history allows."
    ),
    "f_version": "dxmodel",
    "f_commit": "commit",
    "f_data": "data",
    "f_scenario": "scenario",
    "f_seed": "seed",
    "f_draws": "draws",
    "f_generated": "generated",
    "need_unreachable": "not reached within the lever's range",
    "warning_series": "judged on {series}, which may not be the measure the target meant",
    "ch_band_80": "80% interval (this scenario)",
    "ch_band_50": "50% interval (this scenario)",
    "ch_mic_2022": "MIC's published 2022 scenarios for 2025",
    "ch_mic_2022_normal": "normal",
    "ch_mic_2022_quicker": "quicker",
    "ch_mic_2022_breakthrough": "breakthrough",
    "ch_mic_2022_label": "‘{name}’ {value}%",
    "ch_mic_2022_title": "MIC's 2022 scenario ‘{name}’: {value}% of GDP in 2025",
    "ch_mic_2022_note": (
        "Published in January 2022 for 2025 and drafted against the 8.2% quoted for "
        "2020: a scenario, not a point on either series."
    ),
    "ch_share_title": (
        "Digital economy, % of GDP: GSO's official series and MIC's estimates, each on its own fit"
    ),
    "ch_panel_chosen": "The scenario's series: the targets are judged on it",
    "ch_panel_other": "The same levers on the other series, for comparison",
    "ch_in_year": "in {year}",
    "ch_target_one": "Official target: {what}",
    "ch_target_many": "{n} official targets: {what}",
    "ex_cannot_open": "Cannot open {name}: {error}",
    "ex_cannot_write": "Cannot write {path}: {error}",
    "ex_cannot_compute": (
        "These lever values cannot be computed (the last good results stay on screen): {error}"
    ),
    "ex_bad_name": (
        "scenario name {name} is not allowed: use 1-64 characters: lower-case letters, "
        "digits, '-' or '_', starting with a letter or digit"
    ),
    "ex_preset_name": (
        "{name} is the name of a preset, and presets are never overwritten: choose another name"
    ),
    "ex_pick_saved": "Pick a saved scenario from the list first.",
    "ex_mine_title": "{title} (saved)",
    "ex_modified_from": "modified from {title}",
    "ex_was": "In {title}: {value}",
    "ex_changed": "● Modified from {title}; levers changed: {n}",
    "ex_section_mine": "My scenarios: save and open",
    "ex_save_name": "File name (lower-case letters, digits, - or _)",
    "ex_save_title": "Title, in English",
    "ex_title_placeholder": "e.g. Faster training",
    "ex_saved_list": "My saved scenarios (kept apart from the presets)",
    "ex_open": "Open",
    "ex_tab_scorecard": "All targets",
    "ex_key_targets": (
        "Key targets: the chance of meeting each in this scenario, the baseline's below"
    ),
    "ex_baseline_p": "baseline {p}",
    "ex_short_digital_economy_share": "Digital economy, share of GDP",
    "ex_short_egdi_rank": "UN EGDI rank",
    "ex_short_egdi_rank_sea": "EGDI rank in South-East Asia",
    "ex_short_online_service_skills_share": "Adults able to use online public services",
    "ex_short_digital_tech_graduates": "High-quality digital-tech graduates",
    "ex_short_stem_school_share": "Schools teaching STEM/STEAM",
    "ex_short_officials_trained_share": "Officials trained in digital skills in the year",
    "ex_short_dt_experts_trained": "Digital-transformation experts trained",
    "ex_short_digital_university_share": "Public universities on the digital model",
    "ex_short_public_service_portal_use_share": "Adults using the national portal",
    "ex_short_online_dossier_rate": "Dossiers filed online (full process)",
    "ex_short_gci_rank": "ITU Global Cybersecurity Index rank",
    "ex_short_dt_expert_network_members": "Digital-transformation expert network",
    "h_sensitivity": "Which levers and assumptions decide the key targets",
    "tornado_intro": (
        "Each bar moves one lever alone, from the low to the high end of its span, every other "
        "lever kept at this scenario's value ({paths} simulated paths each). Policy levers are "
        "what the government controls; assumptions are what it does not. The longer the bar, "
        "the more that lever decides the chance of meeting the target."
    ),
    "tornado_axis": "Chance of meeting the target",
    "tornado_low": "Lever at the low end of its span",
    "tornado_high": "Lever at the high end of its span",
    "tornado_centre": "This scenario",
    "tornado_lever": "Lever or assumption",
    "tornado_swing": "Swing in the chance (high end minus low end)",
    "tornado_span": "Span swept",
    "tornado_flat": "No lever moves this target's chance across its span: it stays at {p}.",
    "tornado_top": "Decides most: {levers}.",
    "tornado_more": "{n} other levers move it by less than half a percentage point.",
    "ex_tab_tornado": "Which levers matter",
    "ex_tornado_compute": "Compute for this scenario",
    "ex_tornado_stale": "Levers have moved since this was computed: compute again.",
    "ex_tornado_wait": "Computing: two runs per lever…",
    "ex_tornado_done": "Computed for this scenario in {seconds} s.",
    "ex_tornado_target": "Target",
    "rule_none": "no run reaches an 80% chance",
    "rule_and": " and ",
    "rule_text": (
        "{conditions}: {density} of the {cases} runs with these values meet it with at least an"
        " 80% chance ({coverage} of all runs that do)"
    ),
    "cond_at_least": "{lever} ≥ {value}",
    "cond_at_most": "{lever} ≤ {value}",
    "cond_between": "{lever} from {low} to {high}",
    "top_lever": "{lever} ({kind}, {share})",
    "top_lever_plain": "{lever} ({kind})",
    "method_sobol": "Sobol' indices (Saltelli design)",
    "method_morris": "Morris screening",
    "method_lhs": "Latin hypercube",
    "col_p_spread": "P(meet) in 80% of runs",
    "col_matters": "Matters most",
    "col_met_when": "Met (80% chance) when",
    "rule_scattered": (
        "{n} of the {runs} runs reach an 80% chance, too few or too scattered for a rule on the"
        " levers"
    ),
    "rule_short": "no rule holds for 80% of its runs; the closest: {rule}",
    "sw_kicker": "dxmodel sweep",
    "sw_title": "Sweep {name}: which levers decide the targets, and when they are met",
    "sw_design": (
        "{method} over {levers} levers and assumptions: {runs} runs of the models, {paths} "
        "simulated paths each, every lever not varied kept at its value in the scenario "
        "“{scenario}”; design seed {seed}."
    ),
    "sw_h_summary": "Every target at a glance",
    "sw_summary_note": (
        "The spread is the 10th to 90th percentile of the chance across the runs. The share "
        "beside a lever is its total Sobol' index: the part of the chance's variance across the"
        " runs that it explains, alone or with others."
    ),
    "sw_no_indices": "not computed by this design (a Latin hypercube is for finding rules)",
    "sw_nothing_moves": "no lever moves it within the swept ranges",
    "sw_h_indices": "How much each lever decides the key targets",
    "sw_indices_sobol": (
        "Bars: total Sobol' index of the chance of meeting the target, with its 95% bootstrap "
        "interval; levers explaining under half a percent are left out. Blue: policy levers "
        "(what the government controls); gold: assumptions (what it does not)."
    ),
    "sw_axis_ST": "Total Sobol' index (share of the variance)",
    "sw_h_rules": "When each target is met",
    "sw_col_coverage": "Coverage",
    "sw_col_density": "Density",
    "sw_h_varied": "What was varied",
    "sw_mt_runs": (
        "Every run uses the same random draws (common random numbers), so a difference between "
        "two runs comes from their levers, not from simulation noise. Each run is a full "
        "projection of the three model families, as in the scenario reports."
    ),
    "sw_mt_sobol": (
        "Sobol' indices (SALib, Saltelli's design) split the variance of a target's chance "
        "across the runs: the first-order index is the share one lever explains alone, the "
        "total index adds its interactions with the others. A lever with a total index near "
        "zero does not matter over the swept ranges. Morris screening ranks levers with fewer "
        "runs."
    ),
    "sw_f_digest": "sweep",
    "sw_f_design_seed": "design seed",
    "tornado_more_one": "1 other lever moves it by less than half a percentage point.",
    "sw_indices_morris": (
        "Bars: Morris μ*, the mean absolute effect on the chance of meeting the target of "
        "moving the lever across its whole span, estimated from one-step moves (so it can "
        "exceed 100 points for a lever whose effect is a sharp step), with its 95% interval. "
        "Blue: policy levers; gold: assumptions."
    ),
    "sw_axis_mu_star": "Morris μ* (effect on the chance across the span)",
    "rule_everywhere": (
        "met with at least an 80% chance in {density} of all {cases} runs, with no condition on"
        " the levers that does better"
    ),
    "sw_rules_note": (
        "A run is a case of interest when its chance of meeting the target is at least "
        "{threshold}. The rule is the box of lever values found by PRIM in which at least "
        "{goal} of the runs are cases of interest (density), keeping as many of all cases of "
        "interest as it can (coverage). A condition stays only if a one-sided binomial check, "
        "as in the EMA workbench, finds the box denser with it; the check is optimistic, since "
        "the box was chosen on the same runs. In a Sobol' design only the independent runs (its"
        " two base samples) are counted."
    ),
    "sw_mt_prim": (
        "Rules come from PRIM (patient rule induction, as in the EMA workbench): it peels the "
        "space a few percent at a time, keeping the runs of interest as dense as it can, and "
        "drops each condition a binomial check does not support. The rules describe this "
        "sweep's runs, found and checked on the same runs; they are not a promise about "
        "combinations outside the swept ranges."
    ),
    "sw_varied_note": (
        "Each policy lever the presets move is swept from the stalled preset's value or lower "
        "to the accelerated preset's value or higher; assumptions over a range around their "
        "default that the evidence cannot narrow. MIC's 2022 scenarios set digital-economy "
        "growth above its span, so they lie outside this sweep. Ranges are declared with the "
        "levers, unless narrowed on the command line."
    ),
    "sw_intro": (
        "Each run is one combination of lever values; the models give every open target's "
        "chance of being met (P(meet)) and its median. Across the runs, the page shows which "
        "levers move each chance most and under which conditions a target has at least an 80% "
        "chance."
    ),
    "sw_on_median": (
        "the chance stays at {spread} in every run; ranked on the median instead: {levers}"
    ),
    "index_sweeps": "Sweeps: which levers decide the targets",
    "index_sweep_runs": "{runs} runs",
    # --- the DTI family (models/dti.py) ---
    "tab_dti": "DTI",
    "h_dti": "Digital Transformation Index (DTI) of provinces and ministries",
    "mh_dti": "DTI ranks",
    "mt_dti": (
        "The DTI is shown as published. The whole rank order of the 63 former provinces is "
        "published for DTI 2022 only; other years are the ranks the press quoted. The one "
        "forecast is persistence: each province keeps its last published rank, which is the"
        " naive benchmark itself, and no model is fitted. Its 80% interval is the number of"
        " places that 80% of the observed rank changes over as many years did not exceed, "
        "counting only changes into a complete list (a list of the top ranks hides the "
        "provinces that fell out of it). With fewer than 10 such changes, or for a province"
        " ranked below every province in them, there is no interval. No DTI target is "
        "judged."
    ),
    "dti_intro": (
        "The DTI is published each year for the year before. The whole rank order"
        " of the 63 former provinces is known for DTI {full} only; for {years} only the "
        "ranks the press quoted ({count} in all). No target in the registry is set on the "
        "DTI, so none is judged here."
    ),
    "dti_national_text": (
        "National DTI as published: {values}. The indicator set changed with DTI "
        "{break_year} and is revised again from 2025, and the national index includes the "
        "UN EGDI rank, so it is not independent of the EGDI. The years are not one "
        "comparable series: no trend is fitted and no value forecast."
    ),
    "dti_forecast_text": (
        "DTI {edition} (reference year {edition}, due in {due}; not yet in the data): "
        "persistence, that is, each former province keeps its last published rank, if DTI "
        "{edition} ranks the former provinces as DTI 2024 did; the new framework may move "
        "ranks more than past changes did. An interval is given for {with_interval} "
        "provinces, from {changes} observed changes into a complete list; the other "
        "{without} have none, said row by row."
    ),
    "dti_refused_few": "none: {n} changes over {h} year(s) (at least {min} needed)",
    "dti_refused_outside": "none: no change observed below rank {reach}",
    "dti_refused_merged": "none: no merged province ranked in two years yet",
    "dti_34_text": (
        "DTI 2024 was also published for the 34 provinces formed in 2025; their scores are "
        "averages of the former provinces' indicators, not a new measurement. Ranks known: "
        "{count} of 34."
    ),
    "dti_crosswalk_text": (
        "Former provinces of each 2025 province, where a source names them: {count} of 34. "
        "The rest of the crosswalk is not in the reference material and is not filled in."
    ),
    "dti_ministry_text": (
        "Ministries and agencies are ranked in two groups, those providing public services "
        "and those not. Only the top ranks quoted by the press are known, and too few are "
        "seen in two years for any interval: none is forecast."
    ),
    "dti_h_forecast": "Forecast by persistence",
    "dti_h_ranks": "Provincial ranks as published",
    "dti_h_merged": "The 34 provinces since 2025",
    "dti_h_ministries": "Ministries and agencies",
    "dti_col_province": "Province",
    "dti_col_last": "Last published rank",
    "dti_col_forecast": "DTI {edition} (persistence)",
    "dti_col_interval": "80% interval",
    "dti_col_former": "Former provinces",
    "dti_col_rank": "Rank",
    "dti_col_score": "Score",
    "dti_col_group": "Group",
    "dti_col_name": "Ministry or agency",
    "dti_col_level": "Level",
    "dti_level_province": "63 former provinces",
    "dti_level_province_34": "34 provinces since 2025",
    "dti_level_ministry_public_service": "ministries with public services",
    "dti_level_ministry_no_public_service": "ministries without public services",
    "dti_national_title": "National DTI as published (index 0-1)",
    "dti_national_axis": "National DTI",
    "dti_rank_axis": "Rank (of 63)",
    "dti_ranks_title": "Provincial DTI ranks and DTI {edition} by persistence (80% interval)",
    "legend_series_break": "Indicator set changed",
    "legend_rank_interval": "80% of observed rank changes",
    "h_explore": "Explore: move the levers that decide the key targets",
    "explore_intro": (
        "Move a slider and the cards and charts below change at once, in this file, with "
        "no connection and no kernel. Each slider steps through values the models were "
        "run at: {points} settings in all, each with this report's {draws} paths and seed"
        " {seed}, on the data the report was rendered from, so every number shown is one "
        "the models produced. A family's sliders move only its own targets and charts: "
        "levers of different families do not interact in these models."
    ),
    "explore_none": (
        "No open key target has a lever that moves it around this scenario: there is "
        "nothing to explore here."
    ),
    "explore_reset": "Back to the scenario's values",
    "explore_median": "median {value}",
    "explore_at_scenario": "at the scenario's values: {p}",
    "explore_fixed_card": "No slider moves this target: shown at the scenario's values.",
    "explore_fixed": "Levers held at the scenario's values ({n})",
    "explore_yaml_h": "The scenario file for these positions",
    "explore_yaml_intro": (
        "Save it as `{file}` (or download it) and run `dxmodel report {file}` or "
        "`dxmodel assess {file}`: the full report for exactly the levers shown, with the "
        "same paths and seed. dxmodel reads a scenario only from a file named as the "
        "scenario."
    ),
    "explore_download": "Download `{file}`",
    "explore_copy": "Copy",
    "explore_copied": "Copied.",
    "explore_copy_failed": "Copying is blocked here: the text is selected, copy it with Ctrl+C.",
    "explore_yaml_title": "{title} (explored)",
    "explore_yaml_description": (
        "Levers set in the Explore part of the report on “{title}”; every other lever as "
        "in that scenario."
    ),
    "explore_index_intro": (
        "Starting from “{title}”. Each scenario's report has its own Explore part, "
        "starting from that scenario."
    ),
    "explore_index_missing": (
        "The Explore part appears here once the report on “{title}” has been rendered in "
        "this language with its Explore part."
    ),
}
