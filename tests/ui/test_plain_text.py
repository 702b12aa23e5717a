"""Plan text is shown as text everywhere: never as HTML, never loading a file, never a link.

Every string in the plan (labels, jack labels, models, cable tags, notes, the
title, waiver reasons) is a canary: an <img> pointing at a magenta image this
test writes, bold tags, a link and a table. Qt renders a string as rich text
whenever it merely looks like markup, so any surface that forgets to say "plain
text" draws magenta pixels; the test grabs each surface and counts them. A
positive control proves the canary is seen when a surface does render HTML.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from fxdesigner.explain.subject import (
    PLAN,
    CableSubject,
    DeviceSubject,
    JackSubject,
    ManySubject,
    NoteSubject,
)
from fxdesigner.io.plan_json import dumps_plan, load_plan, plan_to_document
from fxdesigner.model.plan import Note, PortRef, Waiver
from fxdesigner.ui import export, recovery
from fxdesigner.ui.app import Designer
from fxdesigner.ui.canvas.items import DeviceItem, NoteItem
from fxdesigner.ui.panels import explainer, finding_actions, findings
from tests.ui.test_autosave import plant_orphan

MAGENTA = QColor(255, 0, 255)


@pytest.fixture
def canary(tmp_path_factory) -> str:
    # A short path, so the whole <img> tag survives where labels are cut to 60-80 characters.
    folder = Path(tempfile.mkdtemp(prefix="c", dir="/tmp" if os.path.isdir("/tmp") else None))
    image = QImage(48, 48, QImage.Format.Format_RGB32)
    image.fill(MAGENTA)
    path = folder / "c.png"
    assert image.save(str(path))
    yield f'<b>Boss</b><img src=file://{path.as_posix()}><a href="https://x.example">fix</a><table><tr><td>T'
    shutil.rmtree(folder, ignore_errors=True)




def magenta_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    target = MAGENTA.rgb()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixel(x, y) == target:
                count += 1
    return count


def grab(widget: QWidget) -> QImage:
    widget.show()
    QApplication.processEvents()
    return widget.grab().toImage()


def canary_plan_file(tmp_path: Path, examples_dir: Path, canary: str) -> Path:
    """The miswired example with every user string replaced by the canary (findings quote labels)."""
    plan = load_plan(examples_dir / "miswired-office.fxplan")
    plan.title = canary
    for device in plan.iter_devices():
        device.label = canary
        device.model = canary
        for port in device.ports:
            port.label = canary
    for link in plan.iter_links():
        link.properties["label"] = canary
    plan.add_note(Note("n-canary", canary + "\nsecond line " + canary, 600, 40))
    plan.add_waiver(Waiver("w1", "FX203", "line2", reason=canary, by=canary, date=canary))
    path = tmp_path / "canary.fxplan"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return path


@pytest.fixture
def window(make_window, tmp_path, examples_dir, canary):
    made = make_window()
    assert made.open_path(str(canary_plan_file(tmp_path, examples_dir, canary)))
    made.view.set_zoom(1.0)
    return made


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes are grabbed on screen instead of waiting for a click."""
    shown: list[tuple[QMessageBox, QImage]] = []

    def grab_box(box):
        shown.append((box, grab(box)))
        box.hide()
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", grab_box)
    return shown


def assert_plain_labels(widget: QWidget) -> None:
    """Every label that shows markup-looking text is set to plain text."""
    for label in widget.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())


def assert_box_is_plain(box: QMessageBox, image: QImage) -> None:
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert_plain_labels(box)
    assert magenta_pixels(image) == 0


def assert_escaped_tooltip(tip: str, canary: str) -> None:
    """Tooltips are always rich text: user text in them must be escaped, so it reads literally."""
    assert "<img" not in tip and "<b>" not in tip, tip
    if "Boss" in tip:
        document = QTextDocument()
        document.setHtml(tip)
        assert "<b>Boss</b>" in document.toPlainText()


# --- the control: the canary is caught when something does render HTML ------------------------


def test_the_canary_is_seen_when_a_surface_renders_html(canary, qtbot):
    rich = QLabel(canary)  # AutoText: Qt guesses HTML
    qtbot.addWidget(rich)
    assert magenta_pixels(grab(rich)) > 1000
    plain = QLabel()
    qtbot.addWidget(plain)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setText(canary)
    assert magenta_pixels(grab(plain)) == 0


