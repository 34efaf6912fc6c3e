"""Chart builders: compare specs (chart.to_dict(), and the Vega they compile to), not pixels.

What a reader needs from a chart, checked on every chart the explorer and the reports show:
one legend whose symbols are the marks (bands as squares, lines as lines, dashed baseline,
diamonds for targets, dots for observations), a baseline unlike any other line, upright year
ticks, one marker per (year, value) of targets listing each legal basis, no layer on an empty
dataset, both digital-economy series side by side with MIC's published scenarios, and the
Vietnamese charts in Vietnamese with decimal commas.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import vl_convert

from dxmodel.core.levers import REGISTRY
from dxmodel.core.scenario import load_scenario
from dxmodel.outputs import charts
from dxmodel.outputs.figures import SLOTS
from dxmodel.text.i18n import percent, t
from dxmodel.text.messages import MESSAGES

RANK = ("egdi_rank", "VNM", "undesa_egov")
EGDI = ("egdi", "VNM", "undesa_egov")
KIND_MARKS = {"band": "area", "line": "line", "point": "point"}


@pytest.fixture(scope="module")
def views(session):
    scenario = load_scenario("accelerated").with_levers(draws=400)
    return session.outlook(scenario), session.outlook(session.baseline_for(scenario))


@pytest.fixture(scope="module")
def specs(session, views):
    """Every slot's chart in both languages, validated against the Vega-Lite schema."""
    view, base = views
    return {
        (name, language): slot.chart(view, base, session.dataset, language).to_dict()
        for name, slot in SLOTS.items()
        for language in ("en", "vi")
    }


@pytest.fixture(scope="module")
def compiled(specs):
    return {key: vl_convert.vegalite_to_vega(spec) for key, spec in specs.items()}


def panels(spec: dict) -> list[dict]:
    return spec.get("hconcat") or spec.get("vconcat") or [spec]


def layers(spec: dict) -> list[dict]:
    return [layer for panel in panels(spec) for layer in panel["layer"]]


def entry_of(layer: dict) -> str | None:
    """The legend label a layer is drawn as (its constant `entry`), if any."""
    for step in layer.get("transform", []):
        if step.get("as") == "entry":
            return json.loads(step["calculate"])
    return None


def keys_by_label(language: str) -> dict[str, str]:
    return {t(label_key, language): key for key, label_key in charts.LABEL_KEYS.items()}


def rows(spec: dict, name: str) -> list[dict]:
    return spec["datasets"][name]


def mark_type(layer: dict) -> str:
    mark = layer["mark"]
    return mark["type"] if isinstance(mark, dict) else mark


@pytest.mark.parametrize("name", list(SLOTS))
@pytest.mark.parametrize("language", ["en", "vi"])
def test_one_legend_whose_symbols_are_the_marks(specs, compiled, name, language):
    spec, vega = specs[name, language], compiled[name, language]
    (legend,) = vega["legends"]  # every channel merged into one legend
    assert {"fill", "stroke", "strokeDash", "shape"} <= set(legend)
    scales = {s["name"]: s for s in vega["scales"]}
    shape = dict(zip(scales["shape"]["domain"], scales["shape"]["range"], strict=True))
    labels = keys_by_label(language)
    expected = {"band": "square", "line": "stroke"}
    for label, symbol in shape.items():
        look = charts.LOOKS[labels[label]]
        assert symbol == expected.get(look.kind, look.shape), label
    drawn = {}
    for layer in layers(spec):
        label = entry_of(layer)
        if label is not None:
            kind = charts.LOOKS[labels[label]].kind
            assert mark_type(layer) == KIND_MARKS[kind], (label, layer["mark"])
            drawn[label] = kind
    assert set(drawn) == set(shape)  # every entry is drawn, nothing drawn is left unnamed
    # bands are filled squares without outline; lines are strokes without fill
    fill = dict(zip(scales["fill"]["domain"], scales["fill"]["range"], strict=True))
    stroke = dict(zip(scales["stroke"]["domain"], scales["stroke"]["range"], strict=True))
    for label, kind in drawn.items():
        assert (fill[label] == "transparent") == (kind == "line"), label
        assert (stroke[label] == "transparent") == (kind == "band"), label


