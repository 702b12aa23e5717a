"""Every load error of plan-format.md "Loading": one line naming the file, the place and the problem."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import base_document, encode, file_load_error, load_error

from fxdesigner.io.plan_json import MAX_FILE_BYTES, PlanLoadError, load_plan, load_plan_bytes

HEADER = b'{"format": "fxdesigner-plan", "schema_version": 1, "devices": [], "links": []'


def with_tail(tail: bytes) -> bytes:
    """The empty valid plan with more top-level members appended."""
    return HEADER + b", " + tail + b"}"


def loads_ok(data: bytes | dict[str, Any]) -> None:
    load_plan_bytes(data if isinstance(data, bytes) else encode(data), "office.fxplan")


def test_the_base_document_is_valid() -> None:
    loads_ok(base_document())


# --- 1. size -------------------------------------------------------------------------


def test_a_file_over_50_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.fxplan"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap, and not JSON at all
    error = file_load_error(path)
    assert MAX_FILE_BYTES == 52_428_800
    assert error.location == "(file)"
    assert "52,428,801 bytes" in error.message and "refused" in error.message


def test_a_60_mb_plan_padded_with_spaces_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "padded.fxplan"
    body = encode(base_document())
    with open(path, "wb") as handle:
        handle.write(body)
        handle.write(b" " * (60_000_000 - len(body)))
    error = file_load_error(path)
    assert error.location == "(file)"
    assert "60,000,000 bytes" in error.message


def test_exactly_50_mib_is_not_refused_for_its_size(tmp_path: Path) -> None:
    path = tmp_path / "limit.fxplan"
    body = encode(base_document())
    path.write_bytes(body + b" " * (MAX_FILE_BYTES - len(body)))
    assert load_plan(path).device_count() == 2


def test_load_plan_bytes_refuses_oversized_data_too() -> None:
    error = load_error(b" " * (MAX_FILE_BYTES + 1))
    assert error.location == "(file)"
    assert "52,428,801 bytes" in error.message


# --- 2. JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_says_it_is_empty(data: bytes) -> None:
    assert str(load_error(data)) == "office.fxplan: (file): the file is empty"


def test_nesting_deeper_than_64_levels_is_refused() -> None:
    # The top-level object is level 1, so 64 brackets inside it make 65 levels.
    prefix = HEADER + b', "deep": '
    error = load_error(prefix + b"[" * 64 + b"]" * 64 + b"}")
    assert error.location == f"line 1, column {len(prefix) + 64}"  # the 65th opening bracket
    assert "nesting deeper than 64 levels" in error.message


def test_exactly_64_levels_are_accepted_and_kept() -> None:
    plan = load_plan_bytes(with_tail(b'"deep": ' + b"[" * 63 + b"]" * 63))
    value = plan.extra["deep"]
    depth = 1  # the top-level object
    while isinstance(value, list):
        depth += 1
        value = value[0] if value else None
    assert depth == 64


def test_deep_nesting_is_found_after_a_string_with_escapes() -> None:
    tail = b'"t": "a\\n", "deep": ' + b"[" * 80 + b"]" * 80 + b', "z": "q"'
    error = load_error(with_tail(tail))
    assert error.location.startswith("line 1, column ")
    assert "nesting deeper than 64 levels" in error.message


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    plan = load_plan_bytes(with_tail(b'"t": "' + b"[{" * 200 + b'"'))
    assert plan.extra["t"] == "[{" * 200


def test_pathological_nesting_is_a_load_error_not_a_recursion_error() -> None:
    error = load_error(b"[" * 200_000 + b"]" * 200_000)
    assert error.location == "line 1, column 65"
    assert "nesting" in error.message


@pytest.mark.parametrize(
    ("literal", "location", "problem"),
    [
        (b"NaN", "devices[0].x", "NaN is not allowed"),
        (b"Infinity", "devices[0].x", "Infinity is not allowed"),
        (b"-Infinity", "devices[0].x", "-Infinity is not allowed"),
        (b"1e400", "devices[0].x", "1e400 is too large"),
        (b"-1e400", "devices[0].x", "is too large"),
        (b"9" * 500, "devices[0].x", "is too large"),
        (b"-" + b"9" * 500, "devices[0].x", "is too large"),
        (b"9" * 350, "devices[0].x", "is too large"),  # too long for a float, short of the digit limit
    ],
    ids=["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "500-digits", "-500-digits", "350-digits"],
)
def test_non_finite_and_overflowing_numbers_are_refused(literal: bytes, location: str, problem: str) -> None:
    device = b'{"id": "a", "type": "x", "x": ' + literal + b', "y": 0, "ports": []}'
    error = load_error(
        b'{"format": "fxdesigner-plan", "schema_version": 1, "devices": [' + device + b'], "links": []}'
    )
    assert error.location == location
    assert problem in error.message


def test_non_finite_numbers_in_unknown_keys_are_refused_too() -> None:
    error = load_error(with_tail(b'"future": {"list": [1, 2, NaN]}'))
    assert error.location == "future.list[2]"
    assert "NaN" in error.message


def test_a_duplicate_key_at_the_top_level_is_refused() -> None:
    error = load_error(with_tail(b'"links": []'))
    assert error.location == "(top level)"
    assert 'duplicate key "links"' in error.message


def test_a_duplicate_key_in_a_nested_object_is_refused() -> None:
    raw = encode(base_document()).replace(b'"ren_budget": 3', b'"ren_budget": 3, "ren_budget": 4')
    error = load_error(raw)
    assert error.location == "devices[0].ports[0].properties"
    assert 'duplicate key "ren_budget"' in error.message


def test_a_lone_surrogate_escape_in_a_label_is_refused() -> None:
    raw = encode(base_document()).replace(b'"Front desk ATA"', b'"Front \\ud800 desk"')
    error = load_error(raw)
    assert error.location == "devices[0].label"
    assert "unpaired UTF-16 surrogate" in error.message


def test_a_lone_low_surrogate_in_a_key_is_refused() -> None:
    error = load_error(with_tail(b'"x\\udc00": 1'))
    assert error.location == "(top level)"
    assert "surrogate" in error.message


def test_an_escaped_surrogate_pair_is_fine() -> None:
    plan = load_plan_bytes(with_tail(b'"title": "fax \\ud83d\\udce0"'))
    assert plan.title == "fax \U0001f4e0"


def test_bad_utf8_is_refused() -> None:
    raw = HEADER + b',\n"title": "caf\xe9"}'
    error = load_error(raw)
    assert error.location == "line 2"
    assert "not valid UTF-8" in error.message and "0xe9" in error.message


def test_a_byte_order_mark_is_accepted() -> None:
    plan = load_plan_bytes(b"\xef\xbb\xbf" + encode(base_document()))
    assert plan.device_count() == 2


def test_invalid_json_names_line_and_column() -> None:
    error = load_error(b'{\n    "format" "fxdesigner-plan"}')
    assert error.location == "line 2, column 14"
    assert "not valid JSON" in error.message


# --- 3. header -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "found"), [(b"[]", "an array"), (b'"plan"', "a string"), (b"3", "a number"), (b"null", "null")]
)
def test_the_top_level_must_be_an_object(raw: bytes, found: str) -> None:
    error = load_error(raw)
    assert error.location == "(top level)"
    assert error.message == f"expected a JSON object, found {found}"


@pytest.mark.parametrize("key", ["format", "schema_version", "devices", "links"])
def test_a_missing_required_top_level_key_is_refused(key: str) -> None:
    doc = base_document()
    del doc[key]
    error = load_error(doc)
    assert error.location == "(top level)"
    assert f'missing required key "{key}"' in error.message


def test_a_wrong_format_string_is_refused() -> None:
    doc = base_document()
    doc["format"] = "fxdesigner-template"
    error = load_error(doc)
    assert error.location == "format"
    assert 'expected "fxdesigner-plan", found "fxdesigner-template"' in error.message


def test_a_newer_schema_version_is_refused() -> None:
    doc = base_document()
    doc["schema_version"] = 2
    error = load_error(doc)
    assert error.location == "schema_version"
    assert "written by a newer FX Designer" in error.message


@pytest.mark.parametrize("version", [0, -1])
def test_a_schema_version_below_1_is_refused(version: int) -> None:
    doc = base_document()
    doc["schema_version"] = version
    error = load_error(doc)
    assert error.location == "schema_version"
    assert f"version {version} is not a valid schema version" in error.message


def test_schema_version_1_0_counts_as_1() -> None:
    doc = base_document()
    doc["schema_version"] = 1.0
    assert load_plan_bytes(encode(doc)).device_count() == 2


@pytest.mark.parametrize(
    ("version", "found"), [("1", '"1"'), (True, "a boolean"), (1.5, "a number"), (None, "null")]
)
def test_a_schema_version_that_is_not_an_integer_is_refused(version: object, found: str) -> None:
    doc = base_document()
    doc["schema_version"] = version
    error = load_error(doc)
    assert error.location == "schema_version"
    assert error.message == f"expected an integer, found {found}"


# --- 4. references and ids ----------------------------------------------------------------


def test_a_link_to_a_missing_device_is_refused() -> None:
    doc = base_document()
    doc["links"][0]["b"]["device"] = "ata9"
    error = load_error(doc)
    assert error.location == "links[0].b.device"
    assert error.message == 'no device "ata9"'


def test_a_link_to_a_missing_port_is_refused() -> None:
    doc = base_document()
    doc["links"][0]["b"]["port"] = "fxs9"
    error = load_error(doc)
    assert str(error) == 'office.fxplan: links[0].b.port: device "ata1" has no port "fxs9"'


def test_a_link_whose_ends_are_the_same_port_is_refused() -> None:
    doc = base_document()
    doc["links"][0]["b"] = {"device": "phone", "port": "line"}
    error = load_error(doc)
    assert error.location == "links[0]"
    assert "both ends are the same port, phone:line" in error.message


def test_a_port_address_with_an_extra_key_is_refused() -> None:
    doc = base_document()
    doc["links"][0]["a"]["pin"] = 3
    error = load_error(doc)
    assert error.location == "links[0].a"
    assert 'unexpected key "pin" in a port address' in error.message


@pytest.mark.parametrize(
    ("section", "location", "problem"),
    [
        ("devices", "devices[2].id", 'duplicate device id "ata1" (also devices[0])'),
        ("links", "links[1].id", 'duplicate link id "l1" (also links[0])'),
        ("notes", "notes[1].id", 'duplicate note id "n1" (also notes[0])'),
        ("waivers", "waivers[1].id", 'duplicate waiver id "w1" (also waivers[0])'),
    ],
)
def test_duplicate_ids_are_refused(section: str, location: str, problem: str) -> None:
    doc = base_document()
    doc[section].append(dict(doc[section][0]))
    error = load_error(doc)
    assert error.location == location
    assert error.message == problem


def test_duplicate_port_ids_in_one_device_are_refused() -> None:
    doc = base_document()
    doc["devices"][0]["ports"].append({"id": "wan", "kind": "ethernet"})
    error = load_error(doc)
    assert error.location == "devices[0].ports[4].id"
    assert 'duplicate port id "wan" (also devices[0].ports[2])' in error.message


def test_the_same_port_id_on_two_devices_is_fine() -> None:
    doc = base_document()
    doc["devices"][1]["ports"][0]["id"] = "fxs1"
    doc["links"][0]["a"]["port"] = "fxs1"
    plan = load_plan_bytes(encode(doc))
    assert plan.link("l1").a == ("phone", "fxs1")


@pytest.mark.parametrize(
    "bad_id",
    ["", "a" * 65, "front desk", "a/b", "café", "☎", 7, None],
    ids=["empty", "65-chars", "space", "slash", "accent", "emoji", "number", "null"],
)
@pytest.mark.parametrize(
    ("where", "location"),
    [
        (lambda d, v: d["devices"][1].__setitem__("id", v), "devices[1].id"),
        (lambda d, v: d["devices"][0]["ports"][3].__setitem__("id", v), "devices[0].ports[3].id"),
        (lambda d, v: d["links"][0].__setitem__("id", v), "links[0].id"),
        (lambda d, v: d["notes"][0].__setitem__("id", v), "notes[0].id"),
        (lambda d, v: d["waivers"][0].__setitem__("id", v), "waivers[0].id"),
        (lambda d, v: d["links"][0]["a"].__setitem__("port", v), "links[0].a.port"),
    ],
    ids=["device", "port", "link", "note", "waiver", "address"],
)
def test_bad_ids_are_refused(
    where: Callable[[dict[str, Any], object], None], location: str, bad_id: object
) -> None:
    doc = base_document()
    where(doc, bad_id)
    error = load_error(doc)
    assert error.location == location
    if isinstance(bad_id, str):
        assert "bad id" in error.message and "1 to 64 characters" in error.message
    else:
        assert "expected an id (a string)" in error.message


def test_a_64_character_id_is_fine() -> None:
    doc = base_document()
    doc["notes"][0]["id"] = "N" * 64
    assert load_plan_bytes(encode(doc)).notes[0].id == "N" * 64


# --- 4. types -------------------------------------------------------------------------------


def _device(d: dict[str, Any]) -> dict[str, Any]:
    return d["devices"][0]


def _port(index: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda d: d["devices"][0]["ports"][index]


def _props(get: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda d: get(d).setdefault("properties", {})


def _link(d: dict[str, Any]) -> dict[str, Any]:
    return d["links"][0]


def _top(d: dict[str, Any]) -> dict[str, Any]:
    return d


WRONG_TYPES = [
    # (target, key, value, location, substring)
    (_device, "x", "240", "devices[0].x", "expected a number, found a string"),
    (_device, "y", None, "devices[0].y", "expected a number, found null"),
    (_device, "x", True, "devices[0].x", "expected a number, found a boolean"),
    (_device, "label", 42, "devices[0].label", "expected a string, found a number"),
    (_device, "label", "L" * 201, "devices[0].label", "201 characters long; at most 200"),
    (_device, "model", ["HT813"], "devices[0].model", "expected a string, found an array"),
    (_device, "type", 3, "devices[0].type", "expected a string, found a number"),
    (_device, "ports", {"fxs1": {}}, "devices[0].ports", "expected an array, found an object"),
    (_device, "properties", [], "devices[0].properties", "expected an object, found an array"),
    (_props(_device), "power", "battery", "devices[0].properties.power", 'expected "line", "mains" or "poe"'),
    (_props(_device), "ups", "yes", "devices[0].properties.ups", "expected true or false, found a string"),
    (_props(_device), "ren", -1, "devices[0].properties.ren", "at least 0"),
    (_props(_device), "ren", "1", "devices[0].properties.ren", "expected a number or null, found a string"),
    (
        _props(_device),
        "t38",
        "true",
        "devices[0].properties.t38",
        "expected true, false or null, found a string",
    ),
    (_props(_device), "copper", 1, "devices[0].properties.copper", "expected true or false, found a number"),
    (_props(_device), "direct_911", "no", "devices[0].properties.direct_911", "expected true, false or null"),
    (_port(0), "label", 5, "devices[0].ports[0].label", "expected a string, found a number"),
    (_port(0), "properties", "none", "devices[0].ports[0].properties", "expected an object, found a string"),
    (_props(_port(0)), "ren_budget", -0.5, "devices[0].ports[0].properties.ren_budget", "at least 0"),
    (
        _props(_port(0)),
        "max_loop_m",
        "300m",
        "devices[0].ports[0].properties.max_loop_m",
        "expected a number or null",
    ),
    (
        _props(_port(2)),
        "poe",
        "yes",
        "devices[0].ports[2].properties.poe",
        "expected true or false, found a string",
    ),
    (_props(_port(2)), "role", "dmz", "devices[0].ports[2].properties.role", 'expected "wan" or "lan"'),
    (
        _props(_port(3)),
        "filtered",
        1,
        "devices[0].ports[3].properties.filtered",
        "expected true or false, found a number",
    ),
    (_props(_link), "length_m", -3, "links[0].properties.length_m", "at least 0"),
    (_props(_link), "leaves_building", "no", "links[0].properties.leaves_building", "expected true or false"),
    (_props(_link), "label", 7, "links[0].properties.label", "expected a string, found a number"),
    (_link, "properties", [], "links[0].properties", "expected an object, found an array"),
    (_link, "b", "ata1:fxs1", "links[0].b", "expected an object, found a string"),
    (_top, "region", "usa", "region", 'bad region "usa"'),
    (_top, "region", "us", "region", 'bad region "us"'),
    (_top, "region", 1, "region", "expected a country code (a string), found a number"),
    (_top, "title", ["t"], "title", "expected a string, found an array"),
    (_top, "generator", 0.9, "generator", "expected a string, found a number"),
    (_top, "devices", {}, "devices", "expected an array, found an object"),
    (_top, "links", None, "links", "expected an array, found null"),
    (_top, "notes", {}, "notes", "expected an array, found an object"),
    (_top, "waivers", "none", "waivers", "expected an array, found a string"),
    (lambda d: d["notes"][0], "text", None, "notes[0].text", "expected a string, found null"),
    (lambda d: d["notes"][0], "x", "40", "notes[0].x", "expected a number, found a string"),
    (lambda d: d["waivers"][0], "code", 204, "waivers[0].code", "expected a string, found a number"),
    (lambda d: d["waivers"][0], "reason", False, "waivers[0].reason", "expected a string, found a boolean"),
    (lambda d: d["waivers"][0], "date", 20261120, "waivers[0].date", "expected a string, found a number"),
]


@pytest.mark.parametrize(
    ("target", "key", "value", "location", "problem"),
    WRONG_TYPES,
    ids=[f"{row[3]}={row[2]!r:.12}" for row in WRONG_TYPES],
)
def test_wrong_types_are_refused(
    target: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: object, location: str, problem: str
) -> None:
    doc = base_document()
    target(doc)[key] = value
    error = load_error(doc)
    assert error.location == location
    assert problem in error.message


def test_a_200_character_label_is_fine() -> None:
    doc = base_document()
    doc["devices"][0]["label"] = "é" * 200
    assert load_plan_bytes(encode(doc)).device("ata1").label == "é" * 200


def test_an_element_that_is_not_an_object_is_refused() -> None:
    doc = base_document()
    doc["devices"].append(["not", "a", "device"])
    error = load_error(doc)
    assert error.location == "devices[2]"
    assert error.message == "expected an object, found an array"


def test_an_unknown_port_kind_is_refused() -> None:
    doc = base_document()
    doc["devices"][0]["ports"][1]["kind"] = "isdn"
    error = load_error(doc)
    assert error.location == "devices[0].ports[1].kind"
    assert 'unknown port kind "isdn"' in error.message


def test_an_unknown_device_type_is_accepted_and_kept() -> None:
    doc = base_document()
    doc["devices"][1]["type"] = "teleporter"
    plan = load_plan_bytes(encode(doc))
    device = plan.device("phone")
    assert device.type == "teleporter"
    assert [p.id for p in device.ports] == ["line"]
    assert plan.link("l1").a.device == "phone"


def test_the_first_problem_in_document_order_is_reported() -> None:
    doc = base_document()
    doc["devices"][0]["properties"]["power"] = "battery"
    doc["links"][0]["b"]["port"] = "fxs9"
    assert load_error(doc).location == "devices[0].properties.power"
    doc["format"] = "x"
    assert load_error(doc).location == "format"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("line9", 'names port "line9", which this device does not have'),
        ("wan", 'names port "wan", which is ethernet, not fxo'),
        ("fxs1", 'names port "fxs1", which is fxs, not fxo'),
        (3, "expected a port id or null, found a number"),
    ],
)
def test_power_fail_to_must_name_an_fxo_port_of_the_same_device(value: object, problem: str) -> None:
    doc = base_document()
    doc["devices"][0]["ports"][0]["properties"]["power_fail_to"] = value
    error = load_error(doc)
    assert error.location == "devices[0].ports[0].properties.power_fail_to"
    assert problem in error.message


def test_power_fail_to_naming_an_fxo_port_or_null_is_fine() -> None:
    for value in ("line1", None):
        doc = base_document()
        doc["devices"][0]["ports"][0]["properties"]["power_fail_to"] = value
        plan = load_plan_bytes(encode(doc))
        assert plan.device("ata1").port("fxs1").properties["power_fail_to"] == value


def test_power_fail_to_naming_a_port_of_another_device_is_refused() -> None:
    doc = base_document()
    doc["devices"][0]["ports"][0]["properties"]["power_fail_to"] = "line"  # the phone's fxo port
    error = load_error(doc)
    assert error.location == "devices[0].ports[0].properties.power_fail_to"
    assert "which this device does not have" in error.message


@pytest.mark.parametrize(
    ("section", "key", "location"),
    [
        ("devices", "type", "devices[0]"),
        ("devices", "x", "devices[0]"),
        ("devices", "ports", "devices[0]"),
        ("links", "a", "links[0]"),
        ("notes", "id", "notes[0]"),
        ("notes", "text", "notes[0]"),
        ("notes", "y", "notes[0]"),
        ("waivers", "code", "waivers[0]"),
        ("waivers", "subject", "waivers[0]"),
        ("waivers", "id", "waivers[0]"),
    ],
)
def test_missing_required_keys_are_refused(section: str, key: str, location: str) -> None:
    doc = base_document()
    del doc[section][0][key]
    error = load_error(doc)
    assert error.location == location
    assert error.message == f'missing required key "{key}"'


def test_a_port_without_a_kind_is_refused() -> None:
    doc = base_document()
    del doc["devices"][0]["ports"][2]["kind"]
    error = load_error(doc)
    assert error.location == "devices[0].ports[2]"
    assert error.message == 'missing required key "kind"'


def test_an_address_without_a_port_is_refused() -> None:
    doc = base_document()
    del doc["links"][0]["b"]["port"]
    error = load_error(doc)
    assert error.location == "links[0].b"
    assert error.message == 'missing required key "port"'


@pytest.mark.parametrize("evil", ["fx\ns9", "a\rb", "x\u2028y", "p\x85q", "\u202egnp.exe", "t\x00"])
@pytest.mark.parametrize(
    ("where", "location"),
    [
        (lambda d, v: d["links"][0]["b"].__setitem__("port", v), "links[0].b.port"),
        (lambda d, v: d.__setitem__("region", v), "region"),
        (lambda d, v: d["links"][0]["a"].__setitem__(v, 1), "links[0].a"),
        (
            lambda d, v: d["devices"][0]["ports"][0]["properties"].__setitem__("power_fail_to", v),
            "devices[0].ports[0].properties.power_fail_to",
        ),
    ],
    ids=["id", "region", "address-key", "power_fail_to"],
)
def test_values_quoted_in_messages_cannot_break_the_line(
    where: Callable[[dict[str, Any], str], None], location: str, evil: str
) -> None:
    doc = base_document()
    where(doc, evil)
    error = load_error(doc)
    assert error.location == location
    assert str(error).splitlines() == [str(error)]
    assert evil not in str(error)
    assert evil.encode("unicode_escape").decode("ascii") in error.message


def test_a_duplicate_key_with_a_line_separator_stays_on_one_line() -> None:
    error = load_error(with_tail(b'"a\\u2028b": 1, "a\\u2028b": 2'))
    assert error.location == "(top level)"
    assert str(error).splitlines() == [str(error)]
    assert 'duplicate key "a\\u2028b"' in error.message


# --- load_plan on the file system -------------------------------------------------------------


def test_load_plan_on_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.fxplan"
    error = file_load_error(path)
    assert error.location == "(file)"
    assert error.message == "no such file"


def test_load_plan_on_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder.fxplan"
    folder.mkdir()
    error = file_load_error(folder)
    assert error.location == "(file)"
    assert "is a folder" in error.message


def test_load_plan_on_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.fxplan"
    path.write_bytes(encode(base_document()))
    real_open = open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == os.fspath(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    error = file_load_error(path)
    assert error.location == "(file)"
    assert error.message == "permission denied"


def test_load_plan_on_an_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad-sector.fxplan"
    path.write_bytes(encode(base_document()))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("builtins.open", broken)
    error = file_load_error(path)
    assert error.location == "(file)"
    assert error.message == "Input/output error"


def test_load_plan_uses_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "x.fxplan"
    path.write_bytes(b"[]")
    with pytest.raises(PlanLoadError) as info:
        load_plan(path, display_name="Office plan.fxplan")
    assert str(info.value) == "Office plan.fxplan: (top level): expected a JSON object, found an array"


def test_load_plan_reads_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "office.json"
    path.write_bytes(encode(base_document()))
    assert load_plan(path).title == "Probe"
