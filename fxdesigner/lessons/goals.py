"""Lesson goals: a small JSON vocabulary judged by what the wiring *does*.

A goal never names a port id, a position or a device id, so every correct
wiring passes: the learner may use PHONE 2 instead of PHONE 1, place devices
anywhere and let the designer pick ids. Devices are chosen by *selectors*
(type, label), and the verdict comes from the rules engine: its findings
(engine.check) and its reach analysis (the same code that draws call paths).

The vocabulary (goal_parser.py reads it; resources/lessons/README.md is the authoring guide)::

    {"all": [goal, ...]}            every goal holds
    {"any": [goal, ...]}            at least one holds
    {"not": goal}
    {"no_findings": "FX1"}          no finding whose code starts so; or
    {"no_findings": {"codes": ["FX104", "FX2"], "min_severity": "warning", "scenario": "none"}}
    {"finding_present": "FX104"}    or {"code": ..., "scenario": ..., "device": selector}
    {"reaches_outside": {"station": selector, "scenario": "none"}}
    {"survives": {"station": selector, "scenario": "power"}}   reaches now *and* under the scenario
    {"fed_by": {"station": selector, "kind": "fxs", "device_type": "ata"}}
    {"connected_to_kind": {"device": selector, "kind": "fxo", "device_type": [...]}}
    {"has_exit": {"device": selector, "scenario": "none"}}
    {"device_count": {"type": "dsl-filter", "min": 1, "max": 4}}
    {"device_property": {"device": selector, "property": "t38", "equals": true}}
    {"viewing": "power"}            the designer shows the plan under this scenario (live only)

A selector is ``{"type": "fax" | [...], "label": "...", "label_contains": "...", "all": false}``.
Without "all" one matching device must satisfy the goal ("the fax can call
out"); with "all": true every matching device must ("every phone"). Either
way at least one device must match: deleting every phone never passes "every
phone can call out".
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from fxdesigner.model.kinds import (
    ANALOG_STATION_TYPES,
    PAIR_KINDS,
    STATION_TYPES,
    device_copper,
    device_power,
    device_ups,
)
from fxdesigner.model.plan import Device, Plan, PortRef
from fxdesigner.model.text import one_line
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import SEVERITY_RANK, Finding
from fxdesigner.rules.paths import CallPath, call_path, device_block_words, scenario_cause
from fxdesigner.rules.reach import SCENARIO_PHRASE, ScenarioState, when_words
from fxdesigner.rules.topology import Context


class GoalError(ValueError):
    """A goal in a lesson file is malformed; str() is one line naming where."""


@dataclass(frozen=True)
class Verdict:
    """A goal's answer for one plan, with one plain sentence the learner can act on."""

    passed: bool
    message: str


#: How the learner calls each device type (selectors speak of "a fax machine").
TYPE_NOUN: Final = {
    "pstn-line": "street line",
    "analog-phone": "corded phone",
    "cordless-phone": "cordless phone",
    "fax": "fax machine",
    "modem": "modem",
    "alarm-panel": "alarm panel",
    "elevator-phone": "elevator phone",
    "digital-phone": "digital phone",
    "ata": "ATA",
    "gateway": "gateway",
    "analog-pbx": "key system / analog PBX",
    "ip-pbx": "IP PBX",
    "ip-phone": "IP phone",
    "router": "router",
    "switch": "switch",
    "internet": "internet connection",
    "dsl-modem": "DSL modem",
    "splitter": "splitter",
    "dsl-filter": "DSL microfilter",
    "generic": "device",
}
KIND_WORD: Final = {
    "fxs": "FXS",
    "fxo": "FXO",
    "pstn": "street line",
    "digital": "digital",
    "ethernet": "Ethernet",
    "passive": "passive",
}


# --- what the engine says about one plan --------------------------------------------------------


