"""Trace and scenarios agree with `fxdesigner check --scenario` on every template
(and on every lesson's reference solution, which learners trace in the lessons).

For each plan, scenario and station: a station that reaches the outside normally
but not under the scenario has an FX202 naming it in that scenario's check output,
saying it loses service; a station that reaches under the scenario has no FX202;
and `fxdesigner trace --scenario` says the same as the trace API.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fxdesigner.cli import main
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.rules.findings import SCENARIOS
from fxdesigner.rules.trace import trace

from .common import LESSONS, RESOURCES, TEMPLATES

PLANS = TEMPLATES + [lesson.folder / "solution.fxplan" for lesson in LESSONS if lesson.folder]


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def test_there_are_five_templates() -> None:
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("path", PLANS, ids=[str(p.relative_to(RESOURCES)) for p in PLANS])
def test_trace_agrees_with_check_scenario(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    plan = load_plan(path)
    stations = [d for d in plan.iter_devices() if d.type in STATION_TYPES]
    assert stations
    normal = {d.id: trace(plan, d.id, "none").reaches for d in stations}
    losses = 0
    for scenario in SCENARIOS:
        _, document = cli_json(capsys, "check", str(path), "--format", "json", "--scenario", scenario)
        assert document["scenario"] == scenario
        fx202 = [f for f in document["files"][0]["findings"] if f["code"] == "FX202"]
        for station in stations:
            path_now = trace(plan, station.id, scenario)
            named = [f for f in fx202 if f["devices"][0] == station.id]
            if path_now.reaches:
                assert not named, (scenario, station.id, named)
            elif normal[station.id]:
                losses += 1
                assert len(named) == 1, (scenario, station.id)
                assert "loses service" in named[0]["message"]
            else:
                assert all("cannot call out" in f["message"] for f in named)
            code, traced = cli_json(
                capsys, "trace", str(path), station.id, "--scenario", scenario, "--format", "json"
            )
            assert traced["reaches_outside"] == path_now.reaches
            assert code == (0 if path_now.reaches else 1)
            assert traced["hops"] == [h.to_json() for h in path_now.hops]
    if path in TEMPLATES and path.stem.startswith(("home-office", "key-system", "hotel")):
        assert losses, "these templates lose some service in an outage: the check is not vacuous"
