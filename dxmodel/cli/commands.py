"""What each CLI subcommand computes, and how its table reads; `cli.main` only parses.

A command answers with a `Listing`: the frame that `--format csv` and `--format json` print
unchanged (ids, full precision: scripts read it) and, for people, one text cell per column.
A text table fits the terminal (`shutil.get_terminal_size()`, which honours COLUMNS): text
wraps, numbers never do, and when even the narrowest wrapping is too wide, whole columns are
left out in the order each command declares (`Column.priority`: the largest number goes first,
the rightmost among equals), and a line under the table names them. Labels, not ids, unless
`--ids`; whole numbers for counts and ranks; `<1%` and `>99%`; never scientific notation.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.levers import LEVERS, REGISTRY, SHARED, Lever
from dxmodel.core.scenario import (
    check_presets,
    list_saved_scenarios,
    list_scenarios,
    load_scenario,
)
from dxmodel.core.targets import outlook_key
from dxmodel.engine import ledger as frozen_ledger
from dxmodel.engine.session import Session
from dxmodel.models import BY_NAME, FAMILIES
from dxmodel.outputs.sweep_text import ordered_targets, sweep_tables, target_summary
from dxmodel.outputs.tables import rarity_sentence
from dxmodel.outputs.wording import (
    lever_value,
    needs_text,
    target_name,
    target_names,
    value_text,
)
from dxmodel.publish.jobs import render_reports
from dxmodel.publish.pages import index_name
from dxmodel.publish.sweep_pages import write_pages
from dxmodel.sweeps.design import SWEPT_KINDS, parse_range
from dxmodel.sweeps.run import plan_sweep, run_sweep
from dxmodel.text.i18n import indicator_labels, languages, number, percent, significant, t
from dxmodel.util.errors import DxError, short_path
from dxmodel.util.frames import rows
from dxmodel.util.paths import reports_dir, workspace, workspace_folder
from dxmodel.util.workspace import init_workspace

GAP = "  "  # between two columns
LONG_WORD = 24  # a word longer than this may be broken to fit; shorter ones never are
PROBABILITIES = ("p_meet", "p_meet_baseline", "base_rate")  # shown as <1% ... >99%


@dataclass(frozen=True)
class Column:
    """A column of a text table, and how readily it gives way when the terminal is narrow."""

    key: str
    header: str
    priority: int  # 1 is kept longest; the largest number is left out first
    numeric: bool = False  # right-aligned and never wrapped
    wrap: bool = True  # False: never wrapped (ids, names one types)
    min_width: int = 12  # the narrowest a text column is wrapped to
    ids: bool = False  # shown only with --ids


ASSESS = (
    Column("target", t("col_target"), 1, min_width=20),
    Column("id", "Id", 1, wrap=False, ids=True),
    Column("basis", t("basis"), 6),
    Column("status", t("col_status"), 2, min_width=9),
    Column("latest", "Latest observed", 5, numeric=True),
    Column("p_meet", t("col_p"), 2, numeric=True),
    Column("p_meet_baseline", t("col_p_baseline"), 4, numeric=True),
    Column("base_rate", "Base rate", 3, numeric=True),
    Column("expected", "Expected (median)", 3, numeric=True),
    Column("interval", t("band_80"), 5, numeric=True),
    Column("needs", "Needed for an 80% chance", 3, min_width=18),
    Column("note", "Note", 5, min_width=16),
)  # fmt: skip
TARGETS = (
    Column("target", t("col_target"), 1, min_width=24),
    Column("id", "Id", 1, wrap=False, ids=True),
    Column("basis", t("basis"), 2, min_width=14),
    Column("clause", "Clause", 3, min_width=16),
    Column("series", "Series", 3, ids=True),
    Column("source", "Source", 4, ids=True),
    Column("note", "Note", 5, min_width=48),
)  # fmt: skip
LEVERS_TABLE = (
    Column("lever", t("col_lever"), 1, min_width=20),
    Column("id", "Id", 1, wrap=False, ids=True),
    Column("kind", t("col_kind"), 3),
    Column("default", "Default", 2, numeric=True),
    Column("unit", t("col_unit"), 2),
    Column("range", "Range", 3),
    Column("model", "Model", 4, min_width=10),
    Column("help", "What it means", 5, min_width=40),
)  # fmt: skip
SCENARIOS = (
    Column("scenario", "Scenario", 1, wrap=False),
    Column("kind", "Kind", 3),
    Column("title", "Title", 1, min_width=20),
    Column("levers", "Levers it sets", 2, min_width=24),
    Column("ids", "Lever ids", 2, min_width=24, ids=True),
)  # fmt: skip


@dataclass(frozen=True)
class Listing:
    """A command's answer: the frame scripts read (csv, json) and the cells people read."""

    frame: pd.DataFrame
    columns: tuple[Column, ...]
    cells: list[dict[str, str]]


