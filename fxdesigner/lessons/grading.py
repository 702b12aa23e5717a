"""Grading a plan against a lesson, and following a learner through it edit by edit.

Two ways to judge, for two users:

- ``grade(lesson, plan)`` looks at one plan and nothing else (a trainer's
  `fxdesigner lesson grade`, the tests). Every step is judged on that plan; the
  *current* step is the first that fails, so step N is current when the steps
  before it pass. A transient step (a mistake made on purpose) is credited
  when its goal holds or when every later step passes: a finished plan no
  longer shows the mistake, and it could not be finished without passing it.
- ``LessonSession`` follows the designer: after every edit the GUI calls
  ``observe(plan)``; the current step is checked, and when it passes it is
  recorded (in LessonProgress when one is given) and the next step is checked
  on the same plan, so several steps can complete at once. Completed steps stay
  completed; the learner moves forward. Hints are handed out one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fxdesigner.lessons.goals import PlanFacts
from fxdesigner.lessons.lesson import Lesson, Step
from fxdesigner.lessons.progress import LessonProgress
from fxdesigner.model.plan import Plan

ON_THE_WAY = "Done on the way: the later steps pass, so this moment has passed too."


@dataclass(frozen=True)
class StepResult:
    step: Step
    passed: bool
    #: One plain sentence: what is still wrong, or what now works.
    message: str
    #: A transient step credited because every later step passes (grade() only).
    credited: bool = False

    @property
    def id(self) -> str:
        return self.step.id

    def to_json(self) -> dict[str, Any]:
        return {"id": self.step.id, "title": self.step.title, "passed": self.passed, "message": self.message}


@dataclass(frozen=True)
class Grade:
    lesson: Lesson
    steps: tuple[StepResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.steps)

    @property
    def passed_count(self) -> int:
        return sum(1 for r in self.steps if r.passed)

    @property
    def current_index(self) -> int | None:
        """Index of the first failing step, None when every step passes."""
        return next((i for i, r in enumerate(self.steps) if not r.passed), None)

    @property
    def current_step(self) -> Step | None:
        index = self.current_index
        return None if index is None else self.steps[index].step

    def to_json(self) -> dict[str, Any]:
        current = self.current_step
        return {
            "passed": self.passed,
            "current_step": current.id if current else None,
            "steps": [r.to_json() for r in self.steps],
        }


def facts_for(lesson: Lesson, plan: Plan, view: str | None = None) -> PlanFacts:
    """The engine's view of a plan with the lesson's severity overrides (and the designer's view)."""
    return PlanFacts(plan, lesson.severity_overrides, view)


def check_step(lesson: Lesson, step: Step, plan: Plan, facts: PlanFacts | None = None) -> StepResult:
    """Judge one step's own goal on a plan (no credit for transient steps)."""
    facts = facts or facts_for(lesson, plan)
    verdict = step.goal.evaluate(facts)
    return StepResult(step, verdict.passed, verdict.message)


def grade(lesson: Lesson, plan: Plan) -> Grade:
    """Every step of the lesson judged on this one plan, in order."""
    facts = facts_for(lesson, plan)
    results = [check_step(lesson, step, plan, facts) for step in lesson.steps]
    for i in range(len(results) - 1, -1, -1):
        result = results[i]
        if result.passed or not result.step.transient:
            continue
        later = results[i + 1 :]
        # load_lesson guarantees the last step is not transient, so later is never empty.
        if later and all(r.passed for r in later):
            results[i] = StepResult(result.step, True, ON_THE_WAY, credited=True)
    return Grade(lesson, tuple(results))


# --- a learner working through a lesson ------------------------------------------------------------


@dataclass(frozen=True)
class SessionUpdate:
    """What changed after one observe()."""

    #: Steps completed by this observation, in order (often none, sometimes several).
    completed: tuple[Step, ...]
    #: The step to work on now; None when the lesson is finished.
    current: Step | None
    #: The verdict on the current step's goal for this plan; None when finished.
    result: StepResult | None
    finished: bool


@dataclass
class LessonSession:
    """One learner on one lesson. Pure Python: the GUI calls observe() after each edit."""

    lesson: Lesson
    progress: LessonProgress | None = None
    _completed: list[str] = field(default_factory=list, init=False)
    _hints_shown: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.progress is not None:
            done = self.progress.completed(self.lesson)
            # Steps are done in order; a gap (a revised lesson) restarts at the gap.
            for step in self.lesson.steps:
                if step.id not in done:
                    break
                self._completed.append(step.id)

    # --- where the learner is -----------------------------------------------------------------

    @property
    def completed(self) -> tuple[str, ...]:
        return tuple(self._completed)

    @property
    def current_index(self) -> int | None:
        index = len(self._completed)
        return index if index < len(self.lesson.steps) else None

    @property
    def current(self) -> Step | None:
        index = self.current_index
        return None if index is None else self.lesson.steps[index]

    @property
    def finished(self) -> bool:
        return self.current_index is None

    def is_completed(self, step_id: str) -> bool:
        return step_id in self._completed

    # --- after each edit --------------------------------------------------------------------------

    def observe(self, plan: Plan, view: str | None = None) -> SessionUpdate:
        """Judge the plan after an edit; view is the scenario the designer shows."""
        facts = facts_for(self.lesson, plan, view)
        newly: list[Step] = []
        result: StepResult | None = None
        while (step := self.current) is not None:
            result = check_step(self.lesson, step, plan, facts)
            if not result.passed:
                break
            self._complete(step)
            newly.append(step)
            result = None
        return SessionUpdate(tuple(newly), self.current, result, self.finished)

    def _complete(self, step: Step) -> None:
        self._completed.append(step.id)
        self._hints_shown = 0
        if self.progress is not None:
            self.progress.mark_completed(self.lesson.id, step.id)

    # --- hints ------------------------------------------------------------------------------------

    @property
    def hints_shown(self) -> tuple[str, ...]:
        """The hints of the current step shown so far, vaguest first."""
        step = self.current
        return () if step is None else step.hints[: self._hints_shown]

    def next_hint(self) -> str | None:
        """The next, more explicit hint for the current step; the last one again when all are shown."""
        step = self.current
        if step is None:
            return None
        hint = step.hint(self._hints_shown)
        self._hints_shown = min(self._hints_shown + 1, len(step.hints))
        return hint

    def restart(self) -> None:
        """Forget this lesson's progress (the GUI reloads the start plan)."""
        self._completed.clear()
        self._hints_shown = 0
        if self.progress is not None:
            self.progress.reset(self.lesson.id)
