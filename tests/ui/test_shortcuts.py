"""Every shortcut of the window belongs to one action, and the advertised keys work when pressed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from tests.ui.gestures import device_point


def test_no_two_actions_share_a_shortcut(make_window):
    window = make_window()
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                owners.setdefault(key.toString(), []).append(action.objectName() or action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_ctrl_d_duplicates_and_ctrl_y_redoes(make_window, examples_dir, qtbot):
    window = make_window(examples_dir / "home-office.fxplan")
    window.activateWindow()
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.view.mapFromScene(*device_point(window, "desk")))
    assert window.plan_scene.selected_ids()[0] == ["desk"]
    QTest.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan.device_count() == 6
    assert window.document.undo_stack.count() == 1
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan.device_count() == 5
    QTest.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan.device_count() == 6
