"""Undo operations for drill faults: plain JSON that rebuilds model edits.

A drill file may be checked, and repaired, by another run of the program, so
the way back to the original wiring is stored as data, not as Python objects.
Each operation becomes one fxdesigner.model.edits edit when it is applied, and
is checked against the plan as it stands then: a record from a file gets the
same strict checks as any plan.
"""

from __future__ import annotations

import copy
from typing import Any

from fxdesigner.io.plan_json import PlanLoadError, plan_from_document, plan_to_document
from fxdesigner.model import edits as e
from fxdesigner.model.errors import PlanInvariantError
from fxdesigner.model.plan import Device, Link, Plan, PortRef
from fxdesigner.model.values import check_id


class FaultDataError(ValueError):
    """A recorded undo operation is malformed or no longer fits the plan."""


def link_doc(link: Link) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": link.id, "a": str(link.a), "b": str(link.b)}
    if link.properties:
        doc["properties"] = copy.deepcopy(link.properties)
    return doc


def device_doc(device: Device) -> dict[str, Any]:
    holder = Plan()
    holder.add_device(copy.deepcopy(device))
    return plan_to_document(holder)["devices"][0]


# --- undo operations ------------------------------------------------------------------------------------


def parse_port(text: Any, where: str) -> PortRef:
    problem = FaultDataError(f"{where}: expected a jack written device:port")
    if not isinstance(text, str):
        raise problem
    try:
        device, port = PortRef.parse(text)
    except ValueError:
        raise problem from None
    if check_id(device) or check_id(port):
        raise FaultDataError(f"{where}: bad jack {text[:80]!r}")
    return PortRef(device, port)


def link_from_doc(doc: Any, where: str) -> Link:
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or check_id(doc["id"]):
        raise FaultDataError(f"{where}: expected a cable with an id")
    properties = doc.get("properties", {})
    if not isinstance(properties, dict):
        raise FaultDataError(f"{where}.properties: expected an object")
    return Link(
        doc["id"],
        parse_port(doc.get("a"), f"{where}.a"),
        parse_port(doc.get("b"), f"{where}.b"),
        copy.deepcopy(properties),
    )


def device_from_doc(doc: Any, where: str) -> Device:
    # Through the plan loader: a drill record comes from a file and gets the same checks.
    document = {"format": "fxdesigner-plan", "schema_version": 1, "devices": [doc], "links": []}
    try:
        holder = plan_from_document(document, where)
    except PlanLoadError as exc:
        raise FaultDataError(str(exc)) from None
    return holder.devices[0]


def _index(op: dict[str, Any], where: str) -> int | None:
    index = op.get("index")
    if index is None:
        return None
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise FaultDataError(f"{where}.index: expected a whole number")
    return index


def op_edit(op: Any, plan: Plan, where: str) -> e.Edit:
    """One recorded undo operation as a model edit (checked against the plan as it is now)."""
    if not isinstance(op, dict):
        raise FaultDataError(f"{where}: expected an object")
    kind = op.get("op")
    if kind == "reconnect":
        if not isinstance(op.get("link"), str):
            raise FaultDataError(f"{where}.link: expected a cable id")
        return e.Reconnect(
            op["link"], parse_port(op.get("a"), f"{where}.a"), parse_port(op.get("b"), f"{where}.b")
        )
    if kind == "connect":
        return e.Connect(
            link_from_doc(op.get("link"), f"{where}.link"), _clamp(_index(op, where), plan.link_count())
        )
    if kind == "disconnect":
        if not isinstance(op.get("link"), str):
            raise FaultDataError(f"{where}.link: expected a cable id")
        return e.Disconnect(op["link"])
    if kind == "add_device":
        return e.AddDevice(
            device_from_doc(op.get("device"), f"{where}.device"),
            _clamp(_index(op, where), plan.device_count()),
        )
    if kind == "remove_device":
        if not isinstance(op.get("device"), str):
            raise FaultDataError(f"{where}.device: expected a device id")
        return e.RemoveDevice(op["device"])
    if kind == "set_device_property":
        if not isinstance(op.get("device"), str) or not isinstance(op.get("key"), str):
            raise FaultDataError(f"{where}: expected device and key")
        value = op.get("value", e.DELETE)
        try:
            return e.SetDeviceProperty(op["device"], op["key"], value)
        except PlanInvariantError as exc:
            raise FaultDataError(f"{where}: {exc}") from None
    raise FaultDataError(f"{where}.op: unknown operation {kind!r}")


def _clamp(index: int | None, size: int) -> int | None:
    # Other edits since the drill may have shortened the lists; put it at the end then.
    return None if index is None else min(index, size)


def ops_edit(ops: list[Any], title: str, where: str) -> e.CompoundEdit:
    """Undo operations as one edit. Each is built just before it applies, against the plan as it stands."""
    return _LazyCompound(title, ops, where)


class _LazyCompound(e.CompoundEdit):
    """A CompoundEdit whose parts are built from JSON at apply time (indices depend on earlier parts)."""

    def __init__(self, title: str, ops: list[Any], where: str) -> None:
        super().__init__(title, [])
        self._ops = ops
        self._where = where

    def apply(self, plan: Plan) -> None:
        if not self.edits:
            done: list[e.Edit] = []
            try:
                for i, op in enumerate(self._ops):
                    edit = op_edit(op, plan, f"{self._where}[{i}]")
                    edit.apply(plan)
                    done.append(edit)
            except (PlanInvariantError, FaultDataError) as exc:
                for edit in reversed(done):
                    edit.revert(plan)
                raise FaultDataError(f"{self._where}: {exc}") from None
            self.edits = done
            return
        super().apply(plan)
