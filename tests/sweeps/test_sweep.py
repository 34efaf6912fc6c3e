"""Sweeps: SALib designs over the levers' spans, Sobol'/Morris indices, tornado swings, PRIM
rules, resumable batches, Dask, metadata, and one-line refusals of bad input.

Index estimators are checked on toy outputs with known analytic answers (computed on the real
design over real levers); the tornado on the real models against each lever's known direction;
PRIM on a synthetic box, and its stated figures recomputed from the stored table."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import numpy as np
import pandas as pd
import pytest
from conftest import assert_one_line_error, free_port, run_cli

import dxmodel
from dxmodel.cli import main as cli
from dxmodel.core.levers import REGISTRY, SWEPT
from dxmodel.core.scenario import load_scenario
from dxmodel.models import FAMILIES
from dxmodel.sweeps import discovery, sensitivity
from dxmodel.sweeps import run as sweep
from dxmodel.sweeps.design import parse_range, sweep_space
from dxmodel.util.errors import DxError
from dxmodel.util.provenance import data_hash

DRAWS = 300  # per sample: enough for every property below, and fast
# a few levers whose models are cheap to rerun, from two families
CHEAP = ["digital_economy_growth", "stem_share_gain", "skills_outreach"]


def normalised(frame: pd.DataFrame, space) -> np.ndarray:
    """Each lever's sampled values rescaled to [0, 1] over its dimension's range."""
    return np.column_stack([(frame[d.name] - d.low) / (d.high - d.low) for d in space])


def tidy(run) -> pd.DataFrame:
    return pd.read_parquet(run.folder / sweep.RESULTS_FILE)


# --- 1. Sobol' and Morris on outputs whose indices are known --------------------------------------
@pytest.fixture(scope="module")
def sobol_design():
    levers = ["gdp_growth", "digital_economy_growth", "others_momentum"]
    spec = sweep.plan_sweep(method="sobol", samples=1024, levers=levers, draws=DRAWS)
    frame = sweep.design(spec)
    return spec, normalised(frame, spec.space)


def test_the_sobol_design_covers_each_levers_span(sobol_design):
    spec, u = sobol_design
    assert u.shape == (1024 * (len(spec.space) + 2), len(spec.space)) == (spec.rows, 3)
    assert (u >= 0).all() and (u <= 1).all()
    assert (u.min(axis=0) < 0.01).all() and (u.max(axis=0) > 0.99).all()


def check_sobol(found: pd.DataFrame, exact: dict[str, tuple[float, float]]) -> None:
    """Each lever's S1 and ST within 0.05 of the analytic value and inside the 95% interval."""
    rows = found.set_index("lever")
    for lever, (s1, st) in exact.items():
        for column, value in (("S1", s1), ("ST", st)):
            estimate, half = rows.loc[lever, column], rows.loc[lever, f"{column}_conf"]
            assert abs(estimate - value) <= 0.05, (lever, column, estimate, value)
            assert abs(estimate - value) <= half + 1e-9, (lever, column, estimate, half, value)


def test_sobol_indices_of_a_weighted_sum_are_the_squared_weights_shares(sobol_design):
    """Y = 2 u1 + 1 u2 + 0 u3 on uniform inputs: S1 = ST = a_i^2 / sum a_j^2 (4/5, 1/5, 0)."""
    spec, u = sobol_design
    weights = np.array([2.0, 1.0, 0.0])
    found = sensitivity.sobol_indices(spec.space, u @ weights, seed=7)
    assert list(found.lever) == spec.space.names
    assert list(found.kind) == ["assumption", "policy", "assumption"]
    share = weights**2 / (weights**2).sum()
    check_sobol(found, {d.name: (s, s) for d, s in zip(spec.space, share, strict=True)})
    # the lever Y ignores: Saltelli's estimators are exactly zero, not merely small
    irrelevant = found.set_index("lever").loc["others_momentum"]
    assert abs(irrelevant.S1) < 1e-12
    assert abs(irrelevant.ST) < 1e-12


def test_sobol_first_order_and_total_indices_differ_under_interaction(sobol_design):
    """Y = u1 u2: Var Y = 7/144, Var E[Y|u1] = 1/48, so S1 = 3/7 and ST = 1 - S1(u2) = 4/7;
    a table with S1 and ST swapped, or rows out of design order, fails here."""
    spec, u = sobol_design
    found = sensitivity.sobol_indices(spec.space, u[:, 0] * u[:, 1], seed=7)
    both = (3 / 7, 4 / 7)
    check_sobol(
        found, {"gdp_growth": both, "digital_economy_growth": both, "others_momentum": (0.0, 0.0)}
    )


def test_an_output_that_never_varies_has_no_sobol_indices(sobol_design):
    spec, u = sobol_design
    found = sensitivity.sobol_indices(spec.space, np.full(len(u), 0.3), seed=7)
    assert found[list(sensitivity.SOBOL_COLUMNS)].isna().all().all()


