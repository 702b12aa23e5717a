"""Defaults from plan-format.md, the ordered table behind the plan, ids and port lookups."""

from __future__ import annotations

import pytest
from helpers import SPEC_DEVICE_TYPES, SPEC_PORT_KINDS, assert_port_index_consistent, fresh_example

from fxdesigner.model import kinds
from fxdesigner.model.edits import Disconnect, RemoveDevice
from fxdesigner.model.errors import InvalidIdError
from fxdesigner.model.kinds import (
    DEVICE_TYPES,
    PORT_KINDS,
    device_copper,
    device_power,
    device_ren,
    device_ups,
    port_ren_budget,
)
from fxdesigner.model.plan import Device, Link, Note, Plan, Port, PortRef, Waiver
from fxdesigner.model.table import OrderedTable
from fxdesigner.model.values import check_id

#: docs/plan-format.md "Device properties": each type's default power ("line" for the
#: line-powered types, "poe" for ip-phone, "mains" for the rest), whether it is on a
#: UPS (only alarm-panel by default), and its ren (1.0 for the analog stations, else
#: unknown). An unknown type gets the "rest" defaults.
DEFAULTS = [
    ("pstn-line", "line", False, None),
    ("analog-phone", "line", False, 1.0),
    ("cordless-phone", "mains", False, 1.0),
    ("fax", "mains", False, 1.0),
    ("modem", "mains", False, 1.0),
    ("alarm-panel", "mains", True, 1.0),
    ("elevator-phone", "line", False, 1.0),
    ("digital-phone", "line", False, None),
    ("ata", "mains", False, None),
    ("gateway", "mains", False, None),
    ("analog-pbx", "mains", False, None),
    ("ip-pbx", "mains", False, None),
    ("ip-phone", "poe", False, None),
    ("router", "mains", False, None),
    ("switch", "mains", False, None),
    ("internet", "line", False, None),
    ("dsl-modem", "mains", False, None),
    ("splitter", "line", False, None),
    ("dsl-filter", "line", False, None),
    ("generic", "mains", False, None),
    ("teleporter", "mains", False, None),
]


def test_the_vocabulary_matches_the_spec() -> None:
    assert DEVICE_TYPES == SPEC_DEVICE_TYPES
    assert PORT_KINDS == SPEC_PORT_KINDS


def test_the_defaults_table_covers_every_device_type() -> None:
    assert [row[0] for row in DEFAULTS] == [*SPEC_DEVICE_TYPES, "teleporter"]


@pytest.mark.parametrize(("device_type", "power", "ups", "ren"), DEFAULTS)
def test_default_power(device_type: str, power: str, ups: bool, ren: float | None) -> None:
    assert device_power(device_type, {}) == power
    assert device_power(device_type, {"power": "mains"}) == "mains"
    assert device_power(device_type, {"power": "poe"}) == "poe"


@pytest.mark.parametrize(("device_type", "power", "ups", "ren"), DEFAULTS)
def test_default_ups_and_ren(device_type: str, power: str, ups: bool, ren: float | None) -> None:
    assert device_ups(device_type, {}) is ups
    assert device_ups(device_type, {"ups": True}) is True
    assert device_ups(device_type, {"ups": False}) is False
    assert device_ren(device_type, {}) == ren
    assert device_ren(device_type, {"ren": 0.3}) == 0.3
    assert device_ren(device_type, {"ren": 2}) == 2.0
    assert device_ren(device_type, {"ren": None}) is None  # explicitly unknown beats the default


def test_copper_defaults_to_true() -> None:
    assert device_copper({}) is True
    assert device_copper({"copper": False}) is False


@pytest.mark.parametrize(
    ("region", "limit"), [("US", 5.0), ("CA", 5.0), ("GB", 4.0), ("AU", 3.0), ("DE", 5.0), ("FR", 5.0)]
)
def test_pstn_ren_budget_defaults_to_the_region_limit(region: str, limit: float) -> None:
    assert port_ren_budget("pstn", {}, region) == limit
    assert port_ren_budget("pstn", {"ren_budget": 2}, region) == 2.0
    assert port_ren_budget("pstn", {"ren_budget": None}, region) is None


def test_fxs_ren_budget_defaults_to_unknown() -> None:
    assert port_ren_budget("fxs", {}, "US") is None
    assert port_ren_budget("fxs", {"ren_budget": 3}, "GB") == 3.0
    for kind in ("fxo", "ethernet", "passive", "digital"):
        assert port_ren_budget(kind, {"ren_budget": 3}, "US") is None