# --- surfaces ------------------------------------------------------------------------------------


def test_canvas_draws_labels_notes_and_tags_as_text(window, canary):
    window.view.fit_all()
    assert magenta_pixels(window.view.grab().toImage()) == 0
    window.view.set_zoom(1.5)
    scene = window.plan_scene
    for item in [*scene.devices.values(), *scene.notes.values(), *scene.links.values()]:
        window.view.centerOn(item)
        assert magenta_pixels(window.view.grab().toImage()) == 0
    device = next(iter(window.plan_scene.devices.values()))
    assert device.label.startswith("<b>Boss</b><img src=file://")  # what is drawn, literally


def test_canvas_tooltips_are_escaped(window, canary):
    tips = [item.toolTip() for item in window.plan_scene.items()]
    assert any("Boss" in tip for tip in tips)  # findings quote the labels
    for tip in tips:
        assert_escaped_tooltip(tip, canary)


def test_rename_and_note_editors_show_the_literal_text(window, canary):
    device = next(i for i in window.plan_scene.items() if isinstance(i, DeviceItem))
    window.editor.start(device)
    editor = window.view.viewport().findChild(QLineEdit, "renameEditor")
    assert editor.text() == canary
    window.editor.cancel()
    note = next(i for i in window.plan_scene.items() if isinstance(i, NoteItem))
    window.editor.start(note)
    editor = window.view.viewport().findChild(QPlainTextEdit, "noteEditor")
    assert editor.toPlainText().startswith(canary)
    window.editor.cancel()


def test_properties_dock_shows_the_literal_text_for_every_subject(window, canary):
    plan = window.document.plan
    device = next(plan.iter_devices())
    link = next(plan.iter_links())
    subjects = [PLAN, DeviceSubject(device.id), JackSubject(PortRef(device.id, device.ports[0].id)),
                CableSubject(link.id), NoteSubject(plan.notes[0].id), ManySubject(3)]
    for subject in subjects:
        window.properties.show_subject(subject)
        dock = window.properties_dock
        assert magenta_pixels(grab(dock)) == 0, subject
        assert_plain_labels(dock)
        texts = [edit.text() for edit in dock.findChildren(QLineEdit)]
        texts += [edit.toPlainText() for edit in dock.findChildren(QPlainTextEdit)]
        if not isinstance(subject, ManySubject):
            assert any(t.startswith(canary) for t in texts), subject


def test_window_title_and_status_bar_are_plain(window, canary):
    assert canary[:40] in window.windowTitle()
    window.statusBar().showMessage(canary)
    assert magenta_pixels(grab(window.statusBar())) == 0
    assert_plain_labels(window.statusBar())


def test_a_bad_clipboard_quoting_markup_ends_in_the_status_bar_as_text(window, canary):
    document = plan_to_document(window.document.plan)
    document["devices"][0]["id"] = canary  # an invalid id: the error quotes it
    QGuiApplication.clipboard().setText(json.dumps(document))
    window.paste()
    message = window.statusBar().currentMessage()
    assert message.startswith("Nothing pasted: clipboard: devices[0].id:") and "<b>Boss</b>" in message
    assert magenta_pixels(grab(window.statusBar())) == 0


def test_load_error_and_about_dialogs_are_plain(window, tmp_path, canary, boxes):
    document = plan_to_document(window.document.plan)
    document["devices"][0]["id"] = canary
    bad = tmp_path / "<b>Boss<b> <img src=canary.png>.fxplan"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert not window.open_path(str(bad))
    box, image = boxes[-1]
    assert box.objectName() == "loadErrorDialog"
    assert "<b>Boss</b>" in box.informativeText() and "<img src=canary.png>" in box.informativeText()
    assert_box_is_plain(box, image)
    window.about()
    assert_box_is_plain(*boxes[-1])


def test_recovery_dialogs_are_plain(canary, tmp_path, examples_dir, data_dir, boxes):
    plan_text = canary_plan_file(tmp_path, examples_dir, canary).read_text(encoding="utf-8")
    plant_orphan(data_dir / "autosave", plan_text, str(tmp_path / "<b>Boss<b> <img src=canary.png>.fxplan"))
    designer = Designer(QApplication.instance())
    assert recovery.offer_recovery(designer) == []  # the grabbing exec answers Cancel: decide later
    box, image = boxes[-1]
    assert box.objectName() == "recoveryDialog"
    assert "<img src=canary.png>" in box.text()
    assert_box_is_plain(box, image)
    plant_orphan(data_dir / "autosave", "not a plan", None)
    recovery.offer_recovery(designer)
    assert_box_is_plain(*boxes[-1])


