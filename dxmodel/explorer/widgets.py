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

import functools
import html
import json
import math
import time
from pathlib import Path
from weakref import WeakKeyDictionary

import anywidget
import ipywidgets as w
import pandas as pd
import traitlets

from dxmodel.core.levers import KINDS, LEVERS, REGISTRY, Lever
from dxmodel.core.scenario import (
    NAME_PATTERN,
    Scenario,
    list_saved_scenarios,
    list_scenarios,
    load_scenario,
    resolve_scenario,
    saved_scenarios_dir,
)
from dxmodel.core.targets import KEY_TARGETS, key_first, outlook_key
from dxmodel.engine.session import Outlook, Session
from dxmodel.models import BY_NAME
from dxmodel.outputs import charts
from dxmodel.outputs.figures import GROUPS, SLOTS
from dxmodel.outputs.sweep_text import tornado_reading
from dxmodel.outputs.tables import (
    STATUS_COLOURS,
    choice_label,
    lever_value,
    scorecard_html,
    value_text,
)
from dxmodel.sweeps import sensitivity
from dxmodel.text.i18n import indicator_labels, number, percent, t
from dxmodel.text.messages import MESSAGES
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
ACCENT = "#c05600"  # marks a lever that differs from the loaded scenario
COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
STYLE = """<style>
.dx-explorer .widget-html-content{line-height:1.3}
.dx-lever-label{white-space:normal;overflow-wrap:anywhere;font-size:12.5px;margin-top:4px;
padding-left:14px;text-indent:-14px}
.dx-lever-label .dx-unit{color:#666}
.dx-lever-label .dx-dot{color:$ACCENT;visibility:hidden}
.dx-changed .dx-lever-label{color:$ACCENT}
.dx-changed .dx-lever-label .dx-dot{visibility:visible}
.dx-changed .dx-lever-label .dx-unit{color:$ACCENT}
.dx-field-label{white-space:normal;font-size:12.5px;margin-top:4px}
.dx-status{white-space:normal;font-size:12px;color:$ACCENT;min-height:16px}
.dx-caption{font-size:11.5px;color:#555;margin:0 0 2px 2px}
.dx-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:4px 8px}
.dx-card{display:flex;gap:8px;align-items:center;border:1px solid #ddd;border-left-width:5px;
border-radius:3px;padding:1px 6px;font:12px/1.25 system-ui,sans-serif;white-space:normal}
.dx-card-p{font-size:16px;font-weight:600;min-width:42px;text-align:right}
.dx-card-b{color:#666;font-size:11px}
.dx-explorer .widget-tab>.lm-TabBar .lm-TabBar-tab{flex:0 0 auto;max-width:none}
.dx-chart,.dx-chart.vega-embed{display:block;width:100%}
.dx-chart svg.marks{max-width:100%;height:auto}
.dx-intro{white-space:normal;font-size:12.5px;color:#444;margin:4px 2px 6px 2px;max-width:800px}
.dx-line{white-space:normal;font-size:14px;font-weight:600;margin:6px 2px 2px 2px}
</style>""".replace("$ACCENT", ACCENT)


# --- the charts: one shared copy of vega, small widgets that patch their data -----------------
_SLOT_JS = """
const slot = (globalThis.__dxmodelVega ??= (() => {
  const s = { started: false };
  s.ready = new Promise((resolve, reject) => { s.resolve = resolve; s.reject = reject; });
  return s;
})());
"""

