"""Print the performance figures the issues ask for (measured here, never asserted in tests).

Run with `make bench` (`python tools/benchmark.py sweep|reports|explore|startup` for one
part). Each timing is the median (or for the tornado the best) of several runs on this machine.
"""

from __future__ import annotations

import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPEATS = 7


def median_seconds(run: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_fresh_process(code: str) -> Callable[[], object]:
    """Time a snippet in a new interpreter, minus the interpreter's own start-up."""
    return lambda: subprocess.run([sys.executable, "-c", code], check=True)


def digital_economy_figures(dataset, scenario) -> dict[str, float]:
    """Issue 4: the digital-economy share, once fitted, for one scenario with 2,000 draws."""
    from dxmodel.models import digital_economy as de

    out = {}
    factor = de.relative_growth(scenario)
    for series in de.SERIES_NAMES:
        fit = de.fit_series(dataset, series)
        years = de.projection_years(fit, dataset)
        out[f"digital economy ({series}): simulate 2,000 draws to 2045"] = median_seconds(
            lambda f=fit, y=years: de.simulate_share(f, y, factor, 2000, 1)
        )
        out[f"digital economy ({series}): full outlook incl. benchmarks and pace"] = median_seconds(
            lambda f=fit, y=years: de.outlook(f, scenario, y, dataset.targets)
        )
    out["digital economy: fit one series (check + statsmodels OLS)"] = median_seconds(
        lambda: de.fit_series(dataset, "gso_value_added")
    )
    return out


def training_figures(dataset, scenario) -> dict[str, float]:
    """Issue 5: all training projections of one scenario with 2,000 draws."""
    from dxmodel.models import training

    inputs = training.training_inputs(dataset)
    units = training.units_of(dataset)
    noise = training.Noise.draw(2000, 1)
    return {
        "training: all projections, 2,000 draws (noise drawn once)": median_seconds(
            lambda: training.project(inputs, scenario, units, noise)
        ),
        "training: all projections, 2,000 draws, incl. drawing the noise": median_seconds(
            lambda: training.project(inputs, scenario, units, training.Noise.draw(2000, 1))
        ),
        "training: requirements for 80% (bisection, every target)": median_seconds(
            lambda: training.requirements(inputs, scenario, noise, dataset.targets)
        ),
    }


def ranking_figures(dataset, scenario) -> dict[str, float]:
    """Issue 3: the EGDI rank engine."""
    import numpy as np

    from dxmodel.models import ranking

    fit = ranking.fit_ranking(dataset.history)  # first fit pays the statsmodels import
    editions = np.array([2026, 2028, 2030])
    gains = ranking.scenario_gains(scenario)
    out = {"ranking: fit (warm)": median_seconds(lambda: ranking.fit_ranking(dataset.history))}

    def world_and_ranks(draws: int) -> None:
        world = ranking.simulate_world(fit, editions, draws, seed=1)
        ranking.rank_against(world.others, world.egdi(ranking.vietnam_paths(world, gains)))

    for draws in (10_000, 2_000):
        out[f"ranking: {draws:,} draws x 193 countries x 3 editions, with ranks"] = median_seconds(
            lambda d=draws: world_and_ranks(d)
        )
    world = ranking.simulate_world(fit, editions, 2_000, seed=1)
    out["ranking: Viet Nam lever move, 2,000 draws (replay Viet Nam + ranks)"] = median_seconds(
        lambda: ranking.rank_against(world.others, world.egdi(ranking.vietnam_paths(world, gains)))
    )
    out["ranking: full outlook incl. what-it-takes, 2,000 draws"] = median_seconds(
        lambda: ranking.outlook(fit, scenario, editions)
    )
    # issue 10: the multi-horizon backtest every report shows, and its coverage
    out["ranking: backtest, 3 origins x 1-3 editions ahead, 1,000 draws"] = median_seconds(
        lambda: ranking.backtest_ranking(dataset.history), repeats=1
    )
    return out


def honesty_figures(dataset) -> dict[str, float]:
    """Issue 10: what the evidence supports, printed beside the timings (not timings)."""
    from dxmodel.core.scenario import load_scenario
    from dxmodel.engine.session import Session
    from dxmodel.models import ranking

    table = ranking.backtest_ranking(dataset.history)
    out = {
        f"EGDI 80% interval coverage, {h} edition(s) ahead": p
        for h, p in ranking.coverage_by_horizon(table).items()
    }
    model = table[table.method == "model"]
    out["top-50 entrants in hindcasts, expected / actual"] = (
        model.entered_top50.sum() / model.entered_top50_actual.sum()
    )
    session = Session(dataset)
    for name in ("baseline", "recent_pace"):
        card = session.scorecard(load_scenario(name)).set_index("target")
        for target in ("egdi_top50_2026_mic", "egdi_top50_2030_d749", "egdi_top30_2030_d942"):
            out[f"P({target}) under {name}"] = card.loc[target, "p_meet"]
            out[f"base rate ({target})"] = card.loc[target, "base_rate"]
    return out


def explorer_figures(moves: int = 50, seed: int = 2026) -> dict[str, float]:
    """Issue 6: kernel-side time from a lever move to updated chart specs and scorecard."""
    import numpy as np

    from dxmodel.core.levers import LEVERS
    from dxmodel.explorer.widgets import Explorer

    explorer = Explorer()  # 2,000 draws: the registry's default
    rng = np.random.default_rng(seed)
    movable = [lv for lv in LEVERS if lv.kind != "setting" or lv.choices]
    explorer.timings.clear()
    for _ in range(moves):
        lever = movable[rng.integers(len(movable))]
        if lever.choices:
            value = lever.choices[rng.integers(len(lever.choices))]
        else:
            steps = round((lever.max - lever.min) / lever.step)
            value = lever.min + lever.step * int(rng.integers(steps + 1))
            value = int(value) if lever.integer else round(float(value), 6)
        explorer.set_lever(lever.name, value)  # refused moves (a model error) are not timed
    times = np.array(explorer.timings)
    return {
        f"explorer: lever move -> chart specs + scorecard, median of {len(times)}": float(
            np.median(times)
        ),
        f"explorer: lever move -> chart specs + scorecard, 95th percentile of {len(times)}": float(
            np.percentile(times, 95)
        ),
    }


FLOOR_CELL = "import pandas, altair, statsmodels.api\nprint('ready')"


def report_figures() -> dict[str, float]:
    """Issue 7: every preset in English and Vietnamese plus the index, against the floor.

    The floor is papermill executing as many notebooks that only import pandas, altair and
    statsmodels, with the same parallelism, plus the same HTML conversion.
    """
    import os
    import tempfile
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    import nbformat
    import papermill
    from distributed import LocalCluster

    from dxmodel.core.scenario import list_scenarios
    from dxmodel.publish import jobs as render
    from dxmodel.publish import notebooks
    from dxmodel.util.atomic import write_atomically

    presets = list_scenarios()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DXMODEL_REPORTS_DIR"] = scratch
        os.environ["DXMODEL_CACHE_DIR"] = str(Path(scratch) / "cache-local")  # cold, as new
        start = time.perf_counter()
        outcomes = render.render_reports(presets, ("en", "vi"), progress=False)
        real = time.perf_counter() - start
        if any(o.path is None for o in outcomes):
            raise SystemExit(f"report failed: {[o.reason for o in outcomes if o.path is None]}")
        # issue 12: the same jobs through a local Dask cluster of two single-threaded workers
        quiet = {"dashboard_address": None, "silence_logs": logging.CRITICAL}
        os.environ["DXMODEL_CACHE_DIR"] = str(Path(scratch) / "cache-dask")  # cold too
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **quiet) as cluster:
            start = time.perf_counter()
            on_dask = render.render_reports(
                presets, ("en", "vi"), progress=False, scheduler=cluster.scheduler_address
            )
            dask_seconds = time.perf_counter() - start
        if any(o.path is None for o in on_dask):
            raise SystemExit(f"report failed on dask: {[o.reason for o in on_dask if not o.path]}")

        floor_nb = Path(scratch) / "floor.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
        nb.metadata["kernelspec"] = {
            "name": "dxmodel",
            "display_name": "dxmodel",
            "language": "python",
        }
        nbformat.write(nb, floor_nb)

        def floor_one(i: int) -> None:
            out = Path(scratch) / f"floor-{i}.ipynb"
            papermill.execute_notebook(
                str(floor_nb), str(out), kernel_name="dxmodel", progress_bar=False
            )
            page = notebooks.to_html(nbformat.read(out, as_version=4), "en", "floor")
            write_atomically(Path(scratch) / f"floor-{i}.html", page)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(floor_one, range(len(outcomes))))
        floor = time.perf_counter() - start
    return {
        f"reports: {len(outcomes)} reports (every preset, en + vi) + index": real,
        f"reports: floor, {len(outcomes)} import-only notebooks + HTML, same parallelism": floor,
        f"reports: the same {len(on_dask)} through a local Dask cluster of 2 workers": dask_seconds,
    }


