"""The shipped lessons: they load, their reference solutions pass, their start plans do not,
and a second, differently wired solution passes too (goals are judged by meaning)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.lessons.grading import ON_THE_WAY, grade
from fxdesigner.lessons.lesson import (
    LessonError,
    find_lesson,
    load_lesson,
    load_lessons,
    scan_lessons,
)
from fxdesigner.model.plan import Plan

from .common import DATA, LESSONS, LESSONS_DIR, alternative_solution

IDS = [lesson.id for lesson in LESSONS]
REQUIRED_TOPICS = ("fxs", "street-line", "miswirings", "fax", "lifeline", "key-system", "ip-pbx", "dsl")


def test_at_least_the_eight_lessons_of_the_course_ship_in_order() -> None:
    assert len(LESSONS) >= 8
    assert [lesson.number for lesson in LESSONS] == sorted(lesson.number for lesson in LESSONS)
    for topic, lesson in zip(REQUIRED_TOPICS, LESSONS[:8], strict=True):
        assert topic in lesson.slug, (topic, lesson.id)


def test_every_lesson_folder_loads_strictly() -> None:
    lessons, errors = scan_lessons(LESSONS_DIR)
    assert errors == []
    folders = sorted(p.name for p in LESSONS_DIR.iterdir() if p.is_dir())
    assert [lesson.id for lesson in lessons] == folders


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_reference_solution_passes_every_step(lesson) -> None:
    result = grade(lesson, lesson.solution_plan())
    failing = [(r.id, r.message) for r in result.steps if not r.passed]
    assert failing == []
    assert result.passed and result.current_step is None


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_start_plan_does_not_pass(lesson) -> None:
    result = grade(lesson, lesson.start_plan())
    assert not result.passed
    # The learner starts at the beginning: the first non-transient step fails on the start plan.
    first = next(r for r in result.steps if not r.step.transient)
    assert not first.passed, first.id
    assert result.current_index is not None and result.current_index <= lesson.steps.index(first.step)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_a_second_differently_wired_solution_passes(lesson) -> None:
    plan = alternative_solution(lesson)
    result = grade(lesson, plan)
    assert [(r.id, r.message) for r in result.steps if not r.passed] == []


def _wiring(plan: Plan) -> set[frozenset[str]]:
    return {frozenset((str(link.a), str(link.b))) for link in plan.iter_links()}


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_second_solution_is_genuinely_different(lesson) -> None:
    """Different device ids, positions and jacks: a goal tied to any of them would fail one solution."""
    reference, other = lesson.solution_plan(), alternative_solution(lesson)
    ref_ids = {d.id for d in reference.iter_devices()}
    alt_ids = {d.id for d in other.iter_devices()}
    assert not ref_ids & alt_ids, "the alternative solution must use other device ids"
    ref_places = {(d.x, d.y) for d in reference.iter_devices()}
    assert not ref_places & {(d.x, d.y) for d in other.iter_devices()}

    # With ids different, compare jacks by (device type, port id): some must differ.
    def typed(plan: Plan) -> set[frozenset[tuple[str, str]]]:
        return {
            frozenset((plan.device(end.device).type, end.port) for end in link.ends())
            for link in plan.iter_links()
        }

    assert typed(reference) != typed(other)
    assert not {link.id for link in reference.iter_links()} & {link.id for link in other.iter_links()}


def test_alternative_solutions_exist_only_for_real_lessons() -> None:
    assert sorted(p.stem for p in DATA.glob("*.fxplan")) == sorted(IDS)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_lesson_texts_are_complete(lesson) -> None:
    assert lesson.title and lesson.summary and "\n" not in lesson.summary
    assert re.search(r"\[S\d+[a-z]?\]", lesson.introduction), "cite domain.md sources as [S11]"
    for step in lesson.steps:
        assert step.title and step.text
        assert len(step.hints) >= 2, "hints go from vague to explicit"
        assert len(set(step.hints)) == len(step.hints)
    assert not lesson.steps[-1].transient


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_start_and_solution_are_fresh_copies(lesson) -> None:
    for make, name in ((lesson.start_plan, "start.fxplan"), (lesson.solution_plan, "solution.fxplan")):
        first = make()
        first.title = "changed by the learner"
        for link in list(first.links):
            first.remove_link(link.id)
        assert dumps_plan(make()) == dumps_plan(load_plan(LESSONS_DIR / lesson.id / name))


# --- transient steps ---------------------------------------------------------------------------------


def test_a_transient_step_is_credited_only_when_every_later_step_passes() -> None:
    lesson = find_lesson(LESSONS, "01")
    transient = [s for s in lesson.steps if s.transient]
    assert transient, "lesson 1 makes a mistake on purpose"
    solved = grade(lesson, lesson.solution_plan())
    credited = [r for r in solved.steps if r.credited]
    assert [r.step for r in credited] == transient
    assert all(r.message == ON_THE_WAY for r in credited)
    start = grade(lesson, lesson.start_plan())
    assert not any(r.credited for r in start.steps)
    assert not any(r.passed for r in start.steps if r.step.transient)


# --- finding lessons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["1", "01", "fxs-jack", "01-fxs-jack", " 01-FXS-JACK "])
def test_find_lesson_by_number_slug_or_id(key: str) -> None:
    assert find_lesson(LESSONS, key).id == "01-fxs-jack"


def test_find_unknown_lesson_is_one_line() -> None:
    with pytest.raises(LessonError) as caught:
        find_lesson(LESSONS, "99")
    assert "\n" not in str(caught.value) and "01-fxs-jack" in str(caught.value)


# --- strict validation -------------------------------------------------------------------------------------


def _copy_lesson(tmp_path: Path, name: str = "01-fxs-jack") -> Path:
    target = tmp_path / name
    shutil.copytree(LESSONS_DIR / "01-fxs-jack", target)
    return target


def _edit(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "lesson.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


BROKEN = [
    ("unknown top key", lambda d: d.update(colour="red"), "unknown key 'colour'"),
    ("wrong format", lambda d: d.update(format="x"), "format"),
    ("id mismatch", lambda d: d.update(id="02-other"), "does not match the folder name"),
    ("no steps", lambda d: d.update(steps=[]), "steps: expected a non-empty list"),
    ("no hints", lambda d: d["steps"][0].update(hints=[]), "hints"),
    ("unknown goal", lambda d: d["steps"][0].update(goal={"works": True}), "unknown goal 'works'"),
    ("two-key goal", lambda d: d["steps"][0].update(goal={"all": [], "any": []}), "exactly one key"),
    ("bad code", lambda d: d["steps"][0].update(goal={"no_findings": "FX9"}), "not a rule code"),
    (
        "bad type",
        lambda d: d["steps"][0].update(goal={"reaches_outside": {"station": {"type": "toaster"}}}),
        "unknown device type 'toaster'",
    ),
    (
        "non-station",
        lambda d: d["steps"][0].update(goal={"reaches_outside": {"station": {"type": "router"}}}),
        "a station type is needed",
    ),
    (
        "bad scenario",
        lambda d: d["steps"][0].update(goal={"has_exit": {"device": {}, "scenario": "flood"}}),
        "scenario",
    ),
    (
        "survives none",
        lambda d: d["steps"][0].update(goal={"survives": {"station": {}, "scenario": "none"}}),
        "outage scenario",
    ),
    (
        "selector key",
        lambda d: d["steps"][0].update(goal={"has_exit": {"device": {"id": "ata"}}}),
        "unknown key 'id'",
    ),
    ("duplicate step", lambda d: d["steps"].append(dict(d["steps"][0])), "used twice"),
    ("bad severity", lambda d: d.update(severity={"FX501": "loud"}), "FX501"),
    ("unknown rule", lambda d: d.update(severity={"FX999": "info"}), "unknown rule code"),
    ("transient last", lambda d: d["steps"][-1].update(transient=True), "last step cannot be transient"),
    (
        "count min>max",
        lambda d: d["steps"][0].update(goal={"device_count": {"type": "fax", "min": 2, "max": 1}}),
        "min is more than max",
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_lesson_is_one_clear_line(tmp_path: Path, name: str, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    folder = _copy_lesson(tmp_path)
    _edit(folder, change)
    with pytest.raises(LessonError) as caught:
        load_lesson(folder)
    text = str(caught.value)
    assert expected in text
    assert "\n" not in text and text.startswith("01-fxs-jack/lesson.json")


def test_bad_json_missing_files_and_bad_plans_are_lesson_errors(tmp_path: Path) -> None:
    folder = _copy_lesson(tmp_path)
    (folder / "lesson.json").write_text('{"format": "fxdesigner-lesson", "format": 1}', encoding="utf-8")
    with pytest.raises(LessonError, match=re.escape('lesson.json: (top level): duplicate key "format"')):
        load_lesson(folder)
    (folder / "lesson.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(LessonError, match=r"line 1, column 2"):
        load_lesson(folder)
    shutil.copy(LESSONS_DIR / "01-fxs-jack" / "lesson.json", folder / "lesson.json")
    (folder / "start.fxplan").write_text(
        '{"format": "fxdesigner-plan", "schema_version": 1}', encoding="utf-8"
    )
    with pytest.raises(LessonError, match=r"01-fxs-jack/start.fxplan: .*devices"):
        load_lesson(folder)
    (folder / "solution.fxplan").unlink()
    shutil.copy(LESSONS_DIR / "01-fxs-jack" / "start.fxplan", folder / "start.fxplan")
    with pytest.raises(LessonError, match=r"solution\.fxplan: file is missing"):
        load_lesson(folder)


def test_scan_keeps_the_good_lessons_and_reports_the_broken_one(tmp_path: Path) -> None:
    _copy_lesson(tmp_path)
    broken = _copy_lesson(tmp_path, "02-broken")
    _edit(broken, lambda d: d.update(id="02-broken", steps="none"))
    (tmp_path / "badly named").mkdir()
    (tmp_path / "README.md").write_text("not a lesson", encoding="utf-8")
    lessons, errors = scan_lessons(tmp_path)
    assert [lesson.id for lesson in lessons] == ["01-fxs-jack"]
    assert len(errors) == 2
    assert any("02-broken/lesson.json.steps" in str(e) for e in errors)
    assert any("badly named" in str(e) for e in errors)
    with pytest.raises(LessonError):
        load_lessons(tmp_path)


def test_two_lessons_with_one_number_are_reported(tmp_path: Path) -> None:
    _copy_lesson(tmp_path)
    twin = _copy_lesson(tmp_path, "01-twin")
    _edit(twin, lambda d: d.update(id="01-twin"))
    lessons, errors = scan_lessons(tmp_path)
    assert len(lessons) == 1 and len(errors) == 1 and "number 01" in str(errors[0])


def test_missing_lessons_folder_gives_no_lessons(tmp_path: Path) -> None:
    assert scan_lessons(tmp_path / "nowhere") == ([], [])
