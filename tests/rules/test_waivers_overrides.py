"""Waivers (plan-format.md, rules.md) and severity overrides by code."""

from __future__ import annotations

import json

import pytest

from fxdesigner.io.plan_json import load_plan_bytes, plan_to_document
from fxdesigner.model.edits import AddWaiver, RemoveWaiver
from fxdesigner.model.plan import Plan, Waiver
from fxdesigner.rules.engine import Checker, check
from fxdesigner.rules.report import FileReport, exit_status, to_text

from .builders import PlanBuilder
from .common import load_example


def _office() -> Plan:
    """Phone into an ATA's LINE jack (FX104 error) and an unplugged fax (FX201 warning)."""
    b = PlanBuilder()
    phone, ata = b.phone(), b.ata(line=True)
    b.link(phone, "line", ata, "line1")
    b.fax()
    b.fax()
    return b.plan


def _codes(plan: Plan, **kwargs: object) -> list[tuple[str, str, tuple[str, ...], bool]]:
    return [(f.code, f.severity, f.devices, f.waived) for f in check(plan, **kwargs).findings]  # type: ignore[arg-type]


def test_baseline() -> None:
    assert _codes(_office()) == [
        ("FX104", "error", ("phone1", "ata1"), False),
        ("FX201", "warning", ("fax1",), False),
        ("FX201", "warning", ("fax2",), False),
    ]
    assert check(_office()).summary == {"error": 1, "warning": 2, "info": 0, "waived": 0}


@pytest.mark.parametrize("subject", ["phone1", "ata1", "l1", "phone1:line", "ata1:line1"])
def test_waiver_by_device_link_or_port(subject: str) -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", "FX104", subject, reason="bench test"))
    result = check(plan)
    assert [(f.code, f.waived) for f in result.findings] == [
        ("FX104", True),
        ("FX201", False),
        ("FX201", False),
    ]
    assert result.summary == {"error": 0, "warning": 2, "info": 0, "waived": 1}
    assert result.findings[0].to_json()["waived"] is True
    assert [f.code for f in result.active()] == ["FX201", "FX201"]


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("FX201", "phone1"),  # other code
        ("FX104", "fax1"),  # other subject
        ("FX104", "l2"),  # no such link
        ("FX104", "phone1:jack"),  # no such port
        ("FX104", "phone"),  # a prefix of an id is not the id
        ("fx104", "phone1"),  # codes are exact
    ],
)
def test_waiver_that_does_not_match_does_nothing(code: str, subject: str) -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", code, subject))
    assert check(plan).findings == check(_office()).findings


def test_waiver_hides_only_the_findings_naming_its_subject() -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", "FX201", "fax2"))
    assert [(f.devices, f.waived) for f in check(plan).findings if f.code == "FX201"] == [
        (("fax1",), False),
        (("fax2",), True),
    ]
    assert check(plan).summary == {"error": 1, "warning": 1, "info": 0, "waived": 1}


def test_waived_findings_keep_their_place_in_the_sort_order() -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", "FX201", "fax1"))
    plan.add_waiver(Waiver("w2", "FX104", "l1"))
    assert [f.key for f in check(plan).findings] == [f.key for f in check(_office()).findings]


def test_waiver_from_a_plan_file() -> None:
    document = plan_to_document(load_example("miswired-office.fxplan"))
    document["waivers"] = [
        {"id": "w1", "code": "FX401", "subject": "fax", "reason": "fax line moves to copper next month"},
        {"id": "w2", "code": "FX203", "subject": "line2:jack"},
    ]
    plan = load_plan_bytes(json.dumps(document).encode(), "office.fxplan")
    result = check(plan)
    assert [(f.code, f.waived) for f in result.findings] == [
        ("FX102", False),
        ("FX104", False),
        ("FX203", True),
        ("FX401", True),
    ]
    assert result.summary == {"error": 2, "warning": 0, "info": 0, "waived": 2}


def test_waived_findings_do_not_fail_the_report_but_are_listed() -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", "FX104", "phone1"))
    report = FileReport("office.fxplan", check(plan))
    assert exit_status([report]) == 0
    assert exit_status([report], "warning") == 1
    text = to_text([report], "none")
    assert "waived error FX104" in text
    assert "office.fxplan: 0 errors, 2 warnings, 0 info, 1 waived" in text


