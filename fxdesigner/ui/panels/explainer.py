"""The Explainer dock: what the selected jack, device, cable or finding is, and why it matters.

It follows the window's selection (window.selection) and the plan's live
state; the text itself is built without Qt by fxdesigner.explain. Links inside
the text use the private fx: scheme and jump to other pages; Back and Forward
walk the jumps made since the last selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.explain.explainer import current_finding, explain, still_there
from fxdesigner.explain.markdown import Target, parse_link
from fxdesigner.explain.subject import (
    PLAN,
    DeviceTypePage,
    FindingSubject,
    JackSubject,
    PortKindPage,
    RulePage,
    Subject,
)
from fxdesigner.explain.subjects import Situation
from fxdesigner.model.kinds import DEVICE_TYPES, PORT_KINDS
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.findings import Finding
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.panels.finding_actions import reveal, reveal_finding, unwaive, waive_with_reason
from fxdesigner.ui.panels.markdown_view import MarkdownView


class ExplainerPanel(QWidget):
    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.setObjectName("explainer")
        self.window_ = window
        self.document = window.document
        self.subject: Subject = PLAN
        self.history: list[Subject] = [PLAN]
        self.position = 0
        #: While True, selection changes the panel itself caused do not replace the page.
        self._holding = False
        self._dirty = True
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        window.selection.subject_changed.connect(self.follow)
        self.document.changed.connect(lambda _effect: self.schedule_refresh())
        self.document.findings_changed.connect(self.schedule_refresh)
        self.document.replaced.connect(self._replaced)
        # The first page is drawn once the panel is on screen (the summary can take a
        # moment on a very big plan, and the window should appear first).
        self.schedule_refresh()

    # --- widgets ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        nav = QHBoxLayout()
        nav.setContentsMargins(6, 4, 6, 2)
        nav.setSpacing(2)
        style = self.style()
        self.back_button = self._tool(
            "explainerBack",
            "Back (Alt+Left)",
            style.standardIcon(style.StandardPixmap.SP_ArrowBack),
            self.back,
        )
        self.forward_button = self._tool(
            "explainerForward",
            "Forward (Alt+Right)",
            style.standardIcon(style.StandardPixmap.SP_ArrowForward),
            self.forward,
        )
        self.home_button = self._tool(
            "explainerHome", "Summary of the plan", QIcon(), lambda: self.open_page(PLAN)
        )
        self.home_button.setText("Plan")
        self.home_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.smaller_button = self._tool(
            "explainerSmaller", "Smaller text (Ctrl+-)", QIcon(), lambda: self.view.zoom_by(-1)
        )
        self.smaller_button.setText("A−")
        self.larger_button = self._tool(
            "explainerLarger", "Larger text (Ctrl++)", QIcon(), lambda: self.view.zoom_by(1)
        )
        self.larger_button.setText("A+")
        for button in (self.smaller_button, self.larger_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        nav.addWidget(self.back_button)
        nav.addWidget(self.forward_button)
        nav.addWidget(self.home_button)
        nav.addStretch(1)
        nav.addWidget(self.smaller_button)
        nav.addWidget(self.larger_button)
        layout.addLayout(nav)

        self.view = MarkdownView(self)
        self.view.setObjectName("explainerText")
        self.view.link_activated.connect(self.open_link)
        self.view.back_requested.connect(self.back)
        self.view.forward_requested.connect(self.forward)
        layout.addWidget(self.view, 1)

        self.actions_bar = QWidget(self)
        self.actions_bar.setObjectName("explainerActions")
        bar = QHBoxLayout(self.actions_bar)
        bar.setContentsMargins(8, 6, 8, 8)
        self.select_button = QPushButton("Select", self.actions_bar)
        self.select_button.setObjectName("explainerSelect")
        self.select_button.setToolTip("Select and show this finding's devices and cables on the canvas")
        self.select_button.clicked.connect(self.select_finding_subject)
        self.waive_button = QPushButton("Waive with reason…", self.actions_bar)
        self.waive_button.setObjectName("explainerWaive")
        self.waive_button.setToolTip(
            "Accept this finding on purpose: it stays listed as waived, with your reason"
        )
        self.waive_button.clicked.connect(self.waive_current)
        self.unwaive_button = QPushButton("Un-waive", self.actions_bar)
        self.unwaive_button.setObjectName("explainerUnwaive")
        self.unwaive_button.setToolTip("Remove the waiver: the finding counts again")
        self.unwaive_button.clicked.connect(self.unwaive_current)
        bar.addWidget(self.select_button)
        bar.addStretch(1)
        bar.addWidget(self.waive_button)
        bar.addWidget(self.unwaive_button)
        layout.addWidget(self.actions_bar)
        self.actions_bar.hide()

    def _tool(self, name: str, tip: str, icon: QIcon, handler: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setIcon(icon)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _=False: handler())
        return button

    # --- what to show ---------------------------------------------------------------------

    def situation(self) -> Situation:
        document = self.document
        plan = document.plan
        checker = document.checker
        return Situation(
            plan, document.findings(), lambda: document.reach.reach(plan, checker.component_of)
        )

    def follow(self, subject: Subject) -> None:
        """The window's selection changed: start a fresh trail of pages from it (a finding
        chosen in the list is one more page on the trail, so Back returns to the canvas's)."""
        if self._holding:
            return
        if isinstance(subject, FindingSubject):
            self.open_page(subject)
            return
        self.history = [subject]
        self.position = 0
        self._show(subject)

    def open_page(self, subject: Subject) -> None:
        """Jump to a page (a link, a finding from the list), keeping the way back."""
        if subject == self.subject:
            return
        del self.history[self.position + 1 :]
        self.history.append(subject)
        self.position = len(self.history) - 1
        self._show(subject)

    def show_finding(self, finding: Finding) -> None:
        self.open_page(FindingSubject(finding))

    def back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self._show(self.history[self.position])

    def forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self._show(self.history[self.position])

    def _show(self, subject: Subject) -> None:
        changed = subject != self.subject
        self.subject = subject
        self._render(keep_scroll=not changed)

    def schedule_refresh(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        self._render(keep_scroll=True)

    def _render(self, keep_scroll: bool) -> None:
        situation = self.situation()
        if not still_there(self.subject, situation):
            self.subject = PLAN
            keep_scroll = False
        markdown = explain(self.subject, situation)
        if markdown != self.view.markdown or not keep_scroll:
            self.view.set_markdown(markdown, keep_scroll=keep_scroll)
        self._dirty = False
        self._update_buttons(situation)

    def _update_buttons(self, situation: Situation) -> None:
        self.back_button.setEnabled(self.position > 0)
        self.forward_button.setEnabled(self.position < len(self.history) - 1)
        finding = self.current_finding(situation)
        self.actions_bar.setVisible(finding is not None)
        if finding is not None:
            self.waive_button.setVisible(not finding.waived)
            self.unwaive_button.setVisible(finding.waived)

    def current_finding(self, situation: Situation | None = None) -> Finding | None:
        if not isinstance(self.subject, FindingSubject):
            return None
        return current_finding(self.subject.finding, situation or self.situation())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._timer.start()

    # --- model → panel ------------------------------------------------------------------------

    def _replaced(self) -> None:
        self.history = [PLAN]
        self.position = 0
        self.subject = PLAN
        self.schedule_refresh()

    # --- links and actions ----------------------------------------------------------------------

    def open_link(self, url: QUrl) -> None:
        target = parse_link(url.toString())
        if target is None:
            # Never hand a URL to the desktop: the text quotes strangers' plans.
            self.window_.statusBar().showMessage(
                "Links outside FX Designer are not opened from the explainer.", 6000
            )
            return
        self.go(target)

    def go(self, target: Target) -> None:
        plan = self.document.plan
        if target.kind == "port" and target.name in PORT_KINDS:
            self.open_page(PortKindPage(target.name))
        elif target.kind == "device" and target.name in DEVICE_TYPES:
            self.open_page(DeviceTypePage(target.name))
        elif target.kind == "rule" and target.name in BY_CODE:
            self.open_page(RulePage(target.name))
        elif target.kind == "plan":
            self.open_page(PLAN)
        elif target.kind == "jack":
            ref = PortRef.parse(target.name)
            if plan.has_device(ref.device) and plan.device(ref.device).has_port(ref.port):
                self.open_page(JackSubject(ref))
        elif target.kind == "finding" and target.key is not None:
            for finding in self.document.findings():
                if finding.key == target.key:
                    self.open_page(FindingSubject(finding))
                    # The findings list follows the selection to the same row.
                    self._holding = True
                    try:
                        self.window_.selection.set_subject(FindingSubject(finding))
                    finally:
                        self._holding = False
                    break
        elif target.kind == "select":
            self._select(target)

    def _select(self, target: Target) -> None:
        if target.what == "device" and self.document.plan.has_device(target.name):
            reveal(self.window_, devices=[target.name])
        elif target.what == "link" and self.document.plan.has_link(target.name):
            reveal(self.window_, links=[target.name])
        elif target.what == "note" and self.document.plan.has_note(target.name):
            reveal(self.window_, notes=[target.name])

    def select_finding_subject(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        self._holding = True
        try:
            reveal_finding(self.window_, finding)
        finally:
            self._holding = False

    def waive_current(self) -> None:
        finding = self.current_finding()
        if finding is not None and not finding.waived:
            waive_with_reason(self.window_, finding, self)

    def unwaive_current(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.waived:
            unwaive(self.window_, finding)

    def toPlainText(self) -> str:
        return self.view.toPlainText()


def install(window: HostWindow) -> tuple[ExplainerPanel, QDockWidget]:
    """Add the Explainer dock on the right, below the Properties dock, following the selection."""
    panel = ExplainerPanel(window)
    dock = QDockWidget("Explainer", window)
    dock.setObjectName("explainerDock")
    dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    # Below whatever the right column holds (Properties, and any panels tabbed with it):
    # splitDockWidget would turn the Explainer into one more tab of a tabbed Properties.
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, Qt.Orientation.Vertical)
    properties = window.properties_dock
    if not properties.isFloating():
        window.resizeDocks([properties, dock], [240, 660], Qt.Orientation.Vertical)
    # A dock added to a window that is already on screen stays hidden until shown.
    dock.show()
    window.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
    window.panels_menu.addAction(dock.toggleViewAction())
    return panel, dock