def test_targets_are_diamonds_and_observations_dots(specs):
    spec = specs["egdi_rank", "en"]
    encoded = [x["encoding"]["shape"]["scale"] for x in layers(spec) if "shape" in x["encoding"]]
    (scale,) = {json.dumps(x) for x in encoded}
    scale = json.loads(scale)
    shapes = dict(zip(scale["domain"], scale["range"], strict=True))
    assert shapes["Official target"] == "diamond" and shapes["Observed"] == "circle"
    assert shapes["Baseline (median)"] == "stroke" and shapes["Median (this scenario)"] == "stroke"
    assert shapes["80% interval (this scenario)"] == "square"


@pytest.mark.parametrize("name", ["digital_economy", "egdi_score"])
def test_the_baseline_differs_from_every_other_line_in_colour_and_dash(specs, name):
    spec = specs[name, "en"]
    stroke = next(
        layer["encoding"]["stroke"]["scale"]
        for layer in layers(spec)
        if "stroke" in layer.get("encoding", {})
    )
    dash = next(
        layer["encoding"]["strokeDash"]["scale"]
        for layer in layers(spec)
        if "strokeDash" in layer.get("encoding", {})
    )
    colour = dict(zip(stroke["domain"], stroke["range"], strict=True))
    dashes = dict(zip(dash["domain"], map(tuple, dash["range"]), strict=True))
    labels = keys_by_label("en")
    lines = [label for label in colour if charts.LOOKS[labels[label]].kind == "line"]
    baseline = t("legend_baseline")
    others = [label for label in lines if label != baseline]
    assert baseline in lines and len(others) >= 2
    for label in others:
        assert colour[label] != colour[baseline] and dashes[label] != dashes[baseline], label
    if name == "digital_economy":
        assert t("legend_drift") in others and t("legend_persistence") in others


@pytest.mark.parametrize(
    ("name", "ticks"),
    [
        ("digital_economy", [2020, 2025, 2030, 2035, 2040, 2045]),
        ("egdi_rank", [2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030]),
        ("egdi_score", [2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030]),
        ("stem_school_share", list(range(2022, 2031))),
    ],
)
def test_the_year_axis_is_whole_years_upright_every_5_years_or_edition(specs, name, ticks):
    for layer in layers(specs[name, "en"]):
        x = layer["encoding"]["x"]
        assert x["type"] == "quantitative" and x["field"] == "year"
        axis = x["axis"]
        assert axis["format"] == "d" and axis["labelAngle"] == 0 and axis["values"] == ticks


def test_charts_fill_the_width_and_fit_the_explorer(specs):
    for (name, _), spec in specs.items():
        if name == "digital_economy":
            widths = [panel["width"] for panel in spec["hconcat"]]
            assert sum(widths) + 100 <= charts.WIDTH and min(widths) >= 380
        else:
            assert spec["width"] == charts.WIDTH and spec["autosize"]["type"] == "fit-x"
    assert 880 <= charts.WIDTH <= 925  # the explorer's chart area in a 1400 px window


def test_targets_at_one_year_and_value_are_one_marker_listing_each_basis(dataset, specs):
    spec = specs["digital_economy", "en"]
    targets = rows(spec, "targets")
    by_place = {(r["year"], r["value"]): r for r in targets}
    assert len(by_place) == len(targets)  # one marker per (year, value)
    registry = dataset.targets[dataset.targets.indicator == "digital_economy_share"]
    at_30 = registry[(registry.year == 2030) & (registry.value == 30)].target  # one per basis
    same = by_place[2030, 30]
    assert sorted(same["targets"]) == sorted(at_30) and len(at_30) >= 4  # r52, d749, r57, c14
    tip = same["tip"]
    assert tip["title"].startswith(f"{len(at_30)} official targets: ≥ 30% of GDP")
    bases = list(tip.values())[1:]
    assert len(bases) == len(at_30) and len(set(tip)) == len(at_30) + 1
    assert any("Resolution 57-NQ/TW (2024)" in b and "de_share_2030_r57" in b for b in bases)
    assert {i for r in targets for i in r["targets"]} == set(registry.target)
    marker = next(layer for layer in layers(spec) if layer["data"]["name"] == "targets")
    assert marker["mark"]["tooltip"] == {"expr": "datum.tip"}