class PlanFacts:
    """The engine's view of one plan, worked out lazily and shared by every goal of one grading.

    Findings include waived ones: a waiver records that someone accepted a
    finding, it does not change the wiring a lesson asks about.
    """

    def __init__(self, plan: Plan, overrides: Mapping[str, str] | None = None, view: str | None = None) -> None:
        self.plan = plan
        self.overrides = dict(overrides or {})
        #: The scenario the learner is looking at in the designer; None when a saved
        #: plan is graded (the command line), where a "viewing" goal cannot hold.
        self.view = view
        self._findings: dict[str, list[Finding]] = {}
        self._analysis: Analysis | None = None

    def findings(self, scenario: str = "none") -> list[Finding]:
        found = self._findings.get(scenario)
        if found is None:
            found = self._findings[scenario] = check(self.plan, scenario, self.overrides).findings
        return found

    @property
    def analysis(self) -> Analysis:
        if self._analysis is None:
            self._analysis = Analysis(Context.whole(self.plan))
        return self._analysis

    def state(self, scenario: str) -> ScenarioState:
        return self.analysis.state(scenario)

    def path(self, device: Device, scenario: str) -> CallPath:
        return call_path(self.analysis, self.state(scenario), device)

    def name(self, device: Device) -> str:
        return one_line(device.name, 60)

    def line_jack(self, device: Device) -> PortRef | None:
        return self.analysis.topology.line_jack(device.id)


# --- selectors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selector:
    types: tuple[str, ...] = ()
    label: str | None = None
    label_contains: str | None = None
    every: bool = False

    def matches(self, device: Device) -> bool:
        if self.types and device.type not in self.types:
            return False
        label = (device.label or "").casefold()
        if self.label is not None and label != self.label.casefold():
            return False
        return self.label_contains is None or self.label_contains.casefold() in label

    def select(self, plan: Plan, allowed: frozenset[str] | None = None) -> list[Device]:
        return [d for d in plan.iter_devices() if self.matches(d) and (allowed is None or d.type in allowed)]

    def noun(self, default: str = "device") -> str:
        if self.types:
            words = [TYPE_NOUN.get(t, t) for t in self.types]
            noun = " or ".join(dict.fromkeys(words))
        else:
            noun = default
        if self.label is not None:
            noun += f' labelled "{self.label}"'
        elif self.label_contains is not None:
            noun += f' with "{self.label_contains}" in its label'
        return noun

    def phrase(self, default: str = "device") -> str:
        noun = self.noun(default)
        if self.every:
            return f"every {noun}"
        return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


Test = Callable[[Device], "str | None"]


def _quantify(
    facts: PlanFacts,
    selector: Selector,
    allowed: frozenset[str] | None,
    default: str,
    test: Test,
    success: str,
) -> Verdict:
    """Apply test (None = fine, else why not) to the selected devices, as the selector quantifies."""
    devices = selector.select(facts.plan, allowed)
    if not devices:
        return Verdict(False, f"There is no {selector.noun(default)} in the plan yet.")
    failures = []
    for device in devices:
        reason = test(device)
        if reason is None and not selector.every:
            return Verdict(True, _sentence(f"{selector.phrase(default)} {success}"))
        if reason is not None:
            failures.append(reason)
    if not failures:
        return Verdict(True, _sentence(f"{selector.phrase(default)} {success}"))
    more = len(failures) - 1
    tail = f" ({more} more {'device does' if more == 1 else 'devices do'} not either.)" if more else ""
    return Verdict(False, failures[0] + tail)


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


# --- the goals ---------------------------------------------------------------------------------------


class Goal(ABC):
    """A question about a plan; subclasses are frozen dataclasses built by parse_goal."""

    @abstractmethod
    def evaluate(self, facts: PlanFacts) -> Verdict: ...


@dataclass(frozen=True)
class AllOf(Goal):
    goals: tuple[Goal, ...]

    def evaluate(self, facts: PlanFacts) -> Verdict:
        messages = []
        for goal in self.goals:
            verdict = goal.evaluate(facts)
            if not verdict.passed:
                return verdict
            messages.append(verdict.message)
        return Verdict(True, " ".join(messages[-1:]) or "Done.")


@dataclass(frozen=True)
class AnyOf(Goal):
    goals: tuple[Goal, ...]

    def evaluate(self, facts: PlanFacts) -> Verdict:
        first: Verdict | None = None
        for goal in self.goals:
            verdict = goal.evaluate(facts)
            if verdict.passed:
                return verdict
            first = first or verdict
        assert first is not None
        return first


@dataclass(frozen=True)
class Not(Goal):
    goal: Goal

    def evaluate(self, facts: PlanFacts) -> Verdict:
        verdict = self.goal.evaluate(facts)
        return Verdict(not verdict.passed, verdict.message)