CHART_ESM = (
    _SLOT_JS
    + """
const redraws = (globalThis.__dxmodelRedraws ??= []);  // browser-side redraw times (ms)

function shape(spec) {  // everything but the data: equal shapes can swap data in place
  const { datasets, ...rest } = spec;
  return JSON.stringify(rest);
}

function render({ model, el }) {
  el.classList.add("dx-chart");
  el.dataset.chart = model.get("name");
  let view = null, finalize = null, drawn = null, shown = {};
  let busy = false, again = false, alive = true;

  async function redraw() {
    if (busy) { again = true; return; }  // latest wins: one redraw at a time
    busy = true;
    try {
      do {
        again = false;
        const start = performance.now();
        const { vegaEmbed } = await slot.ready;
        const spec = model.get("spec");
        if (!alive) return;
        if (!spec || !Object.keys(spec).length) continue;
        const key = shape(spec), data = spec.datasets ?? {};
        let kind = "data";
        if (view && key === drawn) {
          try {
            let moved = 0;
            for (const [name, rows] of Object.entries(data)) {
              const text = JSON.stringify(rows);
              if (shown[name] === text) continue;
              view.change(name, view.changeset().remove(() => true).insert(structuredClone(rows)));
              shown[name] = text;
              moved += 1;
            }
            if (moved) await view.runAsync();
          } catch (error) {  // a dataset the drawn chart lacks: embed it again
            console.warn("dxmodel chart: redrawing in full:", error.message);
            drawn = null;
          }
        }
        if (!view || key !== drawn) {
          kind = "embed";
          if (finalize) finalize();
          const options = { ...(model.get("embed_options") ?? {}) };
          const result = await vegaEmbed(el, structuredClone(spec), options);
          view = result.view; finalize = result.finalize; drawn = key;
          shown = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, JSON.stringify(v)]));
        }
        const ms = performance.now() - start;
        redraws.push({ chart: model.get("name"), kind, ms, at: performance.now() });
        if (redraws.length > 1000) redraws.splice(0, redraws.length - 1000);
        el.dataset.redraws = String(Number(el.dataset.redraws ?? 0) + 1);
      } while (again && alive);
    } catch (error) {
      view = null; drawn = null;
      el.textContent = "Chart error: " + error.message;
    } finally {
      busy = false;
    }
  }

  const restart = () => { drawn = null; redraw(); };
  model.on("change:spec", redraw);
  model.on("change:embed_options", restart);
  redraw();
  return () => {
    alive = false;
    model.off("change:spec", redraw);
    model.off("change:embed_options", restart);
    if (finalize) finalize();
  };
}

export default { render };
"""
)

_LIBRARY_ESM = (
    _SLOT_JS
    + """
const SOURCE = %s;
if (!slot.started) {
  slot.started = true;
  // Out of the module's own start-up, so the model is ready at once whatever the import costs.
  setTimeout(() => {
    const url = URL.createObjectURL(new Blob([SOURCE], { type: "text/javascript" }));
    import(url)
      .then(() => slot.resolve(globalThis.__dxmodelVegaLib), (error) => slot.reject(error))
      .finally(() => URL.revokeObjectURL(url));
  }, 0);
}

export default { render({ el }) { el.style.display = "none"; } };
"""
)


@functools.cache
def library_esm() -> str:
    """The module that loads vega-embed, vega-lite and vega once per page (from vl-convert)."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    bundle = vlc.javascript_bundle(
        "globalThis.__dxmodelVegaLib = { vegaEmbed, vega };", vl_version=vl_version_for_vl_convert()
    )
    return _LIBRARY_ESM % json.dumps(bundle)


class Chart(anywidget.AnyWidget):
    """A Vega-Lite chart the kernel redraws by setting `spec`; only moved datasets are sent on."""

    _esm = CHART_ESM
    name = traitlets.Unicode("").tag(sync=True)
    spec = traitlets.Dict(allow_none=True).tag(sync=True)
    embed_options = traitlets.Dict().tag(sync=True)


class VegaLibrary(anywidget.AnyWidget):
    """Ships the vega code to the page once, for every Chart; shows nothing."""

    _esm = "export default {};"  # replaced by library_esm() when made


_library: VegaLibrary | None = None
# A chart's spec without its moving data depends only on its structure (name, language,
# series) and the session's dataset: built once per session, for every explorer on it.
_TEMPLATES: WeakKeyDictionary[Session, dict[tuple, dict]] = WeakKeyDictionary()


def vega_library() -> VegaLibrary:
    """The kernel's one VegaLibrary (made again if it was closed)."""
    global _library
    if _library is None or _library.comm is None:
        _library = VegaLibrary(_esm=library_esm())
    return _library


# --- levers ----------------------------------------------------------------------------------
def label_html(lever: Lever, language: str, was: str = "") -> str:
    """A lever's label, in full (it wraps, never cut); `was` names what it differs from."""
    e = html.escape
    tip = lever.help(language) + (f"\n\n{was}" if was else "")
    return (
        f"<div class='dx-lever-label' title='{e(tip)}'><span class='dx-dot'>●</span> "
        f"{e(lever.label(language))} <span class='dx-unit'>({e(lever.unit(language))})</span>"
        "</div>"
    )


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def control_for(lever: Lever, value, language: str) -> w.Widget:
    """A slider (a dropdown for a choice) bounded by the registry, redrawing while it moves."""
    common = {"tooltip": lever.help(language), "layout": w.Layout(width="98%")}
    if lever.choices:
        options = [(choice_label(c, language), c) for c in lever.choices]
        return w.Dropdown(options=options, value=value, **common)
    kind = w.IntSlider if lever.integer else w.FloatSlider
    extra = {} if lever.integer else {"readout_format": f".{_decimals(lever.step)}f"}
    return kind(
        value=value, min=lever.min, max=lever.max, step=lever.step, continuous_update=True,
        style={"description_width": "0px"}, **extra, **common,
    )  # fmt: skip


