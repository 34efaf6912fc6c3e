"""The `dxmodel` command: a thin layer over the library.

Input errors print one line (`dxmodel: error: ...`) and exit 2, never a traceback; so do
errors of the system (a file that cannot be read, a full disk, a path the OS refuses).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
from argparse import SUPPRESS
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dxmodel import __version__
from dxmodel.core.levers import REGISTRY
from dxmodel.core.scenario import BASELINE, check_name, load_scenario
from dxmodel.publish.pages import check_report_name
from dxmodel.sweeps.design import DEFAULT_DRAWS, DEFAULT_SAMPLES, DEFAULT_SEED, METHODS
from dxmodel.text.i18n import languages
from dxmodel.util import paths
from dxmodel.util.errors import DxError, short_path
from dxmodel.util.executors import SCHEDULER_VARIABLE
from dxmodel.util.signals import Stopped, stop_on_signals

FORMATS = ("table", "csv", "json")
NEW_SOURCE_FLAGS = ("publisher", "title", "url", "released", "series")  # as core.published
EXIT_USAGE = 2
TABLE_EPILOG = (
    "The table fits the terminal (COLUMNS): text wraps, and the least important columns are "
    "left out first and named under it. --format csv or json prints every column, with ids "
    "and full precision."
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other input error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise DxError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dxmodel", description="Vietnam digital-transformation targets.")
    parser.add_argument("--version", action="version", version=f"dxmodel {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder to read (default: the workspace's data/ if it has one, else the data "
        "shipped with dxmodel; env DXMODEL_DATA_DIR)",
    )
    parser.add_argument(
        "--reports-dir",
        metavar="DIR",
        help="folder reports and sweeps are written to (default: the workspace's reports/; "
        "env DXMODEL_REPORTS_DIR)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_format(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--format", choices=FORMATS, default="table", help="output format")
        return p

    def listing(name: str, summary: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=summary, epilog=TABLE_EPILOG)
        p.add_argument("--ids", action="store_true", help="show ids beside the labels")
        return with_format(p)

    def scenario_argument(p: argparse.ArgumentParser, what: str) -> None:
        """The scenario, positional as everywhere; `--scenario` kept for older scripts."""
        p.add_argument("scenario", nargs="?", default=None, metavar="NAME|PATH", help=what)
        p.add_argument("--scenario", dest="scenario_option", metavar="NAME|PATH", help=SUPPRESS)

    listing("scenarios", "list the preset scenarios and your own")
    listing("levers", "list the lever registry")
    listing("targets", "list the official target registry")
    dti = listing("dti", "the DTI as published, or the next DTI by persistence")
    dti.add_argument(
        "--level",
        choices=("province", "province_34", "ministry"),
        default="province",
        help="63 former provinces, the 34 since 2025, or ministries",
    )
    dti.add_argument("--year", type=int, help="one reference year (default: all published)")
    dti.add_argument("--language", choices=languages(), default="en", help="table language")
    dti.add_argument(
        "--forecast",
        action="store_true",
        help="the next DTI by persistence, with each interval or why there is none",
    )
    data = sub.add_parser("data", help="data commands")
    data_sub = data.add_subparsers(dest="data_command", required=True, parser_class=_Parser)
    data_sub.add_parser("check", help="load and validate every table; list rows and sources")
    imported = data_sub.add_parser(
        "import",
        help="add a UN E-Government Survey edition from the UN's country file",
        description="Reads EGOV_DATA_<year>.csv as the UN publishes it, checks it as 'data "
        "check' does, and writes the data folder's history/egdi.csv atomically (never the "
        "data shipped with dxmodel: 'dxmodel init --data' makes an editable copy).",
    )
    imported.add_argument("kind", choices=("egdi",), help="what the file holds")
    imported.add_argument("file", metavar="FILE", help="the UN's country file")
    imported.add_argument(
        "--replace", action="store_true", help="replace the edition if the data has it"
    )
    add = data_sub.add_parser(
        "add",
        help="add one published figure to its series (a later release revises, keeping a vintage)",
        description="Adds INDICATOR's VALUE for YEAR to the history table that holds it, naming "
        "its source: one in sources.csv, or a new one described by --publisher, --title, --url, "
        "--released and --series (an existing series). A later release of a year the series has "
        "revises it where the indicator keeps vintages (the earlier value is kept as one).",
    )
    add.add_argument("indicator", metavar="INDICATOR", help="e.g. digital_economy_share")
    add.add_argument("year", metavar="YEAR", type=int, help="the year the figure is for")
    add.add_argument("value", metavar="VALUE", type=float, help="as published, in its unit")
    add.add_argument("--geo", default="VNM", help="the geography's code (default VNM)")
    add.add_argument("--source", required=True, help="the source id (new or in sources.csv)")
    for flag in NEW_SOURCE_FLAGS:
        add.add_argument(f"--{flag}", default=None, help=f"a new source's {flag}")
    report = sub.add_parser("report", help="render offline HTML reports and reports/index.html")
    report.add_argument(
        "scenarios",
        nargs="*",
        metavar="NAME|PATH",
        help="presets or scenario files (default: every preset)",
    )
    report.add_argument("--all", action="store_true", help="every preset (the default)")
    report.add_argument(
        "--language",
        choices=(*languages(), "all", "both"),
        default="all",
        help="one language, or all (both: the same, as before)",
    )
    report.add_argument("--jobs", type=int, default=None, help="parallel reports (default: cores)")
    report.add_argument(
        "--timeout",
        type=int,
        default=600,
        help="whole seconds allowed per notebook cell (default 600)",
    )
    report.add_argument("--draws", type=int, default=None, help="override the scenarios' draws")
    report.add_argument("--seed", type=int, default=None, help="override the scenarios' seed")
    report.add_argument(
        "--name",
        action="append",
        default=None,
        metavar="NAME",
        help="the report's name for each scenario file, in order",
    )
    report.add_argument(
        "--no-explore",
        dest="explore",
        action="store_false",
        help="leave out each page's Explore part (sliders over a precomputed grid)",
    )
    report.add_argument(
        "--scheduler",
        default=os.environ.get(SCHEDULER_VARIABLE),
        metavar="tcp://HOST:PORT",
        help="render on this Dask cluster (default: local processes; env DXMODEL_SCHEDULER)",
    )
    scenario_argument(
        listing("assess", "the target scorecard for a scenario"),
        "preset name or YAML file (default: baseline)",
    )
    sweep = with_format(
        sub.add_parser(
            "sweep",
            help="sample levers over their spans; which matter, and when targets are met",
            description="Runs the models on a SALib design over the levers' spans and writes "
            "reports/sweeps/<name>/ (design, tidy results, indices, rules, metadata). Run the same "
            "command again to resume an interrupted sweep.",
        )
    )
    scenario_argument(sweep, "the scenario unswept levers keep (default: baseline)")
    sweep.add_argument(
        "--method",
        choices=METHODS,
        default="sobol",
        help="sobol: Sobol' indices (Saltelli); morris: a cheap screen; "
        "lhs: Latin hypercube for scenario discovery (default: sobol)",
    )
    sweep.add_argument(
        "--samples",
        type=int,
        default=None,
        help="sobol: base N, a power of two (runs = N x (levers + 2); default {sobol}); "
        "morris: trajectories (default {morris}); lhs: runs (default {lhs})".format(
            **DEFAULT_SAMPLES
        ),
    )
    sweep.add_argument(
        "--levers",
        default=None,
        metavar="A,B,...",
        help="the levers to vary (default: every policy lever and assumption)",
    )
    sweep.add_argument(
        "--kind",
        choices=("policy", "assumption", "both"),
        default="both",
        help="vary only policy levers, only assumptions, or both (default)",
    )
    sweep.add_argument(
        "--range",
        action="append",
        default=None,
        metavar="LEVER=LOW:HIGH",
        help="narrow a lever's span (inside its registry range); repeatable",
    )
    sweep.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"the design's seed (default {DEFAULT_SEED})"
    )
    sweep.add_argument(
        "--draws",
        type=int,
        default=DEFAULT_DRAWS,
        help=f"simulated paths per run (default {DEFAULT_DRAWS})",
    )
    sweep.add_argument(
        "--name",
        default=None,
        help="the sweep's folder under reports/sweeps (default SCENARIO-METHOD)",
    )
    sweep.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="local worker processes (default: cores; 1 runs in this process)",
    )
    sweep.add_argument(
        "--scheduler",
        default=os.environ.get(SCHEDULER_VARIABLE),
        metavar="tcp://HOST:PORT",
        help="run on this Dask cluster",
    )
    sweep.add_argument(
        "--fresh",
        action="store_true",
        help="replace a different sweep of the same name instead of refusing",
    )
    sweep.add_argument(
        "--report", action="store_true", help="also write its HTML page in every language"
    )
    ledger = sub.add_parser("ledger", help="freeze today's forecasts; score frozen ones")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
    freeze = ledger_sub.add_parser("freeze", help="write ledger/<date>_<scenario>.csv")
    scenario_argument(freeze, "preset name or YAML file (default: baseline)")
    score = with_format(ledger_sub.add_parser("score", help="score frozen forecasts on the data"))
    score.add_argument("files", nargs="*", metavar="FILE", help="ledgers (default: every one)")
    init = sub.add_parser(
        "init",
        help="make a workspace: your scenarios, reports and notebooks",
        description="Makes DIR (default: here) a dxmodel workspace: dxmodel.toml, scenarios/ "
        "with an example, reports/, and copies of the notebooks. Commands run anywhere inside "
        "it use it. Nothing that exists is overwritten.",
    )
    init.add_argument("folder", nargs="?", default=".", metavar="DIR", help="default: here")
    init.add_argument(
        "--data", action="store_true", help="also an editable copy of the data, read instead"
    )
    lab = sub.add_parser(
        "lab",
        help="open the explorer in JupyterLab, in this workspace",
        description="Starts JupyterLab in the workspace (no news or update checks) on "
        "notebooks/explorer.ipynb, or on NOTEBOOK; options after -- go to JupyterLab "
        "(dxmodel lab -- --no-browser).",
    )
    lab.add_argument(
        "rest", nargs=argparse.REMAINDER, metavar="[NOTEBOOK] [-- OPTIONS]", help="see above"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with stdout closed (`>&-`): say so before doing anything
        return _fail("standard output is closed: run with it open (or send it to /dev/null)")
    try:
        with stop_on_signals(), contextlib.redirect_stdout(_Stdout(sys.stdout)):
            try:
                return _run(build_parser().parse_args(argv))
            finally:
                sys.stdout.flush()  # buffered output fails here, where it is caught, not at exit
    except DxError as exc:
        return _fail(str(exc))
    except Stopped as exc:  # Ctrl-C, SIGTERM, SIGHUP: workers and scratch folders are gone
        _say(
            f"dxmodel: stopped by {exc.name}"
            if exc.signum != signal.SIGINT
            else "dxmodel: interrupted"
        )
        return 128 + exc.signum
    except KeyboardInterrupt:
        _say("dxmodel: interrupted")
        return 128 + signal.SIGINT
    except OSError as exc:
        if exc.filename == STDOUT:
            _discard_stdout()
            if isinstance(exc, BrokenPipeError):
                # The reader stopped reading (`dxmodel levers | head -1`): it has what it
                # wanted, so this is no failure and says nothing. Exit 0, not a shell's 141:
                # the pipeline's status is the reader's, and 141 would fail a plain `| head`
                # under `set -o pipefail`.
                return 0
        return _fail(_os_error_text(exc))
    except RecursionError:
        return _fail("the input is nested too deeply to process")
    except MemoryError:
        return _fail("out of memory: the input is too large to process")


STDOUT = "standard output"


class _Stdout:
    """sys.stdout whose failed writes name it: print() raises an OSError that names no file."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _named(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _named(exc) from None

    def __getattr__(self, name: str) -> object:  # isatty, fileno, encoding, ...
        return getattr(self._stream, name)


