"""The Findings dock: every finding of the plan, to sort, filter, visit, waive and copy.

Click a finding to select and centre its devices and cables on the canvas and
read it in the Explainer; F8 and Shift+F8 step through the list as in an IDE.
Waiving stores a waiver in the plan (an undoable edit); "Copy report" copies
exactly what `fxdesigner check` prints.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.model import edits as e
from fxdesigner.model.plan import Plan, Waiver
from fxdesigner.model.text import one_line
from fxdesigner.rules.engine import CheckResult
from fxdesigner.rules.findings import SEVERITY_RANK, Finding
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.rules.report import FileReport, to_text
from fxdesigner.ui.canvas.style import ui_icon_path
from fxdesigner.ui.text import plain_label, plain_tooltip

COLUMNS: Final = ("Severity", "Code", "Message", "Subject")
SEVERITY, CODE, MESSAGE, SUBJECT = range(4)
FINDING_ROLE: Final = Qt.ItemDataRole.UserRole + 1
SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 2
SEVERITY_TEXT: Final = {"error": "Error", "warning": "Warning", "info": "Info"}


def severity_icon(finding_or_severity: Finding | str) -> QIcon:
    if isinstance(finding_or_severity, Finding):
        return _icon("waived" if finding_or_severity.waived else finding_or_severity.severity)
    return _icon(finding_or_severity)


@lru_cache(maxsize=8)
def _icon(name: str) -> QIcon:
    return QIcon(ui_icon_path(f"severity-{name}"))


def subject_names(plan: Plan, finding: Finding, limit: int = 4) -> str:
    names = []
    for device_id in finding.devices[:limit]:
        names.append(one_line(plan.device(device_id).name, 40) if plan.has_device(device_id) else device_id)
    if not names:
        names = list(finding.links[:limit] or finding.ports[:limit])
    more = len(finding.devices) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


# --- model ---------------------------------------------------------------------------------


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._subjects: list[str] = []
        self._messages: list[str] = []

    def set_findings(self, findings: Sequence[Finding], plan: Plan) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self._subjects = [subject_names(plan, f) for f in self.findings]
        self._messages = [one_line(f.message, 400) for f in self.findings]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        finding = self.findings[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:
                word = SEVERITY_TEXT.get(finding.severity, finding.severity)
                return f"Waived {word.lower()}" if finding.waived else word
            if column == CODE:
                return finding.code
            if column == MESSAGE:
                return self._messages[row]
            return self._subjects[row]
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return severity_icon(finding)
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = BY_CODE.get(finding.code)
            lines = [f"{finding.code} {rule.title if rule else finding.name}", finding.message]
            if finding.fix:
                lines.append(f"Fix: {finding.fix}")
            return plain_tooltip("\n".join(lines))
        if role == SORT_ROLE:
            if column == SEVERITY:
                return (1 if finding.waived else 0) * 10 + SEVERITY_RANK.get(finding.severity, 9)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == FINDING_ROLE:
            return finding
        return None


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.severities: set[str] = {"error", "warning", "info"}
        self.text = ""
        self.show_waived = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter(
        self,
        *,
        severities: Iterable[str] | None = None,
        text: str | None = None,
        show_waived: bool | None = None,
    ) -> None:
        # Qt 6.9 replaced invalidateFilter() (now deprecated) by begin/endFilterChange().
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        if severities is not None:
            self.severities = set(severities)
        if text is not None:
            self.text = text.strip().casefold()
        if show_waived is not None:
            self.show_waived = show_waived
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        finding: Finding = model.findings[row]  # type: ignore[attr-defined]
        if finding.waived and not self.show_waived:
            return False
        if finding.severity not in self.severities:
            return False
        if not self.text:
            return True
        haystack = " ".join((finding.code, finding.name, model._messages[row], model._subjects[row]))  # type: ignore[attr-defined]
        return self.text in haystack.casefold()

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            a, b = a.casefold(), b.casefold()
        if a == b:
            # Ties keep the engine's order (severity, code, first subject), whatever was sorted before.
            return left.row() < right.row()
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


# --- what the panel does to the window -----------------------------------------------------------


def reveal(
    window: QMainWindow, devices: Iterable[str] = (), links: Iterable[str] = (), notes: Iterable[str] = ()
) -> None:
    """Select items on the canvas and centre the view on them."""
    scene = window.plan_scene  # type: ignore[attr-defined]
    devices, links, notes = list(devices), list(links), list(notes)
    scene.select(devices, links, notes)
    rect = QRectF()
    for table, ids in ((scene.devices, devices), (scene.links, links), (scene.notes, notes)):
        for item_id in ids:
            item = table.get(item_id)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
    if not rect.isNull():
        window.view.centerOn(rect.center())  # type: ignore[attr-defined]


def finding_devices(finding: Finding) -> list[str]:
    devices = list(finding.devices)
    for port in finding.ports:
        device = port.partition(":")[0]
        if device not in devices:
            devices.append(device)
    return devices


def reveal_finding(window: QMainWindow, finding: Finding) -> None:
    reveal(window, devices=finding_devices(finding), links=finding.links)


def waiver_subject(finding: Finding) -> str:
    """What a waiver names: the finding's first device, else its first cable, else its first jack."""
    if finding.devices:
        return finding.devices[0]
    if finding.links:
        return finding.links[0]
    return finding.ports[0] if finding.ports else ""