def explore_figures() -> list[str]:
    """Issue 20: the Explore grid (size, time here and in two local processes), and what the
    Explore part costs: every preset in every language rendered with it and without it (cold
    caches both), and the largest page."""
    import os
    import tempfile
    from pathlib import Path

    from dxmodel.core.scenario import list_scenarios, load_scenario
    from dxmodel.engine.session import Session
    from dxmodel.publish import jobs as render
    from dxmodel.sweeps.grid import explore_grid

    out = []
    session, scenario = Session(), load_scenario("baseline")
    with tempfile.TemporaryDirectory() as scratch:
        for jobs in (1, 2):
            os.environ["DXMODEL_CACHE_DIR"] = str(Path(scratch) / f"grid-{jobs}")
            start = time.perf_counter()
            grid = explore_grid(session, scenario, jobs=jobs)
            seconds = time.perf_counter() - start
            out.append(f"explore grid, baseline, {jobs} job(s), cold: {seconds:.1f} s")
        start = time.perf_counter()
        explore_grid(session, scenario, jobs=1)
        out.append(f"explore grid, baseline, from disk: {time.perf_counter() - start:.2f} s")
        text = grid.to_json()
        points = sum(grid.points.values())
        out.append(
            f"explore grid, baseline: {points} points {dict(grid.points)}, "
            f"{len(text) / 1024:.0f} KB JSON ({scenario.value('draws')} draws)"
        )
        seconds, largest = {}, {}
        for explore in (True, False):  # with it first: a warm-up favours the run without it
            folder = Path(scratch) / f"reports-{explore}"
            os.environ["DXMODEL_REPORTS_DIR"] = str(folder)
            os.environ["DXMODEL_CACHE_DIR"] = str(Path(scratch) / f"cache-{explore}")
            start = time.perf_counter()
            done = render.render_reports(list_scenarios(), progress=False, explore=explore)
            seconds[explore] = time.perf_counter() - start
            if any(o.path is None for o in done):
                raise SystemExit(f"report failed: {[o.reason for o in done if not o.path]}")
            pages = {p.name: p.stat().st_size for p in folder.glob("*.html")}
            largest[explore] = max(pages.items(), key=lambda kv: kv[1])
        n = len(done)
        out.append(f"reports with Explore:    {n} pages + index in {seconds[True]:.1f} s")
        out.append(f"reports without Explore: {n} pages + index in {seconds[False]:.1f} s")
        ratio = seconds[True] / seconds[False]
        out.append(f"reports: cost of Explore (target <= 1.3): {ratio:.2f}x")
        for explore, (name, size) in largest.items():
            kind = "with" if explore else "without"
            out.append(f"largest page {kind} Explore: {name} {size / 2**20:.2f} MB (limit 6 MB)")
    return out


