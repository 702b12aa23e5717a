"""Cable schedule: one row per cable, in plan order, with kind, length and tag."""

from __future__ import annotations

import csv
import io

from fxdesigner.export_data.cables import SCHEDULE_COLUMNS, cable_schedule, schedule_csv, schedule_markdown
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef
from tests.helpers import EXAMPLES


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_home_office_schedule() -> None:
    plan = load_plan(EXAMPLES / "home-office.fxplan")
    text = schedule_csv(cable_schedule(plan))
    assert text.split("\r\n")[0] == ",".join(SCHEDULE_COLUMNS)
    got = [
        (
            r["cable_id"],
            r["tag"],
            r["from_device"],
            r["from_jack"],
            r["to_device"],
            r["to_jack"],
            r["cable_kind"],
            r["length_m"],
            r["leaves_building"],
        )
        for r in parse(text)
    ]
    assert got == [
        ("c1", "", "isp", "eth", "rtr", "wan", "RJ45", "", "no"),
        ("c2", "", "rtr", "lan1", "ata", "wan", "RJ45", "2", "no"),
        ("c3", "", "ata", "line1", "wall", "jack", "RJ11", "3", "no"),
        ("c4", "study-1", "desk", "line", "ata", "phone1", "RJ11", "5", "no"),
    ]
    first = parse(text)[3]
    assert (first["from_device_label"], first["from_jack_label"], first["from_jack_kind"]) == (
        "Desk phone",
        "LINE",
        "fxo",
    )
    assert (first["to_device_label"], first["to_jack_label"], first["to_jack_kind"]) == (
        "Study ATA",
        "PHONE",
        "fxs",
    )


def test_every_cable_once_in_plan_order() -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    assert [r["cable_id"] for r in parse(schedule_csv(cable_schedule(plan)))] == [
        link.id for link in plan.links
    ]


def test_outside_cables_lengths_and_labels() -> None:
    plan = Plan(title="Out")
    plan.add_device(Device("wall", "pstn-line", 0, 0, label="=1+1", ports=[Port("jack", "pstn")]))
    plan.add_device(
        Device("shed", "analog-phone", 0, 0, label='Shed, "north"\nside', ports=[Port("line", "fxo")])
    )
    plan.add_link(
        Link(
            "out",
            PortRef("wall", "jack"),
            PortRef("shed", "line"),
            {"length_m": 42.25, "leaves_building": True, "label": "@tag"},
        )
    )
    row = parse(schedule_csv(cable_schedule(plan)))[0]
    assert row["leaves_building"] == "yes"
    assert row["length_m"] == "42.25"
    assert row["tag"] == "'@tag" and row["from_device_label"] == "'=1+1"
    assert row["to_device_label"] == 'Shed, "north" side'  # one line, quotes kept by the CSV quoting
    md = schedule_markdown(cable_schedule(plan), plan.title)
    assert "| out | \\@tag |" in md


def test_empty_schedule() -> None:
    assert schedule_csv(cable_schedule(Plan())) == ",".join(SCHEDULE_COLUMNS) + "\r\n"
    assert "No cables." in schedule_markdown([], None)
