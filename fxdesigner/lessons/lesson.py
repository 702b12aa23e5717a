"""Lessons as data: resources/lessons/NN-slug/{lesson.json, start.fxplan, solution.fxplan}.

A lesson is a title, an introduction, a start plan, ordered steps (text, a
goal judged by the rules engine, progressive hints) and a reference solution.
Lessons ship with the program, so a malformed one is a packaging bug: the
loader checks every key strictly and raises a LessonError whose text is one
line naming the file and the place, never a traceback, so the designer can
list the other lessons and report the broken one.

lesson.json::

    {
      "format": "fxdesigner-lesson", "version": 1,
      "id": "01-fxs-jack",                   # must equal the folder name
      "title": "...", "summary": "one line for lists",
      "introduction": "Markdown",
      "conclusion": "Markdown, shown when every step is done",   # optional
      "severity": {"FX501": "info"},         # optional overrides by code ("off" hides)
      "steps": [{"id": "plug-phone", "title": "...", "text": "Markdown",
                 "goal": {...}, "hints": ["vague", "...", "explicit"],
                 "transient": false}]        # optional, see Step
    }
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fxdesigner import assets
from fxdesigner.io.plan_json import PlanLoadError, load_plan, load_plan_bytes
from fxdesigner.io.strict_json import JsonProblem, parse
from fxdesigner.lessons.goal_parser import parse_goal
from fxdesigner.lessons.goals import Goal, GoalError
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import escape_unsafe
from fxdesigner.rules.engine import OFF
from fxdesigner.rules.findings import SEVERITIES
from fxdesigner.rules.registry import BY_CODE

FORMAT: Final = "fxdesigner-lesson"
VERSION: Final = 1
LESSON_FILE: Final = "lesson.json"
START_FILE: Final = "start.fxplan"
SOLUTION_FILE: Final = "solution.fxplan"
MAX_LESSON_BYTES: Final = 1_000_000
FOLDER_PATTERN: Final = re.compile(r"(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)")
STEP_ID_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_TOP_KEYS: Final = (
    "format",
    "version",
    "id",
    "title",
    "summary",
    "introduction",
    "conclusion",
    "severity",
    "steps",
)
_STEP_KEYS: Final = ("id", "title", "text", "goal", "hints", "transient")


class LessonError(ValueError):
    """A lesson could not be loaded or found; str() is one line for the user or the log."""

    def __init__(self, message: str) -> None:
        # Messages quote values from the file: keep them on one line.
        super().__init__(escape_unsafe(message))


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    #: Markdown shown in the lesson panel.
    text: str
    goal: Goal = field(repr=False)
    #: From a gentle nudge to the exact move; show them one at a time.
    hints: tuple[str, ...]
    #: The goal describes a moment on the way, typically a mistake made on
    #: purpose ("plug the phone into LINE and watch FX104 appear"). A finished
    #: plan no longer shows it, so grading a finished plan credits it when
    #: every later step passes; a live session still waits for the moment.
    transient: bool = False

    def hint(self, level: int) -> str | None:
        """The hint at level (0 = first); the last one again beyond the end, None when there are none."""
        if not self.hints:
            return None
        return self.hints[max(0, min(level, len(self.hints) - 1))]


@dataclass(frozen=True, eq=False)
class Lesson:
    #: The folder name, "NN-slug".
    id: str
    title: str
    summary: str
    introduction: str
    steps: tuple[Step, ...]
    conclusion: str = ""
    #: Severity by rule code for this lesson ("error", "warning", "info" or "off").
    severity_overrides: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None
    _start: bytes = field(default=b"", repr=False)
    _solution: bytes = field(default=b"", repr=False)

    @property
    def number(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def slug(self) -> str:
        return self.id.split("-", 1)[1]

    def start_plan(self) -> Plan:
        """A fresh copy of the plan the learner starts from (safe to edit)."""
        return load_plan_bytes(self._start, f"{self.id}/{START_FILE}")

    def solution_plan(self) -> Plan:
        """A fresh copy of the reference solution."""
        return load_plan_bytes(self._solution, f"{self.id}/{SOLUTION_FILE}")

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f'lesson {self.id} has no step "{step_id}"')

    def to_json(self) -> dict[str, Any]:
        """What `fxdesigner lesson list --format json` prints for the lesson."""
        return {"id": self.id, "title": self.title, "summary": self.summary, "steps": len(self.steps)}


# --- loading ------------------------------------------------------------------------------------------


def lessons_folder() -> Path:
    return assets.resource_path("lessons")


def load_lesson(folder: str | Path) -> Lesson:
    """Load and check one lesson folder; raises LessonError."""
    folder = Path(folder)
    name = folder.name
    match = FOLDER_PATTERN.fullmatch(name)
    if match is None:
        raise LessonError(f"{name}: a lesson folder is named NN-slug (two digits, a dash, lower-case words)")
    where = f"{name}/{LESSON_FILE}"
    raw = _read_json(folder / LESSON_FILE, where)
    lesson = _build(raw, where, name)
    start = _read_plan(folder / START_FILE, f"{name}/{START_FILE}")
    solution = _read_plan(folder / SOLUTION_FILE, f"{name}/{SOLUTION_FILE}")
    return Lesson(
        id=lesson["id"],
        title=lesson["title"],
        summary=lesson["summary"],
        introduction=lesson["introduction"],
        steps=lesson["steps"],
        conclusion=lesson["conclusion"],
        severity_overrides=lesson["severity"],
        folder=folder,
        _start=start,
        _solution=solution,
    )


def scan_lessons(folder: str | Path | None = None) -> tuple[list[Lesson], list[LessonError]]:
    """Every lesson that loads, in order, and one error per lesson that does not.

    The designer uses this: one broken lesson must not hide the others.
    """
    root = Path(folder) if folder is not None else lessons_folder()
    lessons: list[Lesson] = []
    errors: list[LessonError] = []
    if not root.is_dir():
        return lessons, errors
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.name.startswith((".", "_")):
            continue
        try:
            lessons.append(load_lesson(child))
        except LessonError as exc:
            errors.append(exc)
    numbers: dict[str, str] = {}
    for lesson in list(lessons):
        if lesson.number in numbers:
            errors.append(
                LessonError(
                    f"{lesson.id}: lesson number {lesson.number} is also used by {numbers[lesson.number]}"
                )
            )
            lessons.remove(lesson)
        else:
            numbers[lesson.number] = lesson.id
    return lessons, errors


def load_lessons(folder: str | Path | None = None) -> list[Lesson]:
    """Every lesson, strictly: the first broken one raises LessonError (for tests and the CLI)."""
    lessons, errors = scan_lessons(folder)
    if errors:
        raise errors[0]
    return lessons


def find_lesson(lessons: list[Lesson], key: str) -> Lesson:
    """A lesson by number ("1", "01"), slug ("fxs-jack") or full id ("01-fxs-jack")."""
    wanted = key.strip().lower()
    if wanted.isdigit():
        wanted = wanted.zfill(2)
    for lesson in lessons:
        if wanted in (lesson.id, lesson.number, lesson.slug):
            return lesson
    known = ", ".join(lesson.id for lesson in lessons) or "none"
    raise LessonError(f'no lesson "{key}" (known lessons: {known})')


# --- checking --------------------------------------------------------------------------------------------


def _read_bytes(path: Path, where: str) -> bytes:
    """The file's bytes, or a LessonError that names it by where (its place in the lesson folder)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise LessonError(f"{where}: file is missing") from None
    except OSError as exc:
        raise LessonError(f"{where}: cannot read: {exc.strerror or exc}") from None


