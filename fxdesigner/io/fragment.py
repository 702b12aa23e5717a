"""Copy and paste: part of a plan as a small .fxplan document, pasted with fresh ids.

The clipboard carries a whole, valid plan document (the selected devices, the
cables between them and the selected notes), so pasting into another window —
or another program — goes through exactly the checks of opening a file.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from fxdesigner.io.plan_json import dumps_plan, load_plan_bytes
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Device, Link, Note, Plan, PortRef
from fxdesigner.model.text import plural

_TRAILING_NUMBER = re.compile(r"\d+$")


def copy_fragment(plan: Plan, device_ids: Iterable[str], note_ids: Iterable[str] = ()) -> str:
    chosen = [d for d in dict.fromkeys(device_ids) if plan.has_device(d)]
    wanted = set(chosen)
    fragment = Plan(title=plan.title, region=plan.region)
    for device in plan.iter_devices():
        if device.id in wanted:
            fragment.add_device(copy.deepcopy(device))
    for link in plan.iter_links():
        if link.a.device in wanted and link.b.device in wanted:
            fragment.add_link(copy.deepcopy(link))
    for note_id in dict.fromkeys(note_ids):
        if plan.has_note(note_id):
            fragment.add_note(copy.deepcopy(plan.note(note_id)))
    return dumps_plan(fragment)


class _Ids:
    """Fresh ids for one paste: not in the plan and not handed out earlier in this paste."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def fresh(self, old: str) -> str:
        stem = _TRAILING_NUMBER.sub("", old)[:56] or "x"
        n = 1
        while f"{stem}{n}" in self.taken:
            n += 1
        new = f"{stem}{n}"
        self.taken.add(new)
        return new


def paste_edit(plan: Plan, data: bytes, offset: tuple[float, float] = (40.0, 40.0)) -> e.CompoundEdit | None:
    """One edit adding the clipboard's devices, cables and notes; raises PlanLoadError if malformed."""
    fragment = load_plan_bytes(data, "clipboard")
    dx, dy = offset
    device_ids = _Ids(d.id for d in plan.iter_devices())
    link_ids = _Ids(link.id for link in plan.iter_links())
    note_ids = _Ids(n.id for n in plan.notes)
    renamed: dict[str, str] = {}
    edits: list[e.Edit] = []
    for device in fragment.iter_devices():
        new_id = device_ids.fresh(device.id)
        renamed[device.id] = new_id
        edits.append(e.AddDevice(Device(
            id=new_id,
            type=device.type,
            x=device.x + dx,
            y=device.y + dy,
            label=device.label,
            model=device.model,
            properties=copy.deepcopy(device.properties),
            ports=copy.deepcopy(device.ports),
            extra=copy.deepcopy(device.extra),
        )))
    for link in fragment.iter_links():
        edits.append(e.Connect(Link(
            id=link_ids.fresh(link.id),
            a=PortRef(renamed[link.a.device], link.a.port),
            b=PortRef(renamed[link.b.device], link.b.port),
            properties=copy.deepcopy(link.properties),
            extra=copy.deepcopy(link.extra),
        )))
    for note in fragment.notes:
        edits.append(e.AddNote(Note(note_ids.fresh(note.id), note.text, note.x + dx, note.y + dy)))
    if not edits:
        return None
    count = fragment.device_count()
    what = plural(count, "device") if count else f"{len(fragment.notes)} note(s)"
    return e.CompoundEdit(f"Paste {what}", edits)


def pasted_ids(edit: e.CompoundEdit) -> tuple[list[str], list[str], list[str]]:
    devices = [x.device.id for x in edit.edits if isinstance(x, e.AddDevice)]
    links = [x.link.id for x in edit.edits if isinstance(x, e.Connect)]
    notes = [x.note.id for x in edit.edits if isinstance(x, e.AddNote)]
    return devices, links, notes

