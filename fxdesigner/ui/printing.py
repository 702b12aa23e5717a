"""Printing the plan (with a preview) and printing tables such as the bill of materials to PDF.

Printing paints the same pages as the PDF export. Pages are laid out in
drawing units at the canvas's DPI (see ui.export), so the printer is asked for
that resolution; a printer driver that insists on its own resolution gets
each page as a sharp image instead, because text sized for one DPI and boxes
sized for another would not line up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QUrl
from PySide6.QtGui import QColor, QImage, QPagedPaintDevice, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from fxdesigner import APP_NAME, __version__
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import Finding
from fxdesigner.ui.canvas import style
from fxdesigner.ui.export import (
    ExportError,
    ExportOptions,
    export_dpi,
    page_layout,
    paged_plan,
    paint_document,
)

#: Pages sent as images (printers that refuse our resolution) are drawn at most this sharp.
MAX_RASTER_DPI: Final = 300.0


def make_printer(plan: Plan, options: ExportOptions) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(round(export_dpi()))
    printer.setPageLayout(page_layout(plan, options))
    printer.setDocName(one_line(plan.title or "Untitled plan", 100))
    printer.setCreator(f"{APP_NAME} {__version__}")
    return printer


def print_plan(printer: QPrinter, plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> int:
    """Paint every page on the printer (or the preview); returns the page count."""
    if abs(printer.logicalDpiY() - export_dpi()) < 0.5 and abs(printer.logicalDpiX() - export_dpi()) < 0.5:
        return paint_document(printer, plan, findings, options)
    return _print_as_images(printer, plan, findings, options)


def _print_as_images(
    device: QPagedPaintDevice, plan: Plan, findings: Sequence[Finding], options: ExportOptions
) -> int:
    dpi = export_dpi()
    page_w, page_h = device.width() * dpi / device.logicalDpiX(), device.height() * dpi / device.logicalDpiY()
    document = paged_plan(plan, findings, options, QRectF(0, 0, page_w, page_h))
    sharpness = min(float(device.logicalDpiX()), MAX_RASTER_DPI) / dpi
    painter = QPainter(device)
    if not painter.isActive():
        raise ExportError("could not start drawing on the printer")
    try:
        for index in range(len(document.pages)):
            if index and not device.newPage():
                raise ExportError("could not start a new page")
            image = QImage(round(page_w * sharpness), round(page_h * sharpness), QImage.Format.Format_RGB32)
            if image.isNull():
                raise ExportError("there is not enough memory to print this page")
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            image.fill(QColor("#ffffff"))
            page_painter = QPainter(image)
            page_painter.scale(sharpness, sharpness)
            document.paint(page_painter, index)
            page_painter.end()
            painter.drawImage(QRectF(0, 0, device.width(), device.height()), image)
    finally:
        painter.end()
    return len(document.pages)


def preview_dialog(
    parent: QWidget | None, plan: Plan, findings: Sequence[Finding], options: ExportOptions
) -> QPrintPreviewDialog:
    """A print preview whose pages are the export's pages; the caller shows it."""
    printer = make_printer(plan, options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(f"Print Preview — {APP_NAME}")
    dialog.paintRequested.connect(lambda target: print_plan(target, plan, findings, options))
    dialog.printer = printer  # type: ignore[attr-defined]  # the dialog does not own it
    return dialog


def print_dialog(parent: QWidget | None, plan: Plan, options: ExportOptions) -> tuple[QPrintDialog, QPrinter]:
    printer = make_printer(plan, options)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(f"Print — {APP_NAME}")
    return dialog, printer


# --- tables -----------------------------------------------------------------------------------------


class _PlainDocument(QTextDocument):
    """A text document that never loads a file or URL (an image in a table would read local files)."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        # Returning None makes Qt fall back to reading the file itself; a blank image does not.
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(QColor(0, 0, 0, 0))
        return blank


def markdown_document(markdown: str) -> QTextDocument:
    document = _PlainDocument()
    document.setDefaultFont(style.font(9.0))
    features = QTextDocument.MarkdownFeature(
        QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value
        | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
    )
    document.setMarkdown(markdown, features)
    return document


def markdown_pdf(markdown: str, plan: Plan, options: ExportOptions | None) -> bytes:
    """A table (bill of materials, cable schedule) written as Markdown, as portrait PDF pages."""
    options = options or ExportOptions()
    layout = page_layout(plan, ExportOptions(paper=options.paper, landscape=False))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(export_dpi()))
    writer.setPageLayout(layout)
    writer.setTitle(one_line(plan.title or "Untitled plan", 200))
    writer.setCreator(f"{APP_NAME} {__version__}")
    document = markdown_document(markdown)
    document.setPageSize(layout.paintRectPixels(round(export_dpi())).size().toSizeF())
    document.print_(writer)
    del writer
    return bytes(buffer.data().data())