def _named(exc: OSError) -> OSError:
    """The same error, naming stdout; OSError() picks the subclass (BrokenPipeError) by errno."""
    return OSError(exc.errno, exc.strerror, STDOUT) if exc.errno is not None else exc


def _discard_stdout() -> None:
    """Point stdout at /dev/null: the interpreter flushes it again at exit, and that second
    failure would print "Exception ignored ..." and exit 120."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (pytest's capture): nothing to flush at exit
        pass


def _os_error_text(exc: OSError) -> str:
    """'<what>: <where>': the system's message and the file(s) it names, cut short."""
    what = exc.strerror or str(exc) or type(exc).__name__
    where = [short_path(str(f)) for f in (exc.filename, exc.filename2) if f is not None]
    return f"{what}: {' -> '.join(where)}" if where else what


def _fail(message: str) -> int:
    _say(f"dxmodel: error: {message}")
    return EXIT_USAGE


def _say(line: str) -> None:
    """One line on stderr; if stderr itself is gone there is no one left to tell."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _folder_option(flag: str, value: str | None, variable: str, must_exist: bool) -> None:
    """`--data-dir`/`--reports-dir` into the environment, absolute: render workers and their
    kernels run in folders of their own, and read the same folders."""
    if value is None:
        return
    if not value.strip():
        raise DxError(f"{flag} is empty: name a folder")
    folder = Path(value).absolute()
    try:
        exists, is_dir = folder.exists(), folder.is_dir()
    except OSError as exc:
        raise DxError(f"{flag} {short_path(value)}: cannot be read ({exc.strerror})") from None
    if must_exist and not is_dir:
        raise DxError(
            f"{flag} {short_path(value)}: {'not a folder' if exists else 'no such folder'}"
        )
    if exists and not is_dir:
        raise DxError(f"{flag} {short_path(value)}: a file, not a folder")
    os.environ[variable] = str(folder)


def _check_arguments(args: argparse.Namespace) -> None:
    """Everything a command was given, checked before the heavy stack loads (pandas, the
    models, the render stack): a wrong argument is answered in a fraction of a second."""
    _folder_option("--data-dir", args.data_dir, paths.DATA_VARIABLE, must_exist=True)
    _folder_option("--reports-dir", args.reports_dir, paths.REPORTS_VARIABLE, must_exist=False)
    paths.pin_workspace()
    paths.data_dir(), paths.reports_dir()  # an empty DXMODEL_* variable is refused here
    if hasattr(args, "scenario_option"):
        if args.scenario and args.scenario_option and args.scenario != args.scenario_option:
            raise DxError("give the scenario once: as NAME|PATH or as --scenario, not both")
        args.scenario = args.scenario or args.scenario_option or BASELINE
    for flag in ("jobs", "timeout"):
        value = getattr(args, flag, None)
        if value is not None and value < 1:
            raise DxError(f"--{flag} {value} is not allowed; use a whole number of 1 or more")
    for lever in ("draws", "seed"):
        if getattr(args, lever, None) is not None:
            REGISTRY[lever].check(getattr(args, lever), f"--{lever}")
    if args.command == "report":  # a report's name must not be the index's
        for name in args.name or []:
            check_report_name(name, "--name")
    if args.command == "sweep" and args.name is not None:  # a folder under reports/sweeps/
        check_name(args.name, "--name")
    if args.command == "data" and args.data_command in ("import", "add"):
        _check_data_write(args)
    if args.command in ("report", "sweep", "ledger"):
        for folder in (paths.reports_dir(), paths.ledger_dir()):
            if paths.in_installation(folder):
                raise DxError(
                    f"{short_path(folder)} is inside dxmodel's installation, which is never "
                    "written to: run from your own folder (dxmodel init makes one)"
                )
    named = [getattr(args, "scenario", None), *(getattr(args, "scenarios", None) or [])]
    for reference in filter(None, named):
        load_scenario(reference)


def _check_data_write(args: argparse.Namespace) -> None:
    """`data import` and `data add`: the file (if any) is readable, the data folder the
    analyst's, the value a finite number."""
    if args.data_command == "import":
        try:
            is_file = Path(args.file).is_file()
        except OSError as exc:
            raise DxError(f"{short_path(args.file)}: cannot be read ({exc.strerror})") from None
        if not is_file:
            raise DxError(f"{short_path(args.file)}: no such file")
    else:
        new = [f for f in NEW_SOURCE_FLAGS if getattr(args, f) is not None]
        if new and len(new) != len(NEW_SOURCE_FLAGS):
            missing = ", ".join(f"--{f}" for f in NEW_SOURCE_FLAGS if f not in new)
            raise DxError(f"a new source needs all of its description: missing {missing}")
        if not math.isfinite(args.value):
            raise DxError(f"VALUE {args.value}: not a finite number")
    paths.own_data_dir()


def _run(args: argparse.Namespace) -> int:
    _check_arguments(args)
    # The one import made late on purpose: the commands bring pandas, the models and the
    # render stack (seconds), so a wrong argument is answered before they load.
    from dxmodel.cli import commands

    if args.command == "init":
        return commands.init(args)
    if args.command == "lab":
        return commands.lab(args)
    if args.command == "data" and args.data_command == "import":
        return commands.data_import(args)
    if args.command == "data" and args.data_command == "add":
        return commands.data_add(args)
    if args.command == "data":
        print(commands.data_check())
        return 0
    if args.command == "report":
        return commands.report(args)
    if args.command == "sweep":
        return commands.sweep(args)
    if args.command == "ledger":
        return commands.ledger(args)
    listings = {
        "scenarios": commands.scenarios,
        "levers": commands.levers,
        "targets": commands.targets,
    }
    if args.command == "dti":
        answer = commands.dti(args.level, args.year, args.language, args.forecast)
    else:
        answer = (
            commands.assess(args.scenario) if args.command == "assess" else listings[args.command]()
        )
    print(commands.render(answer, args.format, ids=getattr(args, "ids", False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