def _same(lever: Lever, a, b) -> bool:
    if lever.choices:
        return a == b
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=float(lever.step) * 1e-6)


# --- the key-target summary ------------------------------------------------------------------
def summary_html(card: pd.DataFrame, language: str, units: dict[str, str]) -> str:
    """A few key targets as cards: P(meet) in its status colour, the baseline's below."""
    e = html.escape
    rows = card.set_index("target")
    cards = []
    for target in KEY_TARGETS:
        if target not in rows.index:
            continue
        r = rows.loc[target]
        key = outlook_key(r.status, r.p_meet)
        colour = STATUS_COLOURS[key]
        p = t("status_" + key, language) if pd.isna(r.p_meet) else _percent(r.p_meet, language)
        base = "" if pd.isna(r.p_meet_baseline) else _percent(r.p_meet_baseline, language)
        label = target_short(r, language, units)
        baseline = e(t("ex_baseline_p", language, p=base)) if base else ""
        cards.append(
            f"<div class='dx-card' style='border-left-color:{colour}' "
            f"title='{e(str(target))} · {e(str(r.basis))}'>"
            f"<div class='dx-card-p' style='color:{colour}'>{e(p)}</div>"
            f"<div>{e(label)}<div class='dx-card-b'>{baseline}</div></div></div>"
        )
    caption = f"<div class='dx-caption'>{e(t('ex_key_targets', language))}</div>"
    return f"{STYLE}{caption}<div class='dx-cards'>{''.join(cards)}</div>"


def _percent(p: float, language: str) -> str:
    return percent(float(p), language)


def target_short(r, language: str, units: dict[str, str]) -> str:
    """A target in a few words, as the cards and the tornado's picker name it:
    'Digital economy, share of GDP: ≥ 30% · 2030'."""
    key = f"ex_short_{r.indicator}"
    name = t(key, language) if key in MESSAGES else str(r.indicator)
    unit = units.get(r.indicator, r.unit)
    value = value_text(r["value"], r.unit, language) + ("%" if unit.startswith("%") else "")
    return f"{name}: {COMPARATORS.get(r.comparator, r.comparator)} {value} · {r.year}"


