"""The document: one plan, its file, its undo stack and its live findings.

It is the one place that pushes undo commands. Gestures and panels build a
model edit and hand it here; each edit becomes one QUndoCommand whose text is
the edit's title ("Move 3 devices"), so Edit → Undo names it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from fxdesigner.io.plan_json import dumps_plan, load_plan, save_plan
from fxdesigner.model import edits as e
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.errors import PlanInvariantError
from fxdesigner.model.plan import Link, Note, Plan, PortRef
from fxdesigner.model.touched import Touched, touched
from fxdesigner.rules.engine import Checker, VerdictItem
from fxdesigner.rules.findings import Finding


class EditCommand(QUndoCommand):
    def __init__(self, document: Document, edit: e.Edit) -> None:
        super().__init__()
        self.document = document
        self.edit = edit
        self.error: Exception | None = None

    def redo(self) -> None:
        try:
            self.edit.apply(self.document.plan)
        except (PlanInvariantError, KeyError, ValueError) as exc:
            # The model refused the edit and left the plan as it was: drop the
            # command so the undo stack never holds a step that did not happen.
            self.error = exc
            self.setObsolete(True)
            return
        self.setText(self.edit.title)
        self.document._after(self.edit)

    def undo(self) -> None:
        self.edit.revert(self.document.plan)
        self.document._after(self.edit)


class Document(QObject):
    #: Something in the plan changed: a Touched saying what (for the scene).
    changed = Signal(object)
    #: The findings list was brought up to date.
    findings_changed = Signal()
    #: The file name or the saved/unsaved state changed.
    file_state_changed = Signal()
    #: A whole new plan replaced the old one (open, new).
    replaced = Signal()

    def __init__(self, plan: Plan | None = None, path: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.plan = plan if plan is not None else Plan(title="Untitled plan", region="US")
        self.path = path
        self.checker = Checker(self.plan)
        self.last_error = ""

    def _clean_changed(self, _clean: bool) -> None:
        self.file_state_changed.emit()

    # --- editing ------------------------------------------------------------------------

    def push(self, edit: e.Edit) -> bool:
        """Apply an edit as one undoable step; False (and last_error) if the model refused it."""
        command = EditCommand(self, edit)
        self.undo_stack.push(command)
        if command.error is not None:
            self.last_error = str(command.error)
            return False
        return True

    def _after(self, edit: e.Edit) -> None:
        self.checker.update(edit.impact())
        self.changed.emit(touched(edit))
        self.findings_changed.emit()

    def findings(self) -> list[Finding]:
        return self.checker.findings()

    def verdict(self, a: PortRef, b: PortRef, replacing: str | None = None) -> list[VerdictItem]:
        return self.checker.verdict(a, b, replacing=replacing)

    # --- common edits ---------------------------------------------------------------------

    def place(self, entry_id: str, x: float, y: float) -> str | None:
        entry = default_catalogue().entry(entry_id)
        stem = entry.type.replace("-", "")[:12] if entry.model is None else entry.id.split("-")[-1][:12]
        device_id = self.plan.fresh_id("device", stem)
        label = self._fresh_label(entry.label)
        if self.push(e.AddDevice(entry.make_device(device_id, x, y, label))):
            return device_id
        return None

    def _fresh_label(self, base: str) -> str:
        taken = {d.label for d in self.plan.iter_devices()}
        if base not in taken:
            return base
        n = 2
        while f"{base} {n}" in taken:
            n += 1
        return f"{base} {n}"

    def connect_jacks(self, a: PortRef, b: PortRef) -> str | None:
        link_id = self.plan.fresh_id("link", "c")
        if self.push(e.Connect(Link(link_id, a, b))):
            return link_id
        return None

    def add_note(self, x: float, y: float, text: str = "Note") -> str | None:
        note_id = self.plan.fresh_id("note", "n")
        return note_id if self.push(e.AddNote(Note(note_id, text, x, y))) else None

    # --- files ----------------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    def replace_plan(self, plan: Plan, path: str | None) -> None:
        self.plan = plan
        self.path = path
        self.checker = Checker(plan)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.replaced.emit()
        self.findings_changed.emit()
        self.file_state_changed.emit()

    def open(self, path: str) -> None:
        """Load a plan; raises PlanLoadError (one line) and leaves this document as it was."""
        plan = load_plan(path, display_name=os.path.basename(path))
        self.replace_plan(plan, os.path.abspath(path))

    def save(self, path: str | None = None) -> None:
        """Save atomically; raises io.atomic.SaveError and stays unsaved on failure."""
        target = path or self.path
        if not target:
            raise ValueError("no file name")
        save_plan(self.plan, target, backup=True)
        self.path = os.path.abspath(target)
        self.undo_stack.setClean()
        self.file_state_changed.emit()

    def snapshot(self) -> str:
        return dumps_plan(self.plan)


def touched_everything(plan: Plan) -> Touched:
    return Touched(
        devices=frozenset(d.id for d in plan.iter_devices()),
        links=frozenset(link.id for link in plan.iter_links()),
        notes=frozenset(n.id for n in plan.notes),
        plan=True,
    )
