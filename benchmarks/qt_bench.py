"""What the Qt benchmarks share: offscreen Qt with throw-away settings, and the bare
QGraphicsScene our canvas is measured against.

The bare scene holds, per device, one QGraphicsRectItem (the body) and one
QGraphicsSimpleTextItem (the label, in the canvas's label font and place), and
per cable one QGraphicsLineItem from jack to jack: the same count and positions
as ours, with none of our drawing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FXDESIGNER_CONFIG_DIR", tempfile.mkdtemp(prefix="fx-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QLineF
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from fxdesigner.model.plan import Plan
from fxdesigner.ui.canvas import style


def bare_scene(plan: Plan) -> QGraphicsScene:
    scene = QGraphicsScene()
    jacks: dict[tuple[str, str], tuple[float, float]] = {}
    for device in plan.iter_devices():
        geometry = style.device_geometry(device)
        rect = QGraphicsRectItem(geometry.body)
        rect.setPos(device.x, device.y)
        scene.addItem(rect)
        text = QGraphicsSimpleTextItem(device.label or device.id)
        text.setFont(style.font(8.5, True))
        text.setPos(device.x + geometry.label.left(), device.y + geometry.label.top())
        scene.addItem(text)
        for port_id, centre in geometry.jacks:
            jacks[(device.id, port_id)] = (device.x + centre.x(), device.y + centre.y())
    for link in plan.iter_links():
        (x1, y1), (x2, y2) = jacks[tuple(link.a)], jacks[tuple(link.b)]
        scene.addItem(QGraphicsLineItem(QLineF(x1, y1, x2, y2)))
    return scene
