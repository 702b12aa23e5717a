"""The document: one plan, its file, its undo stack and its live findings.

It is the one place that pushes undo commands. Gestures and panels build a
model edit and hand it here; each edit becomes one QUndoCommand whose text is
the edit's title ("Move 3 devices"), so Edit → Undo names it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from fxdesigner.explain.summary import ReachCache
from fxdesigner.io.atomic import write_atomic
from fxdesigner.io.embedded import IMAGE_SUFFIXES
from fxdesigner.io.limits import load_for_designer
from fxdesigner.io.plan_json import dumps_plan, plan_json_of, read_plan_file
from fxdesigner.model import edits as e
from fxdesigner.model.errors import PlanInvariantError
from fxdesigner.model.plan import Link, Note, Plan, PortRef
from fxdesigner.rules.engine import Checker, VerdictItem
from fxdesigner.rules.findings import Finding


@dataclass(frozen=True)
class Fingerprint:
    """What a file on disk held when we last read or wrote it (for "changed on disk")."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike[str], data: bytes) -> Fingerprint | None:
        """The fingerprint of path, whose content is data (just read or written)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Fingerprint | None:
        """The file's fingerprint now, or None if it is missing or unreadable."""
        try:
            info = os.stat(path)
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, digest.hexdigest())

    def same_stat(self, path: str | os.PathLike[str]) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return False
        return info.st_size == self.size and info.st_mtime_ns == self.mtime_ns


class EditCommand(QUndoCommand):
    def __init__(self, document: Document, edit: e.Edit, applied: bool = False) -> None:
        super().__init__(edit.title)
        self.document = document
        self.edit = edit
        #: Document.push applied the edit already; the stack's first redo only announces it.
        self._applied = applied

    def redo(self) -> None:
        if self._applied:
            self._applied = False
        else:
            self.document.about_to_change.emit()
            try:
                self.edit.apply(self.document.plan)
            except (PlanInvariantError, KeyError, ValueError):
                # The model refused and left the plan as it was: no step that did not happen.
                self.setObsolete(True)
                return
        self.setText(self.edit.title)
        self.document._after(self.edit)

    def undo(self) -> None:
        self.document.about_to_change.emit()
        self.edit.revert(self.document.plan)
        self.document._after(self.edit)