def test_morris_ranks_the_ignored_lever_last_with_no_effect():
    """Y = 2 u1 + 1 u2 + 0 u3: every elementary effect over a lever's whole span is its weight."""
    levers = ["gdp_growth", "digital_economy_growth", "others_momentum"]
    spec = sweep.plan_sweep(method="morris", samples=40, levers=levers, draws=DRAWS)
    frame = sweep.design(spec)
    assert len(frame) == spec.rows == 40 * 4
    y = normalised(frame, spec.space) @ np.array([2.0, 1.0, 0.0])
    found = sensitivity.morris_indices(spec.space, frame[levers].to_numpy(), y, seed=7)
    assert list(found.sort_values("mu_star", ascending=False).lever) == levers
    assert found.mu_star.tolist() == pytest.approx([2.0, 1.0, 0.0], abs=1e-9)
    assert found.sigma.tolist() == pytest.approx([0.0, 0.0, 0.0], abs=1e-9)


# --- 2. Tornado on the real models ----------------------------------------------------------------
@pytest.fixture(scope="module")
def session():
    """The fitted models, shared with every in-process (jobs=1) sweep of this module."""
    return sweep.worker_session(data_hash())


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("baseline").with_levers(draws=500)


@pytest.fixture(scope="module")
def swings(session, scenario):
    return sensitivity.tornado(session, scenario)


@pytest.fixture(scope="module")
def targets(session):
    return session.dataset.targets.set_index("target")


@pytest.fixture(scope="module")
def family_of_indicator(session, scenario):
    """Which model family projects each indicator, from the models' own projections."""
    view = session.outlook(scenario)
    return {
        key[0]: family.name for family in FAMILIES for key in getattr(view, family.name).projections
    }


def test_tornado_has_every_lever_and_open_target_at_its_spans_ends(swings, session, scenario):
    open_targets = list(session.chances(scenario).target)
    assert list(swings.columns) == list(sensitivity.TORNADO_COLUMNS)
    assert len(swings) == len(SWEPT) * len(open_targets)
    for lever in SWEPT:
        rows = swings[swings.lever == lever.name]
        assert list(rows.target) == open_targets
        assert set(rows.kind) == {lever.kind}
        own = scenario.value(lever.name)  # the span, widened to hold the scenario's own value
        assert set(zip(rows.low, rows.high, strict=True)) == {
            (min(lever.span[0], own), max(lever.span[1], own))
        }
    assert (swings.swing == swings.p_high - swings.p_low).all()


def test_tornados_centre_is_the_scenarios_own_p_meet(swings, session, scenario):
    """Checked against a fresh Session, so no cache shared with the tornado can make it agree."""
    from dxmodel.engine.session import Session

    chances = Session(session.dataset).chances(scenario).set_index("target")
    for _, rows in swings.groupby("lever"):
        centre = rows.set_index("target")
        assert centre.p_base.to_dict() == chances.p_meet.to_dict()
        assert centre.median_base.to_dict() == chances["median"].to_dict()


# lever, indicators it moves, the sign of its effect on the indicator's value (a rank falls as
# Viet Nam gains or as others slow)
DIRECTIONS = [
    ("digital_economy_growth", ("digital_economy_share",), +1),
    ("gdp_growth", ("digital_economy_share",), -1),  # a bigger denominator
    ("others_momentum", ("egdi_rank", "egdi_rank_sea"), +1),  # others overtake: rank number up
    ("vnm_osi_gain", ("egdi_rank", "egdi_rank_sea"), -1),
    ("vnm_tii_gain", ("egdi_rank", "egdi_rank_sea"), -1),
    ("vnm_hci_gain", ("egdi_rank", "egdi_rank_sea"), -1),
    ("graduate_intake", ("digital_tech_graduates",), +1),
    ("stem_share_gain", ("stem_school_share",), +1),
    ("skills_outreach", ("online_service_skills_share",), +1),
    ("skills_diffusion_speed", ("online_service_skills_share",), +1),
]


@pytest.mark.parametrize(
    ("lever", "indicators", "sign"), DIRECTIONS, ids=[d[0] for d in DIRECTIONS]
)
def test_each_swing_points_the_way_its_lever_moves_the_indicator(
    swings, targets, lever, indicators, sign
):
    rows = swings[swings.lever == lever].set_index("target")
    mine = [t for t in rows.index if targets.loc[t, "indicator"] in indicators]
    assert mine, f"no open target of {indicators}"
    moved = 0
    for target in mine:
        row, comparator = rows.loc[target], targets.loc[target, "comparator"]
        assert comparator in (">=", "<=")
        wanted = sign if comparator == ">=" else -sign  # does a higher value meet the target?
        assert wanted * row.swing >= 0, (target, row.swing)
        assert sign * (row.median_high - row.median_low) >= 0, (target, row.median_high)
        moved += row.swing != 0
    assert moved, f"{lever} moves none of its targets' P(meet): the check above is vacuous"