# --- printing ----------------------------------------------------------------------------------
def render(listing: Listing, fmt: str, ids: bool = False, width: int | None = None) -> str:
    """The listing as a text table fitting `width` (default: the terminal's), CSV or JSON."""
    frame = listing.frame
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=1)
    return text_table(listing, ids, width or shutil.get_terminal_size().columns)


def text_table(listing: Listing, ids: bool, width: int) -> str:
    """Header, rule, rows (a blank line between rows when some wrap) and what was left out."""
    cells = listing.cells
    if not cells:
        return "(none)"
    wanted = [c for c in listing.columns if (ids or not c.ids) and any(r[c.key] for r in cells)]
    kept, widths = fit(wanted, cells, width)
    head = _row_lines([c.header for c in kept], kept, widths, header=True)
    rule = GAP.join("-" * w for w in widths)
    blocks = [_row_lines([r[c.key] for c in kept], kept, widths) for r in cells]
    between = [""] if any(len(b) > 1 for b in blocks) else []
    body = [line for i, b in enumerate(blocks) for line in (*(between if i else []), *b)]
    hidden_ids = not ids and any(c.ids for c in listing.columns)
    left_out = sorted((c for c in reversed(wanted) if c not in kept), key=lambda c: -c.priority)
    return "\n".join([*head, rule, *body, *_footer(left_out, hidden_ids, width)])


def fit(columns: list[Column], cells: list[dict[str, str]], width: int) -> tuple[list, list]:
    """The columns that fit `width` at their narrowest (lowest priority left out first), and
    their widths once the spare characters are shared out."""
    kept = list(columns)
    while len(kept) > 1 and _span([_narrowest(c, cells) for c in kept]) > width:
        kept.remove(max(reversed(kept), key=lambda c: c.priority))
    narrowest = [_narrowest(c, cells) for c in kept]
    if len(kept) == 1:  # a single column too wide for the terminal wraps to it
        return kept, [min(_natural(kept[0], cells), width)]
    return kept, _widen(narrowest, [_natural(c, cells) for c in kept], width - _span(narrowest))


