"""The scenario explorer, laid out like a simulator: levers on the left, charts beside them.

Levers come from the registry (policy levers, assumptions and settings in separate groups),
each with its full label above its slider. A change recomputes only the model family it touches
(the Session's caches) and refreshes only that family's charts, while the slider moves: the
ipywidgets front end keeps at most one update per slider in flight and sends the latest value
when the kernel is idle again, so a drag never queues work up in the kernel. A key-target
summary and the charts stay on screen beside the levers; the full scorecard is a tab.

The scenario picker names presets by their titles; once a lever moves it says "modified from
<title>" and marks every lever that differs from what was loaded. Scenarios the user saves go
to `data/scenarios/mine/` (never among the presets) and come back from a list.

Charts are small anywidgets (`Chart`) drawn by vega-embed. The vega code (~0.9 MB, from
vl-convert, so nothing is fetched from the network) is shipped once per kernel by one
`VegaLibrary` widget and shared by every chart in the page. Each chart carrying its own copy
(as altair's offline JupyterChart does) made a reload of the page, with the kernel running,
import the bundle once per chart at the same time, past anywidget's 2-second limit for a model
to initialise: "[anywidget] Failed to initialize model", and charts that no longer updated.
When only a chart's datasets change, the chart patches its data in place instead of embedding
the chart again (10-20 ms in the browser, measured by tests/test_e2e_explorer.py), and a redraw
that arrives while one is drawing waits for it, the latest one winning. Each chart is drawn as
SVG and scales down with its column when the window is narrower than the chart.

A model error shows as one line (in the language in use) and leaves the last good charts and
scorecard in place.
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from weakref import WeakKeyDictionary

import ipywidgets as w
import pandas as pd

from dxmodel.core.levers import KINDS, LEVERS
from dxmodel.core.scenario import (
    NAME_PATTERN,
    Scenario,
    list_saved_scenarios,
    list_scenarios,
    load_scenario,
    resolve_scenario,
    saved_scenarios_dir,
)
from dxmodel.engine.session import Outlook, Session
from dxmodel.explorer.cards import summary_html, tornado_options
from dxmodel.explorer.controls import control_for, label_html, same
from dxmodel.explorer.vega import Chart, vega_library
from dxmodel.models import BY_NAME
from dxmodel.outputs import charts
from dxmodel.outputs.figures import GROUPS, SLOTS
from dxmodel.outputs.sweep_text import tornado_reading
from dxmodel.outputs.tables import scorecard_html
from dxmodel.outputs.wording import choice_label, lever_value
from dxmodel.sweeps import sensitivity
from dxmodel.text.i18n import indicator_labels, languages, number, t
from dxmodel.util.atomic import write_atomically
from dxmodel.util.errors import DxError
from dxmodel.util.paths import scenarios_dir

# --- what the explorer shows -----------------------------------------------------------------
HEIGHT = "calc(100vh - 150px)"  # the explorer fills a 1366x768 JupyterLab below its toolbars
PAGE_HEIGHT = "calc(100vh - 292px)"  # a tab's scrolling area, below the summary and tab bar
# SVG, so a chart wider than the space left beside the levers scales down (CSS) and its
# tooltips still find their marks; no actions menu (its editor link points online).
EMBED_OPTIONS = {"actions": False, "renderer": "svg"}
CHART_WIDTH = 800  # px: the chart area beside the levers at 1366x768, so charts draw unscaled
MODIFIED = "*"  # the picker's entry for "modified from ..." (never a scenario name)


# A chart's spec without its moving data depends only on its structure (name, language,
# series) and the session's dataset: built once per session, for every explorer on it.
_TEMPLATES: WeakKeyDictionary[Session, dict[tuple, dict]] = WeakKeyDictionary()


# --- the explorer ----------------------------------------------------------------------------
class Explorer:
    """Levers in, every chart, the key targets and the scorecard out, updated in place."""

    def __init__(
        self,
        session: Session | None = None,
        scenario: str = "baseline",
        language: str = "en",
    ) -> None:
        self.session = session if session is not None else Session()
        self.language = language
        self.scenario = load_scenario(scenario)
        self.origin = self.scenario  # what was loaded last: the levers are marked against it
        self._origin_is_preset = _is_preset(scenario)
        self.view: Outlook | None = None
        self.timings: list[float] = []  # seconds per refresh, for the benchmark
        self._specs = _TEMPLATES.setdefault(self.session, {})  # shared by a session's explorers
        self._unit_cache: dict[str, dict[str, str]] = {}
        self._quiet = False  # set while the explorer moves its own controls
        self._presets = {name: load_scenario(name) for name in list_scenarios()}
        self._saved: list[tuple[str, str]] = []  # (title, name) of the user's saved scenarios

        self.controls = {
            lv.name: control_for(lv, self.scenario.value(lv.name), language) for lv in LEVERS
        }
        self.labels = {lv.name: w.HTML(layout=w.Layout(width="98%")) for lv in LEVERS}
        self.levers = {}
        for lever in LEVERS:
            box = w.VBox(
                [self.labels[lever.name], self.controls[lever.name]],
                layout=w.Layout(width="100%", padding="0 0 0 6px"),
            )
            box.add_class("dx-lever")
            box.add_class(f"dx-lever-{lever.name}")
            self.levers[lever.name] = box
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_lever(name, change), "value")

        full = w.Layout(width="98%")
        self.preset = w.Dropdown(layout=full, style={"description_width": "auto"})
        self.preset.observe(self._on_preset, "value")
        self.status = w.HTML(layout=full)
        self.reset_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self.load("baseline"))
        self.language_switch = w.ToggleButtons(
            options=[(t("language_name", x), x) for x in languages()],
            value=language,
            style={"button_width": "110px"},
        )
        self.language_switch.observe(lambda change: self.set_language(change["new"]), "value")

        self.save_name = w.Text(placeholder="my_plan", layout=full)
        self.save_title = w.Text(layout=full)
        self.replace = w.Checkbox(value=False, indent=False, layout=full)
        self.save_button = w.Button(icon="save", layout=w.Layout(width="auto"))
        self.save_button.on_click(
            lambda _: self.save(
                self.save_name.value, self.save_title.value, replace=self.replace.value
            )
        )
        self.saved = w.Dropdown(layout=full)
        self.load_button = w.Button(icon="folder-open", layout=w.Layout(width="auto"))
        self.load_button.on_click(lambda _: self.load_saved(self.saved.value))
        self._field_labels = {key: w.HTML(layout=full) for key in ("name", "title", "saved")}

        self.message = w.HTML(layout=_fixed())
        self.summary = w.HTML(layout=_fixed())
        self.scorecard = w.HTML(layout=w.Layout(width="100%"))
        self._make_tornado()
        self.charts: dict[str, Chart] = {}
        self.refresh(families=tuple(BY_NAME))
        self.charts = {
            name: Chart(
                name=name,
                spec=self._spec(name),
                embed_options=EMBED_OPTIONS,
                layout=w.Layout(width="100%", margin="0 0 8px 0"),
            )
            for name in SLOTS
        }
        self._prepare_specs()
        self._groups: dict[str, w.Widget] = {}
        self.widget = self._layout()
        self._label()
        self._sync(lists=True)

    # --- what a user (or a test) does --------------------------------------------------------
    def set_lever(self, name: str, value) -> None:
        """Move one lever, as a slider would."""
        self.controls[name].value = value

    def load(self, name_or_path: str) -> bool:
        """Take every lever from a preset, a saved scenario or a scenario file."""
        text = str(name_or_path).strip()
        try:
            path = resolve_scenario(text)
            scenario = load_scenario(path)
        except DxError as exc:
            self._say(t("ex_cannot_open", self.language, name=text, error=str(exc)), error=True)
            return False
        if not self._apply(scenario, origin=True, preset=_in_presets(path)):
            return False
        if not _in_presets(path):
            self._sync(lists=True)  # a file's title may have changed since the list was read
        self._say(t("msg_loaded", self.language, name=scenario.title_in(self.language)))
        return True

    def load_saved(self, name: str | None) -> bool:
        """Take every lever from one of the user's saved scenarios (picked from the list)."""
        if not name:
            self._say(t("ex_pick_saved", self.language), error=True)
            return False
        return self.load(str(saved_scenarios_dir() / f"{name}.yaml"))

    def save(self, name: str, title: str = "", replace: bool = False) -> Path | None:
        """Write the levers to data/scenarios/mine/<name>.yaml; never over a file unasked.

        The title goes under the language in use (a title typed in Vietnamese is saved under
        `vi`); replacing a saved scenario keeps its title in the other language.
        """
        lang, name = self.language, (name or "").strip()
        if not NAME_PATTERN.fullmatch(name):
            return self._refuse(t("ex_bad_name", lang, name=repr(name)))
        if name in list_scenarios():
            return self._refuse(t("ex_preset_name", lang, name=name))
        path = saved_scenarios_dir() / f"{name}.yaml"
        titles: dict[str, str] = {}
        if path.exists():
            if not replace:
                return self._refuse(t("msg_exists", lang, name=name))
            try:
                titles = dict(load_scenario(path).title)
            except DxError:
                titles = {}
        if title.strip() or not titles:
            titles[lang] = title.strip() or name
        base = self.origin.name
        scenario = Scenario(
            name,
            titles,
            {language: t("msg_saved_from", language, base=base) for language in languages()},
            self.scenario.levers,
        )
        try:
            write_atomically(path, scenario.to_yaml())
        except OSError as exc:
            return self._refuse(t("ex_cannot_write", lang, path=str(path), error=exc.strerror))
        self.scenario, self.origin, self._origin_is_preset = scenario, scenario, False
        self._sync(lists=True)
        self._say(t("msg_saved", lang, path=str(path)))
        return path

    def set_language(self, language: str) -> None:
        self.language = language
        self._quiet = True
        try:
            for lever in LEVERS:
                control = self.controls[lever.name]
                control.tooltip = lever.help(language)
                if lever.choices:
                    value = control.value
                    control.options = [(choice_label(c, language), c) for c in lever.choices]
                    control.value = value
        finally:
            self._quiet = False
        self.refresh(families=tuple(BY_NAME))
        self._label()
        self._tornado_options()
        self._draw_tornado()
        self._sync(lists=True)

    @property
    def modified(self) -> bool:
        """Whether any lever differs from the scenario loaded last."""
        return bool(self.changed_levers())

    def changed_levers(self) -> list[str]:
        """The levers whose value differs from the scenario loaded last."""
        now, then = self.scenario, self.origin
        return [lv.name for lv in LEVERS if not same(lv, now.value(lv.name), then.value(lv.name))]

    # --- the engine --------------------------------------------------------------------------
    def refresh(self, families: tuple[str, ...] = tuple(BY_NAME)) -> bool:
        """Recompute `families`' models and redraw their charts and the scorecard in place."""
        start = time.perf_counter()
        lang = self.language
        try:
            view = self.session.outlook(self.scenario)
            base = self.session.outlook(self.session.baseline_for(self.scenario))
            card = self.session.scorecard(self.scenario)
        except DxError as exc:
            self._say(t("ex_cannot_compute", lang, error=str(exc)), error=True)
            return False
        except Exception as exc:  # a bug, not the user's input: say so, keep the last charts
            self._say(f"{t('msg_internal', lang)}: {type(exc).__name__}: {exc}", True)
            return False
        self.view, self._base = view, base
        for name, chart in self.charts.items():
            if SLOTS[name].family in families:
                chart.spec = self._spec(name)
        units = self._units()
        self.scorecard.value = scorecard_html(card, lang, units)
        self.summary.value = summary_html(card, lang, units)
        self.timings.append(time.perf_counter() - start)
        self._say("")
        return True

    def _spec(self, name: str) -> dict:
        """The chart's spec, built once per structure, with the datasets the levers moved."""
        slot = SLOTS[name]
        key = slot.structure(self.view, self.language)
        if key not in self._specs:
            spec = self._chart(name).to_dict(validate=False)
            self._specs[key] = charts.with_width(spec, CHART_WIDTH)
        template = self._specs[key]
        moved = slot.data(self.view, self._base, self.language)
        return {**template, "datasets": {**template["datasets"], **moved}}

    def _prepare_specs(self) -> None:
        """Build now what a move would otherwise pay for: each chart whose spec depends on a
        setting (a series), for every choice of every setting with choices."""
        current = self.scenario
        varying = [name for name, slot in SLOTS.items() if slot.varies]
        for lever in LEVERS:
            for choice in lever.choices if lever.kind == "setting" else ():
                self.scenario = current.with_levers(**{lever.name: choice})
                self.view = self.session.outlook(self.scenario)
                self._base = self.session.outlook(self.session.baseline_for(self.scenario))
                for name in varying:
                    self._spec(name)
        self.scenario = current
        self.refresh(families=tuple(BY_NAME))

    def _chart(self, name: str):
        return SLOTS[name].chart(self.view, self._base, self.session.dataset, self.language)

    def _units(self) -> dict[str, str]:
        """Indicator -> unit in the current language: read once per language, not per move."""
        if self.language not in self._unit_cache:
            labels = indicator_labels(self.session.dataset.indicators, self.language)
            self._unit_cache[self.language] = {k: unit for k, (_, unit) in labels.items()}
        return self._unit_cache[self.language]

    def _on_lever(self, name: str, change: dict) -> None:
        if self._quiet:
            return
        try:
            moved = self.scenario.with_levers(**{name: change["new"]})
        except DxError as exc:
            self._say(t("ex_cannot_compute", self.language, error=str(exc)), error=True)
            return
        self._apply(moved)

    def _apply(self, scenario: Scenario, origin: bool = False, preset: bool = False) -> bool:
        """Show `scenario`; with `origin`, it is also what the levers are compared against."""
        before = self.scenario
        self.scenario = scenario
        changed = tuple(f for f in BY_NAME if before.read_by(f) != scenario.read_by(f))
        done = self.refresh(families=changed)
        if not done:
            self.scenario = before  # keep what is on screen consistent with the levers
        elif origin:
            self.origin, self._origin_is_preset = scenario, preset
        self._sync()
        return done

    def _on_preset(self, change: dict) -> None:
        if self._quiet or change["new"] in (None, MODIFIED):
            return
        if change["new"] != self.origin.name or self.modified or not self._origin_is_preset:
            self.load(change["new"])

    def _refuse(self, text: str) -> None:
        self._say(text, error=True)
        return None

    def _say(self, text: str, error: bool = False) -> None:
        colour = "#c4271b" if error else "#1a7f37"
        self.message.value = (
            f"<div style='color:{colour};white-space:normal'>{html.escape(text)}</div>"
            if text
            else ""
        )

    # --- which levers matter: a tornado computed on demand, drawn from its table -------------
    def _make_tornado(self) -> None:
        self.tornado_table: pd.DataFrame | None = None  # sensitivity.tornado's, every target
        self.tornado_for: Scenario | None = None  # the scenario it was computed for
        self.tornado_timings: list[float] = []  # seconds per compute, for the benchmark
        self._tornado_specs: dict[tuple[str, str], dict] = {}  # (target, language) -> spec
        self.tornado_intro = w.HTML(layout=_fixed())
        self.tornado_target = w.Dropdown(
            layout=w.Layout(width="560px"), style={"description_width": "auto"}
        )
        self.tornado_target.observe(self._on_tornado_target, "value")
        self.tornado_button = w.Button(icon="play", layout=w.Layout(width="auto", margin="0 8px"))
        self.tornado_button.on_click(lambda _: self.compute_tornado())
        self.tornado_status = w.HTML(layout=_fixed())
        self.tornado_line = w.HTML(layout=_fixed())
        self.tornado_chart = Chart(
            name="tornado",
            spec={},
            embed_options=EMBED_OPTIONS,
            layout=w.Layout(width="100%", margin="0 0 8px 0"),
        )
        self._tornado_options()

    def compute_tornado(self) -> bool:
        """Every target's tornado for the scenario on screen, in one run (two per lever)."""
        lang, button = self.language, self.tornado_button
        self.tornado_status.value = _status_html(t("ex_tornado_wait", lang))
        button.disabled = True
        start = time.perf_counter()
        try:
            table = sensitivity.tornado(self.session, self.scenario)
        except DxError as exc:
            self._say(t("ex_cannot_compute", lang, error=str(exc)), error=True)
            return False
        except Exception as exc:  # a bug, not the user's input: say so, keep the last one
            self._say(f"{t('msg_internal', lang)}: {type(exc).__name__}: {exc}", True)
            return False
        finally:
            button.disabled = False
            self._tornado_status()
        self.tornado_timings.append(time.perf_counter() - start)
        self.tornado_table, self.tornado_for = table, self.scenario
        self._tornado_specs.clear()
        self._tornado_options()
        self._draw_tornado()
        self._tornado_status()
        return True

    def _on_tornado_target(self, change: dict) -> None:
        if not self._quiet:
            self._draw_tornado()  # from the table: switching targets never recomputes

    @property
    def tornado_stale(self) -> bool:
        """Whether any lever has moved since the tornado on screen was computed."""
        done, now = self.tornado_for, self.scenario
        if done is None:
            return False
        return any(not same(lv, now.value(lv.name), done.value(lv.name)) for lv in LEVERS)

    def _tornado_options(self) -> None:
        """The picker: the computed table's targets, else those the scenario on screen has."""
        scenario = self.tornado_for or self.scenario
        table = self.tornado_table
        computed = (table if table is not None else self.session.chances(scenario))["target"]
        options = tornado_options(
            self.session.open_targets(scenario), computed, self.language, self._units()
        )
        keep = self.tornado_target.value
        self._quiet = True
        try:
            self.tornado_target.options = options
            targets = [value for _, value in options]
            self.tornado_target.value = keep if keep in targets else (targets or [None])[0]
        finally:
            self._quiet = False

    def _draw_tornado(self) -> None:
        """The chosen target's tornado and its one-line reading, from the cached table."""
        lang, table, target = self.language, self.tornado_table, self.tornado_target.value
        if table is None or target is None:
            self.tornado_line.value, self.tornado_chart.spec = "", {}
            return
        rows = table[table["target"] == target]
        shown = self.tornado_chart.layout
        self.tornado_line.value = _line_html(tornado_reading(rows, lang))
        if not len(charts.tornado_levers(rows)):  # the sentence says it all: no chart
            shown.display = "none"
            return
        key = (target, lang)
        if key not in self._tornado_specs:
            title = dict((v, k) for k, v in self.tornado_target.options).get(target, target)
            chart = charts.tornado_chart(rows, lang, title=title, width=CHART_WIDTH)
            self._tornado_specs[key] = chart.to_dict(validate=False)
        self.tornado_chart.spec = self._tornado_specs[key]
        shown.display = None

    def _tornado_status(self) -> None:
        """What the tab says above its chart: how it reads, and whether it is up to date."""
        lang = self.language
        paths = (self.tornado_for or self.scenario).value("draws")
        intro = t("tornado_intro", lang, paths=number(paths, 0, lang))
        self.tornado_intro.value = f"<div class='dx-intro'>{html.escape(intro)}</div>"
        if self.tornado_table is None:
            text, stale = "", False
        elif self.tornado_stale:
            text, stale = t("ex_tornado_stale", lang), True
        else:
            seconds = number(self.tornado_timings[-1], 1, lang)
            text, stale = t("ex_tornado_done", lang, seconds=seconds), False
        self.tornado_status.value = _status_html(text, stale)

    # --- what the controls show --------------------------------------------------------------
    def _sync(self, lists: bool = False) -> None:
        """Controls, scenario picker, lever marks (and with `lists`, the saved list) as the
        scenario now stands."""
        lang, origin = self.language, self.origin
        changed = set(self.changed_levers())
        full = origin.title_in(lang)
        title = short_title(full)
        if not self._origin_is_preset:
            full = title = t("ex_mine_title", lang, title=title)
        presets = [(short_title(s.title_in(lang)), name) for name, s in self._presets.items()]
        if lists:
            self._saved = [(_saved_title(n, lang), n) for n in list_saved_scenarios()]
        saved = self._saved
        if changed:
            options = [(t("ex_modified_from", lang, title=title), MODIFIED), *presets]
            value = MODIFIED
        elif self._origin_is_preset:
            options, value = presets, origin.name
        else:
            options, value = [(title, MODIFIED), *presets], MODIFIED
        self._quiet = True
        try:
            for name, control in self.controls.items():
                control.value = self.scenario.value(name)
            if tuple(self.preset.options) != tuple(options):
                self.preset.options = options
            self.preset.value = value
            if tuple(self.saved.options) != tuple(saved):
                keep = self.saved.value
                self.saved.options = saved
                self.saved.value = keep if keep in dict(saved).values() else None
            if not self._origin_is_preset and origin.name in dict(saved).values():
                self.saved.value = origin.name
        finally:
            self._quiet = False
        for lever in LEVERS:
            was = ""
            if lever.name in changed:
                shown = lever_value(lever, origin.value(lever.name), lang)
                was = t("ex_was", lang, title=title, value=shown)
            self.labels[lever.name].value = label_html(lever, lang, was)
            box = self.levers[lever.name]
            if lever.name in changed:
                box.add_class("dx-changed")
            else:
                box.remove_class("dx-changed")
        status = t("ex_changed", lang, n=len(changed), title=title) if changed else full
        muted = "" if changed else " style='color:#666'"
        self.status.value = f"<div class='dx-status'{muted}>{html.escape(status)}</div>"
        self._tornado_status()

    # --- layout ------------------------------------------------------------------------------
    def _layout(self) -> w.Widget:
        full = w.Layout(width="100%")
        self.groups = {
            kind: w.VBox([self.levers[lv.name] for lv in LEVERS if lv.kind == kind], layout=full)
            for kind in KINDS
        }
        labels = self._field_labels
        mine = w.VBox(
            [
                labels["name"],
                self.save_name,
                labels["title"],
                self.save_title,
                self.replace,
                self.save_button,
                labels["saved"],
                self.saved,
                self.load_button,
            ],
            layout=full,
        )
        sections = {
            kind: w.Accordion(children=[self.groups[kind]], layout=_fixed()) for kind in KINDS
        }
        sections["mine"] = w.Accordion(children=[mine], layout=_fixed())
        sections["policy"].selected_index = 0
        self._groups["sections"] = sections
        top = w.VBox(
            [self.preset, self.status, self.reset_button, self.language_switch],
            layout=_fixed(margin="0 0 6px 0"),
        )
        left = w.VBox(
            [top, *sections.values()],
            layout=w.Layout(
                width="350px",
                min_width="350px",
                height="100%",
                overflow="auto",
                padding="0 6px 0 0",
                border_right="1px solid #ddd",
            ),
        )
        left.add_class("dx-levers")
        pages = []
        for names in GROUPS.values():
            charts = [self.charts[n] for n in names]
            pages.append(w.VBox(charts, layout=w.Layout(height=PAGE_HEIGHT, overflow="auto")))
        pages.append(w.VBox([self.scorecard], layout=w.Layout(height=PAGE_HEIGHT, overflow="auto")))
        controls = w.HBox(
            [self.tornado_target, self.tornado_button], layout=_fixed(align_items="center")
        )
        pages.append(
            w.VBox(
                [
                    self.tornado_intro,
                    controls,
                    self.tornado_status,
                    self.tornado_line,
                    self.tornado_chart,
                ],
                layout=w.Layout(height=PAGE_HEIGHT, overflow="auto"),
            )
        )
        self._groups["tornado"] = pages[-1]
        self._groups["tabs"] = w.Tab(children=pages, layout=_fixed())
        right = w.VBox(
            [self.message, self.summary, self._groups["tabs"]],
            layout=w.Layout(
                flex="1 1 0%", min_width="0", height="100%", overflow="auto", padding="0 0 0 10px"
            ),
        )
        right.add_class("dx-outputs")
        root = w.HBox(
            [left, right, vega_library()],
            layout=w.Layout(width="100%", height=HEIGHT, min_height="480px"),
        )
        root.add_class("dx-explorer")
        return root

    def _label(self) -> None:
        lang = self.language
        sections = self._groups["sections"]
        for kind in KINDS:
            sections[kind].set_title(0, t(f"group_{kind}", lang))
        sections["mine"].set_title(0, t("ex_section_mine", lang))
        tabs = self._groups["tabs"]
        for i, key in enumerate(GROUPS):
            tabs.set_title(i, t(f"tab_{key}", lang))
        tabs.set_title(len(GROUPS), t("ex_tab_scorecard", lang))
        tabs.set_title(len(GROUPS) + 1, t("ex_tab_tornado", lang))
        self.tornado_target.description = t("ex_tornado_target", lang)
        self.tornado_button.description = t("ex_tornado_compute", lang)
        self.preset.description = t("preset", lang)
        self.reset_button.description = t("reset", lang)
        self.save_button.description = t("save", lang)
        self.replace.description = t("replace", lang)
        self.load_button.description = t("ex_open", lang)
        fields = {"name": "ex_save_name", "title": "ex_save_title", "saved": "ex_saved_list"}
        for key, text in fields.items():
            field = html.escape(t(text, lang))
            self._field_labels[key].value = f"<div class='dx-field-label'>{field}</div>"
        self.save_title.placeholder = t("ex_title_placeholder", lang)
        self.save_name.placeholder = t("ex_name_placeholder", lang)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _status_html(text: str, alert: bool = False) -> str:
    colour = "var(--dx-accent)" if alert else "#666"
    return (
        f"<div class='dx-status' style='color:{colour}'>{html.escape(text)}</div>" if text else ""
    )


def _line_html(text: str) -> str:
    return f"<div class='dx-line'>{html.escape(text)}</div>"


def _fixed(**more) -> w.Layout:
    """Stretched across its column, never shrunk to nothing when the column scrolls."""
    return w.Layout(flex="0 0 auto", **more)


def short_title(title: str) -> str:
    """A preset's title up to its dash ("Baseline — what it assumes" -> "Baseline")."""
    return title.split(" — ")[0].strip() or title


def _in_presets(path: Path) -> bool:
    return path.resolve().parent == scenarios_dir().resolve()


def _is_preset(name_or_path: str) -> bool:
    try:
        return _in_presets(resolve_scenario(name_or_path))
    except DxError:
        return False


def _saved_title(name: str, language: str) -> str:
    try:
        title = load_scenario(saved_scenarios_dir() / f"{name}.yaml").title_in(language)
    except DxError:
        return name
    return title if title == name else f"{title} ({name})"
