"""The goal vocabulary, judged by meaning on small plans built like a learner would."""

from __future__ import annotations

from typing import Any

import pytest

from fxdesigner.lessons.goal_parser import parse_goal
from fxdesigner.lessons.goals import GoalError, PlanFacts, Verdict
from fxdesigner.model.edits import Reconnect, SetDeviceProperty
from fxdesigner.model.plan import Plan, PortRef, Waiver

from .common import cable, place


def office(phone_jack: str = "phone1") -> Plan:
    """Internet, router, a two-port ATA and a corded phone on one of its PHONE jacks."""
    plan = Plan(title="goal probe", region="US")
    place(plan, "internet", "isp")
    place(plan, "router", "rtr")
    place(plan, "cisco-spa112", "ata", label="Office ATA")
    place(plan, "analog-phone", "desk", label="Desk phone")
    cable(plan, "isp:eth", "rtr:wan")
    cable(plan, "rtr:lan1", "ata:wan")
    cable(plan, f"ata:{phone_jack}", "desk:line", "cord")
    return plan


def judge(goal: dict[str, Any], plan: Plan, overrides: dict[str, str] | None = None) -> Verdict:
    return parse_goal(goal, "goal").evaluate(PlanFacts(plan, overrides))


PHONE_ON_FXS = {"fed_by": {"station": {"type": "analog-phone"}, "kind": "fxs", "device_type": "ata"}}


@pytest.mark.parametrize("jack", ["phone1", "phone2"])
def test_goals_do_not_care_which_jack(jack: str) -> None:
    plan = office(jack)
    for goal in (
        PHONE_ON_FXS,
        {"reaches_outside": {"station": {"type": "analog-phone"}}},
        {"no_findings": "FX1"},
    ):
        verdict = judge(goal, plan)
        assert verdict.passed, verdict.message


def test_phone_in_the_wrong_place_fails_with_the_reason() -> None:
    plan = office()
    place(plan, "router", "rtr2")
    Reconnect("cord", PortRef("rtr2", "lan1"), PortRef("desk", "line")).apply(plan)
    verdict = judge(PHONE_ON_FXS, plan)
    assert not verdict.passed and verdict.message.startswith("Desk phone gets no dial tone")
    verdict = judge({"no_findings": ["FX104", "FX105"]}, plan)
    assert not verdict.passed and verdict.message.startswith("FX105: ")
    assert judge({"no_findings": "FX104"}, plan).passed
    street = {"fed_by": {"station": {"type": "analog-phone"}, "kind": "pstn"}}
    place(plan, "pstn-line", "wall")
    Reconnect("cord", PortRef("wall", "jack"), PortRef("desk", "line")).apply(plan)
    assert judge(street, plan).passed
    verdict = judge(PHONE_ON_FXS, plan)
    assert not verdict.passed and "not from an FXS jack on an ATA" in verdict.message


def test_a_selector_that_matches_nothing_never_passes() -> None:
    plan = office()
    verdict = judge({"reaches_outside": {"station": {"type": "fax", "all": True}}}, plan)
    assert not verdict.passed and verdict.message == "There is no fax machine in the plan yet."
    assert not judge({"has_exit": {"device": {"label": "Nobody"}}}, plan).passed


def test_all_needs_every_device_and_one_needs_any() -> None:
    plan = office()
    place(plan, "analog-phone", "spare", label="Spare phone")
    every = judge({"reaches_outside": {"station": {"type": "analog-phone", "all": True}}}, plan)
    assert not every.passed and every.message.startswith("Spare phone cannot call out")
    one = judge({"reaches_outside": {"station": {"type": "analog-phone"}}}, plan)
    assert one.passed and one.message == "A corded phone can call out."
    cable(plan, "ata:phone2", "spare:line")
    assert judge({"reaches_outside": {"station": {"type": "analog-phone", "all": True}}}, plan).passed


def test_labels_match_without_case_and_by_part() -> None:
    plan = office()
    assert judge({"reaches_outside": {"station": {"label": "desk PHONE"}}}, plan).passed
    assert judge({"reaches_outside": {"station": {"label_contains": "desk"}}}, plan).passed
    assert not judge({"reaches_outside": {"station": {"label": "desk"}}}, plan).passed


def test_survives_names_what_went_down() -> None:
    plan = office()
    verdict = judge({"survives": {"station": {"type": "analog-phone"}}}, plan)
    assert not verdict.passed
    assert verdict.message.startswith("Desk phone loses service in a power cut:")
    for device in ("ata", "rtr"):
        SetDeviceProperty(device, "ups", True).apply(plan)
    assert judge({"survives": {"station": {"type": "analog-phone"}}}, plan).passed
    internet = judge({"survives": {"station": {"type": "analog-phone"}, "scenario": "internet"}}, plan)
    assert not internet.passed and "when the internet is down" in internet.message


def test_finding_present_with_a_device_selector() -> None:
    plan = office()
    assert judge({"finding_present": "FX501"}, plan).passed
    assert judge({"finding_present": {"code": "FX501", "device": {"type": "analog-phone"}}}, plan).passed
    verdict = judge({"finding_present": {"code": "FX501", "device": {"type": "fax"}}}, plan)
    assert not verdict.passed and verdict.message == "No FX501 finding about a fax machine yet."
    assert not judge({"finding_present": {"code": "FX202", "scenario": "none"}}, plan).passed
    assert judge({"finding_present": {"code": "FX202", "scenario": "power"}}, plan).passed


