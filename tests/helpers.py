"""Helpers shared by the model and io tests (no Qt)."""

from __future__ import annotations

import copy
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from fxdesigner.io.plan_json import PlanLoadError, load_plan, load_plan_bytes, plan_to_document
from fxdesigner.model.plan import Plan

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
EXAMPLES = RESOURCES / "examples"
SCHEMA_PATH = RESOURCES / "schema" / "fxplan-1.schema.json"
#: Every plan the program ships (examples, rule examples, templates...).
#: docs/plan-format.md "Device types", in its order, written out by hand so that a
#: change to the code's vocabulary (fxdesigner.model.kinds) must be matched here.
SPEC_DEVICE_TYPES = (
    "pstn-line",
    "analog-phone",
    "cordless-phone",
    "fax",
    "modem",
    "alarm-panel",
    "elevator-phone",
    "digital-phone",
    "ata",
    "gateway",
    "analog-pbx",
    "ip-pbx",
    "ip-phone",
    "router",
    "switch",
    "internet",
    "dsl-modem",
    "splitter",
    "dsl-filter",
    "generic",
)
#: docs/plan-format.md "Port kinds", in its order.
SPEC_PORT_KINDS = ("fxs", "fxo", "pstn", "digital", "ethernet", "passive")

SHIPPED_PLANS = sorted(RESOURCES.rglob("*.fxplan"))
EXAMPLE_PLANS = [EXAMPLES / "home-office.fxplan", EXAMPLES / "miswired-office.fxplan"]


def shipped_plan_ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(RESOURCES)) for p in paths]


def base_document() -> dict[str, Any]:
    """A small valid plan touching every section, as a fresh dict each call."""
    return copy.deepcopy(_BASE)


_BASE: dict[str, Any] = {
    "format": "fxdesigner-plan",
    "schema_version": 1,
    "title": "Probe",
    "region": "US",
    "devices": [
        {
            "id": "ata1",
            "type": "ata",
            "label": "Front desk ATA",
            "x": 240.0,
            "y": 120.0,
            "properties": {"power": "mains", "ups": False, "t38": True},
            "ports": [
                {"id": "fxs1", "kind": "fxs", "label": "PHONE", "properties": {"ren_budget": 3}},
                {"id": "line1", "kind": "fxo", "label": "LINE"},
                {"id": "wan", "kind": "ethernet", "properties": {"role": "wan"}},
                {"id": "jack", "kind": "passive"},
            ],
        },
        {
            "id": "phone",
            "type": "analog-phone",
            "x": 10,
            "y": 20,
            "ports": [{"id": "line", "kind": "fxo"}],
        },
    ],
    "links": [
        {
            "id": "l1",
            "a": {"device": "phone", "port": "line"},
            "b": {"device": "ata1", "port": "fxs1"},
            "properties": {"length_m": 12, "leaves_building": False},
        }
    ],
    "notes": [{"id": "n1", "text": "Line 2 arrives in March", "x": 40, "y": 400}],
    "waivers": [{"id": "w1", "code": "FX204", "subject": "phone", "reason": "ordered"}],
}


def encode(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def load_error(data: bytes | dict[str, Any], name: str = "office.fxplan") -> PlanLoadError:
    """Load data expecting a PlanLoadError; check it is one line starting with the name."""
    raw = data if isinstance(data, bytes) else encode(data)
    with pytest.raises(PlanLoadError) as info:
        load_plan_bytes(raw, name)
    assert_one_line_error(info.value, name)
    return info.value


def file_load_error(path: Path, name: str | None = None) -> PlanLoadError:
    with pytest.raises(PlanLoadError) as info:
        load_plan(path)
    assert_one_line_error(info.value, name or str(path))
    return info.value


def assert_one_line_error(error: PlanLoadError, name: str) -> None:
    text = str(error)
    assert "\n" not in text and "\r" not in text, text
    assert text.startswith(f"{name}: "), text
    assert "Traceback" not in text
    assert text == f"{name}: {error.location}: {error.message}"


def document_of(plan: Plan) -> dict[str, Any]:
    """The plan as a document with a fixed generator, for exact comparisons."""
    return plan_to_document(plan, generator="test")


def text_of(plan: Plan) -> str:
    """Order-sensitive and type-sensitive (True != 1) rendering of the plan."""
    return json.dumps(document_of(plan), ensure_ascii=False, indent=1)


def fresh_example(name: str = "miswired-office.fxplan") -> Plan:
    return load_plan(EXAMPLES / name)


def assert_port_index_consistent(plan: Plan) -> None:
    """links_at and the index helpers agree with the plan's link and device lists."""
    links = plan.links
    for i, link in enumerate(links):
        assert plan.link_index(link.id) == i
    for i, device in enumerate(plan.devices):
        assert plan.device_index(device.id) == i
        for ref in device.refs:
            expected = [link.id for link in links if ref in (link.a, link.b)]
            assert plan.links_at(ref) == expected, (ref, plan.links_at(ref), expected)
    orders = [plan.link_order(link.id) for link in links]
    assert orders == sorted(orders)
    orders = [plan.device_order(device.id) for device in plan.devices]
    assert orders == sorted(orders)


# --- PNG -------------------------------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def tiny_png() -> bytes:
    """A valid 1x1 RGB PNG, built by hand."""
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", pixels) + png_chunk(b"IEND", b"")
    )


def itxt_chunk(keyword: bytes, text: bytes, *, compressed: bool = False) -> bytes:
    payload = zlib.compress(text) if compressed else text
    body = keyword + b"\0" + bytes([1 if compressed else 0, 0]) + b"\0\0" + payload
    return png_chunk(b"iTXt", body)


def insert_before_iend(png: bytes, chunk: bytes) -> bytes:
    iend = png.rindex(b"IEND") - 4
    return png[:iend] + chunk + png[iend:]
