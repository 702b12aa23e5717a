"""A restless user in the suite: fixed seeds of tools/monkey.py, each in a child process.

Each seed is hundreds of real mouse and key actions on the main window (drops,
drags, keys in the middle of drags, typing into the Properties dock, waivers,
scenarios, traces, new plans, templates, save and reopen), checked after every
action (no exception, the scene mirrors the plan, the findings shown equal a
fresh check) and at the end (undo everything, redo everything). A crash in the
child is named (SIGSEGV), and a failure is shrunk to a short list of actions,
printed here and replayable with `tools/monkey.py --replay FILE`.

Longer hunts: `.venv/bin/python tools/monkey.py --seeds 100 --actions 400`.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

ROOT = Path(__file__).resolve().parents[2]
ACTIONS = 250


def _load_monkey():
    spec = importlib.util.spec_from_file_location("fxdesigner_monkey_tool", ROOT / "tools" / "monkey.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


monkey = _load_monkey()
STARTS = monkey.starts()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(20261203, 20261203 + 2 * len(STARTS)))
def test_a_seeded_run_of_real_input_breaks_nothing(seed, tmp_path):
    start = STARTS[seed % len(STARTS)]
    actions = monkey.make_actions(seed, ACTIONS)
    stats: dict[str, int] = {}
    result = monkey.run_child(actions, start, stats=stats)
    if result is not None:
        upto = actions[: max(result["at"], 0) + 1]
        small = monkey.shrink(upto, monkey.fails_the_same(start, result["kind"]), budget_s=120)
        saved = tmp_path / f"seed-{seed}.json"
        saved.write_text(json.dumps({"start": start, "kind": result["kind"], "actions": small}))
        steps = "\n".join(f"  {action}" for action in small)
        pytest.fail(f"seed {seed} on {start}: {result['kind']} at action {result['at']}\n{result['detail']}\n"
                    f"shrunk to {len(small)} actions (replay: tools/monkey.py --replay {saved}):\n{steps}")
    # The run did something: edits reached the plan and the undo stack.
    assert stats["steps"] > 10


# --- the harness itself can fail for the right reasons ---


def test_actions_are_data_made_from_the_seed_alone():
    first = monkey.make_actions(7, 120)
    assert first == monkey.make_actions(7, 120)
    assert first != monkey.make_actions(8, 120)
    assert json.loads(json.dumps(first)) == first
    kinds = {action[0] for action in monkey.make_actions(1, 2000)}
    assert {"drop", "drag", "press", "move", "release", "key", "field", "rename", "finding", "file"} <= kinds


def test_a_crash_is_named_and_placed_after_the_last_good_action():
    result = monkey.outcome(-signal.SIGSEGV, ["ok 0", "ok 1", "ok 2"], "Fatal Python error")
    assert result["kind"] == "crash SIGSEGV"
    assert result["at"] == 3
    assert monkey.outcome(0, ["ok 0", "stats {}", "done"], "") is None
    reported = monkey.outcome(1, ["ok 0", json.dumps({"at": 1, "kind": "findings", "detail": "x"})], "")
    assert reported == {"at": 1, "kind": "findings", "detail": "x"}
    assert monkey.outcome(0, ["ok 0"], "")["kind"] == "exit 0"  # stopped without saying done


def test_shrinking_finds_the_two_actions_that_matter():
    actions = [["key", str(i)] for i in range(60)]

    def fails(candidate):
        return ["key", "13"] in candidate and ["key", "47"] in candidate

    assert monkey.shrink(actions, fails, budget_s=30) == [["key", "13"], ["key", "47"]]


def test_a_bad_step_in_the_child_is_reported_not_lost():
    result = monkey.run_child([["key", "F8"], ["no_such_action"]], "empty", timeout=120)
    assert result is not None
    assert result["at"] == 1
    assert result["kind"] == "exception AttributeError"


def test_the_mirror_check_sees_an_item_the_plan_does_not_explain(make_window, examples_dir):
    window = make_window(examples_dir / "home-office.fxplan")
    monkey.check_mirror(window, held=False)
    item = window.plan_scene.devices["desk"]
    item.setPos(item.pos() + QPointF(40, 0))
    with pytest.raises(monkey.Failure, match="plan says"):
        monkey.check_mirror(window, held=False)
    monkey.check_mirror(window, held=True)  # mid-drag, items may be off the plan's positions
    item.setPos(item.pos() - QPointF(40, 0))
    from PySide6.QtWidgets import QGraphicsRectItem

    stray = QGraphicsRectItem(0, 0, 10, 10)
    window.plan_scene.addItem(stray)
    with pytest.raises(monkey.Failure, match="left in the scene"):
        monkey.check_mirror(window, held=False)


def test_the_findings_check_sees_a_stale_badge(make_window, examples_dir):
    window = make_window(examples_dir / "miswired-office.fxplan")
    monkey.check_findings(window)
    item = next(i for i in window.plan_scene.devices.values() if i.severity is not None)
    item.severity, item.finding_count = None, 0
    with pytest.raises(monkey.Failure) as caught:
        monkey.check_findings(window)
    assert caught.value.kind == "findings-badge"


# Failures the long hunts found, shrunk and kept: each must now run clean, in a child process.
# seed-5033: a double click Qt took as a press left a device grabbed and dragged off the plan;
# seed-5035: a dragged item stayed at 640.0000000000001 (Qt's fuzzy setPos); seed-7021: F8 with
# typed text in the Properties dock committed it mid-way through the findings list's move (SIGSEGV).
FOUND = sorted((ROOT / "tests" / "data" / "monkey").glob("seed-*.json"))


@pytest.mark.parametrize("saved", FOUND, ids=[p.stem for p in FOUND])
def test_shrunk_failures_stay_fixed(saved):
    found = json.loads(saved.read_text())
    assert monkey.run_child(found["actions"], found["start"], timeout=300) is None
