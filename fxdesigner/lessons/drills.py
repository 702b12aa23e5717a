"""Fault drills: copy a correct plan, inject one to three realistic faults, and judge the repair.

    drill = make_drill(plan, faults=2, seed=7)      # drill.plan is the faulty copy
    ...the learner edits drill.plan...
    status = drill_status(drill, drill.plan)       # per fault: fixed or not; solved?

A fault is only kept when the rules engine sees it: applying it must create a
finding, in the normal state, a power cut or with the internet down, that
names the fault's key subjects (the phone that was moved, the jack it went
into). A fault is *fixed* when, by meaning rather than by exact port, its
symptoms are gone: no such finding is left (beyond those the original plan
had), every station it took dial tone from has dial tone again, every device
it cut off has a way out again and, for a swapped lifeline phone, a corded
phone is back on that jack. The drill is
*solved* when every fault is fixed and nothing new is broken: no finding the
original plan lacked (compared by rule and device types, so re-placing a phone
with a new id is fine) and as many stations of each type calling out in each
scenario as before.

The drilled plan carries the drill record in the unknown top-level key
``"fxdesigner_drill"``, which the plan format keeps on load and save
(plan-format.md, "Unknown top-level keys are kept"): the designer or
``fxdesigner drill --check`` can judge progress on the saved file later. The
record holds, per fault, its kind, a description (for --reveal), the changes,
JSON operations that restore the original wiring, and what was broken; and,
for the whole drill, the seed, an optional time limit and a summary of the
original plan's findings and reach (not the plan itself).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from fxdesigner.io.plan_json import plan_from_document, plan_to_document
from fxdesigner.lessons.drill_record import (
    DRILL_KEY,
    MAX_FAULTS,
    Baseline,
    Drill,
    DrillError,
    InjectedFault,
    StationRef,
    drill_from_plan,
    reach_counts,
    types_of,
)
from fxdesigner.lessons.fault_ops import parse_port
from fxdesigner.lessons.faults import FAULT_KINDS, KINDS_BY_ID, Candidate, Snapshot
from fxdesigner.lessons.goals import TYPE_NOUN
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line, plural
from fxdesigner.rules.findings import SCENARIOS
from fxdesigner.rules.reach import SCENARIO_PHRASE

#: Candidates tried per kind before moving on: keeps a drill fast on a large plan.
TRIES_PER_KIND: Final = 6


# --- status ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    scenario: str
    code: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class FaultStatus:
    number: int
    fault: InjectedFault
    fixed: bool

    def to_json(self, reveal: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "fixed": self.fixed,
            "scenarios": list(self.fault.scenarios),
        }
        if reveal:
            out |= {
                "kind": self.fault.kind,
                "title": self.fault.title,
                "description": self.fault.description,
                "changes": list(self.fault.changes),
            }
        return out


@dataclass(frozen=True)
class DrillStatus:
    faults: tuple[FaultStatus, ...]
    #: Findings the original plan did not have (the symptoms of unfixed faults among them).
    new_problems: tuple[Problem, ...]
    #: Fewer stations of some type call out in some scenario than in the original plan.
    lost_service: tuple[str, ...]
    timed_out: bool = False

    @property
    def fixed_count(self) -> int:
        return sum(1 for f in self.faults if f.fixed)

    @property
    def remaining(self) -> int:
        return len(self.faults) - self.fixed_count

    @property
    def solved(self) -> bool:
        return self.remaining == 0 and not self.new_problems and not self.lost_service

    def summary(self) -> str:
        total = len(self.faults)
        if self.solved:
            return f"Solved: all {plural(total, 'fault')} fixed and nothing new is broken."
        text = f"{self.fixed_count} of {plural(total, 'fault')} fixed"
        if self.remaining == 0:
            text += ", but something else is broken now"
        return text + "."

    def to_json(self, reveal: bool = False) -> dict[str, Any]:
        return {
            "solved": self.solved,
            "summary": self.summary(),
            "fixed": self.fixed_count,
            "faults": [f.to_json(reveal) for f in self.faults],
            "new_problems": [p.to_json() for p in self.new_problems],
            "lost_service": list(self.lost_service),
            "timed_out": self.timed_out,
        }


def drill_status(drill: Drill, plan: Plan, *, elapsed_s: float | None = None) -> DrillStatus:
    """How far the learner is: each fault fixed or not, and anything new broken."""
    snap = Snapshot(plan)
    exact = drill.baseline.exact()
    faults = tuple(FaultStatus(i, f, is_fixed(f, snap, exact)) for i, f in enumerate(drill.faults, 1))
    timed_out = drill.time_limit_s is not None and elapsed_s is not None and elapsed_s > drill.time_limit_s
    return DrillStatus(
        faults, _new_problems(drill.baseline, snap), _lost_service(drill.baseline, snap), timed_out
    )


def is_fixed(fault: InjectedFault, snap: Snapshot, baseline_exact: set[Any]) -> bool:
    plan = snap.plan
    watch = set(fault.watch)
    devices, ports = set(fault.watch_devices), set(fault.watch_ports)
    for scenario, finding in snap.all_findings():
        if (scenario, finding.code) not in watch:
            continue
        if (scenario, finding.code, finding.devices, finding.ports) in baseline_exact:
            continue
        if devices.intersection(finding.devices) or ports.intersection(finding.ports):
            return False
    for station in fault.dial_tone:
        device = station.resolve(plan)
        if device is None or device.id not in snap.dial_tone:
            return False
    for scenario, device_id in fault.exits:
        if device_id not in snap.exits[scenario]:
            return False
    if fault.lifeline is not None:
        return _lifeline_back(fault.lifeline, snap)
    return True


def _lifeline_back(lifeline: dict[str, Any], snap: Snapshot) -> bool:
    """A corded phone is back on the jack that fed the lifeline phone.

    Whether it then survives a power cut depends on the rest of the wiring,
    which other faults may have broken; the drill's "nothing new is broken"
    check covers that.
    """
    plan = snap.plan
    port = parse_port(lifeline["port"], "lifeline.port")
    if not plan.has_device(port.device) or not plan.device(port.device).has_port(port.port):
        return False
    topo = snap.analysis.topology
    if port not in topo.segment_of:
        return False  # re-placed as a device whose jack of that name is not a phone pair
    return any(
        topo.device[ref.device].type == "analog-phone" and topo.line_jack(ref.device) == ref
        for ref in topo.segment(port).ports
    )


def _new_problems(baseline: Baseline, snap: Snapshot) -> tuple[Problem, ...]:
    allowed = baseline.coarse()
    used: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
    problems = []
    for scenario, finding in snap.all_findings():
        key = (scenario, finding.code, types_of(snap.plan, finding.devices))
        used[key] += 1
        if used[key] > allowed[key]:
            problems.append(Problem(scenario, finding.code, one_line(finding.message, 300)))
    return tuple(problems)


def _lost_service(baseline: Baseline, snap: Snapshot) -> tuple[str, ...]:
    now = reach_counts(snap)
    lost = []
    for scenario in SCENARIOS:
        for device_type, before in baseline.reach.get(scenario, {}).items():
            after = now[scenario].get(device_type, 0)
            if after < before:
                lost.append(
                    f"{after} {TYPE_NOUN.get(device_type, device_type)}(s) can call out "
                    f"{SCENARIO_PHRASE[scenario]}; the original plan had {before}."
                )
    return tuple(lost)


# --- making a drill ------------------------------------------------------------------------------------


def copy_plan(plan: Plan) -> Plan:
    """An independent copy, through the file format (so it is exactly what a save would hold)."""
    return plan_from_document(plan_to_document(plan), "<drill copy>")


def make_drill(
    plan: Plan,
    faults: int = 1,
    seed: int | None = None,
    *,
    kinds: Sequence[str] | None = None,
    time_limit_s: int | None = None,
) -> Drill:
    """A faulty copy of a correct plan with up to `faults` faults the rules engine sees.

    The same plan and seed give the same drill. Raises DrillError when the
    plan has errors, or when no fault from the catalogue applies to it; gives
    fewer faults than asked when the plan has room for fewer.
    """
    if not 1 <= faults <= MAX_FAULTS:
        raise DrillError(f"a drill has 1 to {MAX_FAULTS} faults, not {faults}")
    if time_limit_s is not None and time_limit_s <= 0:
        raise DrillError("the time limit must be positive")
    chosen = list(kinds) if kinds is not None else [k.id for k in FAULT_KINDS]
    for kind in chosen:
        if kind not in KINDS_BY_ID:
            raise DrillError(f"unknown fault kind {kind!r} (known: {', '.join(KINDS_BY_ID)})")
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    work = copy_plan(plan)
    work.extra.pop(DRILL_KEY, None)
    before = Snapshot(work)
    errors = [f for f in before.findings["none"] if f.severity == "error"]
    if errors:
        raise DrillError(
            f"the plan has {len(errors)} error(s) ({errors[0].code}: "
            f"{one_line(errors[0].message, 120)}); a drill starts from a correct plan"
        )
    baseline = Baseline.of(before)
    rng = random.Random(seed)
    injected: list[InjectedFault] = []
    busy_ports: set[str] = set()
    busy_devices: set[str] = set()
    used_kinds: list[str] = []
    for _ in range(faults):
        order = [k for k in chosen if k not in used_kinds]
        rng.shuffle(order)
        repeats = [k for k in chosen if k in used_kinds]
        rng.shuffle(repeats)
        found = None
        for kind in order + repeats:
            found = _inject_one(work, kind, before, baseline, injected, busy_ports, busy_devices, rng)
            if found is not None:
                break
        if found is None:
            break
        fault, candidate, before = found
        injected.append(fault)
        used_kinds.append(fault.kind)
        busy_ports.update(candidate.busy_ports)
        busy_devices.update(candidate.busy_devices)
    if not injected:
        raise DrillError(
            "no fault from the drill catalogue applies to this plan (it needs cabled phones, "
            "a street line, spare jacks or a network cable to work with)"
        )
    drill = Drill(work, tuple(injected), seed, baseline, time_limit_s)
    work.extra[DRILL_KEY] = drill.to_json()
    return drill


def _inject_one(
    work: Plan,
    kind: str,
    before: Snapshot,
    baseline: Baseline,
    earlier: list[InjectedFault],
    busy_ports: set[str],
    busy_devices: set[str],
    rng: random.Random,
) -> tuple[InjectedFault, Candidate, Snapshot] | None:
    candidates = [
        c
        for c in KINDS_BY_ID[kind].propose(work, before)
        if not busy_ports.intersection(c.busy_ports)
        and not busy_devices.intersection(c.busy_devices)
        and not busy_devices.intersection(c.key_devices)
    ]
    rng.shuffle(candidates)
    exact = baseline.exact()
    for candidate in candidates[:TRIES_PER_KIND]:
        edit = candidate.edit()
        edit.apply(work)
        after = Snapshot(work)
        fault = _judge(candidate, before, after, earlier)
        if (
            fault is not None
            and not is_fixed(fault, after, exact)
            and is_fixed(fault, before, exact)
            and not any(is_fixed(f, after, exact) for f in earlier)
            and all(_fixed_alone(f, work, exact) for f in earlier)
        ):
            return fault, candidate, after
        edit.revert(work)
    return None


def _fixed_alone(fault: InjectedFault, work: Plan, exact: set[Any]) -> bool:
    """Undoing this one fault fixes it, whatever the other faults did: faults must not tangle."""
    edit = fault.restore_edit()
    edit.apply(work)
    try:
        return is_fixed(fault, Snapshot(work), exact)
    finally:
        edit.revert(work)


def _judge(
    candidate: Candidate, before: Snapshot, after: Snapshot, earlier: list[InjectedFault]
) -> InjectedFault | None:
    """The fault as the engine sees it, or None when it is invisible or tangled with an earlier one."""
    plan = after.plan
    silenced = [
        d
        for d in before.plan.iter_devices()
        if d.type in STATION_TYPES
        and plan.has_device(d.id)
        and any(d.id in before.reach[s] and d.id not in after.reach[s] for s in SCENARIOS)
    ]
    lost_tone = [
        d
        for d in before.plan.iter_devices()
        if d.id in before.dial_tone and d.id not in after.dial_tone and plan.has_device(d.id)
    ]
    devices = set(candidate.key_devices) | {d.id for d in silenced} | {d.id for d in lost_tone}
    ports = set(candidate.key_ports)
    old = before.keys()
    watch: dict[tuple[str, str], None] = {}
    for scenario, finding in after.all_findings():
        if (scenario, finding.code, finding.devices, finding.ports) in old:
            continue
        for other in earlier:
            if set(other.watch_devices).intersection(finding.devices) or set(other.watch_ports).intersection(
                finding.ports
            ):
                return None
        if devices.intersection(finding.devices) or ports.intersection(finding.ports):
            watch[(scenario, finding.code)] = None
    if not watch:
        return None
    exits = tuple(
        (s, d.id)
        for s in SCENARIOS
        for d in before.plan.iter_devices()
        if d.id in before.exits[s]
        and d.id not in after.exits[s]
        and plan.has_device(d.id)
        and d.type not in STATION_TYPES
    )
    mine = devices | {d for _, d in exits}
    for other in earlier:
        theirs = set(other.watch_devices) | {d for _, d in other.exits} | {s.id for s in other.dial_tone}
        if mine & theirs:
            return None
    ordered = [d.id for d in plan.iter_devices() if d.id in devices]
    kind = KINDS_BY_ID[candidate.kind]
    return InjectedFault(
        kind=candidate.kind,
        title=kind.title,
        description=candidate.description,
        changes=tuple(candidate.changes),
        undo=tuple(candidate.undo),
        watch=tuple(watch),
        watch_devices=tuple(ordered),
        watch_ports=tuple(sorted(ports)),
        dial_tone=tuple(StationRef(d.id, d.type, d.label) for d in lost_tone),
        exits=exits,
        lifeline=candidate.lifeline,
    )


__all__ = [
    "DRILL_KEY",
    "FAULT_KINDS",
    "MAX_FAULTS",
    "Baseline",
    "Drill",
    "DrillError",
    "DrillStatus",
    "FaultStatus",
    "InjectedFault",
    "Problem",
    "StationRef",
    "copy_plan",
    "drill_from_plan",
    "drill_status",
    "is_fixed",
    "make_drill",
]
