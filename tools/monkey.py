"""A restless user on the real window: seeded runs of real Qt input, checked after every action.

Run:   .venv/bin/python tools/monkey.py                          # 40 seeds x 500 actions
       .venv/bin/python tools/monkey.py --seeds 100 --actions 400 --first-seed 1000
       .venv/bin/python tools/monkey.py --replay monkey-out/seed-7.json   # replay a saved list

Each seed is a list of actions made up front from the seed alone (targets are
fractions, resolved against whatever the plan holds when the action runs), so
any sub-list of it can be replayed. The actions are what a person does with a
mouse and a keyboard: palette drops, presses, moves with the button held and
releases on jacks, devices, cables, cable ends, notes and empty canvas; clicks,
double clicks, rubber bands, Ctrl+wheel; every shortcut, sent as key events to
the focused widget, also in the middle of a drag; typing into the Properties
dock and leaving the field by Tab, Enter, Escape or a click elsewhere; waivers
in the findings list; scenario switches and traces; new plan, templates, save
and reopen.

After every action, the run checks that:
- no exception escaped (sys.excepthook, sys.unraisablehook) and Qt printed no
  warning or critical message;
- the scene mirrors the plan: the same devices, cables and notes, at the model's
  positions (when no button is held), with the model's cable ends, labels and
  note texts, and no item the plan does not explain (a drag's rubber line or a
  trace's badges only while they are live);
- the findings shown (the findings list, the device badges, the status bar
  counts) equal a fresh full check of the plan in the current scenario.
At the end, undoing every step gives back the plan as it was when it was last
opened or made, byte for byte, and redoing every step gives back the final plan.

Each seed runs in a child process, so a segmentation fault is caught and named.
A failing seed is shrunk (delta debugging over the action list, in child
processes) to a short list that still fails the same way; it is written to the
--out folder and can be replayed with --replay.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

Action = list[Any]

# --- the actions --------------------------------------------------------------------------------

TARGETS = ("jack", "jack", "device", "cable", "cable_end", "note", "empty", "label")
#: Keys a user presses on the window (sent to the focused widget, as a keyboard does).
KEYS = (
    "Delete", "Backspace", "Ctrl+X", "Ctrl+C", "Ctrl+V", "Ctrl+D", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z",
    "Ctrl+A", "F2", "Escape", "T", "F8", "Shift+F8", "Ctrl++", "Ctrl+-", "Ctrl+0", "Ctrl+1", "Ctrl+2",
    "Alt+1", "Alt+2", "Alt+3", "Ctrl+G", "Ctrl+Shift+N", "Return", "Tab", "Space", "Ctrl+Shift+S", "Ctrl+P",
    "Ctrl+O",
)
#: Keys pressed in the middle of a drag (the button still held).
MID_GESTURE_KEYS = ("Delete", "Ctrl+X", "Ctrl+V", "Ctrl+D", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Escape",
                    "Ctrl+A", "F2", "Alt+2", "Alt+1", "T", "Ctrl+N")
TEXTS = ("Kitchen", "x" * 230, "12", "<b>bold</b>", "", "Reception phone 2", "-5", "3.5", "99999999")
LEAVES = ("tab", "enter", "canvas", "other_field", "escape", "undo_button")
FILE_OPS = ("new", "template", "save", "reopen", "open_saved")
FINDING_OPS = ("click", "waive", "unwaive", "next")

WEIGHTS = (
    ("drop", 8), ("place", 2), ("click", 12), ("dblclick", 3), ("drag", 16), ("gesture", 12),
    ("key", 14), ("field", 12), ("rename", 4), ("wheel", 3), ("finding", 4), ("file", 2),
)


def make_actions(seed: int, count: int) -> list[Action]:
    """The action list of a seed: data only, so it can be saved, replayed and shrunk."""
    rng = random.Random(seed)
    names = [name for name, _ in WEIGHTS]
    weights = [w for _, w in WEIGHTS]
    actions: list[Action] = []
    while len(actions) < count:
        kind = rng.choices(names, weights)[0]
        r = rng.random
        if kind == "drop":
            actions.append(["drop", r(), r(), r()])
        elif kind == "place":
            actions.append(["place", r()])
        elif kind == "click":
            actions.append(["click", rng.choice(TARGETS), r(), rng.choice(["", "", "", "ctrl", "shift"])])
        elif kind == "dblclick":
            actions.append(["dblclick", rng.choice(TARGETS), r()])
        elif kind == "drag":
            to = "jack" if rng.random() < 0.5 else rng.choice(TARGETS)
            actions.append(["drag", rng.choice(TARGETS), r(), to, r(), rng.randint(2, 8)])
        elif kind == "gesture":
            # A drag taken apart, with keys pressed while the button is held.
            actions.append(["press", rng.choice(TARGETS), r()])
            for _ in range(rng.randint(1, 3)):
                actions.append(["move", rng.choice(TARGETS), r()])
            for _ in range(rng.randint(1, 2)):
                actions.append(["key", rng.choice(MID_GESTURE_KEYS)])
            for _ in range(rng.randint(0, 2)):
                actions.append(["move", rng.choice(TARGETS), r()])
            actions.append(["release", rng.choice(TARGETS), r()])
        elif kind == "key":
            actions.append(["key", rng.choice(KEYS)])
        elif kind == "field":
            actions.append(["field", r(), rng.choice(TEXTS), rng.choice(LEAVES)])
        elif kind == "rename":
            actions.append(["rename", rng.choice(["device", "note"]), r(), rng.choice(TEXTS),
                            rng.choice(LEAVES)])
        elif kind == "wheel":
            actions.append(["wheel", rng.choice([-2, -1, 1, 2])])
        elif kind == "finding":
            actions.append(["finding", rng.choice(FINDING_OPS), r()])
        else:
            actions.append(["file", rng.choice(FILE_OPS), r()])
    return actions[:count]


# --- the run, inside one process -------------------------------------------------------------------


class Failure(Exception):
    """An invariant broke: kind (for shrinking) and detail (for people)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


