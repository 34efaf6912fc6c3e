"""The index: built from whatever summaries the reports folder holds (older, edited, damaged,
orphaned by `make clean`, of other draws and seeds) without a traceback and without hiding
what it left out; and no report may be named so that it replaces the index."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from conftest import assert_one_line_error, run_cli

from dxmodel.publish import jobs, pages
from dxmodel.publish.index import PAGE_LIMIT, read_summaries, write_index
from dxmodel.text.i18n import t
from dxmodel.util.errors import ScenarioError

pytestmark = pytest.mark.slow  # the `rendered` reports (shared with test_report.py)

# the columns: presets first (baseline, stalled), then the file's scenario
COLUMNS = ["baseline", "stalled", "evil"]


@pytest.fixture
def folder(rendered, tmp_path):
    """A copy of the rendered reports: each test edits its own."""
    copy = tmp_path / "reports"
    shutil.copytree(rendered[0], copy)
    return copy


def load(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def save(folder, name, data):
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def page(folder, name="index.html"):
    return (folder / name).read_text(encoding="utf-8")


def body_rows(text: str) -> list[list[str]]:
    """The first table's rows after its header, as lists of cell HTML."""
    table = text.split("<table class='dx-table'>")[1].split("</table>")[0]
    return [re.findall(r"<td[^>]*>.*?</td>", r, flags=re.S) for r in table.split("<tr>")[2:]]


def same_row(r: dict) -> tuple:
    """What makes two targets one row: the same quantity, year and bar (two legal bases)."""
    return (r["indicator"], r["judged_on_year"], r["comparator"], r["value"])


def alone(card: list[dict]) -> str:
    """The first target that has a row to itself (no twin from another legal basis)."""
    keys = [same_row(r) for r in card]
    return next(r["target"] for r in card if keys.count(same_row(r)) == 1)


def rebuild(folder):
    summaries = read_summaries(folder)
    write_index(summaries, {}, folder)
    return summaries


@pytest.mark.parametrize("older", ["baseline", "stalled"])
def test_a_report_older_than_a_target_shows_a_dash_with_a_note(folder, older, rendered):
    """An older report's numbers lack a target the others have (the first column's, whose
    order the rows follow, or another's): the target keeps its row, that report's cell is a
    dash saying why, in both languages."""
    for name in (f"{older}.json", f"{older}.vi.json"):
        data = load(folder, name)
        dropped = alone(data["card"])
        data["card"] = [r for r in data["card"] if r["target"] != dropped]
        save(folder, name, data)
    summaries = rebuild(folder)
    assert [s.name for s in summaries] == COLUMNS and summaries.left_out == []
    for language, index in (("en", "index.html"), ("vi", "index.vi.html")):
        text = page(folder, index)
        dashes = [
            (i, j)
            for i, cells in enumerate(body_rows(text))
            for j, c in enumerate(cells)
            if "†" in c
        ]
        assert len(dashes) == 1, dashes
        row, column = dashes[0]
        assert column - 2 == COLUMNS.index(older)  # after the target and base-rate columns
        cell = body_rows(text)[row][column]
        assert t("index_predates", language).replace("'", "&#x27;") in cell
        assert t("index_predates_note", language) in text.replace("&#x27;", "'")
    other = next(s for s in summaries if s.name != older)
    assert dropped in other.card.index  # the others still show it: the row is kept
    assert len(body_rows(page(folder))) == len(body_rows(page(rendered[0])))


def test_a_report_lacking_one_of_two_twin_targets_shows_the_others_value(folder):
    """Two legal bases, one bar (de_share_2025 of Resolution 52 and Decision 749): a report
    that has either has the row's number; no dash."""
    data = load(folder, "stalled.json")
    twin = next(
        r for r in data["card"] if [same_row(x) for x in data["card"]].count(same_row(r)) > 1
    )
    data["card"] = [r for r in data["card"] if r["target"] != twin["target"]]
    save(folder, "stalled.json", data)
    summaries = rebuild(folder)
    assert summaries.left_out == [] and "†" not in page(folder)


def test_reports_with_one_settings_say_it_once(rendered):
    text = page(rendered[0])
    assert "class='dx-warn'" not in text and "class='dx-settings'" not in text
    assert "Computed with 300 simulated paths" in text


