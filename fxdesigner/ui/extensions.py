"""The feature panels and menus that plug into the main window.

Each feature module has an install(window) that adds its docks, menus and
actions; the main window calls them in this order once it is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fxdesigner.ui import export, recovery, watch
from fxdesigner.ui.panels import explainer, findings
from fxdesigner.ui.teaching import lessons, scenario, trace

if TYPE_CHECKING:
    from fxdesigner.ui.main_window import MainWindow

INSTALLERS = (
    explainer.install,
    findings.install,
    scenario.install,
    trace.install,
    lessons.install,
    export.install,
    recovery.install,
    watch.install,
)


def install_all(window: MainWindow) -> None:
    for install in INSTALLERS:
        install(window)
