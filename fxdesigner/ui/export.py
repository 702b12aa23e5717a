"""Export a plan as PNG, SVG or PDF, drawn by the same scene and items as the canvas.

Every export builds a fresh offscreen scene from the plan, so the picture never
depends on the window's zoom, selection or hover. File → Export, File → Print
and ``fxdesigner export`` all come through ``render``/``paint_document`` here.

Two Qt facts shape this module:

* Items pick their level of detail from the painter's *world* transform, and
  paper should get full detail however small a plan is drawn. Pages therefore
  shrink the plan with the window/viewport mapping, which items do not see.
* Fonts are sized in points and turned into pixels with the paint device's
  DPI. The canvas measures (and elides) labels at the screen's logical DPI, so
  every device we paint on is set to that same DPI; otherwise text would come
  out larger or smaller than the boxes that were measured for it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator

from fxdesigner import APP_NAME, __version__
from fxdesigner.io.atomic import write_atomic
from fxdesigner.io.embedded import embed_in_png, embed_in_svg
from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.model.kinds import PORT_KINDS
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import Finding, summarize
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.items import DeviceItem
from fxdesigner.ui.canvas.scene import PlanScene

IMAGE_FORMATS: Final = (".png", ".svg", ".pdf")
EXPORT_SUFFIXES: Final = (*IMAGE_FORMATS, ".fxplan")
PAPERS: Final = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: Regions whose offices buy US Letter paper; everyone else uses A4.
LETTER_REGIONS: Final = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"})
MIN_SCALE: Final = 1.0
MAX_SCALE: Final = 4.0

# Qt allocates a QImage of any size lazily and then fails (or swaps) while painting.
# Qt's image readers refuse to decode more than 256 MiB (64 Mi pixels at 4 bytes each),
# so a bigger PNG would not even open in Qt-based viewers.
MAX_SIDE: Final = 16384
MAX_PIXELS: Final = 64_000_000

GAP: Final = 20.0
TITLE_HEIGHT: Final = 58.0
MIN_TITLE_WIDTH: Final = 560.0
LEGEND_PAD: Final = 10.0
PAGE_MARGIN_MM: Final = 10.0
#: A plan that would be drawn smaller than this on one page is tiled across pages (automatic mode).
AUTO_TILE_BELOW: Final = 0.5
#: Scale of tiled pages: 8.5-point labels come out at about 6.4 points on paper.
TILE_SCALE: Final = 0.75
#: One page never enlarges a small plan beyond its size on screen.
MAX_PAGE_SCALE: Final = 1.0
PAGE_LEGEND_SCALE: Final = 0.75
EMPTY_SIZE: Final = QRectF(0, 0, 320, 120)


class ExportError(Exception):
    """An export could not be made; str() is one sentence for the user."""


@dataclass(frozen=True)
class ExportOptions:
    scale: float = 2.0
    margin: float = 24.0
    transparent: bool = False
    title_block: bool = True
    legend: bool = True
    findings: bool = True
    embed: bool = True
    #: "a4", "letter", or None to choose from the plan's region.
    paper: str | None = None
    landscape: bool = True
    #: True: tile big plans across pages; False: always one page; None: tile when one page is too small.
    tiled: bool | None = None
    orthogonal: bool = True
    #: ISO date for the title block; None is today.
    date: str | None = None

    def __post_init__(self) -> None:
        if not (0 < self.scale <= MAX_SCALE) or not math.isfinite(self.scale):
            raise ValueError(f"scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}")
        if self.paper is not None and self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
        if not (0 <= self.margin <= 1000):
            raise ValueError("margin must be between 0 and 1000")


@dataclass(frozen=True)
class Exported:
    data: bytes
    suffix: str
    #: Pixels for PNG, drawing units (1/96 inch on most systems) for SVG, points for PDF.
    width: int = 0
    height: int = 0
    pages: int = 1
    scale: float = 1.0
    #: What was changed to make the export possible (a reduced scale); empty if nothing.
    notice: str = ""
    details: dict[str, object] = field(default_factory=dict)


# --- the scene -------------------------------------------------------------------------------


def export_dpi() -> float:
    """The DPI the canvas measures text at (Qt's default for fonts without a device)."""
    screen = QGuiApplication.primaryScreen()
    return float(screen.logicalDotsPerInchY()) if screen is not None else 96.0


class ExportScene(PlanScene):
    """A throw-away scene for one export: no grid, nothing selected or hovered."""

    def __init__(
        self,
        plan: Plan,
        findings: Sequence[Finding] = (),
        *,
        vector_icons: bool = False,
        orthogonal: bool = True,
    ) -> None:
        super().__init__(plan)
        if not orthogonal:
            self.set_orthogonal(False)
        if findings:
            self.show_findings(list(findings))
        if vector_icons:
            for device in plan.iter_devices():
                _draw_icons_as_vectors(
                    self.devices[device.id], one_line(device.model or style.type_caption(device.type), 60)
                )

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        pass  # the page or image has its own background; the canvas grid is not part of a drawing


def _draw_icons_as_vectors(item: DeviceItem, caption: str) -> None:
    """Make one item draw its icon with QSvgRenderer instead of a cached pixmap.

    SVG and PDF must stay vector; the canvas item draws a pixmap sized for the
    screen. The caption beside the icon is drawn exactly as DeviceItem draws it.
    (A hook in DeviceItem would be better; this keeps export working without one.)
    """

    def paint_icon(painter: QPainter, lod: float) -> None:
        if item.down:
            painter.setOpacity(0.45)
        style.render_icon(painter, item.device_type, QRectF(12.0, 8.0, style.ICON, style.ICON))
        painter.setOpacity(1.0)
        painter.setPen(style.TEXT_MUTED)
        painter.setFont(style.font(7.0))
        text_rect = QRectF(58.0, 10.0, item.geometry.body.width() - 64.0, 36.0)
        shown = style.metrics(7.0).elidedText(caption, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)

    item._paint_icon = paint_icon  # type: ignore[method-assign]


def plan_findings(plan: Plan, findings: Sequence[Finding] | None) -> list[Finding]:
    if findings is not None:
        return list(findings)
    from fxdesigner.rules.engine import check

    return check(plan).findings


def content_rect(scene: PlanScene) -> QRectF:
    rect = scene.content_rect()
    return rect if rect.isValid() and not rect.isEmpty() else QRectF(EMPTY_SIZE)


# --- title block and legend -----------------------------------------------------------------------


@dataclass(frozen=True)
class TitleInfo:
    title: str
    region: str
    date: str
    devices: int
    cables: int
    #: {"error": n, "warning": n, "info": n, "waived": n}, or None when findings are hidden.
    counts: dict[str, int] | None

    @classmethod
    def of(cls, plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> TitleInfo:
        return cls(
            title=one_line(plan.title or "", 200) or "Untitled plan",
            region=one_line(plan.effective_region, 8),
            date=options.date or datetime.date.today().isoformat(),
            devices=plan.device_count(),
            cables=plan.link_count(),
            counts=summarize(list(findings)) if options.findings else None,
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def paint_title_block(painter: QPainter, rect: QRectF, info: TitleInfo, sheet: str = "") -> None:
    """The drawing's title block: title, region, counts, date; user text drawn as plain text."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(style.BODY_BORDER, 1.0))
    painter.setBrush(style.BODY)
    painter.drawRoundedRect(rect, 4.0, 4.0)
    inner = rect.adjusted(14.0, 8.0, -14.0, -8.0)
    top = QRectF(inner.left(), inner.top(), inner.width(), 22.0)
    bottom = QRectF(inner.left(), inner.bottom() - 16.0, inner.width(), 16.0)
    left_v = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right_v = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    counts_width = _paint_counts(painter, top, info.counts)
    painter.setPen(style.TEXT)
    painter.setFont(style.font(12.0, True))
    title_width = max(40.0, top.width() - counts_width - 24.0)
    painter.drawText(
        QRectF(top.left(), top.top(), title_width, top.height()),
        left_v,
        style.metrics(12.0, True).elidedText(info.title, Qt.TextElideMode.ElideRight, title_width),
    )

    right = f"{sheet}  ·  {APP_NAME} {__version__}" if sheet else f"{APP_NAME} {__version__}"
    fm = style.metrics(8.0)
    right_width = fm.horizontalAdvance(right) + 2.0
    details = (
        f"Region {info.region}  ·  {_plural(info.devices, 'device')}  ·  {_plural(info.cables, 'cable')}"
        f"  ·  {info.date}"
    )
    painter.setFont(style.font(8.0))
    painter.setPen(style.TEXT_MUTED)
    left_width = max(40.0, bottom.width() - right_width - 16.0)
    painter.drawText(
        QRectF(bottom.left(), bottom.top(), left_width, bottom.height()),
        left_v,
        fm.elidedText(details, Qt.TextElideMode.ElideRight, left_width),
    )
    painter.drawText(
        QRectF(bottom.right() - right_width, bottom.top(), right_width, bottom.height()), right_v, right
    )
    painter.restore()


def _paint_counts(painter: QPainter, row: QRectF, counts: dict[str, int] | None) -> float:
    """Finding counts, right-aligned in row, each with a dot of its colour; returns the width used."""
    if counts is None:
        return 0.0
    active = counts["error"] + counts["warning"] + counts["info"]
    if active == 0:
        parts = [(style.GOOD, "No findings")]
    else:
        parts = [
            (style.ERROR, _plural(counts["error"], "error")),
            (style.WARNING, _plural(counts["warning"], "warning")),
            (style.INFO, f"{counts['info']} info"),
        ]
    if counts.get("waived"):
        parts.append((style.TEXT_MUTED, f"{counts['waived']} waived"))
    fm = style.metrics(8.5, True)
    widths = [14.0 + fm.horizontalAdvance(text) + 14.0 for _, text in parts]
    x = row.right() - sum(widths) + 14.0
    painter.setFont(style.font(8.5, True))
    for (color, text), width in zip(parts, widths, strict=True):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QPointF(x + 5.0, row.center().y()), 5.0, 5.0)
        painter.setPen(style.TEXT)
        painter.drawText(
            QRectF(x + 14.0, row.top(), width - 14.0, row.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        x += width
    return sum(widths)


LEGEND_ROW: Final = 30.0
CABLE_ROW: Final = 20.0
CABLE_SAMPLES: Final = (
    (style.CABLE_ANALOG, 2.0, "Phone cord (RJ11)"),
    (style.CABLE_ETHERNET, 2.0, "Ethernet cable (RJ45)"),
    (style.ERROR, 3.0, "Cable with an error"),
    (style.WARNING, 3.0, "Cable with a warning"),
)


def legend_size() -> tuple[float, float]:
    """The legend's size, measured from its text so that nothing is ever cut off."""
    fm = style.metrics(8.0)
    texts = [style.jack_style(kind).title for kind in PORT_KINDS] + [text for _, _, text in CABLE_SAMPLES]
    width = 42.0 + max(fm.horizontalAdvance(text) for text in texts) + 8.0
    height = 26.0 + LEGEND_ROW * len(PORT_KINDS) + 8.0 + 24.0 + CABLE_ROW * len(CABLE_SAMPLES)
    return width, height


def paint_legend(painter: QPainter, origin: QPointF) -> QRectF:
    """Jack kinds (shape, letter, colour and meaning) and cable colours, as the canvas draws them.

    The canvas's Legend dialog (ui.legend) fixes its width; an export measures
    its text instead, so a longer translation or font never gets clipped.
    """
    x, y = origin.x(), origin.y()
    width, height = legend_size()
    left_v = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(style.TEXT)
    painter.setFont(style.font(9.0, True))
    painter.drawText(QRectF(x + 8, y + 4, width - 16, 20), left_v, "Jacks")
    y += 26.0
    for kind in PORT_KINDS:
        style.paint_jack(painter, kind, QPointF(x + 22, y + LEGEND_ROW / 2))
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(QRectF(x + 42, y, width - 42, LEGEND_ROW), left_v, style.jack_style(kind).title)
        y += LEGEND_ROW
    y += 8.0
    painter.setPen(style.TEXT)
    painter.setFont(style.font(9.0, True))
    painter.drawText(QRectF(x + 8, y, width - 16, 20), left_v, "Cables")
    y += 24.0
    for color, pen_width, text in CABLE_SAMPLES:
        painter.setPen(QPen(color, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x + 10, y + CABLE_ROW / 2), QPointF(x + 34, y + CABLE_ROW / 2))
        painter.setPen(style.TEXT)
        painter.setFont(style.font(8.0))
        painter.drawText(QRectF(x + 42, y, width - 42, CABLE_ROW), left_v, text)
        y += CABLE_ROW
    painter.restore()
    return QRectF(origin.x(), origin.y(), width, height)


def legend_box_size(scale: float = 1.0) -> tuple[float, float]:
    width, height = legend_size()
    return ((width + 2 * LEGEND_PAD) * scale, (height + 2 * LEGEND_PAD) * scale)


def paint_legend_box(painter: QPainter, top_left: QPointF, scale: float = 1.0) -> None:
    width, height = legend_box_size(1.0)
    painter.save()
    painter.translate(top_left)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(style.BODY_BORDER, 1.0))
    painter.setBrush(style.BODY)
    painter.drawRoundedRect(QRectF(0, 0, width, height), 4.0, 4.0)
    paint_legend(painter, QPointF(LEGEND_PAD, LEGEND_PAD))
    painter.restore()


# --- one-sheet layout (PNG, SVG) ------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """Where things go on a PNG or SVG, in drawing units (scene units at 1×)."""

    width: float
    height: float
    source: QRectF
    target: QRectF
    legend: QPointF | None
    title: QRectF | None


def sheet_layout(content: QRectF, options: ExportOptions) -> Sheet:
    margin = options.margin
    legend_w, legend_h = legend_box_size() if options.legend else (0.0, 0.0)
    inner_w = content.width() + (GAP + legend_w if options.legend else 0.0)
    if options.title_block:
        inner_w = max(inner_w, MIN_TITLE_WIDTH)
    body_h = max(content.height(), legend_h)
    title = QRectF(margin, margin + body_h + GAP, inner_w, TITLE_HEIGHT) if options.title_block else None
    height = margin + body_h + (GAP + TITLE_HEIGHT if options.title_block else 0.0) + margin
    return Sheet(
        width=margin + inner_w + margin,
        height=height,
        source=QRectF(content),
        target=QRectF(margin, margin, content.width(), content.height()),
        legend=QPointF(margin + inner_w - legend_w, margin) if options.legend else None,
        title=title,
    )


def paint_sheet(painter: QPainter, scene: PlanScene, sheet: Sheet, info: TitleInfo) -> None:
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    scene.render(painter, sheet.target, sheet.source, Qt.AspectRatioMode.IgnoreAspectRatio)
    if scene.plan.device_count() == 0 and not scene.plan.notes:
        painter.setPen(style.TEXT_MUTED)
        painter.setFont(style.font(10.0))
        painter.drawText(sheet.target, Qt.AlignmentFlag.AlignCenter, "This plan is empty.")
    if sheet.legend is not None:
        paint_legend_box(painter, sheet.legend)
    if sheet.title is not None:
        paint_title_block(painter, sheet.title, info)


def fit_pixels(width: float, height: float, scale: float) -> tuple[float, str]:
    """The largest scale ≤ the asked one whose image Qt can allocate and viewers can open."""
    limit = min(MAX_SIDE / width, MAX_SIDE / height, math.sqrt(MAX_PIXELS / (width * height)))
    if scale <= limit:
        return scale, ""
    fitted = math.floor(limit * 1000) / 1000
    asked = f"{math.ceil(width * scale):,} × {math.ceil(height * scale):,}"
    got = f"{math.ceil(width * fitted):,} × {math.ceil(height * fitted):,}"
    return fitted, (
        f"The plan is too big for a {scale:g}× image ({asked} pixels); it was exported at "
        f"{fitted:g}× ({got} pixels) instead. Export a PDF (tiled across pages) or an SVG for "
        f"full detail."
    )


# --- PNG and SVG --------------------------------------------------------------------------------


def render(
    plan: Plan, suffix: str, findings: Sequence[Finding] | None = None, options: ExportOptions | None = None
) -> Exported:
    """The plan as a .png, .svg or .pdf file's bytes."""
    options = options or ExportOptions()
    suffix = suffix.lower()
    found = plan_findings(plan, findings)
    if suffix == ".png":
        return render_png(plan, found, options)
    if suffix == ".svg":
        return render_svg(plan, found, options)
    if suffix == ".pdf":
        return render_pdf(plan, found, options)
    raise ExportError(f"cannot export to {suffix or 'a file without a suffix'}; use .png, .svg or .pdf")


def render_png(plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> Exported:
    scene = ExportScene(plan, findings if options.findings else (), orthogonal=options.orthogonal)
    sheet = sheet_layout(content_rect(scene), options)
    scale, notice = fit_pixels(sheet.width, sheet.height, options.scale)
    width, height = max(1, math.ceil(sheet.width * scale)), max(1, math.ceil(sheet.height * scale))
    image = QImage(
        width,
        height,
        QImage.Format.Format_ARGB32_Premultiplied if options.transparent else QImage.Format.Format_RGB32,
    )
    if image.isNull():
        raise ExportError(
            f"there is not enough memory for a {width:,} × {height:,} pixel image; choose a smaller scale"
        )
    dots_per_metre = export_dpi() / 0.0254
    image.setDotsPerMeterX(round(dots_per_metre))
    image.setDotsPerMeterY(round(dots_per_metre))
    image.fill(QColor(0, 0, 0, 0) if options.transparent else QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_sheet(painter, scene, sheet, TitleInfo.of(plan, findings, options))
    painter.end()
    # Painting used the screen's DPI (so text matches the canvas); the file says how big
    # the picture is meant to be, so a 2× export prints at the plan's size, twice as sharp.
    image.setDotsPerMeterX(round(dots_per_metre * scale))
    image.setDotsPerMeterY(round(dots_per_metre * scale))
    image.setText("Software", f"{APP_NAME} {__version__}")
    data = _png_bytes(image)
    if options.embed:
        data = embed_in_png(data, dumps_plan(plan).encode("utf-8"))
    return Exported(data, ".png", width, height, 1, scale, notice)


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Qt could not encode the PNG image")
    return bytes(buffer.data().data())


def render_svg(plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> Exported:
    scene = ExportScene(
        plan, findings if options.findings else (), vector_icons=True, orthogonal=options.orthogonal
    )
    sheet = sheet_layout(content_rect(scene), options)
    width, height = max(1, math.ceil(sheet.width)), max(1, math.ceil(sheet.height))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(round(export_dpi()))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    # QSvgGenerator escapes both: they are XML text, never markup.
    generator.setTitle(one_line(plan.title or "Untitled plan", 200))
    generator.setDescription(f"Drawn by {APP_NAME} {__version__}")
    painter = QPainter(generator)
    if not painter.isActive():
        raise ExportError("Qt could not start an SVG drawing")
    if not options.transparent:
        painter.fillRect(QRectF(0, 0, width, height), QColor("#ffffff"))
    paint_sheet(painter, scene, sheet, TitleInfo.of(plan, findings, options))
    painter.end()
    svg = bytes(buffer.data().data()).decode("utf-8")
    if options.embed:
        svg = embed_in_svg(svg, dumps_plan(plan))
    return Exported(svg.encode("utf-8"), ".svg", width, height, 1, 1.0)


# --- pages (PDF and printing) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    #: "fit" (the whole plan), "overview" (the whole plan with the tile grid) or "tile".
    kind: str
    source: QRectF
    target: QRectF
    legend: QPointF | None
    title: QRectF | None
    sheet: str = ""
    tiles: tuple[tuple[str, QRectF], ...] = ()


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


def plan_pages(scene: PlanScene, page: QRectF, options: ExportOptions) -> list[Page]:
    """Lay the plan out on pages of the given size (drawing units)."""
    content = content_rect(scene)
    title_h = TITLE_HEIGHT + GAP if options.title_block else 0.0
    legend_w, legend_h = legend_box_size(PAGE_LEGEND_SCALE) if options.legend else (0.0, 0.0)
    title = (
        QRectF(page.left(), page.bottom() - TITLE_HEIGHT, page.width(), TITLE_HEIGHT)
        if options.title_block
        else None
    )
    legend = QPointF(page.right() - legend_w, page.top()) if options.legend else None
    fit_area = QRectF(
        page.left(),
        page.top(),
        page.width() - (legend_w + GAP if options.legend else 0.0),
        page.height() - title_h,
    )
    if (
        fit_area.width() < 50
        or fit_area.height() < 50
        or (options.legend and page.height() - title_h < legend_h)
    ):
        raise ExportError("the page is too small for the plan, its legend and title block")
    fit_scale, fit_target = _fit(content, fit_area, MAX_PAGE_SCALE)
    tiled = options.tiled if options.tiled is not None else fit_scale < AUTO_TILE_BELOW
    tile_area = QRectF(page.left(), page.top(), page.width(), page.height() - title_h)
    tile_w, tile_h = tile_area.width() / TILE_SCALE, tile_area.height() / TILE_SCALE
    cols, rows = math.ceil(content.width() / tile_w), math.ceil(content.height() / tile_h)
    if not tiled or cols * rows <= 1:
        return [Page("fit", content, fit_target, legend, title)]
    origin = QPointF(content.center().x() - cols * tile_w / 2, content.center().y() - rows * tile_h / 2)
    tiles: list[tuple[str, QRectF]] = []
    for row in range(rows):
        for col in range(cols):
            rect = QRectF(origin.x() + col * tile_w, origin.y() + row * tile_h, tile_w, tile_h)
            # A sheet with nothing on it is not worth a page.
            if scene.items(rect, Qt.ItemSelectionMode.IntersectsItemShape):
                tiles.append((f"{_row_name(row)}{col + 1}", rect))
    overview_source = QRectF(origin.x(), origin.y(), cols * tile_w, rows * tile_h)
    _, overview_target = _fit(overview_source, fit_area, MAX_PAGE_SCALE)
    pages = [Page("overview", overview_source, overview_target, legend, title, "Overview", tuple(tiles))]
    for name, rect in tiles:
        pages.append(
            Page(
                "tile",
                rect,
                QRectF(tile_area.topLeft(), rect.size() * TILE_SCALE),
                None,
                title,
                f"Sheet {name}",
            )
        )
    return pages


def _paint_plan_detailed(painter: QPainter, scene: PlanScene, source: QRectF, target: QRectF) -> None:
    """Draw source into target at full detail, however small target is (see the module notes)."""
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
        # The overview is a map of the sheets: drawn at its real scale, so small
        # items show as simple outlines, as on the zoomed-out canvas.
        scene.render(painter, page.target, page.source, Qt.AspectRatioMode.IgnoreAspectRatio)
        _paint_tile_grid(painter, page)
    else:
        _paint_plan_detailed(painter, scene, page.source, page.target)
    if page.legend is not None:
        paint_legend_box(painter, page.legend, PAGE_LEGEND_SCALE)
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
    painter = QPainter(device)
    if not painter.isActive():
        raise ExportError("could not start drawing on the page (is the printer or file available?)")
    try:
        for index in range(len(document.pages)):
            if index and not device.newPage():
                raise ExportError("could not start a new page")
            document.paint(painter, index)
    finally:
        painter.end()
    return len(document.pages)


def render_pdf(plan: Plan, findings: Sequence[Finding], options: ExportOptions) -> Exported:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(export_dpi()))
    writer.setPageLayout(page_layout(plan, options))
    writer.setTitle(one_line(plan.title or "Untitled plan", 200))
    writer.setCreator(f"{APP_NAME} {__version__}")
    if options.embed and hasattr(writer, "addFileAttachment"):
        # Not read back by File → Open (only PNG and SVG are), but a PDF viewer can save it.
        writer.addFileAttachment("plan.fxplan", dumps_plan(plan).encode("utf-8"), "application/json")
    pages = paint_document(writer, plan, findings, options)
    del writer  # the writer finishes the file when the painter ends; drop it before reading
    size = page_layout(plan, options).fullRectPoints()
    return Exported(bytes(buffer.data().data()), ".pdf", size.width(), size.height(), pages, 1.0)


# --- files ------------------------------------------------------------------------------------------


def export_plan(
    plan: Plan,
    path: str | Path,
    findings: Sequence[Finding] | None = None,
    options: ExportOptions | None = None,
) -> Exported:
    """Render by the path's suffix and write the file atomically (SaveError if it cannot be written)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".fxplan":
        data = dumps_plan(plan).encode("utf-8")
        write_atomic(path, data)
        return Exported(data, suffix)
    result = render(plan, suffix, findings, options)
    write_atomic(path, result.data)
    return result


def install(window) -> object:  # type: ignore[no-untyped-def]
    """Fill File → Export and add Print / Print Preview to the window's File menu."""
    from fxdesigner.ui.export_dialog import install as install_menus

    return install_menus(window)
