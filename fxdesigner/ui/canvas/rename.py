"""Rename in place: an editor over a device's label, or a note's text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QLineEdit, QPlainTextEdit, QWidget

from fxdesigner.model import edits as e
from fxdesigner.ui.canvas.items import DeviceItem, NoteItem
from fxdesigner.ui.canvas.view import PlanView
from fxdesigner.ui.text import refusal_words


class InPlaceEditor(QObject):
    """One live editor at a time; Enter (Ctrl+Enter for notes) commits, Esc cancels, focus loss commits."""

    def __init__(self, view: PlanView) -> None:
        super().__init__(view)
        self.view = view
        self.editor: QWidget | None = None
        self.target: QGraphicsItem | None = None
        # An undo (or any edit) may take the item away while its editor is open.
        view.document.changed.connect(self._plan_changed)

    def _plan_changed(self, _touched: object) -> None:
        if self.editor is not None and not self._target_exists():
            self.cancel()

    def _target_exists(self) -> bool:
        """The plan still has the item being renamed (the scene may not have caught up yet)."""
        scene, item, plan = self.view.plan_scene, self.target, self.view.document.plan
        if isinstance(item, DeviceItem):
            return plan.has_device(item.device_id) and scene.devices.get(item.device_id, item) is item
        if isinstance(item, NoteItem):
            return plan.has_note(item.note_id) and scene.notes.get(item.note_id, item) is item
        return False

    def start(self, item: QGraphicsItem) -> None:
        self.cancel()
        plan = self.view.document.plan
        if isinstance(item, DeviceItem) and plan.has_device(item.device_id):
            rect = item.mapRectToScene(item.geometry.label)
            editor: QWidget = QLineEdit(self.view.viewport())
            editor.setObjectName("renameEditor")
            editor.setText(plan.device(item.device_id).label or "")
            editor.setMaxLength(200)
            editor.selectAll()
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        elif isinstance(item, NoteItem) and plan.has_note(item.note_id):
            rect = item.sceneBoundingRect()
            editor = QPlainTextEdit(self.view.viewport())
            editor.setObjectName("noteEditor")
            editor.setPlainText(plan.note(item.note_id).text)
            editor.selectAll()
        else:
            return
        top_left = self.view.mapFromScene(rect.topLeft())
        bottom_right = self.view.mapFromScene(rect.bottomRight())
        box = QRect(top_left, bottom_right).adjusted(-4, -4, 4, 6)
        if isinstance(editor, QLineEdit):
            box.setHeight(max(box.height(), editor.sizeHint().height()))
            box.setWidth(max(box.width(), 160))
        else:
            box.setHeight(max(box.height(), 90))
        editor.setGeometry(box)
        editor.installEventFilter(self)
        self.editor, self.target = editor, item
        editor.show()
        editor.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor:
            if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                key = event.key()
                if key == Qt.Key.Key_Escape:
                    self.cancel()
                    return True
                is_note = isinstance(self.editor, QPlainTextEdit)
                ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (not is_note or ctrl):
                    self.commit()
                    return True
            elif event.type() == QEvent.Type.FocusOut:
                self.commit()
        return super().eventFilter(watched, event)

    def commit(self) -> None:
        editor, item = self.editor, self.target
        if editor is None or item is None:
            return
        if not self._target_exists():
            self.cancel()
            return
        self.editor, self.target = None, None
        editor.removeEventFilter(self)
        document = self.view.document
        problem = None
        if isinstance(item, DeviceItem) and isinstance(editor, QLineEdit):
            text = editor.text()
            if text != (document.plan.device(item.device_id).label or ""):
                device_id = item.device_id
                problem = document.submit(lambda: e.SetDeviceField(device_id, "label", text or e.DELETE))
        elif isinstance(item, NoteItem) and isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            if text != document.plan.note(item.note_id).text:
                note_id = item.note_id
                problem = document.submit(lambda: e.SetNoteText(note_id, text))
        if problem:
            self.view.status_message.emit(f"Not renamed: {refusal_words(problem)}")
        editor.hide()
        editor.deleteLater()
        self.view.setFocus()

    def cancel(self) -> None:
        editor = self.editor
        self.editor, self.target = None, None
        if editor is not None:
            editor.removeEventFilter(self)
            editor.hide()
            editor.deleteLater()

    @property
    def active(self) -> bool:
        return self.editor is not None
