"""Bill of materials: counts and totals checked against hand-counted example plans."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from hypothesis import given, settings

from fxdesigner.export_data.bom import BOM_COLUMNS, bill_of_materials, bom_csv, bom_markdown
from fxdesigner.export_data.cables import cable_length
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef
from tests.helpers import EXAMPLES, SHIPPED_PLANS, shipped_plan_ids
from tests.strategies import plans


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def section(text: str, name: str) -> list[dict[str, str]]:
    return [row for row in rows(text) if row["section"] == name]


def test_home_office_by_hand() -> None:
    bom = bill_of_materials(load_plan(EXAMPLES / "home-office.fxplan"))
    text = bom_csv(bom)
    assert text.splitlines()[0] == ",".join(BOM_COLUMNS)
    assert text.endswith("\r\n")
    devices = {(r["type"], r["model"]): int(r["quantity"]) for r in section(text, "devices")}
    assert devices == {
        ("internet", ""): 1,
        ("router", ""): 1,
        ("ata", "Grandstream HT813"): 1,
        ("pstn-line", ""): 1,
        ("analog-phone", ""): 1,
    }
    jacks = [(r["device"], r["kind"], r["quantity"], r["in_use"], r["spare"]) for r in section(text, "jacks")]
    assert jacks == [
        ("ata", "fxs", "1", "1", "0"),
        ("ata", "fxo", "1", "1", "0"),
        ("desk", "fxo", "1", "1", "0"),
    ]
    cables = {r["kind"]: (r["quantity"], r["length_m"], r["unknown_length"]) for r in section(text, "cables")}
    # c3 (3 m) and c4 (5 m) are phone cords; c1 (no length) and c2 (2 m) are Ethernet.
    assert cables == {"RJ11": ("2", "8", "0"), "RJ45": ("2", "2", "1")}
    assert bom.device_total == 5 and bom.cable_total == 4


def test_miswired_office_by_hand() -> None:
    text = bom_csv(bill_of_materials(load_plan(EXAMPLES / "miswired-office.fxplan")))
    devices = {r["type"]: int(r["quantity"]) for r in section(text, "devices")}
    assert devices == {"pstn-line": 2, "analog-phone": 2, "fax": 1, "ata": 1, "analog-pbx": 1, "internet": 1}
    # Device types come in the spec's order: the street line first.
    assert next(r["type"] for r in section(text, "devices")) == "pstn-line"
    jacks = {
        (r["device"], r["kind"]): (int(r["quantity"]), int(r["in_use"]), int(r["spare"]))
        for r in section(text, "jacks")
    }
    assert jacks[("ks", "fxs")] == (3, 2, 1)  # ext1 and ext2 are wired, ext3 is free
    assert jacks[("ks", "fxo")] == (2, 2, 0)
    assert jacks[("ata", "fxs")] == (2, 1, 1)
    assert ("isp", "fxs") not in jacks  # a device without FXS/FXO jacks gets no row
    cables = {r["kind"]: (r["quantity"], r["length_m"], r["unknown_length"]) for r in section(text, "cables")}
    assert cables == {"RJ11": ("5", "0", "5"), "RJ45": ("1", "0", "1")}


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=shipped_plan_ids(SHIPPED_PLANS))
def test_totals_match_every_shipped_plan(path: Path) -> None:
    plan = load_plan(path)
    check_totals(plan)


@settings(max_examples=25, deadline=None)
@given(plans(max_devices=6))
def test_totals_match_random_plans(plan: Plan) -> None:
    check_totals(plan)


def check_totals(plan: Plan) -> None:
    text = bom_csv(bill_of_materials(plan))
    assert sum(int(r["quantity"]) for r in section(text, "devices")) == plan.device_count()
    cables = section(text, "cables")
    assert sum(int(r["quantity"]) for r in cables) == plan.link_count()
    lengths = [cable_length(link) for link in plan.iter_links()]
    assert sum(int(r["unknown_length"]) for r in cables) == lengths.count(None)
    known = [x for x in lengths if x is not None]
    if math.isfinite(sum(known)):
        assert sum(float(r["length_m"]) for r in cables) == pytest.approx(sum(known), rel=1e-9, abs=0.01)
    else:  # lengths near the largest float add up to infinity: the total is left empty, not "inf"
        assert "" in [r["length_m"] for r in cables]
    for row in section(text, "jacks"):
        assert int(row["in_use"]) + int(row["spare"]) == int(row["quantity"])
        device = plan.device(row["device"])
        assert int(row["quantity"]) == sum(1 for p in device.ports if p.kind == row["kind"])


def tricky_plan() -> Plan:
    plan = Plan(title="=cmd|' /C calc'!A0", region="US")
    plan.add_device(
        Device(
            "ata",
            "ata",
            0,
            0,
            label="<b>Boss</b> | [x](http://evil)",
            model='=HYPERLINK("x")',
            ports=[Port("p1", "fxs"), Port("eth", "ethernet")],
        )
    )
    plan.add_device(Device("ph", "analog-phone", 0, 200, label="+SUM(A1)", ports=[Port("line", "fxo")]))
    plan.add_link(Link("c1", PortRef("ph", "line"), PortRef("ata", "p1"), {"length_m": 2.5}))
    plan.add_link(Link("c2", PortRef("ph", "line"), PortRef("ata", "eth"), {"length_m": 0.1}))
    return plan


def test_csv_cells_never_start_a_formula() -> None:
    text = bom_csv(bill_of_materials(tricky_plan()))
    for row in rows(text):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    models = {r["model"] for r in section(text, "jacks")}
    assert '\'=HYPERLINK("x")' in models


def test_ids_are_written_as_they_are() -> None:
    # Ids (A-Z a-z 0-9 _ . -) cannot form a harmful formula, and tools join on them.
    plan = Plan()
    plan.add_device(Device("-A1", "analog-phone", 0, 0, label="-A1", ports=[Port("line", "fxo")]))
    row = section(bom_csv(bill_of_materials(plan)), "jacks")[0]
    assert (row["device"], row["label"]) == ("-A1", "'-A1")


def test_lengths_are_summed_exactly_and_mixed_cables_are_phone_cords() -> None:
    text = bom_csv(bill_of_materials(tricky_plan()))
    cables = section(text, "cables")
    # An analog jack wired into an Ethernet jack is still a phone cord (RJ11 fits RJ45).
    assert [(r["kind"], r["quantity"], r["length_m"]) for r in cables] == [("RJ11", "2", "2.6")]


def test_markdown_escapes_labels() -> None:
    md = bom_markdown(bill_of_materials(tricky_plan()))
    assert "<b>" not in md and "\\<b\\>Boss\\</b\\> \\| \\[x\\](http\\:" in md
    for line in md.splitlines():
        if line.startswith("| ") and "Boss" in line:
            # The label's pipe is escaped, so the row keeps its six columns.
            assert line.replace("\\|", "").count("|") == 7
    assert md.startswith("# Bill of materials: ")


def test_empty_plan() -> None:
    bom = bill_of_materials(Plan(title="Empty"))
    assert rows(bom_csv(bom)) == []
    assert "No devices." in bom_markdown(bom)
