"""Every menu and toolbar action, declared in one place.

Each action has an objectName (tests find actions by it), a text, a shortcut
from QKeySequence's standard keys where Qt has one (with a fallback where the
platform theme leaves it empty) and a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from fxdesigner.ui.canvas.style import ui_icon_path

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    standard: StandardKey | None = None
    fallback: str = ""
    icon: str = ""
    tip: str = ""
    checkable: bool = False


SPECS = (
    Spec("new", "&New", StandardKey.New, "Ctrl+N", tip="Start a new, empty plan"),
    Spec("open", "&Open…", StandardKey.Open, "Ctrl+O", tip="Open a plan (or a PNG/SVG exported with one)"),
    Spec("save", "&Save", StandardKey.Save, "Ctrl+S", tip="Save the plan"),
    Spec("save_as", "Save &As…", StandardKey.SaveAs, "Ctrl+Shift+S", tip="Save the plan under a new name"),
    Spec("close", "&Close Window", StandardKey.Close, "Ctrl+W"),
    Spec("quit", "&Quit", StandardKey.Quit, "Ctrl+Q"),
    Spec("cut", "Cu&t", StandardKey.Cut, "Ctrl+X"),
    Spec("copy", "&Copy", StandardKey.Copy, "Ctrl+C"),
    Spec("paste", "&Paste", StandardKey.Paste, "Ctrl+V"),
    Spec("duplicate", "&Duplicate", None, "Ctrl+D", tip="Copy the selection and paste it beside itself"),
    Spec("delete", "&Delete", StandardKey.Delete, "Del", tip="Delete the selection (devices take their cables)"),
    Spec("select_all", "Select &All", StandardKey.SelectAll, "Ctrl+A"),
    Spec("rename", "&Rename", None, "F2", tip="Rename the selected device in place"),
    Spec("add_note", "Add &Note", None, "Ctrl+Shift+N", icon="note", tip="Add a text note at the view's centre"),
    Spec("zoom_in", "Zoom &In", StandardKey.ZoomIn, "Ctrl++", icon="zoom-in"),
    Spec("zoom_out", "Zoom &Out", StandardKey.ZoomOut, "Ctrl+-", icon="zoom-out"),
    Spec("zoom_reset", "&Actual Size", None, "Ctrl+1"),
    Spec("fit_all", "&Fit All", None, "Ctrl+0", icon="fit-view", tip="Show the whole plan"),
    Spec("zoom_selection", "Zoom to &Selection", None, "Ctrl+2"),
    Spec("snap", "Snap to &Grid", None, "Ctrl+G", icon="grid-snap", tip="Snap moved devices to the grid",
         checkable=True),
    Spec("straight", "&Straight Cables", None, "", tip="Draw cables as straight lines instead of orthogonal runs",
         checkable=True),
    Spec("legend", "&Legend…", None, "", icon="legend", tip="What each jack shape, letter and colour means"),
    Spec("refuse_errors", "&Refuse Wiring Errors", None, "", icon="refuse-errors",
         tip="Refuse cables the rules engine judges as errors, instead of flagging them", checkable=True),
    Spec("plan_properties", "Plan &Properties", None, "", tip="Edit the plan's title and region"),
    Spec("about", "&About FX Designer", None, ""),
)


def create_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    # Some desktops bind a standard key to a sequence another action owns (KDE's Delete
    # includes Ctrl+D, our Duplicate): two actions on one key make Qt run neither.
    owned = {QKeySequence(spec.fallback) for spec in SPECS if spec.fallback}
    for spec in SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        keys = QKeySequence.keyBindings(spec.standard) if spec.standard is not None else []
        keys = [k for k in keys if k not in owned or k == QKeySequence(spec.fallback)]
        if keys:
            action.setShortcuts(keys)
        elif spec.fallback:
            action.setShortcut(QKeySequence(spec.fallback))
        if spec.icon:
            action.setIcon(QIcon(ui_icon_path(spec.icon)))
        tip = spec.tip or spec.text.replace("&", "").rstrip("…")
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        action.setCheckable(spec.checkable)
        actions[spec.name] = action
    return actions