def _widen(widths: list[int], natural: list[int], spare: int) -> list[int]:
    """Share `spare` characters in proportion to what each column lacks of its natural width,
    so the long texts wrap onto about as many lines as each other."""
    lack = [n - w for w, n in zip(widths, natural, strict=True)]
    if sum(lack) <= spare:
        return natural
    out = [w + spare * gap // sum(lack) for w, gap in zip(widths, lack, strict=True)]
    left = spare - (sum(out) - sum(widths))
    for i in sorted(range(len(out)), key=lambda i: out[i] - natural[i])[:left]:
        out[i] += 1  # the rounding's remainder, to the columns lacking most
    return out


def _natural(column: Column, cells: list[dict[str, str]]) -> int:
    return max([len(column.header), *(len(r[column.key]) for r in cells)])


def _narrowest(column: Column, cells: list[dict[str, str]]) -> int:
    """Numbers and ids keep their width; text wraps down to `min_width` but breaks no word
    (up to LONG_WORD long) and no header word."""
    texts = [r[column.key] for r in cells]
    word = max(len(w) for w in column.header.split())
    if column.numeric or not column.wrap:
        return max([word, *map(len, texts)])
    longest = max((len(w) for s in texts for w in s.split()), default=0)
    return max(word, min(column.min_width, _natural(column, cells)), min(longest, LONG_WORD))


def _span(widths: list[int]) -> int:
    return sum(widths) + len(GAP) * (len(widths) - 1)


def _row_lines(texts: list[str], columns: list[Column], widths: list[int], header: bool = False):
    """One row wrapped into lines: text to the left, numbers to the right, headers at the foot."""
    wrapped = [
        textwrap.wrap(s, w, break_on_hyphens=False) or [""]
        for s, w in zip(texts, widths, strict=True)
    ]
    height = max(len(w) for w in wrapped)
    pad = [
        [""] * (height - len(w)) + w if header else w + [""] * (height - len(w)) for w in wrapped
    ]
    return [
        GAP.join(
            _align(p[i], w, c.numeric and (header or not any(ch.isalpha() for ch in p[i])))
            for p, w, c in zip(pad, widths, columns, strict=True)
        ).rstrip()
        for i in range(height)
    ]


def _align(text: str, width: int, right: bool) -> str:
    return text.rjust(width) if right else text.ljust(width)


def _footer(left_out: list[Column], hidden_ids: bool, width: int) -> list[str]:
    """Which columns the width left out, and how to see them and the ids."""
    notes = []
    if left_out:
        names = ", ".join(c.header for c in left_out)
        notes.append(
            f"Left out to fit {width} characters: {names}. A wider terminal (or COLUMNS=...) "
            "shows them; --format csv or json gives every column."
        )
    if hidden_ids:
        notes.append("--ids adds the ids that scenario files, scripts and --format csv use.")
    return ["", *(line for note in notes for line in textwrap.wrap(note, width))] if notes else []


# --- how values read ---------------------------------------------------------------------------
def plain_number(v: float) -> str:
    """A registry number as written: up to 6 significant figures, separators, no exponent."""
    return significant(float(v), 6)


def percent_sign(unit: str) -> str:
    """What follows a value in a table cell: '%' for percentages; the row's label names the
    rest (ranks, persons)."""
    return "%" if str(unit).startswith("%") else ""


def status_text(r, seen: str) -> str:
    """'on track', or for a target the data decided, what decided it: 'missed: 14.02%'."""
    status = t("status_" + outlook_key(r.status, r.p_meet))
    return f"{status}: {seen}" if r.status in ("met", "missed") else status


def _percent(p: float) -> str:
    return "" if pd.isna(p) else percent(p)


# --- the commands ------------------------------------------------------------------------------
def assess(scenario_name: str) -> Listing:
    """The scorecard of a scenario: the full frame, and the cells a reader needs."""
    dataset = load_dataset()
    card = scorecard_table(scenario_name, dataset)
    names = target_names(card, dataset.indicators)
    compare = not card["p_meet"].equals(card["p_meet_baseline"])  # else the column says nothing
    cells = [assess_cells(r, names[r.target], compare) for r in rows(card)]
    return Listing(card, ASSESS, cells)


def assess_cells(r, name: str, compare: bool = True) -> dict[str, str]:
    """One scorecard row as text: units on values, whole ranks, percentages, what it needs."""
    sign = percent_sign(r.unit)
    expected = value_text(r.expected, r.unit)
    seen = value_text(r.latest_observed, r.unit, digits=4)
    rare = rarity_sentence(r.p_meet, r.base_rate_hits, r.base_rate_cases)
    warned = t("warning_series", series=t("series_" + r.series)) if r.warning else ""
    assumed = f"P(meet) rests on {t('p_basis_assumptions')}" if r.p_basis == "assumptions" else ""
    return {
        "target": name,
        "id": r.target,
        "basis": r.basis,
        "status": status_text(r, f"{seen}{sign}"),
        "latest": f"{seen}{sign} ({r.latest_year})" if seen else "",
        "p_meet": _percent(r.p_meet),
        "p_meet_baseline": _percent(r.p_meet_baseline) if compare else "",
        "base_rate": _percent(r.base_rate),
        "expected": f"{expected}{sign}" if expected else "",
        "interval": (
            f"{value_text(r.low, r.unit)}–{value_text(r.high, r.unit)}{sign}" if expected else ""
        ),
        "needs": needs_text(r),
        "note": "; ".join(s for s in (assumed, warned, rare) if s),
    }


def scorecard_table(scenario_name: str, dataset: Dataset | None = None) -> pd.DataFrame:
    """Every target's status, P(meet), median and needs in a scenario: what csv and json print."""
    scenario = load_scenario(scenario_name)
    card = Session(dataset if dataset is not None else load_dataset()).scorecard(scenario)
    card.insert(0, "scenario", scenario.name)
    return card


def targets() -> Listing:
    """The registry of official targets, each said as a sentence."""
    dataset = load_dataset()
    frame = dataset.targets
    labels = indicator_labels(dataset.indicators)  # the basis has a column of its own
    cells = [
        {
            "target": target_name(r, labels),
            "id": r.target,
            "basis": r.basis,
            "clause": _text(r.clause),
            "series": _text(r.series),
            "source": _text(r.source),
            "note": _text(r.note),
        }
        for r in rows(frame)
    ]
    return Listing(frame, TARGETS, cells)


def dti(
    level: str = "province", year: int | None = None, language: str = "en", forecast: bool = False
) -> Listing:
    """The DTI as published at one level (or DTI <next> by persistence), in `language`."""
    from dxmodel.models import dti as family
    from dxmodel.outputs.dti_text import interval_text, plain_name

    data = family.dti_data(load_dataset())
    lang = language
    if forecast:
        view = family.persistence(data)
        frame = view[view["level"] == ("province" if level == "ministry" else level)]
        if level == "ministry":
            raise DxError("dti --forecast: ministries get no forecast (too few ranks in two years)")
        columns = (
            Column("name", t("dti_col_province", lang), 1, wrap=False),
            Column("last", t("dti_col_last", lang), 2, numeric=True),
            Column("forecast", t("dti_col_forecast", lang, edition=int(view["edition"].iloc[0])),
                   1, numeric=True),
            Column("interval", t("dti_col_interval", lang), 1, min_width=24),
        )  # fmt: skip
        cells = [
            {"name": r.name, "last": f"{r.last_rank} ({r.last_year})",
             "forecast": str(r.last_rank), "interval": interval_text(r, lang)}
            for r in rows(frame)
        ]  # fmt: skip
        return Listing(frame.reset_index(drop=True), columns, cells)
    if level == "province":
        frame = data.ranks.assign(level="province")
    else:
        kept = data.levels["level"]
        chosen = kept.str.startswith("ministry") if level == "ministry" else kept == level
        frame = data.levels[chosen]
    if year is not None:
        if year not in set(frame["year"]):
            known = ", ".join(map(str, sorted(set(frame["year"])))) or "none"
            raise DxError(f"dti: no {level} ranks published for {year} (years: {known})")
        frame = frame[frame["year"] == year]
    frame = frame.sort_values(["year", "level", "rank"], ignore_index=True)
    columns = (
        Column("year", t("year", lang), 1, numeric=True),
        Column("level", t("dti_col_level", lang), 3, min_width=16),
        Column("rank", t("dti_col_rank", lang), 1, numeric=True),
        Column("name", t("dti_col_province" if level != "ministry" else "dti_col_name", lang), 1,
               min_width=20),
        Column("score", t("dti_col_score", lang), 2, numeric=True),
        Column("source", "Source", 4, ids=True),
    )  # fmt: skip
    cells = [
        {"year": str(r.year), "level": t(f"dti_level_{r.level}", lang), "rank": str(r.rank),
         "name": plain_name(r.name, lang),
         "score": "" if pd.isna(r.score) else number(r.score, 4, lang), "source": r.source}
        for r in rows(frame)
    ]  # fmt: skip
    return Listing(frame, columns, cells)


def levers() -> Listing:
    """The lever registry: what a scenario file may set, its default and range."""
    frame = pd.DataFrame(
        [
            {
                "lever": lv.name,
                "kind": lv.kind,
                "model": lv.model,
                "default": lv.default,
                "range": lv.describe_range(),
                "label": lv.label_text,
            }
            for lv in LEVERS
        ]
    )
    return Listing(frame, LEVERS_TABLE, [lever_cells(lv) for lv in LEVERS])


def reader_name(lever: Lever) -> str:
    """Which model reads a lever, as a reader names it: its family's tab, or every model."""
    family = lever.model.split(".")[0]
    if family == SHARED:
        return "every model"
    return t(f"tab_{family}") if family in BY_NAME else lever.model


def lever_cells(lever: Lever) -> dict[str, str]:
    """One lever as text: its label, and its numbers as written (never 2.14748e+09)."""
    if lever.choices:
        default, allowed = str(lever.default), " or ".join(lever.choices)
    else:
        default = plain_number(lever.default)
        allowed = f"{plain_number(lever.min)} to {plain_number(lever.max)}"
    return {
        "lever": lever.label_text,
        "id": lever.name,
        "kind": t("kind_" + lever.kind),
        "default": default,
        "unit": "" if lever.choices else lever.unit_text,
        "range": allowed,
        "model": reader_name(lever),
        "help": lever.help_text,
    }


def scenarios() -> Listing:
    """The preset scenarios, then the analyst's own, with the levers each sets: labels and
    values with units for people; ids and raw values for scripts (csv, json, --ids)."""
    records, cells = [], []
    mine = [(name, "yours") for name in list_saved_scenarios() if name not in list_scenarios()]
    for name, kind in [(name, "preset") for name in list_scenarios()] + mine:
        s = load_scenario(name)
        settings = [(REGISTRY[k], v) for k, v in s.levers.items()]
        words = "; ".join(f"{lv.label_text}: {lever_value(lv, v, unit=True)}" for lv, v in settings)
        ids = ", ".join(f"{k}={v}" for k, v in s.levers.items())
        records.append({"scenario": name, "kind": kind, "title": s.title_in("en"), "levers": ids})
        cells.append(records[-1] | {"levers": words or "none (every default)", "ids": ids})
    frame = pd.DataFrame(records, columns=["scenario", "kind", "title", "levers"])
    return Listing(frame, SCENARIOS, cells)


def plain(frame: pd.DataFrame) -> Listing:
    """Any frame as a listing: its `table_columns` (or all) in order, the leftmost kept
    longest, numbers as written (whole when whole, else 4 significant figures), and a column
    with no space in any cell (file names, ids) never wrapped."""
    names = list(frame.attrs.get("table_columns", frame.columns))
    cells = [
        {n: _cell(v, n) for n, v in record.items()} for record in frame[names].to_dict("records")
    ]
    columns = tuple(
        Column(n, n, i + 1, numeric=_is_number(frame[n]), wrap=any(" " in r[n] for r in cells))
        for i, n in enumerate(names)
    )
    return Listing(frame, columns, cells)


def _is_number(values: pd.Series) -> bool:
    types = pd.api.types
    return types.is_numeric_dtype(values) and not types.is_bool_dtype(values)


def _cell(v: object, column: str) -> str:
    if not isinstance(v, str) and pd.isna(v):
        return ""
    if column in PROBABILITIES:
        return percent(float(v))
    if isinstance(v, float | np.floating):
        if not float(v).is_integer():
            return significant(float(v), 4)
        return number(v, 0) if abs(v) >= 10_000 else str(int(v))  # years stay 2030
    return str(v)


def _text(v: object) -> str:
    return v if isinstance(v, str) else ""


def data_check(width: int | None = None) -> str:
    """Every table and preset scenario loaded and validated, with row counts and sources; then
    everything each model refuses (the checks of its fit, without fitting), and every target
    the code names by id. Any failure is the model's own one-line DataError."""
    dataset = load_dataset()
    files = dataset.files
    presets = [scenario.name for scenario in check_presets()]
    models = [family.check(dataset) for family in FAMILIES]
    summary = (
        f"Models: {'; '.join(models)}\n"
        f"OK: {len(files)} tables, {files['rows'].sum()} rows, {len(dataset.sources)} sources, "
        f"{len(dataset.targets)} targets, {len(presets)} preset scenarios ({', '.join(presets)})"
    )
    return render(plain(files), "table", width=width) + "\n" + summary


def data_import(args) -> int:
    """`data import egdi FILE`: the edition added (or replaced), then how to score forecasts."""
    from dxmodel.core.imports import import_egdi

    print(import_egdi(args.file, replace=args.replace))
    print("score the frozen forecasts this may decide: dxmodel ledger score")
    return 0


def data_add(args) -> int:
    """`data add`: one published figure in its series, then how to score forecasts."""
    from dxmodel.core.published import NEW_SOURCE_FIELDS, NewSource, add_figure

    described = {f: getattr(args, f) for f in NEW_SOURCE_FIELDS}
    new = NewSource(**described) if all(v is not None for v in described.values()) else None
    print(add_figure(args.indicator, args.geo, args.year, args.value, args.source, new))
    print("score the frozen forecasts this may decide: dxmodel ledger score")
    return 0


def report(args) -> int:
    """Render the reports; one line per scenario, and exit 1 if any failed.

    Everything is checked before a kernel starts (exit 2 on bad input): the scenarios, the
    languages, draws and seed (as their levers allow), jobs and timeout (whole, positive).
    """
    load_dataset()  # bad data is one line and exit 2 here, not a failure per report
    chosen = languages() if args.language in ("all", "both") else (args.language,)
    references = list_scenarios() if args.all or not args.scenarios else args.scenarios
    outcomes = render_reports(
        references,
        chosen,
        args.jobs,
        args.timeout,
        args.draws,
        args.seed,
        progress=sys.stderr.isatty(),
        scheduler=args.scheduler,
        names=args.name,
        explore=args.explore,
    )
    for o in outcomes:
        if o.path is not None:
            print(f"wrote {short_path(o.path)} ({o.seconds:.1f} s)")
        else:
            print(f"dxmodel: error: {o.job.label}: {o.reason}", file=sys.stderr)
    folder = reports_dir().resolve()
    pages = ", ".join(index_name(language) for language in languages())
    print(f"wrote the index of every report in {short_path(folder)}: {pages}")
    return 1 if any(o.path is None for o in outcomes) else 0


def init(args) -> int:
    """Make a workspace and say what was added (nothing, when it was one already)."""
    folder = Path(args.folder)
    added = init_workspace(folder, with_data=args.data)
    for path in added:
        print(f"made {short_path(path)}")
    where = short_path(folder.absolute())
    print(f"{where} is a dxmodel workspace" + ("" if added else " already; nothing to add"))
    return 0


def lab(args) -> int:
    """JupyterLab in the workspace, on the explorer (or the notebook named)."""
    rest = list(args.rest)
    notebook = rest.pop(0) if rest and not rest[0].startswith("-") else None
    argv = lab_command(workspace(), notebook, rest[1:] if rest[:1] == ["--"] else rest)
    os.chdir(workspace())
    os.execv(argv[0], argv)  # JupyterLab takes over this process: its Ctrl-C, its exit status
    return 0  # not reached


def lab_command(folder: Path, notebook: str | None = None, extra: list[str] = ()) -> list[str]:
    """The command line `dxmodel lab` runs: this Python's JupyterLab, offline (no news, no
    update checks), on a notebook of the workspace. Kernels are this Python's own."""
    page = Path(notebook) if notebook else workspace_folder("notebooks") / "explorer.ipynb"
    page = page if page.is_absolute() else (Path.cwd() / page)
    if not page.is_file():
        hint = "" if notebook else "; 'dxmodel init' copies the notebooks into a workspace"
        raise DxError(f"{short_path(page)}: no such notebook{hint}")
    try:
        shown = page.resolve().relative_to(folder.resolve())
    except ValueError:
        raise DxError(
            f"{short_path(page)} is outside the workspace {short_path(folder)}: open it from there"
        ) from None
    return [
        sys.executable, "-m", "jupyterlab", str(shown),
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *extra,
    ]  # fmt: skip


SWEEP_TABLE = (
    Column("target", t("col_target"), 1, min_width=20),
    Column("id", "Id", 1, wrap=False, ids=True),
    Column("spread", t("col_p_spread"), 3, numeric=True),
    Column("matters", t("col_matters"), 2, min_width=24),
    Column("rule", t("col_met_when"), 2, min_width=24),
)  # fmt: skip


def sweep(args) -> int:
    """Plan (every argument checked first), run or resume, summarise; optionally the page."""
    load_dataset()  # bad data is one line and exit 2 before any worker starts
    ranges: dict[str, tuple[float, float]] = {}
    for text in args.range or []:
        name, low, high = parse_range(text)
        if name in ranges:
            raise DxError(f"--range: {name!r} is given twice")
        ranges[name] = (low, high)
    levers = [n.strip() for n in args.levers.split(",")] if args.levers is not None else None
    kinds = SWEPT_KINDS if args.kind == "both" else (args.kind,)
    spec = plan_sweep(
        args.scenario,
        args.method,
        args.samples,
        args.seed,
        args.draws,
        levers,
        kinds,
        ranges,
        args.name,
    )
    run = run_sweep(spec, args.jobs, args.scheduler, progress=sys.stderr.isatty(), fresh=args.fresh)
    listing = sweep_listing(run)
    if args.format != "table":
        print(render(listing, args.format))
    else:
        rate = f", {run.evaluated / run.seconds:,.0f} runs/s" if run.evaluated else " (from disk)"
        print(
            f"Sweep {spec.name}: {spec.rows:,} runs ({t('method_' + spec.method)}, "
            f"{len(spec.space)} levers) of {int(run.meta['draws']):,} paths each, design seed "
            f"{spec.seed}; evaluated {run.evaluated:,} in {run.seconds:.1f} s{rate}"
        )
        print(render(listing, "table"))
    say = print if args.format == "table" else functools.partial(print, file=sys.stderr)
    say(f"wrote {run.folder}")
    if args.report:
        for path in write_pages(run.folder):
            say(f"wrote {path}")
    return 0


def sweep_listing(run) -> Listing:
    """Per target, key targets first: P(meet)'s spread, what matters, when it is met; csv and
    json carry the same per target, with ids and the numbers behind the words."""
    dataset = load_dataset()
    names = target_names(dataset.targets, dataset.indicators)
    indices, rules = sweep_tables(run)
    cells, records = [], []
    for target in ordered_targets(run, dataset):
        words = target_summary(run, indices, rules, target)
        cells.append({"target": names[target], "id": target, **words})
        p = run.results.loc[run.results["target"] == target, "p_meet"]
        records.append(
            {
                "target": target,
                "p_meet_p10": p.quantile(0.1),
                "p_meet_p90": p.quantile(0.9),
                "matters_most": words["matters"],
                "met_when": words["rule"],
            }
        )
    return Listing(pd.DataFrame(records), SWEEP_TABLE, cells)


def ledger(args) -> int:
    """Freeze today's forecasts of a scenario, or score the frozen ones on the data."""
    if args.ledger_command == "freeze":
        print(frozen_ledger.freeze_current(args.scenario))
        return 0
    frame = frozen_ledger.score_ledgers(args.files)
    print(render(plain(frame), args.format))
    if args.format == "table":
        print(frozen_ledger.summary(frame))
    return 0
