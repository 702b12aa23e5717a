"""Lessons and fault drills in the designer: a Lessons menu and a lesson panel.

A lesson loads its start plan; after every edit the rules engine judges the
current step's goal, by what the wiring does, and the panel moves on when it
is met. Progress is remembered. A drill breaks a correct plan on purpose and
tells the learner when every injected fault is gone and nothing new is broken.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.explain import markdown as md
from fxdesigner.io.fragment import copy_fragment, paste_edit
from fxdesigner.lessons.drill_record import Drill, DrillError, drill_from_plan
from fxdesigner.lessons.drills import DrillStatus, drill_status, make_drill
from fxdesigner.lessons.grading import LessonSession
from fxdesigner.lessons.lesson import Lesson, scan_lessons
from fxdesigner.lessons.progress import LessonProgress
from fxdesigner.model.edits import CompoundEdit, delete_selection
from fxdesigner.model.text import plural
from fxdesigner.ui import settings
from fxdesigner.ui.canvas.style import ui_icon_path
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.panels.markdown_view import MarkdownView
from fxdesigner.ui.text import message_box, plain_label

DONE = "✓"
PENDING = "○"


class DrillDialog(QDialog):
    """How many faults, an optional seed (repeatable drills) and an optional time limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle("Start a fault drill")
        form = QFormLayout(self)
        form.addRow(plain_label("FX Designer copies the plan and breaks it in realistic ways.\n"
                                "Find and fix every fault; it tells you when you are done.", self))
        self.faults = QSpinBox(self)
        self.faults.setRange(1, 3)
        self.faults.setValue(2)
        form.addRow("Faults", self.faults)
        self.seed = QLineEdit(self)
        self.seed.setPlaceholderText("random (enter a number to repeat a drill)")
        form.addRow("Seed", self.seed)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 120)
        self.minutes.setSpecialValueText("no time limit")
        self.minutes.setSuffix(" min")
        form.addRow("Time limit", self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def seed_value(self) -> int | None:
        text = self.seed.text().strip()
        return int(text) if text.isdigit() else None


class LessonPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = plain_label("", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.steps = QListWidget(self)
        self.steps.setObjectName("lessonSteps")
        self.steps.setMaximumHeight(120)
        layout.addWidget(self.steps)
        # The explainer's safe view: no HTML, no images or files ever loaded.
        self.text = MarkdownView(self)
        self.text.setObjectName("lessonText")
        layout.addWidget(self.text, 1)
        self.status = plain_label("", self)
        self.status.setObjectName("lessonStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.hint_button = QPushButton("Hint", self)
        self.hint_button.setObjectName("hintButton")
        self.restart_button = QPushButton("Restart", self)
        self.solution_button = QPushButton("Show Solution", self)
        self.reveal_button = QPushButton("Reveal Faults", self)
        self.stop_button = QPushButton("Stop", self)
        for button in (self.hint_button, self.restart_button, self.solution_button, self.reveal_button,
                        self.stop_button):
            row.addWidget(button)
        layout.addLayout(row)


class Teaching(QObject):
    """The lesson or drill in progress in one window."""

    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lessons, self.broken = scan_lessons()
        self.progress = LessonProgress(settings.data_dir("lessons"))
        self.session: LessonSession | None = None
        self.drill: Drill | None = None
        self.drill_started = 0.0
        self.drill_limit_s: float | None = None
        self.last_status: DrillStatus | None = None
        self._switching = False
        self.panel = LessonPanel(window)
        self.dock = QDockWidget("Lesson", window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # A lesson needs room to read: it shares the right column with Properties as a tab.
        window.tabifyDockWidget(window.properties_dock, self.dock)
        self.dock.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self.judge)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        panel = self.panel
        panel.hint_button.clicked.connect(self.hint)
        panel.restart_button.clicked.connect(self.restart)
        panel.solution_button.clicked.connect(self.show_solution)
        panel.reveal_button.clicked.connect(self.reveal)
        panel.stop_button.clicked.connect(self.stop)
        window.document.findings_changed.connect(self._timer.start)
        window.document.replaced.connect(self._replaced)

    # --- lessons ------------------------------------------------------------------------------

    def start_lesson(self, lesson: Lesson) -> bool:
        if not self.window.maybe_save():
            return False
        self._switching = True
        try:
            self.window.document.replace_plan(lesson.start_plan(), None)
        finally:
            self._switching = False
        self.drill = None
        self._clock.stop()
        self.session = LessonSession(lesson, self.progress)
        self.window.document.checker.set_overrides(lesson.severity_overrides or None)
        self.window.document.findings_changed.emit()
        self._show_dock()
        self.judge()
        return True

    def judge(self) -> None:
        self._timer.stop()
        if self.session is not None:
            self._judge_lesson()
        elif self.drill is not None:
            self._judge_drill()

    def _judge_lesson(self) -> None:
        session = self.session
        assert session is not None
        lesson = session.lesson
        view = self.window.selection.scenario
        update = session.observe(self.window.document.plan, view)
        panel = self.panel
        panel.title.setText(f"Lesson {int(lesson.number)}: {lesson.title}")
        panel.steps.clear()
        for index, step in enumerate(lesson.steps, 1):
            done = session.is_completed(step.id)
            item = QListWidgetItem(f"{DONE if done else PENDING}  {index}. {step.title}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            panel.steps.addItem(item)
        current = update.current
        if current is None:
            panel.text.set_markdown(f"# Well done\n\n{lesson.conclusion or 'You finished this lesson.'}")
            panel.status.setText(f"Lesson complete: all {len(lesson.steps)} steps done.")
            self.window.statusBar().showMessage(f"Lesson {int(lesson.number)} complete.", 10000)
        else:
            index = lesson.steps.index(current)
            intro = f"{lesson.introduction}\n\n---\n\n" if index == 0 else ""
            hints = "".join(f"\n\n> Hint: {h}" for h in session.hints_shown)
            panel.text.set_markdown(f"{intro}## Step {index + 1}: {current.title}\n\n{current.text}{hints}")
            verdict = update.result.message if update.result else ""
            panel.status.setText(verdict)
            if update.completed:
                names = ", ".join(s.title for s in update.completed)
                self.window.statusBar().showMessage(f"Step done: {names}", 8000)
        panel.hint_button.setEnabled(current is not None and bool(current.hints))
        for button, visible in ((panel.hint_button, True), (panel.restart_button, True),
                                (panel.solution_button, True), (panel.reveal_button, False)):
            button.setVisible(visible)

    def hint(self) -> None:
        if self.session is not None:
            self.session.next_hint()
            self._judge_lesson()

    def restart(self) -> None:
        if self.session is not None:
            lesson = self.session.lesson
            self.session.restart()
            self.start_lesson(lesson)

    def show_solution(self) -> None:
        if self.session is None:
            return
        lesson = self.session.lesson
        solution = lesson.solution_plan()
        box = message_box(self.window, QMessageBox.Icon.Question, "Show the solution?",
                          "Replace your work with the lesson's reference solution?",
                          "You can undo this with Edit → Undo.")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setObjectName("solutionPrompt")
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        document = self.window.document
        plan = document.plan
        clear = delete_selection(plan, [d.id for d in plan.iter_devices()], [], [n.id for n in plan.notes])
        fragment = copy_fragment(solution, [d.id for d in solution.iter_devices()], [n.id for n in solution.notes])
        # Ids fresh against the plan as it is now stay valid after the clear: one undo step.
        paste = paste_edit(plan, fragment.encode("utf-8"), (0.0, 0.0))
        document.push(CompoundEdit("Show solution", [clear, *(paste.edits if paste else [])]))

    # --- drills -------------------------------------------------------------------------------

    def start_drill_dialog(self) -> bool:
        dialog = DrillDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        limit = dialog.minutes.value() * 60 or None
        return self.start_drill(dialog.faults.value(), dialog.seed_value(), limit)

    def start_drill(self, faults: int, seed: int | None = None, time_limit_s: float | None = None) -> bool:
        window = self.window
        try:
            drill = make_drill(window.document.plan, faults=faults, seed=seed, time_limit_s=time_limit_s)
        except (DrillError, ValueError) as exc:
            message_box(window, QMessageBox.Icon.Information, "Fault drill",
                        "Cannot start a drill from this plan.", str(exc)).exec()
            return False
        if not window.maybe_save():
            return False
        self._switching = True
        try:
            window.document.replace_plan(drill.plan, None)
        finally:
            self._switching = False
        self._enter_drill(drill, time_limit_s)
        count = len(drill.faults)
        window.statusBar().showMessage(
            f"Drill started: {plural(count, 'fault')} injected. Find and fix them.", 10000)
        return True

    def _show_dock(self) -> None:
        """Bring the lesson forward with room to read: it gets most of the right column."""
        self.dock.show()
        self.dock.raise_()
        explainer = self.window.explainer_dock
        if explainer.isVisible() and not self.window.tabifiedDockWidgets(self.dock).count(explainer):
            self.window.resizeDocks([self.dock, explainer], [3, 1], Qt.Orientation.Vertical)

    def _enter_drill(self, drill: Drill, time_limit_s: float | None) -> None:
        self.session = None
        self.drill = drill
        self.drill_started = time.monotonic()
        self.drill_limit_s = time_limit_s
        self.window.document.checker.set_overrides(None)
        self.panel.title.setText(f"Fault drill: {len(drill.faults)} fault(s) to find")
        self.panel.steps.clear()
        self.panel.text.set_markdown(
            "Something in this plan is wired wrong. Use the findings, the explainer, **Trace** (T) and the "
            "**Power cut** / **Internet down** views to find each fault, then fix it. The drill ends when every "
            "injected fault is gone and nothing new is broken.")
        for button, visible in ((self.panel.hint_button, False), (self.panel.restart_button, False),
                                (self.panel.solution_button, False), (self.panel.reveal_button, True)):
            button.setVisible(visible)
        self._show_dock()
        self._clock.start()
        self.judge()

    def elapsed(self) -> float:
        return time.monotonic() - self.drill_started

    def _judge_drill(self) -> None:
        drill = self.drill
        assert drill is not None
        status = drill_status(drill, self.window.document.plan, elapsed_s=self.elapsed())
        self.last_status = status
        text = status.summary()
        if self.drill_limit_s:
            left = max(0, int(self.drill_limit_s - self.elapsed()))
            text += f"  Time left: {left // 60}:{left % 60:02d}." if not status.timed_out else "  Time is up."
        self.panel.status.setText(text)
        if status.solved:
            self._clock.stop()
            self.window.statusBar().showMessage(f"Drill solved in {int(self.elapsed())} s.", 15000)

    def _tick(self) -> None:
        if self.drill is not None and self.drill_limit_s:
            self._judge_drill()

    def reveal(self) -> None:
        if self.drill is None:
            return
        status = self.last_status or drill_status(self.drill, self.window.document.plan)
        # Fault descriptions come from the drill record in the plan file: untrusted text.
        lines = [f"- {'fixed' if f.fixed else 'not fixed'}: {md.text(f.fault.description, 300)}"
                 for f in status.faults]
        self.panel.text.set_markdown("## The injected faults\n\n" + "\n".join(lines))

    # --- both -----------------------------------------------------------------------------------

    def stop(self) -> None:
        self.session = None
        self.drill = None
        self._clock.stop()
        self.window.document.checker.set_overrides(None)
        self.window.document.findings_changed.emit()
        self.dock.hide()

    def _replaced(self) -> None:
        if self._switching:
            return
        # Another plan was opened: leave the lesson; a saved drill resumes its drill.
        self.session = None
        self.drill = None
        self._clock.stop()
        try:
            drill = drill_from_plan(self.window.document.plan)
        except DrillError as exc:
            self.window.statusBar().showMessage(f"The drill record in this plan is damaged: {exc}", 10000)
            drill = None
        if drill is not None:
            self._enter_drill(drill, None)
        else:
            self.dock.hide()


def install(window: HostWindow) -> Teaching:
    teaching = Teaching(window)
    menu = QMenu("&Lessons", window)
    menu.setObjectName("lessonsMenu")
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    for lesson in teaching.lessons:
        action = QAction(f"{lesson.number}. {lesson.title}", window)
        action.setObjectName(f"lesson:{lesson.id}")
        action.setStatusTip(lesson.summary)
        action.triggered.connect(lambda _=False, chosen=lesson: teaching.start_lesson(chosen))
        menu.addAction(action)
    for error in teaching.broken:
        broken = menu.addAction(f"(cannot load: {error})")
        broken.setEnabled(False)
    menu.addSeparator()
    drill = QAction(QIcon(ui_icon_path("drill")), "Start Fault &Drill…", window)
    drill.setObjectName("start_drill")
    drill.setStatusTip("Copy this plan with one to three realistic faults for you to find and fix")
    drill.triggered.connect(teaching.start_drill_dialog)
    menu.addAction(drill)
    window.panels_menu.addAction(teaching.dock.toggleViewAction())
    return teaching
