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

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
)
from PySide6.QtSvg import QSvgGenerator

from fxdesigner import APP_NAME, __version__
from fxdesigner.io.atomic import write_atomic
from fxdesigner.io.embedded import embed_in_png, embed_in_svg
from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import Finding
from fxdesigner.ui.export.printing import render_pdf
from fxdesigner.ui.export.sheet import (
    Exported,
    ExportError,
    ExportOptions,
    ExportScene,
    TitleInfo,
    content_rect,
    export_dpi,
    fit_pixels,
    paint_sheet,
    plan_findings,
    sheet_layout,
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
