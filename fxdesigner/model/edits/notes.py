"""Edits of notes: add, remove, change their text."""

from __future__ import annotations

from dataclasses import dataclass, field

from fxdesigner.model.edits.base import Edit, Effect, require_valid
from fxdesigner.model.plan import Note, Plan
from fxdesigner.model.values import check_string


@dataclass
class AddNote(Edit):
    note: Note
    index: int | None = None
    title: str = field(default="Add note", init=False)

    def apply(self, plan: Plan) -> None:
        plan.add_note(self.note, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_note(self.note.id)

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note.id}))


@dataclass
class RemoveNote(Edit):
    note_id: str
    _note: Note | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Delete note", init=False)

    def apply(self, plan: Plan) -> None:
        self._note, self._index = plan.remove_note(self.note_id)

    def revert(self, plan: Plan) -> None:
        assert self._note is not None
        plan.add_note(self._note, self._index)

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note_id}))


@dataclass
class SetNoteText(Edit):
    note_id: str
    text: str
    _old: str = field(default="", init=False, repr=False)
    title: str = field(default="Edit note", init=False)

    def __post_init__(self) -> None:
        require_valid("text", check_string(self.text))

    def apply(self, plan: Plan) -> None:
        note = plan.note(self.note_id)
        self._old = note.text
        note.text = self.text

    def revert(self, plan: Plan) -> None:
        plan.note(self.note_id).text = self._old

    def effect(self) -> Effect:
        return Effect(notes=frozenset({self.note_id}))
