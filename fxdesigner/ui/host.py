"""The window as its panels, teaching views and exporters see it: one typed interface.

MainWindow is a HostWindow. The features it hosts are built with it and read only
what is declared here: the document, the selection (subject and scenario), the
canvas, the menus and docks they add to, and a few commands. They never add
attributes to the window, and none of them imports the main window module, so
the window sits above its features with no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QToolBar

from fxdesigner import APP_NAME
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.canvas.view import PlanView
from fxdesigner.ui.document import Document
from fxdesigner.ui.selection import Selection
from fxdesigner.ui.text import message_box


class HostWindow(QMainWindow):
    """The parts of a designer window that its features may use."""

    document: Document
    selection: Selection
    plan_scene: PlanScene
    view: PlanView
    properties_dock: QDockWidget
    actions: dict[str, QAction]
    toolbar: QToolBar
    plan_menu: QMenu
    panels_menu: QMenu
    help_menu: QMenu
    export_menu: QMenu
    #: The Explainer's dock (teaching views make room beside it).
    explainer_dock: QDockWidget
    #: Save the plan, asking for a name if it has none; False if it was not saved (MainWindow.save).
    save: Callable[[], bool]

    def show_status(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def maybe_save(self) -> bool:
        """Ask before unsaved work is lost; False means the user cancelled."""
        if not self.document.modified:
            return True
        box = message_box(self, QMessageBox.Icon.Warning, APP_NAME,
                          f"Save changes to {self.document.display_name} before closing?",
                          "Your changes will be lost if you don't save them.")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setObjectName("unsavedPrompt")
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_load_error(self, error: Exception) -> None:
        box = message_box(self, QMessageBox.Icon.Critical, f"Cannot open — {APP_NAME}",
                          "The plan could not be opened. Your current plan is unchanged.", str(error))
        box.setObjectName("loadErrorDialog")
        box.exec()
