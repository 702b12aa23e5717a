"""Shared paths and small assertions for the rules tests."""

from __future__ import annotations

from pathlib import Path

from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Plan
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import Finding

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
EXAMPLES = RESOURCES / "examples"
EXAMPLE_PLANS = [EXAMPLES / "home-office.fxplan", EXAMPLES / "miswired-office.fxplan"]
DATA = ROOT / "tests" / "data"
SCENARIOS = ("none", "power", "internet")


def shipped_plans() -> list[Path]:
    """Every plan the program ships: templates, examples and rule examples."""
    return sorted(RESOURCES.rglob("*.fxplan"))


def rel(path: Path) -> str:
    return str(path.relative_to(RESOURCES))


def load_example(name: str) -> Plan:
    return load_plan(EXAMPLES / name)


def key(finding: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (finding.code, finding.devices, finding.ports, finding.links)


def stations(plan: Plan) -> list[str]:
    return [d.id for d in plan.devices if d.type in STATION_TYPES]


def json_findings(plan: Plan, scenario: str = "none") -> list[dict[str, object]]:
    return [f.to_json() for f in check(plan, scenario).findings]
