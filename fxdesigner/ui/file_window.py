"""The window's file commands: new, templates, open (also by drag and drop), save, save as,
recent files. Unsaved work is asked about first; a file already open in a window of
this program brings that window forward; saves are atomic and a failure keeps the
plan open and unsaved."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from fxdesigner import APP_NAME
from fxdesigner.io.atomic import SaveError
from fxdesigner.io.plan_json import PlanLoadError, load_plan
from fxdesigner.model.plan import Plan
from fxdesigner.ui import settings, watch
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.text import message_box, plain_tooltip
from fxdesigner.ui.windows import Windows

OPEN_FILTER = "Plans (*.fxplan *.json);;Images with a plan (*.png *.svg);;All files (*)"
SAVE_FILTER = "Plans (*.fxplan)"


class FileWindow(HostWindow):
    #: Ask the application to open a path in a new window.
    open_requested = Signal(str)
    #: The application's windows (to find the one showing a file).
    windows: Windows
    recent_menu: QMenu

    # --- files ---------------------------------------------------------------------------------

    def new_plan(self) -> None:
        if self.maybe_save():
            self.document.replace_plan(Plan(title="Untitled plan", region="US"), None)

    def new_from_template(self, path: os.PathLike[str] | str) -> None:
        if not self.maybe_save():
            return
        try:
            plan = load_plan(path, display_name=os.path.basename(str(path)))
        except PlanLoadError as exc:
            self.show_load_error(exc)
            return
        self.document.replace_plan(plan, None)

    def open_dialog(self) -> None:
        folder = os.path.dirname(self.document.path) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open plan", folder, OPEN_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        showing = self.windows.showing(path)
        if showing is not None:
            # Two windows on one file would each save over the other's work.
            watch.focus(showing)
            if showing is not self:
                name = os.path.basename(path)
                self.statusBar().showMessage(f"{name} is already open in another window.", 8000)
            return True
        if not watch.confirm_other_instance(self, path):
            return False
        if not self.maybe_save():
            return False
        try:
            self.document.open(path)
        except PlanLoadError as exc:
            self.show_load_error(exc)
            return False
        settings.add_recent_file(path)
        return True

    def save(self) -> bool:
        if not self.document.path:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = self.document.suggested_path or os.path.join(os.path.expanduser("~"), "plan.fxplan")
        path, _ = QFileDialog.getSaveFileName(self, "Save plan as", start, SAVE_FILTER)
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".fxplan"
        if self.windows.showing(path, exclude=self) is not None:
            box = message_box(self, QMessageBox.Icon.Warning, f"Cannot save — {APP_NAME}",
                              f"{os.path.basename(path)} is open in another window.",
                              "Close that window first, or choose another name.")
            box.setObjectName("saveErrorDialog")
            box.exec()
            return False
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        if not watch.confirm_overwrite(self, path):
            return False
        try:
            self.document.save(path)
        except (SaveError, OSError, ValueError) as exc:
            # The old file is untouched (atomic save) and the plan stays here, still unsaved.
            box = message_box(self, QMessageBox.Icon.Critical, f"Cannot save — {APP_NAME}",
                              "The plan was not saved. It is still open here, with your changes unsaved; "
                              "the file on disk is unchanged.", str(exc))
            box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Close)
            box.button(QMessageBox.StandardButton.Save).setText("Save As…")
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            box.setObjectName("saveErrorDialog")
            if box.exec() == QMessageBox.StandardButton.Save:
                return self.save_as()
            return False
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"Saved {os.path.basename(path)}", 5000)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(plain_tooltip(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not files:
            empty = self.recent_menu.addAction("No recent plans")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", settings.clear_recent_files)

    def _files_dropped(self, paths: list[str]) -> None:
        if paths:
            self.open_path(paths[0])
            for extra in paths[1:]:
                self.open_requested.emit(extra)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        self._files_dropped(paths)
        event.acceptProposedAction()

