"""The designer's gestures on real widgets, asserted on the model and the undo stack."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from fxdesigner.explain.subject import JackSubject
from fxdesigner.model.plan import PortRef
from fxdesigner.ui.canvas import style
from tests.ui.gestures import device_point, drag, drop_mime, jack_point, move, press, release


def place(window, entry_id, x, y):
    """Drop a palette entry on the canvas the way a user's drag does; returns the new device id."""
    before = {d.id for d in window.document.plan.iter_devices()}
    mime = window.palette.tree.mimeData([window.palette.item_for(entry_id)])
    assert drop_mime(window.view, mime, (x, y))
    (new,) = {d.id for d in window.document.plan.iter_devices()} - before
    return new


def test_palette_drop_places_the_device_where_it_is_dropped(window):
    device_id = place(window, "analog-phone", 203, 118)
    device = window.document.plan.device(device_id)
    assert device.type == "analog-phone"
    assert (device.x, device.y) == (200.0, 120.0)  # snapped to the 20 px grid
    assert [p.kind for p in device.ports] == ["fxo"]
    assert device_id in window.plan_scene.devices
    assert window.document.undo_stack.undoText() == "Add Corded phone"
    window.action("undo").trigger()
    assert not window.document.plan.has_device(device_id)
    assert device_id not in window.plan_scene.devices
    window.action("redo").trigger()
    assert window.document.plan.has_device(device_id)


def test_palette_refuses_foreign_drops(window):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("<img src=x>")
    assert not drop_mime(window.view, mime, (100, 100))
    assert window.document.plan.device_count() == 0