def test_mixed_draws_and_seeds_are_said_on_every_column_and_above_the_table(folder):
    for name in ("stalled.json", "stalled.vi.json"):
        data = load(folder, name)
        data["draws"], data["seed"] = 1000, 7
        save(folder, name, data)
    base = load(folder, "baseline.json")
    rebuild(folder)
    text = page(folder)
    assert "class='dx-warn'" in text and t("index_mixed_settings") in text.replace("&#x27;", "'")
    header = text.split("<table class='dx-table'>")[1].split("</tr>")[0]
    badges = re.findall(r"<span class='dx-settings'[^>]*>([^<]*)</span>", header)
    usual = f"300 paths · seed {base['seed']}"
    assert badges == [usual, "1,000 paths · seed 7", usual]  # baseline, stalled, evil
    # the same in the key values' table, and each setting once in the warning
    assert text.count("1,000 paths · seed 7") == 3 and text.count(usual) == 5
    vi = page(folder, "index.vi.html")
    assert "1.000 đường mô phỏng · giá trị khởi tạo 7" in vi


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "list",
        "no card",
        "card not a list",
        "row without status",
        "unknown status",
        "year as text",
        "p_meet as text",
        "draws true",
        "seed negative",
        "duplicate target",
        "other scenario",
        "named index",
        "title a list",
        "key value without median",
        "not utf-8",
    ],
)
def test_a_damaged_summary_is_skipped_named_and_the_rest_listed(folder, damage):
    """Whichever way stalled.json is damaged, the index is written with stalled (from its
    Vietnamese report's numbers) and the others, and names the damaged file."""
    data = load(folder, "stalled.json")
    row = data["card"][0]
    edits = {
        "list": lambda: [data],
        "no card": lambda: data.pop("card"),
        "card not a list": lambda: data.update(card={"a": 1}),
        "row without status": lambda: row.pop("status"),
        "unknown status": lambda: row.update(status="<b>great</b>"),
        "year as text": lambda: row.update(year="2030"),
        "p_meet as text": lambda: row.update(p_meet="high"),
        "draws true": lambda: data.update(draws=True),
        "seed negative": lambda: data.update(seed=-1),
        "duplicate target": lambda: data["card"].append(dict(row)),
        "other scenario": lambda: data.update(scenario="baseline"),
        "named index": lambda: data.update(scenario="index"),
        "title a list": lambda: data.update(title=["x"]),
        "key value without median": lambda: next(iter(data["key_values"].values())).pop("median"),
    }
    if damage == "not json":
        (folder / "stalled.json").write_text("{'scenario': 'stalled'", encoding="utf-8")
    elif damage == "not utf-8":
        (folder / "stalled.json").write_bytes(b"\xff\xfe{")
    else:
        result = edits[damage]()
        save(folder, "stalled.json", result if damage == "list" else data)
    summaries = rebuild(folder)
    assert [s.name for s in summaries] == COLUMNS
    why = "bad_json" if damage in ("not json", "not utf-8") else "bad_shape"
    assert [(x.file, x.why) for x in summaries.left_out] == [("stalled.json", why)]
    assert "<code>stalled.json</code>" in page(folder) and "<b>great</b>" not in page(folder)
    assert summaries.left_out_line().startswith("index: left out stalled.json: ")


def test_a_scenario_whose_every_summary_is_damaged_is_named_not_dropped(folder):
    (folder / "evil.json").write_text("", encoding="utf-8")
    save(folder, "evil.vi.json", {"scenario": "evil"})
    summaries = rebuild(folder)
    assert [s.name for s in summaries] == ["baseline", "stalled"]
    assert {(x.file, x.why) for x in summaries.left_out} == {
        ("evil.json", "bad_json"),
        ("evil.vi.json", "bad_shape"),
    }
    text = page(folder)
    assert "<code>evil.json</code>: not valid JSON; skipped." in text
    assert "evil.html" not in text  # not linked


def test_after_make_clean_summaries_without_a_page_are_named_not_listed(folder):
    """`make clean` deletes the pages, keeps the numbers; then one scenario is rendered again."""
    for html_page in folder.glob("*.html"):
        if not html_page.name.startswith("stalled."):
            html_page.unlink()
    summaries = rebuild(folder)
    assert [s.name for s in summaries] == ["stalled"]
    assert sorted(x.file for x in summaries.left_out) == [
        "baseline.json", "baseline.vi.json", "evil.json", "evil.vi.json",
    ]  # fmt: skip
    text = page(folder)
    assert "href='baseline.html'" not in text and "href='evil.vi.html'" not in text
    assert (
        "<code>baseline.json</code>: its report <code>baseline.html</code> no longer exists "
        "(deleted, e.g. by <code>make clean</code>)"
    ) in text
    assert "<code>baseline.json</code>" in page(folder, "index.vi.html")


