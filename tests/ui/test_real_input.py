"""Regression tests for what a restless user found (tools/monkey.py): real mouse and key
events, fields left the way people leave them, keys pressed in the middle of a drag.

Each of these crashed the window (SIGSEGV) or let an exception escape in 0.9.0.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionButton,
)

from fxdesigner.explain.subject import PLAN, CableSubject, DeviceSubject, JackSubject
from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from fxdesigner.ui.canvas.items import DeviceItem, LinkItem, NoteItem, place_exactly
from tests.ui.gestures import cable_point, click, device_point, jack_point, move, press, release

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(make_window, examples_dir, qtbot):
    """The home office, active (so focus moves as it does on a desktop)."""
    window = make_window(examples_dir / "home-office.fxplan")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def settle(qtbot):
    """Let deferred work (the Properties dock's rebuild, deleteLater) run, as the event loop would."""
    qtbot.wait(5)


def field(window, name):
    widget = window.properties.fields[name]
    assert widget.isVisible()
    return widget


def select_cable(window, qtbot, link_id):
    click(window.view, cable_point(window, link_id))
    settle(qtbot)
    assert window.properties.subject == CableSubject(link_id)


def select_device(window, qtbot, device_id):
    click(window.view, device_point(window, device_id))
    settle(qtbot)
    assert window.properties.subject == DeviceSubject(device_id)


def empty_point(window):
    """A point of empty canvas inside the view (a click there deselects)."""
    view = window.view
    for x in range(10, view.viewport().width(), 25):
        for y in range(10, view.viewport().height(), 25):
            point = view.mapToScene(x, y)
            if not window.plan_scene.items(QRectF(point.x() - 10, point.y() - 10, 20, 20)):
                return (point.x(), point.y())
    raise AssertionError("no empty canvas in view")


def check_box_point(box):
    """Where a user clicks a check box: on its indicator."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).center()


def scene_extras(window):
    """Items in the scene that are not a device, cable or note of the plan."""
    scene = window.plan_scene
    known = {id(i) for i in [*scene.devices.values(), *scene.links.values(), *scene.notes.values()]}
    return [i for i in scene.items() if i.parentItem() is None and id(i) not in known]


def scene_matches_plan(window):
    plan, scene = window.document.plan, window.plan_scene
    assert set(scene.devices) == {d.id for d in plan.iter_devices()}
    assert set(scene.links) == {link.id for link in plan.iter_links()}
    for device in plan.iter_devices():
        pos = scene.devices[device.id].pos()
        assert (pos.x(), pos.y()) == (device.x, device.y), device.id
    for note in plan.notes:
        pos = scene.notes[note.id].pos()
        assert (pos.x(), pos.y()) == (note.x, note.y), note.id
    assert scene_extras(window) == []


# --- the Properties dock: committing an edit rebuilt the form inside the field's own handler ---


def test_clicking_a_cable_check_box_commits_once_and_keeps_the_window(office, qtbot):
    select_cable(office, qtbot, "c3")
    box = field(office, "leaves_building")
    assert isinstance(box, QCheckBox)
    QTest.mouseClick(box, LEFT, NONE, check_box_point(box))
    settle(qtbot)
    assert office.document.plan.link("c3").properties["leaves_building"] is True
    assert office.document.undo_stack.count() == 1
    # The rebuilt form shows the new value, and the old box is gone, not half alive.
    assert field(office, "leaves_building") is not box
    assert field(office, "leaves_building").isChecked()


def test_down_in_the_power_combo_sets_the_power(office, qtbot):
    select_device(office, qtbot, "desk")
    combo = field(office, "power")
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    settle(qtbot)
    assert office.document.plan.device("desk").properties["power"] == "line"
    # The field the user was in keeps the focus across the rebuild.
    assert QApplication.focusWidget() is field(office, "power")


def test_typing_a_length_and_enter_keeps_the_field_and_its_focus(office, qtbot):
    select_cable(office, qtbot, "c4")
    spin = field(office, "length_m")
    assert isinstance(spin, QDoubleSpinBox)
    QTest.mouseClick(spin, LEFT, NONE, spin.rect().center())
    QTest.keyClick(spin, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(spin, "12")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    settle(qtbot)
    assert office.document.plan.link("c4").properties["length_m"] == 12
    assert office.document.undo_stack.count() == 1
    again = field(office, "length_m")
    assert again.value() == 12.0
    assert QApplication.focusWidget() is again.findChild(QLineEdit) or QApplication.focusWidget() is again


@pytest.mark.parametrize("leave", ["tab", "canvas"])
def test_a_label_typed_then_left_is_renamed_once(office, qtbot, leave):
    select_device(office, qtbot, "desk")
    label = field(office, "label")
    QTest.mouseClick(label, LEFT, NONE, label.rect().center())
    QTest.keyClick(label, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(label, "Front desk")
    if leave == "tab":
        QTest.keyClick(label, Qt.Key.Key_Tab)
    else:
        click(office.view, empty_point(office))
    settle(qtbot)
    assert office.document.plan.device("desk").label == "Front desk"
    assert office.document.undo_stack.count() == 1
    assert office.document.undo_stack.undoText() == "Rename device"
    if leave == "tab":
        # Focus went on to the next field, and stays there after the rebuild.
        assert QApplication.focusWidget() in (field(office, "model"), field(office, "model").lineEdit())


def test_text_not_yet_committed_survives_a_rebuild(office, qtbot):
    """An undo from the toolbar rebuilds the form; the field being typed in keeps its text and focus."""
    select_device(office, qtbot, "desk")
    assert office.document.submit(lambda: e.SetDeviceProperty("desk", "ren", 0.5)) is None
    settle(qtbot)
    label = field(office, "label")
    QTest.mouseClick(label, LEFT, NONE, label.rect().center())
    QTest.keyClicks(label, " (hall)")
    button = office.toolbar.widgetForAction(office.undo_action)
    QTest.mouseClick(button, LEFT)
    settle(qtbot)
    assert "ren" not in office.document.plan.device("desk").properties
    now = field(office, "label")
    assert now is not label
    assert now.text().endswith(" (hall)")
    assert QApplication.focusWidget() is now


# --- refused values: shown, marked and explained; nothing changes ---


@pytest.mark.parametrize(("subject", "name"), [("device", "label"), ("jack", "jack_label")])
def test_a_label_over_200_characters_is_refused_in_place(office, qtbot, subject, name):
    if subject == "device":
        select_device(office, qtbot, "desk")
    else:
        click(office.view, jack_point(office, "ata", "phone1"))
        settle(qtbot)
        assert office.properties.subject == JackSubject(PortRef("ata", "phone1"))
    before = office.document.plan.device("desk").label, office.document.plan.port(PortRef("ata", "phone1")).label
    edit = field(office, name)
    QTest.mouseClick(edit, LEFT, NONE, edit.rect().center())
    QTest.keyClick(edit, Qt.Key.Key_A, CTRL)
    typed = "x" * 230
    QTest.keyClicks(edit, typed)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot)
    after = office.document.plan.device("desk").label, office.document.plan.port(PortRef("ata", "phone1")).label
    assert after == before
    assert office.document.undo_stack.count() == 0
    assert field(office, name) is edit  # not rebuilt: what was typed stays
    assert edit.text() == typed
    assert edit.property("refused") is True
    problem = office.properties.problem
    assert problem.isVisible()
    assert problem.textFormat() == Qt.TextFormat.PlainText
    assert problem.text() == "Not changed: label is 230 characters long; at most 200 are allowed"


# --- keys pressed in the middle of a drag ---


@pytest.mark.parametrize("key", [(Qt.Key.Key_Delete, NONE), (Qt.Key.Key_X, CTRL), (Qt.Key.Key_Z, CTRL)])
def test_delete_cut_or_undo_during_a_cable_drag_cancels_the_drag(office, qtbot, key):
    assert office.document.submit(lambda: e.SetDeviceProperty("desk", "ren", 0.5)) is None  # to undo
    select_device(office, qtbot, "ata")
    start = jack_point(office, "ata", "lan")
    press(office.view, start)
    move(office.view, (start[0] + 30, start[1] + 40))
    move(office.view, jack_point(office, "desk", "line"))  # over a jack: the verdict ring shows
    assert office.view.active_gesture() is not None
    assert any(item.verdict is not None for item in office.plan_scene.devices.values())
    QTest.keyClick(office.view, *key)
    settle(qtbot)
    assert office.view.active_gesture() is None
    move(office.view, jack_point(office, "desk", "line"))
    release(office.view, jack_point(office, "desk", "line"))
    settle(qtbot)
    assert all(item.verdict is None for item in office.plan_scene.devices.values())
    scene_matches_plan(office)
    links = {(link.a, link.b) for link in office.document.plan.iter_links()}
    assert (PortRef("ata", "lan"), PortRef("desk", "line")) not in links


def test_delete_during_a_cable_end_drag_cancels_it(office, qtbot):
    select_cable(office, qtbot, "c4")
    end = office.plan_scene.links["c4"].endpoints()[1]
    press(office.view, (end.x(), end.y()))
    move(office.view, (end.x() + 40, end.y() + 40))
    assert office.plan_scene.links["c4"].opacity() < 1.0
    QTest.keyClick(office.view, Qt.Key.Key_Delete)
    settle(qtbot)
    release(office.view, (end.x() + 40, end.y() + 40))
    settle(qtbot)
    assert not office.document.plan.has_link("c4")
    assert office.view.active_gesture() is None
    scene_matches_plan(office)


def test_cut_during_a_note_drag_removes_the_note_cleanly(office, qtbot):
    note_id = office.document.add_note(400, 300, "Check the jack")
    settle(qtbot)
    centre = office.plan_scene.notes[note_id].sceneBoundingRect().center()
    press(office.view, (centre.x(), centre.y()))
    move(office.view, (centre.x() + 60, centre.y() + 20))
    QTest.keyClick(office.view, Qt.Key.Key_X, CTRL)
    settle(qtbot)
    release(office.view, (centre.x() + 80, centre.y() + 20))
    settle(qtbot)
    assert not office.document.plan.has_note(note_id)
    scene_matches_plan(office)


@pytest.mark.parametrize("key", [Qt.Key.Key_V, Qt.Key.Key_D])
def test_paste_or_duplicate_during_a_device_drag_leaves_no_phantom_move(office, qtbot, key):
    select_device(office, qtbot, "desk")
    QTest.keyClick(office.view, Qt.Key.Key_C, CTRL)
    desk = office.document.plan.device("desk")
    was = (desk.x, desk.y)
    start = device_point(office, "desk")
    press(office.view, start)
    move(office.view, (start[0] + 100, start[1] + 80))
    QTest.keyClick(office.view, key, CTRL)
    settle(qtbot)
    move(office.view, (start[0] + 140, start[1] + 80))
    release(office.view, (start[0] + 140, start[1] + 80))
    settle(qtbot)
    assert office.document.plan.device_count() == 6  # the copy is there
    assert (desk.x, desk.y) == was  # the drag was cancelled, not half kept
    scene_matches_plan(office)  # and the picture says the same
    office.action("undo").trigger()
    assert office.document.plan.device_count() == 5
    scene_matches_plan(office)


def test_a_whole_device_drag_is_one_undo_step(office, qtbot):
    desk = office.document.plan.device("desk")
    was = (desk.x, desk.y)
    start = device_point(office, "desk")
    press(office.view, start)
    for step in range(1, 5):
        move(office.view, (start[0] + 25 * step, start[1] + 20 * step))
    release(office.view, (start[0] + 100, start[1] + 80))
    settle(qtbot)
    assert office.document.undo_stack.count() == 1
    assert office.document.undo_stack.undoText() == "Move 1 device"
    assert (desk.x, desk.y) == (was[0] + 100, was[1] + 80)
    scene_matches_plan(office)
    office.action("undo").trigger()
    assert (desk.x, desk.y) == was
    scene_matches_plan(office)


# --- a new plan while items are referenced ---


def test_new_plan_after_a_jack_click_drops_the_old_items(office, qtbot):
    click(office.view, jack_point(office, "ata", "phone1"))
    settle(qtbot)
    assert office.plan_scene.devices["ata"].current_jack == "phone1"
    office.document.undo_stack.setClean()
    QTest.keyClick(office.view, Qt.Key.Key_N, CTRL)
    settle(qtbot)
    assert office.document.plan.device_count() == 0
    assert office.plan_scene.items() == []
    assert office.properties.subject == PLAN


def test_new_from_template_after_a_jack_click_and_a_trace(office, qtbot):
    click(office.view, jack_point(office, "desk", "line"))
    settle(qtbot)
    QTest.keyClick(office.view, Qt.Key.Key_T)
    office.trace_view.reveal_all()
    assert office.trace_view.callouts
    office.document.undo_stack.setClean()
    office.template_menu.actions()[0].trigger()
    settle(qtbot)
    assert office.document.plan.device_count() > 0
    assert office.trace_view.callouts == []
    scene_matches_plan(office)


# --- the in-place editor when its item goes away ---


def test_enter_in_a_note_editor_whose_note_was_undone(office, qtbot):
    notes = list(office.document.plan.notes)
    QTest.keyClick(office.view, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot)
    assert len(office.document.plan.notes) == len(notes) + 1
    editor = office.editor.editor
    assert editor is not None and editor.isVisible()
    QTest.keyClicks(editor, "Ring the bell")
    QTest.mouseClick(office.toolbar.widgetForAction(office.undo_action), LEFT)
    settle(qtbot)
    assert office.document.plan.notes == notes
    assert office.editor.editor is None
    assert not [w for w in office.view.viewport().findChildren(QPlainTextEdit) if w.isVisible()]
    QTest.keyClick(QApplication.focusWidget() or office, Qt.Key.Key_Return)
    settle(qtbot)
    assert office.document.plan.notes == notes
    scene_matches_plan(office)


def test_f2_rename_then_undo_of_the_device_then_click_elsewhere(office, qtbot):
    place_id = office.document.place("analog-phone", 600, 400)
    settle(qtbot)
    office.plan_scene.select(devices=[place_id])
    QTest.keyClick(office.view, Qt.Key.Key_F2)
    editor = office.editor.editor
    assert isinstance(editor, QLineEdit)
    QTest.keyClicks(editor, "Hall phone")
    QTest.mouseClick(office.toolbar.widgetForAction(office.undo_action), LEFT)
    settle(qtbot)
    assert not office.document.plan.has_device(place_id)
    assert office.editor.editor is None
    click(office.view, empty_point(office))
    settle(qtbot)
    assert office.document.undo_stack.count() == 1 and office.document.undo_stack.index() == 0
    scene_matches_plan(office)


def test_a_refused_in_place_rename_says_why(office, qtbot):
    office.plan_scene.select(devices=["desk"])
    QTest.keyClick(office.view, Qt.Key.Key_F2)
    editor = office.editor.editor
    assert isinstance(editor, QLineEdit)
    assert editor.maxLength() == 200  # the editor itself cannot take a label the model refuses
    QTest.keyClicks(editor, "y" * 250)
    assert len(editor.text()) == 200
    QTest.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot)
    assert office.document.plan.device("desk").label == "y" * 200


def test_stale_items_are_gone_not_just_hidden(office, qtbot):
    """After a new plan, no device, cable or note item of the old plan is in the scene."""
    click(office.view, jack_point(office, "ata", "phone1"))
    office.document.undo_stack.setClean()
    QTest.keyClick(office.view, Qt.Key.Key_N, CTRL)
    settle(qtbot)
    assert not [i for i in office.plan_scene.items() if isinstance(i, (DeviceItem, LinkItem, NoteItem))]


def test_positions_are_exact_not_fuzzy(office, qtbot):
    """Qt's setPos ignores moves below QPointF's fuzzy ==; the canvas still lands exactly where
    the plan (or the grid) says, found by the restless-user run (seeds 5033 and 5035)."""
    item = office.plan_scene.devices["desk"]
    desk = office.document.plan.device("desk")
    nudged = desk.x + 1e-13
    item.setPos(nudged, desk.y)
    assert item.pos().x() == desk.x, "Qt's own setPos ignores so small a move"
    place_exactly(item, nudged, desk.y)  # as a drag computes it: Qt's float arithmetic
    assert item.pos().x() == nudged
    office.plan_scene.drag_step([item])  # a drag step snaps it to the grid
    assert (item.pos().x(), item.pos().y()) == (desk.x, desk.y)
    place_exactly(item, nudged, desk.y)
    office.plan_scene.put_back(item)  # a cancelled drag puts it back
    assert (item.pos().x(), item.pos().y()) == (desk.x, desk.y)


def test_f8_while_typing_a_label_commits_it_after_the_list_moves(make_window, examples_dir, qtbot):
    """F8 moves the selection while the Properties field holds typed text: the text is still
    committed, once the findings list has finished moving. (The crash this order avoids needs
    an undo first; test_monkey.py replays the shrunk seed 7021 that found it.)"""
    window = make_window(examples_dir / "miswired-office.fxplan")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # A device some finding names: renaming it rewords the findings, so the list reloads.
    device_id = window.document.findings()[0].devices[0]
    select_device(window, qtbot, device_id)
    label = field(window, "label")
    QTest.mouseClick(label, LEFT, NONE, label.rect().center())
    QTest.keyClick(label, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(label, "Hall")
    QTest.keyClick(label, Qt.Key.Key_F8)  # the shortcut, pressed in the field
    settle(qtbot)
    for _ in range(2):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)
        settle(qtbot)
    assert window.document.plan.device(device_id).label == "Hall"
    assert window.findings_panel.current_finding() is not None
    scene_matches_plan(window)