def tornado_figures() -> dict[str, float]:
    """Issue 13: the tornado of every target for one scenario at 2,000 draws, in a session
    whose models are fitted (as in a report or the explorer) but whose caches are cold."""
    from dxmodel.core.scenario import load_scenario
    from dxmodel.engine.session import Session
    from dxmodel.sweeps.sensitivity import tornado

    times = []
    for _ in range(3):
        session = Session()
        start = time.perf_counter()
        tornado(session, load_scenario("baseline"))
        times.append(time.perf_counter() - start)
    return {"tornado, every target of the baseline, 2,000 draws (cold caches)": min(times)}


def sweep_figures(samples: int = 512, workers: int = 2) -> dict[str, str]:
    """Issue 13: a Sobol' sweep of about 10,000 runs over every lever, locally and through a
    local Dask cluster of `workers` single-threaded workers; runs per second per core; peak
    memory; and the three levers that matter most for each key target."""
    import os
    import resource
    import tempfile

    from distributed import LocalCluster

    from dxmodel.core.targets import KEY_TARGETS
    from dxmodel.outputs.sweep_text import top_levers
    from dxmodel.sweeps import sensitivity
    from dxmodel.sweeps.run import plan_sweep, run_sweep

    out = {}
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DXMODEL_REPORTS_DIR"] = scratch
        spec = plan_sweep("baseline", "sobol", samples, name="bench-local")
        start = time.perf_counter()
        local = run_sweep(spec, jobs=workers)
        seconds = time.perf_counter() - start
        out[
            f"sweep: Sobol' N={samples}, {spec.rows:,} runs x every open target, "
            f"{workers} local processes"
        ] = f"{seconds:.1f} s"
        out["sweep: local, runs per second per core"] = f"{spec.rows / seconds / workers:.1f}"
        quiet = {"dashboard_address": None, "silence_logs": logging.CRITICAL}
        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, **quiet
        ) as cluster:
            spec_dask = plan_sweep("baseline", "sobol", samples, name="bench-dask")
            start = time.perf_counter()
            on_dask = run_sweep(spec_dask, scheduler=cluster.scheduler_address)
            dask_seconds = time.perf_counter() - start
        out[f"sweep: the same through a local Dask cluster of {workers} workers"] = (
            f"{dask_seconds:.1f} s"
        )
        out["sweep: Dask, runs per second per core"] = f"{spec.rows / dask_seconds / workers:.1f}"
        out["sweep: per-core rate, Dask / local"] = f"{seconds / dask_seconds:.2f}"
        same = local.results[["p_meet", "median"]].equals(on_dask.results[["p_meet", "median"]])
        out["sweep: Dask table equals the local one"] = str(same)
        mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        out["sweep: peak memory, this process (client)"] = f"{mine:.0f} MB"
        out["sweep: peak memory, largest worker process"] = f"{children:.0f} MB"
        table = sensitivity.indices(local)
        for target in KEY_TARGETS:
            if target in set(table["target"]):
                found = sensitivity.ranked(table, target)
                out[f"top 3 levers: {target}"] = top_levers(found) or "none moves it"
    return out


