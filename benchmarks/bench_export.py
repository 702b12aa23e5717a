"""Benchmark of PNG export: our renderer against a bare QGraphicsScene of the same size.

Run: .venv/bin/python benchmarks/bench_export.py [--devices 5000] [--repeat 3]
Prints figures; asserts nothing.

Target from the issue: exporting a 5,000-device plan to PNG at 1× takes at most
1.5 times what a bare QGraphicsScene needs (one QGraphicsRectItem and one
QGraphicsSimpleTextItem per device, one QGraphicsLineItem per cable, same
positions) to render into a QImage of the same size. A 5,000-device plan is
about 24,000 × 21,000 drawing units, beyond the PNG size cap, so both sides are
drawn at the capped scale the export chose (and, for reference, a 150-device
plan at a true 1×).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import generate
from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from qt_bench import bare_scene  # also sets up offscreen Qt and throw-away settings

from fxdesigner.io.embedded import embed_in_png
from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.model.plan import Plan
from fxdesigner.rules.engine import check
from fxdesigner.ui.export import (
    ExportOptions,
    ExportScene,
    TitleInfo,
    content_rect,
    fit_pixels,
    paint_sheet,
    render,
    sheet_layout,
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def timed(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def new_image(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def bench(plan: Plan, repeat: int, options: ExportOptions) -> None:
    devices, cables = plan.device_count(), plan.link_count()
    print(f"\n== {devices:,} devices, {cables:,} cables, PNG at {options.scale:g}× (asked) ==")
    check_time, result = timed(1, lambda: check(plan).findings)
    findings = result  # type: ignore[assignment]
    print(f"  rules check (not part of the export) {ms(check_time)}")

    total, exported = timed(repeat, lambda: render(plan, ".png", findings, options))
    exported_png = exported  # type: ignore[assignment]
    print(
        f"  export, end to end                   {ms(total)}   "
        f"{exported_png.width:,} × {exported_png.height:,} px at {exported_png.scale:g}×, "
        f"{len(exported_png.data) / 1e6:.1f} MB"
    )
    if exported_png.notice:
        print(f"    note: {exported_png.notice}")

    # The same steps one by one.
    build, scene = timed(repeat, lambda: ExportScene(plan, findings))
    sheet = sheet_layout(content_rect(scene), options)  # type: ignore[arg-type]
    scale, _ = fit_pixels(sheet.width, sheet.height, options.scale)
    width, height = math.ceil(sheet.width * scale), math.ceil(sheet.height * scale)
    info = TitleInfo.of(plan, findings, options)

    def paint_ours() -> QImage:
        image = new_image(width, height)
        painter = QPainter(image)
        painter.scale(scale, scale)
        paint_sheet(painter, scene, sheet, info)  # type: ignore[arg-type]
        painter.end()
        return image

    paint, image = timed(repeat, paint_ours)
    encode, data = timed(1, lambda: png_bytes(image))  # type: ignore[arg-type]
    embed, _ = timed(1, lambda: embed_in_png(data, dumps_plan(plan).encode("utf-8")))  # type: ignore[arg-type]
    print(f"    build the scene                    {ms(build)}")
    print(f"    paint into the image               {ms(paint)}")
    print(f"    encode the PNG                     {ms(encode)}")
    print(f"    embed the plan                     {ms(embed)}")

    bare_build, bare = timed(repeat, lambda: bare_scene(plan))
    source = bare.itemsBoundingRect()  # type: ignore[attr-defined]

    def paint_bare() -> QImage:
        picture = new_image(width, height)
        painter = QPainter(picture)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        bare.render(
            painter,
            QRectF(sheet.target.topLeft(), source.size()),
            source,  # type: ignore[attr-defined]
            Qt.AspectRatioMode.IgnoreAspectRatio,
        )
        painter.end()
        return picture

    bare_paint, bare_image = timed(repeat, paint_bare)
    bare_encode, _ = timed(1, lambda: png_bytes(bare_image))  # type: ignore[arg-type]
    bare_total = bare_build + bare_paint + bare_encode
    print("  bare QGraphicsScene, same items and image size:")
    print(f"    build                              {ms(bare_build)}")
    print(f"    paint                              {ms(bare_paint)}")
    print(f"    encode the PNG                     {ms(bare_encode)}")
    print(f"    total                              {ms(bare_total)}")
    print(f"  ratio, end to end (target ≤ 1.5)     {total / bare_total:9.2f}")
    print(f"  ratio, painting only                 {paint / bare_paint:9.2f}")
    print(f"  ratio, building only                 {build / bare_build:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--devices", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    options = ExportOptions(scale=1.0, date="2026-01-01")
    bench(generate(args.devices), args.repeat, options)
    # Small enough (about 14,000 × 1,000 units) to be drawn at a true 1×.
    bench(generate(150), args.repeat, options)


if __name__ == "__main__":
    main()