def _code_matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return not prefixes or any(code.startswith(p) for p in prefixes)


def _codes_words(prefixes: tuple[str, ...]) -> str:
    if not prefixes:
        return "finding"
    words = [p if len(p) == 5 else p + "x" * (5 - len(p)) for p in prefixes]
    return "/".join(words) + " finding"


@dataclass(frozen=True)
class NoFindings(Goal):
    codes: tuple[str, ...] = ()
    min_severity: str = "info"
    scenario: str = "none"

    def evaluate(self, facts: PlanFacts) -> Verdict:
        limit = SEVERITY_RANK[self.min_severity]
        found = [
            f
            for f in facts.findings(self.scenario)
            if _code_matches(f.code, self.codes) and SEVERITY_RANK[f.severity] <= limit
        ]
        when = when_words(self.scenario)
        if not found:
            return Verdict(True, f"No {_codes_words(self.codes)}{when}.")
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return Verdict(False, f"{first.code}{when}: {one_line(first.message, 300)}{more}")


@dataclass(frozen=True)
class Viewing(Goal):
    """The learner switched the designer's view to a scenario (power cut, internet down).

    Only a live session knows the view, so steps with this goal should be
    transient: a finished plan is credited for them by the later steps.
    """

    scenario: str

    def evaluate(self, facts: PlanFacts) -> Verdict:
        phrase = SCENARIO_PHRASE[self.scenario]
        if facts.view == self.scenario:
            return Verdict(True, f"You are looking at the plan {phrase}.")
        return Verdict(False, f"Switch the view to show the plan {phrase} (the scenario buttons on the toolbar).")


@dataclass(frozen=True)
class FindingPresent(Goal):
    code: str
    scenario: str = "none"
    device: Selector | None = None

    def evaluate(self, facts: PlanFacts) -> Verdict:
        plan = facts.plan
        for finding in facts.findings(self.scenario):
            if not finding.code.startswith(self.code):
                continue
            if self.device is not None and not any(
                plan.has_device(d) and self.device.matches(plan.device(d)) for d in finding.devices
            ):
                continue
            return Verdict(True, f"{finding.code} is showing: {one_line(finding.message, 300)}")
        about = f" about {self.device.phrase()}" if self.device is not None else ""
        when = when_words(self.scenario)
        return Verdict(False, f"No {self.code} finding{about}{when} yet.")


@dataclass(frozen=True)
class ReachesOutside(Goal):
    station: Selector
    scenario: str = "none"

    def evaluate(self, facts: PlanFacts) -> Verdict:
        state = facts.state(self.scenario)
        when = when_words(self.scenario)

        def test(device: Device) -> str | None:
            if state.reaches_outside(device):
                return None
            path = facts.path(device, self.scenario)
            return f"{facts.name(device)} cannot call out{when}: {path.stop_reason}."

        return _quantify(facts, self.station, STATION_TYPES, "station", test, f"can call out{when}")


@dataclass(frozen=True)
class Survives(Goal):
    station: Selector
    scenario: str = "power"

    def evaluate(self, facts: PlanFacts) -> Verdict:
        normal, state = facts.state("none"), facts.state(self.scenario)
        when = SCENARIO_PHRASE[self.scenario]

        def test(device: Device) -> str | None:
            if not normal.reaches_outside(device):
                stop = facts.path(device, "none").stop_reason
                return f"{facts.name(device)} cannot call out even now: {stop}."
            if state.reaches_outside(device):
                return None
            cause, _ = scenario_cause(facts.analysis, facts.path(device, "none"), state)
            return f"{facts.name(device)} loses service {when}: {cause}."

        return _quantify(facts, self.station, STATION_TYPES, "station", test, f"still works {when}")


