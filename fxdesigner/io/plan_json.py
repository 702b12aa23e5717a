"""Reading and writing .fxplan documents (spec/plan-format.md, version 1).

Every load error is a PlanLoadError whose text is one line:
``<file>: <location>: <what is wrong>``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from fxdesigner import __version__
from fxdesigner.io.migrations import CURRENT_SCHEMA_VERSION, migrate
from fxdesigner.io.strict_json import JsonProblem, join_path, parse
from fxdesigner.model.kinds import FXS, PORT_KINDS
from fxdesigner.model.plan import Device, Link, Note, Plan, Port, PortRef, Waiver
from fxdesigner.model.text import escape_unsafe
from fxdesigner.model.values import (
    check_coordinate,
    check_device_property,
    check_id,
    check_label,
    check_link_property,
    check_port_property,
    check_power_fail_to,
    check_region,
    check_string,
    type_name,
)

FORMAT: Final = "fxdesigner-plan"
MAX_FILE_BYTES: Final = 52_428_800
GENERATOR: Final = f"fxdesigner {__version__}"

TOP_KEYS: Final = ("format", "schema_version", "generator", "title", "region", "devices", "links", "notes", "waivers")
DEVICE_KEYS: Final = ("id", "type", "label", "model", "x", "y", "properties", "ports")
PORT_KEYS: Final = ("id", "kind", "label", "properties")
LINK_KEYS: Final = ("id", "a", "b", "properties")
NOTE_KEYS: Final = ("id", "text", "x", "y")
WAIVER_KEYS: Final = ("id", "code", "subject", "reason", "by", "date")


class PlanLoadError(ValueError):
    """A plan could not be loaded. str() is the one-line message for the user."""

    def __init__(self, source: str, location: str, message: str) -> None:
        # Messages quote values from the file (a bad id, a duplicate key): escape
        # newlines and other control characters so the error stays on one line.
        source, location, message = escape_unsafe(source), escape_unsafe(location), escape_unsafe(message)
        super().__init__(f"{source}: {location}: {message}")
        self.source = source
        self.location = location
        self.message = message


class _Invalid(Exception):
    def __init__(self, location: str, message: str) -> None:
        super().__init__(location, message)
        self.location = location
        self.message = message


# --- entry points ---------------------------------------------------------------


def load_plan(path: str | os.PathLike[str], *, display_name: str | None = None) -> Plan:
    """Load a .fxplan/.json file, or a PNG/SVG exported with an embedded plan."""
    name = display_name or os.fspath(path)
    data = read_plan_file(path, display_name=name)
    return load_plan_bytes(plan_json_of(data, path, display_name=name), name)


def read_plan_file(path: str | os.PathLike[str], *, display_name: str | None = None) -> bytes:
    """The file's bytes, read once; files over the size limit are refused before reading."""
    from fxdesigner.io.embedded import IMAGE_SUFFIXES, MAX_IMAGE_BYTES

    name = display_name or os.fspath(path)
    limit = MAX_IMAGE_BYTES if Path(path).suffix.lower() in IMAGE_SUFFIXES else MAX_FILE_BYTES
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise PlanLoadError(
                name, "(file)", f"file is {size:,} bytes; files over {limit:,} bytes are refused"
            )
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except PlanLoadError:
        raise
    except IsADirectoryError:
        raise PlanLoadError(name, "(file)", "is a folder, not a plan") from None
    except FileNotFoundError:
        raise PlanLoadError(name, "(file)", "no such file") from None
    except PermissionError:
        raise PlanLoadError(name, "(file)", "permission denied") from None
    except OSError as exc:
        raise PlanLoadError(name, "(file)", exc.strerror or "cannot read the file") from None


def plan_json_of(data: bytes, path: str | os.PathLike[str], *, display_name: str | None = None) -> bytes:
    """The plan's JSON in a file's bytes: the bytes themselves, or the plan a PNG/SVG carries."""
    from fxdesigner.io.embedded import IMAGE_SUFFIXES, extract_plan_json

    suffix = Path(path).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return data
    try:
        return extract_plan_json(data, suffix)
    except ValueError as exc:
        raise PlanLoadError(display_name or os.fspath(path), "(image)", str(exc)) from None


