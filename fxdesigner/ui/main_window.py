"""The main window: palette, canvas, properties, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMessageBox,
    QToolBar,
    QWidget,
)

from fxdesigner import APP_NAME, __version__, assets
from fxdesigner.explain.subject import (
    PLAN,
    CableSubject,
    DeviceSubject,
    JackSubject,
    ManySubject,
    NoteSubject,
    PlanSubject,
    Selected,
)
from fxdesigner.io.fragment import copy_fragment, paste_edit, pasted_ids
from fxdesigner.io.limits import designer_paste_problem, designer_size_problem
from fxdesigner.io.plan_json import PlanLoadError
from fxdesigner.io.templates import templates
from fxdesigner.model import edits as e
from fxdesigner.model.edits import Effect
from fxdesigner.model.text import one_line, plural
from fxdesigner.rules.findings import summarize
from fxdesigner.ui import recovery, settings, watch
from fxdesigner.ui.actions import create_actions
from fxdesigner.ui.canvas.items import DeviceItem, LinkItem, NoteItem
from fxdesigner.ui.canvas.rename import InPlaceEditor
from fxdesigner.ui.canvas.scene import PlanScene
from fxdesigner.ui.canvas.view import PlanView
from fxdesigner.ui.document import Document
from fxdesigner.ui.export import dialog as export_dialog
from fxdesigner.ui.file_window import FileWindow
from fxdesigner.ui.legend import LegendDialog
from fxdesigner.ui.panels import explainer, findings
from fxdesigner.ui.panels.palette import Palette
from fxdesigner.ui.panels.properties import PropertiesPanel
from fxdesigner.ui.selection import Selection
from fxdesigner.ui.teaching import lessons, scenario, trace
from fxdesigner.ui.text import message_box
from fxdesigner.ui.windows import Windows

PLAN_MIME = "application/x-fxplan+json"
#: Subjects the Properties dock shows fields of (redrawn after every edit).
SHOWN_ITEMS = (DeviceSubject, JackSubject, CableSubject, NoteSubject)


class MainWindow(FileWindow):
    #: Ask the application for a new empty window.
    new_window_requested = Signal()

    def __init__(self, document: Document | None = None, parent: QWidget | None = None,
                 windows: Windows | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(assets.resource_path("icons", "app", "fxdesigner.svg"))))
        #: The application's windows (to find the one showing a file); just this one when alone.
        self.windows = windows if windows is not None else Windows()
        self.windows.add(self)
        self.document = document or Document()
        self.document.setParent(self)
        self.selection = Selection(self)
        self.plan_scene = PlanScene(self.document.plan, self)
        self.view = PlanView(self.document, self.plan_scene, self)
        self.view.setObjectName("canvas")
        self.setCentralWidget(self.view)
        self.editor = InPlaceEditor(self.view)
        self.actions = create_actions(self)
        self._paste_count = 0
        self._build_docks()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._build_features()
        # The window redraws the scene (which may change the selection and so what
        # the panels show) only after every panel has heard about the edit.
        self.document.changed.connect(self._plan_changed)
        self.document.findings_changed.connect(self._findings_changed)
        self.document.file_state_changed.connect(self._update_title)
        self.document.replaced.connect(self._document_replaced)
        self._restore_settings()
        self._document_replaced()
        self.setAcceptDrops(True)

    # --- construction ---------------------------------------------------------------------

    def _build_docks(self) -> None:
        self.palette = Palette(parent=self)
        self.palette_dock = self._dock("paletteDock", "Devices", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.properties = PropertiesPanel(self.document, self)
        self.properties_dock = self._dock("propertiesDock", "Properties", self.properties,
                                          Qt.DockWidgetArea.RightDockWidgetArea)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(a["new"])
        self.template_menu = file_menu.addMenu("New from &Template")
        self.template_menu.setObjectName("templateMenu")
        for template in templates():
            action = self.template_menu.addAction(template.title)
            action.setObjectName(f"template:{template.path.stem}")
            action.triggered.connect(lambda _=False, t=template: self.new_from_template(t.path))
        file_menu.addAction(a["open"])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a["save"])
        file_menu.addAction(a["save_as"])
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.setObjectName("exportMenu")
        file_menu.addSeparator()
        file_menu.addAction(a["close"])
        file_menu.addAction(a["quit"])

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo) or ["Ctrl+Z"])
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redo")
        # The desktop's Redo keys, and Ctrl+Y everywhere (some desktops bind only Ctrl+Shift+Z).
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for name in ("cut", "copy", "paste", "duplicate", "delete"):
            edit_menu.addAction(a[name])
        edit_menu.addSeparator()
        for name in ("select_all", "rename", "add_note"):
            edit_menu.addAction(a[name])

        view_menu = bar.addMenu("&View")
        for name in ("zoom_in", "zoom_out", "zoom_reset", "fit_all", "zoom_selection"):
            view_menu.addAction(a[name])
        view_menu.addSeparator()
        view_menu.addAction(a["snap"])
        view_menu.addAction(a["straight"])
        view_menu.addAction(a["legend"])
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu("&Panels")
        self.panels_menu.addAction(self.palette_dock.toggleViewAction())
        self.panels_menu.addAction(self.properties_dock.toggleViewAction())

        self.plan_menu = bar.addMenu("&Plan")
        self.plan_menu.addAction(a["plan_properties"])
        self.plan_menu.addAction(a["refuse_errors"])

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a["about"])
        self.help_menu = help_menu

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        style = self.style()
        a = self.actions
        a["new"].setIcon(style.standardIcon(style.StandardPixmap.SP_FileIcon))
        a["open"].setIcon(style.standardIcon(style.StandardPixmap.SP_DialogOpenButton))
        a["save"].setIcon(style.standardIcon(style.StandardPixmap.SP_DialogSaveButton))
        self.undo_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowBack))
        self.redo_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowForward))
        for item in (a["new"], a["open"], a["save"], None, self.undo_action, self.redo_action, None,
                     a["zoom_in"], a["zoom_out"], a["fit_all"], None, a["snap"], a["add_note"], a["legend"]):
            if item is None:
                bar.addSeparator()
            else:
                bar.addAction(item)
        self.toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_label = QLabel(self)
        self.zoom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_label.setMinimumWidth(56)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _connect(self) -> None:
        a = self.actions
        handlers: dict[str, Callable[[], object]] = {
            "new": self.new_plan,
            "open": self.open_dialog,
            "save": self.save,
            "save_as": self.save_as,
            "close": self.close,
            "quit": QApplication.closeAllWindows,
            "cut": self.cut,
            "copy": self.copy,
            "paste": self.paste,
            "duplicate": self.duplicate,
            "delete": self.delete_selection,
            "select_all": self.select_all,
            "rename": self.rename_selection,
            "add_note": self.add_note,
            "zoom_in": lambda: self.view.zoom_by(1.25),
            "zoom_out": lambda: self.view.zoom_by(0.8),
            "zoom_reset": lambda: self.view.set_zoom(1.0),
            "fit_all": self.view.fit_all,
            "zoom_selection": self.view.zoom_to_selection,
            "legend": lambda: LegendDialog(self).exec(),
            "plan_properties": self.show_plan_properties,
            "about": self.about,
        }
        for name, handler in handlers.items():
            a[name].triggered.connect(lambda _=False, h=handler: h())
        a["snap"].toggled.connect(self._set_snap)
        a["straight"].toggled.connect(lambda on: self.plan_scene.set_orthogonal(not on))
        a["refuse_errors"].toggled.connect(self._set_refuse)
        self.plan_scene.items_moved.connect(self._items_moved)
        self.plan_scene.selectionChanged.connect(self._selection_changed)
        self.view.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self.view.jack_clicked.connect(lambda ref: self.selection.set_subject(JackSubject(ref)))
        self.selection.subject_changed.connect(self.properties.follow)
        self.view.files_dropped.connect(self._files_dropped)
        self.view.rename_requested.connect(self.editor.start)
        self.palette.place_requested.connect(self.place_at_centre)

    def _build_features(self) -> None:
        """The panels, teaching views, exports and file guards, each built with this window."""
        self.explainer_panel, self.explainer_dock = explainer.install(self)
        self.findings_panel, self.findings_dock = findings.install(self)
        self.scenario_view = scenario.install(self)
        self.trace_view = trace.install(self)
        self.teaching = lessons.install(self)
        self.export_actions = export_dialog.install(self)
        self.autosaver = recovery.install(self)
        self.disk_watch = watch.install(self)

    def _first_run_geometry(self) -> None:
        """1360 x 860, or less on a smaller screen, centred on the screen's free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1360, 860)
            return
        free = screen.availableGeometry()
        width = min(1360, int(free.width() * 0.96))
        height = min(860, int(free.height() * 0.94))
        self.resize(width, height)
        self.move(free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2)

    def _restore_settings(self) -> None:
        store = settings.settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._first_run_geometry()
        state = store.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.actions["snap"].setChecked(settings.get_bool("canvas/snap", True))
        self.actions["straight"].setChecked(settings.get_bool("canvas/straight", False))
        self.actions["refuse_errors"].setChecked(settings.get_bool("canvas/refuse_errors", False))
        self.plan_scene.snap = self.actions["snap"].isChecked()
        self.view.refuse_errors = self.actions["refuse_errors"].isChecked()

    def _set_snap(self, on: bool) -> None:
        self.plan_scene.snap = on
        settings.set_value("canvas/snap", on)

    def _set_refuse(self, on: bool) -> None:
        self.view.refuse_errors = on
        settings.set_value("canvas/refuse_errors", on)

    # --- model → view --------------------------------------------------------------------------

    def _document_replaced(self) -> None:
        self.editor.cancel()
        self.selection.set_subject(PLAN)
        self.plan_scene.rebuild(self.document.plan)
        self.plan_scene.set_orthogonal(not self.actions["straight"].isChecked())
        self.properties.set_document(self.document)
        self._findings_changed()
        self._update_title()
        QTimer.singleShot(0, self.view.fit_all)

    def _plan_changed(self, touched: Effect) -> None:
        self.plan_scene.sync(touched)
        subject = self.properties.subject
        if (isinstance(subject, PlanSubject) and touched.plan) or isinstance(subject, SHOWN_ITEMS):
            self.properties.refresh()

    def _findings_changed(self) -> None:
        findings = self.document.findings()
        self.plan_scene.show_findings(findings)
        self._update_counts()

    def _update_counts(self) -> None:
        plan = self.document.plan
        summary = summarize(self.document.findings())
        devices, cables = plan.device_count(), plan.link_count()
        parts = [plural(devices, "device"), plural(cables, "cable"), plural(summary["error"], "error"),
                 plural(summary["warning"], "warning")]
        self.counts_label.setText("  ·  ".join(parts))

    def _update_title(self) -> None:
        title = one_line(self.document.plan.title or "", 60)
        name = self.document.display_name
        shown = f"{name}[*] — {title} — {APP_NAME}" if title else f"{name}[*] — {APP_NAME}"
        self.setWindowTitle(shown)
        self.setWindowModified(self.document.modified)

    def _selection_changed(self) -> None:
        devices, links, notes = self.plan_scene.selected_ids()
        total = len(devices) + len(links) + len(notes)
        subject: Selected
        if total == 0:
            subject = PLAN
            self.plan_scene.set_current_jack(None)
        elif total > 1:
            subject = ManySubject(total)
        elif devices:
            subject = DeviceSubject(devices[0])
        elif links:
            subject = CableSubject(links[0])
        else:
            subject = NoteSubject(notes[0])
        current = self.selection.subject
        if isinstance(current, JackSubject) and subject == DeviceSubject(current.ref.device):
            return  # a click on a jack selects its device too; the jack stays the subject
        self.selection.set_subject(subject)

    def show_plan_properties(self) -> None:
        self.plan_scene.clearSelection()
        self.selection.set_subject(PLAN)

    def _items_moved(self, devices: dict, notes: dict) -> None:
        self.document.push(e.MoveItems(devices=devices, notes=notes))

    # --- editing ------------------------------------------------------------------------------------

    def place_at_centre(self, entry_id: str) -> None:
        centre = self.plan_scene.snap_point(self.view.view_centre())
        device_id = self.document.place(entry_id, centre.x(), centre.y())
        if device_id:
            self.plan_scene.select(devices=[device_id])

    def add_note(self) -> None:
        centre = self.plan_scene.snap_point(self.view.view_centre())
        note_id = self.document.add_note(centre.x(), centre.y(), "New note")
        if note_id:
            self.plan_scene.select(notes=[note_id])
            self.editor.start(self.plan_scene.notes[note_id])

    def delete_selection(self) -> None:
        devices, links, notes = self.plan_scene.selected_ids()
        if devices or links or notes:
            self.document.push(e.delete_selection(self.document.plan, devices, links, notes))

    def select_all(self) -> None:
        for item in self.plan_scene.items():
            if isinstance(item, (DeviceItem, LinkItem, NoteItem)):
                item.setSelected(True)

    def rename_selection(self) -> None:
        for item in self.plan_scene.selectedItems():
            if isinstance(item, (DeviceItem, NoteItem)):
                self.editor.start(item)
                return

    def copy(self) -> bool:
        devices, _links, notes = self.plan_scene.selected_ids()
        if not devices and not notes:
            return False
        text = copy_fragment(self.document.plan, devices, notes)
        mime = QMimeData()
        mime.setData(PLAN_MIME, text.encode("utf-8"))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_count = 0
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasFormat(PLAN_MIME):
            data = bytes(mime.data(PLAN_MIME))
        elif mime.hasText():
            data = mime.text().encode("utf-8", "replace")
        else:
            return
        # Measured before parsing: a 50 MB clipboard would otherwise freeze the window for seconds.
        problem = designer_size_problem(data)
        if problem:
            self.statusBar().showMessage(f"Paste refused: the clipboard holds {problem}.", 10000)
            return
        self._paste_count += 1
        shift = 40.0 * self._paste_count
        try:
            edit = paste_edit(self.document.plan, data, (shift, shift))
        except PlanLoadError as exc:
            self.statusBar().showMessage(f"Nothing pasted: {exc}", 10000)
            return
        problem = designer_paste_problem(self.document.plan, edit) if edit is not None else None
        if problem:
            self.statusBar().showMessage(f"Paste refused: {problem}.", 10000)
            return
        if edit is not None and self.document.push(edit):
            devices, links, notes = pasted_ids(edit)
            self.plan_scene.select(devices, links, notes)

    def duplicate(self) -> None:
        if self.copy():
            self.paste()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.commit()
        if not self.maybe_save():
            event.ignore()
            return
        settings.set_value("window/geometry", self.saveGeometry())
        settings.set_value("window/state", self.saveState())
        event.accept()
        self.document.close()

    def about(self) -> None:
        box = message_box(self, QMessageBox.Icon.Information, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}",
                          "Draw analog telephone wiring and check every FXS/FXO link.\n"
                          "FXS (Station side) supplies dial tone; FXO (Office side) draws it.")
        box.setIconPixmap(QIcon(str(assets.resource_path("icons", "app", "fxdesigner.svg"))).pixmap(64, 64))
        box.exec()

    # --- helpers for tests and other panels ------------------------------------------------------

    def action(self, name: str) -> QAction:
        if name == "undo":
            return self.undo_action
        if name == "redo":
            return self.redo_action
        return self.actions[name]