def tornado_options(
    targets: pd.DataFrame, computed, language: str, units: dict[str, str]
) -> list[tuple[str, str]]:
    """The tornado's target picker: (label, target) for each of `targets` (scorecard rows) in
    `computed`, the key targets first, then the others in registry order. Targets that ask the
    same of the same projection (three bases for a 30% share in 2030) have the same tornado:
    one entry, the first of them."""
    rows = targets[targets["target"].isin(set(computed))].set_index("target", drop=False)
    out, seen = [], set()
    for target in key_first(rows["target"], list(targets["target"])):
        r = rows.loc[target]
        same = (r.indicator, r.geo, r.series, r.judged_on_year, r.comparator, r["value"])
        if same not in seen:
            seen.add(same)
            out.append((target_short(r, language, units), str(r.target)))
    return out


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

        self.controls = {lv.name: control_for(lv, self.scenario.value(lv.name), language)
                         for lv in LEVERS}  # fmt: skip
        self.labels = {lv.name: w.HTML(layout=w.Layout(width="98%")) for lv in LEVERS}
        self.levers = {}
        for lever in LEVERS:
            box = w.VBox([self.labels[lever.name], self.controls[lever.name]],
                         layout=w.Layout(width="100%", padding="0 0 0 6px"))  # fmt: skip
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
            options=[("English", "en"), ("Tiếng Việt", "vi")], value=language,
            style={"button_width": "110px"},
        )  # fmt: skip
        self.language_switch.observe(lambda change: self.set_language(change["new"]), "value")

        self.save_name = w.Text(placeholder="my_plan", layout=full)
        self.save_title = w.Text(layout=full)
        self.replace = w.Checkbox(value=False, indent=False, layout=full)
        self.save_button = w.Button(icon="save", layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save(self.save_name.value, self.save_title.value,
                                                      replace=self.replace.value))  # fmt: skip
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
        self.charts = {name: Chart(name=name, spec=self._spec(name),
                                   embed_options=EMBED_OPTIONS,
                                   layout=w.Layout(width="100%", margin="0 0 8px 0"))
                       for name in SLOTS}  # fmt: skip
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
            {language: t("msg_saved_from", language, base=base) for language in ("en", "vi")},
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
        return [lv.name for lv in LEVERS if not _same(lv, now.value(lv.name), then.value(lv.name))]

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
        """Build now what a slider move would otherwise pay for: every series' share chart."""
        current = self.scenario
        for series in REGISTRY["digital_economy_series"].choices:
            self.scenario = current.with_levers(digital_economy_series=series)
            self.view = self.session.outlook(self.scenario)
            self._base = self.session.outlook(self.session.baseline_for(self.scenario))
            self._spec("digital_economy")
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
        self.tornado_target = w.Dropdown(layout=w.Layout(width="560px"),
                                         style={"description_width": "auto"})  # fmt: skip
        self.tornado_target.observe(self._on_tornado_target, "value")
        self.tornado_button = w.Button(icon="play", layout=w.Layout(width="auto", margin="0 8px"))
        self.tornado_button.on_click(lambda _: self.compute_tornado())
        self.tornado_status = w.HTML(layout=_fixed())
        self.tornado_line = w.HTML(layout=_fixed())
        self.tornado_chart = Chart(name="tornado", spec={}, embed_options=EMBED_OPTIONS,
                                   layout=w.Layout(width="100%", margin="0 0 8px 0"))  # fmt: skip
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
        return any(not _same(lv, now.value(lv.name), done.value(lv.name)) for lv in LEVERS)

    def _tornado_options(self) -> None:
        """The picker: the computed table's targets, else those the scenario on screen has."""
        scenario = self.tornado_for or self.scenario
        table = self.tornado_table
        computed = (table if table is not None else self.session.chances(scenario))["target"]
        options = tornado_options(self.session.open_targets(scenario), computed,
                                  self.language, self._units())  # fmt: skip
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
        self.groups = {kind: w.VBox([self.levers[lv.name] for lv in LEVERS if lv.kind == kind],
                                    layout=full)
                       for kind in KINDS}  # fmt: skip
        labels = self._field_labels
        mine = w.VBox([
            labels["name"], self.save_name, labels["title"], self.save_title, self.replace,
            self.save_button, labels["saved"], self.saved, self.load_button,
        ], layout=full)  # fmt: skip
        sections = {kind: w.Accordion(children=[self.groups[kind]], layout=_fixed())
                    for kind in KINDS}  # fmt: skip
        sections["mine"] = w.Accordion(children=[mine], layout=_fixed())
        sections["policy"].selected_index = 0
        self._groups["sections"] = sections
        top = w.VBox([self.preset, self.status, self.reset_button, self.language_switch],
                     layout=_fixed(margin="0 0 6px 0"))  # fmt: skip
        left = w.VBox(
            [top, *sections.values()],
            layout=w.Layout(width="350px", min_width="350px", height="100%", overflow="auto",
                            padding="0 6px 0 0", border_right="1px solid #ddd"),
        )  # fmt: skip
        left.add_class("dx-levers")
        pages = []
        for names in GROUPS.values():
            charts = [self.charts[n] for n in names]
            pages.append(w.VBox(charts, layout=w.Layout(height=PAGE_HEIGHT, overflow="auto")))
        pages.append(w.VBox([self.scorecard],
                            layout=w.Layout(height=PAGE_HEIGHT, overflow="auto")))  # fmt: skip
        controls = w.HBox([self.tornado_target, self.tornado_button],
                          layout=_fixed(align_items="center"))  # fmt: skip
        pages.append(w.VBox(
            [self.tornado_intro, controls, self.tornado_status, self.tornado_line,
             self.tornado_chart],
            layout=w.Layout(height=PAGE_HEIGHT, overflow="auto"),
        ))  # fmt: skip
        self._groups["tornado"] = pages[-1]
        self._groups["tabs"] = w.Tab(children=pages, layout=_fixed())
        right = w.VBox(
            [self.message, self.summary, self._groups["tabs"]],
            layout=w.Layout(flex="1 1 0%", min_width="0", height="100%", overflow="auto",
                            padding="0 0 0 10px"),
        )  # fmt: skip
        right.add_class("dx-outputs")
        root = w.HBox([left, right, vega_library()],
                      layout=w.Layout(width="100%", height=HEIGHT, min_height="480px"))  # fmt: skip
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
    colour = ACCENT if alert else "#666"
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
