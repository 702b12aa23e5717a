"""File → Export and File → Print in the designer, driven through the real menus and dialogs."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog

import fxdesigner.ui.export.printing as printing
import fxdesigner.ui.export.sheet as sheet
from fxdesigner.io.plan_json import load_plan
from fxdesigner.ui import settings
from fxdesigner.ui.export import ExportOptions
from fxdesigner.ui.export.dialog import ExportActions, ExportDialog, load_options, save_options


@pytest.fixture
def office(make_window, examples_dir):
    window = make_window(examples_dir / "miswired-office.fxplan")
    return window, window.export_actions


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_install_fills_the_export_menu_and_adds_print(office) -> None:
    window, actions = office
    assert isinstance(actions, ExportActions)
    assert menu_texts(window.export_menu) == [
        "PNG image…",
        "SVG drawing…",
        "PDF document…",
        "Bill of materials (CSV)…",
        "Bill of materials (Markdown)…",
        "Bill of materials (PDF)…",
        "Cable schedule (CSV)…",
    ]
    file_menu = window.export_menu.parentWidget()
    texts = [a.text() for a in file_menu.actions()]
    at = texts.index("&Export")
    assert texts[at + 1 : at + 3] == ["Print Pre&view…", "&Print…"]
    expected = QKeySequence.keyBindings(QKeySequence.StandardKey.Print) or [QKeySequence("Ctrl+P")]
    assert actions.actions["print"].shortcuts() == expected


def test_png_through_the_menu(office, tmp_path, monkeypatch) -> None:
    window, actions = office
    target = tmp_path / "exports" / "office"
    target.parent.mkdir()
    seen = {}

    def fake_exec(dialog: ExportDialog) -> int:
        seen["visible"] = {
            box.objectName(): not box.isHidden()
            for box in (dialog.scale, dialog.paper, dialog.embed, dialog.transparent, dialog.legend)
        }
        dialog.scale.setCurrentIndex(0)  # 1×
        dialog.legend.setChecked(False)
        return QDialog.DialogCode.Accepted

    def fake_save(parent, title, start, filters):
        seen["start"], seen["filters"] = start, filters
        return str(target), filters

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    actions.actions["export_png"].trigger()
    out = tmp_path / "exports" / "office.png"  # the suffix is added
    assert out.exists()
    assert load_plan(out) == window.document.plan
    assert seen["visible"] == {
        "scale": True,
        "paper": False,
        "embed": True,
        "transparent": True,
        "legend": True,
    }
    assert seen["filters"] == "PNG images (*.png)"
    assert "Exported office.png" in window.statusBar().currentMessage()
    # The choices and the folder are remembered for next time.
    assert load_options().scale == 1.0 and not load_options().legend
    assert settings.settings().value("export/folder") == str(tmp_path / "exports")
    actions.actions["export_svg"].trigger()
    # An unsaved plan is named after its title, in the folder used last.
    assert seen["start"] == str(tmp_path / "exports" / "Small-office-three-mistakes.svg")


def test_export_does_not_depend_on_zoom_or_selection(office, tmp_path) -> None:
    window, actions = office
    options = ExportOptions(date="2026-05-04")
    assert actions.export_to(str(tmp_path / "a.png"), options)
    window.select_all()
    window.view.set_zoom(3.0)
    assert actions.export_to(str(tmp_path / "b.png"), options)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_cancelled_dialog_writes_nothing(office, tmp_path, monkeypatch) -> None:
    _, actions = office
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no file dialog after cancel"))
    assert actions.export_image(".pdf") is False


def test_dialog_shows_what_applies(office) -> None:
    window, _ = office
    pdf = ExportDialog(".pdf", ExportOptions(paper="letter", tiled=True, landscape=False), window)
    assert pdf.scale.isHidden() and pdf.embed.isHidden() and not pdf.paper.isHidden()
    got = pdf.options()
    assert (got.paper, got.tiled, got.landscape) == ("letter", True, False)
    svg = ExportDialog(".svg", ExportOptions(transparent=True, embed=False), window)
    assert svg.scale.isHidden() and not svg.embed.isHidden()
    assert (svg.options().transparent, svg.options().embed) == (True, False)


def test_options_survive_a_restart() -> None:
    save_options(ExportOptions(scale=3.0, transparent=True, title_block=False, paper="a4", tiled=False))
    got = load_options()
    assert (got.scale, got.transparent, got.title_block, got.paper, got.tiled) == (
        3.0,
        True,
        False,
        "a4",
        False,
    )


def test_failed_export_says_why(office, tmp_path, dialogs) -> None:
    _, actions = office
    assert not actions.export_to(str(tmp_path / "gone" / "x.svg"))
    name, text, informative, text_format = dialogs.shown[-1]
    assert name == "exportErrorDialog" and "x.svg" in text and "folder does not exist" in informative
    assert text_format == Qt.TextFormat.PlainText


def test_reduced_size_is_reported(office, tmp_path, dialogs, monkeypatch) -> None:
    _, actions = office
    monkeypatch.setattr(sheet, "MAX_SIDE", 400)
    assert actions.export_to(str(tmp_path / "small.png"), ExportOptions(scale=4.0))
    assert dialogs.shown[-1][0] == "exportNotice"
    assert (
        max(QImage(str(tmp_path / "small.png")).width(), QImage(str(tmp_path / "small.png")).height()) <= 400
    )


def test_tables(office, tmp_path, monkeypatch) -> None:
    window, actions = office
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "bom"), ""))
    actions.actions["export_bom_csv"].trigger()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "bom.csv").read_text("utf-8"), newline="")))
    assert (
        sum(int(r["quantity"]) for r in rows if r["section"] == "devices")
        == window.document.plan.device_count()
    )
    actions.actions["export_bom_md"].trigger()
    assert (tmp_path / "bom.md").read_text("utf-8").startswith("# Bill of materials")
    actions.actions["export_bom_pdf"].trigger()
    assert (tmp_path / "bom.pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "cables.csv"), ""))
    actions.actions["export_cables_csv"].trigger()
    assert (tmp_path / "cables.csv").read_text("utf-8").startswith("cable_id,tag,")


def test_print_preview_shows_the_pages(office, qtbot) -> None:
    _, actions = office
    dialog = actions.print_preview(show=False)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    dialog.close()


def test_print_sends_the_pages(office, tmp_path, monkeypatch) -> None:
    window, actions = office
    out = tmp_path / "printed.pdf"
    made = printing.make_printer

    def to_file(plan, options) -> QPrinter:
        printer = made(plan, options)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(printing, "make_printer", to_file)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    actions.actions["print"].trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert "Sent 1 page" in window.statusBar().currentMessage()
