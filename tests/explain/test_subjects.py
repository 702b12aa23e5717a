"""The Markdown built for each subject joins the page with the plan's live state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fxdesigner.explain.explainer import explain, still_there
from fxdesigner.explain.pages import device_page, port_page, rule_page
from fxdesigner.explain.subject import (
    PLAN,
    CableSubject,
    DeviceSubject,
    FindingSubject,
    JackSubject,
    ManySubject,
    NoteSubject,
)
from fxdesigner.explain.subjects import Situation
from fxdesigner.explain.summary import ReachCache
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Device, Link, Note, Plan, Port, PortRef, Waiver
from fxdesigner.rules.engine import check

ROOT = Path(__file__).resolve().parents[2]
MISWIRED = ROOT / "resources" / "examples" / "miswired-office.fxplan"
HOME = ROOT / "resources" / "examples" / "home-office.fxplan"


def situation(plan: Plan) -> Situation:
    cache = ReachCache()
    return Situation(plan, check(plan).findings, lambda: cache.reach(plan))


@pytest.fixture
def office() -> Plan:
    return load_plan(MISWIRED)


def test_an_fxs_jack_shows_its_page_what_is_plugged_in_and_its_findings(office: Plan) -> None:
    text = explain(JackSubject(PortRef("ata", "phone1")), situation(office))
    page = port_page("fxs")
    assert text.startswith("# PHONE 1\n")
    assert "FXS — Foreign eXchange Subscriber" in text
    assert "S = Station" in text
    for heading in (
        "What it is",
        "What it supplies or expects",
        "What may be plugged in",
        "Plugged in now",
        "Findings here",
        "More detail",
    ):
        assert f"## {heading}\n" in text
    assert page.section("What may be plugged in") in text
    assert "[LINE on Fax machine](fx:jack/fax:line)" in text
    assert "FX401" in text and "FX102" not in text
    assert "In the USA" in text and "about 90 V AC at 20 Hz" in text


def test_an_fxo_jack_shows_office_and_the_dead_pair(office: Plan) -> None:
    text = explain(JackSubject(PortRef("ks", "co2")), situation(office))
    assert "FXO — Foreign eXchange Office" in text and "O = Office" in text
    assert "CO‑line (trunk) jack" in text
    assert "[LINE on Back office](fx:jack/back:line)" in text
    assert "FX104" in text


def test_a_street_line_jack_quotes_the_regions_line_limit(office: Plan) -> None:
    text = explain(JackSubject(PortRef("line1", "jack")), situation(office))
    assert "Street line jack" in text
    assert "5 REN" in text
    office.region = "DE"
    text = explain(JackSubject(PortRef("line1", "jack")), situation(office))
    assert "In Germany" in text and "60 V AC at 25 Hz [S14]" in text
    office.region = "FR"
    text = explain(JackSubject(PortRef("line1", "jack")), situation(office))
    assert "60–105 V RMS at 15–25 Hz depending on the country" in text


def test_an_unplugged_jack_says_so(office: Plan) -> None:
    text = explain(JackSubject(PortRef("ks", "ext3")), situation(office))
    assert "Nothing: no cable is plugged into this jack." in text
    assert "None: no finding touches this jack." in text


def test_jack_details_ren_loop_relay_and_dahdi() -> None:
    plan = Plan(title="t", region="US")
    plan.add_device(
        Device(
            "pbx",
            "ip-pbx",
            0,
            0,
            label="Asterisk",
            ports=[
                Port("g1", "fxs", "PORT 1", {"ren_budget": 3, "max_loop_m": 457, "power_fail_to": "r1"}),
                Port("r1", "fxo", "PORT 2"),
            ],
        )
    )
    s = situation(plan)
    green = explain(JackSubject(PortRef("pbx", "g1")), s)
    assert "3 REN" in green and "457 m" in green
    assert "`fxoks`" in green and "`signalling=fxo_ks`" in green
    assert "[PORT 2 on Asterisk](fx:jack/pbx:r1)" in green
    red = explain(JackSubject(PortRef("pbx", "r1")), s)
    assert "`fxsks`" in red and "`signalling=fxs_ks`" in red


def test_a_device_lists_its_jacks_power_and_findings(office: Plan) -> None:
    text = explain(DeviceSubject("ks"), situation(office))
    assert text.startswith("# Key system\n")
    for heading in ("What it is for", "Its jacks", "Power and power cuts", "Findings"):
        assert f"## {heading}\n" in text
    for port in ("co1", "co2", "ext1", "ext2", "ext3"):
        assert f"(fx:jack/ks:{port})" in text
    assert "It runs on mains power with no UPS: it stops in a power cut." in text
    assert device_page("analog-pbx").section("Power and power cuts") in text
    assert "FX102" in text and "FX104" in text and "FX401" not in text


def test_a_station_says_whether_it_calls_out_in_each_scenario(office: Plan) -> None:
    text = explain(DeviceSubject("fax"), situation(office))
    assert "**Can it call out?** Now: yes. In a power cut: **no**. When the internet is down: **no**." in text
    text = explain(DeviceSubject("rec"), situation(office))
    assert "Now: yes. In a power cut: yes." in text


def test_a_device_of_unknown_type_gets_the_generic_page() -> None:
    plan = Plan(region="US")
    plan.add_device(Device("x", "toaster", 0, 0, ports=[Port("p", "passive")]))
    text = explain(DeviceSubject("x"), situation(plan))
    assert "unknown type toaster" in text
    assert device_page("generic").section("What it is for") in text


@pytest.mark.parametrize(
    ("link_id", "expected"),
    [
        ("c1", "Yes: the street line feeds an FXO."),
        ("c2", "No, and dangerous"),
        ("c3", "Yes: one FXS faces one FXO."),
        ("c4", "No: FXO to FXO"),
        ("c5", "Yes: Ethernet to Ethernet."),
    ],
)
def test_a_cable_shows_both_ends_and_whether_the_pairing_works(
    office: Plan, link_id: str, expected: str
) -> None:
    text = explain(CableSubject(link_id), situation(office))
    link = office.link(link_id)
    for end in link.ends():
        assert f"(fx:jack/{end})" in text
    assert "## Does this pairing work?" in text
    assert expected in text


def test_a_right_pairing_on_a_wrong_pair_says_so(office: Plan) -> None:
    # c6: FXS to FXO is right, but the fax on it has FX401 (no T.38).
    text = explain(CableSubject("c6"), situation(office))
    assert "Yes: one FXS faces one FXO." in text
    assert "the pair it is on has problems" in text


def test_a_finding_shows_the_rule_with_the_plans_own_names(office: Plan) -> None:
    s = situation(office)
    finding = next(f for f in s.findings if f.code == "FX102")
    text = explain(FindingSubject(finding), s)
    assert text.startswith("# FX102 · Street line into an FXS jack")
    assert "## In this plan" in text
    assert "Line 2" in text and "Key system" in text and "EXT 2" in text
    page = rule_page("FX102")
    for heading in ("What it means", "Why it matters on a real line", "How to fix"):
        assert page.section(heading) in text
    assert "(fx:port/pstn)" in text and "(fx:port/fxs)" in text
    assert "(fx:select/link/c2)" in text


def test_a_waived_finding_shows_its_reason(office: Plan) -> None:
    office.add_waiver(Waiver("w1", "FX203", "line2", "ordered, **not** live", "J. Ortiz", "2026-11-20"))
    s = situation(office)
    finding = next(f for f in s.findings if f.code == "FX203")
    assert finding.waived
    text = explain(FindingSubject(finding), s)
    assert "**Waived warning**" in text
    assert "ordered\\, \\*\\*not\\*\\* live" in text and "J\\. Ortiz" in text


def test_the_plan_summary_counts_stations_and_who_can_call_out(office: Plan) -> None:
    text = explain(PLAN, situation(office))
    assert text.startswith("# Small office\\, three mistakes")
    assert "**2 phones** (2 corded)" in text
    assert "**1 fax**" in text
    assert "**2 street lines**" in text
    assert "**2 of 3 stations** can call out now" in text
    assert "**1 of 3** in a power cut" in text
    assert "**1 of 3** when the internet is down" in text
    assert "**2 errors, 2 warnings, 0 info**" in text


def test_summary_counts_agree_with_the_engine() -> None:
    from fxdesigner.model.kinds import STATION_TYPES
    from fxdesigner.rules.analysis import Analysis
    from fxdesigner.rules.topology import Context

    plan = load_plan(HOME)
    analysis = Analysis(Context.whole(plan))
    stations = [d for d in plan.devices if d.type in STATION_TYPES]
    counts = {
        s: sum(analysis.state(s).reaches_outside(d) for d in stations) for s in ("none", "power", "internet")
    }
    text = explain(PLAN, situation(plan))
    assert f"**{counts['none']} of {len(stations)} station" in text
    assert f"**{counts['power']} of {len(stations)}** in a power cut" in text
    assert f"**{counts['internet']} of {len(stations)}** when the internet is down" in text


def test_notes_and_several_items() -> None:
    plan = Plan()
    plan.add_note(Note("n1", "Line 2 arrives in March\n[click](http://evil)", 0, 0))
    s = situation(plan)
    text = explain(NoteSubject("n1"), s)
    assert "Line 2 arrives in March" in text and "\\[click\\]\\(http\\:\\/\\/evil\\)" in text
    assert "# 3 items selected" in explain(ManySubject(3), s)


def test_a_subject_the_plan_lost_falls_back_to_the_summary(office: Plan) -> None:
    s = situation(office)
    e.delete_selection(office, ["fax"]).apply(office)
    assert not still_there(DeviceSubject("fax"), s)
    assert explain(DeviceSubject("fax"), s).startswith("# Small office")
    assert explain(JackSubject(PortRef("fax", "line")), s).startswith("# Small office")


def test_labels_are_escaped_everywhere() -> None:
    evil = "<img src=file:///etc/passwd> <b>Boss</b> **x** [x](http://evil)"
    plan = Plan(title=evil, region="US")
    plan.add_device(
        Device("p", "analog-phone", 0, 0, label=evil, model=evil, ports=[Port("line", "fxo", evil)])
    )
    plan.add_device(Device("a", "ata", 0, 0, label=evil, model=evil, ports=[Port("ph", "fxs", evil)]))
    plan.add_link(Link("c1", PortRef("p", "line"), PortRef("a", "ph"), {"label": evil}))
    s = situation(plan)
    subjects = [
        PLAN,
        DeviceSubject("p"),
        DeviceSubject("a"),
        JackSubject(PortRef("p", "line")),
        JackSubject(PortRef("a", "ph")),
        CableSubject("c1"),
    ] + [FindingSubject(f) for f in s.findings]
    for subject in subjects:
        text = explain(subject, s)
        assert not re.search(r"(?<!\\)<", text), subject
        assert not re.search(r"(?<!\\)\]\(http", text) and "**x**" not in text, subject
        assert "\\<img src\\=file\\:\\/\\/\\/etc\\/passwd\\>" in text, subject
