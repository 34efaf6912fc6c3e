"""The `dxmodel` command: a thin layer over the library.

Input errors print one line (`dxmodel: error: ...`) and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dxmodel.errors import DxError

FORMATS = ("table", "csv", "json")
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
    from dxmodel import __version__

    parser = _Parser(prog="dxmodel", description="Vietnam digital-transformation targets.")
    parser.add_argument("--version", action="version", version=f"dxmodel {__version__}")
    parser.add_argument("--data-dir", help="data folder to read (default: the checkout's data/)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_format(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--format", choices=FORMATS, default="table", help="output format")
        return p

    def listing(name: str, summary: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=summary, epilog=TABLE_EPILOG)
        p.add_argument("--ids", action="store_true", help="show ids beside the labels")
        return with_format(p)

    with_format(sub.add_parser("scenarios", help="list the preset scenarios"))
    listing("levers", "list the lever registry")
    listing("targets", "list the official target registry")
    data = sub.add_parser("data", help="data commands")
    data_sub = data.add_subparsers(dest="data_command", required=True, parser_class=_Parser)
    data_sub.add_parser("check", help="load and validate every table; list rows and sources")
    report = sub.add_parser("report", help="render offline HTML reports and reports/index.html")
    report.add_argument("scenarios", nargs="*", metavar="NAME|PATH",
                        help="presets or scenario files (default: every preset)")  # fmt: skip
    report.add_argument("--all", action="store_true", help="every preset (the default)")
    report.add_argument("--language", choices=("en", "vi", "both"), default="both")
    report.add_argument("--jobs", type=int, default=None, help="parallel reports (default: cores)")
    report.add_argument("--timeout", type=int, default=600,
                        help="whole seconds allowed per notebook cell (default 600)")  # fmt: skip
    report.add_argument("--draws", type=int, default=None, help="override the scenarios' draws")
    report.add_argument("--seed", type=int, default=None, help="override the scenarios' seed")
    report.add_argument("--name", action="append", default=None, metavar="NAME",
                        help="the report's name for each scenario file, in order")  # fmt: skip
    report.add_argument("--scheduler", default=os.environ.get("DXMODEL_SCHEDULER"),
                        metavar="tcp://HOST:PORT",
                        help="render on this Dask cluster (default: local processes; "
                        "env DXMODEL_SCHEDULER)")  # fmt: skip
    assess = listing("assess", "the target scorecard for a scenario")
    assess.add_argument(
        "--scenario", default="baseline", metavar="NAME|PATH", help="preset name or YAML file"
    )
    ledger = sub.add_parser("ledger", help="freeze today's forecasts; score frozen ones")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
    freeze = ledger_sub.add_parser("freeze", help="write data/ledger/<date>_<scenario>.csv")
    freeze.add_argument("--scenario", default="baseline", metavar="NAME|PATH")
    score = with_format(ledger_sub.add_parser("score", help="score frozen forecasts on the data"))
    score.add_argument("files", nargs="*", metavar="FILE", help="ledgers (default: every one)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except DxError as exc:
        print(f"dxmodel: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dxmodel: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `dxmodel assess | head`
        sys.stderr.close()
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.data_dir:  # one process, one data folder: tables and presets alike
        # absolute: render workers and their kernels run in folders of their own
        os.environ["DXMODEL_DATA_DIR"] = os.path.abspath(args.data_dir)
    from dxmodel import commands

    if args.command == "data":
        print(commands.data_check())
        return 0
    if args.command == "report":
        return commands.report(args)
    if args.command == "ledger":
        from dxmodel import ledger

        if args.ledger_command == "freeze":
            print(ledger.freeze_current(args.scenario))
            return 0
        frame = ledger.score_ledgers(args.files)
        print(commands.render(commands.plain(frame), args.format))
        if args.format == "table":
            print(ledger.summary(frame))
        return 0
    listings = {
        "scenarios": commands.scenarios,
        "levers": commands.levers,
        "targets": commands.targets,
    }
    answer = (
        commands.assess(args.scenario) if args.command == "assess" else listings[args.command]()
    )
    print(commands.render(answer, args.format, ids=getattr(args, "ids", False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