def test_severity_filters_and_lesson_overrides() -> None:
    plan = office()  # FX501 is a warning here
    assert not judge({"no_findings": {"min_severity": "warning"}}, plan).passed
    assert judge({"no_findings": {"min_severity": "error"}}, plan).passed
    assert judge({"no_findings": {"min_severity": "warning"}}, plan, {"FX501": "info"}).passed
    assert not judge({"no_findings": {}}, plan, {"FX501": "info"}).passed
    assert judge({"no_findings": {}}, plan, {"FX501": "off"}).passed
    assert not judge({"finding_present": "FX501"}, plan, {"FX501": "off"}).passed


def test_a_waiver_does_not_fix_the_wiring() -> None:
    plan = office()
    plan.add_waiver(Waiver("w1", "FX501", "desk", reason="we accept it"))
    assert not judge({"no_findings": "FX501"}, plan).passed


def test_connected_to_kind_and_has_exit() -> None:
    plan = office()
    place(plan, "grandstream-ht813", "ht813")
    place(plan, "pstn-line", "wall")
    goal = {"connected_to_kind": {"device": {"type": "pstn-line"}, "kind": "fxo", "device_type": "ata"}}
    verdict = judge(goal, plan)
    assert not verdict.passed and verdict.message == "Street line is not connected to an FXO jack on an ATA."
    cable(plan, "wall:jack", "ht813:phone1")
    assert not judge(goal, plan).passed
    assert judge({"connected_to_kind": {"device": {"type": "pstn-line"}, "kind": "fxs"}}, plan).passed
    Reconnect(
        plan.links_at(PortRef("wall", "jack"))[0], PortRef("wall", "jack"), PortRef("ht813", "line1")
    ).apply(plan)
    assert judge(goal, plan).passed
    assert (
        judge({"has_exit": {"device": {"type": "ata", "all": True}, "scenario": "internet"}}, plan).passed
        is False
    )
    blocked = judge({"has_exit": {"device": {"label": "Office ATA"}, "scenario": "internet"}}, plan)
    assert blocked.message.startswith("Office ATA has no way out when the internet is down")
    assert judge({"has_exit": {"device": {"type": "ata"}, "scenario": "internet"}}, plan).passed


def test_device_count_and_properties_with_defaults() -> None:
    plan = office()
    assert judge({"device_count": {"type": "analog-phone", "min": 1, "max": 1}}, plan).passed
    assert not judge({"device_count": {"type": ["analog-phone", "ata"], "max": 1}}, plan).passed
    assert judge({"device_count": {"type": "dsl-filter", "max": 0}}, plan).passed
    assert judge(
        {"device_property": {"device": {"type": "ata"}, "property": "t38", "equals": True}}, plan
    ).passed
    # Defaults are the engine's: an ATA is mains powered and not on a UPS unless it says so.
    assert judge(
        {"device_property": {"device": {"type": "ata"}, "property": "power", "equals": "mains"}}, plan
    ).passed
    assert judge(
        {"device_property": {"device": {"type": "ata"}, "property": "ups", "equals": False}}, plan
    ).passed
    not_set = judge(
        {"device_property": {"device": {"type": "router"}, "property": "direct_911", "equals": True}}, plan
    )
    assert not not_set.passed and "direct 911 not set" in not_set.message
    # JSON true is not the number 1.
    SetDeviceProperty("desk", "ren", 1).apply(plan)
    assert not judge(
        {"device_property": {"device": {"type": "analog-phone"}, "property": "ren", "equals": True}}, plan
    ).passed


def test_combinators() -> None:
    plan = office()
    fax = {"reaches_outside": {"station": {"type": "fax"}}}
    phone = {"reaches_outside": {"station": {"type": "analog-phone"}}}
    assert judge({"any": [fax, phone]}, plan).passed
    failed = judge({"all": [phone, fax]}, plan)
    assert not failed.passed and "fax" in failed.message
    assert judge({"not": fax}, plan).passed
    assert not judge({"not": phone}, plan).passed


@pytest.mark.parametrize(
    "raw",
    [
        [],
        {"all": []},
        {"any": "x"},
        {"no_findings": {"codes": 5}},
        {"no_findings": {"min_severity": "fatal"}},
        {"finding_present": {"code": ["FX101"]}},
        {"fed_by": {"station": {}, "kind": "fxo"}},
        {"fed_by": {"station": {"type": "ip-phone"}, "kind": "fxs"}},
        {"connected_to_kind": {"device": {}, "kind": "ethernet"}},
        {"device_count": {"type": "fax"}},
        {"device_count": {"type": "fax", "min": -1}},
        {"device_count": {"type": "fax", "min": True}},
        {"device_property": {"device": {}, "property": "t38", "equals": [True]}},
        {"reaches_outside": {"station": {"all": "yes"}}},
        {"reaches_outside": {"station": {"label": " "}}},
        {"reaches_outside": {}},
    ],
)
def test_malformed_goals_are_refused_with_a_location(raw: Any) -> None:
    with pytest.raises(GoalError) as caught:
        parse_goal(raw, "steps[0].goal")
    assert str(caught.value).startswith("steps[0].goal")
    assert "\n" not in str(caught.value)


def test_viewing_goal_holds_only_in_a_live_session_showing_that_scenario():
    from fxdesigner.lessons.goal_parser import parse_goal
    from fxdesigner.lessons.goals import GoalError, PlanFacts
    from fxdesigner.model.plan import Plan

    goal = parse_goal({"viewing": "power"}, "test")
    plan = Plan()
    assert not goal.evaluate(PlanFacts(plan)).passed
    assert not goal.evaluate(PlanFacts(plan, view="internet")).passed
    assert goal.evaluate(PlanFacts(plan, view="power")).passed
    for bad in ("none", "storm", 3):
        try:
            parse_goal({"viewing": bad}, "test")
        except GoalError as exc:
            assert "test.viewing" in str(exc)
        else:
            raise AssertionError(f"{bad!r} accepted")