#: An action that takes longer than this is a hang (a modal loop nobody answers).
HANG_SECONDS = 60

#: Qt messages that say nothing about us (platform plugin chatter).
QT_NOISE = ("propagateSizeHints", "QFont::", "Populating font family", "offscreen", "QStandardPaths",
            "This plugin does not support")


class Runner:
    """Drives one main window with real events and checks it after every action."""

    def __init__(self, start: str, workdir: Path) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["FXDESIGNER_CONFIG_DIR"] = str(workdir / "config")
        os.environ["FXDESIGNER_DATA_DIR"] = str(workdir / "data")
        self.workdir = workdir
        self.errors: list[str] = []
        self._install_hooks()
        from PySide6.QtWidgets import QApplication

        from fxdesigner.ui.app import create_application

        self.app = QApplication.instance() or QApplication([])
        create_application()
        self._patch_dialogs()
        from fxdesigner.io.plan_json import dumps_plan, load_plan
        from fxdesigner.io.templates import templates
        from fxdesigner.ui.document import Document
        from fxdesigner.ui.main_window import MainWindow

        self.dumps = dumps_plan
        self.templates = templates()
        document = Document()
        if start != "empty":
            path = next((t.path for t in self.templates if t.path.stem == start), None)
            if path is None:
                raise SystemExit(f"monkey: no template named {start}")
            document.replace_plan(load_plan(path), None)
        self.window = MainWindow(document)
        self.window.resize(1200, 800)
        self.window.show()
        self.window.activateWindow()
        self.window.raise_()
        self.held = False
        self.saved: Path | None = None
        self.save_count = 0
        self.origin = self.dumps(document.plan)
        #: The plan after the newest step on the undo stack (what redoing everything must give).
        self.top = self.origin
        #: What the run did to the plan, to show that the actions reach it.
        self.stats = {"steps": 0, "cables": 0, "most_devices": 0}
        document.replaced.connect(self._replaced)
        document.undo_stack.indexChanged.connect(self._index_changed)
        self._settle()

    # --- hooks and dialogs ----------------------------------------------------------------------

    def _install_hooks(self) -> None:
        def excepthook(kind, value, tb):
            self.errors.append("".join(traceback.format_exception(kind, value, tb)))
            sys.__excepthook__(kind, value, tb)  # and say it, should the run itself die of it

        def unraisable(info):
            self.errors.append(f"unraisable: {info.exc_type.__name__}: {info.exc_value} in {info.object!r}")

        sys.excepthook = excepthook
        sys.unraisablehook = unraisable
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        def qt_messages(kind, _context, message):
            if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
                return
            if any(noise in message for noise in QT_NOISE):
                return
            self.errors.append(f"Qt {kind.name}: {message}")

        qInstallMessageHandler(qt_messages)

    def _patch_dialogs(self) -> None:
        """Modal dialogs answer at once, as a user who clicks the obvious button."""
        from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

        from fxdesigner.ui.panels.finding_actions import WaiveDialog

        def message_exec(box):
            return QMessageBox.StandardButton.Discard

        def dialog_exec(dialog):
            if isinstance(dialog, WaiveDialog):
                dialog.reason.setText("Accepted on site")
                return QDialog.DialogCode.Accepted
            return QDialog.DialogCode.Rejected

        def save_name(*_args, **_kwargs):
            self.save_count += 1
            return str(self.workdir / f"plan-{self.save_count}.fxplan"), ""

        def open_name(*_args, **_kwargs):
            return (str(self.saved) if self.saved else ""), ""

        QMessageBox.exec = message_exec
        # Subclasses with an exec() of their own in the bindings need their own patch.
        from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
        from PySide6.QtWidgets import QInputDialog, QProgressDialog

        for kind in (QDialog, QPrintDialog, QPrintPreviewDialog, QInputDialog, QProgressDialog, QFileDialog):
            kind.exec = dialog_exec
        QFileDialog.getSaveFileName = staticmethod(save_name)
        QFileDialog.getOpenFileName = staticmethod(open_name)

    def _replaced(self) -> None:
        self.origin = self.top = self.dumps(self.window.document.plan)

    def _index_changed(self, index: int) -> None:
        stack = self.window.document.undo_stack
        if index == stack.count():
            plan = self.window.document.plan
            self.top = self.dumps(plan)
            self.stats["steps"] += 1
            self.stats["cables"] = max(self.stats["cables"], plan.link_count())
            self.stats["most_devices"] = max(self.stats["most_devices"], plan.device_count())

    def _settle(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        for _ in range(3):
            self.app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # --- targets ------------------------------------------------------------------------------------

    def _point(self, kind: str, r: float):
        """A scene point on something of this kind (picked by r), or on empty canvas."""
        from PySide6.QtCore import QPointF

        scene = self.window.plan_scene
        view = self.window.view
        plan = self.window.document.plan
        if kind == "jack":
            jacks = [(d.id, p.id) for d in plan.iter_devices() for p in d.ports if d.id in scene.devices]
            if jacks:
                device_id, port_id = jacks[int(r * len(jacks))]
                return scene.devices[device_id].jack_scene_pos(port_id)
        elif kind in ("device", "label"):
            items = [scene.devices[d.id] for d in plan.iter_devices() if d.id in scene.devices]
            if items:
                item = items[int(r * len(items))]
                if kind == "label":
                    return item.mapToScene(item.geometry.label.center())
                return item.mapToScene(QPointF(item.geometry.body.width() / 2, 12))
        elif kind in ("cable", "cable_end"):
            items = [scene.links[link.id] for link in plan.iter_links() if link.id in scene.links]
            if items:
                item = items[int(r * len(items))]
                if kind == "cable_end":
                    return item.endpoints()[int(r * 1000) % 2]
                return _cable_middle(item)
        elif kind == "note":
            items = [scene.notes[n.id] for n in plan.notes if n.id in scene.notes]
            if items:
                item = items[int(r * len(items))]
                return item.sceneBoundingRect().center()
        rect = view.viewport().rect()
        return view.mapToScene(int(rect.width() * r), int(rect.height() * ((r * 7.31) % 1.0)))

    def _local(self, scene_point, scroll: bool):
        view = self.window.view
        local = view.mapFromScene(scene_point)
        if scroll and not view.viewport().rect().contains(local):
            view.centerOn(scene_point)  # the user scrolls it into view first
            local = view.mapFromScene(scene_point)
        return local

    def _mouse(self, kind, local, button, buttons, modifiers=None) -> None:
        from PySide6.QtCore import QPointF, Qt
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        viewport = self.window.view.viewport()
        modifiers = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
        point = QPointF(local)
        event = QMouseEvent(kind, point, QPointF(viewport.mapToGlobal(local)), button, buttons, modifiers)
        QApplication.sendEvent(viewport, event)

    def _canvas(self, what: str, kind: str, r: float, modifiers=None) -> None:
        """Presses, releases and clicks go through QTest, as spontaneous events through the window
        (so the widget under the point gets them and focus moves, as on a desktop); moves are
        QMouseEvents with the button state, the way a drag arrives."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtTest import QTest

        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        modifiers = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
        viewport = self.window.view.viewport()
        local = self._local(self._point(kind, r), scroll=what in ("press", "click", "dblclick"))
        if what == "press":
            self.held = True
            QTest.mousePress(viewport, left, modifiers, local)
        elif what == "move":
            self._mouse(QEvent.Type.MouseMove, local, none, left if self.held else none)
        elif what == "release":
            QTest.mouseRelease(viewport, left, modifiers, local)
            self.held = False
        elif what == "click":
            QTest.mouseClick(viewport, left, modifiers, local)
        elif what == "dblclick":
            # What a mouse sends: press, release, then the second press as a double click, release.
            QTest.mouseClick(viewport, left, modifiers, local)
            QTest.mouseDClick(viewport, left, modifiers, local)
            QTest.mouseRelease(viewport, left, modifiers, local)

    # --- actions ------------------------------------------------------------------------------------

    def run(self, action: Action) -> None:
        getattr(self, f"do_{action[0]}")(*action[1:])
        self._settle()

    def do_drop(self, entry_r: float, x: float, y: float) -> None:
        from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
        from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
        from PySide6.QtWidgets import QApplication

        from fxdesigner.ui.canvas.view import ENTRY_MIME

        entries = self.window.palette.visible_entries() or sorted(self.window.palette._items)
        entry = entries[int(entry_r * len(entries))]
        # What the palette tree itself puts on the drag (QDrag.exec cannot run offscreen).
        mime = self.window.palette.tree.mimeData([self.window.palette.item_for(entry)])
        assert isinstance(mime, QMimeData) and mime.hasFormat(ENTRY_MIME)
        viewport = self.window.view.viewport()
        local = QPoint(int(viewport.width() * x), int(viewport.height() * y))
        copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(local, copy, mime, left, none)
        QApplication.sendEvent(viewport, enter)
        if enter.isAccepted():
            QApplication.sendEvent(viewport, QDragMoveEvent(local, copy, mime, left, none))
            QApplication.sendEvent(viewport, QDropEvent(QPointF(local), copy, mime, left, none))

    def do_place(self, entry_r: float) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        palette = self.window.palette
        entries = palette.visible_entries()
        if not entries:
            return
        item = palette.item_for(entries[int(entry_r * len(entries))])
        tree = palette.tree
        tree.scrollToItem(item)
        centre = tree.visualItemRect(item).center()
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)

    def do_click(self, kind: str, r: float, mods: str = "") -> None:
        from PySide6.QtCore import Qt

        modifiers = {"ctrl": Qt.KeyboardModifier.ControlModifier,
                     "shift": Qt.KeyboardModifier.ShiftModifier}.get(mods, Qt.KeyboardModifier.NoModifier)
        self.window.view.setFocus()
        self._canvas("click", kind, r, modifiers)

    def do_dblclick(self, kind: str, r: float) -> None:
        self._canvas("dblclick", kind, r)

    def do_drag(self, kind: str, r: float, to: str, r2: float, steps: int) -> None:
        from PySide6.QtCore import QEvent, QPointF, Qt
        from PySide6.QtTest import QTest

        left = Qt.MouseButton.LeftButton
        viewport = self.window.view.viewport()
        start = self._local(self._point(kind, r), scroll=True)
        self.held = True
        QTest.mousePress(viewport, left, Qt.KeyboardModifier.NoModifier, start)
        end_scene = self._point(to, r2)
        end = self.window.view.mapFromScene(end_scene)
        for i in range(1, steps + 1):
            t = i / steps
            p = QPointF(start) + (QPointF(end) - QPointF(start)) * t
            self._mouse(QEvent.Type.MouseMove, p.toPoint(), Qt.MouseButton.NoButton, left)
        QTest.mouseRelease(viewport, left, Qt.KeyboardModifier.NoModifier, end)
        self.held = False

    def do_press(self, kind: str, r: float) -> None:
        self.window.view.setFocus()
        self._canvas("press", kind, r)

    def do_move(self, kind: str, r: float) -> None:
        self._canvas("move", kind, r)

    def do_release(self, kind: str, r: float) -> None:
        self._canvas("release", kind, r)

    def _key(self, name: str, target=None) -> None:
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        combo = QKeySequence(name)[0]
        widget = target or QApplication.focusWidget() or self.window
        QTest.keyClick(widget, combo.key(), combo.keyboardModifiers())

    def do_key(self, name: str) -> None:
        self._key(name)

    def _fields(self) -> list:
        panel = self.window.properties
        return [w for w in panel.fields.values() if w.isVisible() and w.isEnabled()]

    def _leave(self, how: str, fields: list, field) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QToolButton

        if how == "tab":
            self._key("Tab")
        elif how == "enter":
            self._key("Return")
        elif how == "escape":
            self._key("Escape")
        elif how == "canvas":
            self._canvas("click", "empty", 0.37)
        elif how == "other_field":
            others = [f for f in fields if f is not field and f.isVisible()]
            if others:
                other = others[0]
                QTest.mouseClick(other, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 other.rect().center())
        elif how == "undo_button":
            button = self.window.toolbar.widgetForAction(self.window.undo_action)
            if isinstance(button, QToolButton) and button.isEnabled():
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def do_field(self, r: float, text: str, leave: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import (
            QAbstractSpinBox,
            QApplication,
            QCheckBox,
            QComboBox,
            QPlainTextEdit,
            QStyle,
            QStyleOptionButton,
        )

        fields = self._fields()
        if not fields:
            return
        field = fields[int(r * len(fields))]
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        if isinstance(field, QCheckBox):
            option = QStyleOptionButton()
            field.initStyleOption(option)
            box = field.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, field)
            QTest.mouseClick(field, left, none, box.center())
            return
        if isinstance(field, QComboBox) and not field.isEditable():
            field.setFocus()
            self._key("Down" if len(text) % 2 else "Up", field)
            return
        QTest.mouseClick(field, left, none, field.rect().center())
        focus = QApplication.focusWidget()
        if focus is None:
            return
        self._key("Ctrl+A", focus)
        if isinstance(field, QAbstractSpinBox):
            text = "".join(c for c in text if c.isdigit() or c in ".-")[:8] or "0"
        if isinstance(field, QPlainTextEdit):
            text = text[:60]
        QTest.keyClicks(focus, text)
        if isinstance(field, QPlainTextEdit) and leave == "enter":
            leave = "other_field"
        self._leave(leave, self._fields(), field)

    def do_rename(self, kind: str, r: float, text: str, leave: str) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        self.do_dblclick(kind if kind != "device" else "label", r)
        self._settle()
        editor = self.window.editor.editor
        if editor is None:
            return
        QTest.keyClicks(editor, text[:60])
        if leave == "enter":
            self._key("Ctrl+Return" if kind == "note" else "Return", editor)
        elif leave == "escape":
            self._key("Escape", editor)
        elif leave == "undo_button":
            self._leave("undo_button", [], None)
            self._settle()
            focus = QApplication.focusWidget()
            if focus is not None:
                self._key("Return", focus)
        else:
            self._canvas("click", "empty", 0.61)

    def do_wheel(self, steps: int) -> None:
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtGui import QWheelEvent
        from PySide6.QtWidgets import QApplication

        viewport = self.window.view.viewport()
        centre = QPointF(viewport.rect().center())
        event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)

    def do_finding(self, op: str, r: float) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        panel = self.window.findings_panel
        table = panel.table
        rows = panel.proxy.rowCount()
        if op == "next":
            self._key("F8")
            return
        if not rows:
            return
        index = panel.proxy.index(int(r * rows), 1)
        table.scrollTo(index)
        rect = table.visualRect(index)
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())
        button = {"waive": panel.waive_button, "unwaive": panel.unwaive_button}.get(op)
        if button is not None and button.isEnabled():
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def do_file(self, op: str, r: float) -> None:
        window = self.window
        if op == "new":
            self._key("Ctrl+N", window)
        elif op == "template":
            actions = window.template_menu.actions()
            actions[int(r * len(actions))].trigger()
        elif op == "save":
            self._key("Ctrl+S", window)
            if window.document.path and not window.document.modified:
                self.saved = Path(window.document.path)
        elif op == "reopen":
            # Open the saved file after a new plan: the file as a stranger would get it.
            if self.saved is not None:
                self._key("Ctrl+N", window)
                self._settle()
                self._key("Ctrl+O", window)
        elif op == "open_saved" and self.saved is not None:
            self._key("Ctrl+O", window)

    # --- checks -------------------------------------------------------------------------------------

    def check(self) -> None:
        if self.errors:
            errors, self.errors = self.errors, []
            raise Failure("exception", errors[0].strip().splitlines()[-1] + "\n" + "\n".join(errors))
        check_mirror(self.window, self.held)
        check_findings(self.window)

    def finish(self) -> None:
        """Undo everything back to the opened plan, redo everything to the newest step, then
        undo back to where the user left it."""

        if self.held:
            self._canvas("release", "empty", 0.5)
        window = self.window
        window.editor.cancel()
        self._settle()
        final = self.dumps(window.document.plan)
        stack = window.document.undo_stack
        left_at = stack.index()
        while stack.canUndo():
            stack.undo()
        self._settle()
        self.check()
        if self.dumps(window.document.plan) != self.origin:
            raise Failure("undo-all", "undoing every step did not give back the starting plan")
        while stack.canRedo():
            stack.redo()
        self._settle()
        self.check()
        if self.dumps(window.document.plan) != self.top:
            raise Failure("redo-all", "redoing every step did not give back the newest plan")
        stack.setIndex(left_at)
        self._settle()
        self.check()
        if self.dumps(window.document.plan) != final:
            raise Failure("undo-to-final", "undoing back to where the user stopped gave another plan")


def check_mirror(window, held: bool) -> None:
    """Raise Failure unless the scene shows exactly the plan (positions only when no button is held)."""
    from fxdesigner.model.text import one_line
    from fxdesigner.ui.canvas.items import DeviceItem, LinkItem, NoteItem

    plan = window.document.plan
    scene = window.plan_scene
    if set(scene.devices) != {d.id for d in plan.iter_devices()}:
        raise Failure("mirror-devices", f"scene {sorted(scene.devices)[:8]} plan {plan.device_count()}")
    if set(scene.links) != {link.id for link in plan.iter_links()}:
        raise Failure("mirror-links", f"scene {sorted(scene.links)[:8]}")
    if set(scene.notes) != {n.id for n in plan.notes}:
        raise Failure("mirror-notes", f"scene {sorted(scene.notes)}")
    moving = held
    for device in plan.iter_devices():
        item = scene.devices[device.id]
        if item.scene() is not scene:
            raise Failure("mirror-devices", f"{device.id} item not in the scene")
        if not moving and (item.pos().x(), item.pos().y()) != (device.x, device.y):
            raise Failure("mirror-position", f"{device.id} at {item.pos().toTuple()} but the plan says "
                          f"{(device.x, device.y)}")
        if item.label != one_line(device.name, 80):
            raise Failure("mirror-label", f"{device.id} shows {item.label!r}, plan {device.name!r}")
    for link in plan.iter_links():
        item = scene.links[link.id]
        if item.scene() is not scene or tuple(item.ends) != (link.a, link.b):
            raise Failure("mirror-cable", f"{link.id} shows {item.ends} but is {link.a}-{link.b}")
    for note in plan.notes:
        item = scene.notes[note.id]
        if not moving and (item.pos().x(), item.pos().y()) != (note.x, note.y):
            raise Failure("mirror-position", f"note {note.id} moved off the plan")
        shown = "\n".join([one_line(line, 2000) for line in note.text.splitlines()[:40]] or [""])
        if item.text != shown:
            raise Failure("mirror-note", f"note {note.id} shows {item.text[:40]!r}, plan {note.text[:40]!r}")
    known: set[int] = set()
    for mapping in (scene.devices, scene.links, scene.notes):
        known.update(id(item) for item in mapping.values())
    view = window.view
    gesture = view.active_gesture() if hasattr(view, "active_gesture") else None
    extras = set(id(item) for item in (gesture.scene_items() if gesture is not None else ()))
    extras.update(id(item) for item in window.trace_view.callouts)
    for item in scene.items():
        if item.parentItem() is not None or id(item) in known or id(item) in extras:
            continue
        if isinstance(item, (DeviceItem, LinkItem, NoteItem)):
            raise Failure("mirror-stale", f"a {type(item).__name__} the plan does not have")
        raise Failure("mirror-leftover", f"a {type(item).__name__} left in the scene")
    if gesture is None:
        for item in scene.devices.values():
            if item.verdict is not None:
                raise Failure("mirror-leftover", f"a verdict ring left on {item.device_id}")
    editor = window.editor
    if editor.active:
        target = editor.target
        gone = (isinstance(target, DeviceItem) and not plan.has_device(target.device_id)) or (
            isinstance(target, NoteItem) and not plan.has_note(target.note_id))
        if gone:
            raise Failure("mirror-editor", "an in-place editor open on something deleted")

def check_findings(window) -> None:
    """Raise Failure unless the list, the badges and the counts show a fresh full check."""
    from fxdesigner.rules.engine import check

    document = window.document
    fresh = check(document.plan, document.checker.scenario).findings
    shown = document.findings()
    if sorted(shown, key=repr) != sorted(fresh, key=repr):
        missing = [f.code for f in fresh if f not in shown]
        extra = [f.code for f in shown if f not in fresh]
        raise Failure("findings", f"missing {missing[:5]} extra {extra[:5]}")
    listed = list(window.findings_panel.model.findings)
    if sorted(listed, key=repr) != sorted(fresh, key=repr):
        raise Failure("findings-list", f"the list shows {len(listed)}, a fresh check {len(fresh)}")
    counts: dict[str, tuple[str | None, int]] = {}
    rank = {"error": 0, "warning": 1, "info": 2}
    for finding in fresh:
        if finding.waived:
            continue
        for device_id in finding.devices:
            worst, n = counts.get(device_id, (finding.severity, 0))
            counts[device_id] = (min(worst, finding.severity, key=rank.__getitem__), n + 1)
    for device_id, item in window.plan_scene.devices.items():
        if (item.severity, item.finding_count) != counts.get(device_id, (None, 0)):
            raise Failure("findings-badge", f"{device_id} shows {item.severity} x{item.finding_count}, "
                          f"a fresh check says {counts.get(device_id, (None, 0))}")
    errors = sum(1 for f in fresh if not f.waived and f.severity == "error")
    label = window.counts_label.text()
    if f"{errors} error" not in label:
        raise Failure("findings-counts", f"status bar says {label!r}, a fresh check {errors} errors")



def _cable_middle(item):
    """A point on the drawn cable, half way along it."""
    start, end = item.endpoints()
    path = item.shape()
    for t in (0.5, 0.4, 0.6, 0.3, 0.7):
        probe = start + (end - start) * t
        if path.contains(probe):
            return probe
    count = item._path.elementCount()
    middle = item._path.elementAt(count // 2)
    return item.mapToScene(middle.x, middle.y)


def child_main(actions_file: Path, start: str) -> int:
    """Run a list of actions; print 'ok N' after each, and one JSON line on failure."""
    actions = json.loads(actions_file.read_text())
    with tempfile.TemporaryDirectory(prefix="fxmonkey-") as folder:
        runner = Runner(start, Path(folder))
        for i, action in enumerate(actions):
            # A modal loop nobody answers would hang the run: give up with a traceback instead.
            faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
            try:
                runner.run(action)
                runner.check()
            except Failure as failure:
                print(json.dumps({"at": i, "kind": failure.kind, "detail": failure.detail}), flush=True)
                os._exit(1)
            except Exception as exc:  # an exception from the harness's own step is a finding too
                detail = "".join(traceback.format_exception(exc))
                print(json.dumps({"at": i, "kind": f"exception {type(exc).__name__}", "detail": detail}),
                      flush=True)
                os._exit(1)
            print(f"ok {i}", flush=True)
        faulthandler.cancel_dump_traceback_later()
        try:
            runner.finish()
        except Failure as failure:
            print(json.dumps({"at": len(actions), "kind": failure.kind, "detail": failure.detail}), flush=True)
            os._exit(1)
        print("stats " + json.dumps(runner.stats), flush=True)
        print("done", flush=True)
    # Skip interpreter teardown: Qt's offscreen clipboard can crash at exit (see tests/conftest.py).
    os._exit(0)


# --- the parent: child processes, shrinking, reports -------------------------------------------------


def run_child(actions: list[Action], start: str, timeout: float = 600.0,
              stats: dict[str, int] | None = None) -> dict[str, Any] | None:
    """None when the list runs clean (adding what it did to stats); else {"at", "kind", "detail"}."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(actions, handle)
        name = handle.name
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", name, "--start", start],
                              capture_output=True, text=True, timeout=timeout, env=env, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"at": -1, "kind": "timeout", "detail": f"no answer in {timeout:.0f} s"}
    finally:
        os.unlink(name)
    lines = done.stdout.splitlines()
    if stats is not None:
        for line in lines:
            if line.startswith("stats "):
                for key, value in json.loads(line[6:]).items():
                    stats[key] = stats.get(key, 0) + value
    return outcome(done.returncode, lines, done.stderr)


