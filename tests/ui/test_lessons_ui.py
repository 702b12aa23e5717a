"""Lessons and drills in the designer, driven through real gestures."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from fxdesigner.lessons.grading import grade
from fxdesigner.lessons.lesson import load_lessons
from fxdesigner.lessons.progress import LessonProgress
from fxdesigner.ui import settings
from tests.ui.gestures import drag, jack_point


def lesson_action(window, lesson_id):
    return window.findChild(type(window.actions["new"]), f"lesson:{lesson_id}")


def test_the_lessons_menu_lists_every_lesson(window):
    lessons = load_lessons()
    assert len(lessons) >= 8
    for lesson in lessons:
        action = lesson_action(window, lesson.id)
        assert action is not None and lesson.title in action.text()


def test_lesson_one_walked_through_with_real_cables(window):
    lesson_action(window, "01-fxs-jack").trigger()
    teaching = window.teaching
    panel = teaching.panel
    assert teaching.dock.isVisible()
    assert window.document.plan.has_device("desk")
    assert panel.title.text().startswith("Lesson 1:")
    assert panel.steps.item(0).text().startswith("○  1.")
    # Step 1: give the ATA its way out.
    drag(window.view, jack_point(window, "ata", "wan"), jack_point(window, "rtr", "lan1"))
    teaching.judge()
    assert teaching.session.is_completed("connect-ata")
    assert panel.steps.item(0).text().startswith("✓  1.")
    # Step 2 (a mistake on purpose): the phone in the ATA's LINE (FXO) jack.
    drag(window.view, jack_point(window, "desk", "line"), jack_point(window, "ata", "line1"))
    teaching.judge()
    assert teaching.session.is_completed("try-line-jack")
    assert any(f.code == "FX104" for f in window.document.findings())
    # Step 3: move the cord to the PHONE (FXS) jack.
    window.action("undo").trigger()
    drag(window.view, jack_point(window, "desk", "line"), jack_point(window, "ata", "phone1"))
    teaching.judge()
    assert teaching.session.finished
    assert "Lesson complete" in panel.status.text()
    progress = LessonProgress(settings.data_dir("lessons"))
    assert set(progress.completed_steps("01-fxs-jack")) == {"connect-ata", "try-line-jack", "phone-jack"}


def test_hints_get_more_explicit(window):
    lesson_action(window, "02-street-line-fxo").trigger()
    teaching = window.teaching
    before = teaching.panel.text.toPlainText()
    teaching.panel.hint_button.click()
    first = teaching.panel.text.toPlainText()
    assert first != before and "Hint:" in first
    teaching.panel.hint_button.click()
    assert teaching.panel.text.toPlainText().count("Hint:") >= min(2, len(teaching.session.current.hints))


def test_progress_is_remembered_across_windows(make_window):
    first = make_window()
    lesson_action(first, "01-fxs-jack").trigger()
    drag(first.view, jack_point(first, "ata", "wan"), jack_point(first, "rtr", "lan1"))
    first.teaching.judge()
    second = make_window()
    lesson_action(second, "01-fxs-jack").trigger()
    assert second.teaching.session.is_completed("connect-ata")


def test_show_solution_is_one_undoable_step(window, dialogs):
    lesson_action(window, "01-fxs-jack").trigger()
    dialogs.answer = QMessageBox.StandardButton.Yes
    start_devices = window.document.plan.device_count()
    lesson = window.teaching.session.lesson
    window.teaching.show_solution()
    assert grade(lesson, window.document.plan).passed
    assert window.document.undo_stack.undoText() == "Show solution"
    window.action("undo").trigger()
    assert window.document.plan.device_count() == start_devices


def test_a_drill_breaks_a_correct_plan_and_says_when_it_is_fixed(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    teaching = window.teaching
    assert teaching.start_drill(faults=1, seed=3)
    drill = teaching.drill
    assert drill is not None and len(drill.faults) == 1
    assert teaching.dock.isVisible()
    assert "0 of 1 fault fixed" in teaching.panel.status.text()
    assert any(not f.waived for f in window.document.findings())
    # Applying the recorded fix clears it; the panel says so.
    window.document.push(drill.faults[0].restore_edit())
    teaching.judge()
    assert teaching.last_status.solved
    assert teaching.panel.status.text().startswith("Solved")


def test_a_drill_refuses_a_plan_with_errors(make_window, examples_dir, dialogs):
    window = make_window(examples_dir / "miswired-office.fxplan")
    assert not window.teaching.start_drill(faults=2, seed=1)
    assert dialogs.shown[-1][1] == "Cannot start a drill from this plan."
    assert "error" in dialogs.shown[-1][2]
    assert window.teaching.drill is None


def test_opening_another_plan_leaves_the_lesson(window, examples_dir):
    lesson_action(window, "01-fxs-jack").trigger()
    assert window.open_path(str(examples_dir / "home-office.fxplan"))
    assert window.teaching.session is None
    assert not window.teaching.dock.isVisible()


def test_a_step_that_asks_for_the_power_cut_view_waits_for_it(window):
    lesson_action(window, "05-lifeline").trigger()
    teaching = window.teaching
    assert not teaching.session.is_completed("see-the-problem")
    assert "Switch the view" in teaching.panel.status.text()
    window.scenario_view.set_scenario("power")
    teaching.judge()
    assert teaching.session.is_completed("see-the-problem")
