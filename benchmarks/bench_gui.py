"""Benchmarks of the designer's canvas.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--repeat 5]
Prints figures; asserts nothing.

Targets from the issue: building the scene for 5,000 devices at most twice the
time a bare QGraphicsScene needs for the same number of rectangles, labels and
lines; repainting a fit-to-view frame at 5,000 devices under 16 ms with
level-of-detail. Also: opening the 20,000-device plan (load, check, scene).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import generate
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsView
from qt_bench import bare_scene  # also sets up offscreen Qt and throw-away settings

from fxdesigner.io.plan_json import load_plan, save_plan
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.canvas.view import PlanView
from fxdesigner.ui.document import Document


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def best_median(times: list[float]) -> str:
    return f"best {ms(min(times))}  median {ms(statistics.median(times))}"


def bench_build(size: int, repeat: int) -> None:
    plan = generate(size)
    ours, bare = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        scene = bare_scene(plan)
        bare.append(time.perf_counter() - start)
        scene.clear()
        del scene
        start = time.perf_counter()
        scene = PlanScene(plan)
        ours.append(time.perf_counter() - start)
        scene.clear()
        del scene
    print(f"  bare QGraphicsScene ({size} rects + labels, {plan.link_count()} lines): {best_median(bare)}")
    print(f"  FX Designer scene ({size} devices, {plan.link_count()} cables):          {best_median(ours)}")
    print(f"  ratio (median): {statistics.median(ours) / statistics.median(bare):.2f}x  (target <= 2x)")


def _frames(view: QGraphicsView, image: QImage, count: int) -> list[float]:
    times = []
    for _ in range(count):
        image.fill(0)
        painter = QPainter(image)
        start = time.perf_counter()
        view.render(painter)
        times.append(time.perf_counter() - start)
        painter.end()
    return times


def bench_repaint(size: int, repeat: int) -> None:
    """Frames of the designer's own view (PlanView, with its level-of-detail drawing)."""
    plan = generate(size)
    document = Document()
    document.replace_plan(plan, None)
    scene = PlanScene(document.plan)
    view = PlanView(document, scene)
    view.resize(1600, 1000)
    view.fit_all()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    first = _frames(view, image, 1)[0]
    times = _frames(view, image, repeat)
    print(f"  repaint of a fit-to-view frame, {size} devices at {view.zoom() * 100:.1f}%: "
          f"{best_median(times)}  (target < 16 ms)")
    print(f"    the very first frame (Qt builds the scene's index): {ms(first)}")
    steps = []
    for i in range(repeat):
        view.zoom_by(1.1 if i % 2 else 1 / 1.1)
        steps += _frames(view, image, 1)
    print(f"    a frame after each Ctrl+wheel step around that zoom: {best_median(steps)}")
    view.set_zoom(1.0)
    middle = plan.devices[len(plan.devices) // 2]
    view.centerOn(middle.x, middle.y)
    _frames(view, image, 1)
    times = _frames(view, image, repeat)
    shown = len(view.items(view.viewport().rect()))
    print(f"  repaint of a 100% frame in the middle of the plan ({shown} items in view): {best_median(times)}")


def bench_open(size: int) -> None:
    plan = generate(size)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.fxplan")
        save_plan(plan, path)
        start = time.perf_counter()
        loaded = load_plan(path)
        loaded_at = time.perf_counter()
        document = Document()
        document.replace_plan(loaded, path)
        checked_at = time.perf_counter()
        scene = PlanScene(document.plan)
        built_at = time.perf_counter()
        print(f"  open the {size}-device plan: load {ms(loaded_at - start)}, check {ms(checked_at - loaded_at)},"
              f" scene {ms(built_at - checked_at)}, total {ms(built_at - start)}")
        del scene


def bench_scenario_view(size: int, repeat: int) -> None:
    """Power-cut view kept up to date after an edit: the window's scenario refresh, per cable
    unplugged and plugged back (the document's reach cache works out only the touched site)."""
    from fxdesigner.model import edits as e
    from fxdesigner.ui.main_window import MainWindow

    document = Document()
    document.replace_plan(generate(size), None)
    window = MainWindow(document)
    window.selection.set_scenario("power")
    window.scenario_view.refresh()
    links = list(document.plan.iter_links())[::max(1, document.plan.link_count() // (repeat * 2))]
    times = []
    for link in links[: repeat * 2]:
        for edit in (e.Disconnect(link.id), e.Connect(link)):
            document.push(edit)
            start = time.perf_counter()
            window.scenario_view.refresh()
            times.append(time.perf_counter() - start)
    print(f"  power-cut view refreshed after one cable edit, {size} devices: {best_median(times)}"
          f" ({window.scenario_view.summary})")
    document.undo_stack.setClean()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, platform {app.platformName()}")
    print("\nScene build")
    bench_build(5000, args.repeat)
    print("\nRepaint")
    bench_repaint(5000, args.repeat)
    print("\nScenario view")
    bench_scenario_view(5000, args.repeat)
    print("\nOpening a big plan")
    bench_open(20000)


if __name__ == "__main__":
    main()