STARTUP = {  # issue 18: whole process, bytecode compiled; the limit each must stay within
    "report baseline --draws 0": 0.5,
    "report baseline --timeout -5": 0.5,
    "report baseline --jobs 0": 0.5,
    "report baseline --name Bad/Name": 0.5,
    "report baseline --name index": 0.5,
    "assess no_such_scenario": 0.5,
    "--data-dir /nonexistent assess": 0.5,
    "--help": 1.0,
    "levers": 1.0,
    "targets": 1.0,
    "scenarios": 1.0,
    "assess": 2.5,
}


def startup_figures(repeats: int = 5) -> dict[str, tuple[float, float]]:
    """Issue 18: how long `dxmodel ...` takes from start to exit, median of `repeats`."""
    command = str(Path(sys.executable).with_name("dxmodel"))
    return {
        args: (
            median_seconds(
                lambda a=args: subprocess.run([command, *a.split()], capture_output=True),
                repeats,
            ),
            limit,
        )
        for args, limit in STARTUP.items()
    }


def print_startup(figures: dict[str, tuple[float, float]]) -> None:
    width = max(map(len, figures)) + len("dxmodel ")
    for args, (seconds, limit) in figures.items():
        verdict = "ok" if seconds <= limit else "OVER"
        print(f"{'dxmodel ' + args:<{width}}  {seconds:6.2f} s  (limit {limit:.1f} s, {verdict})")


def print_reports(reports: dict[str, float]) -> None:
    width = max(map(len, reports)) + 8
    for name, seconds in reports.items():
        print(f"{name:<{width}}  {seconds:8.1f} s")
    real, floor, on_dask = reports.values()
    print(f"{'reports: ratio to the floor (target <= 1.5)':<{width}}  {real / floor:8.2f}")
    print(f"{'reports on Dask: ratio to the floor':<{width}}  {on_dask / floor:8.2f}")


def main() -> None:
    if sys.argv[1:] == ["sweep"]:  # the long issue-13 figures alone
        for name, value in {**tornado_figures(), **sweep_figures()}.items():
            print(f"{name}: {value}")
        return
    if sys.argv[1:] == ["explore"]:  # the Explore figures alone (issue 20)
        print("\n".join(explore_figures()))
        return
    if sys.argv[1:] == ["reports"]:  # the report figures alone (issues 7, 12, 17)
        print_reports(report_figures())
        return
    print_startup(startup_figures())
    if sys.argv[1:] == ["startup"]:  # the start-up figures alone (issue 18)
        return
    bare = median_seconds(in_fresh_process("pass"))
    figures = {
        "import dxmodel": median_seconds(in_fresh_process("import dxmodel")) - bare,
        "import dxmodel + load_dataset() (first use, pulls in pandas)": median_seconds(
            in_fresh_process("import dxmodel; dxmodel.load_dataset()")
        )
        - bare,
    }
    import dxmodel

    dxmodel.load_dataset()
    figures["load_dataset() in a warm process"] = median_seconds(dxmodel.load_dataset)
    dataset = dxmodel.load_dataset()
    scenario = dxmodel.load_scenario("baseline")
    figures["assess(baseline) with the models in service"] = median_seconds(
        lambda: dxmodel.assess(dataset, dxmodel.project(dataset, scenario))
    )
    figures["`dxmodel assess` command, whole process"] = median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "dxmodel.cli", "assess"], check=True, capture_output=True
        ),
        repeats=3,
    )
    figures.update(digital_economy_figures(dataset, scenario))
    figures.update(training_figures(dataset, scenario))
    figures.update(ranking_figures(dataset, scenario))
    figures.update(explorer_figures())
    width = max(map(len, figures))
    for name, seconds in figures.items():
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    print_reports(report_figures())
    print("\n".join(explore_figures()))
    for name, value in {**tornado_figures(), **sweep_figures()}.items():
        print(f"{name}: {value}")
    honesty = honesty_figures(dataset)
    width = max(map(len, honesty))
    for name, value in honesty.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
