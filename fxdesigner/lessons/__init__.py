"""FX Designer lessons and fault drills (no Qt: see the import contracts in pyproject.toml).

The designer's lesson panel, trace view and drill mode sit on this API:

- lesson.py: ``scan_lessons()`` (every lesson that loads, plus one LessonError per
  broken one), ``load_lessons()`` (strict), ``find_lesson(lessons, "01")``; a
  ``Lesson`` has title, summary, introduction, conclusion, steps,
  ``severity_overrides`` (for the checker) and fresh ``start_plan()`` /
  ``solution_plan()`` copies; a ``Step`` has title, text, hints and its goal.
- grading.py: ``grade(lesson, plan)`` judges every step of one plan;
  ``LessonSession(lesson, progress).observe(plan)`` after each edit moves the
  learner forward, and ``next_hint()`` hands out hints one at a time.
- progress.py: ``LessonProgress(folder)`` remembers completed steps in a JSON file.
- goals.py / goal_parser.py: the goal vocabulary, judged by meaning.
- drills.py: ``make_drill(plan, faults, seed)`` and ``drill_status(drill, plan)``;
  ``drill_from_plan(plan)`` reads the record a drilled plan carries;
  ``fault.restore_edit()`` is the reference fix as an undoable model edit.
- faults.py / fault_ops.py / drill_record.py: the fault catalogue, undo operations
  and the drill record format.
"""