def test_explainer_shows_labels_as_text_and_loads_nothing(window, canary):
    panel = window.explainer_panel if hasattr(window, "explainer_panel") else window.findChild(
        explainer.ExplainerPanel)
    plan = window.document.plan
    device = next(plan.iter_devices())
    for subject in (PLAN, DeviceSubject(device.id), JackSubject(PortRef(device.id, device.ports[0].id))):
        panel.follow(subject)
        panel.refresh()
        QApplication.processEvents()
        assert "<b>Boss</b>" in panel.toPlainText(), subject
        assert magenta_pixels(grab(panel)) == 0, subject
    for finding in window.document.findings():
        panel.show_finding(finding)
        panel.refresh()
        assert magenta_pixels(grab(panel)) == 0, finding.code
    requested = panel.view.document().requested
    assert not [url for url in requested if "canary" in url or url.startswith("file:")]
    assert_plain_labels(panel)


def test_findings_list_shows_messages_as_text(window, canary):
    panel = window.findChild(findings.FindingsPanel)
    model = panel.table.model()
    assert model.rowCount() > 0
    seen = False
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole) or ""
            seen = seen or "<b>Boss</b>" in str(text)
            assert_escaped_tooltip(str(model.data(index, Qt.ItemDataRole.ToolTipRole) or ""), canary)
    assert seen
    assert magenta_pixels(grab(panel)) == 0
    assert_plain_labels(panel)
    dialog = finding_actions.WaiveDialog(window.document.findings()[0], window)
    assert magenta_pixels(grab(dialog)) == 0
    assert_plain_labels(dialog)
    dialog.reject()


def test_exports_draw_labels_as_text(window, canary):
    plan, found = window.document.plan, window.document.findings()
    png = export.render(plan, ".png", found, export.ExportOptions(scale=1.0))
    image = QImage.fromData(png.data)
    assert not image.isNull()
    assert magenta_pixels(image) == 0
    svg = export.render(plan, ".svg", found, export.ExportOptions(scale=1.0)).data.decode("utf-8")
    root = ET.fromstring(svg)
    drawn = " ".join(el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "text")
    assert "<b>Boss</b>" in drawn  # written as text, escaped in the file
    assert html.escape("<b>Boss</b>", quote=False) in svg
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href"):
                assert "canary" not in value and not value.startswith("file:"), value
    assert export.render(plan, ".pdf", found, export.ExportOptions(scale=1.0)).data.startswith(b"%PDF")


def test_call_trace_card_and_hop_tips_are_plain(window, canary, qtbot):
    plan = window.document.plan
    station = next(d.id for d in plan.iter_devices() if d.type in ("analog-phone", "fax", "cordless-phone"))
    window.trace_view.show(station)
    qtbot.wait(600)  # the hops are revealed one by one
    card = window.trace_view.card
    assert "<b>Boss</b>" in card.title.text() + card.body.text()
    assert magenta_pixels(grab(card)) == 0
    assert_plain_labels(card)
    for item in window.plan_scene.items():
        assert_escaped_tooltip(item.toolTip(), canary)
    assert magenta_pixels(window.view.grab().toImage()) == 0


def test_a_drill_record_from_the_file_is_shown_as_text(make_window, tmp_path, examples_dir, canary):
    from fxdesigner.io.plan_json import load_plan as load
    from fxdesigner.lessons.drill_record import DRILL_KEY
    from fxdesigner.lessons.drills import make_drill

    drill = make_drill(load(examples_dir.parent / "templates" / "home-office-ata.fxplan"), 1, seed=1)
    document = plan_to_document(drill.plan)
    image = canary.split("<img src=", 1)[1].split(">", 1)[0]
    document[DRILL_KEY]["faults"][0]["description"] = f"{canary} ![x]({image})"
    path = tmp_path / "drill.fxplan"
    path.write_text(json.dumps(document), encoding="utf-8")
    window = make_window()
    assert window.open_path(str(path))
    window.teaching.reveal()
    panel = window.teaching.panel
    assert magenta_pixels(grab(panel)) == 0