def outcome(returncode: int, lines: list[str], stderr: str) -> dict[str, Any] | None:
    """What a child's exit status and output say: None if clean, else where and how it failed."""
    last_ok = max((int(line[3:]) for line in lines if line.startswith("ok ")), default=-1)
    for line in lines:
        if line.startswith("{"):
            return json.loads(line)
    if returncode == 0 and "done" in lines:
        return None
    if "Timeout (0:" in stderr:
        return {"at": last_ok + 1, "kind": "hang", "detail": stderr[-3000:]}
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return {"at": last_ok + 1, "kind": f"crash {name}", "detail": stderr[-2000:]}
    return {"at": last_ok + 1, "kind": f"exit {returncode}", "detail": stderr[-2000:]}


def fails_the_same(start: str, kind: str) -> Callable[[list[Action]], bool]:
    def fails(candidate: list[Action]) -> bool:
        result = run_child(candidate, start)
        return result is not None and result["kind"] == kind

    return fails


def shrink(actions: list[Action], fails: Callable[[list[Action]], bool], budget_s: float = 300.0) -> list[Action]:
    """Delta debugging: the shortest sub-list found in the budget for which fails() holds."""
    deadline = time.monotonic() + budget_s
    chunks = 2
    while len(actions) >= 2 and time.monotonic() < deadline:
        size = max(1, len(actions) // chunks)
        reduced = False
        for i in range(0, len(actions), size):
            candidate = actions[:i] + actions[i + size:]
            if candidate and time.monotonic() < deadline and fails(candidate):
                actions, chunks, reduced = candidate, max(chunks - 1, 2), True
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(actions), chunks * 2)
    return actions


