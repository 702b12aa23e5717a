"""A learner working through a lesson edit by edit, hints, and remembered progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fxdesigner.lessons.grading import LessonSession, grade
from fxdesigner.lessons.lesson import find_lesson
from fxdesigner.lessons.progress import FILE_NAME, LessonProgress
from fxdesigner.model.edits import Connect, Reconnect
from fxdesigner.model.plan import Link, PortRef

from .common import LESSONS

LESSON1 = find_lesson(LESSONS, "01")


def test_lesson_one_walkthrough_with_the_mistake_on_purpose(tmp_path: Path) -> None:
    progress = LessonProgress(tmp_path)
    session = LessonSession(LESSON1, progress)
    plan = LESSON1.start_plan()
    update = session.observe(plan)
    assert update.completed == () and update.current.id == "connect-ata"
    assert update.result is not None and not update.result.passed

    Connect(Link("w1", PortRef("rtr", "lan2"), PortRef("ata", "wan"))).apply(plan)
    update = session.observe(plan)
    assert [s.id for s in update.completed] == ["connect-ata"]
    assert update.current.id == "try-line-jack" and not update.result.passed

    # The mistake, on purpose: the phone into the ATA's LINE (FXO) jack.
    Connect(Link("w2", PortRef("desk", "line"), PortRef("ata", "line1"))).apply(plan)
    update = session.observe(plan)
    assert [s.id for s in update.completed] == ["try-line-jack"]
    assert update.current.id == "phone-jack"
    assert update.result.message.startswith("Desk phone gets no dial tone")

    Reconnect("w2", PortRef("desk", "line"), PortRef("ata", "phone1")).apply(plan)
    update = session.observe(plan)
    assert [s.id for s in update.completed] == ["phone-jack"]
    assert update.finished and update.current is None and session.finished
    assert grade(LESSON1, plan).passed

    remembered = LessonProgress(tmp_path)
    assert remembered.completed_steps(LESSON1.id) == ("connect-ata", "try-line-jack", "phone-jack")
    assert remembered.current_step(LESSON1) is None
    assert LessonSession(LESSON1, remembered).finished


def test_several_steps_can_complete_at_once_but_a_transient_one_waits() -> None:
    session = LessonSession(LESSON1)
    update = session.observe(LESSON1.solution_plan())
    # The solution gives the ATA its way out, but never shows the mistake of step 2.
    assert [s.id for s in update.completed] == ["connect-ata"]
    assert update.current.id == "try-line-jack"

    lesson3 = find_lesson(LESSONS, "03")
    session = LessonSession(lesson3)
    update = session.observe(lesson3.solution_plan())
    assert [s.id for s in update.completed] == [s.id for s in lesson3.steps]
    assert update.finished


def test_completed_steps_stay_completed() -> None:
    session = LessonSession(LESSON1)
    plan = LESSON1.start_plan()
    Connect(Link("w1", PortRef("rtr", "lan1"), PortRef("ata", "wan"))).apply(plan)
    session.observe(plan)
    plan.remove_link("w1")
    update = session.observe(plan)
    assert session.completed == ("connect-ata",) and update.current.id == "try-line-jack"


def test_hints_come_one_at_a_time_and_reset_on_the_next_step() -> None:
    session = LessonSession(LESSON1)
    step = session.current
    assert session.hints_shown == ()
    shown = [session.next_hint() for _ in range(len(step.hints) + 2)]
    assert shown[: len(step.hints)] == list(step.hints)
    assert shown[-1] == step.hints[-1], "the last hint stays"
    assert session.hints_shown == step.hints
    plan = LESSON1.start_plan()
    Connect(Link("w1", PortRef("rtr", "lan1"), PortRef("ata", "wan"))).apply(plan)
    session.observe(plan)
    assert session.hints_shown == () and session.next_hint() == session.current.hints[0]


def test_restart_forgets_progress(tmp_path: Path) -> None:
    progress = LessonProgress(tmp_path)
    session = LessonSession(LESSON1, progress)
    plan = LESSON1.start_plan()
    Connect(Link("w1", PortRef("rtr", "lan1"), PortRef("ata", "wan"))).apply(plan)
    session.observe(plan)
    assert progress.completed_steps(LESSON1.id)
    session.restart()
    assert session.current.id == "connect-ata"
    assert LessonProgress(tmp_path).completed_steps(LESSON1.id) == ()


# --- the progress file -------------------------------------------------------------------------------


def test_progress_file_format_and_revised_lessons(tmp_path: Path) -> None:
    progress = LessonProgress(tmp_path / "new" / "folder")
    assert progress.mark_completed(LESSON1.id, "connect-ata")
    assert progress.mark_completed(LESSON1.id, "connect-ata")
    assert progress.mark_completed(LESSON1.id, "a-step-that-was-removed")
    document = json.loads((tmp_path / "new" / "folder" / FILE_NAME).read_text(encoding="utf-8"))
    assert document == {
        "format": "fxdesigner-lesson-progress",
        "version": 1,
        "lessons": {LESSON1.id: {"completed": ["connect-ata", "a-step-that-was-removed"]}},
    }
    assert progress.completed(LESSON1) == frozenset({"connect-ata"})
    assert progress.current_step(LESSON1).id == "try-line-jack"
    assert not [p for p in (tmp_path / "new" / "folder").iterdir() if p.name != FILE_NAME], (
        "no temp files left"
    )


def test_a_gap_in_remembered_steps_restarts_at_the_gap(tmp_path: Path) -> None:
    progress = LessonProgress(tmp_path)
    progress.mark_completed(LESSON1.id, "phone-jack")
    session = LessonSession(LESSON1, progress)
    assert session.current.id == "connect-ata" and session.completed == ()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": "something-else", "version": 1, "lessons": {}}',
        b'{"format": "fxdesigner-lesson-progress", "version": 2, "lessons": {}}',
        b'{"format": "fxdesigner-lesson-progress", "version": 1, "lessons": []}',
        b'{"format": "fxdesigner-lesson-progress", "version": 1, "lessons": {"01": {"completed": [1]}}}',
        b'{"format": "fxdesigner-lesson-progress", "version": 1, "lessons": {"01": ["a"]}}',
    ],
)
def test_a_corrupt_progress_file_starts_fresh(tmp_path: Path, content: bytes) -> None:
    (tmp_path / FILE_NAME).write_bytes(content)
    progress = LessonProgress(tmp_path)
    assert progress.completed(LESSON1) == frozenset()
    assert (tmp_path / (FILE_NAME + ".corrupt")).read_bytes() == content
    assert progress.mark_completed(LESSON1.id, "connect-ata")
    assert LessonProgress(tmp_path).completed_steps(LESSON1.id) == ("connect-ata",)


def test_an_unreadable_file_and_a_failed_save_are_reported_not_raised(tmp_path: Path) -> None:
    # A folder where the file should be: it can be neither read nor replaced.
    (tmp_path / FILE_NAME).mkdir()
    progress = LessonProgress(tmp_path)
    assert progress.completed(LESSON1) == frozenset()
    assert not progress.mark_completed(LESSON1.id, "connect-ata")
    assert progress.save_error and "\n" not in progress.save_error
    assert progress.completed_steps(LESSON1.id) == ("connect-ata",), "kept in memory"
    (tmp_path / FILE_NAME).rmdir()
    assert progress.save() and progress.save_error is None
    assert LessonProgress(tmp_path).completed_steps(LESSON1.id) == ("connect-ata",)
