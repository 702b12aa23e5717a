"""The shipped JSON Schema (draft 2020-12) agrees with the loader on structure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    SCHEMA_PATH,
    SHIPPED_PLANS,
    SPEC_DEVICE_TYPES,
    SPEC_PORT_KINDS,
    base_document,
    shipped_plan_ids,
)
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from strategies import plan_documents

from fxdesigner.io.plan_json import PlanLoadError, plan_from_document


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_the_base_document_is_valid(validator: Draft202012Validator) -> None:
    assert errors(validator, base_document()) == []


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=shipped_plan_ids(SHIPPED_PLANS))
def test_every_shipped_plan_is_valid(validator: Draft202012Validator, path: Path) -> None:
    assert errors(validator, json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.slow
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_documents())
def test_every_random_valid_plan_is_valid(validator: Draft202012Validator, doc: dict[str, Any]) -> None:
    assert errors(validator, doc) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a value at a dotted path; numbers index arrays."""

    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return apply


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return apply


BROKEN = {
    "format": _set("format", "other"),
    "schema_version-2": _set("schema_version", 2),
    "schema_version-0": _set("schema_version", 0),
    "schema_version-string": _set("schema_version", "1"),
    "no-format": _delete("format"),
    "no-schema_version": _delete("schema_version"),
    "no-devices": _delete("devices"),
    "no-links": _delete("links"),
    "devices-object": _set("devices", {}),
    "title-number": _set("title", 3),
    "region-lowercase": _set("region", "us"),
    "region-three-letters": _set("region", "USA"),
    "device-no-id": _delete("devices.0.id"),
    "device-no-type": _delete("devices.0.type"),
    "device-no-x": _delete("devices.0.x"),
    "device-no-ports": _delete("devices.0.ports"),
    "device-x-string": _set("devices.0.x", "1"),
    "device-id-empty": _set("devices.0.id", ""),
    "device-id-65": _set("devices.0.id", "a" * 65),
    "device-id-space": _set("devices.0.id", "a b"),
    "device-id-slash": _set("devices.0.id", "a/b"),
    "device-id-unicode": _set("devices.0.id", "café"),
    "label-201": _set("devices.0.label", "x" * 201),
    "label-number": _set("devices.0.label", 1),
    "ports-object": _set("devices.0.ports", {}),
    "properties-array": _set("devices.0.properties", []),
    "power-battery": _set("devices.0.properties.power", "battery"),
    "ups-string": _set("devices.0.properties.ups", "yes"),
    "ren-negative": _set("devices.0.properties.ren", -1),
    "ren-string": _set("devices.0.properties.ren", "1"),
    "t38-string": _set("devices.0.properties.t38", "true"),
    "port-kind-unknown": _set("devices.0.ports.1.kind", "isdn"),
    "port-no-kind": _delete("devices.0.ports.1.kind"),
    "port-id-bad": _set("devices.0.ports.1.id", "line 1"),
    "ren_budget-negative": _set("devices.0.ports.0.properties.ren_budget", -1),
    "power_fail_to-number": _set("devices.0.ports.0.properties.power_fail_to", 3),
    "poe-string": _set("devices.0.ports.2.properties.poe", "yes"),
    "role-dmz": _set("devices.0.ports.2.properties.role", "dmz"),
    "filtered-number": _set("devices.0.ports.3.properties", {"filtered": 1}),
    "link-no-b": _delete("links.0.b"),
    "address-extra-key": _set("links.0.a.pin", 1),
    "address-no-port": _delete("links.0.a.port"),
    "length-negative": _set("links.0.properties.length_m", -3),
    "leaves_building-string": _set("links.0.properties.leaves_building", "no"),
    "note-no-text": _delete("notes.0.text"),
    "note-x-null": _set("notes.0.x", None),
    "waiver-no-code": _delete("waivers.0.code"),
    "waiver-no-subject": _delete("waivers.0.subject"),
    "waiver-reason-number": _set("waivers.0.reason", 1),
}


@pytest.mark.parametrize("break_it", BROKEN.values(), ids=list(BROKEN))
def test_structurally_broken_plans_are_rejected_by_schema_and_loader(
    validator: Draft202012Validator, break_it: Callable[[dict[str, Any]], None]
) -> None:
    doc = base_document()
    break_it(doc)
    assert errors(validator, doc) != []
    with pytest.raises(PlanLoadError):
        plan_from_document(doc)


def test_the_schema_accepts_unknown_device_types_and_unknown_keys(validator: Draft202012Validator) -> None:
    doc = base_document()
    doc["devices"][0]["type"] = "teleporter"
    doc["devices"][0]["future"] = {"x": 1}
    doc["devices"][0]["ports"][0]["properties"]["future"] = True
    doc["future"] = []
    assert errors(validator, doc) == []
    plan_from_document(doc)


def test_the_schema_names_every_device_type_of_the_spec(validator: Draft202012Validator) -> None:
    schema = validator.schema
    assert schema["$defs"]["device"]["properties"]["type"]["examples"] == list(SPEC_DEVICE_TYPES)
    assert schema["$defs"]["port"]["properties"]["kind"]["enum"] == list(SPEC_PORT_KINDS)