def _read_json(path: Path, where: str) -> Any:
    data = _read_bytes(path, where)
    if len(data) > MAX_LESSON_BYTES:
        raise LessonError(f"{where}: file is larger than {MAX_LESSON_BYTES:,} bytes")
    try:
        # The same strict reader as plans: depth, NaN, huge numbers, duplicate keys.
        return parse(data)
    except JsonProblem as exc:
        raise LessonError(f"{where}: {exc.location}: {exc.message}") from None


def _read_plan(path: Path, where: str) -> bytes:
    data = _read_bytes(path, where)
    try:
        load_plan(path, display_name=where)
    except PlanLoadError as exc:
        raise LessonError(str(exc)) from None
    return data


def _text(raw: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    if key not in raw:
        if required:
            raise LessonError(f"{where}: missing key {key!r}")
        return ""
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise LessonError(f"{where}.{key}: expected non-empty text")
    return value


def _build(raw: Any, where: str, folder_name: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: expected a JSON object")
    unknown = sorted(set(raw) - set(_TOP_KEYS))
    if unknown:
        raise LessonError(f"{where}: unknown key {unknown[0]!r}")
    if raw.get("format") != FORMAT:
        raise LessonError(f'{where}.format: expected "{FORMAT}"')
    if raw.get("version") != VERSION or isinstance(raw.get("version"), bool):
        raise LessonError(f"{where}.version: expected {VERSION}")
    lesson_id = _text(raw, "id", where)
    if lesson_id != folder_name:
        raise LessonError(f'{where}.id: "{lesson_id}" does not match the folder name "{folder_name}"')
    summary = _text(raw, "summary", where)
    if "\n" in summary:
        raise LessonError(f"{where}.summary: expected one line")
    return {
        "id": lesson_id,
        "title": _text(raw, "title", where),
        "summary": summary,
        "introduction": _text(raw, "introduction", where),
        "conclusion": _text(raw, "conclusion", where, required=False),
        "severity": _severity(raw.get("severity", {}), f"{where}.severity"),
        "steps": _steps(raw.get("steps"), f"{where}.steps"),
    }


def _severity(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: expected an object of rule code to severity")
    for code, severity in raw.items():
        if code not in BY_CODE:
            raise LessonError(f"{where}: unknown rule code {code!r}")
        if severity not in SEVERITIES and severity != OFF:
            raise LessonError(f"{where}.{code}: expected one of {', '.join((*SEVERITIES, OFF))}")
    return dict(raw)


def _steps(raw: Any, where: str) -> tuple[Step, ...]:
    if not isinstance(raw, list) or not raw:
        raise LessonError(f"{where}: expected a non-empty list of steps")
    steps: list[Step] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise LessonError(f"{at}: expected an object")
        unknown = sorted(set(item) - set(_STEP_KEYS))
        if unknown:
            raise LessonError(f"{at}: unknown key {unknown[0]!r}")
        step_id = _text(item, "id", at)
        if not STEP_ID_PATTERN.fullmatch(step_id):
            raise LessonError(f"{at}.id: use lower-case words joined by dashes")
        if step_id in seen:
            raise LessonError(f"{at}.id: step id {step_id!r} is used twice")
        seen.add(step_id)
        if "goal" not in item:
            raise LessonError(f"{at}: missing key 'goal'")
        try:
            goal = parse_goal(item["goal"], f"{at}.goal")
        except GoalError as exc:
            raise LessonError(str(exc)) from None
        hints = item.get("hints")
        if (
            not isinstance(hints, list)
            or not hints
            or not all(isinstance(h, str) and h.strip() for h in hints)
        ):
            raise LessonError(f"{at}.hints: expected a non-empty list of hint texts")
        transient = item.get("transient", False)
        if not isinstance(transient, bool):
            raise LessonError(f"{at}.transient: expected true or false")
        steps.append(
            Step(step_id, _text(item, "title", at), _text(item, "text", at), goal, tuple(hints), transient)
        )
    if steps[-1].transient:
        raise LessonError(f"{where}: the last step cannot be transient (a finished plan could never show it)")
    return tuple(steps)
