"""Small reversible changes to a plan.

Every change a user makes is one of these (or a CompoundEdit of several). Each
has apply/revert and says what it changed (its Effect), so the rules engine
re-checks only that much and views redraw only that much. The GUI wraps each in one QUndoCommand; undo is tested here, without
Qt.
"""

from fxdesigner.model.edits.base import DELETE, NO_EFFECT, CompoundEdit, Edit, Effect
from fxdesigner.model.edits.cables import Connect, Disconnect, Reconnect, SetLinkProperty
from fxdesigner.model.edits.devices import (
    AddDevice,
    RemoveDevice,
    SetDeviceField,
    SetDeviceProperty,
    SetPortLabel,
    SetPortProperty,
    fresh_label,
    place_device,
)
from fxdesigner.model.edits.notes import AddNote, RemoveNote, SetNoteText
from fxdesigner.model.edits.plan import SetPlanField
from fxdesigner.model.edits.selection import MoveItems, delete_selection
from fxdesigner.model.edits.waivers import AddWaiver, RemoveWaiver, SetWaiverField

__all__ = [
    "DELETE",
    "NO_EFFECT",
    "AddDevice",
    "AddNote",
    "AddWaiver",
    "CompoundEdit",
    "Connect",
    "Disconnect",
    "Edit",
    "Effect",
    "MoveItems",
    "Reconnect",
    "RemoveDevice",
    "RemoveNote",
    "RemoveWaiver",
    "SetDeviceField",
    "SetDeviceProperty",
    "SetLinkProperty",
    "SetNoteText",
    "SetPlanField",
    "SetPortLabel",
    "SetPortProperty",
    "SetWaiverField",
    "delete_selection",
    "fresh_label",
    "place_device",
]
