"""What a report says: every section as HTML, for one scenario, in English or Vietnamese.

`notebooks/report.ipynb` only calls these methods, one per cell, so papermill can render it
alone and `dxmodel report` (see `render.py`) can turn it into an offline HTML file. Every text
from data or a scenario file is escaped; charts are `<div>`s filled by `vegaEmbed`, whose code
the HTML template includes once per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import subprocess
from dataclasses import dataclass

import numpy as np
import pandas as pd
from IPython.display import HTML

from dxmodel import __version__
from dxmodel import columns as c
from dxmodel.errors import ScenarioError
from dxmodel.figures import GROUPS, SLOTS
from dxmodel.frames import rows
from dxmodel.i18n import LANGUAGES, basis_in, number, t
from dxmodel.levers import LEVERS
from dxmodel.models import digital_economy as de
from dxmodel.models import ranking
from dxmodel.paths import ROOT, data_dir
from dxmodel.scenario import Scenario, load_scenario
from dxmodel.session import Outlook, Session
from dxmodel.tables import STYLE, parameters_html, scorecard_html

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


def data_hash() -> str:
    """A short hash of every data table, so two reports can say they read the same data."""
    digest = hashlib.sha256()
    for path in sorted(data_dir().rglob("*.csv")):
        digest.update(str(path.relative_to(data_dir())).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def git_commit() -> str:
    """The checkout's commit, with '+modified' when the tree differs from it."""
    try:

        def git(*args: str) -> str:
            done = subprocess.run(["git", *args], cwd=ROOT, text=True, capture_output=True,
                                  check=True, timeout=10)  # fmt: skip
            return done.stdout.strip()

        head = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--", "dxmodel", "data")
        return head + ("+modified" if dirty.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@dataclass
class Report:
    """One scenario's report: its outlook, the baseline's, and the scorecard."""

    scenario: Scenario
    language: str
    session: Session
    view: Outlook
    base: Outlook
    card: pd.DataFrame

    @classmethod
    def create(
        cls,
        scenario: str,
        language: str = "en",
        draws: int | None = None,
        seed: int | None = None,
        session: Session | None = None,
    ) -> Report:
        """Load and check the scenario, apply the draws and seed asked for, run the models."""
        if language not in LANGUAGES:
            raise ScenarioError(f"language {language!r} is not allowed; use one of: en, vi")
        chosen = load_scenario(scenario)
        overrides = {k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None}
        chosen = chosen.with_levers(**overrides) if overrides else chosen
        session = session if session is not None else Session()
        view = session.outlook(chosen)
        base = session.outlook(session.baseline_for(chosen))
        return cls(chosen, language, session, view, base, session.scorecard(chosen))

    # --- helpers -----------------------------------------------------------------------------
    def _t(self, key: str, **values) -> str:
        return t(key, self.language, **values)

    def _n(self, value: float, digits: int = 1) -> str:
        return number(value, digits, self.language)

    def _pct(self, p: float) -> str:
        return "—" if np.isnan(p) else f"{number(100 * p, 0, self.language)}%"

    def _row(self, target: str) -> pd.Series:
        return self.card.set_index(c.TARGET).loc[target]

    def _units(self) -> dict[str, str]:
        column = "unit_vi" if self.language == "vi" else c.UNIT
        return self.session.dataset.indicators.set_index(c.INDICATOR)[column].to_dict()

    def _heading(self, key: str) -> str:
        return f"<h2>{e(self._t(key))}</h2>"

    def _charts(self, family: str) -> str:
        out = []
        for name in GROUPS[f"tab_{family}"]:
            chart = SLOTS[name].chart(self.view, self.base, self.session.dataset, self.language)
            # specs are validated by the chart tests; skipping it here saves a second per report
            spec = chart.to_dict(validate=False)
            out.append(chart_html(spec, f"chart-{name.replace('_', '-')}"))
        return "".join(out)

    # --- sections, in report order -----------------------------------------------------------
    def header(self) -> HTML:
        s = self.scenario
        return HTML(
            f"{STYLE}<h1>{e(self._t('report_title'))}: {e(s.title_in(self.language))}</h1>"
            f"<p class='dx-muted'>{e(self._t('report_scenario'))}: <code>{e(s.name)}</code></p>"
            f"<p>{e(s.description_in(self.language))}</p>"
            f"<p>{e(self._t('report_intro'))}</p>"
        )

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

    def digital_economy(self) -> HTML:
        view = self.view.digital_economy
        p, series = view.projection, view.fit.series
        lo, mid, hi = np.quantile(p.at(2030), [0.1, 0.5, 0.9])
        pace = view.required_pace.set_index(c.YEAR)
        need = pace.loc[2030, "growth_needed"].iloc[0]
        card = self.card[self.card[c.INDICATOR] == de.INDICATOR].set_index(c.YEAR)
        first = card.loc[2025].iloc[0]
        if first["status"] in ("met", "missed"):
            now = self._t("de_2025_observed", series=self._t(f"series_{series}"),
                          value=self._n(first["latest_observed"], 2),
                          status=self._t(f"status_{first['status']}"))  # fmt: skip
        else:
            now = self._t("de_2025_open", p=self._pct(first["p_meet"]))
        text = self._t(
            "de_sentence", series=self._t(f"series_{series}"), mid=self._n(mid), lo=self._n(lo),
            hi=self._n(hi), latest=self._n(view.fit.last_value, 2), year=view.fit.last_year,
            p=self._pct(card.loc[2030, "p_meet"].iloc[0]), need=self._n(need),
            scenario=self._n(self.scenario.value("digital_economy_growth")),
            past=self._n(pace["growth_historical"].iloc[0]),
        )  # fmt: skip
        return HTML(self._heading("h_digital_economy") + f"<p>{e(now)} {e(text)}</p>"
                    + self._charts("digital_economy"))  # fmt: skip

    def training(self) -> HTML:
        r = {name: self._row(name) for name in (
            "dt_experts_1000_2025_d146", "online_skills_70_2025_d146",
            "online_skills_90_2030_d146", "officials_trained_100_2025_d146",
            "digital_graduates_20000_2030_d146")}  # fmt: skip
        text = self._t(
            "training_sentence",
            experts=self._n(r["dt_experts_1000_2025_d146"].expected, 0),
            p_experts=self._pct(r["dt_experts_1000_2025_d146"].p_meet),
            skills=self._n(r["online_skills_70_2025_d146"].expected, 0),
            p_skills=self._pct(r["online_skills_70_2025_d146"].p_meet),
            p_skills_2030=self._pct(r["online_skills_90_2030_d146"].p_meet),
            officials=self._n(r["officials_trained_100_2025_d146"].expected, 0),
            graduates=self._n(r["digital_graduates_20000_2030_d146"].expected, 0),
            p_graduates=self._pct(r["digital_graduates_20000_2030_d146"].p_meet),
        )
        return HTML(self._heading("h_training") + f"<p>{e(text)}</p>"
                    + f"<p class='dx-muted'>{e(self._t('assumption_note'))}</p>"
                    + self._charts("training"))  # fmt: skip

    def ranking(self) -> HTML:
        rank = self.view.ranking.projections[("egdi_rank", "VNM", "undesa_egov")]
        lo, mid, hi = np.quantile(rank.at(2026), [0.1, 0.5, 0.9])
        needs = self.view.ranking.what_it_takes.set_index(["target_rank", "edition"])
        need = needs.loc[(50, 2026)]
        text = self._t(
            "ranking_sentence", mid=self._n(mid, 0), lo=self._n(lo, 0), hi=self._n(hi, 0),
            mid30=self._n(np.median(rank.at(2030)), 0),
            p50=self._pct(self._row("egdi_top50_2026_mic").p_meet),
            p30=self._pct(self._row("egdi_top30_2030_d942").p_meet),
            need=self._n(need.gain_needed, 3), scenario=self._n(need.gain_scenario, 3),
            past=self._n(need.gain_historical, 3),
        )  # fmt: skip
        return HTML(self._heading("h_ranking") + f"<p>{e(text)}</p>" + self._charts("ranking"))

    def backtests(self) -> HTML:
        rank = ranking.backtest_ranking(self.session.dataset.history)
        share = de.backtest_share(self.session.dataset)
        rank_cols = ("fitted_through", "forecast_edition", "method", "mae_rank_all",
                     "abs_error_vietnam", "coverage_80")  # fmt: skip
        share_cols = ("series", "points_fitted", "held_out_year", "actual", "method",
                      "forecast", "error_pp", "interval_80")  # fmt: skip
        numbers = ranking.backtest_numbers(rank)
        summary = self._t(
            "backtest_summary", n=numbers["n"], wins=numbers["wins"],
            **{k: self._n(numbers[k], 1) for k in ("model", "persistence", "drift")},
            cov_lo=self._n(100 * numbers["cov_lo"], 0), cov_hi=self._n(100 * numbers["cov_hi"], 0),
        )  # fmt: skip
        return HTML(
            self._heading("h_backtests")
            + f"<h3>{e(self._t('h_backtest_ranking'))}</h3><p>{e(summary)}</p>"
            + self._table(rank, rank_cols)
            + f"<h3>{e(self._t('h_backtest_share'))}</h3><p>{e(self._t('backtest_share'))}</p>"
            + self._table(share, share_cols)
        )

    def _table(self, frame: pd.DataFrame, columns: tuple[str, ...]) -> str:
        head = "".join(f"<th>{e(self._t('bt_' + col))}</th>" for col in columns)
        body = []
        for r in rows(frame):
            cells = []
            for col in columns:
                value = getattr(r, col)
                if col == "method":
                    value = self._t(f"bt_method_{value}")
                elif col.startswith("series") or col == c.SERIES:
                    value = self._t(f"series_{value}")
                elif isinstance(value, float):
                    value = "—" if np.isnan(value) else self._n(value, 3 if value < 1 else 2)
                cells.append(f"<td>{e(str(value))}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        return f"<table class='dx-table'><tr>{head}</tr>{''.join(body)}</table>"

    def sources(self) -> HTML:
        d = self.session.dataset
        used = set(d.history[c.SOURCE]) | set(d.targets[c.SOURCE])
        src = d.sources[d.sources[c.SOURCE].isin(used)]
        legal = "".join(
            f"<tr><td><code>{e(r.target)}</code></td><td>{e(r.comparator)} {r.value:g}"
            f" ({r.year})</td><td>{e(basis_in(r.basis, self.language))}</td>"
            f"<td>{e(r.clause if self.language == 'en' else '')}</td>"
            f"<td><code>{e(r.source)}</code></td></tr>"
            for r in rows(d.targets)
        )
        listed = "".join(
            f"<tr><td><code>{e(r.source)}</code></td><td>"
            + (f"<a href='{e(r.url)}'>{e(r.title)}</a>" if r.url else e(r.title))
            + f"</td><td>{e(r.series)}</td><td>{e(r.accessed)}</td></tr>"
            for r in rows(src)
        )
        heads = [self._t(k) for k in ("col_target", "col_value", "basis", "col_clause",
                                      "col_source")]  # fmt: skip
        src_heads = [self._t(k) for k in ("col_source", "col_title", "series", "col_accessed")]
        return HTML(
            self._heading("h_sources")
            + f"<h3>{e(self._t('h_legal'))}</h3><table class='dx-table'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in heads) + f"</tr>{legal}</table>"
            + f"<h3>{e(self._t('h_data_sources'))}</h3><table class='dx-table'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in src_heads) + f"</tr>{listed}</table>"
        )  # fmt: skip

    def methodology(self) -> HTML:
        paragraphs = "".join(
            f"<h3>{e(self._t('mh_' + key))}</h3><p>{e(self._t('mt_' + key))}</p>"
            for key in ("digital_economy", "training", "ranking", "uncertainty")
        )
        assumptions = "".join(
            f"<tr><td>{e(lv.label(self.language))}</td>"
            f"<td>{e(self._n(float(self.scenario.value(lv.name)), 2))} "
            f"{e(lv.unit(self.language))}</td><td>{e(lv.help(self.language))}</td></tr>"
            for lv in LEVERS
            if lv.kind == "assumption"
        )
        return HTML(
            self._heading("h_methodology") + paragraphs
            + f"<h3>{e(self._t('h_assumptions'))}</h3><table class='dx-table'>"
            + f"<tr><th>{e(self._t('col_lever'))}</th><th>{e(self._t('col_value'))}</th>"
            + f"<th>{e(self._t('col_help'))}</th></tr>{assumptions}</table>"
        )  # fmt: skip

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
        return HTML(f"<hr><footer class='dx-muted'>{items}</footer>")
