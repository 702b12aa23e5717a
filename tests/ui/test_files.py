"""Files in the designer: save, open, recent files, templates, prompts and bad files."""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.model import edits as e
from fxdesigner.ui import settings
from fxdesigner.ui.document import Document
from fxdesigner.ui.main_window import MainWindow
from tests.ui.gestures import drop_mime


def test_save_then_open_round_trips_and_clears_the_star(make_window, examples_dir, tmp_path):
    window = make_window(examples_dir / "miswired-office.fxplan")
    window.document.push(e.SetDeviceField("rec", "label", "Front desk"))
    assert window.isWindowModified()
    target = tmp_path / "office.fxplan"
    assert window._save_to(str(target))
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("office.fxplan[*]")
    assert load_plan(target).device("rec").label == "Front desk"
    assert (tmp_path / "office.fxplan").read_text(encoding="utf-8") == dumps_plan(window.document.plan)
    other = make_window()
    assert other.open_path(str(target))
    assert other.document.plan == window.document.plan
    assert other.document.path == str(target)
    assert settings.recent_files()[0] == str(target)


def test_unsaved_changes_prompt_can_cancel_closing(make_window, dialogs):
    window = make_window()
    window.document.add_note(0, 0, "work in progress")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()
    assert dialogs.shown[-1][0] == "unsavedPrompt"
    assert "Untitled" in dialogs.shown[-1][1]
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_new_plan_asks_first_and_keeps_the_work_on_cancel(make_window, dialogs):
    window = make_window()
    window.document.add_note(0, 0, "keep me")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.action("new").trigger()
    assert len(window.document.plan.notes) == 1
    dialogs.answer = QMessageBox.StandardButton.Discard
    window.action("new").trigger()
    assert window.document.plan.notes == []
    assert not window.isWindowModified()


def test_a_bad_file_shows_its_one_line_error_and_keeps_the_plan(make_window, examples_dir, tmp_path, dialogs):
    window = make_window(examples_dir / "home-office.fxplan")
    before = dumps_plan(window.document.plan)
    bad = tmp_path / "broken.fxplan"
    bad.write_text('{"format": "fxdesigner-plan", "schema_version": 1, "devices": [], "links": [{"id": 1}]}')
    assert not window.open_path(str(bad))
    name, _text, informative, text_format = dialogs.shown[-1]
    assert name == "loadErrorDialog"
    assert informative.startswith("broken.fxplan: links[0].id:")
    assert "\n" not in informative
    assert text_format == Qt.TextFormat.PlainText
    assert dumps_plan(window.document.plan) == before


def test_newer_file_is_refused_with_a_clear_message(make_window, tmp_path, dialogs):
    window = make_window()
    newer = tmp_path / "future.fxplan"
    newer.write_text('{"format": "fxdesigner-plan", "schema_version": 7, "devices": [], "links": []}')
    assert not window.open_path(str(newer))
    assert "newer FX Designer" in dialogs.shown[-1][2]


def test_save_failure_keeps_the_plan_open_and_unsaved(make_window, tmp_path, dialogs):
    window = make_window()
    window.document.add_note(0, 0, "precious")
    missing = tmp_path / "gone" / "plan.fxplan"
    assert not window._save_to(str(missing))
    name, _text, informative, _fmt = dialogs.shown[-1]
    assert name == "saveErrorDialog"
    assert "plan.fxplan" in informative and "does not exist" in informative
    assert window.isWindowModified()
    assert window.document.plan.notes[0].text == "precious"


def test_templates_menu_opens_each_template_as_untitled(make_window):
    window = make_window()
    actions = [a for a in window.template_menu.actions() if a.objectName().startswith("template:")]
    assert len(actions) >= 5
    for action in actions:
        action.trigger()
        assert window.document.plan.device_count() > 0
        assert window.document.path is None
        assert not [f for f in window.document.findings() if f.severity == "error"]


def test_dropping_a_plan_file_opens_it(make_window, examples_dir):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(examples_dir / "home-office.fxplan"))])
    assert drop_mime(window.view, mime, (0, 0))
    assert window.document.plan.title == "Home office with a lifeline ATA"
    assert os.path.basename(window.document.path) == "home-office.fxplan"


def test_window_layout_and_options_are_remembered(make_window):
    window = make_window()
    window.action("snap").setChecked(False)
    window.resize(900, 640)
    window.close()
    again = make_window()
    assert not again.action("snap").isChecked()
    assert not again.plan_scene.snap


def test_the_first_window_fits_the_screen_it_opens_on(qtbot):
    window = MainWindow(Document())
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    smallest = window.minimumSizeHint()
    # Never more than the screen's free area (unless the window cannot be that small).
    assert window.width() <= max(free.width(), smallest.width())
    assert window.height() <= max(free.height(), smallest.height())
    assert window.width() <= 1360 and window.height() <= 860
