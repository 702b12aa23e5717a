"""Call paths (trace) agree with the findings, and are real paths through the plan.

For every shipped plan (templates, examples, rule examples), every hand-built
case of test_rule_table and a few generated multi-site plans, for each station
and each scenario:

- a station that reaches the outside normally but not under the scenario has
  an FX202 naming it under that scenario (and one that still reaches has none);
  a station that does not reach normally has an FX202 exactly when it is
  connected, in every scenario alike;
- the hops form a connected path: consecutive hops are on one device, or the
  hop's cable joins them, or the hop is a power-fail relay to the named jack;
  the path starts at the station's line jack and, when it reaches, ends at a
  street line (pstn) jack or on an internet device.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.kinds import STATION_LINE_KIND, STATION_TYPES
from fxdesigner.model.plan import Plan, PortRef
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import check
from fxdesigner.rules.paths import CallPath
from fxdesigner.rules.reach import SCENARIO_PHRASE
from fxdesigner.rules.topology import Context
from fxdesigner.rules.trace import trace

from .common import SCENARIOS, rel, shipped_plans
from .sample_plans import generate, shared_internet_plan
from .test_rule_table import CASES

SHIPPED = shipped_plans()


def line_jack(plan: Plan, station_id: str) -> PortRef | None:
    device = plan.device(station_id)
    kind = STATION_LINE_KIND[device.type]
    return next((PortRef(device.id, p.id) for p in device.ports if p.kind == kind), None)


def connected(plan: Plan, analysis: Analysis, station_id: str) -> bool:
    """rules.md FX202: an analog station's segment is fed by a port; an IP/digital phone's port is linked."""
    device = plan.device(station_id)
    jack = line_jack(plan, station_id)
    if jack is None:
        return False
    if device.type in ("ip-phone", "digital-phone"):
        return bool(plan.links_at(jack))
    return analysis.normal.fed_by(jack) is not None


def assert_path_shape(plan: Plan, path: CallPath, scenario: str, up: dict[str, bool]) -> None:
    station = plan.device(path.station)
    jack = line_jack(plan, station.id)
    data = path.to_json()
    assert list(data) == ["station", "scenario", "reaches_outside", "hops", "exit", "stop"]
    assert data["scenario"] == scenario
    if jack is None:
        assert not path.reaches and path.stop_reason
        return
    assert path.hops, "a station with a line jack has at least its jack on the path"
    first = path.hops[0]
    assert (first.device, first.port) == (jack.device, jack.port)
    for hop in path.hops:
        port = plan.device(hop.device).port(hop.port)
        assert hop.kind == port.kind and hop.role
    for here, there in zip(path.hops, path.hops[1:]):
        a, b = PortRef(here.device, here.port), PortRef(there.device, there.port)
        assert a != b, "a path never stays on one jack"
        if here.relay:
            assert scenario == "power" and here.link is None
            assert here.device == there.device and not up[here.device]
            assert plan.port(a).kind == "fxs" and plan.port(a).properties.get("power_fail_to") == there.port
        elif here.link is not None:
            link = plan.link(here.link)
            assert {link.a, link.b} == {a, b}, (here, there)
        else:
            assert here.device == there.device, (here, there)
    assert path.hops[-1].link is None and not path.hops[-1].relay
    if path.reaches:
        last = path.hops[-1]
        assert last.kind == "pstn" or plan.device(last.device).type == "internet", last
        assert path.exit and data["stop"] is None
        exit_device = plan.device(last.device)
        assert one_line_label(exit_device.name) in path.exit
        for i, hop in enumerate(path.hops):
            relayed = hop.relay or (i > 0 and path.hops[i - 1].relay)
            assert up[hop.device] or relayed, f"{hop.device} is down but carries the call"
    else:
        assert path.exit is None
        assert data["stop"] == {"device": path.stop_device, "reason": path.stop_reason}
        assert path.stop_reason and "\n" not in path.stop_reason
        assert plan.has_device(path.stop_device)  # type: ignore[arg-type]


def one_line_label(name: str) -> str:
    from fxdesigner.model.text import one_line

    return one_line(name, 60)


def assert_trace_agrees(plan: Plan) -> None:
    normal = Analysis(Context.whole(plan))
    results = {s: check(plan, s).findings for s in SCENARIOS}
    fx202 = {s: {f.devices[0]: f for f in results[s] if f.code == "FX202"} for s in SCENARIOS}
    for station in (d for d in plan.devices if d.type in STATION_TYPES):
        base = trace(plan, station.id)
        for scenario in SCENARIOS:
            path = base if scenario == "none" else trace(plan, station.id, scenario)
            up = Analysis(Context.whole(plan), scenario).state(scenario).up
            assert_path_shape(plan, path, scenario, up)
            finding = fx202[scenario].get(station.id)
            if base.reaches and not path.reaches:
                assert finding is not None, (station.id, scenario)
                assert SCENARIO_PHRASE[scenario] in finding.message
            elif base.reaches:
                assert finding is None, (station.id, scenario, finding.message)
            else:
                assert (finding is not None) == connected(plan, normal, station.id), (station.id, scenario)
                if finding is not None:
                    assert finding == fx202["none"][station.id]
            if scenario == "none":
                assert path.reaches == normal.normal.reaches_outside(station)


@pytest.mark.parametrize("path", SHIPPED, ids=[rel(p) for p in SHIPPED])
def test_shipped_plan_traces(path: Path) -> None:
    assert_trace_agrees(load_plan(path))


def test_hand_built_case_traces() -> None:
    for case in CASES:
        assert_trace_agrees(case.build())


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 5, 11])
def test_generated_plan_traces(seed: int) -> None:
    assert_trace_agrees(generate(150, seed))


def test_shared_internet_plan_traces() -> None:
    assert_trace_agrees(shared_internet_plan())
