"""Every edit: apply changes the plan, revert restores it exactly, redo gives the same result."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from helpers import assert_port_index_consistent, document_of, fresh_example, text_of

from fxdesigner.io.plan_json import dumps_plan, load_plan_bytes
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
    Effect,
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
    place_device,
)
from fxdesigner.model.errors import (
    DuplicateIdError,
    InvalidIdError,
    InvalidValueError,
    MissingReferenceError,
    PlanInvariantError,
    SamePortLinkError,
    StillReferencedError,
)
from fxdesigner.model.plan import Device, Link, Note, Plan, Port, PortRef, Waiver


def copy_of(plan: Plan) -> Plan:
    return load_plan_bytes(dumps_plan(plan).encode("utf-8"))


def run_edit(plan: Plan, edit: Edit, check: Callable[[Plan], None]) -> None:
    """Apply (check), revert (exactly the original), redo (exactly the applied state), undo again."""
    original_doc = document_of(plan)
    original_text = text_of(plan)
    reference = copy_of(plan)
    edit.apply(plan)
    check(plan)
    assert_port_index_consistent(plan)
    applied_text = text_of(plan)
    assert applied_text != original_text or (isinstance(edit, CompoundEdit) and not edit.edits)
    edit.revert(plan)
    assert document_of(plan) == original_doc
    assert text_of(plan) == original_text
    assert plan == reference
    assert_port_index_consistent(plan)
    edit.apply(plan)
    assert text_of(plan) == applied_text
    edit.revert(plan)
    assert text_of(plan) == original_text


def assert_refused(plan: Plan, make: Callable[[], Edit], error: type[PlanInvariantError]) -> None:
    """The edit raises a typed error (when built or applied) and leaves the plan unchanged."""
    before = text_of(plan)
    with pytest.raises(error):
        make().apply(plan)
    assert text_of(plan) == before
    assert_port_index_consistent(plan)


@pytest.fixture
def plan() -> Plan:
    return fresh_example("miswired-office.fxplan")


def link_ids(plan: Plan) -> list[str]:
    return [link.id for link in plan.links]


def device_ids(plan: Plan) -> list[str]:
    return [device.id for device in plan.devices]


# --- devices -----------------------------------------------------------------------------


def test_add_device_appends(plan: Plan) -> None:
    device = default_catalogue().entry("grandstream-ht813").make_device("ata2", 10, 20, label="Lifeline ATA")
    edit = AddDevice(device)
    assert edit.title == "Add Lifeline ATA"

    def check(p: Plan) -> None:
        assert device_ids(p)[-1] == "ata2"
        assert p.device("ata2").port("phone1").properties == {"power_fail_to": "line1"}

    run_edit(plan, edit, check)


def test_add_device_at_an_index(plan: Plan) -> None:
    edit = AddDevice(Device("new", "generic", 0, 0), index=1)
    assert edit.title == "Add new"
    run_edit(
        plan,
        edit,
        lambda p: device_ids(p)[:3] == ["line1", "new", "line2"] or pytest.fail(str(device_ids(p))),
    )


def test_add_device_refuses_duplicates_and_bad_ids(plan: Plan) -> None:
    assert_refused(plan, lambda: AddDevice(Device("ks", "generic", 0, 0)), DuplicateIdError)
    assert_refused(plan, lambda: AddDevice(Device("k s", "generic", 0, 0)), InvalidIdError)
    assert_refused(
        plan, lambda: AddDevice(Device("ok", "generic", 0, 0, ports=[Port("a/b", "fxs")])), InvalidIdError
    )
    bad_relay = Device("ok", "ata", 0, 0, ports=[Port("p", "fxs", properties={"power_fail_to": "nope"})])
    assert_refused(plan, lambda: AddDevice(bad_relay), InvalidValueError)


def test_remove_device_removes_its_links_and_restores_them_in_place(plan: Plan) -> None:
    edit = RemoveDevice("ks")
    assert link_ids(plan) == ["c1", "c2", "c3", "c4", "c5", "c6"]

    def check(p: Plan) -> None:
        assert not p.has_device("ks")
        assert link_ids(p) == ["c5", "c6"]
        assert edit.title == "Delete Key system"
        assert edit.effect().recheck == {"ks", "line1", "line2", "rec", "back"}

    run_edit(plan, edit, check)
    assert device_ids(plan)[2] == "ks"
    assert link_ids(plan) == ["c1", "c2", "c3", "c4", "c5", "c6"]


def test_remove_device_with_scattered_links_restores_order() -> None:
    # Links of "hub" sit at indices 0, 2, 4 and 5 among others; one of them joins two hub ports.
    plan = Plan()
    plan.add_device(Device("hub", "splitter", 0, 0, ports=[Port(f"p{i}", "passive") for i in range(4)]))
    for name in "abcd":
        plan.add_device(Device(name, "analog-phone", 0, 0, ports=[Port("line", "fxo")]))
    wiring = [
        ("l0", ("hub", "p0"), ("a", "line")),
        ("l1", ("a", "line"), ("b", "line")),
        ("l2", ("c", "line"), ("hub", "p1")),
        ("l3", ("c", "line"), ("d", "line")),
        ("l4", ("hub", "p2"), ("hub", "p3")),
        ("l5", ("hub", "p0"), ("d", "line")),
        ("l6", ("b", "line"), ("d", "line")),
    ]
    for link_id, a, b in wiring:
        plan.add_link(Link(link_id, PortRef(*a), PortRef(*b)))
    edit = RemoveDevice("hub")

    def check(p: Plan) -> None:
        assert link_ids(p) == ["l1", "l3", "l6"]
        assert p.links_at(PortRef("d", "line")) == ["l3", "l6"]

    run_edit(plan, edit, check)
    assert link_ids(plan) == [f"l{i}" for i in range(7)]
    assert plan.links_at(PortRef("hub", "p0")) == ["l0", "l5"]
    assert plan.links_at(PortRef("d", "line")) == ["l3", "l5", "l6"]


def test_plan_remove_device_refuses_a_device_with_links(plan: Plan) -> None:
    before = text_of(plan)
    with pytest.raises(StillReferencedError):
        plan.remove_device("ata")
    assert text_of(plan) == before


def test_remove_missing_device(plan: Plan) -> None:
    assert_refused(plan, lambda: RemoveDevice("nope"), MissingReferenceError)


@pytest.mark.parametrize(
    ("devices", "notes", "title"),
    [
        ({"ata": (1.0, 2.0), "desk": (3, 4), "wall": (-5.5, 1e6)}, {}, "Move 3 devices"),
        ({"ata": (1.0, 2.0)}, {}, "Move 1 device"),
        ({}, {"n1": (7.0, 8.0)}, "Move 1 note"),
        ({"ata": (0, 0), "desk": (1, 1)}, {"n1": (7.0, 8.0)}, "Move 3 items"),
    ],
)
def test_move_items(
    devices: dict[str, tuple[float, float]], notes: dict[str, tuple[float, float]], title: str
) -> None:
    plan = fresh_example("home-office.fxplan")
    edit = MoveItems(devices=devices, notes=notes)
    assert edit.title == title

    def check(p: Plan) -> None:
        for device_id, (x, y) in devices.items():
            assert (p.device(device_id).x, p.device(device_id).y) == (x, y)
        for note_id, (x, y) in notes.items():
            assert (p.note(note_id).x, p.note(note_id).y) == (x, y)

    run_edit(plan, edit, check)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", None, True])
def test_move_items_refuses_bad_coordinates(bad: object) -> None:
    with pytest.raises(InvalidValueError):
        MoveItems(devices={"ks": (0.0, bad)})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError):
        MoveItems(notes={"n1": (bad, 0.0)})  # type: ignore[dict-item]


def test_move_items_with_a_missing_item_changes_nothing(plan: Plan) -> None:
    assert_refused(
        plan, lambda: MoveItems(devices={"ks": (1.0, 1.0), "nope": (2.0, 2.0)}), MissingReferenceError
    )
    assert_refused(
        plan, lambda: MoveItems(devices={"ks": (1.0, 1.0)}, notes={"nope": (0, 0)}), MissingReferenceError
    )


@pytest.mark.parametrize(
    ("name", "value", "title", "expected"),
    [
        ("label", "Reception desk ☎", "Rename device", "Reception desk ☎"),
        ("label", DELETE, "Rename device", None),
        ("label", None, "Rename device", None),
        ("label", "x" * 200, "Rename device", "x" * 200),
        ("model", "Panasonic KX-TES824", "Set model", "Panasonic KX-TES824"),
    ],
)
def test_set_device_field(plan: Plan, name: str, value: object, title: str, expected: object) -> None:
    edit = SetDeviceField("ks", name, value)
    assert edit.title == title
    run_edit(plan, edit, lambda p: getattr(p.device("ks"), name) == expected or pytest.fail("not set"))


def test_set_device_field_refuses_bad_values(plan: Plan) -> None:
    with pytest.raises(InvalidValueError):
        SetDeviceField("ks", "label", "x" * 201)
    with pytest.raises(InvalidValueError):
        SetDeviceField("ks", "label", 5)
    with pytest.raises(InvalidValueError):
        SetDeviceField("ks", "id", "other")
    with pytest.raises(InvalidValueError):
        SetDeviceField("ks", "type", "ata")
    assert_refused(plan, lambda: SetDeviceField("nope", "label", "x"), MissingReferenceError)


@pytest.mark.parametrize(
    ("device", "key", "value", "expected"),
    [
        ("ks", "direct_911", False, {"direct_911": False}),
        ("ks", "direct_911", DELETE, {}),
        ("ks", "power", "mains", {"direct_911": True, "power": "mains"}),
        ("ata", "t38", True, {"t38": True}),
        ("ata", "t38", None, {"t38": None}),
        ("rec", "ren", 0.5, {"ren": 0.5}),
        ("rec", "future_colour", {"r": 1}, {"future_colour": {"r": 1}}),
        ("rec", "ren", DELETE, {}),
    ],
)
def test_set_device_property(
    plan: Plan, device: str, key: str, value: object, expected: dict[str, object]
) -> None:
    edit = SetDeviceProperty(device, key, value)
    assert edit.title == f"Set {key.replace('_', ' ')}"

    def check(p: Plan) -> None:
        assert p.device(device).properties == expected

    if key == "ren" and value is DELETE:  # deleting an absent key changes nothing: still reversible
        edit.apply(plan)
        check(plan)
        edit.revert(plan)
        assert "ren" not in plan.device(device).properties
        return
    run_edit(plan, edit, check)


def test_set_device_property_copies_the_value(plan: Plan) -> None:
    value = {"r": 1}
    SetDeviceProperty("rec", "future_colour", value).apply(plan)
    value["r"] = 2
    assert plan.device("rec").properties["future_colour"] == {"r": 1}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("power", "battery"),
        ("ups", "yes"),
        ("ren", -1),
        ("ren", "1"),
        ("t38", "true"),
        ("copper", None),
        ("ren", math.nan),
    ],
)
def test_set_device_property_refuses_bad_values(key: str, value: object) -> None:
    with pytest.raises(InvalidValueError):
        SetDeviceProperty("ks", key, value)


# --- ports -------------------------------------------------------------------------------------


def test_set_port_label(plan: Plan) -> None:
    ref = PortRef("ks", "ext1")
    run_edit(
        plan, SetPortLabel(ref, "Reception"), lambda p: p.port(ref).label == "Reception" or pytest.fail()
    )
    run_edit(plan, SetPortLabel(ref, None), lambda p: p.port(ref).label is None or pytest.fail())
    assert SetPortLabel(ref, "x").title == "Rename jack"
    with pytest.raises(InvalidValueError):
        SetPortLabel(ref, "x" * 201)
    assert_refused(plan, lambda: SetPortLabel(PortRef("ks", "nope"), "x"), MissingReferenceError)


@pytest.mark.parametrize(
    ("ref", "key", "value", "expected"),
    [
        (("ks", "ext2"), "ren_budget", 3, {"ren_budget": 3}),
        (("ks", "ext2"), "max_loop_m", None, {"max_loop_m": None}),
        (("ks", "ext2"), "power_fail_to", "co2", {"power_fail_to": "co2"}),
        (("ks", "ext1"), "power_fail_to", DELETE, {}),
        (("ks", "ext1"), "power_fail_to", None, {"power_fail_to": None}),
        (("ata", "wan"), "poe", True, {"role": "wan", "poe": True}),
        (("ata", "wan"), "role", "lan", {"role": "lan"}),
        (("line1", "jack"), "ren_budget", 4, {"ren_budget": 4}),
        (("ks", "co1"), "role", "dmz", {"role": "dmz"}),  # not a property of fxo ports: unknown, kept
    ],
)
def test_set_port_property(
    plan: Plan, ref: tuple[str, str], key: str, value: object, expected: dict[str, object]
) -> None:
    port_ref = PortRef(*ref)
    edit = SetPortProperty(port_ref, key, value)
    assert edit.title == f"Set {key.replace('_', ' ')}"
    run_edit(
        plan, edit, lambda p: p.port(port_ref).properties == expected or pytest.fail(str(p.port(port_ref)))
    )


@pytest.mark.parametrize(
    ("ref", "key", "value"),
    [
        (("ks", "ext2"), "ren_budget", -1),
        (("ks", "ext2"), "ren_budget", "3"),
        (("ks", "ext2"), "power_fail_to", "ext3"),  # fxs, not fxo
        (("ks", "ext2"), "power_fail_to", "nope"),
        (("ks", "ext2"), "power_fail_to", 1),
        (("ata", "wan"), "poe", "yes"),
        (("ata", "wan"), "role", "dmz"),
    ],
)
def test_set_port_property_refuses_bad_values(
    plan: Plan, ref: tuple[str, str], key: str, value: object
) -> None:
    assert_refused(plan, lambda: SetPortProperty(PortRef(*ref), key, value), InvalidValueError)


def test_set_port_property_on_a_missing_port(plan: Plan) -> None:
    assert_refused(
        plan, lambda: SetPortProperty(PortRef("ks", "ext9"), "ren_budget", 1), MissingReferenceError
    )


# --- links ---------------------------------------------------------------------------------------


def test_connect(plan: Plan) -> None:
    link = Link("c7", PortRef("back", "line"), PortRef("ks", "ext3"), properties={"length_m": 20})
    edit = Connect(link)

    def check(p: Plan) -> None:
        assert link_ids(p)[-1] == "c7"
        assert p.links_at(PortRef("ks", "ext3")) == ["c7"]
        assert edit.title == "Connect Back office to Key system"

    run_edit(plan, edit, check)
    ends = frozenset({"back", "ks"})
    assert edit.effect() == Effect(devices=ends, links=frozenset({"c7"}), recheck=ends)


def test_connect_at_an_index_keeps_links_at_in_plan_order(plan: Plan) -> None:
    link = Link("c0", PortRef("ks", "co1"), PortRef("line2", "jack"))
    edit = Connect(link, index=0)

    def check(p: Plan) -> None:
        assert link_ids(p)[:2] == ["c0", "c1"]
        assert p.links_at(PortRef("ks", "co1")) == ["c0", "c1"]
        assert p.links_at(PortRef("line2", "jack")) == ["c0", "c2"]

    run_edit(plan, edit, check)


def test_connect_two_jacks_of_one_device(plan: Plan) -> None:
    edit = Connect(Link("loop", PortRef("ks", "ext2"), PortRef("ks", "ext3")))
    run_edit(plan, edit, lambda p: p.links_of_device("ks").count("loop") == 1 or pytest.fail())
    assert edit.title == "Connect Key system"


def test_wiring_mistakes_are_accepted(plan: Plan) -> None:
    fxs_to_fxs = Link("bad1", PortRef("ks", "ext3"), PortRef("ata", "phone2"))
    second_cable = Link("bad2", PortRef("ks", "ext3"), PortRef("back", "line"))
    edit = CompoundEdit("Wire badly", [Connect(fxs_to_fxs), Connect(second_cable)])
    run_edit(plan, edit, lambda p: p.links_at(PortRef("ks", "ext3")) == ["bad1", "bad2"] or pytest.fail())


def test_connect_refuses_broken_structure(plan: Plan) -> None:
    assert_refused(
        plan, lambda: Connect(Link("x", PortRef("ks", "ext3"), PortRef("ks", "ext3"))), SamePortLinkError
    )
    assert_refused(
        plan, lambda: Connect(Link("x", PortRef("ks", "ext9"), PortRef("rec", "line"))), MissingReferenceError
    )
    assert_refused(
        plan, lambda: Connect(Link("x", PortRef("nope", "a"), PortRef("rec", "line"))), MissingReferenceError
    )
    assert_refused(
        plan, lambda: Connect(Link("c1", PortRef("ks", "ext3"), PortRef("rec", "line"))), DuplicateIdError
    )
    assert_refused(
        plan, lambda: Connect(Link("", PortRef("ks", "ext3"), PortRef("rec", "line"))), InvalidIdError
    )


def test_disconnect_restores_the_link_in_place(plan: Plan) -> None:
    plan.add_link(Link("c7", PortRef("ks", "co1"), PortRef("line2", "jack")))
    edit = Disconnect("c1")

    def check(p: Plan) -> None:
        assert link_ids(p) == ["c2", "c3", "c4", "c5", "c6", "c7"]
        assert p.links_at(PortRef("ks", "co1")) == ["c7"]

    run_edit(plan, edit, check)
    assert link_ids(plan)[0] == "c1"
    assert plan.links_at(PortRef("ks", "co1")) == ["c1", "c7"]
    assert edit.title == "Delete cable"
    assert edit.effect().recheck == {"line1", "ks"}
    assert_refused(plan, lambda: Disconnect("nope"), MissingReferenceError)


def test_reconnect(plan: Plan) -> None:
    edit = Reconnect("c2", PortRef("line2", "jack"), PortRef("ks", "co2"))

    def check(p: Plan) -> None:
        assert p.link("c2").b == ("ks", "co2")
        assert p.links_at(PortRef("ks", "co2")) == ["c2", "c4"]
        assert p.links_at(PortRef("ks", "ext2")) == []

    run_edit(plan, edit, check)
    assert plan.links_at(PortRef("ks", "ext2")) == ["c2"]
    assert edit.effect().recheck == {"line2", "ks"}
    assert_refused(
        plan, lambda: Reconnect("c2", PortRef("ks", "co2"), PortRef("ks", "co2")), SamePortLinkError
    )
    assert_refused(
        plan, lambda: Reconnect("c2", PortRef("ks", "co9"), PortRef("ks", "co2")), MissingReferenceError
    )
    assert_refused(
        plan, lambda: Reconnect("c9", PortRef("ks", "co1"), PortRef("ks", "co2")), MissingReferenceError
    )


@pytest.mark.parametrize(
    ("key", "value", "title"),
    [
        ("length_m", 12.5, "Set length m"),
        ("leaves_building", True, "Set leaves building"),
        ("label", "tag ☎", "Set cable tag"),
    ],
)
def test_set_link_property(plan: Plan, key: str, value: object, title: str) -> None:
    edit = SetLinkProperty("c3", key, value)
    assert edit.title == title
    run_edit(plan, edit, lambda p: p.link("c3").properties == {key: value} or pytest.fail())


@pytest.mark.parametrize(
    ("key", "value"), [("length_m", -3), ("leaves_building", "no"), ("label", 3), ("length_m", math.inf)]
)
def test_set_link_property_refuses_bad_values(key: str, value: object) -> None:
    with pytest.raises(InvalidValueError):
        SetLinkProperty("c3", key, value)


# --- plan, notes, waivers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"), [("title", "New title"), ("title", None), ("region", "GB"), ("region", None)]
)
def test_set_plan_field(plan: Plan, name: str, value: str | None) -> None:
    edit = SetPlanField(name, value)
    assert edit.title == f"Set plan {name}"
    assert edit.effect().plan_wide == (name == "region")
    run_edit(plan, edit, lambda p: getattr(p, name) == value or pytest.fail())


@pytest.mark.parametrize(
    ("name", "value"), [("region", "usa"), ("region", "us"), ("title", 3), ("generator", "x")]
)
def test_set_plan_field_refuses_bad_values(name: str, value: object) -> None:
    with pytest.raises(InvalidValueError):
        SetPlanField(name, value)  # type: ignore[arg-type]


def test_notes() -> None:
    plan = fresh_example("home-office.fxplan")
    run_edit(
        plan,
        AddNote(Note("n2", "Second ☎", 1.0, 2.0)),
        lambda p: [n.id for n in p.notes] == ["n1", "n2"] or pytest.fail(),
    )
    run_edit(
        plan, AddNote(Note("n0", "First", 0, 0), index=0), lambda p: p.notes[0].id == "n0" or pytest.fail()
    )
    plan.add_note(Note("n2", "Second", 0, 0))
    remove = RemoveNote("n1")
    assert remove.title == "Delete note"
    run_edit(plan, remove, lambda p: [n.id for n in p.notes] == ["n2"] or pytest.fail())
    assert [n.id for n in plan.notes] == ["n1", "n2"]
    run_edit(
        plan,
        SetNoteText("n1", "changed\nsecond line"),
        lambda p: p.note("n1").text == "changed\nsecond line" or pytest.fail(),
    )
    with pytest.raises(InvalidValueError):
        SetNoteText("n1", 5)  # type: ignore[arg-type]
    assert_refused(plan, lambda: AddNote(Note("n1", "dup", 0, 0)), DuplicateIdError)
    assert_refused(plan, lambda: RemoveNote("n9"), MissingReferenceError)
    assert_refused(plan, lambda: SetNoteText("n9", "x"), MissingReferenceError)


def test_waivers(plan: Plan) -> None:
    waiver = Waiver("w1", "FX203", "line2", reason="ordered, not yet live", by="J. Ortiz", date="2026-11-20")
    add = AddWaiver(waiver)
    assert add.title == "Waive FX203"
    assert add.effect() == Effect(plan=True, waivers=True)
    run_edit(plan, add, lambda p: p.waivers == [waiver] or pytest.fail())
    plan.add_waiver(waiver)
    plan.add_waiver(Waiver("w2", "FX401", "fax"))
    remove = RemoveWaiver("w1")
    run_edit(plan, remove, lambda p: [w.id for w in p.waivers] == ["w2"] or pytest.fail())
    assert remove.title == "Un-waive FX203"
    assert [w.id for w in plan.waivers] == ["w1", "w2"]
    run_edit(
        plan,
        SetWaiverField("w2", "reason", "accepted"),
        lambda p: p.waiver("w2").reason == "accepted" or pytest.fail(),
    )
    run_edit(plan, SetWaiverField("w1", "by", None), lambda p: p.waiver("w1").by is None or pytest.fail())
    with pytest.raises(InvalidValueError):
        SetWaiverField("w1", "code", "FX101")
    with pytest.raises(InvalidValueError):
        SetWaiverField("w1", "date", 20261120)  # type: ignore[arg-type]
    assert_refused(plan, lambda: AddWaiver(Waiver("w1", "FX101", "ks")), DuplicateIdError)
    assert_refused(plan, lambda: AddWaiver(Waiver("w 1", "FX101", "ks")), InvalidIdError)
    assert_refused(plan, lambda: RemoveWaiver("w9"), MissingReferenceError)


# --- compound edits and selections ----------------------------------------------------------------------


def test_compound_edit_applies_in_order_and_reverts_in_reverse(plan: Plan) -> None:
    device = default_catalogue().entry("analog-phone").make_device("phone9", 0, 0)
    edit = CompoundEdit(
        "Add a phone on EXT 3",
        [
            AddDevice(device),
            Connect(Link("c9", PortRef("phone9", "line"), PortRef("ks", "ext3"))),
            SetLinkProperty("c9", "length_m", 4),
            MoveItems(devices={"phone9": (10.0, 10.0)}),
        ],
    )
    assert edit.title == "Add a phone on EXT 3"
    assert edit.effect().recheck == {"phone9", "ks"}

    def check(p: Plan) -> None:
        assert p.link("c9").properties == {"length_m": 4}
        assert (p.device("phone9").x, p.device("phone9").y) == (10.0, 10.0)

    run_edit(plan, edit, check)


def test_a_failing_compound_edit_rolls_back_what_it_did(plan: Plan) -> None:
    edit = CompoundEdit(
        "Broken",
        [
            MoveItems(devices={"ks": (1.0, 1.0)}),
            Disconnect("c1"),
            Connect(Link("c2", PortRef("ks", "ext3"), PortRef("rec", "line"))),  # duplicate id
        ],
    )
    assert_refused(plan, lambda: edit, DuplicateIdError)


def test_delete_selection_of_one_device(plan: Plan) -> None:
    edit = delete_selection(plan, device_ids=["ks"], link_ids=["c1"])
    assert edit.title == "Delete Key system"
    run_edit(plan, edit, lambda p: (not p.has_device("ks") and link_ids(p) == ["c5", "c6"]) or pytest.fail())


def test_delete_selection_of_devices_cables_and_notes() -> None:
    plan = fresh_example("home-office.fxplan")
    edit = delete_selection(plan, device_ids=["desk", "wall"], link_ids=["c1", "c4", "c1"], note_ids=["n1"])
    assert edit.title == "Delete 2 devices and 1 cable and 1 note"

    def check(p: Plan) -> None:
        assert device_ids(p) == ["isp", "rtr", "ata"]
        assert link_ids(p) == ["c2"]
        assert p.notes == []

    run_edit(plan, edit, check)
    assert [n.id for n in plan.notes] == ["n1"]


@pytest.mark.parametrize(
    ("devices", "links", "notes", "title"),
    [
        ([], ["c1"], [], "Delete 1 cable"),
        ([], ["c1", "c2"], [], "Delete 2 cables"),
        ([], [], ["n1"], "Delete 1 note"),
        (["isp", "rtr"], [], [], "Delete 2 devices"),
        (["desk"], ["c4"], [], "Delete Desk phone"),
        ([], [], [], "Delete"),
    ],
)
def test_delete_selection_titles(devices: list[str], links: list[str], notes: list[str], title: str) -> None:
    plan = fresh_example("home-office.fxplan")
    assert delete_selection(plan, devices, links, notes).title == title


def test_model_errors_are_value_errors() -> None:
    for error in (
        DuplicateIdError,
        InvalidIdError,
        InvalidValueError,
        MissingReferenceError,
        SamePortLinkError,
        StillReferencedError,
    ):
        assert issubclass(error, PlanInvariantError)
        assert issubclass(error, ValueError)


# --- the plan's own invariants ------------------------------------------------------------------------------


def test_plan_invariants_raise_typed_errors(plan: Plan) -> None:
    before = text_of(plan)
    with pytest.raises(DuplicateIdError):
        plan.add_device(Device("ks", "generic", 0, 0))
    with pytest.raises(InvalidIdError):
        plan.add_device(Device("x" * 65, "generic", 0, 0))
    with pytest.raises(DuplicateIdError):
        Device("twins", "generic", 0, 0, ports=[Port("a", "fxs"), Port("a", "fxo")])
    with pytest.raises(MissingReferenceError):
        plan.add_link(Link("x", PortRef("ks", "nope"), PortRef("rec", "line")))
    with pytest.raises(MissingReferenceError):
        plan.add_link(Link("x", PortRef("gone", "line"), PortRef("rec", "line")))
    with pytest.raises(SamePortLinkError):
        plan.add_link(Link("x", PortRef("rec", "line"), PortRef("rec", "line")))
    with pytest.raises(DuplicateIdError):
        plan.add_link(Link("c3", PortRef("ks", "ext3"), PortRef("back", "line")))
    with pytest.raises(InvalidIdError):
        plan.add_link(Link("c 9", PortRef("ks", "ext3"), PortRef("back", "line")))
    with pytest.raises(StillReferencedError):
        plan.remove_device("ks")
    with pytest.raises(MissingReferenceError):
        plan.remove_link("c9")
    with pytest.raises(MissingReferenceError):
        plan.device("nope")
    with pytest.raises(MissingReferenceError):
        plan.port(PortRef("ks", "nope"))
    with pytest.raises(SamePortLinkError):
        plan.set_link_ends("c1", PortRef("ks", "co1"), PortRef("ks", "co1"))
    assert text_of(plan) == before
    assert_port_index_consistent(plan)


def test_placing_a_catalogue_entry_twice_numbers_its_label_and_id(plan: Plan) -> None:
    first = place_device(plan, "grandstream-ht813", 10, 20)
    first.apply(plan)
    second = place_device(plan, "grandstream-ht813", 30, 40)
    second.apply(plan)
    entry = default_catalogue().entry("grandstream-ht813")
    assert first.device.label == entry.label and second.device.label == f"{entry.label} 2"
    assert first.device.id != second.device.id and (second.device.x, second.device.y) == (30, 40)
    assert first.device.id.startswith("ht813")
