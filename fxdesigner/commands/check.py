"""`fxdesigner check` and `fxdesigner trace`: judge plans without a display."""

from __future__ import annotations

import argparse
import json
import sys

from fxdesigner.commands.common import add_format, add_scenario, load_or_report
from fxdesigner.io.plan_json import PlanLoadError, load_plan
from fxdesigner.rules.engine import check
from fxdesigner.rules.report import FileReport, exit_status, to_json, to_text

HELP = {
    "check": "check plans (.fxplan, .json, or .png/.svg with an embedded plan) and print the findings",
    "trace": "print the call path from a station to the street line or the internet",
}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "check":
        parser.add_argument("plans", nargs="+", metavar="PLAN", help="plan files to check")
        add_format(parser)
        add_scenario(parser)
        parser.add_argument(
            "--fail-on",
            choices=("error", "warning"),
            default="error",
            help="exit with status 1 when a finding at or above this severity is found (default: error)",
        )
        parser.epilog = (
            "exit status: 0 no finding at or above --fail-on; 1 some plan has one; "
            "2 a file could not be loaded or the command line is wrong"
        )
    else:
        parser.add_argument("plan", metavar="PLAN", help="the plan")
        parser.add_argument("station", metavar="STATION", help="the station's id or label")
        add_scenario(parser)
        add_format(parser)


def run(args: argparse.Namespace) -> int:
    return _check(args) if args._command == "check" else _trace(args)


def _check(args: argparse.Namespace) -> int:
    reports = []
    for path in args.plans:
        try:
            plan = load_plan(path)
        except PlanLoadError as exc:
            reports.append(FileReport(path, error=str(exc)))
            if args.format == "text":
                print(f"error: {exc}", file=sys.stderr)
            continue
        reports.append(FileReport(path, check(plan, args.scenario)))
    output = to_json(reports, args.scenario) if args.format == "json" else to_text(reports, args.scenario)
    sys.stdout.write(output)
    return exit_status(reports, args.fail_on)


def _trace(args: argparse.Namespace) -> int:
    from fxdesigner.rules.trace import StationNotFound, find_station, format_trace, trace

    plan = load_or_report(args.plan)
    if plan is None:
        return 2
    try:
        station = find_station(plan, args.station)
    except StationNotFound as exc:
        print(f"error: {args.plan}: {exc}", file=sys.stderr)
        return 2
    path = trace(plan, station.id, args.scenario)
    if args.format == "json":
        sys.stdout.write(json.dumps(path.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_trace(plan, path))
    return 0 if path.reaches else 1
