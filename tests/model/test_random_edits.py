"""Random edit sequences: undo all restores the plan exactly, redo all restores the end state.

Edits are drawn against the plan as it is at that moment, valid or not: an edit that
raises a typed model error must leave the plan exactly as it was, and is skipped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from helpers import assert_port_index_consistent, document_of, fresh_example, text_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import text

from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.edits import (
    DELETE,
    AddDevice,
    AddNote,
    AddWaiver,
    CompoundEdit,
    Connect,
    Disconnect,
    Edit,
    MoveItems,
    Reconnect,
    RemoveDevice,
    RemoveNote,
    RemoveWaiver,
    SetDeviceField,
    SetDeviceProperty,
    SetLinkProperty,
    SetNoteText,
    SetPlanField,
    SetPortLabel,
    SetPortProperty,
    SetWaiverField,
    delete_selection,
)
from fxdesigner.model.errors import PlanInvariantError
from fxdesigner.model.plan import Link, Note, Plan, PortRef, Waiver

#: An edit to build later (building may itself raise InvalidValueError).
Make = Callable[[], Edit]

CATALOGUE = sorted(default_catalogue(), key=lambda entry: entry.id)
VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        2.5,
        3,
        -1,
        math.nan,
        math.inf,
        "mains",
        "line",
        "poe",
        "wan",
        "lan",
        "dmz",
        "yes",
        "1",
        DELETE,
    ]
)
DEVICE_KEYS = st.sampled_from(["power", "ups", "ren", "t38", "copper", "direct_911", "future_tag"])
PORT_KEYS = st.sampled_from(
    ["ren_budget", "max_loop_m", "power_fail_to", "poe", "role", "filtered", "future_tag"]
)
LINK_KEYS = st.sampled_from(["length_m", "leaves_building", "label", "future_tag"])
coordinates = st.one_of(st.integers(-5000, 5000), st.floats(-1e6, 1e6), st.sampled_from([math.nan, math.inf]))


def _ids(existing: list[str], fresh: str) -> st.SearchStrategy[str]:
    """Usually a new id, sometimes an existing one (DuplicateIdError) or a bad one (InvalidIdError)."""
    options = [st.just(fresh)] * 4 + [st.just("bad id")]
    if existing:
        options.append(st.sampled_from(existing))
    return st.one_of(*options)


def _pick(values: list[str], missing: str = "missing") -> st.SearchStrategy[str]:
    return st.sampled_from([*values, missing]) if values else st.just(missing)


def _port_refs(plan: Plan) -> st.SearchStrategy[PortRef]:
    refs = [ref for device in plan.devices for ref in device.refs]
    return st.sampled_from(
        [*refs, PortRef("missing", "p"), PortRef(refs[0].device, "nope")] if refs else [PortRef("x", "y")]
    )


@st.composite
def single_edits(draw: st.DrawFn, plan: Plan) -> Make:
    devices = [d.id for d in plan.devices]
    links = [link.id for link in plan.links]
    notes = [n.id for n in plan.notes]
    waivers = [w.id for w in plan.waivers]
    kind = draw(
        st.sampled_from(
            [
                "add_device",
                "remove_device",
                "connect",
                "connect",
                "disconnect",
                "reconnect",
                "move",
                "device_field",
                "device_property",
                "port_label",
                "port_property",
                "link_property",
                "plan_field",
                "add_note",
                "remove_note",
                "note_text",
                "add_waiver",
                "remove_waiver",
                "waiver_field",
                "delete_selection",
            ]
        )
    )
    if kind == "add_device":
        entry = draw(st.sampled_from(CATALOGUE))
        device_id = draw(_ids(devices, plan.fresh_id("device", entry.id)))
        index = draw(st.one_of(st.none(), st.integers(0, len(devices) + 1)))
        x, y = draw(st.floats(-1e4, 1e4)), draw(st.integers(-1000, 1000))
        return lambda: AddDevice(entry.make_device(device_id, x, y), index)
    if kind == "remove_device":
        device_id = draw(_pick(devices))
        return lambda: RemoveDevice(device_id)
    if kind == "connect":
        link = Link(
            draw(_ids(links, plan.fresh_id("link", "c"))), draw(_port_refs(plan)), draw(_port_refs(plan))
        )
        if draw(st.booleans()):
            link.properties["length_m"] = draw(st.integers(0, 100))
        index = draw(st.one_of(st.none(), st.integers(0, len(links) + 1)))
        return lambda: Connect(link, index)
    if kind == "disconnect":
        link_id = draw(_pick(links))
        return lambda: Disconnect(link_id)
    if kind == "reconnect":
        link_id, a, b = draw(_pick(links)), draw(_port_refs(plan)), draw(_port_refs(plan))
        return lambda: Reconnect(link_id, a, b)
    if kind == "move":
        moved = draw(st.lists(_pick(devices), max_size=3, unique=True))
        moved_notes = draw(st.lists(_pick(notes), max_size=2, unique=True))
        spots = {i: (draw(coordinates), draw(coordinates)) for i in moved}
        note_spots = {i: (draw(coordinates), draw(coordinates)) for i in moved_notes}
        return lambda: MoveItems(devices=spots, notes=note_spots)
    if kind == "device_field":
        device_id = draw(_pick(devices))
        name = draw(st.sampled_from(["label", "model", "type"]))
        value = draw(st.one_of(text, st.just(DELETE), st.just("L" * 201), st.integers()))
        return lambda: SetDeviceField(device_id, name, value)
    if kind == "device_property":
        device_id, key, value = draw(_pick(devices)), draw(DEVICE_KEYS), draw(VALUES)
        if key == "future_tag" and isinstance(value, float) and not math.isfinite(value):
            value = "not a number"  # unknown keys take any JSON value, and NaN is none
        return lambda: SetDeviceProperty(device_id, key, value)
    if kind == "port_label":
        ref, value = draw(_port_refs(plan)), draw(st.one_of(st.none(), text))
        return lambda: SetPortLabel(ref, value)
    if kind == "port_property":
        ref, key = draw(_port_refs(plan)), draw(PORT_KEYS)
        port_ids = [p.id for p in plan.device(ref.device).ports] if plan.has_device(ref.device) else []
        value = draw(st.one_of(VALUES, _pick(port_ids)))
        if (
            isinstance(value, float)
            and not math.isfinite(value)
            and key in ("future_tag", "power_fail_to", "role")
        ):
            value = None
        return lambda: SetPortProperty(ref, key, value)
    if kind == "link_property":
        link_id, key, value = draw(_pick(links)), draw(LINK_KEYS), draw(VALUES)
        if isinstance(value, float) and not math.isfinite(value) and key == "future_tag":
            value = True
        return lambda: SetLinkProperty(link_id, key, value)
    if kind == "plan_field":
        name = draw(st.sampled_from(["title", "region"]))
        value = draw(st.one_of(st.none(), st.sampled_from(["GB", "DE", "usa", "AU"]), text))
        return lambda: SetPlanField(name, value)
    if kind == "add_note":
        note = Note(draw(_ids(notes, plan.fresh_id("note", "n"))), draw(text), draw(st.floats(-100, 100)), 0)
        index = draw(st.one_of(st.none(), st.integers(0, len(notes) + 1)))
        return lambda: AddNote(note, index)
    if kind == "remove_note":
        note_id = draw(_pick(notes))
        return lambda: RemoveNote(note_id)
    if kind == "note_text":
        note_id, value = draw(_pick(notes)), draw(text)
        return lambda: SetNoteText(note_id, value)
    if kind == "add_waiver":
        waiver = Waiver(
            draw(_ids(waivers, plan.fresh_id("waiver", "w"))),
            "FX204",
            draw(_pick(devices)),
            reason=draw(text),
        )
        index = draw(st.one_of(st.none(), st.integers(0, len(waivers) + 1)))
        return lambda: AddWaiver(waiver, index)
    if kind == "remove_waiver":
        waiver_id = draw(_pick(waivers))
        return lambda: RemoveWaiver(waiver_id)
    if kind == "waiver_field":
        waiver_id = draw(_pick(waivers))
        name, value = (
            draw(st.sampled_from(["reason", "by", "date", "code"])),
            draw(st.one_of(st.none(), text)),
        )
        return lambda: SetWaiverField(waiver_id, name, value)
    # delete_selection: built from the plan at apply time, like the GUI does.
    chosen = draw(st.lists(st.sampled_from(devices), max_size=2, unique=True)) if devices else []
    cables = draw(st.lists(st.sampled_from(links), max_size=3, unique=True)) if links else []
    doomed_notes = draw(st.lists(st.sampled_from(notes), max_size=1, unique=True)) if notes else []
    return lambda: delete_selection(plan, chosen, cables, doomed_notes)


@st.composite
def edits(draw: st.DrawFn, plan: Plan) -> Make:
    if draw(st.integers(0, 5)) == 0:
        parts = [draw(single_edits(plan)) for _ in range(draw(st.integers(1, 3)))]
        return lambda: CompoundEdit("Several", [make() for make in parts])
    return draw(single_edits(plan))


@pytest.mark.slow
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.data())
def test_undo_all_then_redo_all(data: Any) -> None:
    plan = fresh_example("miswired-office.fxplan")
    original_doc = document_of(plan)
    states = [text_of(plan)]
    applied: list[Edit] = []
    skipped = 0
    for _ in range(data.draw(st.integers(1, 30), label="steps")):
        make = data.draw(edits(plan))
        before = text_of(plan)
        try:
            edit = make()
            edit.apply(plan)
        except PlanInvariantError:
            # Refused edits (bad ids, missing things, bad values) change nothing.
            assert text_of(plan) == before
            assert_port_index_consistent(plan)
            skipped += 1
            continue
        applied.append(edit)
        states.append(text_of(plan))
        assert_port_index_consistent(plan)

    end_state = states[-1]
    for edit, state in zip(reversed(applied), reversed(states[:-1])):
        edit.revert(plan)
        assert text_of(plan) == state
        assert_port_index_consistent(plan)
    assert document_of(plan) == original_doc
    assert plan == fresh_example("miswired-office.fxplan")
    assert [d.id for d in plan.devices] == [d["id"] for d in original_doc["devices"]]
    assert [link.id for link in plan.links] == [link["id"] for link in original_doc["links"]]

    for edit in applied:
        edit.apply(plan)
    assert text_of(plan) == end_state
    assert_port_index_consistent(plan)


def test_many_undos_at_one_spot_keep_the_order() -> None:
    """Deleting and restoring around one place nests restores between the same two neighbours."""
    plan = fresh_example("miswired-office.fxplan")
    original = text_of(plan)
    done: list[Edit] = []
    for i in range(80):
        edit = Connect(Link(f"n{i}", PortRef("ks", "ext3"), PortRef("back", "line")), index=1)
        edit.apply(plan)
        done.append(edit)
    assert [link.id for link in plan.links][:3] == ["c1", "n79", "n78"]
    assert_port_index_consistent(plan)
    for edit in reversed(done):
        edit.revert(plan)
    assert text_of(plan) == original
    assert_port_index_consistent(plan)