def test_a_lever_of_another_model_family_swings_nothing(swings, targets, family_of_indicator):
    """E.g. stem_share_gain on a digital-economy target: exactly 0 (common random numbers)."""
    families = swings.target.map(lambda t: family_of_indicator[targets.loc[t, "indicator"]])
    lever_family = swings.lever.map(lambda name: REGISTRY[name].model.split(".")[0])
    assert set(families) == {f.name for f in FAMILIES if f.indicators}
    unread = swings[families != lever_family]
    assert len(unread) > len(swings) / 2
    assert (unread.swing == 0).all()
    assert (unread.p_low == unread.p_base).all() and (unread.p_high == unread.p_base).all()
    assert (unread.median_low == unread.median_base).all()
    assert (unread.median_high == unread.median_base).all()
    stem_on_share = unread[
        (unread.lever == "stem_share_gain") & unread.target.str.startswith("de_share")
    ]
    assert len(stem_on_share) and (stem_on_share.swing == 0).all()


# --- 3. PRIM --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def known_box():
    """2000 uniform points in three dimensions; interesting exactly when a > 0.7 and b < 0.4."""
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.uniform(size=(2000, 3)), columns=["a", "b", "c"])
    return x, ((x.a > 0.7) & (x.b < 0.4)).to_numpy()


def test_prim_recovers_a_known_box(known_box):
    x, y = known_box
    box = discovery.find_box(x, y)
    assert set(box.limits) == {"a", "b"}  # c never matters
    (a_low, a_high), (b_low, b_high) = box.limits["a"], box.limits["b"]
    assert a_low == pytest.approx(0.7, abs=0.03) and a_high >= x.a.max()  # open above
    assert b_low <= x.b.min() and 0.38 <= b_high <= 0.55  # open below
    assert box.density >= discovery.DENSITY_GOAL and box.coverage >= 0.95
    # the stated figures are those of its limits
    mask = (x.a >= a_low) & (x.a <= a_high) & (x.b >= b_low) & (x.b <= b_high)
    assert box.cases == mask.sum() and box.hits == (mask & y).sum()
    assert box.density == box.hits / box.cases and box.coverage == box.hits / y.sum()


def test_prim_never_gives_a_rule_a_box_on_its_trajectory_beats_on_every_count(known_box):
    """As much coverage, higher density, no more conditions: a better rule, whatever the goal.
    Here the peel passes b <= 0.40 (density 0.98, coverage 1) but the rule is b <= 0.465
    (density 0.84, coverage 1): the first box of equal coverage wins the tie."""
    x, y = known_box
    chosen = discovery.find_box(x, y)
    better = [
        b
        for b in discovery.peel(x, y)
        if b.coverage >= chosen.coverage
        and b.density > chosen.density
        and len(b.limits) <= len(chosen.limits)
    ]
    assert not better, (chosen, better[-1])


def test_prim_finds_no_rule_where_nothing_is_interesting(known_box):
    x, _ = known_box
    assert discovery.find_box(x, np.zeros(len(x), dtype=bool)) is None


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """A real Latin-hypercube sweep: 400 samples (two batches) over five levers, in-process,
    written where DXMODEL_REPORTS_DIR points."""
    reports = tmp_path_factory.mktemp("reports")
    levers = [
        "skills_diffusion_speed",
        "skills_outreach",
        "stem_share_gain",
        "vnm_osi_gain",
        "others_momentum",
    ]
    spec = sweep.plan_sweep(method="lhs", samples=400, levers=levers, draws=DRAWS, name="small")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DXMODEL_REPORTS_DIR", str(reports))
        run = sweep.run_sweep(spec, jobs=1)
    assert run.folder == reports / "sweeps" / "small"
    return run


def test_every_rule_reproduces_its_stated_figures_from_the_stored_table(small_run):
    table = tidy(small_run)
    stated = pd.read_csv(
        small_run.folder / "rules.csv",
        dtype={"lever": str},
        keep_default_na=False,
        na_values={"low": [""], "high": [""]},
    )
    assert list(stated.columns) == list(discovery.RULE_COLUMNS)
    met = table.groupby("target").p_meet.max() >= discovery.THRESHOLD
    assert set(stated.target) == set(met[met].index)  # a rule for every target some sample meets
    assert met.sum() >= 2 and (stated.lever != "").any()  # rules that restrict something
    for target, rule in stated.groupby("target"):
        rows = table[table.target == target]
        interesting = (rows.p_meet >= discovery.THRESHOLD).to_numpy()
        inside = np.ones(len(rows), dtype=bool)
        for r in rule.itertuples():
            if r.lever:  # no lever: the whole space is the rule
                values = rows[r.lever].to_numpy()
                inside &= (values >= r.low) & (values <= r.high)
        assert list(rule.condition) == list(range(1, len(rule) + 1))
        first = rule.iloc[0]
        assert first.samples == len(rows) == 400
        assert first.interesting == interesting.sum()
        assert first.cases == inside.sum(), target
        assert first.hits == (inside & interesting).sum(), target
        assert first.coverage == pytest.approx(first.hits / interesting.sum())
        assert first.density == pytest.approx(first.hits / first.cases)
        assert first.mass == pytest.approx(first.cases / len(rows))
        assert (rule[["coverage", "density", "cases", "hits"]].nunique() == 1).all()


