"""Zooming the canvas: Ctrl+wheel and the menu, and what a device looks like zoomed far out."""

from __future__ import annotations

from PySide6.QtGui import QColor

from fxdesigner.ui.canvas import style
from fxdesigner.ui.canvas.items import LOD_OUTLINE
from tests.ui.gestures import wheel


def test_ctrl_wheel_and_the_menu_zoom_the_canvas(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    view = window.view
    wheel(view, 2)
    assert abs(view.zoom() - 1.15**2) < 1e-6
    wheel(view, -4)
    assert abs(view.zoom() - 1.15**-2) < 1e-6
    window.action("zoom_in").trigger()
    assert view.zoom() > 1.15**-2
    assert window.zoom_label.text() == f"{view.zoom() * 100:.0f}%"


def centre_colour(window, device_id: str) -> QColor:
    item = window.plan_scene.devices[device_id]
    centre = window.view.mapFromScene(item.mapToScene(item.geometry.body.center()))
    return window.view.viewport().grab().toImage().pixelColor(centre)


def test_far_out_a_device_is_a_block_that_still_shows_selection(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    view, scene = window.view, window.plan_scene
    device_id = next(iter(scene.devices))
    view.set_zoom(LOD_OUTLINE / 2)
    view.centerOn(scene.devices[device_id])
    assert centre_colour(window, device_id) == style.BODY_BORDER
    scene.devices[device_id].setSelected(True)
    assert centre_colour(window, device_id) == style.SELECTED
    scene.clearSelection()
    assert centre_colour(window, device_id) == style.BODY_BORDER
    view.set_zoom(1.0)
    assert centre_colour(window, device_id) == style.BODY  # close in: the body is drawn, not a block
