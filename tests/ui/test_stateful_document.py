"""Random editing sessions through the designer's own controller, checked after every step.

A hypothesis state machine works a real window the way a user does: places
catalogue devices, wires random jacks (right or wrong), pulls cables, drags
devices, renames in place, sets properties, deletes the selection, copies and
pastes through the clipboard, undoes, redoes, saves and reopens. After each
step the incremental findings must equal a full check, and the canvas must
mirror the plan; at random points undo-all must give back the starting plan
exactly and redo-all the latest one, and save → load must lose nothing.

It found one bug already: a refused edit pushed onto the undo stack dropped the
redo steps (Document.push now applies an edit before it reaches the stack).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtWidgets import QLineEdit
from strategies import TRICKY_TEXT, plans

from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.model import edits as e
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.errors import InvalidValueError
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.engine import check
from fxdesigner.ui.document import Document
from fxdesigner.ui.main_window import MainWindow

CATALOGUE = sorted(entry.id for entry in default_catalogue())
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources").glob("*/*.fxplan"))
labels = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=30))
PROPERTY_VALUES = st.sampled_from(
    [("power", "line"), ("power", "mains"), ("power", "poe"), ("power", "solar"), ("ups", True),
     ("ups", False), ("ren", 0), ("ren", 2.5), ("ren", -1), ("t38", None), ("t38", True), ("copper", False),
     ("direct_911", True), ("future_key", [1, "x"]), ("ups", e.DELETE)]
)


class EditingSession(RuleBasedStateMachine):
    #: One window for all sessions (each starts with New/Open in it): building a
    #: window per session would make shrinking a failure take minutes.
    shared_window: MainWindow | None = None

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="fx-stateful-"))
        self.window: MainWindow | None = None

    @initialize(start=st.one_of(plans(max_devices=4), st.sampled_from(EXAMPLES).map(load_plan)))
    def open_a_plan(self, start) -> None:
        self.window = self.shared_window or MainWindow(Document())
        self.document = self.window.document
        self.document.replace_plan(start, None)
        self.stack = self.document.undo_stack
        self.start = dumps_plan(self.document.plan)

    # --- helpers ------------------------------------------------------------------------------

    @property
    def plan(self):
        return self.document.plan

    def devices(self) -> list[str]:
        return [d.id for d in self.plan.iter_devices()]

    def jacks(self) -> list[PortRef]:
        return [PortRef(d.id, p.id) for d in self.plan.iter_devices() for p in d.ports]

    def push(self, make) -> None:
        """Push an edit; one the model refuses must leave the plan and the undo stack as they were."""
        try:
            edit = make()
        except InvalidValueError:
            return
        before, count = dumps_plan(self.plan), self.stack.count()
        if not self.document.push(edit):
            assert dumps_plan(self.plan) == before
            assert self.stack.count() == count

    # --- edits -------------------------------------------------------------------------------------

    @rule(entry=st.sampled_from(CATALOGUE), x=st.integers(-2000, 2000), y=st.integers(-2000, 2000))
    def place(self, entry, x, y) -> None:
        self.document.place(entry, x, y)

    @precondition(lambda self: len(self.jacks()) >= 2)
    @rule(data=st.data())
    def connect(self, data) -> None:
        jacks = self.jacks()
        a, b = data.draw(st.sampled_from(jacks)), data.draw(st.sampled_from(jacks))
        before, index = dumps_plan(self.plan), self.stack.index()
        made = self.document.connect_jacks(a, b)
        if made is None:  # refused (a jack to itself): nothing changed, not even the redo steps
            assert dumps_plan(self.plan) == before and self.stack.index() == index
        else:
            assert self.plan.link(made).ends() in ((a, b), (b, a)) and self.stack.index() == index + 1

    @precondition(lambda self: self.plan.link_count() > 0)
    @rule(data=st.data())
    def disconnect(self, data) -> None:
        link_id = data.draw(st.sampled_from([link.id for link in self.plan.iter_links()]))
        self.push(lambda: e.Disconnect(link_id))

    @precondition(lambda self: self.plan.device_count() > 0)
    @rule(data=st.data(), dx=st.integers(-300, 300), dy=st.integers(-300, 300))
    def drag(self, data, dx, dy) -> None:
        """A finished drag: the scene reports the new positions, the window pushes one edit."""
        device = self.plan.device(data.draw(st.sampled_from(self.devices())))
        self.window.plan_scene.items_moved.emit({device.id: (device.x + dx, device.y + dy)}, {})

    @precondition(lambda self: self.plan.device_count() > 0)
    @rule(data=st.data(), text=labels)
    def rename_in_place(self, data, text) -> None:
        item = self.window.plan_scene.devices[data.draw(st.sampled_from(self.devices()))]
        self.window.editor.start(item)
        editor = self.window.view.viewport().findChild(QLineEdit, "renameEditor")
        editor.setText(text)
        self.window.editor.commit()

    @precondition(lambda self: self.plan.device_count() > 0)
    @rule(data=st.data(), pair=PROPERTY_VALUES)
    def set_property(self, data, pair) -> None:
        device_id = data.draw(st.sampled_from(self.devices()))
        self.push(lambda: e.SetDeviceProperty(device_id, *pair))

    @rule(text=labels, x=st.integers(-500, 500))
    def add_note(self, text, x) -> None:
        self.document.add_note(x, 0, text)

    @precondition(lambda self: self.plan.device_count() + len(self.plan.notes) > 0)
    @rule(data=st.data())
    def delete_selection(self, data) -> None:
        devices = data.draw(st.lists(st.sampled_from(self.devices() or ["none"]), max_size=3, unique=True))
        notes = data.draw(st.lists(st.sampled_from([n.id for n in self.plan.notes] or ["none"]), max_size=2))
        self.window.plan_scene.select(devices=devices, notes=notes)
        self.window.delete_selection()

    @precondition(lambda self: self.plan.device_count() > 0)
    @rule(data=st.data(), times=st.integers(1, 2))
    def copy_and_paste(self, data, times) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.devices()), min_size=1, max_size=3, unique=True))
        self.window.plan_scene.select(devices=chosen)
        assert self.window.copy()
        for _ in range(times):
            count = self.plan.device_count()
            self.window.paste()
            assert self.plan.device_count() == count + len(chosen)

    @precondition(lambda self: self.stack.canUndo())
    @rule(steps=st.integers(1, 3))
    def undo(self, steps) -> None:
        for _ in range(steps):
            self.stack.undo()

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.stack.redo()

    # --- whole-session properties ---------------------------------------------------------------

    @rule()
    def undo_all_then_redo_all(self) -> None:
        end, index = dumps_plan(self.plan), self.stack.index()
        while self.stack.canUndo():
            self.stack.undo()
        assert dumps_plan(self.plan) == self.start
        while self.stack.index() < index:
            self.stack.redo()
        assert dumps_plan(self.plan) == end

    @rule()
    def save_and_load_in_a_fresh_document(self) -> None:
        path = self.folder / "session.fxplan"
        text = dumps_plan(self.plan)
        self.document.save(str(path))
        assert not self.document.modified and not self.window.isWindowModified()
        assert path.read_text(encoding="utf-8") == text
        fresh = Document()
        fresh.open(str(path))
        assert fresh.plan == self.plan
        assert dumps_plan(fresh.plan) == text
        assert [f.key for f in fresh.findings()] == [f.key for f in self.document.findings()]

    @rule()
    def reopen_the_saved_file(self) -> None:
        path = self.folder / "reopen.fxplan"
        self.document.save(str(path))
        text = dumps_plan(self.plan)
        self.document.open(str(path))
        assert dumps_plan(self.plan) == text
        assert not self.stack.canUndo()
        self.start = text  # undo history starts again from the reopened file

    # --- after every step ----------------------------------------------------------------------------

    @invariant()
    def findings_equal_a_full_check(self) -> None:
        if self.window is not None:
            assert self.document.findings() == check(self.plan).findings

    @invariant()
    def canvas_mirrors_the_plan(self) -> None:
        if self.window is None:
            return
        scene = self.window.plan_scene
        assert set(scene.devices) == set(self.devices())
        assert set(scene.links) == {link.id for link in self.plan.iter_links()}
        assert set(scene.notes) == {n.id for n in self.plan.notes}
        assert self.window.isWindowModified() == self.document.modified

    def teardown(self) -> None:
        if self.window is not None and self.window is not self.shared_window:
            self.document.undo_stack.setClean()
            self.window.close()
            self.window.deleteLater()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.mark.slow
def test_random_editing_sessions(make_window, dialogs, tmp_path, monkeypatch):
    monkeypatch.setenv("FXDESIGNER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(EditingSession, "shared_window", make_window())
    run_state_machine_as_test(
        EditingSession,
        settings=settings(
            # A longer run: FXDESIGNER_STATEFUL_EXAMPLES=400 (about 2.5 minutes).
            max_examples=int(os.environ.get("FXDESIGNER_STATEFUL_EXAMPLES", "30")),
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )


def test_a_refused_edit_keeps_the_redo_steps(window):
    """Found by the session above: pushing a refused edit used to wipe the redo history."""
    document = window.document
    device = document.place(CATALOGUE[0], 0, 0)
    assert device is not None
    document.undo_stack.undo()
    assert document.undo_stack.canRedo()
    assert not document.push(e.RemoveDevice("no-such-device"))
    assert "no-such-device" in document.last_error
    assert document.undo_stack.canRedo()
    document.undo_stack.redo()
    assert document.plan.has_device(device)
