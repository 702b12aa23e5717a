"""Checking a plan: a full check, and a Checker that re-checks only what an edit touched.

Incremental checking splits the plan into *components* (rules/components.py):
devices joined by cables. Findings never reach across components, with two
exceptions handled here: FX501 (a plan-wide count of phones) and shared
`internet` clouds, the *boundary* devices each site's component sees but that
components do not merge through.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

from fxdesigner.model.edits import Effect
from fxdesigner.model.kinds import PHONE_TYPES
from fxdesigner.model.plan import Device, Link, Plan, PortRef
from fxdesigner.model.text import one_line
from fxdesigner.rules.analysis import Analysis, Draft
from fxdesigner.rules.components import boundary_devices, component_analysis, is_boundary, split_components
from fxdesigner.rules.findings import SCENARIOS, SEVERITIES, Finding, Severity, sort_findings, summarize
from fxdesigner.rules.reach import NONE
from fxdesigner.rules.registry import BY_CODE, LOCAL_RULES, PLAN_RULE, RULES, Rule
from fxdesigner.rules.resilience import no_lifeline_draft, phone_stats
from fxdesigner.rules.topology import Context
from fxdesigner.rules.waivers import WaiverIndex

OFF: Final = "off"


@dataclass
class CheckResult:
    scenario: str
    findings: list[Finding]

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)

    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]


class Judge:
    """Turns drafts into findings: registry metadata, severity overrides, waivers."""

    def __init__(self, plan: Plan, overrides: Mapping[str, str] | None = None) -> None:
        self.overrides = {k.upper(): v for k, v in (overrides or {}).items()}
        for code, severity in self.overrides.items():
            if code not in BY_CODE:
                raise ValueError(f"unknown rule code {code}")
            if severity not in SEVERITIES and severity != OFF:
                raise ValueError(f"unknown severity {severity!r} for {code}")
            if severity != OFF:
                self.overrides[code] = Severity(severity)
        self.refresh_waivers(plan)

    def refresh_waivers(self, plan: Plan) -> None:
        self.waivers = WaiverIndex(plan.waivers)

    def is_waived(self, code: str, subjects: Iterable[str]) -> bool:
        return self.waivers.covers(code, subjects)

    def finding(self, draft: Draft) -> Finding | None:
        """The finding of a draft stamped by its rule (Rule.run), or None when the rule is off."""
        severity = self.overrides.get(draft.code, draft.severity)
        if severity == OFF:
            return None
        return Finding(
            code=draft.code,
            name=draft.name,
            severity=severity,
            message=draft.message,
            devices=draft.devices,
            ports=draft.ports,
            links=draft.links,
            fix=draft.fix,
            waived=self.is_waived(draft.code, draft.devices + draft.links + draft.ports),
        )

    def findings(self, drafts: Iterable[Draft]) -> list[Finding]:
        out = []
        for draft in drafts:
            finding = self.finding(draft)
            if finding is not None:
                out.append(finding)
        return out


def _run(analysis: Analysis, rules: Iterable[Rule]) -> list[Draft]:
    drafts: list[Draft] = []
    for rule in rules:
        drafts.extend(rule.run(analysis))
    return drafts


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a check.

    A check allocates hundreds of thousands of small objects that all live until
    it ends; on a 20,000-device plan the collector's repeated passes over them
    cost more than the check itself (0.9 s against 0.3 s for the topology).
    Nothing here creates reference cycles that must be freed early.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(plan: Plan, scenario: str = NONE, overrides: Mapping[str, str] | None = None) -> CheckResult:
    """Check the whole plan at once."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    with collector_paused():
        drafts = _run(Analysis(Context.whole(plan), scenario), RULES)
        result = CheckResult(scenario, sort_findings(Judge(plan, overrides).findings(drafts)))
        # Free the drafts (and the analysis went with _run) while the collector still
        # sleeps: its first pass after waking then walks only the findings, not the analysis.
        del drafts
    return result


# --- incremental checking ---------------------------------------------------------------


@dataclass
class Component:
    home: frozenset[str]
    #: Boundary devices this component's cables reach (None: not worked out yet).
    uses: frozenset[str] | None = None
    findings: list[Finding] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    surviving: int = 0


@dataclass(frozen=True)
class VerdictItem:
    code: str
    severity: str
    title: str
    message: str


