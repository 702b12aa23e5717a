"""Helpers shared by the headless commands."""

from __future__ import annotations

import sys

from fxdesigner.io.plan_json import PlanLoadError, load_plan
from fxdesigner.model.plan import Plan


def load_or_report(path: str) -> Plan | None:
    """Load a plan, or print its one-line load error to standard error and return None."""
    try:
        return load_plan(path)
    except PlanLoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def add_format(parser, default: str = "text") -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--format", choices=("text", "json"), default=default, help="output format")


def add_scenario(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument(
        "--scenario",
        choices=("none", "power", "internet"),
        default="none",
        help="judge the plan in a power cut or with the internet down (default: none)",
    )
