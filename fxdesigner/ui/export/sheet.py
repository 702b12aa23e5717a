"""What every export draws: the options, the offscreen scene, the title block and the sheet.

PNG and SVG (images.py) and PDF and print (printing.py) all lay the plan out on
one sheet from here, so the picture is the same in every format.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPageSize,
    QPainter,
    QPen,
)

from fxdesigner import APP_NAME, __version__
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import Finding, summarize
from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.legend import legend_box_size, paint_legend_box

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
#: A plan wider or taller than this (drawing units; 1,000,000 is about 260 m at 96 DPI) is refused:
#: Qt's coordinates lose precision and any picture of it would be a speck.
MAX_EXTENT: Final = 1_000_000.0

GAP: Final = 20.0
TITLE_HEIGHT: Final = 58.0
MIN_TITLE_WIDTH: Final = 560.0
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
        self.vector_icons = vector_icons

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        pass  # the page or image has its own background; the canvas grid is not part of a drawing


def plan_findings(plan: Plan, findings: Sequence[Finding] | None) -> list[Finding]:
    if findings is not None:
        return list(findings)
    from fxdesigner.rules.engine import check

    return check(plan).findings


def content_rect(scene: PlanScene) -> QRectF:
    """What the plan covers, in drawing units; ExportError when it is too big to draw at all."""
    rect = scene.content_rect()
    if not rect.isValid() or rect.isEmpty():
        return QRectF(EMPTY_SIZE)
    if max(rect.width(), rect.height()) > MAX_EXTENT or not all(map(math.isfinite, rect.getCoords())):
        raise ExportError(
            f"the plan is {rect.width():.3g} × {rect.height():.3g} drawing units across (devices or notes "
            f"are very far apart); move them within {MAX_EXTENT:,.0f} units of each other to export it"
        )
    return rect


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


