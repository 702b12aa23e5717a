"""Every Edit class says what it changed, and says it truly.

Each concrete edit declares its Effect; views redraw and the rules engine
re-checks only what the effect names, so an edit that changes more than it says
would leave stale drawings or findings. Here every Edit subclass (found by
walking the class tree, so a new one cannot be forgotten) is applied to a sample
plan, and the plan's JSON before and after is compared object by object.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import fresh_example

from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.lessons import fault_ops
from fxdesigner.model import edits as e
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.plan import Link, Note, Plan, PortRef, Waiver


def all_edit_classes(base: type[e.Edit] = e.Edit) -> list[type[e.Edit]]:
    found = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(all_edit_classes(sub))
    return found


def sample_plan() -> Plan:
    plan = fresh_example("miswired-office.fxplan")
    plan.add_note(Note("n1", "Patch panel in the closet", 10, 10))
    plan.add_waiver(Waiver("w0", "FX203", "line2", reason="ordered"))
    return plan


#: For each Edit class, edits of that class valid on sample_plan().
SAMPLES: dict[type[e.Edit], Callable[[], list[e.Edit]]] = {
    e.AddDevice: lambda: [
        e.AddDevice(default_catalogue().entry("grandstream-ht813").make_device("ata2", 1, 2, label="Spare ATA"))
    ],
    e.RemoveDevice: lambda: [e.RemoveDevice("ks"), e.RemoveDevice("isp")],
    e.MoveItems: lambda: [e.MoveItems(devices={"rec": (5.0, 6.0)}, notes={"n1": (7.0, 8.0)})],
    e.SetDeviceField: lambda: [e.SetDeviceField("rec", "label", "Reception"), e.SetDeviceField("ata", "model", "X")],
    e.SetDeviceProperty: lambda: [e.SetDeviceProperty("ata", "t38", True)],
    e.SetPortLabel: lambda: [e.SetPortLabel(PortRef("ks", "ext3"), "Spare")],
    e.SetPortProperty: lambda: [e.SetPortProperty(PortRef("ks", "ext2"), "power_fail_to", "co2")],
    e.Connect: lambda: [e.Connect(Link("c9", PortRef("ata", "phone2"), PortRef("ks", "ext3")))],
    e.Disconnect: lambda: [e.Disconnect("c2")],
    e.Reconnect: lambda: [e.Reconnect("c2", PortRef("line2", "jack"), PortRef("ks", "ext3"))],
    e.SetLinkProperty: lambda: [e.SetLinkProperty("c3", "length_m", 30), e.SetLinkProperty("c3", "label", "A1")],
    e.SetPlanField: lambda: [e.SetPlanField("title", "Renamed"), e.SetPlanField("region", "DE")],
    e.AddNote: lambda: [e.AddNote(Note("n2", "New", 0, 0))],
    e.RemoveNote: lambda: [e.RemoveNote("n1")],
    e.SetNoteText: lambda: [e.SetNoteText("n1", "Changed")],
    e.AddWaiver: lambda: [e.AddWaiver(Waiver("w1", "FX401", "fax"))],
    e.RemoveWaiver: lambda: [e.RemoveWaiver("w0")],
    e.SetWaiverField: lambda: [e.SetWaiverField("w0", "reason", "still ordered")],
    e.CompoundEdit: lambda: [
        e.CompoundEdit("Several", [e.Disconnect("c1"), e.SetNoteText("n1", "x"), e.SetPlanField("title", "T")]),
        e.CompoundEdit("Nothing"),
    ],
    # Imported above so that it is always among the subclasses walked, whatever ran before.
    fault_ops._LazyCompound: lambda: [
        fault_ops.ops_edit(
            [{"op": "disconnect", "link": "c2"}, {"op": "reconnect", "link": "c3", "a": "rec:line", "b": "ks:ext3"}],
            "Drill fault",
            "ops",
        )
    ],
}


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def check_effect(edit: e.Edit, before: dict[str, Any], after: dict[str, Any]) -> None:
    effect = edit.effect()
    devices_before, devices_after = by_id(before.pop("devices")), by_id(after.pop("devices"))
    links_before, links_after = by_id(before.pop("links")), by_id(after.pop("links"))
    notes_before, notes_after = by_id(before.pop("notes", [])), by_id(after.pop("notes", []))

    moved_devices = changed(devices_before, devices_after)
    assert moved_devices <= effect.devices
    for device_id in moved_devices:
        old, new = devices_before.get(device_id, {}), devices_after.get(device_id, {})
        if changed(old, new) - {"x", "y"}:
            assert device_id in effect.recheck, f"{device_id} changed but its findings are not re-checked"

    changed_links = changed(links_before, links_after)
    assert changed_links <= effect.links
    for link_id in changed_links:
        for link in (links_before.get(link_id), links_after.get(link_id)):
            if link is not None:
                assert {link["a"]["device"], link["b"]["device"]} <= effect.recheck

    assert changed(notes_before, notes_after) <= effect.notes

    plan_level = changed(before, after)
    assert bool(plan_level) <= effect.plan
    assert ("region" in plan_level) <= effect.plan_wide
    assert ("waivers" in plan_level) <= effect.waivers


def test_every_edit_class_is_concrete_and_has_samples() -> None:
    classes = all_edit_classes()
    assert classes
    for cls in classes:
        assert not inspect.isabstract(cls), f"{cls.__name__} leaves an abstract method undeclared"
        assert cls in SAMPLES, f"{cls.__name__} has no sample edit in this test"


@pytest.mark.parametrize("cls", all_edit_classes(), ids=lambda cls: cls.__name__)
def test_an_edit_changes_only_what_its_effect_names(cls: type[e.Edit]) -> None:
    for edit in SAMPLES[cls]():
        assert type(edit) is cls
        plan = sample_plan()
        original = json.loads(dumps_plan(plan))
        edit.apply(plan)
        applied = json.loads(dumps_plan(plan))
        check_effect(edit, json.loads(json.dumps(original)), json.loads(json.dumps(applied)))
        edit.revert(plan)
        assert json.loads(dumps_plan(plan)) == original
        # Read after revert, the effect names the same objects (undo redraws what redo drew).
        check_effect(edit, applied, original)
