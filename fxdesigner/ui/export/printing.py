"""Pages: the PDF export, printing with a preview, and tables (the bill of materials) as PDF.

The PDF export and the printer paint the same pages. A plan that is readable
on one page goes on one page (with the legend and the title block); a bigger
one gets an overview page with a grid of sheets, then one page per sheet.

Pages are laid out in drawing units at the canvas's DPI (see ui.export), so
the PDF writer and the printer are asked for that resolution. A printer
driver that insists on its own resolution gets each page as a sharp image
instead: text sized for one DPI and boxes sized for another would not line up.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from fxdesigner import APP_NAME, __version__
from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import Finding
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.export.sheet import (
    GAP,
    LETTER_REGIONS,
    PAPERS,
    TITLE_HEIGHT,
    Exported,
    ExportError,
    ExportOptions,
    ExportScene,
    TitleInfo,
    content_rect,
    export_dpi,
    paint_title_block,
)
from fxdesigner.ui.legend import legend_box_size, paint_legend_box

PAGE_MARGIN_MM: Final = 10.0
#: In automatic mode a plan drawn smaller than this on one page is tiled instead:
#: 8.5-point labels would print below 3.4 points.
AUTO_TILE_BELOW: Final = 0.4
#: Scale of tiled sheets: 8.5-point labels print at about 6.4 points.
TILE_SCALE: Final = 0.75
#: One page never enlarges a small plan beyond its size on screen.
MAX_PAGE_SCALE: Final = 1.0
PAGE_LEGEND_SCALE: Final = 0.65
#: At most this many sheets (before empty ones are dropped).
MAX_SHEETS: Final = 400
#: Neighbouring sheets share this much (drawing units) so that an item on an edge is whole on one of them.
TILE_OVERLAP: Final = 30.0


# --- page layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    #: "fit" (the whole plan), "overview" (the whole plan with the sheet grid) or "tile" (one sheet).
    kind: str
    source: QRectF
    target: QRectF
    legend: QPointF | None
    title: QRectF | None
    sheet: str = ""
    tiles: tuple[tuple[str, QRectF], ...] = ()
    band_legend: bool = False


def paper_for(plan: Plan, options: ExportOptions) -> str:
    if options.paper:
        return options.paper
    return "letter" if plan.effective_region in LETTER_REGIONS else "a4"


def page_layout(plan: Plan, options: ExportOptions) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        QPageSize(PAPERS[paper_for(plan, options)]), orientation, margins, QPageLayout.Unit.Millimeter
    )


def _fit(source: QRectF, area: QRectF, limit: float) -> tuple[float, QRectF]:
    scale = min(area.width() / source.width(), area.height() / source.height(), limit)
    w, h = source.width() * scale, source.height() * scale
    return scale, QRectF(area.left() + (area.width() - w) / 2, area.top() + (area.height() - h) / 2, w, h)


def _row_name(row: int) -> str:
    name = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _whole_plan_layout(
    source: QRectF, body: QRectF, legend: bool
) -> tuple[float, QRectF, QPointF | None, bool]:
    """Fit source into body with the legend beside it (a column) or under it (a band), whichever is larger."""
    if not legend:
        scale, target = _fit(source, body, MAX_PAGE_SCALE)
        return scale, target, None, False
    choices = []
    column_w, column_h = legend_box_size(PAGE_LEGEND_SCALE)
    if body.width() - column_w - GAP > 50 and body.height() >= column_h:
        area = QRectF(body.left(), body.top(), body.width() - column_w - GAP, body.height())
        scale, target = _fit(source, area, MAX_PAGE_SCALE)
        choices.append((scale, target, QPointF(body.right() - column_w, body.top()), False))
    band_w, band_h = legend_box_size(PAGE_LEGEND_SCALE, band=True)
    if body.height() - band_h - GAP > 50 and body.width() >= band_w:
        area = QRectF(body.left(), body.top(), body.width(), body.height() - band_h - GAP)
        scale, target = _fit(source, area, MAX_PAGE_SCALE)
        choices.append((scale, target, QPointF(body.right() - band_w, body.bottom() - band_h), True))
    if not choices:
        raise ExportError("the page is too small for the plan, its legend and title block")
    return max(choices, key=lambda choice: choice[0])


def plan_pages(scene: PlanScene, page: QRectF, options: ExportOptions) -> list[Page]:
    """Lay the plan out on pages of the given size (drawing units)."""
    content = content_rect(scene)
    title = None
    body = QRectF(page)
    if options.title_block:
        title = QRectF(page.left(), page.bottom() - TITLE_HEIGHT, page.width(), TITLE_HEIGHT)
        body.setBottom(page.bottom() - TITLE_HEIGHT - GAP)
    if body.width() < 50 or body.height() < 50:
        raise ExportError("the page is too small for the plan and its title block")
    fit_scale, fit_target, legend, band = _whole_plan_layout(content, body, options.legend)
    tiled = options.tiled if options.tiled is not None else fit_scale < AUTO_TILE_BELOW
    most_w, most_h = body.width() / TILE_SCALE, body.height() / TILE_SCALE
    cols, rows = math.ceil(content.width() / most_w), math.ceil(content.height() / most_h)
    if cols * rows > MAX_SHEETS:
        # Absurdly spread plans get bigger (smaller-scale) sheets rather than thousands of pages.
        grow = math.sqrt(cols * rows / MAX_SHEETS)
        most_w, most_h = most_w * grow, most_h * grow
        cols, rows = math.ceil(content.width() / most_w), math.ceil(content.height() / most_h)
    if not tiled or cols * rows <= 1:
        return [Page("fit", content, fit_target, legend, title, band_legend=band)]
    # Sheets share the plan evenly (no sliver at the edge) and overlap a little.
    tile_w, tile_h = content.width() / cols, content.height() / rows
    over_x, over_y = min(TILE_OVERLAP, (most_w - tile_w) / 2), min(TILE_OVERLAP, (most_h - tile_h) / 2)
    tiles: list[tuple[str, QRectF]] = []
    for row in range(rows):
        for col in range(cols):
            rect = QRectF(content.left() + col * tile_w, content.top() + row * tile_h, tile_w, tile_h)
            rect = rect.adjusted(
                -over_x if col else 0.0,
                -over_y if row else 0.0,
                over_x if col < cols - 1 else 0.0,
                over_y if row < rows - 1 else 0.0,
            )
            # A sheet with nothing on it is not worth a page.
            if scene.items(rect, Qt.ItemSelectionMode.IntersectsItemShape):
                tiles.append((f"{_row_name(row)}{col + 1}", rect))
    pages = [Page("overview", content, fit_target, legend, title, "Overview", tuple(tiles), band)]
    for name, rect in tiles:
        sheet_scale = min(body.width() / rect.width(), body.height() / rect.height(), TILE_SCALE)
        target = QRectF(body.topLeft(), QSizeF(rect.width() * sheet_scale, rect.height() * sheet_scale))
        pages.append(Page("tile", rect, target, None, title, f"Sheet {name}"))
    return pages


# --- painting pages --------------------------------------------------------------------------------


def _paint_plan_detailed(painter: QPainter, scene: PlanScene, source: QRectF, target: QRectF) -> None:
    """Draw source into target at full detail, however small target is.

    Items choose their level of detail from the painter's world transform; the
    window/viewport mapping shrinks the drawing without them seeing it.
    """
    scale = target.width() / source.width()
    zoom = max(16.0, 1.0 / scale)
    window = painter.window()
    painter.save()
    painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
    painter.setWindow(QRect(0, 0, round(window.width() * zoom), round(window.height() * zoom)))
    painter.setViewport(painter.viewport())
    big = QRectF(target.left() * zoom, target.top() * zoom, target.width() * zoom, target.height() * zoom)
    scene.render(painter, big, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()


def _paint_page(
    painter: QPainter, scene: PlanScene, page: Page, info: TitleInfo, number: int, total: int
) -> None:
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    if page.kind == "overview":
        # The overview is a map of the sheets, drawn at its real scale: small
        # items show as simple outlines, as on the zoomed-out canvas.
        scene.render(painter, page.target, page.source, Qt.AspectRatioMode.IgnoreAspectRatio)
        _paint_tile_grid(painter, page)
    else:
        _paint_plan_detailed(painter, scene, page.source, page.target)
    if page.legend is not None:
        paint_legend_box(painter, page.legend, PAGE_LEGEND_SCALE, page.band_legend)
    if page.title is not None:
        sheet = f"{page.sheet}  ·  page {number} of {total}" if total > 1 else ""
        paint_title_block(painter, page.title, info, sheet)


def _paint_tile_grid(painter: QPainter, page: Page) -> None:
    scale = page.target.width() / page.source.width()
    painter.save()
    painter.setFont(style.font(9.0, True))
    for name, rect in page.tiles:
        box = QRectF(
            page.target.left() + (rect.left() - page.source.left()) * scale,
            page.target.top() + (rect.top() - page.source.top()) * scale,
            rect.width() * scale,
            rect.height() * scale,
        )
        painter.setPen(QPen(style.SELECTED, 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.setPen(style.SELECTED)
        painter.drawText(
            box.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name
        )
    painter.restore()


@dataclass(frozen=True)
class PagedPlan:
    """A plan laid out on pages, ready to paint page by page."""

    scene: ExportScene
    pages: tuple[Page, ...]
    info: TitleInfo

    def paint(self, painter: QPainter, index: int) -> None:
        _paint_page(painter, self.scene, self.pages[index], self.info, index + 1, len(self.pages))


def paged_plan(plan: Plan, findings: Sequence[Finding], options: ExportOptions, page: QRectF) -> PagedPlan:
    """page: the printable area in drawing units (1/DPI inch, see export_dpi)."""
    scene = ExportScene(
        plan, findings if options.findings else (), vector_icons=True, orthogonal=options.orthogonal
    )
    return PagedPlan(scene, tuple(plan_pages(scene, page, options)), TitleInfo.of(plan, findings, options))


def paint_document(
    device: QPagedPaintDevice, plan: Plan, findings: Sequence[Finding], options: ExportOptions
) -> int:
    """Paint the pages on a PDF writer or printer whose resolution is export_dpi(); returns how many."""
    document = paged_plan(plan, findings, options, QRectF(0, 0, device.width(), device.height()))
    return _paint_pages(device, len(document.pages), document.paint,
                        "could not start drawing on the page (is the printer or file available?)")


def _paint_pages(device: QPagedPaintDevice, count: int, paint: Callable[[QPainter, int], None],
                 cannot_start: str) -> int:
    """Paint count pages on the device, one paint(painter, index) call each; returns count."""
    painter = QPainter(device)
    if not painter.isActive():
        raise ExportError(cannot_start)
    try:
        for index in range(count):
            if index and not device.newPage():
                raise ExportError("could not start a new page")
            paint(painter, index)
    finally:
        painter.end()
    return count


def render_pdf(plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> Exported:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(export_dpi()))
    layout = page_layout(plan, options)
    writer.setPageLayout(layout)
    writer.setTitle(one_line(plan.title or "Untitled plan", 200))
    writer.setCreator(f"{APP_NAME} {__version__}")
    if options.embed and hasattr(writer, "addFileAttachment"):
        # Not read back by File → Open (only PNG and SVG are), but a PDF viewer can save it.
        writer.addFileAttachment("plan.fxplan", dumps_plan(plan).encode("utf-8"), "application/json")
    pages = paint_document(writer, plan, findings, options)
    del writer  # the file is complete once the painter has ended
    size = layout.fullRectPoints()
    return Exported(bytes(buffer.data().data()), ".pdf", size.width(), size.height(), pages, 1.0)


# --- printing ---------------------------------------------------------------------------------------

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

    def paint_as_image(painter: QPainter, index: int) -> None:
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

    return _paint_pages(device, len(document.pages), paint_as_image, "could not start drawing on the printer")


def preview_dialog(
    parent: QWidget | None, plan: Plan, findings: Sequence[Finding], options: ExportOptions
) -> QPrintPreviewDialog:
    """A print preview whose pages are the export's pages; the caller shows it."""
    printer = make_printer(plan, options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(f"Print Preview — {APP_NAME}")
    dialog.paintRequested.connect(lambda target: print_plan(target, plan, findings, options))
    # Kept on the dialog so the printer lives as long as it: the dialog does not own it, and
    # QPrintPreviewDialog declares no such attribute (hence the ignore).
    dialog.printer = printer  # type: ignore[attr-defined]
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