def test_rank_targets_say_the_edition_they_are_judged_on(dataset, specs):
    spec = specs["egdi_rank", "en"]
    assert layers(spec)[0]["encoding"]["y"]["scale"]["reverse"] is True  # rank 1 on top
    targets = rows(spec, "targets")
    ids = {i for r in targets for i in r["targets"]}
    assert ids == set(dataset.targets.loc[dataset.targets.indicator == "egdi_rank", "target"])
    top50_2026 = next(r for r in targets if "egdi_top50_2026_mic" in r["targets"])
    assert top50_2026["year"] == 2026 and "2026 edition" in top50_2026["label"]
    assert "MIC plan" in top50_2026["tip"]["Legal basis"]
    (both,) = [r for r in targets if (r["year"], r["value"]) == (2030, 50)]
    assert sorted(both["targets"]) == ["egdi_top50_2030_d749", "egdi_top50_2030_r57"]
    history = {r["year"]: r["value"] for r in rows(spec, "history")}
    assert history[2024] == 71
    assert sum(len(r) for r in spec["datasets"].values()) < 5000  # bands, never raw draws


@pytest.mark.parametrize(
    "key",
    [("egdi_rank", "en"), ("egdi_score", "vi"), ("stem_school_share", "en"),
     ("digital_economy", "vi")],
)  # fmt: skip
def test_no_layer_reads_an_empty_dataset(specs, key):
    # an empty dataset on a quantitative scale is what Vega calls an "Infinite extent"
    spec = specs[key]
    for layer in layers(spec):
        assert rows(spec, layer["data"]["name"]), layer["data"]["name"]


def test_training_charts_without_history_draw_no_observed_layer(specs):
    spec = specs["stem_school_share", "en"]
    assert "observed" not in {keys_by_label("en").get(entry_of(x)) for x in layers(spec)}
    assert "history" not in {layer["data"]["name"] for layer in layers(spec)}


def test_the_digital_economy_shows_both_series_side_by_side(specs):
    spec = specs["digital_economy", "en"]
    left, right = spec["hconcat"]
    assert left["title"]["text"] == "GSO value added (official)"
    assert right["title"]["text"] == "MIC estimates (revenue-based)"
    assert spec["resolve"]["scale"]["y"] == "shared"
    gso = {r["year"]: r["value"] for r in rows(spec, "history")}  # accelerated reads GSO
    mic = {r["year"]: r["value"] for r in rows(spec, "other_history")}
    assert gso[2025] == 14.02 and mic[2024] == 18.3 and 2025 not in mic
    left_data = {layer["data"]["name"] for layer in left["layer"]}
    right_data = {layer["data"]["name"] for layer in right["layer"]}
    assert {"fan", "baseline", "history", "targets", "drift"} <= left_data
    assert {"other_fan", "other_baseline", "other_history", "targets", "published"} <= right_data
    assert not any(name.startswith("other_") for name in left_data)
    published = rows(spec, "published")
    assert [(r["year"], r["value"]) for r in published] == [
        (2025, 10.5),
        (2025, 19.9),
        (2025, 26.2),
    ]
    labels = [r["label"] for r in published]
    assert labels == ["‘normal’ 10.5%", "‘quicker’ 19.9%", "‘breakthrough’ 26.2%"]
    texts = [x for x in right["layer"] if mark_type(x) == "text"]
    assert texts and all(x["encoding"]["text"]["field"] == "label" for x in texts)


def test_the_other_series_is_projected_under_the_same_levers(session, views):
    view, base = views
    mic = view.scenario.with_levers(digital_economy_series="mic_estimate")
    direct = session.family("digital_economy", mic).projection
    spec = SLOTS["digital_economy"].chart(view, base, session.dataset, "en").to_dict()
    other = {r["year"]: r["q50"] for r in rows(spec, "other_fan")}
    assert other[2030] == pytest.approx(float(np.quantile(direct.at(2030), 0.5)))
    moved = SLOTS["digital_economy"].data(view, base, "en")
    assert set(moved) == {"fan", "baseline", "other_fan", "other_baseline"}
    faster = session.outlook(view.scenario.with_levers(digital_economy_growth=25.0))
    again = SLOTS["digital_economy"].data(faster, base, "en")
    before = {r["year"]: r["q50"] for r in moved["other_fan"]}
    after = {r["year"]: r["q50"] for r in again["other_fan"]}
    assert after[2030] > before[2030]
    assert again["other_baseline"] == moved["other_baseline"]