# --- 8. Metadata and the tidy table ---------------------------------------------------------------
def test_sweep_json_records_what_decides_the_numbers(small_run):
    meta = json.loads((small_run.folder / sweep.SPEC_FILE).read_text(encoding="utf-8"))
    spec = small_run.spec
    assert meta["method"] == "lhs" and meta["samples"] == 400 and meta["seed"] == 2026
    assert meta["draws"] == DRAWS and meta["model_seed"] == REGISTRY["seed"].default
    assert meta["data_hash"] == data_hash() and meta["version"] == dxmodel.__version__
    assert meta["digest"] == spec.digest() and len(meta["digest"]) >= 8
    assert meta["base_scenario"] == "baseline" and meta["rows"] == 400
    assert meta["levers"] == [
        {
            "lever": n,
            "kind": REGISTRY[n].kind,
            "low": REGISTRY[n].span[0],
            "high": REGISTRY[n].span[1],
        }
        for n in spec.space.names
    ]
    assert sweep.SweepSpec.from_dict(meta) == spec  # enough to rerun the very same sweep
    assert meta["targets"] == sorted(tidy(small_run).target.unique())


def test_the_tidy_table_has_one_row_per_sample_and_open_target(small_run, session):
    table, design = tidy(small_run), pd.read_parquet(small_run.folder / sweep.DESIGN_FILE)
    names = small_run.spec.space.names
    assert list(table.columns) == ["sample", *names, "target", "p_meet", "median"]
    open_targets = set(session.chances(small_run.spec.base()).target)
    assert table.groupby("sample").target.apply(frozenset).eq(frozenset(open_targets)).all()
    assert sorted(table["sample"].unique()) == list(range(400))
    assert table.p_meet.between(0, 1).all()
    assert np.allclose(table.p_meet * DRAWS, np.round(table.p_meet * DRAWS))  # shares of draws
    ranks = table[table.target.map(session.dataset.targets.set_index("target").unit) == "rank"]
    assert len(ranks) and (ranks["median"] == ranks["median"].round()).all()
    for d in small_run.spec.space:  # each lever over its span, as the design drew it
        assert table[d.name].between(d.low, d.high).all()
    merged = table.merge(design, on="sample", suffixes=("", "_design"))
    for name in names:
        assert (merged[name] == merged[f"{name}_design"]).all()


def test_a_sample_scores_what_its_scenario_scores_on_its_own(small_run, session):
    """Sample k is the base scenario with k's levers: the sweep adds nothing and drops nothing."""
    table, spec = tidy(small_run), small_run.spec
    for k in (0, 137, 399):
        rows = table[table["sample"] == k]
        levers = rows.iloc[0][spec.space.names].to_dict()
        alone = session.chances(spec.base().with_levers(**levers)).set_index("target")
        mine = rows.set_index("target")
        assert mine.p_meet.to_dict() == alone.p_meet.to_dict()
        assert mine["median"].to_dict() == alone["median"].to_dict()


def test_a_finished_sweep_loads_back_with_its_indices_and_rules(small_run):
    loaded = sweep.load_sweep(small_run.folder)
    assert loaded.spec == small_run.spec
    pd.testing.assert_frame_equal(loaded.results, small_run.results)
    rules = pd.read_csv(small_run.folder / "rules.csv")
    pd.testing.assert_frame_equal(
        discovery.rules(loaded).reset_index(drop=True), rules, check_dtype=False
    )


# --- 4. Determinism and 5. resume -----------------------------------------------------------------
@pytest.fixture(scope="module")
def resumable():
    """500 rows: batches of 200, 200 and 100."""
    spec = sweep.plan_sweep(method="lhs", samples=500, levers=CHEAP, draws=DRAWS, name="resume")
    assert spec.rows == 500 and sweep.BATCH_ROWS == 200
    return spec


@pytest.fixture(scope="module")
def whole(resumable, tmp_path_factory):
    return sweep.run_sweep(resumable, jobs=1, folder=tmp_path_factory.mktemp("whole") / "s")


def test_the_same_spec_gives_the_same_table(resumable, whole, tmp_path):
    again = sweep.run_sweep(resumable, jobs=1, folder=tmp_path / "again")
    assert again.evaluated == 500
    pd.testing.assert_frame_equal(tidy(again), tidy(whole), check_exact=True)
    assert (tmp_path / "again" / "sensitivity.csv").read_bytes() == (
        whole.folder / "sensitivity.csv"
    ).read_bytes()
    assert (tmp_path / "again" / "rules.csv").read_bytes() == (
        whole.folder / "rules.csv"
    ).read_bytes()


