"""Each check emits only its own rule's code, on every plan the program ships.

A check writes what it found; the registry stamps the rule's code, name and
severity onto each draft (Rule.run). Here every check runs on every shipped
plan (templates, examples, lesson plans and the rules' own good and bad
examples) in every scenario: raw drafts carry no code, stamped ones carry their
rule's, and a full check reports exactly the codes the rules produced one by one.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import RESOURCES, SHIPPED_PLANS, shipped_plan_ids

from fxdesigner.io.plan_json import load_plan
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import SCENARIOS
from fxdesigner.rules.registry import RULES, example_path
from fxdesigner.rules.topology import Context


def test_the_shipped_plans_include_every_kind() -> None:
    folders = {p.relative_to(RESOURCES).parts[0] for p in SHIPPED_PLANS}
    assert {"templates", "examples", "lessons", "rules"} <= folders
    for rule in RULES:
        assert {example_path(rule.code, "good"), example_path(rule.code, "bad")} <= set(SHIPPED_PLANS)


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=shipped_plan_ids(SHIPPED_PLANS))
def test_each_check_emits_only_its_own_code(path: Path) -> None:
    plan = load_plan(path)
    for scenario in SCENARIOS:
        produced: Counter[str] = Counter()
        for rule in RULES:
            raw = list(rule.check(Analysis(Context.whole(plan), scenario)))
            assert all(draft.code == "" for draft in raw), f"{rule.code}'s check writes a code itself"
            stamped = list(rule.run(Analysis(Context.whole(plan), scenario)))
            assert len(stamped) == len(raw)
            for draft in stamped:
                assert (draft.code, draft.name, draft.severity) == (rule.code, rule.name, rule.severity)
            produced[rule.code] += len(stamped)
        reported = Counter(f.code for f in check(plan, scenario).findings)
        assert reported == +produced
