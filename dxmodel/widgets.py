"""The scenario explorer: ipywidgets wiring over a Session, and nothing else.

Controls come from the lever registry (policy levers, assumptions and settings in separate
groups). A change recomputes only the model family it touches (the Session's caches) and
refreshes only that family's charts, by swapping their datasets in a spec built once
(`figures`). Charts are altair JupyterCharts in offline mode: the vega code ships with
vl-convert, so nothing is fetched from the network. A model error shows as one line in the
panel and leaves the last good charts and scorecard in place.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import altair as alt
import ipywidgets as w

from dxmodel.atomic import write_atomically
from dxmodel.errors import DxError, ScenarioError
from dxmodel.figures import GROUPS, SLOTS
from dxmodel.i18n import t
from dxmodel.levers import KINDS, LEVERS, REGISTRY, Lever
from dxmodel.paths import scenarios_dir
from dxmodel.scenario import Scenario, check_name, list_scenarios, load_scenario
from dxmodel.session import FAMILIES, Outlook, Session, family_key
from dxmodel.tables import scorecard_html


def described(lever: Lever, language: str) -> str:
    """A control's label: the lever's name and its unit."""
    return f"{lever.label(language)} ({lever.unit(language)})"


def control_for(lever: Lever, value, language: str) -> w.Widget:
    """A slider (or a dropdown for a choice) bounded by the registry: no value out of range."""
    common = {
        "description": described(lever, language),
        "tooltip": lever.help(language),
        "style": {"description_width": "440px"},
        "layout": w.Layout(width="760px"),
    }
    if lever.choices:
        return w.Dropdown(options=list(lever.choices), value=value, **common)
    kind = w.IntSlider if lever.integer else w.FloatSlider
    extra = {} if lever.integer else {"readout_format": ".3g"}
    return kind(
        value=value, min=lever.min, max=lever.max, step=lever.step, continuous_update=False,
        **extra, **common,
    )  # fmt: skip


class Explorer:
    """Levers in, every chart and the target scorecard out, updated in place."""

    def __init__(
        self,
        session: Session | None = None,
        scenario: str = "baseline",
        language: str = "en",
    ) -> None:
        alt.JupyterChart.enable_offline()
        self.session = session if session is not None else Session()
        self.language = language
        self.scenario = load_scenario(scenario)
        self.view: Outlook | None = None
        self.timings: list[float] = []  # seconds per refresh, for the benchmark
        self._specs: dict[tuple, dict] = {}
        self._quiet = False  # set while the explorer moves its own controls

        self.controls = {lv.name: control_for(lv, self.scenario.value(lv.name), language)
                         for lv in LEVERS}  # fmt: skip
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_lever(name, change), "value")
        self.preset = w.Dropdown(options=list_scenarios(), value=self.scenario.name)
        self.preset.observe(self._on_preset, "value")
        self.reset_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self.load("baseline"))
        self.language_switch = w.ToggleButtons(
            options=[("English", "en"), ("Tiếng Việt", "vi")], value=language
        )
        self.language_switch.observe(lambda change: self.set_language(change["new"]), "value")
        self.save_name = w.Text(placeholder="my_scenario")
        self.save_title = w.Text()
        self.replace = w.Checkbox(value=False, indent=False)
        self.save_button = w.Button(icon="save")
        self.save_button.on_click(lambda _: self.save(self.save_name.value, self.save_title.value,
                                                      replace=self.replace.value))  # fmt: skip
        self.load_path = w.Text(placeholder="path/to/scenario.yaml")
        self.load_button = w.Button(icon="folder-open")
        self.load_button.on_click(lambda _: self.load(self.load_path.value))
        self.message = w.HTML()
        self.scorecard = w.HTML()
        self.charts: dict[str, alt.JupyterChart] = {}
        self.refresh(families=FAMILIES)
        self.charts = {
            name: alt.JupyterChart(self._chart(name), embed_options={"actions": False})
            for name in SLOTS
        }
        self._prepare_specs()
        self._groups = {}
        self.widget = self._layout()
        self._label()

    # --- what a user (or a test) does --------------------------------------------------------
    def set_lever(self, name: str, value) -> None:
        """Move one lever, as a slider would."""
        self.controls[name].value = value

    def load(self, name_or_path: str) -> None:
        """Take every lever from a preset or a scenario file."""
        try:
            scenario = load_scenario(name_or_path.strip())
        except DxError as exc:
            self._say(str(exc), error=True)
            return
        if self._apply(scenario):
            self._say(t("msg_loaded", self.language, name=scenario.name))

    def save(self, name: str, title: str = "", replace: bool = False) -> Path | None:
        """Write the current levers to data/scenarios/<name>.yaml; never over a file unasked."""
        try:
            check_name(name.strip())
            path = scenarios_dir() / f"{name.strip()}.yaml"
            if path.exists() and not replace:
                raise ScenarioError(t("msg_exists", self.language, name=name.strip()))
            scenario = Scenario(
                name.strip(),
                {"en": title.strip() or name.strip()},
                {"en": t("msg_saved_from", "en", base=self.scenario.name)},
                self.scenario.levers,
            )
            write_atomically(path, scenario.to_yaml())
        except DxError as exc:
            self._say(str(exc), error=True)
            return None
        self.preset.options = list_scenarios()
        self._say(t("msg_saved", self.language, path=str(path)))
        return path

    def set_language(self, language: str) -> None:
        self.language = language
        for lever in LEVERS:
            self.controls[lever.name].description = described(lever, language)
            self.controls[lever.name].tooltip = lever.help(language)
        self.refresh(families=FAMILIES)
        self._label()

    # --- the engine --------------------------------------------------------------------------
    def refresh(self, families=FAMILIES) -> bool:
        """Recompute `families`' models and redraw their charts and the scorecard in place."""
        start = time.perf_counter()
        try:
            view = self.session.outlook(self.scenario)
            base = self.session.outlook(self.session.baseline_for(self.scenario))
            card = self.session.scorecard(self.scenario)
        except DxError as exc:
            self._say(str(exc), error=True)
            return False
        except Exception as exc:  # a bug, not the user's input: say so, keep the last charts
            self._say(f"{t('msg_internal', self.language)}: {type(exc).__name__}: {exc}", True)
            return False
        self.view, self._base = view, base
        for name, chart in self.charts.items():
            if SLOTS[name].family in families:
                chart.spec = self._spec(name)
        self.scorecard.value = scorecard_html(card, self.language, self._units())
        self.timings.append(time.perf_counter() - start)
        self._say("")
        return True

    def _spec(self, name: str) -> dict:
        """The chart's spec, built once per structure, with the datasets the levers moved."""
        slot = SLOTS[name]
        key = slot.structure(self.view, self.language)
        if key not in self._specs:
            self._specs[key] = self._chart(name).to_dict()
        template = self._specs[key]
        moved = slot.data(self.view, self._base, self.language)
        return {**template, "datasets": {**template["datasets"], **moved}}

    def _prepare_specs(self) -> None:
        """Build now what a slider move would otherwise pay for: every series' share chart."""
        for name, chart in self.charts.items():
            self._specs[SLOTS[name].structure(self.view, self.language)] = chart.spec
        current = self.scenario
        for series in REGISTRY["digital_economy_series"].choices:
            self.scenario = current.with_levers(digital_economy_series=series)
            self.view = self.session.outlook(self.scenario)
            self._base = self.session.outlook(self.session.baseline_for(self.scenario))
            self._spec("digital_economy")
        self.scenario = current
        self.refresh(families=FAMILIES)

    def _chart(self, name: str) -> alt.LayerChart:
        return SLOTS[name].chart(self.view, self._base, self.session.dataset, self.language)

    def _units(self) -> dict[str, str]:
        column = "unit_vi" if self.language == "vi" else "unit"
        return self.session.dataset.indicators.set_index("indicator")[column].to_dict()

    def _on_lever(self, name: str, change: dict) -> None:
        if self._quiet:
            return
        try:
            moved = self.scenario.with_levers(**{name: change["new"]})
        except DxError as exc:
            self._say(str(exc), error=True)
            return
        self._apply(moved)

    def _apply(self, scenario: Scenario) -> bool:
        before = self.scenario
        self.scenario = scenario
        changed = [f for f in FAMILIES if family_key(before, f) != family_key(scenario, f)]
        done = self.refresh(families=changed)
        if not done:
            self.scenario = before  # keep what is on screen consistent with the levers
        self._quiet = True
        try:
            for name, control in self.controls.items():
                control.value = self.scenario.value(name)
            if self.scenario.name in self.preset.options:
                self.preset.value = self.scenario.name
        finally:
            self._quiet = False
        return done

    def _on_preset(self, change: dict) -> None:
        if not self._quiet and change["new"] != self.scenario.name:
            self.load(change["new"])

    def _say(self, text: str, error: bool = False) -> None:
        colour = "#c4271b" if error else "#1a7f37"
        self.message.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    # --- layout ------------------------------------------------------------------------------
    def _layout(self) -> w.Widget:
        groups = {kind: w.VBox([self.controls[lv.name] for lv in LEVERS if lv.kind == kind])
                  for kind in KINDS}  # fmt: skip
        self._groups["levers"] = w.Accordion(children=[groups[k] for k in KINDS])
        self._groups["levers"].selected_index = 0
        self._groups["tabs"] = w.Tab(
            children=[w.VBox([self.charts[n] for n in names]) for names in GROUPS.values()]
        )
        self._groups["save"] = w.HBox([self.save_name, self.save_title, self.replace,
                                       self.save_button])  # fmt: skip
        self._groups["load"] = w.HBox([self.load_path, self.load_button])
        top = w.HBox([self.preset, self.reset_button, self.language_switch])
        return w.VBox([
            top, self.message, self._groups["levers"], self._groups["save"],
            self._groups["load"], self._groups["tabs"], self.scorecard,
        ])  # fmt: skip

    def _label(self) -> None:
        lang = self.language
        for i, kind in enumerate(KINDS):
            self._groups["levers"].set_title(i, t(f"group_{kind}", lang))
        for i, key in enumerate(GROUPS):
            self._groups["tabs"].set_title(i, t(key, lang))
        self.preset.description = t("preset", lang)
        self.reset_button.description = t("reset", lang)
        self.save_button.description = t("save", lang)
        self.save_title.placeholder = t("save_title", lang)
        self.replace.description = t("replace", lang)
        self.load_button.description = t("load", lang)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