def test_the_design_seed_decides_the_design():
    def planned(seed):
        return sweep.plan_sweep(method="lhs", samples=50, levers=CHEAP, draws=DRAWS, seed=seed)

    first, same, other = planned(1), planned(1), planned(2)
    pd.testing.assert_frame_equal(sweep.design(first), sweep.design(same))
    assert first.digest() == same.digest() != other.digest()
    a, b = sweep.design(first), sweep.design(other)
    assert not np.isclose(a[CHEAP].to_numpy(), b[CHEAP].to_numpy()).all(axis=1).any()


class Interrupt:
    """on_batch that stops the sweep, as Ctrl-C would, once `after` batches are written."""

    def __init__(self, after: int) -> None:
        self.after = after

    def __call__(self, done: int, total: int) -> None:
        if done == self.after:
            raise KeyboardInterrupt


@pytest.fixture(scope="module")
def resumed(resumable, tmp_path_factory, session):
    """Interrupt after the first batch, note what is on disk, run again counting the rows."""
    folder = tmp_path_factory.mktemp("cut") / "s"
    with pytest.raises(KeyboardInterrupt):
        sweep.run_sweep(resumable, jobs=1, folder=folder, on_batch=Interrupt(1))
    kept = sorted(p.name for p in (folder / "batches").iterdir())
    results_after_cut = (folder / sweep.RESULTS_FILE).exists()
    counted = []
    real = sweep.evaluate_batch

    def counting(batch):
        counted.append((batch.first, len(batch.values)))
        return real(batch)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sweep, "evaluate_batch", counting)
        run = sweep.run_sweep(resumable, jobs=1, folder=folder)
    return kept, results_after_cut, sorted(counted), run


BATCHES = {0: (0, 200), 1: (200, 200), 2: (400, 100)}  # index: (first sample, rows)


def test_an_interrupted_sweep_resumes_with_only_the_missing_batches(resumed, whole):
    kept, results_after_cut, counted, run = resumed
    assert len(kept) == 1 and not results_after_cut  # one batch written, then stopped
    (done,) = (i for i in BATCHES if kept[0] == f"batch-{i:05d}.parquet")
    assert counted == [BATCHES[i] for i in BATCHES if i != done]  # the rest, nothing else
    pd.testing.assert_frame_equal(tidy(run), tidy(whole), check_exact=True)
    assert len(list((run.folder / "batches").iterdir())) == 3


def test_a_resumed_sweep_says_how_many_samples_it_evaluated(resumable, whole, tmp_path):
    """Only the last, 100-row batch missing: 100 samples evaluated, not a whole batch's 200."""
    folder = tmp_path / "s"
    shutil.copytree(whole.folder, folder)
    (folder / "batches" / "batch-00002.parquet").unlink()
    (folder / sweep.RESULTS_FILE).unlink()
    run = sweep.run_sweep(resumable, jobs=1, folder=folder)
    pd.testing.assert_frame_equal(tidy(run), tidy(whole), check_exact=True)
    assert run.evaluated == 100


def test_ctrl_c_during_a_batch_keeps_the_batches_finished_before_it(resumable, tmp_path):
    real = sweep.evaluate_batch

    def second_is_interrupted(batch):
        if batch.first == 200:
            raise KeyboardInterrupt
        return real(batch)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(sweep, "evaluate_batch", second_is_interrupted)
        sweep.run_sweep(resumable, jobs=1, folder=tmp_path / "s")
    assert (tmp_path / "s" / "batches" / "batch-00000.parquet").exists()


def test_a_folder_holding_another_sweep_is_refused_unless_fresh(tmp_path):
    def planned(seed):
        return sweep.plan_sweep(method="lhs", samples=20, levers=CHEAP, draws=DRAWS, seed=seed)

    first, other, folder = planned(1), planned(2), tmp_path / "s"
    sweep.run_sweep(first, jobs=1, folder=folder)
    results = (folder / sweep.RESULTS_FILE).read_bytes()
    assert sweep.run_sweep(first, jobs=1, folder=folder).evaluated == 0  # the same: resumed
    with pytest.raises(DxError, match="another sweep") as refused:
        sweep.run_sweep(other, jobs=1, folder=folder)
    assert len(str(refused.value).splitlines()) == 1
    assert (folder / sweep.RESULTS_FILE).read_bytes() == results  # nothing of it touched
    assert json.loads((folder / sweep.SPEC_FILE).read_text())["digest"] == first.digest()
    replaced = sweep.run_sweep(other, jobs=1, folder=folder, fresh=True)
    assert replaced.evaluated == 20
    assert json.loads((folder / sweep.SPEC_FILE).read_text())["digest"] == other.digest()
    rules = pd.read_csv(folder / "rules.csv")  # derived again from this sweep, not kept
    assert set(rules["lever"].dropna()) <= set(CHEAP)
    pd.testing.assert_frame_equal(
        tidy(replaced)[["sample", *CHEAP]].drop_duplicates().reset_index(drop=True),
        sweep.design(other),
    )