class Document(QObject):
    #: The plan is about to change (an edit, undo, redo or a whole new plan). Whatever is
    #: half done on the canvas (a drag) cancels itself here, before the model moves under it.
    about_to_change = Signal()
    #: Something in the plan changed: an Effect saying what (for the scene).
    changed = Signal(object)
    #: The findings list was brought up to date.
    findings_changed = Signal()
    #: The file name or the saved/unsaved state changed.
    file_state_changed = Signal()
    #: A whole new plan replaced the old one (open, new).
    replaced = Signal()
    #: The plan was written to this path, completely (after the rename).
    saved = Signal(str)
    #: The document is going away (its window closed): autosaves and locks can go.
    closed = Signal()

    def __init__(self, plan: Plan | None = None, path: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.plan = plan if plan is not None else Plan(title="Untitled plan", region="US")
        self.path = path
        self.checker = Checker(self.plan)
        #: Who can call out in each scenario, kept by component (the Explainer's summary
        #: and the scenario view read the same answer).
        self.reach = ReachCache()
        self.last_error = ""
        #: Goes up on every change (edit, undo, redo, new plan); autosave compares it.
        self.revision = 0
        #: The file as we last read or wrote it; None for an untitled plan.
        self.disk_fingerprint: Fingerprint | None = None
        #: The image an untitled plan was read from (a PNG or SVG export): shown, never saved over.
        self.source: str | None = None

    def _clean_changed(self, _clean: bool) -> None:
        self.file_state_changed.emit()

    # --- editing ------------------------------------------------------------------------

    def push(self, edit: e.Edit) -> bool:
        """Apply an edit as one undoable step; False (and last_error) if the model refused it.

        The edit is applied before it reaches the stack: QUndoStack.push drops the redo
        steps, and an edit the model refuses must not cost the user those.
        """
        self.about_to_change.emit()
        try:
            edit.apply(self.plan)
        except (PlanInvariantError, KeyError, ValueError) as exc:
            self.last_error = str(exc)
            return False
        self.undo_stack.push(EditCommand(self, edit, applied=True))
        return True

    def submit(self, make: Callable[[], e.Edit]) -> str | None:
        """Build an edit from what the user typed and push it: None, or why it was refused.

        Edits check their values when they are made, so a value the model would refuse
        (a 300-character label) is caught here, before anything changes.
        """
        try:
            edit = make()
        except PlanInvariantError as exc:
            return str(exc)
        return None if self.push(edit) else (self.last_error or "the plan refused the change")

    def _after(self, edit: e.Edit) -> None:
        self.revision += 1
        effect = edit.effect()
        self.checker.update(effect)
        if effect.devices:
            self.reach.invalidate(effect.devices, self.plan)
        self.changed.emit(effect)
        self.findings_changed.emit()

    def findings(self) -> list[Finding]:
        return self.checker.findings()

    def verdict(self, a: PortRef, b: PortRef, replacing: str | None = None) -> list[VerdictItem]:
        return self.checker.verdict(a, b, replacing=replacing)

    # --- common edits ---------------------------------------------------------------------

    def place(self, entry_id: str, x: float, y: float) -> str | None:
        """Add a device from the catalogue (a fresh id, a label not yet taken); its id, or None."""
        edit = e.place_device(self.plan, entry_id, x, y)
        return edit.device.id if self.push(edit) else None

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
        if self.path:
            return Path(self.path).name
        return Path(self.source).name if self.source else "Untitled"

    @property
    def suggested_path(self) -> str | None:
        """Where Save As starts: the file, or a .fxplan beside the image the plan came from."""
        if self.path:
            return self.path
        return str(Path(self.source).with_suffix(".fxplan")) if self.source else None

    def replace_plan(self, plan: Plan, path: str | None, fingerprint: Fingerprint | None = None,
                     source: str | None = None) -> None:
        self.about_to_change.emit()
        self.plan = plan
        self.path = path
        self.disk_fingerprint = fingerprint
        self.source = source
        self.revision += 1
        self.checker = Checker(plan)
        self.reach = ReachCache()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.replaced.emit()
        self.findings_changed.emit()
        self.file_state_changed.emit()

    def mark_modified(self) -> None:
        """Unsaved from now on, whatever undo does, until the next save (restored work, "keep mine")."""
        self.undo_stack.resetClean()
        self.revision += 1
        self.file_state_changed.emit()

    def open(self, path: str) -> None:
        """Load a plan; raises PlanLoadError (one line) and leaves this document as it was.

        The designer's size limits apply (a huge plan would freeze the window). A plan
        read from an exported PNG or SVG stays untitled: Save must not write JSON over
        the picture, so it asks for a .fxplan name instead.
        """
        name = os.path.basename(path)
        data = read_plan_file(path, display_name=name)
        plan = load_for_designer(plan_json_of(data, path, display_name=name), name)
        if Path(path).suffix.lower() in IMAGE_SUFFIXES:
            self.replace_plan(plan, None, source=os.path.abspath(path))
        else:
            self.replace_plan(plan, os.path.abspath(path), Fingerprint.of(path, data))

    def save(self, path: str | None = None) -> None:
        """Save atomically (with a .bak of the previous version); raises io.atomic.SaveError and
        stays unsaved on failure."""
        target = path or self.path
        if not target:
            raise ValueError("no file name")
        data = dumps_plan(self.plan).encode("utf-8")
        write_atomic(target, data, backup=True)
        self.path = os.path.abspath(target)
        self.disk_fingerprint = Fingerprint.of(self.path, data)
        self.undo_stack.setClean()
        self.file_state_changed.emit()
        self.saved.emit(self.path)

    def close(self) -> None:
        """The user is done with this document (its window closed)."""
        self.closed.emit()