def test_when_mic_is_chosen_gso_stays_left_and_is_the_comparison(session):
    scenario = load_scenario("baseline").with_levers(
        draws=300, digital_economy_series="mic_estimate"
    )
    view, base = session.outlook(scenario), session.outlook(session.baseline_for(scenario))
    spec = SLOTS["digital_economy"].chart(view, base, session.dataset, "en").to_dict()
    left, right = spec["hconcat"]
    assert left["title"]["text"].startswith("GSO") and left["title"]["subtitle"] == [
        t("ch_panel_other")
    ]
    assert {"published", "fan", "history"} <= {x["data"]["name"] for x in right["layer"]}
    assert {r["year"]: r["value"] for r in rows(spec, "history")}[2024] == 18.3


def test_vietnamese_charts_speak_vietnamese_with_decimal_commas(specs):
    english = [
        v
        for k, v in MESSAGES.items()
        if k.startswith(("legend_", "ch_", "median"))
        and "{" not in v
        and " " in v
        and v != t(k, "vi")
    ]
    for (name, language), spec in specs.items():
        if language != "vi":
            continue
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert spec["config"]["locale"]["number"]["thousands"] == "."
        text = json.dumps({k: v for k, v in spec.items() if k != "config"}, ensure_ascii=False)
        leftover = [s for s in english if s in text]
        assert leftover == [], (name, leftover)
    de = specs["digital_economy", "vi"]
    tips = [r["tip"]["title"] for r in rows(de, "targets")]
    assert "Mục tiêu chính thức: ≥ 20,5% GDP (năm 2025)" in tips
    assert [r["label"] for r in rows(de, "published")][1] == "‘nhanh hơn’ 19,9%"
    assert "locale" not in specs["digital_economy", "en"].get("config", {})


def test_egdi_chart_draws_both_thresholds_and_speaks_vietnamese(specs):
    spec = specs["egdi_score", "vi"]
    labels = {row.get("threshold") for row in rows(spec, "needed")}
    assert {"Mức cần để xếp thứ 50", "Mức cần để xếp thứ 30"} <= labels
    assert spec["title"].startswith("EGDI của Việt Nam")


def test_notebook_builders_still_work_alone(dataset, views):
    view, base = views
    de = view.digital_economy
    alone = charts.share_chart(
        de.projection, dataset.targets, de.benchmarks, baseline=base.digital_economy.projection
    ).to_dict()
    assert "layer" in alone and alone["width"] == charts.WIDTH
    parts = [
        charts.indicator_chart(
            view.training.projections[key],
            dataset.targets,
            title=key[0],
            y_title="%",
            baseline=base.training.projections[key],
            language="vi",
        )
        for key in (("stem_school_share", "VNM", ""), ("online_service_skills_share", "VNM", ""))
    ]
    stacked = charts.stack(*parts).to_dict()
    assert set(stacked["datasets"]) >= {"0_fan", "1_fan", "0_targets"}
    assert stacked["config"]["locale"]["number"]["decimal"] == ","
    assert all(
        layer["data"]["name"][:2] in ("0_", "1_")
        for p in stacked["vconcat"]
        for layer in p["layer"]
    )


def test_fan_frame_quantiles_are_ordered_and_start_after_history(views):
    projection = views[0].ranking.projections[RANK]
    fan = charts.fan_frame(projection)
    assert list(fan.columns) == ["year", "q10", "q25", "q50", "q75", "q90"]
    values = fan[["q10", "q25", "q50", "q75", "q90"]].to_numpy()
    assert (np.diff(values, axis=1) >= 0).all()
    assert fan["year"].iloc[0] == projection.years[0]
    records = charts.fan_records(projection, "")
    assert records[0].get("anchor") and records[0]["q10"] == records[0]["q90"] == 71