def test_fresh_removes_every_file_the_old_sweep_derived(tmp_path):
    folder = tmp_path / "s"
    lhs = sweep.plan_sweep(method="lhs", samples=20, levers=CHEAP, draws=DRAWS)
    sweep.run_sweep(lhs, jobs=1, folder=folder)
    (folder / "sweep.html").write_text("an old page")
    assert (folder / "rules.csv").exists()
    morris = sweep.plan_sweep(method="morris", samples=4, levers=CHEAP[:2], draws=DRAWS)
    sweep.run_sweep(morris, jobs=1, folder=folder, fresh=True)
    assert not (folder / "rules.csv").exists()  # a Morris screen makes no rules
    assert not (folder / "sweep.html").exists()  # nor keeps the other sweep's page


def test_finished_batches_of_other_code_are_not_reused(tmp_path, monkeypatch):
    folder = tmp_path / "s"
    spec = sweep.plan_sweep(method="lhs", samples=20, levers=CHEAP, draws=DRAWS)
    monkeypatch.setattr(sweep, "git_commit", lambda: "aaaaaaaaaaaa")
    sweep.run_sweep(spec, jobs=1, folder=folder)
    monkeypatch.setattr(sweep, "git_commit", lambda: "bbbbbbbbbbbb")
    with pytest.raises(DxError, match="another sweep"):
        sweep.run_sweep(spec, jobs=1, folder=folder)


# --- 6. Dask --------------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_sweep_on_a_dask_cluster_matches_the_local_one(dask_cluster, tmp_path):
    levers = ["digital_economy_growth", "stem_share_gain", "vnm_osi_gain", "others_momentum"]
    spec = sweep.plan_sweep(method="lhs", samples=400, levers=levers, draws=DRAWS, name="dask")
    local = sweep.run_sweep(spec, jobs=1, folder=tmp_path / "local")
    remote = sweep.run_sweep(spec, scheduler=dask_cluster, folder=tmp_path / "dask")
    assert remote.evaluated == 400
    assert len(list((tmp_path / "dask" / "batches").iterdir())) == 2
    pd.testing.assert_frame_equal(tidy(remote), tidy(local), check_exact=True)


# --- 7. Bad input ---------------------------------------------------------------------------------
LIBRARY_REFUSALS = [
    (dict(levers=["nosuch"]), "unknown lever 'nosuch'"),
    (dict(levers=["gdp_growth", "gdp_growth"]), "named twice"),
    (dict(levers=["draws"]), "is a setting"),
    (dict(levers=["vnm_pace"]), "is a choice"),
    (dict(levers=["gdp_growth"], ranges={"gdp_growth": (3, 25)}), "outside the lever's range"),
    (dict(levers=["gdp_growth"], ranges={"gdp_growth": (-20, 8)}), "outside the lever's range"),
    (dict(levers=["gdp_growth"], ranges={"gdp_growth": (8, 4)}), "low must be below high"),
    (dict(levers=["gdp_growth"], ranges={"gdp_growth": (5, 5)}), "low must be below high"),
    (dict(levers=["gdp_growth"], ranges={"others_momentum": (1, 2)}), "not among the levers"),
    (dict(method="sobol", samples=100), "power of two"),
    (dict(method="lhs", samples=1), "2 or more"),
    (dict(method="grid"), "--method"),
    (dict(kinds=["setting"]), "--kind"),
    (dict(draws=50), "draws"),
    (dict(levers=["skills_start_share", "skills_ceiling"],
          ranges={"skills_start_share": (40, 55), "skills_ceiling": (50, 100)}), "must stay below"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "fragment"), LIBRARY_REFUSALS)
def test_plan_sweep_refuses_bad_input_in_one_line(kwargs, fragment):
    with pytest.raises(DxError) as refused:
        sweep.plan_sweep(**{"method": "lhs", "samples": 10, "draws": DRAWS, **kwargs})
    message = str(refused.value)
    assert fragment in message and len(message.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("gdp_growth=4", "lever=low:high"), ("gdp_growth", "lever=low:high"),
     ("gdp_growth=4:8:9", "lever=low:high"), ("gdp_growth=a:b", "must be numbers"),
     ("=4:8", "lever=low:high")],
)  # fmt: skip
def test_a_malformed_range_is_refused_in_one_line(text, fragment):
    with pytest.raises(DxError, match=fragment):
        parse_range(text)


def test_a_range_is_read_as_lever_low_high():
    assert parse_range("gdp_growth=4:8") == ("gdp_growth", 4.0, 8.0)
    assert parse_range("vnm_osi_gain=-0.01:0.05") == ("vnm_osi_gain", -0.01, 0.05)
    space = sweep_space(["gdp_growth"], ranges={"gdp_growth": (4.0, 8.0)})
    assert [(d.low, d.high) for d in space] == [(4.0, 8.0)]


def test_by_default_a_sweep_varies_every_policy_lever_and_assumption():
    assert sweep_space().names == [lever.name for lever in SWEPT]
    policy = sweep_space(kinds=["policy"])
    assert policy.names == [lever.name for lever in SWEPT if lever.kind == "policy"]
    for lever in SWEPT:  # every span inside the registry's range, low below high
        assert lever.min <= lever.span[0] < lever.span[1] <= lever.max, lever.name


