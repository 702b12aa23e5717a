"""Loading then saving changes nothing but `generator`; output is deterministic (plan-format.md "Saving")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLE_PLANS, SHIPPED_PLANS, base_document, encode, shipped_plan_ids
from hypothesis import HealthCheck, given, settings
from strategies import plan_documents

from fxdesigner.io.plan_json import (
    GENERATOR,
    dumps_plan,
    load_plan,
    load_plan_bytes,
    plan_from_document,
    save_plan,
)

GENERATOR_LINE = re.compile(r'^  "generator": .*,$', re.M)


def with_our_generator(text: str) -> str:
    """The text as we would write it: generator replaced, or added after schema_version."""
    ours = f'  "generator": {json.dumps(GENERATOR)},'
    if GENERATOR_LINE.search(text):
        return GENERATOR_LINE.sub(lambda _: ours, text, count=1)
    return text.replace('  "schema_version": 1,\n', '  "schema_version": 1,\n' + ours + "\n", 1)


def without_generator(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "generator"}


def test_there_are_shipped_plans() -> None:
    assert set(EXAMPLE_PLANS) <= set(SHIPPED_PLANS)


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=[p.name for p in EXAMPLE_PLANS])
def test_the_examples_are_byte_identical_after_load_and_save(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    assert GENERATOR_LINE.search(original), "the examples carry a generator line"
    assert dumps_plan(load_plan(path)) == with_our_generator(original)


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=shipped_plan_ids(SHIPPED_PLANS))
def test_every_shipped_plan_survives_load_and_save(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    saved = dumps_plan(load_plan(path))
    if saved != with_our_generator(original):
        # Not formatted like our output (hand-written): the content must still be the same.
        assert without_generator(json.loads(saved)) == without_generator(json.loads(original))
    assert json.loads(saved)["generator"] == GENERATOR


def test_save_plan_writes_exactly_dumps_plan(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE_PLANS[1])
    target = tmp_path / "copy.fxplan"
    save_plan(plan, target)
    assert target.read_bytes() == dumps_plan(plan).encode("utf-8")
    assert load_plan(target) == plan


def test_unknown_keys_everywhere_are_kept_and_written_back() -> None:
    doc = base_document()
    doc["future_layers"] = [{"name": "ground floor", "visible": True}]
    doc["devices"][0]["properties"]["future_rating"] = {"watts": 12.5}
    doc["devices"][0]["future_rotation"] = 90
    doc["devices"][0]["ports"][0]["properties"]["future_gain"] = -3
    doc["devices"][0]["ports"][0]["future_color"] = "green"
    doc["devices"][1]["type"] = "hologram-phone"
    doc["links"][0]["properties"]["future_colour"] = "blue"
    doc["links"][0]["future_bends"] = [[1, 2], [3, 4]]
    doc["notes"][0]["future_font"] = "serif"
    doc["waivers"][0]["future_expires"] = "2027-01-01"
    saved = json.loads(dumps_plan(load_plan_bytes(encode(doc))))
    assert without_generator(saved) == without_generator(doc)
    assert saved["devices"][1]["type"] == "hologram-phone"
    assert list(saved)[-1] == "future_layers"
    assert list(saved["devices"][0])[-1] == "future_rotation"


def test_misplaced_known_properties_are_kept_unjudged() -> None:
    # "role" belongs to ethernet ports; on an fxo port it is an unknown property.
    doc = base_document()
    doc["devices"][0]["ports"][1]["properties"] = {"role": "dmz", "power_fail_to": 5}
    saved = json.loads(dumps_plan(load_plan_bytes(encode(doc))))
    assert saved["devices"][0]["ports"][1]["properties"] == {"role": "dmz", "power_fail_to": 5}


def test_absent_optional_keys_stay_absent() -> None:
    doc = base_document()
    for key in ("title", "region", "notes", "waivers"):
        del doc[key]
    del doc["devices"][0]["label"]
    del doc["devices"][0]["properties"]
    del doc["links"][0]["properties"]
    saved = json.loads(dumps_plan(load_plan_bytes(encode(doc))))
    assert list(saved) == ["format", "schema_version", "generator", "devices", "links"]
    assert "label" not in saved["devices"][0] and "properties" not in saved["devices"][0]
    assert "properties" not in saved["links"][0]


def test_empty_notes_and_waivers_stay_present() -> None:
    doc = base_document()
    doc["notes"] = []
    doc["waivers"] = []
    saved = json.loads(dumps_plan(load_plan_bytes(encode(doc))))
    assert saved["notes"] == [] and saved["waivers"] == []


def test_output_is_deterministic_indented_and_ends_with_a_newline() -> None:
    plan = load_plan(EXAMPLE_PLANS[0])
    first = dumps_plan(plan)
    assert first == dumps_plan(plan) == dumps_plan(load_plan_bytes(first.encode("utf-8")))
    assert first.endswith("}\n") and not first.endswith("\n\n")
    lines = first.splitlines()
    assert lines[1].startswith('  "format"')
    assert lines[1] == '  "format": "fxdesigner-plan",'
    indents = {len(line) - len(line.lstrip(" ")) for line in lines}
    assert all(n % 2 == 0 for n in indents)
    assert "\t" not in first


def test_non_ascii_is_written_as_utf8_not_escaped() -> None:
    doc = base_document()
    doc["title"] = "Cabinet dentaire ☎ 📠 مكتب"
    text = dumps_plan(load_plan_bytes(encode(doc)))
    assert "Cabinet dentaire ☎ 📠 مكتب" in text
    assert "\\u" not in text


def test_keys_are_written_in_the_order_the_spec_lists_them() -> None:
    # Feed every object with its keys reversed: the writer must put them back in spec order.
    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(v) for k, v in reversed(list(value.items()))}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    doc = base_document()
    doc["generator"] = "someone else"
    doc["waivers"][0].update(by="J. Ortiz", date="2026-11-20")
    saved = json.loads(dumps_plan(load_plan_bytes(encode(reverse(doc)))))
    assert list(saved) == [
        "format",
        "schema_version",
        "generator",
        "title",
        "region",
        "devices",
        "links",
        "notes",
        "waivers",
    ]
    assert list(saved["devices"][0]) == ["id", "type", "label", "x", "y", "properties", "ports"]
    assert list(saved["devices"][0]["ports"][0]) == ["id", "kind", "label", "properties"]
    assert list(saved["links"][0]) == ["id", "a", "b", "properties"]
    assert list(saved["links"][0]["a"]) == ["device", "port"]
    assert list(saved["notes"][0]) == ["id", "text", "x", "y"]
    assert list(saved["waivers"][0]) == ["id", "code", "subject", "reason", "by", "date"]
    assert saved["generator"] == GENERATOR


def test_numbers_keep_their_json_type() -> None:
    doc = base_document()
    doc["devices"][0]["x"] = 240
    doc["devices"][0]["y"] = 120.0
    doc["devices"][1]["x"] = -0.0
    doc["devices"][1]["y"] = 1e-7
    saved = dumps_plan(load_plan_bytes(encode(doc)))
    assert '"x": 240,' in saved and '"y": 120.0,' in saved
    assert '"x": -0.0,' in saved and '"y": 1e-07,' in saved


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_documents())
def test_random_valid_plans_round_trip(doc: dict[str, Any]) -> None:
    plan = plan_from_document(doc)
    text = dumps_plan(plan)
    again = load_plan_bytes(text.encode("utf-8"))
    assert again == plan
    assert dumps_plan(again) == text
    # Nothing but the generator changed, keys in the same order, same JSON types.
    expected = json.dumps(without_generator(doc), ensure_ascii=False)
    assert json.dumps(without_generator(json.loads(text)), ensure_ascii=False) == expected