def test_with_width_fits_a_narrower_place_and_leaves_the_spec_alone(specs, compiled):
    spec = specs["egdi_rank", "en"]
    before = json.dumps(spec)
    narrow = charts.with_width(spec, 600)
    assert json.dumps(spec) == before and narrow["datasets"] is spec["datasets"]
    assert narrow["width"] == 600
    columns = {
        x["encoding"]["fill"]["legend"]["columns"]
        for x in layers(narrow)
        if "fill" in x["encoding"]
    }
    assert columns == {2}
    de = specs["digital_economy", "vi"]
    stacked = charts.with_width(de, 580)
    assert "hconcat" not in stacked and len(stacked["vconcat"]) == 2
    assert all(p["width"] == 490 for p in stacked["vconcat"])
    assert all("axis" not in x["encoding"]["y"] for p in stacked["vconcat"] for x in p["layer"])
    assert all(len(line) * 9 <= 580 for line in stacked["title"])  # wrapped, not cut
    wide = charts.with_width(de, 900)
    assert [p["width"] for p in wide["hconcat"]] == [390, 390]
    for version in (narrow, stacked, wide):
        assert len(vl_convert.vegalite_to_vega(version)["legends"]) == 1


# --- the tornado: which levers decide a target -----------------------------------------------
TORNADO_TARGET = "egdi_top50_2030_d749"  # moved by policy levers and by an assumption


@pytest.fixture(scope="module")
def tornado_table(session):
    from dxmodel.sweeps import sensitivity

    return sensitivity.tornado(session, load_scenario("baseline").with_levers(draws=400))


def tornado_rows(spec: dict) -> list[dict]:
    """The levers drawn, panel by panel, top to bottom: one record (the low end's) each."""
    out = []
    for panel in spec["vconcat"]:
        (name,) = {layer["data"]["name"] for layer in panel["layer"]}
        ends = sorted(spec["datasets"][name], key=lambda r: r["rank"])
        out += [r for r in ends if r["end"] == "low"]
    return out


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_tornado_draws_each_moving_lever_once_largest_swing_first(
    tornado_table, language, capfd
):
    rows = tornado_table[tornado_table["target"] == TORNADO_TARGET]
    spec = charts.tornado_chart(rows, language, title="x").to_dict()  # validated
    moving = rows[rows["swing"].abs() >= charts.MOVES]
    assert 2 <= len(moving) < len(rows)  # some levers left out, for `tornado_more` to count
    drawn = tornado_rows(spec)
    labels = [r["lever"] for r in drawn]
    assert len(labels) == len(set(labels)) == len(moving)  # one row per moving lever
    assert set(labels) == {REGISTRY[name].label(language) for name in moving["lever"]}
    ends = sorted((r["lever"], r["end"]) for part in spec["datasets"].values() for r in part)
    assert ends == sorted((label, end) for label in labels for end in ("low", "high"))
    swing = dict(zip(moving["lever"], moving["swing"].abs(), strict=True))
    by_label = {REGISTRY[name].label(language): name for name in swing}
    for panel_kind in ("policy", "assumption"):  # within each panel: largest |swing| on top
        sizes = [swing[by_label[r["lever"]]] for r in drawn if r["kind"] == panel_kind]
        assert sizes == sorted(sizes, reverse=True) and sizes
    ranks = [r["rank"] for r in drawn]
    assert sorted(ranks) == list(range(len(moving)))  # rank = place by |swing| overall
    order = sorted(swing, key=lambda k: -swing[k])
    assert [by_label[r["lever"]] for r in sorted(drawn, key=lambda r: r["rank"])] == order
    for panel in spec["vconcat"]:  # the y axis is sorted by that rank
        y = panel["layer"][0]["encoding"]["y"]
        assert y["sort"] == {"field": "rank", "op": "min", "order": "ascending"}
    # what we control above what we assume, each panel titled with its kind
    titles = [panel["title"]["text"] for panel in spec["vconcat"]]
    assert titles == [t("group_policy", language), t("group_assumption", language)]
    kinds = [r["kind"] for r in drawn]
    assert kinds == sorted(kinds, key=("policy", "assumption").index)
    # one legend: the low end and the high end as filled squares, this scenario as a line
    vega = vl_convert.vegalite_to_vega(spec, show_warnings=True)
    captured = capfd.readouterr()
    assert "WARN" not in captured.out + captured.err
    assert len(vega["legends"]) == 1
    scales = {s["name"]: s for s in vega["scales"]}
    entries = [t(k, language) for k in ("tornado_low", "tornado_high", "tornado_centre")]
    assert scales["shape"]["domain"] == entries
    assert scales["shape"]["range"] == ["square", "square", "stroke"]
    fill = dict(zip(scales["fill"]["domain"], scales["fill"]["range"], strict=True))
    stroke = dict(zip(scales["stroke"]["domain"], scales["stroke"]["range"], strict=True))
    low, high, centre = entries
    assert fill[low] != fill[high] and "transparent" not in (fill[low], fill[high])
    assert fill[centre] == "transparent" and stroke[centre] != "transparent"
    marks = {}
    for panel in spec["vconcat"]:
        for layer in panel["layer"]:
            kind = mark_type(layer)
            if "fill" in layer["encoding"]:  # the bars: their entry comes from the data
                marks[kind] = {r["entry"] for r in spec["datasets"][layer["data"]["name"]]}
            elif entry_of(layer):
                marks[kind] = {entry_of(layer)}
    assert marks == {"bar": {low, high}, "rule": {centre}}


