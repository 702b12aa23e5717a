"""The incremental Checker always agrees with a full check, edit after edit.

A hypothesis state machine starts from a generated multi-site plan (sites
sharing internet devices, as benchmarks/plans.py builds them), a hand-built
plan of sites around one internet device, or a spec example. It then applies
random edits, right and wrong (cables into jacks that already have one, both
ends on one internet device, internet devices made PoE-powered, relabelled or
removed...), undoes and redoes them, and after every step compares
Checker.findings() with check(plan, scenario). It also asks Checker.verdict()
about random cables and compares the answer with two full checks.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.edits import (
    DELETE,
    AddDevice,
    AddWaiver,
    Connect,
    Disconnect,
    Edit,
    MoveItems,
    Reconnect,
    RemoveDevice,
    RemoveWaiver,
    SetDeviceField,
    SetDeviceProperty,
    SetLinkProperty,
    SetPlanField,
    SetPortLabel,
    SetPortProperty,
    delete_selection,
)
from fxdesigner.model.errors import PlanInvariantError
from fxdesigner.model.plan import Link, Plan, PortRef, Waiver
from fxdesigner.rules.engine import Checker, VerdictItem, check, is_boundary
from fxdesigner.rules.registry import BY_CODE, RULES

from .builders import PlanBuilder
from .common import SCENARIOS, load_example
from .sample_plans import generate, shared_internet_plan


def start_plan(source: str) -> Plan:
    if source.startswith("generated-"):
        return generate(60, int(source.split("-")[1]))
    if source == "shared-internet":
        return shared_internet_plan()
    return load_example(source)


SOURCES = ["generated-1", "generated-2", "generated-3", "generated-7", "shared-internet",
           "home-office.fxplan", "miswired-office.fxplan"]

LABELS = ["Reception", "Internet", "ISP ☎", "two\nlines", "", "A" * 200, DELETE]
DEVICE_VALUES: dict[str, list[Any]] = {
    "power": ["line", "mains", "poe", DELETE],
    "ups": [True, False, DELETE],
    "t38": [True, False, None, DELETE],
    "ren": [0, 0.5, 1, 2.5, 6, None, DELETE],
    "copper": [True, False, DELETE],
    "direct_911": [True, False, None, DELETE],
}
PORT_VALUES: dict[str, dict[str, list[Any]]] = {
    "fxs": {"ren_budget": [0, 1, 3, 5.5, None, DELETE], "max_loop_m": [0, 10, 100, None, DELETE]},
    "pstn": {"ren_budget": [0, 1, 2, None, DELETE]},
    "ethernet": {"poe": [True, False, DELETE], "role": ["wan", "lan", DELETE]},
    "passive": {"filtered": [True, False, DELETE]},
    "fxo": {"poe": [True]},  # not a property of fxo jacks: kept, never judged
    "digital": {"filtered": [True]},
}
CATALOGUE = sorted(default_catalogue(), key=lambda e: e.id)


def _json(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.to_json() for f in findings]


class IncrementalChecking(RuleBasedStateMachine):
    plan: Plan
    checker: Checker
    scenario: str

    @initialize(source=st.sampled_from(SOURCES), scenario=st.sampled_from(SCENARIOS))
    def start(self, source: str, scenario: str) -> None:
        self.plan = start_plan(source)
        self.scenario = scenario
        self.checker = Checker(self.plan, scenario)
        self.done: list[Edit] = []
        self.undone: list[Edit] = []
        self.serial = 0

    # --- helpers ---------------------------------------------------------------------

    def _fresh(self, kind: str, stem: str) -> str:
        self.serial += 1
        return self.plan.fresh_id(kind, f"{stem}{self.serial}x")

    def _apply(self, edit: Edit) -> None:
        try:
            edit.apply(self.plan)
        except PlanInvariantError:
            return  # refused (a power_fail_to naming a non-FXO jack...): nothing changed, nothing to update
        self.checker.update(edit.effect())
        self.done.append(edit)
        self.undone.clear()

    def _internet_ids(self) -> list[str]:
        return [d.id for d in self.plan.iter_devices() if d.type == "internet"]

    def _device(self, data: st.DataObject, internet_bias: bool = True) -> str | None:
        ids = [d.id for d in self.plan.iter_devices()]
        if not ids:
            return None
        internet = self._internet_ids()
        if internet_bias and internet and data.draw(st.booleans(), label="internet device?"):
            return data.draw(st.sampled_from(internet))
        return data.draw(st.sampled_from(ids))

    def _port(self, data: st.DataObject) -> PortRef | None:
        refs = [ref for d in self.plan.iter_devices() for ref in d.refs]
        if not refs:
            return None
        internet = [ref for d in self.plan.iter_devices() if d.type == "internet" for ref in d.refs]
        linked = [ref for ref in refs if self.plan.links_at(ref)]
        pool = data.draw(st.sampled_from(["any", "internet", "linked"]), label="port pool")
        if pool == "internet" and internet:
            refs = internet
        elif pool == "linked" and linked:
            refs = linked
        return data.draw(st.sampled_from(refs))

    def _link(self, data: st.DataObject) -> str | None:
        ids = [link.id for link in self.plan.iter_links()]
        if not ids:
            return None
        internet = set(self._internet_ids())
        near = [i for i in ids if {self.plan.link(i).a.device, self.plan.link(i).b.device} & internet]
        if near and data.draw(st.booleans(), label="internet cable?"):
            return data.draw(st.sampled_from(near))
        return data.draw(st.sampled_from(ids))

    def _pair(self, data: st.DataObject) -> tuple[PortRef, PortRef] | None:
        a = self._port(data)
        b = self._port(data)
        if a is None or b is None:
            return None
        if a == b:
            device = self.plan.device(a.device)
            others = [r for r in device.refs if r != a]
            if not others:
                return None
            b = data.draw(st.sampled_from(others))  # both ends on one device (self-link)
        return a, b

    # --- edits ---------------------------------------------------------------------------

    @rule(data=st.data(), count=st.integers(1, 3))
    def connect(self, data: st.DataObject, count: int) -> None:
        for _ in range(count):
            pair = self._pair(data)
            if pair is None:
                return
            props = data.draw(st.sampled_from([{}, {"length_m": 120}, {"leaves_building": True}]))
            self._apply(Connect(Link(self._fresh("link", "c"), pair[0], pair[1], dict(props))))

    @rule(data=st.data())
    def connect_into_internet(self, data: st.DataObject) -> None:
        """A second cable into an internet port, or a cable between two ports of one internet device."""
        internet = self._internet_ids()
        if not internet:
            return
        cloud = self.plan.device(data.draw(st.sampled_from(internet)))
        if not cloud.refs:
            return
        here = data.draw(st.sampled_from(cloud.refs))
        if len(cloud.refs) > 1 and data.draw(st.booleans()):
            there = data.draw(st.sampled_from([r for r in cloud.refs if r != here]))
        else:
            there = self._port(data)
            if there is None or there == here:
                return
        self._apply(Connect(Link(self._fresh("link", "i"), there, here)))

    @rule(data=st.data())
    def disconnect(self, data: st.DataObject) -> None:
        link_id = self._link(data)
        if link_id is not None:
            self._apply(Disconnect(link_id))

    @rule(data=st.data())
    def reconnect(self, data: st.DataObject) -> None:
        link_id = self._link(data)
        pair = self._pair(data)
        if link_id is None or pair is None:
            return
        link = self.plan.link(link_id)
        which = data.draw(st.sampled_from(["a", "b", "both"]))
        a = pair[0] if which in ("a", "both") else link.a
        b = pair[1] if which in ("b", "both") else link.b
        if a != b:
            self._apply(Reconnect(link_id, a, b))

    @rule(data=st.data())
    def remove_device(self, data: st.DataObject) -> None:
        device_id = self._device(data)
        if device_id is not None:
            self._apply(RemoveDevice(device_id))

    @rule(data=st.data())
    def delete_selection(self, data: st.DataObject) -> None:
        devices = [d for d in (self._device(data) for _ in range(2)) if d]
        links = [x for x in (self._link(data) for _ in range(2)) if x]
        self._apply(delete_selection(self.plan, devices, links))

    @rule(data=st.data())
    def add_device(self, data: st.DataObject) -> None:
        entry = data.draw(st.sampled_from(CATALOGUE))
        device = entry.make_device(self._fresh("device", entry.type), 10.0, 20.0)
        index = None
        if self.plan.device_count() and data.draw(st.booleans()):
            index = data.draw(st.integers(0, self.plan.device_count()))
        self._apply(AddDevice(device, index))

    @rule(data=st.data())
    def set_device_property(self, data: st.DataObject) -> None:
        device_id = self._device(data)
        if device_id is None:
            return
        key = data.draw(st.sampled_from(sorted(DEVICE_VALUES)))
        value = data.draw(st.sampled_from(DEVICE_VALUES[key]))
        self._apply(SetDeviceProperty(device_id, key, value))

    @rule(data=st.data())
    def internet_on_poe(self, data: st.DataObject) -> None:
        internet = self._internet_ids()
        if internet:
            self._apply(SetDeviceProperty(data.draw(st.sampled_from(internet)), "power", "poe"))

    @rule(data=st.data())
    def set_label(self, data: st.DataObject) -> None:
        device_id = self._device(data)
        if device_id is not None:
            self._apply(SetDeviceField(device_id, "label", data.draw(st.sampled_from(LABELS))))

    @rule(data=st.data())
    def set_port_property(self, data: st.DataObject) -> None:
        ref = self._port(data)
        if ref is None:
            return
        device = self.plan.device(ref.device)
        kind = device.port(ref.port).kind
        choices = dict(PORT_VALUES.get(kind, {}))
        if kind == "fxs":
            fxo = [p.id for p in device.ports if p.kind == "fxo"]
            wrong = [p.id for p in device.ports if p.kind != "fxo"][:1]  # refused: not an fxo jack
            choices["power_fail_to"] = [*fxo, *wrong, None, DELETE]
        if not choices:
            return
        key = data.draw(st.sampled_from(sorted(choices)))
        self._apply(SetPortProperty(ref, key, data.draw(st.sampled_from(choices[key]))))

    @rule(data=st.data())
    def set_port_label(self, data: st.DataObject) -> None:
        ref = self._port(data)
        if ref is not None:
            self._apply(SetPortLabel(ref, data.draw(st.sampled_from(["LINE", "Fibre ONT", "x\ny", None]))))

    @rule(data=st.data())
    def set_link_property(self, data: st.DataObject) -> None:
        link_id = self._link(data)
        if link_id is None:
            return
        key, value = data.draw(st.sampled_from([
            ("length_m", 0), ("length_m", 40), ("length_m", 900), ("length_m", None), ("length_m", DELETE),
            ("leaves_building", True), ("leaves_building", False), ("label", "tag-1"),
        ]))
        self._apply(SetLinkProperty(link_id, key, value))

    @rule(region=st.sampled_from(["US", "DE", "AU", "GB", None]))
    def set_region(self, region: str | None) -> None:
        self._apply(SetPlanField("region", region))

    @rule(data=st.data())
    def add_waiver(self, data: st.DataObject) -> None:
        findings = self.checker.findings()
        if findings and data.draw(st.booleans()):
            finding = data.draw(st.sampled_from(findings))
            code, subject = finding.code, data.draw(st.sampled_from(finding.subjects or ("nothing",)))
        else:
            code = data.draw(st.sampled_from([r.code for r in RULES]))
            subject = self._device(data) or "nothing"
        self._apply(AddWaiver(Waiver(self._fresh("waiver", "w"), code, subject)))

    @rule(data=st.data())
    def remove_waiver(self, data: st.DataObject) -> None:
        ids = [w.id for w in self.plan.waivers]
        if ids:
            self._apply(RemoveWaiver(data.draw(st.sampled_from(ids))))

    @rule(data=st.data())
    def move(self, data: st.DataObject) -> None:
        device_id = self._device(data, internet_bias=False)
        if device_id is not None:
            self._apply(MoveItems({device_id: (data.draw(st.integers(-500, 500)), 7.5)}))

    @precondition(lambda self: bool(self.done))
    @rule()
    def undo(self) -> None:
        edit = self.done.pop()
        edit.revert(self.plan)
        self.checker.update(edit.effect())
        self.undone.append(edit)

    @precondition(lambda self: bool(self.undone))
    @rule()
    def redo(self) -> None:
        edit = self.undone.pop()
        edit.apply(self.plan)
        self.checker.update(edit.effect())
        self.done.append(edit)

    @rule(scenario=st.sampled_from(SCENARIOS))
    def switch_scenario(self, scenario: str) -> None:
        self.scenario = scenario
        self.checker.set_scenario(scenario)

    # --- the verdict on a proposed cable ------------------------------------------------

    @rule(data=st.data())
    def verdict(self, data: st.DataObject) -> None:
        pair = self._pair(data)
        if pair is None:
            return
        assert_verdict(self.checker, self.plan, self.scenario, *pair)

    @rule(data=st.data())
    def verdict_on_moving_a_cable(self, data: st.DataObject) -> None:
        link_id = self._link(data)
        pair = self._pair(data)
        if link_id is None or pair is None:
            return
        assert_verdict(self.checker, self.plan, self.scenario, *pair, replacing=link_id)

    # --- the property ---------------------------------------------------------------------

    @invariant()
    def agrees_with_full_check(self) -> None:
        if not hasattr(self, "checker"):
            return
        expected = check(self.plan, self.scenario)
        assert _json(self.checker.findings()) == _json(expected.findings)
        assert self.checker.result().summary == expected.summary


def assert_verdict(checker: Checker, plan: Plan, scenario: str, a: PortRef, b: PortRef,
                   replacing: str | None = None) -> None:
    """What any verdict must satisfy, from its docstring, without restating how it tells "new".

    It leaves the plan and the checker as they were; every item is an unwaived
    finding of the plan with the cable, most severe first; and a finding whose
    code the plan did not have at all is reported. Which findings count as
    already there is pinned by the hand-written examples below.
    """
    document = dumps_plan(plan)
    links = plan.link_count()
    before_findings = _json(checker.findings())
    overrides = checker.judge.overrides

    items = checker.verdict(a, b, replacing) if replacing else checker.verdict(a, b)

    assert dumps_plan(plan) == document and plan.link_count() == links
    assert _json(checker.findings()) == before_findings
    before = check(plan, scenario, overrides).findings
    if replacing:
        moved = plan.link(replacing)
        old_ends = (moved.a, moved.b)
        plan.set_link_ends(replacing, a, b)
        try:
            after = check(plan, scenario, overrides).findings
        finally:
            plan.set_link_ends(replacing, *old_ends)
    else:
        link = Link(plan.fresh_id("link", "proposed"), a, b)
        plan.add_link(link)
        try:
            after = check(plan, scenario, overrides).findings
        finally:
            plan.remove_link(link.id)
    assert dumps_plan(plan) == document
    got = Counter((i.code, i.severity, i.title, i.message) for i in items)
    possible = Counter((f.code, f.severity, BY_CODE[f.code].title, f.message) for f in after if not f.waived)
    assert got <= possible, (a, b)
    old_codes = {f.code for f in before}
    for f in after:
        if f.code not in old_codes and not f.waived:
            assert got[(f.code, f.severity, BY_CODE[f.code].title, f.message)] > 0, (a, b, f.code)
    ranks = ["error", "warning", "info"]
    assert [ranks.index(i.severity) for i in items] == sorted(ranks.index(i.severity) for i in items)


IncrementalChecking.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
TestIncrementalChecking = pytest.mark.slow(IncrementalChecking.TestCase)


# --- targeted cases around shared internet devices -------------------------------------------


def _agree(checker: Checker, plan: Plan) -> None:
    assert _json(checker.findings()) == _json(check(plan, checker.scenario).findings)


def _step(checker: Checker, plan: Plan, edit: Edit) -> None:
    edit.apply(plan)
    checker.update(edit.effect())
    _agree(checker, plan)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_internet_boundary_edits(scenario: str) -> None:
    plan = shared_internet_plan()
    checker = Checker(plan, scenario)
    _agree(checker, plan)
    assert is_boundary(plan, plan.device("inet1"))
    edits: list[Edit] = [
        SetDeviceField("inet1", "label", "New ISP"),  # names in other sites' messages
        # a second cable in one internet port
        Connect(Link("second", PortRef("router1", "lan2"), PortRef("inet1", "eth1"))),
        Disconnect("second"),
        # both ends on the internet device
        Connect(Link("loop", PortRef("inet1", "eth5"), PortRef("inet1", "eth6"))),
        SetDeviceProperty("inet1", "power", "poe"),  # PoE powered internet
        SetPortProperty(PortRef("switch1", "port4"), "poe", True),
        SetDeviceProperty("inet1", "power", "mains"),
        SetDeviceProperty("inet1", "ups", True),
        # internet to internet, into eth5 which already has the loop
        Connect(Link("cross", PortRef("inet2", "eth2"), PortRef("inet1", "eth5"))),
        RemoveDevice("inet2"),
        RemoveDevice("inet1"),
    ]
    for edit in edits:
        _step(checker, plan, edit)
    for edit in reversed(edits):
        edit.revert(plan)
        checker.update(edit.effect())
        _agree(checker, plan)
    assert dumps_plan(plan) == dumps_plan(shared_internet_plan())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_poe_from_internet_port(scenario: str) -> None:
    """An IP phone cabled straight into an internet port comes up in a power cut once the port gives PoE."""
    plan = shared_internet_plan()
    checker = Checker(plan, scenario)
    _step(checker, plan, SetPortProperty(PortRef("inet1", "eth4"), "poe", True))
    ipphone = next(d for d in plan.devices if d.type == "ip-phone" and plan.neighbours(d.id) == {"inet1"})
    power = check(plan, "power").findings
    assert not any(f.code == "FX202" and f.devices[0] == ipphone.id for f in power)
    _step(checker, plan, SetDeviceProperty("inet1", "power", "mains"))
    power = check(plan, "power").findings
    assert any(f.code == "FX202" and f.devices[0] == ipphone.id for f in power)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_verdict_examples(scenario: str) -> None:
    plan = shared_internet_plan()
    checker = Checker(plan, scenario)
    refs = [ref for d in plan.devices for ref in d.refs]
    for i, a in enumerate(refs):
        for b in refs[i + 1:: 7]:
            assert_verdict(checker, plan, scenario, a, b)


def _codes(items: list[VerdictItem]) -> list[tuple[str, str]]:
    return [(i.code, i.severity) for i in items]


def test_verdict_names_the_new_problem() -> None:
    b = PlanBuilder()
    phone, ata, pstn = b.phone(label="Reception"), b.ata(line=True, label="Front ATA"), b.pstn()
    b.online(ata)
    checker = Checker(b.plan)
    items = checker.verdict(PortRef(phone.id, "line"), PortRef(ata.id, "line1"))
    assert items == [
        VerdictItem(
            "FX104",
            "error",
            "No dial tone source on the pair",
            "Reception is plugged into LINE1 on Front ATA, which supplies no dial tone.",
        )
    ]
    # The phone works on the ATA's FXS jack, but the ATA is on mains with no UPS:
    # the only new problem is that no phone would work in a power cut.
    assert _codes(checker.verdict(PortRef(phone.id, "line"), PortRef(ata.id, "phone1"))) == [("FX501", "warning")]
    assert _codes(checker.verdict(PortRef(pstn.id, "jack"), PortRef(ata.id, "phone1"))) == [("FX102", "error")]
    assert checker.verdict(PortRef(ata.id, "phone1"), PortRef(ata.id, "phone1")) == [
        VerdictItem("", "error", "A jack cannot be cabled to itself", "")
    ]
    with pytest.raises(PlanInvariantError):
        checker.verdict(PortRef(ata.id, "nope"), PortRef(phone.id, "line"))


def test_verdict_on_moving_a_cable_and_a_waived_finding() -> None:
    b = PlanBuilder()
    phone, ata, pstn = b.phone(label="Reception"), b.ata(line=True, label="Front ATA"), b.pstn()
    b.online(ata)
    cable = b.link(phone, "line", ata, "phone1")
    checker = Checker(b.plan)
    # Dragging the phone's cable end from PHONE1 to LINE1.
    assert _codes(checker.verdict(PortRef(phone.id, "line"), PortRef(ata.id, "line1"), cable)) == [
        ("FX104", "error")
    ]
    # Dragging it onto the street line instead leaves the phone without a cable;
    # the unused street line (FX203) and the power-cut warning (FX501) go away, which is no problem.
    items = checker.verdict(PortRef(pstn.id, "jack"), PortRef(ata.id, "line1"), cable)
    assert [(i.code, i.message) for i in items] == [
        ("FX201", "Reception is not plugged in: its line jack LINE has no cable.")
    ]
    b.plan.add_waiver(Waiver("w1", "FX104", phone.id))
    assert Checker(b.plan).verdict(PortRef(phone.id, "line"), PortRef(ata.id, "line1"), cable) == []


def test_verdict_does_not_repeat_findings_the_plan_already_has() -> None:
    """A cable that only joins an existing finding's list of cables creates nothing new."""
    b = PlanBuilder()
    p1, p2, split, ata = b.pstn(), b.pstn(), b.splitter(outs=3), b.ata()
    b.link(p1, "jack", split, "in")
    b.link(p2, "jack", split, "out1")  # FX103 already
    b.link(b.phone(), "line", ata, "phone1")
    b.link(b.phone(), "line", ata, "phone1")  # FX107 already
    phone3 = b.phone()
    checker = Checker(b.plan)
    assert {f.code for f in checker.findings()} >= {"FX103", "FX107"}
    # a phone onto the bridged pair: FX103 keeps its devices and ports
    assert [i.code for i in checker.verdict(PortRef(phone3.id, "line"), PortRef(split.id, "out2"))] == []
    # a third cable into the ATA's jack: FX107 keeps its devices and ports, the phone gets FX202
    items = checker.verdict(PortRef(phone3.id, "line"), PortRef(ata.id, "phone1"))
    assert [(i.code, i.message) for i in items] == [
        ("FX202", "Phone 3 cannot call out: ATA 1 has no way out: its network jack is not connected.")
    ]
