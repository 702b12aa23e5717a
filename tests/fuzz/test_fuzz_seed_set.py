"""A fixed seed set of tools/fuzz.py on every push: ~2,000 hostile inputs, only one-line load errors.

The full campaign (100,000 cases, about 10 minutes) is `.venv/bin/python tools/fuzz.py`.
A failing case here is reproduced with `tools/fuzz.py --seed 20261126 --case N`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

# About ten seconds of hostile inputs: the quick loop (-m 'not slow') leaves them out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261126
CASES_PER_TARGET = 340


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("fxdesigner_fuzz_tool", ROOT / "tools" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()


@pytest.mark.parametrize(
    "target",
    [
        "plan",
        "png",
        "svg",
        "paste",
        "drill",
        "lesson",
    ],
)
def test_hostile_inputs_give_only_one_line_errors(target, tmp_path):
    # Cases are dealt to targets in turn, so a one-target run takes every case index.
    report = fuzz.campaign(CASES_PER_TARGET, SEED, tmp_path / "failures", (target,))
    assert report.failures == [], "\n".join(report.failures[:10])
    # The fuzzer must reach both sides: plans that load (and then meet the rules
    # engine and a save/reload) and plans that are refused.
    assert report.counts[(target, "loaded")] > 0
    assert report.counts[(target, "refused")] > 0


def test_a_failing_case_is_kept_with_its_traceback(tmp_path, monkeypatch):
    def broken(data, source="fuzz.fxplan"):
        raise KeyError("nodes")

    monkeypatch.setattr(fuzz, "run_plan", broken)
    report = fuzz.campaign(3, SEED, tmp_path, ("plan",))
    assert len(report.failures) == 3
    assert not report.ok
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept[:2] == [f"seed{SEED}-case0-plan.bin", f"seed{SEED}-case0-plan.txt"]
    assert "KeyError: 'nodes'" in (tmp_path / f"seed{SEED}-case0-plan.txt").read_text()
    assert fuzz.main(["--cases", "2", "--targets", "plan", "--out", str(tmp_path / "cli")]) == 1


def test_the_command_line_replays_one_case(capsys):
    assert fuzz.main(["--case", "5", "--seed", str(SEED), "--targets", "plan"]) == 0
    assert capsys.readouterr().out.startswith("case 5 (plan, ")