def test_waiver_on_a_scenario_finding() -> None:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")
    b.waive("FX202", "phone1")
    result = check(b.plan, "power")
    assert [(f.code, f.waived) for f in result.findings] == [("FX202", True), ("FX501", False)]
    assert result.summary == {"error": 0, "warning": 1, "info": 0, "waived": 1}


def test_waiver_on_the_plan_wide_rule() -> None:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")
    b.waive("FX501", "phone1")
    assert [(f.code, f.waived) for f in check(b.plan).findings] == [("FX501", True)]
    checker = Checker(b.plan)
    assert [f.to_json() for f in checker.findings()] == [f.to_json() for f in check(b.plan).findings]


def test_checker_follows_waiver_edits() -> None:
    plan = _office()
    checker = Checker(plan)
    add = AddWaiver(Waiver("w1", "FX104", "ata1:line1"))
    add.apply(plan)
    checker.update(add.effect())
    assert [f.waived for f in checker.findings()] == [True, False, False]
    assert checker.findings() == check(plan).findings
    remove = RemoveWaiver("w1")
    remove.apply(plan)
    checker.update(remove.effect())
    assert [f.waived for f in checker.findings()] == [False, False, False]
    remove.revert(plan)
    checker.update(remove.effect())
    assert checker.findings() == check(plan).findings
    assert checker.result().summary["waived"] == 1


# --- severity overrides -------------------------------------------------------------------


def test_override_raises_a_warning_to_an_error_and_resorts() -> None:
    plan = load_example("miswired-office.fxplan")
    result = check(plan, overrides={"FX401": "error"})
    assert [(f.code, f.severity) for f in result.findings] == [
        ("FX102", "error"),
        ("FX104", "error"),
        ("FX401", "error"),
        ("FX203", "warning"),
    ]
    assert result.summary == {"error": 3, "warning": 1, "info": 0, "waived": 0}
    fx401 = next(f for f in result.findings if f.code == "FX401")
    assert fx401.name == "fax-without-t38"


def test_override_lowers_an_error() -> None:
    plan = load_example("miswired-office.fxplan")
    result = check(plan, overrides={"FX102": "info", "FX104": "warning"})
    assert [(f.code, f.severity) for f in result.findings] == [
        ("FX104", "warning"),
        ("FX203", "warning"),
        ("FX401", "warning"),
        ("FX102", "info"),
    ]


def test_override_off_removes_the_rule() -> None:
    plan = load_example("miswired-office.fxplan")
    result = check(plan, overrides={"FX401": "off", "FX203": "off"})
    assert [f.code for f in result.findings] == ["FX102", "FX104"]
    assert result.summary == {"error": 2, "warning": 0, "info": 0, "waived": 0}


def test_override_and_waiver_together() -> None:
    plan = _office()
    plan.add_waiver(Waiver("w1", "FX201", "fax1"))
    result = check(plan, overrides={"FX201": "error"})
    assert [(f.code, f.severity, f.waived) for f in result.findings] == [
        ("FX104", "error", False),
        ("FX201", "error", True),
        ("FX201", "error", False),
    ]
    assert [f.devices for f in result.findings][1:] == [("fax1",), ("fax2",)]
    assert result.summary == {"error": 2, "warning": 0, "info": 0, "waived": 1}


@pytest.mark.parametrize(
    "overrides",
    [{"FX999": "error"}, {"FX10": "warning"}, {"no-lifeline": "error"}, {"FX401": "fatal"},
     {"FX401": "Error"}, {"FX401": ""}],
)
def test_bad_overrides_raise_value_error(overrides: dict[str, str]) -> None:
    plan = _office()
    with pytest.raises(ValueError):
        check(plan, overrides=overrides)
    with pytest.raises(ValueError):
        Checker(plan, overrides=overrides)
    checker = Checker(plan)
    with pytest.raises(ValueError):
        checker.set_overrides(overrides)


@pytest.mark.parametrize("scenario", ["none", "power", "internet"])
def test_checker_with_overrides_matches_check(scenario: str) -> None:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")
    b.link(b.fax(), "line", ata, "phone1")
    overrides = {"FX501": "error", "FX107": "off", "FX202": "info"}
    checker = Checker(b.plan, scenario, overrides)
    assert [f.to_json() for f in checker.findings()] == [
        f.to_json() for f in check(b.plan, scenario, overrides).findings
    ]
    assert all(f.code != "FX107" for f in checker.findings())
    checker.set_overrides(None)
    expected = check(b.plan, scenario).findings
    assert [f.to_json() for f in checker.findings()] == [f.to_json() for f in expected]
