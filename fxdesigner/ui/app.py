"""The designer application: one QApplication, one window per open plan."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from fxdesigner import APP_ID, APP_NAME, __version__, assets
from fxdesigner.io.plan_json import PlanLoadError
from fxdesigner.ui import recovery, watch
from fxdesigner.ui.document import Document
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.main_window import MainWindow
from fxdesigner.ui.windows import Windows


class Designer:
    """Keeps the windows alive and opens plans in them."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.windows = Windows()

    def new_window(self, document: Document | None = None) -> MainWindow:
        window = MainWindow(document, windows=self.windows)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_requested.connect(self.open)
        window.new_window_requested.connect(lambda: self.new_window().show())
        return window

    def first_window(self) -> HostWindow | None:
        return next(iter(self.windows), None)

    def open(self, path: str) -> HostWindow | None:
        showing = self.windows.showing(path)
        if showing is not None:
            watch.focus(showing)
            return showing
        if not watch.confirm_other_instance(self.first_window(), path):
            return None
        document = Document()
        try:
            document.open(path)
        except PlanLoadError as exc:
            window = self.first_window() or self.new_window()
            window.show()
            window.show_load_error(exc)
            return None
        window = self.new_window(document)
        window.show()
        return window


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or [sys.argv[0]]))
    app.setApplicationName("fxdesigner")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("fxdesigner")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(assets.resource_path("icons", "app", "fxdesigner.svg"))))
    if app.platformName() == "offscreen":
        # PySide6 6.11 crashes at exit on this platform when the clipboard still
        # holds data set from Python; there is no clipboard manager to hand it to.
        app.aboutToQuit.connect(lambda: QGuiApplication.clipboard().clear())
    return app


def run(plans: Sequence[str]) -> int:
    app = create_application()
    designer = Designer(app)
    # Before the plans asked for: a restored plan is then found open, not opened twice.
    recovery.offer_recovery(designer)
    opened = [designer.open(path) for path in plans]
    if not any(opened) and not designer.windows:
        designer.new_window().show()
    return app.exec()