def test_booleans_are_not_numbers() -> None:
    assert kinds.is_number(1) and kinds.is_number(1.5)
    assert not kinds.is_number(True)
    assert device_ren("fax", {"ren": True}) is None


def test_effective_region_defaults_to_us() -> None:
    assert Plan().effective_region == "US"
    assert Plan(region="GB").effective_region == "GB"


# --- ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["a", "A-z_0.9", "x" * 64, "..", "-"])
def test_good_ids(good: str) -> None:
    assert check_id(good) is None


@pytest.mark.parametrize("bad", ["", "x" * 65, "a b", "a/b", "é", "a\n", "☎", "a:b"])
def test_bad_ids(bad: str) -> None:
    assert check_id(bad) is not None
    with pytest.raises(InvalidIdError):
        Plan().add_device(Device(bad, "generic", 0, 0))


def test_fresh_id_skips_used_ids_per_kind() -> None:
    plan = Plan()
    assert plan.fresh_id("device", "ata") == "ata1"
    plan.add_device(Device("ata1", "ata", 0, 0))
    plan.add_device(Device("ata2", "ata", 0, 0))
    assert plan.fresh_id("device", "ata") == "ata3"
    assert plan.fresh_id("link", "ata") == "ata1"  # links have their own ids
    plan.add_note(Note("n1", "x", 0, 0))
    assert plan.fresh_id("note", "n") == "n2"
    plan.add_waiver(Waiver("w1", "FX101", "x"))
    assert plan.fresh_id("waiver", "w") == "w2"


@pytest.mark.parametrize(
    "stem", ["Front desk", "a/b:c", "Café", "٣²", "", "☎" * 80, "x" * 100, "grandstream-ht813"]
)
def test_fresh_ids_are_always_valid(stem: str) -> None:
    plan = Plan()
    for _ in range(3):
        new = plan.fresh_id("device", stem)
        assert check_id(new) is None, new
        plan.add_device(Device(new, "generic", 0, 0))
    assert plan.device_count() == 3


# --- OrderedTable ------------------------------------------------------------------------------


def test_table_append_insert_remove() -> None:
    table: OrderedTable[str] = OrderedTable()
    for key in "abc":
        table.add(key, key.upper())
    table.add("x", "X", 1)
    table.add("y", "Y", 0)
    table.add("z", "Z", 99)
    assert table.keys() == ["y", "a", "x", "b", "c", "z"]
    assert table.values() == ["Y", "A", "X", "B", "C", "Z"]
    assert [table.index_of(k) for k in table] == list(range(6))
    assert table.remove("x") == ("X", 2)
    assert table.remove("z") == ("Z", 4)  # the newest one
    assert table.keys() == ["y", "a", "b", "c"]
    assert len(table) == 4 and "a" in table and "x" not in table
    assert table.get("x") is None and table["a"] == "A"
    with pytest.raises(KeyError):
        table.index_of("x")


def test_table_order_keys_sort_like_the_table() -> None:
    table: OrderedTable[int] = OrderedTable()
    for i in range(5):
        table.add(f"k{i}", i)
    table.add("mid", 99, 2)
    keys = table.keys()
    assert sorted(keys, key=table.order_key) == keys


def test_table_restore_in_place_after_remove() -> None:
    table: OrderedTable[int] = OrderedTable()
    for i in range(6):
        table.add(f"k{i}", i)
    value, index = table.remove("k3")
    table.add("k3", value, index)
    assert table.keys() == [f"k{i}" for i in range(6)]
    value, index = table.remove("k5")  # the newest: fast path
    assert index == 5
    table.add("k5", value, index)
    assert table.keys() == [f"k{i}" for i in range(6)]


