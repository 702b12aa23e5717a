"""Which objects an edit changed, for views that mirror the plan.

Impact (in edits.py) tells the rules engine what to re-check; this tells a
view what to redraw: moving a device changes no finding but must move its
item and its cables. Read it after apply or revert: removal edits only know
what they removed once they ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

from fxdesigner.model import edits as e


@dataclass(frozen=True)
class Touched:
    devices: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    #: The plan's own fields (title, region) or its waivers.
    plan: bool = False

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.devices | other.devices,
            self.links | other.links,
            self.notes | other.notes,
            self.plan or other.plan,
        )


NOTHING = Touched()


@singledispatch
def touched(edit: e.Edit) -> Touched:
    return Touched(devices=edit.impact().devices, plan=True)


@touched.register
def _(edit: e.AddDevice) -> Touched:
    return Touched(devices=frozenset({edit.device.id}))


@touched.register
def _(edit: e.RemoveDevice) -> Touched:
    links = frozenset(link.id for _, link in edit._links)
    return Touched(devices=edit.impact().devices, links=links)


@touched.register
def _(edit: e.MoveItems) -> Touched:
    return Touched(devices=frozenset(edit.devices), notes=frozenset(edit.notes))


@touched.register
def _(edit: e.SetDeviceField) -> Touched:
    return Touched(devices=frozenset({edit.device_id}))


@touched.register
def _(edit: e.SetDeviceProperty) -> Touched:
    return Touched(devices=frozenset({edit.device_id}))


@touched.register
def _(edit: e.SetPortLabel) -> Touched:
    return Touched(devices=frozenset({edit.ref.device}))


@touched.register
def _(edit: e.SetPortProperty) -> Touched:
    return Touched(devices=frozenset({edit.ref.device}))


@touched.register
def _(edit: e.Connect) -> Touched:
    return Touched(devices=edit.impact().devices, links=frozenset({edit.link.id}))


@touched.register
def _(edit: e.Disconnect) -> Touched:
    return Touched(devices=edit.impact().devices, links=frozenset({edit.link_id}))


@touched.register
def _(edit: e.Reconnect) -> Touched:
    return Touched(devices=edit.impact().devices, links=frozenset({edit.link_id}))


@touched.register
def _(edit: e.SetLinkProperty) -> Touched:
    return Touched(links=frozenset({edit.link_id}))


@touched.register
def _(edit: e.SetPlanField) -> Touched:
    return Touched(plan=True)


@touched.register
def _(edit: e.AddNote) -> Touched:
    return Touched(notes=frozenset({edit.note.id}))


@touched.register
def _(edit: e.RemoveNote) -> Touched:
    return Touched(notes=frozenset({edit.note_id}))


@touched.register
def _(edit: e.SetNoteText) -> Touched:
    return Touched(notes=frozenset({edit.note_id}))


@touched.register(e.AddWaiver)
@touched.register(e.RemoveWaiver)
@touched.register(e.SetWaiverField)
def _(edit: e.Edit) -> Touched:
    return Touched(plan=True)


@touched.register
def _(edit: e.CompoundEdit) -> Touched:
    result = NOTHING
    for part in edit.edits:
        result = result | touched(part)
    return result
