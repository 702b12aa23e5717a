"""The Findings dock: every finding of the plan, to sort, filter, visit, waive and copy.

Click a finding to select and centre its devices and cables on the canvas and
read it in the Explainer; F8 and Shift+F8 step through the list as in an IDE.
Waiving stores a waiver in the plan (an undoable edit); "Copy report" copies
exactly what `fxdesigner check` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.explain.subject import FindingSubject
from fxdesigner.model.text import plural
from fxdesigner.rules.findings import SEVERITY_HEADINGS, Finding, severity_word, summarize
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.panels.finding_actions import report_text, reveal_finding, unwaive, waive_with_reason
from fxdesigner.ui.panels.findings_model import (
    CODE,
    FINDING_ROLE,
    MESSAGE,
    SEVERITY,
    SUBJECT,
    FindingsFilter,
    FindingsModel,
    severity_icon,
)
from fxdesigner.ui.text import plain_label

# --- the panel --------------------------------------------------------------------------------


class FindingsPanel(QWidget):
    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.setObjectName("findings")
        self.window_ = window
        self.document = window.document
        self._restoring = False
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self.model, self)
        self._build()
        self._make_actions()
        self.document.findings_changed.connect(self.reload)
        self.document.replaced.connect(self.reload)
        window.selection.subject_changed.connect(self._follow)
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
            button = self._toggle(name, severity, f"Show {severity_word(severity).lower()} findings", True)
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

    def _tool(self, name: str, text: str, tip: str, handler: Callable[[], object]) -> QToolButton:
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
        def action(name: str, text: str, key: str, tip: str, handler: Callable[[], object]) -> QAction:
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

    def _select_key(self, key: tuple[object, ...]) -> bool:
        for row in range(self.proxy.rowCount()):
            finding = self.proxy.index(row, 0).data(FINDING_ROLE)
            if finding is not None and finding.key == key:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def _update_counts(self) -> None:
        counts = summarize(list(self.model.findings))
        for severity, button in self.severity_buttons.items():
            button.setText(f"{SEVERITY_HEADINGS[severity]} {counts[severity]}")
        self.waived_button.setText(f"Waived {counts['waived']}")
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
        self.window_.selection.set_subject(FindingSubject(finding))
        rule = BY_CODE.get(finding.code)
        self.window_.statusBar().showMessage(f"{finding.code} {rule.title if rule else finding.name}", 6000)

    def _follow(self, subject: object) -> None:
        """A finding became the subject elsewhere (the Explainer's link): make it the current row."""
        if isinstance(subject, FindingSubject):
            self.select_finding(subject.finding)

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
        self.table.setCurrentIndex(self.proxy.index(row, 0))
        # Acting on the row may have reloaded the list: scroll to what is current now.
        self.table.scrollTo(self.table.currentIndex())

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
            f"Copied the report ({plural(count, 'finding')}) to the clipboard.", 6000
        )
        return text


def install(window: HostWindow) -> tuple[FindingsPanel, QDockWidget]:
    """Add the Findings dock at the bottom, and Next/Previous Finding (F8/Shift+F8) and Copy Report."""
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
    window.panels_menu.addAction(dock.toggleViewAction())
    window.plan_menu.addSeparator()
    window.plan_menu.addAction(panel.next_action)
    window.plan_menu.addAction(panel.previous_action)
    window.plan_menu.addAction(panel.copy_action)
    return panel, dock
