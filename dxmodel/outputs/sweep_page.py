"""A sweep's page: which levers decide each target, and when it is met, for a reviewer.

`notebooks/sweep.ipynb` calls one method per section; papermill runs it per language and
nbconvert makes the offline page (`reports/sweeps/<name>/sweep.html`, `sweep.vi.html`), as
for scenario reports. Everything shown is read from the sweep's folder, never recomputed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML

from dxmodel.core import columns as c
from dxmodel.core.data import Dataset, load_dataset
from dxmodel.core.levers import REGISTRY
from dxmodel.core.targets import KEY_TARGETS
from dxmodel.outputs.report import chart_html
from dxmodel.outputs.sweep_text import (
    kind_label,
    ordered_targets,
    rule_sentence,
    sweep_tables,
    target_summary,
)
from dxmodel.outputs.tables import STYLE
from dxmodel.outputs.wording import target_names, with_unit
from dxmodel.sweeps import sensitivity
from dxmodel.sweeps.discovery import DENSITY_GOAL, THRESHOLD, interest
from dxmodel.sweeps.run import SweepRun, load_sweep
from dxmodel.sweeps.sensitivity import MOVES
from dxmodel.text.i18n import check_language, number, percent, share, significant, t

KIND_COLOURS = {"policy": "#1f5fa8", "assumption": "#b8860b"}
SHOWN = 10  # levers drawn per target: the rest explain less, and the table lists them all
e = html.escape


@dataclass
class SweepPage:
    run: SweepRun
    language: str
    dataset: Dataset

    @classmethod
    def load(cls, folder: str | Path, language: str = "en") -> SweepPage:
        check_language(language)
        return cls(load_sweep(Path(folder)), language, load_dataset())

    # --- helpers -----------------------------------------------------------------------------
    def _t(self, key: str, **values) -> str:
        return t(key, self.language, **values)

    def _heading(self, key: str, **values) -> str:
        return f"<h2>{e(self._t(key, **values))}</h2>"

    def _targets(self) -> list[str]:
        return ordered_targets(self.run, self.dataset)

    def _label(self, target: str) -> str:
        if not hasattr(self, "_names"):
            d = self.dataset
            self._names = target_names(d.targets, d.indicators, self.language)
        return self._names[target]

    def _indices(self) -> pd.DataFrame:
        return sweep_tables(self.run)[0]

    def _rules(self) -> pd.DataFrame | None:
        return sweep_tables(self.run)[1]

    # --- sections ------------------------------------------------------------------------------
    def header(self) -> HTML:
        spec, meta = self.run.spec, self.run.meta
        design = self._t(
            "sw_design",
            method=self._t("method_" + spec.method),
            levers=number(len(spec.space), 0, self.language),
            runs=number(spec.rows, 0, self.language),
            paths=number(int(meta["draws"]), 0, self.language),
            scenario=spec.base().title_in(self.language),
            seed=spec.seed,
        )
        design = design[:1].upper() + design[1:]  # the method's name may start it
        return HTML(
            f"{STYLE}<p class='dx-muted'>{e(self._t('sw_kicker'))} · <code>{e(spec.name)}</code>"
            f"</p><h1>{e(self._t('sw_title', name=spec.name))}</h1><p>{e(design)}</p>"
            f"<p>{e(self._t('sw_intro'))}</p>"
        )

    def summary(self) -> HTML:
        """One row per target: P(meet)'s spread over the runs, what matters, when it is met."""
        indices, rules = self._indices(), self._rules()
        heads = ["col_target", "col_p_spread", "col_matters"]
        heads += ["col_met_when"] if rules is not None else []
        body = []
        for target in self._targets():
            words = target_summary(self.run, indices, rules, target, self.language)
            cells = [self._label(target), words["spread"], words["matters"]]
            cells += [words["rule"]] if rules is not None else []
            body.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        head = "".join(f"<th>{e(self._t(k))}</th>" for k in heads)
        return HTML(
            self._heading("sw_h_summary")
            + f"<table class='dx-table'><tr>{head}</tr>{''.join(body)}</table>"
            + f"<p class='dx-muted'>{e(self._t('sw_summary_note'))}</p>"
        )

    def indices(self) -> HTML:
        """Per key target, the indices of every lever that explains something, as a chart."""
        table = self._indices()
        if table.empty:
            return HTML(self._heading("sw_h_indices") + f"<p>{e(self._t('sw_no_indices'))}</p>")
        out = [
            self._heading("sw_h_indices"),
            f"<p>{e(self._t('sw_indices_' + self.run.spec.method))}</p>",
        ]
        for i, target in enumerate(t_ for t_ in self._targets() if t_ in KEY_TARGETS):
            rows = sensitivity.ranked(table, target, n=SHOWN)
            out.append(f"<h3>{e(self._label(target))}</h3>")
            column = "ST" if "ST" in rows else "mu_star"
            rows = rows[rows[column] >= MOVES]
            if rows.empty:
                out.append(f"<p>{e(self._t('sw_nothing_moves'))}</p>")
                continue
            chart = self._chart(rows, column)
            out.append(chart_html(chart.to_dict(validate=False), f"chart-indices-{i}"))
        return HTML("".join(out))

    def _chart(self, rows: pd.DataFrame, column: str) -> alt.Chart:
        lang = self.language
        conf = f"{column}_conf"
        data = rows.assign(
            label=[REGISTRY[x].label(lang) for x in rows["lever"]],
            kind_label=[kind_label(k, lang) for k in rows["kind"]],
            low=(rows[column] - rows[conf]).clip(lower=0),
            high=rows[column] + rows[conf],
            shown=[significant(v, 2, lang) for v in rows[column]],
        )[
            [
                "label",
                "kind",
                "kind_label",
                column,
                "low",
                "high",
                "shown",
                *(["S1"] if "S1" in rows else []),
            ]
        ]
        order = list(data["label"])
        kinds = [kind_label(k, lang) for k in ("policy", "assumption")]
        scale = alt.Scale(domain=kinds, range=list(KIND_COLOURS.values()))
        colour = alt.Color("kind_label:N", title=self._t("col_kind"), scale=scale)
        axis_title = self._t("sw_axis_" + column)
        y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
        base = alt.Chart(data).encode(y=y)
        bars = base.mark_bar(height=14).encode(
            x=alt.X(f"{column}:Q", title=axis_title),
            color=colour,
            tooltip=[
                alt.Tooltip("label:N", title=self._t("tornado_lever")),
                alt.Tooltip("kind_label:N", title=self._t("col_kind")),
                alt.Tooltip("shown:N", title=axis_title),
            ],
        )
        whiskers = base.mark_rule(color="#333").encode(x="low:Q", x2="high:Q")
        return (bars + whiskers).properties(width=560, height=max(60, 24 * len(data)))

    def rules(self) -> HTML:
        """The rule per target with coverage and density, and how they are defined."""
        rules = self._rules()
        if rules is None:
            return HTML("")
        heads = ("col_target", "col_met_when", "sw_col_coverage", "sw_col_density")
        body = []
        for target in self._targets():
            rule = rules[rules[c.TARGET] == target]
            text = rule_sentence(rule, *interest(self.run, target), self.language)
            cov = share(rule["coverage"].iloc[0], self.language) if len(rule) else "—"
            den = share(rule["density"].iloc[0], self.language) if len(rule) else "—"
            cells = (self._label(target), text, cov, den)
            body.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        head = "".join(f"<th>{e(self._t(k))}</th>" for k in heads)
        note = self._t(
            "sw_rules_note",
            goal=percent(DENSITY_GOAL, self.language),
            threshold=percent(THRESHOLD, self.language),
        )
        return HTML(
            self._heading("sw_h_rules")
            + f"<p>{e(note)}</p>"
            + f"<table class='dx-table'><tr>{head}</tr>{''.join(body)}</table>"
        )

    def varied(self) -> HTML:
        """What was varied, over which range; what was held, at which value."""
        lang = self.language
        body = "".join(
            f"<tr><td>{e(REGISTRY[d.name].label(lang))}</td><td>{e(kind_label(d.kind, lang))}</td>"
            f"<td>{e(with_unit(significant(d.low, 3, lang), ''))}–"
            f"{e(with_unit(significant(d.high, 3, lang), REGISTRY[d.name].unit(lang)))}</td>"
            f"<td>{e(REGISTRY[d.name].help(lang))}</td></tr>"
            for d in self.run.spec.space
        )
        heads = ("col_lever", "col_kind", "tornado_span", "col_help")
        head = "".join(f"<th>{e(self._t(k))}</th>" for k in heads)
        return HTML(
            self._heading("sw_h_varied")
            + f"<p>{e(self._t('sw_varied_note'))}</p>"
            + f"<table class='dx-table'><tr>{head}</tr>{body}</table>"
        )

    def methodology(self) -> HTML:
        return HTML(
            self._heading("h_methodology")
            + "".join(
                f"<p>{e(self._t(k))}</p>" for k in ("sw_mt_runs", "sw_mt_sobol", "sw_mt_prim")
            )
        )

    def footer(self) -> HTML:
        meta = self.run.meta
        facts = {
            "f_version": meta.get("version", ""),
            "f_commit": meta.get("commit", ""),
            "f_data": meta.get("data_hash", ""),
            "sw_f_digest": meta.get("digest", ""),
            "sw_f_design_seed": str(meta.get("seed", "")),
            "f_seed": str(meta.get("model_seed", "")),
            "f_draws": str(meta.get("draws", "")),
            "f_generated": meta.get("completed", ""),
        }
        items = " · ".join(f"{e(self._t(k))}: <code>{e(v)}</code>" for k, v in facts.items())
        return HTML(f"<hr><footer class='dx-muted'>{items}</footer>")