@dataclass(frozen=True)
class FedBy(Goal):
    station: Selector
    kind: str
    device_types: tuple[str, ...] = ()

    def evaluate(self, facts: PlanFacts) -> Verdict:
        normal = facts.state("none")
        plan = facts.plan
        wanted = f"an {KIND_WORD[self.kind]} jack" if self.kind == "fxs" else "a street line"
        if self.device_types:
            wanted += " on " + Selector(self.device_types).phrase()

        def test(device: Device) -> str | None:
            jack = facts.line_jack(device)
            source = normal.fed_by(jack) if jack is not None else None
            if source is None:
                return f"{facts.name(device)} gets no dial tone: {facts.path(device, 'none').stop_reason}."
            owner = plan.device(source.device)
            port = owner.port(source.port)
            if port.kind != self.kind or (self.device_types and owner.type not in self.device_types):
                return (
                    f"{facts.name(device)} gets its dial tone from {one_line(port.name, 40)} on "
                    f"{facts.name(owner)}, not from {wanted}."
                )
            return None

        return _quantify(
            facts, self.station, ANALOG_STATION_TYPES, "station", test, f"gets its dial tone from {wanted}"
        )


@dataclass(frozen=True)
class ConnectedToKind(Goal):
    device: Selector
    kind: str
    device_types: tuple[str, ...] = ()

    def evaluate(self, facts: PlanFacts) -> Verdict:
        topo = facts.analysis.topology
        wanted = (
            f"an {KIND_WORD[self.kind]} jack"
            if self.kind in ("fxs", "fxo")
            else f"a {KIND_WORD[self.kind]} jack"
        )
        if self.device_types:
            wanted += " on " + Selector(self.device_types).phrase()

        def test(device: Device) -> str | None:
            for ref, port in topo.jacks[device.id]:
                if port.kind not in PAIR_KINDS:
                    continue
                for other in topo.segment(ref).by_kind.get(self.kind, ()):
                    owner = topo.device[other.device]
                    if other.device != device.id and (
                        not self.device_types or owner.type in self.device_types
                    ):
                        return None
            return f"{facts.name(device)} is not connected to {wanted}."

        return _quantify(facts, self.device, None, "device", test, f"is connected to {wanted}")


@dataclass(frozen=True)
class HasExit(Goal):
    device: Selector
    scenario: str = "none"

    def evaluate(self, facts: PlanFacts) -> Verdict:
        state = facts.state(self.scenario)
        when = when_words(self.scenario)

        def test(device: Device) -> str | None:
            if state.has_exit(device.id):
                return None
            if not state.up[device.id]:
                return f"{facts.name(device)} is down{when}."
            words = device_block_words(facts.analysis, state, device.id)
            return _sentence(words.replace(" has no way out", f" has no way out{when}", 1))

        return _quantify(
            facts,
            self.device,
            None,
            "device",
            test,
            f"has a way out to the street line or the internet{when}",
        )


@dataclass(frozen=True)
class DeviceCount(Goal):
    types: tuple[str, ...]
    min: int = 1
    max: int | None = None

    def evaluate(self, facts: PlanFacts) -> Verdict:
        count = sum(1 for d in facts.plan.iter_devices() if d.type in self.types)
        noun = Selector(self.types).noun()
        if count < self.min:
            return Verdict(False, f"The plan has {count} {noun}(s); it needs at least {self.min}.")
        if self.max is not None and count > self.max:
            return Verdict(False, f"The plan has {count} {noun}(s); at most {self.max} are wanted.")
        return Verdict(True, f"The plan has {count} {noun}(s).")


def effective_property(device: Device, name: str) -> Any:
    """A device property as the engine reads it, defaults included (power, ups, copper)."""
    if name == "power":
        return device_power(device.type, device.properties)
    if name == "ups":
        return device_ups(device.type, device.properties)
    if name == "copper":
        return device_copper(device.properties)
    return device.properties.get(name)


def _same_value(a: Any, b: Any) -> bool:
    # JSON true is not the number 1, whatever Python's bool thinks.
    return isinstance(a, bool) == isinstance(b, bool) and a == b


@dataclass(frozen=True)
class DeviceProperty(Goal):
    device: Selector
    property: str
    equals: Any

    def evaluate(self, facts: PlanFacts) -> Verdict:
        shown = "true" if self.equals is True else "false" if self.equals is False else repr(self.equals)

        def test(device: Device) -> str | None:
            value = effective_property(device, self.property)
            if _same_value(value, self.equals):
                return None
            now = (
                "not set"
                if value is None
                else ("true" if value is True else "false" if value is False else repr(value))
            )
            return f"{facts.name(device)} has {self.property.replace('_', ' ')} {now}; it should be {shown}."

        return _quantify(
            facts, self.device, None, "device", test, f"has {self.property.replace('_', ' ')} {shown}"
        )
