"""Remembering which lesson steps a learner has completed: one small JSON file in a folder.

The designer passes a per-user data folder (QStandardPaths); tests pass a
temporary one. Nothing here knows about Qt. The file is rewritten atomically
after every change, so a crash never leaves half of it; a file that is
corrupt, from a newer version or unreadable is set aside and progress starts
fresh: losing ticks is better than refusing to open the lessons.

    {"format": "fxdesigner-lesson-progress", "version": 1,
     "lessons": {"01-fxs-jack": {"completed": ["connect-ata", "plug-phone"]}}}
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any, Final

from fxdesigner.io.atomic import write_atomic
from fxdesigner.lessons.lesson import Lesson, Step

FILE_NAME: Final = "lesson-progress.json"
FORMAT: Final = "fxdesigner-lesson-progress"
VERSION: Final = 1
MAX_BYTES: Final = 1_000_000


class LessonProgress:
    """Completed steps per lesson, stored in ``<folder>/lesson-progress.json``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME
        #: Why the last save failed, or None; progress stays in memory meanwhile.
        self.save_error: str | None = None
        self._lessons: dict[str, list[str]] = self._load()

    # --- reading ------------------------------------------------------------------------

    def completed_steps(self, lesson_id: str) -> tuple[str, ...]:
        """Step ids recorded for a lesson, in the order they were completed."""
        return tuple(self._lessons.get(lesson_id, ()))

    def completed(self, lesson: Lesson) -> frozenset[str]:
        """Completed steps that the lesson still has (a lesson may have been revised)."""
        ids = {step.id for step in lesson.steps}
        return frozenset(s for s in self._lessons.get(lesson.id, ()) if s in ids)

    def current_step(self, lesson: Lesson) -> Step | None:
        """The first step not completed yet; None when the lesson is finished."""
        done = self.completed(lesson)
        return next((step for step in lesson.steps if step.id not in done), None)

    # --- changing ------------------------------------------------------------------------

    def mark_completed(self, lesson_id: str, step_id: str) -> bool:
        """Record one completed step and save; returns False when saving failed (see save_error)."""
        steps = self._lessons.setdefault(lesson_id, [])
        if step_id in steps:
            return True
        steps.append(step_id)
        return self.save()

    def reset(self, lesson_id: str | None = None) -> bool:
        """Forget one lesson's progress, or every lesson's."""
        if lesson_id is None:
            self._lessons.clear()
        else:
            self._lessons.pop(lesson_id, None)
        return self.save()

    def save(self) -> bool:
        lessons = {lesson_id: {"completed": steps} for lesson_id, steps in self._lessons.items()}
        document = {"format": FORMAT, "version": VERSION, "lessons": lessons}
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data)
        except OSError as exc:
            self.save_error = str(exc) or exc.__class__.__name__
            return False
        self.save_error = None
        return True

    # --- loading ------------------------------------------------------------------------

    def _load(self) -> dict[str, list[str]]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError:
            # Unreadable (a folder in its place, no permission): start fresh in memory.
            return {}
        lessons = _parse(data)
        if lessons is None:
            self._set_aside()
            return {}
        return lessons

    def _set_aside(self) -> None:
        # Keep the damaged file for a curious user instead of silently overwriting it.
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))


def _parse(data: bytes) -> dict[str, list[str]] | None:
    """The completed steps per lesson, or None when the file is damaged (it is then set aside)."""
    if len(data) > MAX_BYTES:
        return None
    try:
        document: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    if document.get("version") != VERSION:
        return None
    raw = document.get("lessons")
    if not isinstance(raw, dict):
        return None
    lessons: dict[str, list[str]] = {}
    for lesson_id, entry in raw.items():
        steps = entry.get("completed") if isinstance(entry, dict) else None
        if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
            return None
        lessons[lesson_id] = list(dict.fromkeys(steps))
    return lessons
