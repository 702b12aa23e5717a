"""`fxdesigner lesson` and `fxdesigner drill`: lessons and fault drills for trainers, without a display.

    fxdesigner lesson list [--format json]
    fxdesigner lesson grade LESSON PLAN... [--format json]
    fxdesigner drill PLAN -o OUT [--faults 1..3] [--seed S] [--time-limit MIN] [--kind K]... [--reveal]
    fxdesigner drill --check DRILLED_PLAN [--format json] [--reveal]

Exit status: `lesson grade` 0 when every step of every plan passes, 1
otherwise; `drill --check` 0 when the drill is solved, 1 otherwise; every
command 2 for bad input (an unknown lesson, a plan that does not load, a plan
without a drill record), with a one-line message on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fxdesigner.commands.common import add_format
from fxdesigner.io.atomic import SaveError, write_atomic
from fxdesigner.io.plan_json import PlanLoadError, dumps_plan, load_plan
from fxdesigner.lessons.drills import MAX_FAULTS, DrillError, drill_from_plan, drill_status, make_drill
from fxdesigner.lessons.faults import FAULT_KINDS
from fxdesigner.lessons.grading import Grade, grade
from fxdesigner.lessons.lesson import Lesson, LessonError, find_lesson, load_lessons
from fxdesigner.model.text import plural
from fxdesigner.rules.reach import SCENARIO_PHRASE

HELP = {
    "lesson": "list the lessons, or grade plans against a lesson step by step",
    "drill": "make a practice copy of a plan with hidden faults, or check how far a drill is fixed",
}

GRADE_SCHEMA = "fxdesigner-lesson-grade/1"
DRILL_SCHEMA = "fxdesigner-drill-check/1"
EXIT_USAGE = 2


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "lesson":
        sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        listing = sub.add_parser("list", help="list the lessons: id, title and number of steps")
        add_format(listing)
        grading = sub.add_parser("grade", help="grade plans against a lesson, step by step")
        grading.add_argument("lesson", metavar="LESSON", help='a lesson number ("01"), slug or id')
        grading.add_argument("plans", nargs="+", metavar="PLAN", help="plans to grade")
        add_format(grading)
        grading.epilog = "exit status: 0 every step of every plan passes; 1 some step fails; 2 bad input"
        return
    parser.add_argument(
        "plan", metavar="PLAN", help="a correct plan to drill, or with --check a drilled plan"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write the drilled plan")
    parser.add_argument(
        "--faults",
        type=int,
        default=1,
        metavar="N",
        help=f"how many faults to inject, 1 to {MAX_FAULTS} (default 1)",
    )
    parser.add_argument("--seed", type=int, metavar="S", help="make the drill repeatable")
    parser.add_argument(
        "--time-limit", type=float, metavar="MIN", help="a time limit in minutes, kept in the file"
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=[k.id for k in FAULT_KINDS],
        metavar="KIND",
        help="only this fault kind (repeatable): " + ", ".join(k.id for k in FAULT_KINDS),
    )
    parser.add_argument("--reveal", action="store_true", help="also print which faults were injected")
    parser.add_argument(
        "--check",
        action="store_true",
        help="PLAN is a drilled plan: report which injected faults are still there",
    )
    add_format(parser)
    parser.epilog = (
        'The drill record travels in the plan under the top-level key "fxdesigner_drill".\n'
        "exit status: drill 0 written; --check 0 solved, 1 faults remain; 2 bad input"
    )


def run(args: argparse.Namespace) -> int:
    if args._command == "drill":
        return _check_drill(args) if args.check else _make_drill(args)
    try:
        lessons = load_lessons()
    except LessonError as exc:
        return _usage(str(exc))
    if args.action == "list":
        return _list(lessons, args.format)
    try:
        lesson = find_lesson(lessons, args.lesson)
    except LessonError as exc:
        return _usage(str(exc))
    return _grade(lesson, args.plans, args.format)


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


# --- lessons -------------------------------------------------------------------------------------------


def _list(lessons: list[Lesson], fmt: str) -> int:
    if fmt == "json":
        sys.stdout.write(
            json.dumps({"lessons": [lesson.to_json() for lesson in lessons]}, indent=2, ensure_ascii=False)
            + "\n"
        )
        return 0
    for lesson in lessons:
        steps = plural(len(lesson.steps), "step")
        print(f"{lesson.id:<34} {lesson.title}  ({steps})")
    return 0


def _grade(lesson: Lesson, paths: list[str], fmt: str) -> int:
    entries: list[dict[str, Any]] = []
    status = 0
    for path in paths:
        try:
            plan = load_plan(path)
        except PlanLoadError as exc:
            entries.append(
                {"path": path, "error": str(exc), "passed": False, "current_step": None, "steps": []}
            )
            if fmt == "text":
                print(f"error: {exc}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        result = grade(lesson, plan)
        entries.append({"path": path, "error": None} | result.to_json())
        if not result.passed and status == 0:
            status = 1
        if fmt == "text":
            sys.stdout.write(_grade_text(path, result))
    if fmt == "json":
        document = {
            "schema": GRADE_SCHEMA,
            "lesson": {"id": lesson.id, "title": lesson.title},
            "files": entries,
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return status


def _grade_text(path: str, result: Grade) -> str:
    lesson = result.lesson
    lines = [
        f'{path}: lesson {lesson.id} "{lesson.title}": {result.passed_count} of {len(result.steps)} '
        f"steps pass"
    ]
    for i, step in enumerate(result.steps, 1):
        mark = "pass" if step.passed else "FAIL"
        lines.append(f"  {i}. [{mark}] {step.step.id}: {step.step.title}")
        if not step.passed:
            lines.append(f"       {step.message}")
    return "\n".join(lines) + "\n"


# --- drills --------------------------------------------------------------------------------------------


def _make_drill(args: argparse.Namespace) -> int:
    if not args.output:
        return _usage("drill needs -o OUT (where to write the drilled plan), or --check to check one")
    if not 1 <= args.faults <= MAX_FAULTS:
        return _usage(f"--faults must be 1 to {MAX_FAULTS}")
    limit = None
    if args.time_limit is not None:
        if not args.time_limit > 0 or args.time_limit > 24 * 60:
            return _usage("--time-limit must be more than 0 and at most 1440 minutes")
        limit = max(1, round(args.time_limit * 60))
    try:
        plan = load_plan(args.plan)
        drill = make_drill(plan, args.faults, args.seed, kinds=args.kind, time_limit_s=limit)
        write_atomic(args.output, dumps_plan(drill.plan).encode("utf-8"))
    except (PlanLoadError, DrillError) as exc:
        return _drill_usage(exc, args.plan)
    except SaveError as exc:
        return _usage(f"{args.output}: {exc}")
    count = len(drill.faults)
    note = f" (asked for {args.faults}; this plan has room for {count})" if count < args.faults else ""
    if args.format == "json":
        document: dict[str, Any] = {
            "output": args.output,
            "faults": count,
            "seed": drill.seed,
            "time_limit_s": drill.time_limit_s,
        }
        if args.reveal:
            document["injected"] = [f.to_json() for f in drill.faults]
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return 0
    print(f"{args.output}: {plural(count, 'fault')} injected{note} (seed {drill.seed}). Find and fix them.")
    if args.reveal:
        for i, fault in enumerate(drill.faults, 1):
            print(f"  {i}. {fault.title}: {fault.description}")
    return 0


def _drill_usage(exc: PlanLoadError | DrillError, path: str) -> int:
    # A load error already names its file; a drill error speaks only of the plan's contents.
    return _usage(str(exc) if isinstance(exc, PlanLoadError) else f"{path}: {exc}")


def _check_drill(args: argparse.Namespace) -> int:
    if args.output:
        return _usage("--check reads a drilled plan; it does not take -o")
    try:
        plan = load_plan(args.plan)
        drill = drill_from_plan(plan)
        status = None if drill is None else drill_status(drill, plan)
    except (PlanLoadError, DrillError) as exc:
        return _drill_usage(exc, args.plan)
    if status is None:
        return _usage(f"{args.plan}: this plan carries no drill (make one with fxdesigner drill PLAN -o OUT)")
    if args.format == "json":
        document = {"schema": DRILL_SCHEMA, "path": args.plan} | status.to_json(args.reveal)
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return 0 if status.solved else 1
    lines = [f"{args.plan}: {status.summary()}"]
    for item in status.faults:
        state = "fixed" if item.fixed else "not fixed"
        where = ""
        if not item.fixed and item.fault.scenarios[:1] != ("none",):
            where = f" (shows {SCENARIO_PHRASE[item.fault.scenarios[0]]})"
        text = f": {item.fault.title}: {item.fault.description}" if args.reveal else ""
        lines.append(f"  fault {item.number}: {state}{where}{text}")
    if status.remaining == 0:
        for problem in status.new_problems:
            when = "" if problem.scenario == "none" else f" [{problem.scenario}]"
            lines.append(f"  new: {problem.code}{when}: {problem.message}")
        lines += [f"  service: {text}" for text in status.lost_service]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if status.solved else 1