class WaiveDialog(QDialog):
    """Asks why a finding is accepted. Every text here is plain: the message quotes plan labels."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waiveDialog")
        self.setWindowTitle(f"Waive {finding.code}")
        rule = BY_CODE.get(finding.code)
        layout = QVBoxLayout(self)
        title = plain_label(f"{finding.code} · {rule.title if rule else finding.name}", self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        message = plain_label(one_line(finding.message, 400), self)
        message.setWordWrap(True)
        message.setObjectName("waiveMessage")
        prompt = plain_label(
            "Why is this acceptable here? The reason is saved in the plan with the waiver.", self
        )
        prompt.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("waiveReason")
        self.reason.setPlaceholderText("e.g. line ordered, not live until March")
        self.reason.setMaxLength(500)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Waive")
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (title, message, prompt, self.reason, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())


def ask_waiver_reason(parent: QWidget | None, finding: Finding) -> str | None:
    """The reason typed by the user, or None if they cancelled. Tests replace this."""
    dialog = WaiveDialog(finding, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip() or None


def waive_with_reason(window: QMainWindow, finding: Finding, parent: QWidget | None = None) -> bool:
    reason = ask_waiver_reason(parent or window, finding)
    if reason is None:
        return False
    document = window.document  # type: ignore[attr-defined]
    waiver = Waiver(
        id=document.plan.fresh_id("waiver", "w"),
        code=finding.code,
        subject=waiver_subject(finding),
        reason=reason,
        date=datetime.date.today().isoformat(),
    )
    return bool(document.push(e.AddWaiver(waiver)))


def waivers_of(plan: Plan, finding: Finding) -> list[Waiver]:
    subjects = set(finding.subjects)
    return [w for w in plan.waivers if w.code == finding.code and w.subject in subjects]


def unwaive(window: QMainWindow, finding: Finding) -> bool:
    document = window.document  # type: ignore[attr-defined]
    found = waivers_of(document.plan, finding)
    if not found:
        return False
    if len(found) == 1:
        return bool(document.push(e.RemoveWaiver(found[0].id)))
    return bool(
        document.push(e.CompoundEdit(f"Un-waive {finding.code}", [e.RemoveWaiver(w.id) for w in found]))
    )


def report_text(window: QMainWindow) -> str:
    """The text `fxdesigner check` prints for this plan, under the plan's file name."""
    document = window.document  # type: ignore[attr-defined]
    scenario = document.checker.scenario
    path = document.path or document.display_name
    return to_text([FileReport(path, CheckResult(scenario, list(document.findings())))], scenario)


# --- the panel --------------------------------------------------------------------------------