def load_plan_bytes(data: bytes, source: str = "<plan>") -> Plan:
    if len(data) > MAX_FILE_BYTES:
        raise PlanLoadError(source, "(file)", f"plan is {len(data):,} bytes; over {MAX_FILE_BYTES:,} is refused")
    try:
        document = parse(data)
    except JsonProblem as exc:
        raise PlanLoadError(source, exc.location, exc.message) from None
    return plan_from_document(document, source)


def plan_from_document(document: Any, source: str = "<plan>") -> Plan:
    try:
        document = _check_header(document)
        return _build(document)
    except _Invalid as exc:
        raise PlanLoadError(source, exc.location, exc.message) from None


def dumps_plan(plan: Plan) -> str:
    """The plan as deterministic JSON text (two-space indent, final newline)."""
    return json.dumps(plan_to_document(plan), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save_plan(plan: Plan, path: str | os.PathLike[str], *, backup: bool = False) -> None:
    """Atomically write the plan; raises io.atomic.SaveError with a message on failure."""
    from fxdesigner.io.atomic import write_atomic

    write_atomic(path, dumps_plan(plan).encode("utf-8"), backup=backup)


# --- header -----------------------------------------------------------------------


def _check_header(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise _Invalid("(top level)", f"expected a JSON object, found {type_name(document)}")
    if "format" not in document:
        raise _Invalid("(top level)", 'missing required key "format" (is this an FX Designer plan?)')
    if document["format"] != FORMAT:
        raise _Invalid("format", f'expected "{FORMAT}", found {_show(document["format"])}')
    if "schema_version" not in document:
        raise _Invalid("(top level)", 'missing required key "schema_version"')
    version = document["schema_version"]
    if isinstance(version, bool) or not isinstance(version, (int, float)) or version != int(version):
        raise _Invalid("schema_version", f"expected an integer, found {_show(version)}")
    version = int(version)
    if version > CURRENT_SCHEMA_VERSION:
        raise _Invalid(
            "schema_version",
            f"written by a newer FX Designer (schema version {version}; "
            f"this version reads up to {CURRENT_SCHEMA_VERSION}); please update FX Designer",
        )
    if version < 1:
        raise _Invalid("schema_version", f"version {version} is not a valid schema version (the first is 1)")
    if version < CURRENT_SCHEMA_VERSION:
        try:
            document = migrate(document, version, to_version=CURRENT_SCHEMA_VERSION)
        except ValueError as exc:
            raise _Invalid("schema_version", f"cannot upgrade from version {version}: {exc}") from None
    return document


# --- building -------------------------------------------------------------------------


def _build(doc: dict[str, Any]) -> Plan:
    for key in ("devices", "links"):
        if key not in doc:
            raise _Invalid("(top level)", f'missing required key "{key}"')
    for key, check in (("generator", check_string), ("title", check_string), ("region", check_region)):
        if key in doc:
            _require(check(doc[key]), key)
    absent = frozenset(k for k in ("generator", "title", "region", "notes", "waivers") if k not in doc)
    plan = Plan(
        title=doc.get("title"),
        region=doc.get("region"),
        generator=doc.get("generator"),
        extra={k: v for k, v in doc.items() if k not in TOP_KEYS},
        absent=absent,
    )
    # Links are read after every device so that their ends can be checked against the plan.
    readers: tuple[tuple[str, Callable[[Any, str], Any], Callable[[Any], None]], ...] = (
        ("device", _device, plan.add_device),
        ("link", lambda raw, where: _link(raw, where, plan), plan.add_link),
        ("note", _note, plan.add_note),
        ("waiver", _waiver, plan.add_waiver),
    )
    for noun, read, add in readers:
        key = f"{noun}s"
        seen: dict[str, int] = {}
        for i, raw in enumerate(_array(doc, key, key) if key in doc else []):
            item = read(raw, f"{key}[{i}]")
            if item.id in seen:
                raise _Invalid(f"{key}[{i}].id", f'duplicate {noun} id "{item.id}" (also {key}[{seen[item.id]}])')
            seen[item.id] = i
            add(item)
    return plan


def _device(raw: Any, where: str) -> Device:
    obj = _object(raw, where)
    device_id = _required_id(obj, where)
    device_type = _required_valid(obj, "type", where, check_string)
    label = _optional(obj, "label", where, check_label)
    model = _optional(obj, "model", where, check_string)
    x = _required_valid(obj, "x", where, check_coordinate)
    y = _required_valid(obj, "y", where, check_coordinate)
    properties = _properties(obj, where)
    for key, value in properties.items():
        _require(check_device_property(key, value), f"{where}.properties.{key}")
    ports_raw = _array(obj, "ports", f"{where}.ports", parent=where)
    ports: list[Port] = []
    seen: dict[str, int] = {}
    for j, raw_port in enumerate(ports_raw):
        port = _port(raw_port, f"{where}.ports[{j}]")
        if port.id in seen:
            raise _Invalid(
                f"{where}.ports[{j}].id", f'duplicate port id "{port.id}" (also {where}.ports[{seen[port.id]}])'
            )
        seen[port.id] = j
        ports.append(port)
    kinds = {p.id: p.kind for p in ports}
    for j, port in enumerate(ports):
        if port.kind == FXS and "power_fail_to" in port.properties:
            _require(
                check_power_fail_to(port.properties["power_fail_to"], kinds),
                f"{where}.ports[{j}].properties.power_fail_to",
            )
    return Device(
        id=device_id,
        type=device_type,
        x=x,
        y=y,
        label=label,
        model=model,
        properties=properties,
        ports=ports,
        extra=_extra(obj, DEVICE_KEYS),
    )


def _port(raw: Any, where: str) -> Port:
    obj = _object(raw, where)
    port_id = _required_id(obj, where)
    kind = _required(obj, "kind", where)
    if not isinstance(kind, str) or kind not in PORT_KINDS:
        raise _Invalid(f"{where}.kind", f"unknown port kind {_show(kind)} (known: {', '.join(PORT_KINDS)})")
    label = _optional(obj, "label", where, check_string)
    properties = _properties(obj, where)
    for key, value in properties.items():
        _require(check_port_property(kind, key, value), f"{where}.properties.{key}")
    return Port(id=port_id, kind=kind, label=label, properties=properties, extra=_extra(obj, PORT_KEYS))


def _link(raw: Any, where: str, plan: Plan) -> Link:
    obj = _object(raw, where)
    link_id = _required_id(obj, where)
    a = _port_address(_required(obj, "a", where), f"{where}.a", plan)
    b = _port_address(_required(obj, "b", where), f"{where}.b", plan)
    if a == b:
        raise _Invalid(where, f"both ends are the same port, {a}")
    properties = _properties(obj, where)
    for key, value in properties.items():
        _require(check_link_property(key, value), f"{where}.properties.{key}")
    return Link(id=link_id, a=a, b=b, properties=properties, extra=_extra(obj, LINK_KEYS))


def _port_address(raw: Any, where: str, plan: Plan) -> PortRef:
    obj = _object(raw, where)
    unknown = [k for k in obj if k not in ("device", "port")]
    if unknown:
        raise _Invalid(where, f'unexpected key "{unknown[0][:40]}" in a port address (only "device" and "port")')
    device_id = _required_valid(obj, "device", where, check_id)
    port_id = _required_valid(obj, "port", where, check_id)
    if not plan.has_device(device_id):
        raise _Invalid(f"{where}.device", f'no device "{device_id}"')
    if not plan.device(device_id).has_port(port_id):
        raise _Invalid(f"{where}.port", f'device "{device_id}" has no port "{port_id}"')
    return PortRef(device_id, port_id)


def _note(raw: Any, where: str) -> Note:
    obj = _object(raw, where)
    note_id = _required_id(obj, where)
    text = _required_valid(obj, "text", where, check_string)
    x = _required_valid(obj, "x", where, check_coordinate)
    y = _required_valid(obj, "y", where, check_coordinate)
    return Note(id=note_id, text=text, x=x, y=y, extra=_extra(obj, NOTE_KEYS))


def _waiver(raw: Any, where: str) -> Waiver:
    obj = _object(raw, where)
    waiver_id = _required_id(obj, where)
    code = _required_valid(obj, "code", where, check_string)
    subject = _required_valid(obj, "subject", where, check_string)
    reason = _optional(obj, "reason", where, check_string)
    by = _optional(obj, "by", where, check_string)
    date = _optional(obj, "date", where, check_string)
    return Waiver(
        id=waiver_id, code=code, subject=subject, reason=reason, by=by, date=date, extra=_extra(obj, WAIVER_KEYS)
    )


# --- small checks ---------------------------------------------------------------------


def _require(problem: str | None, where: str) -> None:
    if problem:
        raise _Invalid(where, problem)


def _object(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _Invalid(where, f"expected an object, found {type_name(raw)}")
    return raw


def _array(obj: dict[str, Any], key: str, where: str, parent: str = "(top level)") -> list[Any]:
    if key not in obj:
        raise _Invalid(parent, f'missing required key "{key}"')
    value = obj[key]
    if not isinstance(value, list):
        raise _Invalid(where, f"expected an array, found {type_name(value)}")
    return value


def _required(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise _Invalid(where, f'missing required key "{key}"')
    return obj[key]


def _required_valid(obj: dict[str, Any], key: str, where: str, check: Any) -> Any:
    value = _required(obj, key, where)
    _require(check(value), f"{where}.{key}")
    return value


def _required_id(obj: dict[str, Any], where: str) -> str:
    value: str = _required_valid(obj, "id", where, check_id)  # check_id accepts only strings
    return value


def _optional(obj: dict[str, Any], key: str, where: str, check: Any) -> Any:
    if key not in obj:
        return None
    value = obj[key]
    _require(check(value), join_path(where, key))
    return value


def _properties(obj: dict[str, Any], where: str) -> dict[str, Any]:
    if "properties" not in obj:
        return {}
    value = obj["properties"]
    if not isinstance(value, dict):
        raise _Invalid(f"{where}.properties", f"expected an object, found {type_name(value)}")
    return dict(value)


def _extra(obj: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    if len(obj) <= len(known) and all(k in known for k in obj):
        return {}
    return {k: v for k, v in obj.items() if k not in known}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value[:60])
    return type_name(value)


# --- writing -------------------------------------------------------------------------------


def plan_to_document(plan: Plan, *, generator: str = GENERATOR) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": FORMAT, "schema_version": CURRENT_SCHEMA_VERSION, "generator": generator}
    _put_given(doc, plan, ("title", "region"))
    doc["devices"] = [_device_doc(d) for d in plan.iter_devices()]
    doc["links"] = [_link_doc(link) for link in plan.iter_links()]
    notes = plan.notes
    if notes or "notes" not in plan.absent:
        doc["notes"] = [_note_doc(n) for n in notes]
    waivers = plan.waivers
    if waivers or "waivers" not in plan.absent:
        doc["waivers"] = [_waiver_doc(w) for w in waivers]
    doc.update(plan.extra)
    return doc


def _put_given(out: dict[str, Any], obj: object, keys: tuple[str, ...]) -> None:
    """Copy the optional fields that `obj` has into `out`, in the order of `keys`.

    None means the object has no such field: the key is left out of the file
    rather than written as null, which the loader refuses.
    """
    for key in keys:
        value = getattr(obj, key)
        if value is not None:
            out[key] = value


def _device_doc(device: Device) -> dict[str, Any]:
    out: dict[str, Any] = {"id": device.id, "type": device.type}
    _put_given(out, device, ("label", "model"))
    out["x"] = device.x
    out["y"] = device.y
    if device.properties:
        out["properties"] = device.properties
    out["ports"] = [_port_doc(p) for p in device.ports]
    out.update(device.extra)
    return out


def _port_doc(port: Port) -> dict[str, Any]:
    out: dict[str, Any] = {"id": port.id, "kind": port.kind}
    _put_given(out, port, ("label",))
    if port.properties:
        out["properties"] = port.properties
    out.update(port.extra)
    return out


def _link_doc(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": link.id,
        "a": {"device": link.a.device, "port": link.a.port},
        "b": {"device": link.b.device, "port": link.b.port},
    }
    if link.properties:
        out["properties"] = link.properties
    out.update(link.extra)
    return out


def _note_doc(note: Note) -> dict[str, Any]:
    out: dict[str, Any] = {"id": note.id, "text": note.text, "x": note.x, "y": note.y}
    out.update(note.extra)
    return out


def _waiver_doc(waiver: Waiver) -> dict[str, Any]:
    out: dict[str, Any] = {"id": waiver.id, "code": waiver.code, "subject": waiver.subject}
    _put_given(out, waiver, ("reason", "by", "date"))
    out.update(waiver.extra)
    return out
