"""One waiver test for the engine and the designer: waivers_of agrees with the findings' waived flag."""

from __future__ import annotations

import datetime

from helpers import fresh_example

from fxdesigner.model.plan import Waiver
from fxdesigner.rules.engine import check
from fxdesigner.rules.waivers import WaiverIndex, waive_finding, waiver_subject, waivers_of


def test_waivers_of_agrees_with_the_engine_on_every_finding() -> None:
    plan = fresh_example("miswired-office.fxplan")
    findings = check(plan).findings
    for i, finding in enumerate(findings[::2]):
        plan.add_waiver(Waiver(f"w{i}", finding.code, finding.subjects[-1], reason="accepted"))
    plan.add_waiver(Waiver("other", "FX999", findings[0].subjects[0]))
    for finding in check(plan).findings:
        assert finding.waived == bool(waivers_of(plan, finding))


def test_covering_waivers_come_in_plan_order_once_each() -> None:
    second = Waiver("b", "FX101", "ks")
    first = Waiver("a", "FX101", "ata")
    index = WaiverIndex([first, Waiver("c", "FX102", "ks"), second])
    assert index.covering("FX101", ("ks", "ata", "ks")) == [first, second]
    assert index.covers("FX101", ("ata",)) and not index.covers("FX102", ("ata",))
    assert not WaiverIndex([]).covers("FX101", ("ata",))


def test_waive_finding_builds_a_dated_waiver_with_a_fresh_id() -> None:
    plan = fresh_example("miswired-office.fxplan")
    finding = check(plan).findings[0]
    edit = waive_finding(plan, finding, "ordered, not yet live", datetime.date(2026, 11, 20))
    edit.apply(plan)
    (waiver,) = plan.waivers
    assert (waiver.code, waiver.subject, waiver.reason, waiver.date) == (
        finding.code, waiver_subject(finding), "ordered, not yet live", "2026-11-20")
    assert waiver.by is None
    assert check(plan).findings[0].waived