class FindingsPanel(QWidget):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("findings")
        self.window_ = window
        self.document = window.document  # type: ignore[attr-defined]
        self._restoring = False
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._make_actions()
        self.document.findings_changed.connect(self.reload)
        self.document.replaced.connect(self.reload)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.severity_buttons: dict[str, QToolButton] = {}
        for severity, name in (
            ("error", "findingsErrors"),
            ("warning", "findingsWarnings"),
            ("info", "findingsInfo"),
        ):
            button = self._toggle(name, severity, f"Show {SEVERITY_TEXT[severity].lower()} findings", True)
            button.toggled.connect(self._severity_toggled)
            self.severity_buttons[severity] = button
            bar.addWidget(button)
        self.waived_button = self._toggle(
            "findingsShowWaived", "waived", "Also list the findings you waived", False
        )
        self.waived_button.toggled.connect(lambda on: self._filter(show_waived=on))
        bar.addWidget(self.waived_button)
        self.search = QLineEdit(self)
        self.search.setObjectName("findingsSearch")
        self.search.setPlaceholderText("Filter…")
        self.search.setToolTip("Show only findings whose code, message or device contains this text")
        self.search.setClearButtonEnabled(True)
        # Room for the placeholder, the clear button and the frame: never squeezed to "Fi…".
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 56)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        bar.addWidget(self.search, 1)
        self.waive_button = self._tool(
            "findingsWaive",
            "Waive…",
            "Accept the selected finding on purpose, with a reason saved in the plan",
            self.waive_selected,
        )
        self.unwaive_button = self._tool(
            "findingsUnwaive", "Un-waive", "Remove the selected finding's waiver", self.unwaive_selected
        )
        self.copy_button = self._tool(
            "findingsCopyReport",
            "Copy Report",
            "Copy the findings as `fxdesigner check` prints them",
            self.copy_report,
        )
        for button in (self.waive_button, self.unwaive_button, self.copy_button):
            bar.addWidget(button)
        layout.addLayout(bar)

        self.table = QTableView(self)
        self.table.setObjectName("findingsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SEVERITY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SUBJECT, 200)
        header.setHighlightSections(False)
        self.table.clicked.connect(lambda index: self.activate(self.finding_at(index)))
        self.table.activated.connect(lambda index: self.activate(self.finding_at(index)))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = plain_label("", self)
        self.empty.setObjectName("findingsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _tool(self, name: str, text: str, tip: str, handler) -> QToolButton:  # type: ignore[no-untyped-def]
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _=False: handler())
        return button

    def _toggle(self, name: str, icon: str, tip: str, checked: bool) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setChecked(checked)
        button.setIcon(severity_icon(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        return button

    def _make_actions(self) -> None:
        def action(name: str, text: str, key: str, tip: str, handler) -> QAction:  # type: ignore[no-untyped-def]
            made = QAction(text, self.window_)
            made.setObjectName(name)
            if key:
                made.setShortcut(QKeySequence(key))
                made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.setStatusTip(tip)
            made.triggered.connect(lambda _=False: handler())
            self.window_.addAction(made)
            return made

        self.next_action = action(
            "nextFinding", "&Next Finding", "F8", "Go to the next finding in the list", lambda: self.step(1)
        )
        self.previous_action = action(
            "previousFinding",
            "&Previous Finding",
            "Shift+F8",
            "Go to the previous finding in the list",
            lambda: self.step(-1),
        )
        self.copy_action = action(
            "copyReport",
            "&Copy Report",
            "",
            "Copy the findings as `fxdesigner check` prints them",
            self.copy_report,
        )

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.current_finding()
        key = current.key if current is not None else None
        findings = self.document.findings()
        self._restoring = True
        try:
            self.model.set_findings(findings, self.document.plan)
            if key is not None:
                self._select_key(key)
        finally:
            self._restoring = False
        self._update_counts()

    def _select_key(self, key: tuple) -> bool:  # type: ignore[type-arg]
        for row in range(self.proxy.rowCount()):
            finding = self.proxy.index(row, 0).data(FINDING_ROLE)
            if finding is not None and finding.key == key:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def _update_counts(self) -> None:
        counts = {"error": 0, "warning": 0, "info": 0}
        waived = 0
        for finding in self.model.findings:
            if finding.waived:
                waived += 1
            else:
                counts[finding.severity] = counts.get(finding.severity, 0) + 1
        for severity, button in self.severity_buttons.items():
            word = {"error": "Errors", "warning": "Warnings", "info": "Info"}[severity]
            button.setText(f"{word} {counts[severity]}")
        self.waived_button.setText(f"Waived {waived}")
        self._update_empty()
        self._update_buttons()

    def _update_empty(self) -> None:
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        if not self.model.findings:
            self.empty.setText("No findings: every cable the checks can judge is wired right.")
        else:
            self.empty.setText("No finding matches the filter.")
        self.stack.setCurrentWidget(self.empty)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        self.waive_button.setEnabled(finding is not None and not finding.waived)
        self.unwaive_button.setEnabled(finding is not None and finding.waived)
        has_rows = self.proxy.rowCount() > 0
        self.next_action.setEnabled(has_rows)
        self.previous_action.setEnabled(has_rows)

    def _severity_toggled(self) -> None:
        self._filter(severities=[s for s, b in self.severity_buttons.items() if b.isChecked()])

    def _filter(self, **kwargs: Any) -> None:
        self.proxy.set_filter(**kwargs)
        self._update_empty()
        self._update_buttons()

    def visible_findings(self) -> list[Finding]:
        return [self.proxy.index(row, 0).data(FINDING_ROLE) for row in range(self.proxy.rowCount())]

    def finding_at(self, index: QModelIndex) -> Finding | None:
        return index.data(FINDING_ROLE) if index.isValid() else None

    def current_finding(self) -> Finding | None:
        return self.finding_at(self.table.currentIndex())

    # --- navigation ----------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if not self._restoring:
            self.activate(self.finding_at(current))

    def activate(self, finding: Finding | None) -> None:
        """Show a finding: select and centre its subject on the canvas, explain it."""
        if finding is None:
            return
        reveal_finding(self.window_, finding)
        explainer = getattr(self.window_, "explainer_panel", None)
        if explainer is not None:
            explainer.show_finding(finding)
        rule = BY_CODE.get(finding.code)
        self.window_.statusBar().showMessage(f"{finding.code} {rule.title if rule else finding.name}", 6000)

    def step(self, direction: int) -> None:
        """F8 / Shift+F8: the next or previous finding in the list's order, wrapping around."""
        rows = self.proxy.rowCount()
        if not rows:
            return
        row = self.table.currentIndex().row()
        if row < 0:
            row = 0 if direction > 0 else rows - 1
        else:
            row = (row + direction) % rows
        index = self.proxy.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def select_finding(self, finding: Finding) -> bool:
        """Make a finding the list's current row without acting on it."""
        self._restoring = True
        try:
            return self._select_key(finding.key)
        finally:
            self._restoring = False

    # --- actions ---------------------------------------------------------------------------------

    def waive_selected(self) -> None:
        finding = self.current_finding()
        if finding is not None and not finding.waived:
            waive_with_reason(self.window_, finding, self)

    def unwaive_selected(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.waived:
            unwaive(self.window_, finding)

    def copy_report(self) -> str:
        text = report_text(self.window_)
        QGuiApplication.clipboard().setText(text)
        count = len(self.model.findings)
        self.window_.statusBar().showMessage(
            f"Copied the report ({count} finding{'s' if count != 1 else ''}) to the clipboard.", 6000
        )
        return text


def install(window: QMainWindow) -> None:
    """Add the Findings dock at the bottom, and Next/Previous Finding (F8/Shift+F8) and Copy Report."""
    if getattr(window, "findings_panel", None) is not None:
        return  # installed already (the window's own list and a test may both ask)
    panel = FindingsPanel(window)
    dock = QDockWidget("Findings", window)
    dock.setObjectName("findingsDock")
    dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    # Side panels run the full height, as in an IDE; the list sits between them.
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    # A dock added to a window that is already on screen stays hidden until shown.
    dock.show()
    window.resizeDocks([dock], [230], Qt.Orientation.Vertical)
    panels_menu = getattr(window, "panels_menu", None)
    if panels_menu is not None:
        panels_menu.addAction(dock.toggleViewAction())
    plan_menu = getattr(window, "plan_menu", None)
    if plan_menu is not None:
        plan_menu.addSeparator()
        plan_menu.addAction(panel.next_action)
        plan_menu.addAction(panel.previous_action)
        plan_menu.addAction(panel.copy_action)
    window.findings_panel = panel  # type: ignore[attr-defined]
    window.findings_dock = dock  # type: ignore[attr-defined]