def nothing_written(reports) -> bool:
    return not any(p.is_file() for p in reports.rglob("*")) and not any(
        (reports / "sweeps").glob("*")
    )


def test_an_unreachable_scheduler_is_refused_before_any_folder_is_made(
    tmp_path, monkeypatch, quick_connect
):
    monkeypatch.setenv("DXMODEL_REPORTS_DIR", str(tmp_path))
    spec = sweep.plan_sweep(method="lhs", samples=10, levers=CHEAP, draws=DRAWS, name="far")
    with pytest.raises(DxError, match="cannot reach"):
        sweep.run_sweep(spec, scheduler=f"tcp://127.0.0.1:{free_port()}")
    assert nothing_written(tmp_path), sorted(str(p) for p in tmp_path.rglob("*"))


SMALL = ["--method", "lhs", "--samples", "10", "--draws", str(DRAWS), "--jobs", "1"]
CLI_REFUSALS = [
    (["--levers", "nosuch", *SMALL], "nosuch"),
    (["--levers", "gdp_growth,gdp_growth", *SMALL], "named twice"),
    (["--levers", "draws", *SMALL], "setting"),
    (["--levers", "vnm_pace", *SMALL], "choice"),
    (["--levers", "gdp_growth", "--range", "gdp_growth=3:25", *SMALL], "outside"),
    (["--levers", "gdp_growth", "--range", "gdp_growth=8:4", *SMALL], "below high"),
    (["--levers", "gdp_growth", "--range", "gdp_growth=4", *SMALL], "lever=low:high"),
    (["--levers", "gdp_growth", "--range", "gdp_growth=a:b", *SMALL], "numbers"),
    (["--levers", "gdp_growth", "--method", "sobol", "--samples", "100", "--draws", str(DRAWS),
      "--jobs", "1"], "power of two"),
    (["--levers", "gdp_growth", "--range", "gdp_growth=4:8", "--range", "gdp_growth=5:7",
      *SMALL], "twice"),
    (["--levers", "gdp_growth", *SMALL, "--jobs", "0"], "--jobs 0"),
    (["--levers", "gdp_growth", *SMALL, "--draws", "50"], "draws"),
    (["--levers", "gdp_growth", "--kind", "policy", *SMALL], "is an assumption"),
    (["--levers", "gdp_growth", *SMALL, "--jobs", "2", "--scheduler", "garbage"],
     "tcp://HOST:PORT"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "fragment"), CLI_REFUSALS, ids=[f for _, f in CLI_REFUSALS])
def test_the_sweep_command_refuses_bad_input_in_one_line(
    args, fragment, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DXMODEL_REPORTS_DIR", str(tmp_path))
    code = cli.main(["sweep", *args])
    out, err = capsys.readouterr()
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dxmodel: error: "), err
    assert fragment in lines[0] and "Traceback" not in err and out == ""
    assert nothing_written(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "fragment"),
    [pytest.param(["--levers", "nosuch", *SMALL], "nosuch", id="unknown-lever"),
     pytest.param(["--levers", "gdp_growth", *SMALL, "--scheduler", "tcp://127.0.0.1:{port}"],
                  "cannot reach", id="unreachable-scheduler")],
)  # fmt: skip
def test_the_sweep_command_exits_2_as_its_own_process(args, fragment, tmp_path):
    args = [a.format(port=free_port()) for a in args]
    start = time.perf_counter()
    proc: subprocess.CompletedProcess = run_cli(
        "sweep", *args, env={"DXMODEL_REPORTS_DIR": str(tmp_path)}
    )
    assert time.perf_counter() - start < 30  # the 5 s connect timeout, not a sweep
    assert_one_line_error(proc, fragment)
    assert nothing_written(tmp_path), sorted(str(p) for p in tmp_path.rglob("*"))


def test_a_tornado_keeps_ordered_levers_ordered_around_a_valid_scenario(session):
    """A low ceiling is a valid scenario; the start share's span end (55) is above it, so the
    tornado stops that lever below the ceiling instead of failing the whole report."""
    low = load_scenario("baseline").with_levers(
        draws=DRAWS, skills_ceiling=50, skills_start_share=45
    )
    swings = sensitivity.tornado(session, low, targets=["online_skills_90_2030_d146"])
    start = swings.set_index("lever").loc["skills_start_share"]
    ceiling = swings.set_index("lever").loc["skills_ceiling"]
    assert start.high < 50 and ceiling.low > 45


def test_a_tornado_reaches_a_scenario_value_outside_the_span(session):
    mic = load_scenario("mic_breakthrough").with_levers(draws=DRAWS)
    swings = sensitivity.tornado(session, mic, levers=[sensitivity.SWEPT[0]])
    assert sensitivity.SWEPT[0].name == "digital_economy_growth"
    assert set(swings["high"]) == {mic.value("digital_economy_growth")}  # 40.3, above 20


