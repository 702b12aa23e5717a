"""Editing in the designer: delete, clipboard, rename, notes, property edits — each one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from fxdesigner.explain.subject import PLAN, CableSubject, DeviceSubject, JackSubject
from fxdesigner.io.plan_json import plan_to_document
from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from tests.ui.gestures import device_point, double_click


def example(window_factory, examples_dir):
    return window_factory(examples_dir / "miswired-office.fxplan")


def test_delete_takes_the_cables_and_undo_brings_them_back(make_window, examples_dir):
    window = example(make_window, examples_dir)
    before = plan_to_document(window.document.plan)
    window.plan_scene.select(devices=["ks"])
    window.action("delete").trigger()
    plan = window.document.plan
    assert not plan.has_device("ks")
    assert plan.link_count() == 2  # only the ISP-ATA and fax cables remain
    assert "ks" not in window.plan_scene.devices
    assert set(window.plan_scene.links) == {"c5", "c6"}
    assert window.document.undo_stack.undoText() == "Delete Key system"
    window.action("undo").trigger()
    assert plan_to_document(window.document.plan) == before
    assert set(window.plan_scene.links) == {"c1", "c2", "c3", "c4", "c5", "c6"}


def test_delete_a_cable_and_a_note(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    window.plan_scene.select(links=["c4"], notes=["n1"])
    window.action("delete").trigger()
    plan = window.document.plan
    assert not plan.has_link("c4") and not plan.has_note("n1")
    assert window.document.undo_stack.undoText() == "Delete 1 cable and 1 note"
    window.action("undo").trigger()
    assert plan.has_link("c4") and plan.has_note("n1")


def test_copy_paste_gives_fresh_ids_and_keeps_inner_cables(make_window, examples_dir):
    window = example(make_window, examples_dir)
    window.plan_scene.select(devices=["ata", "fax"])
    window.action("copy").trigger()
    window.action("paste").trigger()
    plan = window.document.plan
    assert plan.device_count() == 10 and plan.link_count() == 7
    pasted, _, _ = window.plan_scene.selected_ids()
    assert len(pasted) == 2 and not {"ata", "fax"} & set(pasted)
    new_link = plan.links[-1]
    assert {new_link.a.device, new_link.b.device} == set(pasted)
    originals = {plan.device("ata").label, plan.device("fax").label}
    assert {plan.device(d).label for d in pasted} == originals
    assert window.document.undo_stack.undoText() == "Paste 2 devices"
    window.action("undo").trigger()
    assert plan.device_count() == 8 and plan.link_count() == 6


def test_paste_into_another_window(make_window, examples_dir):
    source = example(make_window, examples_dir)
    target = make_window()
    source.plan_scene.select(devices=["line1", "ks", "rec"])
    source.action("copy").trigger()
    target.action("paste").trigger()
    plan = target.document.plan
    assert plan.device_count() == 3
    assert plan.link_count() == 2  # line1-ks and rec-ks travel; cables to unselected devices do not
    assert sorted(d.type for d in plan.devices) == ["analog-pbx", "analog-phone", "pstn-line"]


def test_duplicate_places_a_copy_beside_the_original(make_window, examples_dir):
    window = example(make_window, examples_dir)
    window.plan_scene.select(devices=["fax"])
    window.action("duplicate").trigger()
    plan = window.document.plan
    copy = plan.devices[-1]
    assert copy.type == "fax" and copy.id != "fax"
    assert (copy.x, copy.y) == (plan.device("fax").x + 40, plan.device("fax").y + 40)


def test_paste_of_foreign_text_is_refused_without_damage(make_window, examples_dir):
    window = example(make_window, examples_dir)
    QGuiApplication.clipboard().setText('{"format": "fxdesigner-plan", "schema_version": 1, "devices": [')
    window.action("paste").trigger()
    assert window.document.plan.device_count() == 8
    assert "Nothing pasted" in window.statusBar().currentMessage()


def test_rename_in_place_with_f2(make_window, examples_dir, qtbot):
    window = example(make_window, examples_dir)
    window.plan_scene.select(devices=["rec"])
    window.view.setFocus()
    window.action("rename").trigger()
    editor = window.view.viewport().findChild(QLineEdit, "renameEditor")
    assert editor is not None and editor.text() == "Reception"
    editor.setText("Front desk <b>phone</b>")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.plan.device("rec").label == "Front desk <b>phone</b>"
    assert window.plan_scene.devices["rec"].label == "Front desk <b>phone</b>"
    assert window.document.undo_stack.undoText() == "Rename device"
    window.action("undo").trigger()
    assert window.document.plan.device("rec").label == "Reception"


def test_rename_by_double_click_and_escape_cancels(make_window, examples_dir):
    window = example(make_window, examples_dir)
    double_click(window.view, device_point(window, "back"))
    editor = window.view.viewport().findChild(QLineEdit, "renameEditor")
    assert editor is not None
    editor.setText("Something else")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert window.document.plan.device("back").label == "Back office"
    assert window.document.undo_stack.count() == 0


def test_add_note_and_edit_its_text(window):
    window.action("add_note").trigger()
    (note,) = window.document.plan.notes
    editor = window.editor.editor
    assert editor is not None
    editor.setPlainText("Line 2 arrives in March")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan.note(note.id).text == "Line 2 arrives in March"
    assert window.document.undo_stack.count() == 2


def test_property_edits_are_undoable(make_window, examples_dir):
    window = example(make_window, examples_dir)
    window.plan_scene.select(devices=["ata"])
    assert window.properties.subject == DeviceSubject("ata")
    t38 = window.properties.fields["t38"]
    t38.activated.emit(1)  # "Enabled"
    assert window.document.plan.device("ata").properties["t38"] is True
    assert not any(f.code == "FX401" for f in window.document.findings())
    assert window.document.undo_stack.undoText() == "Set t38"
    power = window.properties.fields["power"]
    power.activated.emit(3)  # PoE
    assert window.document.plan.device("ata").properties["power"] == "poe"
    window.action("undo").trigger()
    window.action("undo").trigger()
    assert "t38" in window.document.plan.device("ata").properties
    assert window.document.plan.device("ata").properties["t38"] is False
    assert any(f.code == "FX401" for f in window.document.findings())


def test_jack_and_cable_properties(make_window, examples_dir):
    window = example(make_window, examples_dir)
    window.view.click_jack(PortRef("ata", "phone1"))
    assert window.properties.subject == JackSubject(PortRef("ata", "phone1"))
    budget = window.properties.fields["ren_budget"]
    budget.setValue(3)
    assert window.document.plan.port(PortRef("ata", "phone1")).properties["ren_budget"] == 3
    window.plan_scene.select(links=["c6"])
    assert window.properties.subject == CableSubject("c6")
    window.properties.fields["length_m"].setValue(12)
    window.properties.fields["leaves_building"].setChecked(True)
    tag = window.properties.fields["tag"]
    tag.setText("FAX-1")
    tag.editingFinished.emit()
    link = window.document.plan.link("c6")
    assert link.properties == {"length_m": 12, "leaves_building": True, "label": "FAX-1"}
    assert window.document.undo_stack.count() == 4


def test_plan_title_and_region(make_window, examples_dir):
    window = example(make_window, examples_dir)
    window.plan_scene.clearSelection()
    assert window.properties.subject == PLAN
    title = window.properties.fields["title"]
    title.setText("Dental office")
    title.editingFinished.emit()
    assert window.document.plan.title == "Dental office"
    assert "Dental office" in window.windowTitle()
    region = window.properties.fields["region"]
    region.activated.emit(region.findData("DE"))
    assert window.document.plan.region == "DE"
    assert window.document.undo_stack.undoText() == "Set plan region"


def test_an_edit_the_model_refuses_leaves_no_undo_step(window):
    from fxdesigner.model.plan import Link

    window.document.add_note(0, 0, "x")
    count = window.document.undo_stack.count()
    bad = e.Connect(Link("c1", PortRef("nope", "a"), PortRef("nope", "b")))
    assert not window.document.push(bad)
    assert "no device" in window.document.last_error
    assert window.document.undo_stack.count() == count
    assert window.document.undo_stack.undoText() == "Add note"