def test_the_tornado_speaks_the_language_in_its_tooltips(tornado_table):
    from vietnamese import problems, visible_text

    rows = tornado_table[tornado_table["target"] == TORNADO_TARGET]
    spec = charts.tornado_chart(rows, "vi", title="Thứ hạng EGDI: ≤ 50 · 2030").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    records = [r for name in spec["datasets"] for r in spec["datasets"][name]]
    osi = next(r for r in records if r["lever"] == REGISTRY["vnm_osi_gain"].label("vi"))
    assert osi["span"] == "-0,02 – 0,08 điểm chỉ số mỗi kỳ"
    r = rows.set_index("lever").loc["vnm_osi_gain"]
    assert osi["low_text"] == percent(r.p_low, "vi") and osi["high_text"] == percent(r.p_high, "vi")
    tips = {
        tip["title"]
        for panel in spec["vconcat"]
        for layer in panel["layer"]
        for tip in layer["encoding"].get("tooltip", [])
    }
    assert {
        t(k, "vi")
        for k in ("tornado_lever", "tornado_span", "tornado_low", "tornado_high", "tornado_centre")
    } <= tips
    shown = [
        *tips,
        *(p["title"]["text"] for p in spec["vconcat"]),
        spec["title"],
        *(str(r[k]) for r in records for k in ("lever", "span", "entry", "label")),
    ]
    assert problems(visible_text(" | ".join(shown))) == []
    graduates = tornado_table[tornado_table["target"] == "digital_graduates_20000_2030_d146"]
    english = charts.tornado_chart(graduates, "en").to_dict()["datasets"]
    assert {r["span"] for part in english.values() for r in part} == {
        "1,000–5,000 persons per year"
    }


def flat_target(table) -> str:
    """A target no single lever moves by MOVES (officials' skills in 2026, out of reach)."""
    flat = [t for t, rows in table.groupby("target") if (rows.swing.abs() < charts.MOVES).all()]
    assert flat, "every target moves: the flat case needs a target out of every lever's reach"
    return flat[0]


def test_a_target_no_lever_moves_is_a_sentence_not_an_empty_chart(tornado_table):
    rows = tornado_table[tornado_table["target"] == flat_target(tornado_table)]
    spec = charts.tornado_chart(rows, "en", title="Digital economy").to_dict()
    (row,) = spec["datasets"]["tornado_flat"]
    chance = percent(float(rows["p_base"].iloc[0]))
    assert row["text"].replace("\n", " ") == t("tornado_flat", p=chance)
    assert spec["title"] == "Digital economy" and spec["mark"]["type"] == "text"
    with pytest.raises(ValueError, match="one target"):
        charts.tornado_chart(tornado_table, "en")


@pytest.mark.parametrize("width", [800, charts.WIDTH])
def test_the_tornado_fits_its_width(tornado_table, width):
    import re

    for target in (TORNADO_TARGET, flat_target(tornado_table)):
        rows = tornado_table[tornado_table["target"] == target]
        svg = vl_convert.vegalite_to_svg(charts.tornado_chart(rows, "vi", width=width).to_dict())
        drawn = float(re.search(r'<svg[^>]*width="([\d.]+)"', svg).group(1))
        assert width - 60 <= drawn <= width, (target, drawn)