# --- 7. What a killed run or a hand left in the folder -----------------------------------------
def test_unreadable_batches_are_said_and_computed_again(resumable, whole, tmp_path):
    """A kept batch is a cache entry: a truncated one and one overwritten with garbage are
    each said in one line and computed again, and the table is the one a whole run gives."""
    folder = tmp_path / "s"
    shutil.copytree(whole.folder, folder)
    cut = folder / "batches" / "batch-00001.parquet"
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    (folder / "batches" / "batch-00002.parquet").write_bytes(b"\x00garbage" * 50)
    notes: list[str] = []
    run = sweep.run_sweep(resumable, jobs=1, folder=folder, note=notes.append)
    assert notes == [
        f"{folder / 'batches' / 'batch-00001.parquet'}: unreadable, computed again",
        f"{folder / 'batches' / 'batch-00002.parquet'}: unreadable, computed again",
    ]
    assert run.evaluated == 300
    pd.testing.assert_frame_equal(tidy(run), tidy(whole), check_exact=True)


TINY = ["sweep", "--levers", "gdp_growth", *SMALL, "--name", "tiny"]


@pytest.fixture
def tiny(tmp_path):
    """A finished one-batch sweep made by the command, in tmp_path's reports/: its folder."""
    reports = tmp_path / "reports"
    proc = run_cli(*TINY, env={"DXMODEL_REPORTS_DIR": str(reports)})
    assert proc.returncode == 0, proc.stderr
    return reports / "sweeps" / "tiny"


def snapshot(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("garbage", [b"", b"PAR1" + b"\xff" * 300 + b"PAR1"], ids=["empty", "junk"])
def test_the_command_says_an_unreadable_batch_is_computed_again(tiny, garbage):
    batch = tiny / "batches" / "batch-00000.parquet"
    batch.write_bytes(garbage)
    proc = run_cli(*TINY, env={"DXMODEL_REPORTS_DIR": str(tiny.parent.parent)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [f"dxmodel: {batch}: unreadable, computed again"], (
        proc.stderr
    )
    assert len(pd.read_parquet(batch)) > 0 and len(pd.read_parquet(tiny / "results.parquet"))


SPEC_FAULTS = [
    ("[]", "holds a list"),
    ('"sweep"', "holds a string"),
    ("{not json", "not valid JSON"),
    ('{"name": "tiny"}', "method is None, not a str"),
    ('{"name": "tiny", "method": "lhs", "samples": "ten"}', "samples is 'ten', not a whole number"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment"), SPEC_FAULTS, ids=[f for _, f in SPEC_FAULTS])
def test_a_sweep_json_that_is_no_sweeps_is_refused_and_nothing_deleted(tiny, text, fragment):
    (tiny / "sweep.json").write_text(text)
    before = snapshot(tiny)
    proc = run_cli(*TINY, env={"DXMODEL_REPORTS_DIR": str(tiny.parent.parent)})
    assert_one_line_error(proc, f"{tiny / 'sweep.json'}: ", fragment, "expected a JSON object")
    assert snapshot(tiny) == before


def test_fresh_replaces_a_sweep_json_that_is_no_sweeps(tiny):
    (tiny / "sweep.json").write_text("[]")
    proc = run_cli(*TINY, "--fresh", env={"DXMODEL_REPORTS_DIR": str(tiny.parent.parent)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tiny / "sweep.json").read_text())["name"] == "tiny"


@pytest.mark.parametrize("fresh", [[], ["--fresh"]], ids=["resume", "fresh"])
def test_a_sweep_folder_that_is_a_symlink_is_refused_not_followed(tmp_path, fresh):
    """reports/sweeps/<name> pointing outside the reports folder: nothing written or deleted
    there, even with --fresh (which deletes what a sweep derived)."""
    reports, outside = tmp_path / "reports", tmp_path / "outside"
    outside.mkdir()
    (outside / "results.parquet").write_text("someone else's")
    (reports / "sweeps").mkdir(parents=True)
    link = reports / "sweeps" / "tiny"
    link.symlink_to(outside, target_is_directory=True)
    proc = run_cli(*TINY, *fresh, env={"DXMODEL_REPORTS_DIR": str(reports)})
    assert_one_line_error(proc, f"{link}: a symbolic link (to {outside})", "--name")
    assert snapshot(outside) == {"results.parquet": b"someone else's"}
    assert link.is_symlink()


def test_a_sweeps_folder_that_is_a_symlink_is_refused(tmp_path):
    reports, outside = tmp_path / "reports", tmp_path / "outside"
    outside.mkdir()
    reports.mkdir()
    (reports / "sweeps").symlink_to(outside, target_is_directory=True)
    proc = run_cli(*TINY, env={"DXMODEL_REPORTS_DIR": str(reports)})
    assert_one_line_error(proc, "sweeps: a symbolic link")
    assert list(outside.iterdir()) == []
