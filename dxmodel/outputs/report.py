"""What a report says: every section as HTML, for one scenario, in English or Vietnamese.

`notebooks/report.ipynb` only calls these methods, one per cell, so papermill can render it
alone and `dxmodel report` (see `dxmodel.publish`) can turn it into an offline HTML file. Every text
from data or a scenario file is escaped; charts are `<div>`s filled by `vegaEmbed`, whose code
the HTML template includes once per file.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
from IPython.display import HTML

from dxmodel import __version__
from dxmodel.core import columns as c
from dxmodel.core.levers import LEVERS
from dxmodel.core.scenario import Scenario, load_scenario
from dxmodel.core.targets import KEY_TARGETS
from dxmodel.engine.kept import backtests
from dxmodel.engine.session import Outlook, Session
from dxmodel.models import FAMILIES, dti, family_of, ranking, training
from dxmodel.models import digital_economy as de
from dxmodel.models.family import Family
from dxmodel.outputs import dti_text, online_services_text
from dxmodel.outputs.charts import tornado_chart
from dxmodel.outputs.explore import explore_html
from dxmodel.outputs.figures import GROUPS, SLOTS
from dxmodel.outputs.sentences import target_sentences
from dxmodel.outputs.summary import KEY_VALUES, SUMMARY_COLUMNS, summary_script
from dxmodel.outputs.sweep_text import tornado_reading
from dxmodel.outputs.tables import STYLE, parameters_html, scorecard_html, verdict_html
from dxmodel.outputs.track_record import track_record_html
from dxmodel.outputs.wording import lever_value, needs_text, target_label, target_names
from dxmodel.sweeps.grid import explore_grid
from dxmodel.sweeps.sensitivity import MOVES, kept_tornado
from dxmodel.text.i18n import (
    basis_in,
    check_language,
    clause_in,
    indicator_labels,
    number,
    percent,
    significant,
    t,
    value_range,
)
from dxmodel.text.messages import MESSAGES
from dxmodel.util.frames import rows
from dxmodel.util.provenance import data_hash, git_commit

e = html.escape


def chart_html(spec: dict, element_id: str) -> str:
    """A chart as a <div> and one `vegaEmbed` call; the JSON cannot close the <script>."""
    payload = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    return (
        f'<div class="dx-chart" id="{element_id}"></div>'
        f'<script>vegaEmbed("#{element_id}", {payload}, {{"actions": false}})'
        f'.catch(function (err) {{ document.getElementById("{element_id}").textContent = '
        f"String(err); }});</script>"
    )


@dataclass
class Report:
    """One scenario's report: its outlook, the baseline's, and the scorecard."""

    scenario: Scenario
    language: str
    session: Session
    view: Outlook
    base: Outlook
    card: pd.DataFrame
    with_explore: bool = True

    @classmethod
    def create(
        cls,
        scenario: str,
        language: str = "en",
        draws: int | None = None,
        seed: int | None = None,
        session: Session | None = None,
        explore: bool = True,
    ) -> Report:
        """Load and check the scenario, apply the draws and seed asked for, run the models;
        `explore=False` leaves the Explore part out (a smaller page)."""
        check_language(language)
        chosen = load_scenario(scenario)
        overrides = {k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None}
        chosen = chosen.with_levers(**overrides) if overrides else chosen
        session = session if session is not None else Session()
        view = session.outlook(chosen)
        base = session.outlook(session.baseline_for(chosen))
        card = session.scorecard(chosen)
        return cls(chosen, language, session, view, base, card, bool(explore))

    # --- helpers -----------------------------------------------------------------------------
    def _t(self, key: str, **values) -> str:
        return t(key, self.language, **values)

    def _n(self, value: float, digits: int = 1) -> str:
        return number(value, digits, self.language)

    def _pct(self, p: float) -> str:
        return percent(p, self.language)

    def _units(self) -> dict[str, str]:
        return {indicator: unit for indicator, (_, unit) in self._labels().items()}

    def _lever_value(self, lever) -> str:
        return lever_value(lever, self.scenario.value(lever.name), self.language)

    def _series(self, series: str) -> str:
        """A series as readers name it where the catalog knows it; its id otherwise (HTML)."""
        key = f"series_{series}"
        return e(self._t(key)) if key in MESSAGES else f"<code>{e(series)}</code>"

    def _heading(self, key: str) -> str:
        return f"<h2>{e(self._t(key))}</h2>"

    def _charts(self, family: str) -> str:
        out = []
        for name in GROUPS[family]:
            chart = SLOTS[name].chart(self.view, self.base, self.session.dataset, self.language)
            # specs are validated by the chart tests; skipping it here saves a second per report
            spec = chart.to_dict(validate=False)
            out.append(chart_html(spec, f"chart-{name.replace('_', '-')}"))
        return "".join(out)

    # --- sections, in report order -----------------------------------------------------------
    def header(self) -> HTML:
        s = self.scenario
        return HTML(
            f"{STYLE}<p class='dx-muted'>{e(self._t('report_title'))} · "
            f"<code>{e(s.name)}</code></p><h1>{e(s.title_in(self.language))}</h1>"
            f"<p>{e(s.description_in(self.language))}</p>"
        )

    def summary(self) -> HTML:
        """The first screen: every target's verdict, and what matters most in three sentences."""
        return HTML(
            self._heading("h_summary")
            + "<ul class='dx-key'>"
            + "".join(f"<li>{e(x)}</li>" for x in self._key_sentences())
            + "</ul>"
            + verdict_html(self.card, self._labels(), self.language)
            + f"<p class='dx-muted'>{e(self._t('report_intro'))}</p>"
        )

    def explore(self) -> HTML:
        """Sliders over the models' own results on a grid around this scenario, redrawn in the
        browser from the file alone (see `outputs.explore`). The grid is computed here, in the
        worker rendering this report (a local process or a Dask worker), on this report's
        draws and seed, and kept on disk: the page in another language reads it back."""
        if not self.with_explore:
            return HTML("")
        grid = explore_grid(self.session, self.scenario, jobs=1)
        dataset = self.session.dataset
        return HTML(
            explore_html(
                grid, self.scenario, self.view, self.base, dataset, self.language, self._units()
            )
        )

    def _key_sentences(self) -> list[str]:
        """Decided so far; the open target most within reach; the one furthest from it."""
        card, labels, lang = self.card, self._labels(), self.language
        counts = card["status"].value_counts()
        out = [
            self._t(
                "key_decided",
                n=len(card),
                met=int(counts.get("met", 0)),
                missed=int(counts.get("missed", 0)),
                unmeasured=int(counts.get("unmeasured", 0)),
                open=int(counts.get("open", 0)),
            )
        ]
        forecast = card[(card["status"] == "open") & card["p_meet"].notna()]
        forecast = forecast.drop_duplicates([c.INDICATOR, c.JUDGED_ON_YEAR, c.VALUE])
        if len(forecast):
            best = forecast.loc[forecast["p_meet"].idxmax()]
            out.append(
                self._t(
                    "key_best",
                    target=target_label(best, labels, lang),
                    year=best[c.YEAR],
                    p=self._pct(best["p_meet"]),
                )
            )
            worst = forecast.loc[forecast["p_meet"].idxmin()]
            need = ""
            if isinstance(worst.get("need_lever"), str) and pd.notna(worst["need_value"]):
                need = self._t("key_need", need=needs_text(worst, lang))
            worst_text = self._t(
                "key_worst",
                target=target_label(worst, labels, lang),
                year=worst[c.YEAR],
                p=self._pct(worst["p_meet"]),
            )
            out.append(worst_text + need)
        return out

    def parameters(self) -> HTML:
        baseline = load_scenario("baseline")
        return HTML(
            self._heading("h_parameters") + parameters_html(self.scenario, baseline, self.language)
        )

    def scorecard(self) -> HTML:
        return HTML(
            self._heading("h_scorecard")
            + f"<p>{e(self._t('scorecard_intro'))}</p>"
            + scorecard_html(self.card, self.language, self._units())
        )

    def _labels(self) -> dict[str, tuple[str, str]]:
        """Indicator -> (label, unit) in the report's language."""
        return indicator_labels(self.session.dataset.indicators, self.language)

    def _sentences(self, indicators: list[str], extra: dict[str, str] | None = None) -> str:
        publishers = self.session.dataset.sources.set_index(c.SOURCE)["publisher"].to_dict()
        items = target_sentences(
            self.card, indicators, self.language, self._labels(), extra, publishers
        )
        return "<ul class='dx-targets'>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>"

    def families(self) -> HTML:
        """One section per model family, in registry order, each target under the family
        whose model judges it; then the targets no model projects."""
        return HTML("".join(self._family_section(f) for f in FAMILIES) + self._unmodelled())

    def _family_section(self, family: Family) -> str:
        indicators = [i for i in dict.fromkeys(self.card[c.INDICATOR]) if family.owns(i)]
        intro, extra, note = _TEXTS.get(family.name, _no_texts)(self)
        return (
            self._heading(f"h_{family.name}")
            + intro
            + self._sentences(indicators, extra)
            + note
            + self._charts(family.name)
        )

    def _unmodelled(self) -> str:
        indicators = [i for i in dict.fromkeys(self.card[c.INDICATOR]) if family_of(i) is None]
        if not indicators:
            return ""
        return (
            self._heading("h_unmodelled")
            + f"<p>{e(self._t('unmodelled_intro'))}</p>"
            + self._sentences(indicators)
        )

    # --- each family's own words around its section: (intro, extra sentences, note) --------
    def _share_texts(self) -> tuple[str, dict[str, str], str]:
        view = self.view.digital_economy
        pace = view.required_pace
        intro = self._t(
            "de_intro",
            series=self._t(f"series_{view.fit.series}"),
            latest=self._n(view.fit.last_value, 2),
            year=view.fit.last_year,
            past=self._n(pace["growth_historical"].iloc[0]),
            scenario=self._n(self.scenario.value("digital_economy_growth")),
        )
        return f"<p>{e(intro)}</p>", {}, ""

    def _training_texts(self) -> tuple[str, dict[str, str], str]:
        return "", {}, f"<p class='dx-muted'>{e(self._t('assumption_note'))}</p>"

    def _ranking_texts(self) -> tuple[str, dict[str, str], str]:
        rank = self.view.ranking.projections[("egdi_rank", ranking.VIETNAM, ranking.SERIES)]
        first = int(rank.years[0])
        lo, hi = rank.interval(first)
        latest = rank.history.iloc[-1]
        intro = self._t(
            "ranking_intro",
            latest=self._n(latest[c.VALUE], 0),
            year=int(latest[c.YEAR]),
            mid=self._n(rank.median_at(first), 0),
            edition=first,
            lo=self._n(lo, 0),
            hi=self._n(hi, 0),
        )
        return f"<p>{e(intro)}</p>", self._recent_pace(), ""

    def sensitivity(self) -> HTML:
        """Which lever decides each open key target, around this scenario: a tornado per
        target, from one pass of two runs per lever on the report's own draws."""
        card = self.card.set_index(c.TARGET)
        keys = [k for k in KEY_TARGETS if k in card.index and pd.notna(card.loc[k, "p_meet"])]
        table = kept_tornado(self.session, self.scenario, keys)
        lang = self.language
        names = target_names(self.session.dataset.targets, self.session.dataset.indicators, lang)
        paths = self._n(int(self.scenario.value("draws")), 0)
        out = [self._heading("h_sensitivity"), f"<p>{e(self._t('tornado_intro', paths=paths))}</p>"]
        for i, target in enumerate(keys):
            rows_ = table[table[c.TARGET] == target]
            label = names[target]
            out.append(f"<h3>{e(label)}</h3>")
            out.append(f"<p>{e(tornado_reading(rows_, lang))}</p>")
            if rows_["swing"].abs().max() < MOVES:
                continue
            chart = tornado_chart(rows_, lang)
            out.append(chart_html(chart.to_dict(validate=False), f"chart-tornado-{i}"))
        return HTML("".join(out))

    def _recent_pace(self) -> dict[str, str]:
        """Per open EGDI target: the chance if Viet Nam kept its 2014-2024 pace, beside it."""
        if ranking.scenario_pace(self.scenario) != "fitted":
            return {}
        same = ("draws", "seed", "others_momentum")
        recent = load_scenario("recent_pace").with_levers(
            **{k: self.scenario.value(k) for k in same}
        )
        projections = self.session.family(ranking.FAMILY.name, recent).projections
        needs = self.view.ranking.what_it_takes.set_index([c.INDICATOR, "target_rank", "edition"])
        out = {}
        for r in rows(self.card[self.card["status"] == "open"]):
            key = (r.indicator, int(r.value), int(r.judged_on_year))
            projection = projections.get((r.indicator, r.geo, r.series))
            if projection is None or key not in needs.index:
                continue
            p = projection.probability(r.comparator, r.value, r.judged_on_year)
            gain = needs.loc[key, "gain_recent_pace"]
            out[r.target] = self._t(
                "s_recent_pace",
                p=percent(p, self.language),
                title=recent.title_in(self.language),
                gain=significant(gain, 2, self.language),
            )
        return out

    def backtests(self) -> HTML:
        tables = backtests(self.session.dataset)
        rank, share = tables[ranking.FAMILY.name], tables[de.FAMILY.name]
        rank_cols = (
            "fitted_through",
            "forecast_edition",
            "horizon",
            "method",
            "mae_rank_all",
            "abs_error_vietnam",
            "coverage_80",
            "entered_top50",
            "entered_top50_actual",
        )
        share_cols = (
            "series",
            "points_fitted",
            "held_out_year",
            "outcome",
            "actual",
            "method",
            "forecast",
            "error_pp",
            "interval_80",
            "pit",
        )
        numbers = ranking.backtest_numbers(rank)
        model = rank[rank["method"] == "model"]
        coverage = ", ".join(
            self._t("bt_coverage_at", p=percent(p, self.language), h=h)
            for h, p in numbers["coverage"].items()
        )
        summary = self._t(
            "backtest_summary",
            n=numbers["n"],
            wins=numbers["wins"],
            coverage=coverage,
            **{k: self._n(numbers[k], 1) for k in ("model", "persistence", "drift")},
            entered=self._n(model["entered_top50"].sum(), 0),
            entered_actual=self._n(model["entered_top50_actual"].sum(), 0),
            band=ranking.COMPARABLE_BAND,
            p_near=percent(model["comparable_p_top50"].mean(), self.language),
            near_actual=percent(model["comparable_top50_actual"].mean(), self.language),
        )
        origins = ", ".join(str(o) for o in sorted(rank["fitted_through"].unique()))
        shown = share[share["method"] == "model"].drop(columns=["method"])
        shown = shown.assign(
            interval_80=[
                value_range(lo, hi, 2, self.language)
                for lo, hi in zip(shown["low_80"], shown["high_80"], strict=True)
            ]
        )
        share_cols = tuple(col for col in share_cols if col != "method")
        return HTML(
            self._heading("h_backtests")
            + f"<h3>{e(self._t('h_backtest_ranking', origins=origins))}</h3><p>{e(summary)}</p>"
            + self._table(rank, rank_cols)
            + f"<h3>{e(self._t('h_backtest_share'))}</h3><p>{e(self._t('backtest_share'))}</p>"
            + self._table(shown, share_cols)
        )

    def _table(self, frame: pd.DataFrame, columns: tuple[str, ...]) -> str:
        head = "".join(f"<th>{e(self._t('bt_' + col))}</th>" for col in columns)
        body = []
        for r in rows(frame):
            cells = []
            for col in columns:
                value = getattr(r, col)
                if col in ("method", "outcome"):
                    value = self._t(f"bt_{col}_{value}")
                elif col.startswith("series") or col == c.SERIES:
                    value = self._t(f"series_{value}")
                elif isinstance(value, float):
                    value = "—" if np.isnan(value) else self._n(value, 3 if value < 1 else 2)
                cells.append(f"<td>{e(str(value))}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        return f"<table class='dx-table'><tr>{head}</tr>{''.join(body)}</table>"

    def earlier_forecasts(self) -> HTML:
        """The section 'How did our earlier forecasts do': the ledger's forecasts whose outcome
        is now published, scored (`outputs.track_record`); nothing at all until one is."""
        return HTML(track_record_html(self.session.dataset, self.language))

    def sources(self) -> HTML:
        d = self.session.dataset
        used = set(d.history[c.SOURCE]) | set(d.targets[c.SOURCE])
        src = d.sources[d.sources[c.SOURCE].isin(used)]
        labels = self._labels()
        legal = "".join(
            f"<tr><td>{e(target_label(r, labels, self.language))}"
            f"<div class='dx-muted'><code>{e(r.target)}</code></div></td><td>{r.year}</td>"
            f"<td>{e(basis_in(r.basis, self.language))}</td>"
            f"<td>{e(clause_in(r.clause, self.language))}</td>"
            f"<td><code>{e(r.source)}</code></td></tr>"
            for r in rows(d.targets)
        )
        listed = "".join(
            f"<tr><td><code>{e(r.source)}</code></td><td>"
            + (f"<a href='{e(r.url)}'>{e(r.title)}</a>" if r.url else e(r.title))
            + f"</td><td>{self._series(r.series)}</td><td>{e(r.accessed)}</td></tr>"
            for r in rows(src)
        )
        heads = [
            self._t(k) for k in ("col_target", "col_deadline", "basis", "col_clause", "col_source")
        ]
        src_heads = [self._t(k) for k in ("col_source", "col_title", "series", "col_accessed")]
        return HTML(
            self._heading("h_sources")
            + f"<h3>{e(self._t('h_legal'))}</h3><table class='dx-table'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in heads)
            + f"</tr>{legal}</table>"
            + f"<h3>{e(self._t('h_data_sources'))}</h3><table class='dx-table'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in src_heads)
            + f"</tr>{listed}</table>"
        )

    def methodology(self) -> HTML:
        paragraphs = "".join(
            f"<h3>{e(self._t('mh_' + key))}</h3><p>{e(self._t('mt_' + key))}</p>"
            for key in (*(f.name for f in FAMILIES), "uncertainty")
        )
        assumptions = "".join(
            f"<tr><td>{e(lv.label(self.language))}</td>"
            f"<td>{e(self._lever_value(lv))} "
            f"{e(lv.unit(self.language))}</td><td>{e(lv.help(self.language))}</td></tr>"
            for lv in LEVERS
            if lv.kind == "assumption"
        )
        return HTML(
            self._heading("h_methodology")
            + paragraphs
            + f"<h3>{e(self._t('h_assumptions'))}</h3><table class='dx-table'>"
            + f"<tr><th>{e(self._t('col_lever'))}</th><th>{e(self._t('col_value'))}</th>"
            + f"<th>{e(self._t('col_help'))}</th></tr>{assumptions}</table>"
        )

    def footer(self) -> HTML:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        facts = {
            "f_version": __version__,
            "f_commit": git_commit(),
            "f_data": data_hash(),
            "f_scenario": f"{self.scenario.name} ({self.scenario.digest()})",
            "f_seed": str(self.scenario.value("seed")),
            "f_draws": str(self.scenario.value("draws")),
            "f_generated": now,
        }
        items = " · ".join(f"{e(self._t(k))}: <code>{e(v)}</code>" for k, v in facts.items())
        return HTML(
            f"<hr><footer class='dx-muted'>{items}</footer>{summary_script(self.summary_data())}"
        )

    def summary_data(self) -> dict:
        """The numbers this report shows, as data: the index is built from these, so it always
        agrees with the reports it links to."""
        columns = [col for col in SUMMARY_COLUMNS if col in self.card]
        card = self.card[columns].astype(object).where(self.card[columns].notna(), None)
        values = {}
        for indicator, series, year in KEY_VALUES:
            chosen = (
                series if series is not None else str(self.scenario.value("digital_economy_series"))
            )
            projection = self.view.projections.get((indicator, ranking.VIETNAM, chosen))
            if projection is not None and year in projection.years:
                low, high = projection.interval(year)
                values[f"{indicator}:{year}"] = {
                    "median": projection.median_at(year),
                    "low": low,
                    "high": high,
                    "unit": projection.unit,
                }
        return {
            "scenario": self.scenario.name,
            "title": dict(self.scenario.title),
            "digest": self.scenario.digest(),
            "draws": int(self.scenario.value("draws")),
            "seed": int(self.scenario.value("seed")),
            "language": self.language,
            "card": card.to_dict(orient="records"),
            "key_values": values,
        }


def _no_texts(report: Report) -> tuple[str, dict[str, str], str]:
    return "", {}, ""


def _dti_texts(report: Report) -> tuple[str, dict[str, str], str]:
    return dti_text.section(report.view.dti, report.language), {}, ""


def _online_services_texts(report: Report) -> tuple[str, dict[str, str], str]:
    name = online_services_text.os_.FAMILY.name
    return online_services_text.section(
        report.view.online_services,
        report.session.dataset,
        backtests(report.session.dataset).get(name),
        report.language,
    )


# A family without an entry here gets its heading, sentences and charts, and no other words.
_TEXTS = {
    de.FAMILY.name: Report._share_texts,
    training.FAMILY.name: Report._training_texts,
    ranking.FAMILY.name: Report._ranking_texts,
    dti.FAMILY.name: _dti_texts,
    online_services_text.os_.FAMILY.name: _online_services_texts,
}