def starts() -> list[str]:
    return ["empty", *sorted(p.stem for p in (ROOT / "resources" / "templates").glob("*.fxplan"))]


def hunt(seeds: list[int], count: int, out: Path, shrink_budget: float) -> int:
    """Run each seed on a start plan (the empty plan and the templates in turn); 1 if any failed."""
    plans = starts()
    failed = 0
    total = 0
    began = time.monotonic()
    for seed in seeds:
        start = plans[seed % len(plans)]
        actions = make_actions(seed, count)
        stats: dict[str, int] = {}
        result = run_child(actions, start, stats=stats)
        if result is None:
            total += count
            print(f"seed {seed} ({start}): {count} actions, clean: {stats['steps']} undo steps, up to "
                  f"{stats['most_devices']} devices and {stats['cables']} cables", flush=True)
            continue
        failed += 1
        total += max(result["at"], 0)
        print(f"seed {seed} ({start}): FAILED at action {result['at']}: {result['kind']}", flush=True)
        print("   " + result["detail"].strip().replace("\n", "\n   ")[:3000], flush=True)
        upto = actions[: max(result["at"], 0) + 1]
        small = shrink(upto, fails_the_same(start, result["kind"]), shrink_budget) if shrink_budget > 0 else upto
        out.mkdir(parents=True, exist_ok=True)
        saved = out / f"seed-{seed}.json"
        saved.write_text(json.dumps({"start": start, "kind": result["kind"], "actions": small}, indent=1))
        print(f"   shrunk to {len(small)} actions: {saved}", flush=True)
        for action in small:
            print(f"     {action}", flush=True)
    print(f"{total} actions in {len(seeds)} seeds, {failed} failed, {time.monotonic() - began:.0f} s", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=40, help="how many seeds (default 40)")
    parser.add_argument("--first-seed", type=int, default=1, help="the first seed (default 1)")
    parser.add_argument("--actions", type=int, default=500, help="actions per seed (default 500)")
    parser.add_argument("--out", type=Path, default=Path("monkey-out"), help="where shrunk failures go")
    parser.add_argument("--shrink-seconds", type=float, default=300.0, help="time to shrink each failure")
    parser.add_argument("--replay", type=Path, help="replay a saved failure file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--start", default="empty", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child_main(args.child, args.start)
    if args.replay is not None:
        saved = json.loads(args.replay.read_text())
        result = run_child(saved["actions"], saved["start"])
        print("clean" if result is None else f"FAILED at {result['at']}: {result['kind']}\n{result['detail']}")
        return 0 if result is None else 1
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    return hunt(seeds, args.actions, args.out, args.shrink_seconds)


if __name__ == "__main__":
    sys.exit(main())