@pytest.mark.parametrize("spot", [0, 1, 3])
def test_many_nested_restores_at_one_spot_renumber(spot: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each insert halves the gap between two neighbours; after ~20 the table must renumber."""
    renumbered: list[int] = []
    real_renumber = OrderedTable._renumber

    def counting(self: OrderedTable[int]) -> None:
        renumbered.append(len(self))
        real_renumber(self)

    monkeypatch.setattr(OrderedTable, "_renumber", counting)
    table: OrderedTable[int] = OrderedTable()
    for i in range(4):
        table.add(f"k{i}", i)
    for n in range(200):
        table.add(f"n{n}", n, spot)
    assert bool(renumbered) == (spot > 0)  # inserting at the front never runs out of room
    keys = table.keys()
    assert keys[spot : spot + 200] == [f"n{n}" for n in reversed(range(200))]
    assert sorted(keys, key=table.order_key) == keys
    orders = [table.order_key(k) for k in keys]
    assert len(set(orders)) == len(orders)
    assert [table.index_of(k) for k in keys] == list(range(len(keys)))
    # And undo all of them, newest first, then redo them at their recorded indices.
    removed = [(f"n{n}", table.remove(f"n{n}")) for n in reversed(range(200))]
    assert table.keys() == [f"k{i}" for i in range(4)]
    for key, (value, index) in reversed(removed):
        table.add(key, value, index)
    assert table.keys() == keys
    assert sorted(keys, key=table.order_key) == keys


# --- links_at ------------------------------------------------------------------------------------


def test_links_at_is_in_plan_order_after_undo() -> None:
    plan = fresh_example("miswired-office.fxplan")
    jack = PortRef("ks", "ext3")
    for link_id, other in (("x1", ("rec", "line")), ("x2", ("back", "line")), ("x3", ("fax", "line"))):
        plan.add_link(Link(link_id, jack, PortRef(*other)))
    assert plan.links_at(jack) == ["x1", "x2", "x3"]
    edit = Disconnect("x1")
    edit.apply(plan)
    assert plan.links_at(jack) == ["x2", "x3"]
    edit.revert(plan)
    assert plan.links_at(jack) == ["x1", "x2", "x3"]
    remove = RemoveDevice("back")
    remove.apply(plan)
    assert plan.links_at(jack) == ["x1", "x3"]
    remove.revert(plan)
    assert plan.links_at(jack) == ["x1", "x2", "x3"]
    assert plan.links_at(PortRef("back", "line")) == ["c4", "x2"]
    assert_port_index_consistent(plan)


def test_links_at_after_reconnect_is_in_plan_order() -> None:
    plan = fresh_example("miswired-office.fxplan")
    plan.set_link_ends("c1", PortRef("line1", "jack"), PortRef("ks", "co2"))
    assert plan.links_at(PortRef("ks", "co2")) == ["c1", "c4"]
    assert plan.links_at(PortRef("ks", "co1")) == []
    assert_port_index_consistent(plan)


def test_links_of_device_and_neighbours() -> None:
    plan = fresh_example("miswired-office.fxplan")
    assert plan.links_of_device("ks") == ["c1", "c4", "c3", "c2"]  # by port order: co1, co2, ext1, ext2
    assert plan.neighbours("ks") == {"line1", "line2", "rec", "back"}
    assert plan.links_of_device("isp") == ["c5"]


def test_a_link_between_two_ports_of_one_device_is_listed_once() -> None:
    plan = Plan()
    plan.add_device(Device("s", "splitter", 0, 0, ports=[Port("a", "passive"), Port("b", "passive")]))
    plan.add_link(Link("l", PortRef("s", "a"), PortRef("s", "b")))
    assert plan.links_of_device("s") == ["l"]
    assert plan.neighbours("s") == set()


def test_device_lookups() -> None:
    device = Device("d", "ata", 1, 2, ports=[Port("p1", "fxs", label="PHONE"), Port("l", "fxo")])
    assert device.port("p1").name == "PHONE"
    assert device.port("l").name == "l"
    assert device.refs == [PortRef("d", "p1"), PortRef("d", "l")]
    assert str(device.refs[0]) == "d:p1"
    assert device.port_kinds() == {"p1": "fxs", "l": "fxo"}
    assert device.name == "d"


def test_plan_equality_ignores_generator_but_not_content() -> None:
    a = fresh_example("home-office.fxplan")
    b = fresh_example("home-office.fxplan")
    b.generator = "something else"
    assert a == b
    b.device("ata").x += 1
    assert a != b
    c = fresh_example("home-office.fxplan")
    c.device("ata").properties["t38"] = False
    assert a != c


def test_a_port_ref_is_parsed_from_its_text() -> None:
    ref = PortRef("ata-1", "fxs.2")
    assert PortRef.parse(str(ref)) == ref
    for text in ("ata", "a:b:c", ""):
        with pytest.raises(ValueError):
            PortRef.parse(text)