def test_a_scenario_with_one_page_left_is_listed_from_it_without_a_note(folder):
    (folder / "baseline.html").unlink()
    summaries = rebuild(folder)
    assert [s.name for s in summaries] == COLUMNS and summaries.left_out == []
    text = page(folder)
    assert "href='baseline.vi.html'" in text and "href='baseline.html'" not in text


def test_a_failure_with_no_earlier_report_is_named_and_an_empty_index_says_so(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert write_index(read_summaries(folder), {}, folder) is None  # nothing to say
    write_index(read_summaries(folder), {"mine": "ScenarioError: boom"}, folder)
    text = page(folder)
    assert t("index_empty") in text
    assert "<code>mine</code>: failed, and there is no earlier report to show: " in text
    assert "<code>ScenarioError: boom</code>" in text


@pytest.mark.parametrize("name", ["index.vi.html", "index.html"])
def test_the_vietnamese_index_with_every_note_has_no_english(folder, dataset, name):
    """Every note at once (a predated target, mixed settings, a damaged and an orphaned
    summary): the Vietnamese index is still Vietnamese; the English one has no Vietnamese."""
    from vietnamese import problems, visible_text

    data = load(folder, "baseline.vi.json")
    dropped = alone(data["card"])
    data["card"] = [r for r in data["card"] if r["target"] != dropped]
    data["seed"] = 99
    save(folder, "baseline.vi.json", data)
    (folder / "baseline.html").unlink()
    (folder / "evil.json").write_text("[", encoding="utf-8")
    (folder / "evil.vi.html").unlink()
    summaries = rebuild(folder)
    assert {x.file for x in summaries.left_out} == {"evil.json", "evil.vi.json"}
    text = page(folder, name)
    if name == "index.vi.html":
        names = [*dataset.sources.title, *dataset.sources.publisher, "Viet Nam", "dxmodel"]
        assert problems(visible_text(text, names)) == []
    else:
        assert "Không" not in text and "đường mô phỏng" not in text
    assert "†" in text and "class='dx-warn'" in text and "<code>evil.json</code>" in text


def test_a_report_cannot_be_named_index():
    with pytest.raises(ScenarioError) as caught:
        pages.check_report_name("index", "--name")
    assert str(caught.value) == (
        "--name 'index': reserved for the reports' index page (index.html); choose another name"
    )
    assert pages.check_report_name("index2") == "index2"
    for language in ("en", "vi"):
        with pytest.raises(ScenarioError, match="reserved for the reports' index page"):
            pages.report_path("index", language)


def test_report_with_name_index_is_refused_before_anything_is_written(tmp_path, rendered):
    """`dxmodel report FILE --name index` (and a file called index.yaml): one line, exit 2,
    the index untouched, no kernel started."""
    folder = tmp_path / "reports"
    shutil.copytree(rendered[0], folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    mine = tmp_path / "index.yaml"
    mine.write_text("title:\n  en: Mine\nlevers: {}\n", encoding="utf-8")
    env = {"DXMODEL_REPORTS_DIR": str(folder)}
    for args in ([str(mine), "--name", "index", "--language", "en"], [str(mine)]):
        proc = run_cli("report", *args, env=env)
        assert_one_line_error(proc, "'index'", "reserved for the reports' index page")
    with pytest.raises(ScenarioError, match="reserved"):
        jobs.plan([str(mine)], ("en",), ["index"])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_the_index_carries_the_baselines_explore_part_or_says_why_not(folder):
    """The index's Explore part is the baseline's, copied from its page in each language,
    with the vega code once; with that page gone (or grown past reason), a line says so."""
    from dxmodel.outputs.explore import explore_part

    rebuild(folder)
    for name, report in (("index.html", "baseline.html"), ("index.vi.html", "baseline.vi.html")):
        text = page(folder, name)
        heading, body = explore_part(page(folder, report)).split("</h2>", 1)
        assert heading in text and body in text  # verbatim, a link to the report between
        assert text.count("window.vegaEmbed=") == 1
        assert f"href='{report}#explore'" in text
    (folder / "baseline.html").unlink()
    with open(folder / "baseline.vi.html", "ab") as f:  # past the index's reading limit
        f.truncate(PAGE_LIMIT + 1)
    rebuild(folder)
    for language, name in (("en", "index.html"), ("vi", "index.vi.html")):
        text = page(folder, name)
        assert explore_part(text) is None and "window.vegaEmbed=" not in text
        assert html.escape(t("h_explore", language)) in text