def test_double_click_on_palette_places_at_view_centre(window, qtbot):
    item = window.palette.item_for("grandstream-ht813")
    window.palette.tree.scrollToItem(item)
    rect = window.palette.tree.visualItemRect(item)
    # A real double click: press and release, then the double-click press and release.
    QTest.mouseClick(window.palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(window.palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (device,) = window.document.plan.devices
    assert device.model == "Grandstream HT813"
    centre = window.view.view_centre()
    assert abs(device.x - centre.x()) <= style.GRID and abs(device.y - centre.y()) <= style.GRID


def test_palette_search_filters_entries(window):
    window.palette.search.setText("ht813")
    assert window.palette.visible_entries() == ["grandstream-ht813"]
    window.palette.search.setText("")
    assert len(window.palette.visible_entries()) == len(window.palette.catalogue)


def two_devices(window):
    phone = place(window, "analog-phone", 100, 100)
    ata = place(window, "ata", 400, 100)
    return phone, ata


def test_cable_drag_connects_two_jacks_and_undo_removes_it(window):
    phone, ata = two_devices(window)
    drag(window.view, jack_point(window, phone, "line"), jack_point(window, ata, "phone1"))
    (link,) = window.document.plan.links
    assert {link.a, link.b} == {PortRef(phone, "line"), PortRef(ata, "phone1")}
    assert link.id in window.plan_scene.links
    assert window.action("undo").text() == "&Undo Connect Corded phone to ATA"
    window.action("undo").trigger()
    assert window.document.plan.link_count() == 0
    assert not window.plan_scene.links


def test_cable_released_on_empty_canvas_is_cancelled(window):
    phone, _ata = two_devices(window)
    drag(window.view, jack_point(window, phone, "line"), (300, 600))
    assert window.document.plan.link_count() == 0
    assert window.document.undo_stack.count() == 2  # the two placements only


def test_escape_cancels_a_cable_drag(window):
    phone, ata = two_devices(window)
    start = jack_point(window, phone, "line")
    press(window.view, start)
    move(window.view, (start[0] + 60, start[1] + 40))
    move(window.view, jack_point(window, ata, "phone1"))
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    release(window.view, jack_point(window, ata, "phone1"))
    assert window.document.plan.link_count() == 0


def verdict_colour_over(window, start, target_device, target_port) -> QColor | None:
    press(window.view, start)
    move(window.view, (start[0] + 30, start[1] + 30))
    move(window.view, jack_point(window, target_device, target_port))
    verdict = window.plan_scene.devices[target_device].verdict
    window.view.cancel_gesture()
    release(window.view, jack_point(window, target_device, target_port))
    return verdict[1] if verdict and verdict[0] == target_port else None


def test_live_verdict_colours_the_jack_under_the_cursor(window):
    phone = place(window, "analog-phone", 100, 100)
    line = place(window, "pstn-line", 100, 400)
    ata = place(window, "ata", 400, 100)
    fax = place(window, "fax", 700, 400)
    # A corded phone on the street line fits: it gets dial tone, even in a power cut.
    assert verdict_colour_over(window, jack_point(window, phone, "line"), line, "jack") == style.GOOD
    # A fax on an ATA whose T.38 is unknown (and which has no way out yet) warns.
    assert verdict_colour_over(window, jack_point(window, fax, "line"), ata, "phone2") == style.WARNING
    # A phone into an Ethernet jack, or the street line into an FXS jack, is an error.
    assert verdict_colour_over(window, jack_point(window, phone, "line"), ata, "wan") == style.ERROR
    assert verdict_colour_over(window, jack_point(window, line, "jack"), ata, "phone1") == style.ERROR
    assert window.document.plan.link_count() == 0
    assert window.plan_scene.devices[ata].verdict is None  # cleared after each gesture


def test_refuse_wiring_errors_turns_an_error_verdict_into_a_refusal(window):
    phone, ata = two_devices(window)
    window.action("refuse_errors").setChecked(True)
    drag(window.view, jack_point(window, phone, "line"), jack_point(window, ata, "wan"))
    assert window.document.plan.link_count() == 0
    assert "Refused" in window.statusBar().currentMessage()
    assert "Analog pair in an Ethernet jack" in window.statusBar().currentMessage()
    # Wiring that only warns is still allowed.
    drag(window.view, jack_point(window, phone, "line"), jack_point(window, ata, "phone1"))
    assert window.document.plan.link_count() == 1


def test_mistakes_are_allowed_and_flagged(window):
    phone, ata = two_devices(window)
    drag(window.view, jack_point(window, phone, "line"), jack_point(window, ata, "wan"))
    (link,) = window.document.plan.links
    assert window.plan_scene.links[link.id].severity == "error"
    assert window.plan_scene.devices[phone].severity == "error"
    assert window.plan_scene.devices[phone].jack_severity["line"] == "error"
    assert "2 errors" in window.counts_label.text() or "1 error" in window.counts_label.text()


def test_dragging_a_cable_end_reconnects_it(window):
    phone, ata = two_devices(window)
    drag(window.view, jack_point(window, phone, "line"), jack_point(window, ata, "phone1"))
    (link,) = window.document.plan.links
    window.plan_scene.select(links=[link.id])
    end_on_ata = jack_point(window, ata, "phone1")
    drag(window.view, end_on_ata, jack_point(window, ata, "phone2"))
    moved = window.document.plan.link(link.id)
    assert {moved.a, moved.b} == {PortRef(phone, "line"), PortRef(ata, "phone2")}
    assert window.document.undo_stack.undoText() == "Reconnect cable"
    window.action("undo").trigger()
    back = window.document.plan.link(link.id)
    assert {back.a, back.b} == {PortRef(phone, "line"), PortRef(ata, "phone1")}


def test_move_with_snap_is_one_undo_step(window):
    phone, _ata = two_devices(window)
    start = device_point(window, phone)
    drag(window.view, start, (start[0] + 37, start[1] + 52))
    device = window.document.plan.device(phone)
    assert (device.x % style.GRID, device.y % style.GRID) == (0.0, 0.0)
    assert (device.x, device.y) != (100.0, 100.0)
    assert window.document.undo_stack.undoText() == "Move 1 device"
    window.action("undo").trigger()
    device = window.document.plan.device(phone)
    assert (device.x, device.y) == (100.0, 100.0)
    item = window.plan_scene.devices[phone]
    assert (item.pos().x(), item.pos().y()) == (100.0, 100.0)


def test_move_without_snap_keeps_the_exact_position(window):
    phone, _ata = two_devices(window)
    window.action("snap").setChecked(False)
    start = device_point(window, phone)
    drag(window.view, start, (start[0] + 37, start[1] + 3))
    device = window.document.plan.device(phone)
    assert device.x == 137.0 and device.y == 103.0


def test_moving_three_devices_names_the_undo_step(window):
    ids = [place(window, "analog-phone", 100 + 200 * i, 100) for i in range(3)]
    window.plan_scene.select(devices=ids)
    start = device_point(window, ids[0])
    drag(window.view, start, (start[0] + 40, start[1] + 60))
    assert window.document.undo_stack.undoText() == "Move 3 devices"
    assert window.action("undo").text() == "&Undo Move 3 devices"


def test_rubber_band_selects_devices_inside_it(window):
    a = place(window, "analog-phone", 100, 100)
    b = place(window, "fax", 300, 100)
    c = place(window, "fax", 100, 500)
    drag(window.view, (60, 60), (480, 260))
    selected, _, _ = window.plan_scene.selected_ids()
    assert set(selected) == {a, b}
    assert c not in selected


def test_ctrl_click_adds_to_the_selection(window):
    a = place(window, "analog-phone", 100, 100)
    b = place(window, "fax", 400, 100)
    press(window.view, device_point(window, a))
    release(window.view, device_point(window, a))
    press(window.view, device_point(window, b), modifiers=Qt.KeyboardModifier.ControlModifier)
    release(window.view, device_point(window, b), modifiers=Qt.KeyboardModifier.ControlModifier)
    selected, _, _ = window.plan_scene.selected_ids()
    assert set(selected) == {a, b}


def test_clicking_a_jack_selects_it_for_the_panels(window):
    phone, _ata = two_devices(window)
    point = jack_point(window, phone, "line")
    press(window.view, point)
    release(window.view, point)
    assert window.properties.subject == JackSubject(PortRef(phone, "line"))
    assert window.plan_scene.devices[phone].current_jack == "line"


def test_ctrl_rubber_band_adds_to_the_selection_and_an_edit_cancels_a_band(window):
    a = place(window, "analog-phone", 100, 100)
    b = place(window, "fax", 300, 100)
    c = place(window, "fax", 100, 500)
    press(window.view, device_point(window, c))
    release(window.view, device_point(window, c))
    press(window.view, (60, 60), modifiers=Qt.KeyboardModifier.ControlModifier)
    move(window.view, (480, 260))
    release(window.view, (480, 260))
    assert set(window.plan_scene.selected_ids()[0]) == {a, b, c}
    # A band under way when the plan changes (Delete) stops, and its rectangle goes with it.
    press(window.view, (60, 380))
    move(window.view, (200, 420))
    band = window.view.active_gesture().band
    assert band.isVisible()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.view.active_gesture() is None
    assert not band.isVisible()
    release(window.view, (200, 420))
