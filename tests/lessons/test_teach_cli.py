"""`fxdesigner lesson list|grade` and `fxdesigner drill` as trainers use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fxdesigner.cli import main
from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.lessons.drills import DRILL_KEY, drill_from_plan

from .common import DATA, LESSONS, LESSONS_DIR, ROOT, TEMPLATES

SOLUTION_02 = str(LESSONS_DIR / "02-street-line-fxo" / "solution.fxplan")
KEY_SYSTEM = str(next(t for t in TEMPLATES if t.stem == "key-system-power-fail"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code, out, err = run(capsys, *argv)
    assert err == ""
    return code, json.loads(out)


# --- lesson list ------------------------------------------------------------------------------------


def test_lesson_list_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lesson", "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(LESSONS)
    assert (
        lines[0].startswith("01-fxs-jack") and "What an FXS jack does" in lines[0] and "(3 steps)" in lines[0]
    )
    code, doc = run_json(capsys, "lesson", "list", "--format", "json")
    assert code == 0
    assert doc["lessons"][0] == {
        "id": "01-fxs-jack",
        "title": "What an FXS jack does",
        "summary": LESSONS[0].summary,
        "steps": len(LESSONS[0].steps),
    }
    assert [e["id"] for e in doc["lessons"]] == [lesson.id for lesson in LESSONS]


def test_lesson_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lesson")
    assert code == 2 and "ACTION" in err


# --- lesson grade ------------------------------------------------------------------------------------------


def test_grade_solution_passes_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    solution = str(LESSONS_DIR / "01-fxs-jack" / "solution.fxplan")
    alternative = str(DATA / "01-fxs-jack.fxplan")
    code, out, err = run(capsys, "lesson", "grade", "fxs-jack", solution, alternative)
    assert code == 0 and err == ""
    assert f"{solution}: lesson 01-fxs-jack" in out and "3 of 3 steps pass" in out
    assert out.count("[pass]") == 6 and "[FAIL]" not in out


def test_grade_start_fails_with_exit_1_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    start = str(LESSONS_DIR / "03-three-miswirings" / "start.fxplan")
    code, out, _ = run(capsys, "lesson", "grade", "3", start)
    assert code == 1
    assert "0 of 4 steps pass" in out
    assert "[FAIL] street-line: Fix the street line" in out
    assert "FX102: The street line" in out


def test_grade_json_per_plan_and_step(capsys: pytest.CaptureFixture[str]) -> None:
    start = str(LESSONS_DIR / "04-fax-t38" / "start.fxplan")
    solution = str(LESSONS_DIR / "04-fax-t38" / "solution.fxplan")
    code, doc = run_json(capsys, "lesson", "grade", "04", start, solution, "--format", "json")
    assert code == 1
    assert doc["schema"] == "fxdesigner-lesson-grade/1"
    assert doc["lesson"] == {"id": "04-fax-t38", "title": "Fax over VoIP and T.38"}
    first, second = doc["files"]
    assert list(first) == ["path", "error", "passed", "current_step", "steps"]
    assert first["path"] == start and first["error"] is None and not first["passed"]
    assert first["current_step"] == "fix-fax"
    assert [s["passed"] for s in first["steps"]] == [True, False, False]
    assert all(set(s) == {"id", "title", "passed", "message"} for s in first["steps"])
    assert "FX401" in first["steps"][1]["message"]
    assert second["passed"] and second["current_step"] is None


def test_grade_bad_input_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    solution = str(LESSONS_DIR / "01-fxs-jack" / "solution.fxplan")
    code, out, err = run(capsys, "lesson", "grade", "nope", solution)
    assert code == 2 and out == "" and err.count("\n") == 1 and 'no lesson "nope"' in err
    missing = str(tmp_path / "missing.fxplan")
    code, out, err = run(capsys, "lesson", "grade", "01", solution, missing)
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    assert "3 of 3 steps pass" in out, "the good plan is still graded"
    code, doc = run_json(capsys, "lesson", "grade", "01", missing, "--format", "json")
    assert code == 2 and doc["files"][0]["error"].endswith("no such file") and doc["files"][0]["steps"] == []


# --- drill ---------------------------------------------------------------------------------------------


def test_drill_writes_a_plan_and_tells_only_how_many(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_path = tmp_path / "practice.fxplan"
    code, out, err = run(capsys, "drill", KEY_SYSTEM, "-o", str(out_path), "--faults", "2", "--seed", "5")
    assert code == 0 and err == ""
    assert out == f"{out_path}: 2 faults injected (seed 5). Find and fix them.\n"
    drilled = load_plan(out_path)
    drill = drill_from_plan(drilled)
    assert drill is not None and len(drill.faults) == 2 and drill.seed == 5
    for fault in drill.faults:
        assert fault.kind not in out and fault.description not in out
    # Same seed, same file.
    again = tmp_path / "again.fxplan"
    assert main(["drill", KEY_SYSTEM, "-o", str(again), "--faults", "2", "--seed", "5"]) == 0
    capsys.readouterr()
    assert again.read_text(encoding="utf-8") == out_path.read_text(encoding="utf-8")


def test_drill_reveal_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "d.fxplan"
    code, out, _ = run(
        capsys,
        "drill",
        KEY_SYSTEM,
        "-o",
        str(out_path),
        "--seed",
        "1",
        "--reveal",
        "--kind",
        "phone-in-line-jack",
    )
    assert code == 0
    drill = drill_from_plan(load_plan(out_path))
    assert drill is not None
    assert f"  1. {drill.faults[0].title}: {drill.faults[0].description}" in out
    code, doc = run_json(
        capsys,
        "drill",
        KEY_SYSTEM,
        "-o",
        str(out_path),
        "--seed",
        "1",
        "--format",
        "json",
        "--time-limit",
        "2.5",
    )
    assert code == 0 and doc["faults"] == 1 and doc["seed"] == 1 and doc["time_limit_s"] == 150
    assert "injected" not in doc


def test_drill_check_reports_progress(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "d.fxplan"
    assert main(["drill", KEY_SYSTEM, "-o", str(out_path), "--faults", "3", "--seed", "2"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "drill", "--check", str(out_path))
    assert code == 1
    assert out.startswith(f"{out_path}: 0 of 3 faults fixed.")
    assert out.count("not fixed") == 3
    code, doc = run_json(capsys, "drill", "--check", str(out_path), "--format", "json", "--reveal")
    assert code == 1 and doc["schema"] == "fxdesigner-drill-check/1" and not doc["solved"]
    assert all("description" in f for f in doc["faults"])
    # The learner repairs the plan (here: the recorded fix) and saves it; the record travels along.
    plan = load_plan(out_path)
    drill = drill_from_plan(plan)
    assert drill is not None
    drill.restore_edit().apply(plan)
    out_path.write_text(dumps_plan(plan), encoding="utf-8")
    code, out, _ = run(capsys, "drill", "--check", str(out_path))
    assert code == 0 and "Solved: all 3 faults fixed and nothing new is broken." in out
    code, doc = run_json(capsys, "drill", "--check", str(out_path), "--format", "json")
    assert code == 0 and doc["solved"] and doc["fixed"] == 3 and "description" not in doc["faults"][0]


def test_drill_bad_input_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = str(tmp_path / "d.fxplan")
    broken_plan = str(LESSONS_DIR / "03-three-miswirings" / "start.fxplan")
    cases = [
        (["drill", KEY_SYSTEM], "needs -o OUT"),
        (["drill", KEY_SYSTEM, "-o", out_path, "--faults", "4"], "--faults must be 1 to 3"),
        (["drill", KEY_SYSTEM, "-o", out_path, "--time-limit", "0"], "--time-limit"),
        (["drill", str(tmp_path / "none.fxplan"), "-o", out_path], "no such file"),
        (["drill", broken_plan, "-o", out_path], "a drill starts from a correct plan"),
        (["drill", KEY_SYSTEM, "-o", str(tmp_path / "no" / "dir" / "x.fxplan")], "Cannot save"),
        (["drill", "--check", KEY_SYSTEM], "carries no drill"),
        (["drill", "--check", KEY_SYSTEM, "-o", out_path], "does not take -o"),
    ]
    for argv, expected in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert expected in err and err.count("\n") == 1, (argv, err)
        assert out == ""
    assert not Path(out_path).exists()
    code, _, err = run(capsys, "drill", KEY_SYSTEM, "-o", out_path, "--kind", "gremlins")
    assert code == 2 and "invalid choice" in err


def test_damaged_drill_record_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "d.fxplan"
    assert main(["drill", KEY_SYSTEM, "-o", str(out_path), "--seed", "3"]) == 0
    doc = json.loads(out_path.read_text(encoding="utf-8"))
    doc[DRILL_KEY]["faults"][0]["watch"] = "everything"
    out_path.write_text(json.dumps(doc), encoding="utf-8")
    capsys.readouterr()
    code, out, err = run(capsys, "drill", "--check", str(out_path))
    assert code == 2 and out == "" and "fxdesigner_drill.faults[0].watch" in err


def test_commands_run_in_a_real_process_without_qt(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    code = (
        "import sys\n"
        "from fxdesigner.cli import main\n"
        f"rc = main(['lesson', 'grade', '02', {SOLUTION_02!r}])\n"
        f"rc += main(['drill', {KEY_SYSTEM!r}, '-o', {str(tmp_path / 'x.fxplan')!r}, '--seed', '1'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt was imported'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "4 of 4 steps pass" in done.stdout and "1 fault injected" in done.stdout
