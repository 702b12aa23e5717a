"""Every plan we ship (templates, examples, lessons, rule examples) draws without devices on top of each other."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from fxdesigner.io.plan_json import load_plan
from fxdesigner.ui.canvas.style import device_geometry

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SHIPPED = sorted(p for p in RESOURCES.rglob("*.fxplan"))


def overlaps(path: Path) -> list[tuple[str, str]]:
    plan = load_plan(path)
    boxes = []
    for device in plan.iter_devices():
        body = device_geometry(device).body
        boxes.append((device.id, QRectF(device.x + body.x(), device.y + body.y(), body.width(), body.height())))
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if box_a.adjusted(-4, -4, 4, 4).intersects(box_b):
                found.append((a, b))
    return found


def test_there_are_shipped_plans_to_check():
    assert len(SHIPPED) >= 5 + 2 + 16 + 50


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(RESOURCES)))
def test_no_two_devices_overlap(path):
    assert overlaps(path) == []
