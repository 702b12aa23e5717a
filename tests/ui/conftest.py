"""Fixtures for GUI tests: a real main window, offscreen, with settings in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fxdesigner.io.plan_json import load_plan
from fxdesigner.ui.app import Designer, create_application
from fxdesigner.ui.document import Document
from fxdesigner.ui.main_window import MainWindow
from fxdesigner.ui.panels.finding_actions import WaiveDialog


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("FXDESIGNER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FXDESIGNER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The data folder (autosaves, locks, lesson progress) isolated_settings points to."""
    return tmp_path / "data"


@pytest.fixture
def plan_file(tmp_path, examples_dir) -> Path:
    """A copy of the home-office example in a folder of its own, to save and watch."""
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "office.fxplan"
    target.write_bytes((examples_dir / "home-office.fxplan").read_bytes())
    return target


@pytest.fixture
def designer(qtbot):
    """The application object that keeps windows (recovery, already-open checks)."""
    made = Designer(QApplication.instance())
    yield made
    for window in list(made.windows):
        window.document.undo_stack.setClean()
        window.close()


@pytest.fixture(autouse=True)
def designer_app(qapp):
    return create_application()


@pytest.fixture
def make_window(qtbot):
    def make(plan_path=None) -> MainWindow:
        document = Document()
        if plan_path is not None:
            document.replace_plan(load_plan(plan_path), None)
        window = MainWindow(document)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(20)  # let the deferred fit-to-view run first
        window.view.set_zoom(1.0)
        return window

    return make


@pytest.fixture
def win(make_window, examples_dir):
    """The miswired example office."""
    return make_window(examples_dir / "miswired-office.fxplan")


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def waive_reply(monkeypatch):
    """Answer the waiver dialog as a user: type .reason and press OK (None: Cancel); .asked lists the
    titles of the dialogs shown."""

    class Reply:
        reason: str | None = "accepted on site"

        def __init__(self):
            self.asked = []

    reply = Reply()

    def fake_exec(dialog):
        reply.asked.append(dialog.windowTitle())
        if reply.reason is None:
            return QDialog.DialogCode.Rejected
        dialog.reason.setText(reply.reason)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WaiveDialog, "exec", fake_exec)
    return reply


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """Record QMessageBox dialogs instead of blocking; answer with .answer.

    Autouse: a modal dialog in an offscreen test would wait forever (closing a
    modified window asks whether to save).
    """

    class Recorder:
        answer = QMessageBox.StandardButton.Discard

        def __init__(self):
            self.shown = []

    recorder = Recorder()

    def fake_exec(box):
        recorder.shown.append((box.objectName(), box.text(), box.informativeText(), box.textFormat()))
        return recorder.answer

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return recorder