class Checker:
    """Keeps a plan's findings up to date edit by edit."""

    def __init__(self, plan: Plan, scenario: str = NONE, overrides: Mapping[str, str] | None = None) -> None:
        if scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {scenario!r}")
        self.plan = plan
        self.scenario = scenario
        self.judge = Judge(plan, overrides)
        self.rebuild()

    # --- public ---------------------------------------------------------------------

    def set_scenario(self, scenario: str) -> None:
        if scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {scenario!r}")
        if scenario != self.scenario:
            self.scenario = scenario
            self.rebuild()

    def set_overrides(self, overrides: Mapping[str, str] | None) -> None:
        self.judge = Judge(self.plan, overrides)
        self.rebuild()

    def findings(self) -> list[Finding]:
        if self._sorted is None:
            everything = [f for comp in self._comps.values() for f in comp.findings]
            everything.extend(self._global)
            self._sorted = sort_findings(everything)
        return self._sorted

    def result(self) -> CheckResult:
        return CheckResult(self.scenario, self.findings())

    def component_of(self, device_id: str) -> frozenset[str]:
        return self._comps[self._comp_of[device_id]].home

    def rebuild(self) -> None:
        with collector_paused():
            self._rebuild()

    def _rebuild(self) -> None:
        plan = self.plan
        self.judge.refresh_waivers(plan)
        self._boundary = boundary_devices(plan)
        self._comps: dict[int, Component] = {}
        self._comp_of: dict[str, int] = {}
        self._users: dict[str, set[int]] = {}
        self._next = 0
        self._phone_total = 0
        self._surviving_total = 0
        homes = self._components(d.id for d in plan.iter_devices())
        for home in homes:
            self._store(Component(home))
        analysis = Analysis(Context.whole(plan), self.scenario)
        for finding in self.judge.findings(_run(analysis, LOCAL_RULES)):
            self._comps[self._owner_of(finding)].findings.append(finding)
        normal, power = analysis.normal, analysis.power
        for device in plan.iter_devices():
            if device.type not in PHONE_TYPES:
                continue
            comp = self._comps[self._comp_of[device.id]]
            if normal.reaches_outside(device):
                comp.phones.append(device.id)
                self._phone_total += 1
            if power.reaches_outside(device):
                comp.surviving += 1
                self._surviving_total += 1
        self._refresh_global()

    def update(self, effect: Effect) -> None:
        """Bring findings up to date after an edit with this effect was applied or reverted."""
        if effect.plan_wide:
            self.rebuild()
            return
        with collector_paused():
            self._update(effect)

    def _update(self, effect: Effect) -> None:
        if effect.waivers:
            self.judge.refresh_waivers(self.plan)
            for comp in self._comps.values():
                comp.findings = [f.with_waived(self._waived(f)) for f in comp.findings]
        if effect.recheck:
            dirty = self._dirty(effect)
            seeds = self._drop(dirty)
            seeds.extend(d for d in effect.recheck if self.plan.has_device(d))
            for home in self._components(seeds):
                self._store(self._analyse(home))
        self._refresh_global()

    def verdict(self, a: PortRef, b: PortRef, replacing: str | None = None) -> list[VerdictItem]:
        """Findings a cable between a and b would create, most severe first.

        With replacing, the cable is that existing link moved to a and b (the
        gesture of dragging a cable's end), so it keeps its id and properties.
        The plan is changed for the calculation and put back exactly.
        """
        plan = self.plan
        plan.port(a)
        plan.port(b)
        if a == b:
            return [VerdictItem("", "error", "A jack cannot be cabled to itself", "")]
        if replacing is not None:
            moved = plan.link(replacing)
            old_ends = (moved.a, moved.b)
            touched = {a.device, b.device, moved.a.device, moved.b.device}
            plan.set_link_ends(replacing, a, b)
            try:
                with collector_paused():
                    after, before_keys = self._trial(touched)
            finally:
                plan.set_link_ends(replacing, *old_ends)
        else:
            link = Link(plan.fresh_id("link", "proposed"), a, b)
            plan.add_link(link)
            try:
                with collector_paused():
                    after, before_keys = self._trial({a.device, b.device})
            finally:
                plan.remove_link(link.id)
        # A finding the plan already has is not new because the cable joins its
        # list of links (a third cable in a jack, a wider FX103): compare without links.
        new = [f for f in after if _verdict_key(f) not in before_keys and not f.waived]
        new.sort(key=Finding.sort_key)
        return [VerdictItem(f.code, f.severity, BY_CODE[f.code].title, f.message) for f in new]

    def _trial(self, touched: set[str]) -> tuple[list[Finding], set[tuple]]:  # type: ignore[type-arg]
        """Findings of the components around touched devices, as the plan stands now."""
        plan = self.plan
        if any((d in self._boundary) != is_boundary(plan, plan.device(d)) for d in touched):
            after = check(plan, self.scenario, self.judge.overrides).findings
            return after, {_verdict_key(f) for f in self.findings()}
        dirty = {self._comp_of[d] for d in touched if d in self._comp_of}
        seeds = [d for c in dirty for d in self._comps[c].home]
        comps = [self._analyse(h) for h in self._components(seeds, self._boundary)]
        after = [f for c in comps for f in c.findings]
        before = [f for c in dirty for f in self._comps[c].findings]
        phone_total = self._phone_total + sum(len(c.phones) for c in comps)
        phone_total -= sum(len(self._comps[c].phones) for c in dirty)
        surviving = self._surviving_total + sum(c.surviving for c in comps)
        surviving -= sum(self._comps[c].surviving for c in dirty)
        if phone_total and not surviving:
            phones = [p for cid, c in self._comps.items() if cid not in dirty for p in c.phones]
            phones += [p for c in comps for p in c.phones]
            after += self._global_findings(phones, surviving)
        before += self._global
        return after, {_verdict_key(f) for f in before}

    # --- components -------------------------------------------------------------------

    def _components(self, seeds: Iterable[str], boundary: set[str] | None = None) -> list[frozenset[str]]:
        return split_components(self.plan, seeds, self._boundary if boundary is None else boundary)

    def _owned_links(self, home: frozenset[str]) -> list[Link]:
        """The cables this component analyses: those of its devices, a cable between two
        boundary devices going to one of them (its first end)."""
        plan = self.plan
        boundary = self._boundary
        owned: dict[str, Link] = {}
        for device_id in home:
            for link_id in plan.device_links(device_id):
                link = plan.link(link_id)
                x, y = link.a.device, link.b.device
                owner = x if (x not in boundary or y in boundary) else y
                if owner in home:
                    owned[link_id] = link
        return list(owned.values())

    def _analyse(self, home: frozenset[str]) -> Component:
        analysis = component_analysis(self.plan, home, self._owned_links(home), self.scenario)
        findings = self.judge.findings(_run(analysis, LOCAL_RULES))
        phones, surviving = phone_stats(analysis)
        members = frozenset(d.id for d in analysis.context.devices)
        return Component(home, members - home, findings, phones, surviving)

    def _store(self, comp: Component) -> None:
        cid = self._next
        self._next += 1
        if comp.uses is None:
            comp.uses = frozenset(self._uses(comp.home))
        self._comps[cid] = comp
        self._phone_total += len(comp.phones)
        self._surviving_total += comp.surviving
        for device_id in comp.home:
            self._comp_of[device_id] = cid
        for device_id in comp.uses:
            self._users.setdefault(device_id, set()).add(cid)
        self._sorted = None

    def _uses(self, home: frozenset[str]) -> set[str]:
        return {end.device for link in self._owned_links(home) for end in link.ends()} - home

    def _drop(self, dirty: set[int]) -> list[str]:
        seeds: list[str] = []
        for cid in dirty:
            comp = self._comps.pop(cid)
            self._phone_total -= len(comp.phones)
            self._surviving_total -= comp.surviving
            for device_id in comp.home:
                if self._comp_of.get(device_id) == cid:
                    del self._comp_of[device_id]
                if self.plan.has_device(device_id):
                    seeds.append(device_id)
            for device_id in comp.uses or ():
                users = self._users.get(device_id)
                if users:
                    users.discard(cid)
        self._sorted = None
        return seeds

    def _dirty(self, effect: Effect) -> set[int]:
        plan = self.plan
        dirty: set[int] = set()
        for device_id in effect.recheck:
            cid = self._comp_of.get(device_id)
            if cid is not None:
                dirty.add(cid)
            was = device_id in self._boundary
            now = plan.has_device(device_id) and is_boundary(plan, plan.device(device_id))
            if was != now or (was and effect.attributes) or (was and not plan.has_device(device_id)):
                dirty |= self._users.get(device_id, set())
            if now:
                self._boundary.add(device_id)
            else:
                self._boundary.discard(device_id)
        return dirty

    def _owner_of(self, finding: Finding) -> int:
        for device_id in finding.devices:
            if device_id not in self._boundary:
                return self._comp_of[device_id]
        return self._comp_of[finding.devices[0]]

    # --- the plan-wide rule ---------------------------------------------------------------

    def _global_findings(self, phones: list[str], surviving: int) -> list[Finding]:
        plan = self.plan
        if not phones or surviving:
            return []
        phones = sorted(phones, key=plan.device_order)
        analysis_names = [_name(plan.device(p)) for p in phones[:3]]
        draft = no_lifeline_draft(phones, surviving, analysis_names)
        if draft is None:
            return []
        finding = self.judge.finding(PLAN_RULE.stamp(draft))
        return [finding] if finding else []

    def _refresh_global(self) -> None:
        # Cheap in the common case: FX501 only fires when no phone survives a power cut.
        if self._surviving_total or not self._phone_total:
            self._global = []
        else:
            phones = [p for comp in self._comps.values() for p in comp.phones]
            self._global = self._global_findings(phones, self._surviving_total)
        self._sorted = None

    def _waived(self, finding: Finding) -> bool:
        return self.judge.is_waived(finding.code, finding.subjects)


def _verdict_key(finding: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return (finding.code, finding.devices, finding.ports)


def _name(device: Device) -> str:
    return one_line(device.name, 60)
