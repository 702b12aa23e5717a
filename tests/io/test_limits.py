"""The designer's size limits, without a window: one-line reasons before and after parsing."""

from __future__ import annotations

import pytest
from helpers import fresh_example

from fxdesigner.io import limits
from fxdesigner.io.plan_json import PlanLoadError, dumps_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Note


def test_a_small_plan_passes_every_limit() -> None:
    plan = fresh_example("miswired-office.fxplan")
    data = dumps_plan(plan).encode()
    assert limits.designer_size_problem(data) is None
    assert limits.designer_plan_problem(plan) is None
    assert limits.load_for_designer(data, "office.fxplan") == plan


def test_too_many_bytes_is_refused_before_parsing() -> None:
    problem = limits.designer_size_problem(b" " * (limits.MAX_DESIGNER_BYTES + 1))
    assert problem is not None and problem.endswith(limits.CLI_HINT)
    with pytest.raises(PlanLoadError):
        limits.load_for_designer(b" " * (limits.MAX_DESIGNER_BYTES + 1), "big.fxplan")


def test_a_long_text_is_refused_where_it_is() -> None:
    plan = fresh_example("miswired-office.fxplan")
    plan.title = "x" * (limits.MAX_DESIGNER_TEXT + 1)
    where, message = limits.designer_plan_problem(plan) or ("", "")
    assert where == "title" and message.endswith(limits.CLI_HINT)


def test_a_paste_over_the_limits_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = fresh_example("miswired-office.fxplan")
    paste = e.CompoundEdit("Paste", [e.AddNote(Note("n9", "x" * (limits.MAX_DESIGNER_TEXT + 1), 0, 0))])
    assert limits.designer_paste_problem(plan, paste) == (
        f"a text is over the designer's limit of {limits.MAX_DESIGNER_TEXT:,} characters"
    )
    monkeypatch.setattr(limits, "MAX_DESIGNER_DEVICES", plan.device_count())
    device = plan.device("rec")
    assert "over the designer's limit" in (limits.designer_paste_problem(plan, e.AddDevice(device)) or "")
