"""Trace and what-if scenario views on the real canvas."""

from __future__ import annotations

from pathlib import Path

import pytest

from fxdesigner.io.plan_json import load_plan
from fxdesigner.model import edits as e
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.engine import check
from fxdesigner.rules.trace import trace

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "resources" / "templates").glob("*.fxplan"))


def test_power_cut_view_greys_devices_rings_survivors_and_closes_relays(make_window, examples_dir):
    window = make_window(examples_dir / "miswired-office.fxplan")
    window.findChild(type(window.actions["new"]), "scenario_power").trigger()
    scene = window.plan_scene
    assert scene.devices["ks"].down and scene.devices["ata"].down and scene.devices["fax"].down
    assert not scene.devices["rec"].down and not scene.devices["line1"].down
    assert scene.devices["rec"].service == "keeps"  # the key system's relay puts it on line 1
    assert scene.devices["fax"].service == "loses"
    assert scene.devices["ks"].relays == (("ext1", "co1"),)
    assert window.scenario_view.summary == "1 of 3 stations can call out in a power cut"
    # The findings follow the scenario, as `fxdesigner check --scenario power` does.
    codes = [(f.code, f.devices[0]) for f in window.document.findings()]
    assert ("FX202", "fax") in codes
    assert [f.to_json() for f in window.document.findings()] == [
        f.to_json() for f in check(window.document.plan, "power").findings
    ]
    window.scenario_view.set_scenario("none")
    assert not scene.devices["ks"].down and scene.devices["ks"].relays == ()
    assert not window.scenario_view.label.isVisible()


def test_scenario_view_follows_rewiring_live(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "home-office.fxplan")
    window.scenario_view.set_scenario("power")
    assert window.plan_scene.devices["desk"].service == "keeps"
    assert window.document.push(e.SetPortProperty(PortRef("ata", "phone1"), "power_fail_to", None))
    qtbot.waitUntil(lambda: window.plan_scene.devices["desk"].service == "loses", timeout=2000)
    assert window.scenario_view.summary == "0 of 1 stations can call out in a power cut"
    window.action("undo").trigger()
    qtbot.waitUntil(lambda: window.plan_scene.devices["desk"].service == "keeps", timeout=2000)


def test_trace_lights_the_path_hop_by_hop(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "miswired-office.fxplan")
    window.plan_scene.select(devices=["rec"])
    window.trace_view.action.trigger()
    qtbot.waitUntil(lambda: not window.trace_view._timer.isActive(), timeout=3000)
    scene = window.plan_scene
    assert scene.devices["rec"].trace_jacks == {"line"}
    assert scene.devices["ks"].trace_jacks == {"ext1", "co1"}
    assert scene.devices["line1"].trace_jacks == {"jack"}
    assert scene.links["c3"].traced and scene.links["c1"].traced
    assert not scene.links["c4"].traced
    badges = [c.number for c in window.trace_view.callouts]
    assert badges == [1, 2, 3, 4] == list(range(1, len(window.trace_view.path.hops) + 1))
    card = window.trace_view.card
    assert card.isVisible() and card.title.text() == "Call path from Reception"
    lines = card.body.text().splitlines()
    assert lines[0] == "1. Reception · LINE — line jack (FXO): draws dial tone"
    assert lines[-1] == "Exit: the street line Line 1"
    assert "street line Line 1" in window.statusBar().currentMessage()


def test_trace_shows_where_and_why_a_path_stops(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    window.document.push(e.Disconnect("c2"))  # the ATA loses its internet router
    window.document.push(e.Disconnect("c3"))  # and its copper line
    window.plan_scene.select(devices=["desk"])
    path = window.trace_view.trace_selection()
    window.trace_view.reveal_all()
    assert not path.reaches and path.stop_device == "ata"
    stop = window.trace_view.callouts[-1]
    assert stop.text.startswith("Stops here: Study ATA has no way out")
    assert window.trace_view.card.body.text().splitlines()[-1].startswith("Stops: Study ATA has no way out")
    assert "cannot call out" in window.statusBar().currentMessage()


def test_trace_needs_a_station(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    window.plan_scene.select(devices=["rtr"])
    assert window.trace_view.trace_selection() is None
    assert "Select a station" in window.statusBar().currentMessage()


def test_an_edit_clears_the_trace(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    window.trace_view.show("desk")
    window.trace_view.reveal_all()
    assert window.trace_view.callouts
    window.document.push(e.MoveItems(devices={"desk": (500.0, 300.0)}))
    assert not window.trace_view.callouts
    assert window.plan_scene.devices["desk"].trace_jacks == frozenset()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("scenario", ["power", "internet"])
def test_scenario_view_agrees_with_check_and_trace(make_window, template, scenario):
    window = make_window(template)
    window.scenario_view.set_scenario(scenario)
    plan = window.document.plan
    lost = {f.devices[0] for f in check(plan, scenario).findings if f.code == "FX202"}
    for device in plan.iter_devices():
        if device.type not in STATION_TYPES:
            continue
        item = window.plan_scene.devices[device.id]
        reaches = trace(plan, device.id, scenario).reaches
        assert (item.service == "keeps") == reaches
        if item.service == "loses":
            assert device.id in lost
    assert len(TEMPLATES) >= 5
    assert load_plan(template) == plan
