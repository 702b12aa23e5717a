"""The drill record: what a drilled plan carries under its "fxdesigner_drill" key.

Plain data, written as JSON into the plan (an unknown top-level key, which the
plan format keeps on load and save) and read back strictly: a drill file is
untrusted input like any plan, so a damaged record is a DrillError with one
line naming the place, never a traceback. drills.py makes and judges drills.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from fxdesigner.lessons.fault_ops import FaultDataError, ops_edit, parse_port
from fxdesigner.lessons.faults import KINDS_BY_ID, Snapshot
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Device, Plan
from fxdesigner.rules.findings import SCENARIOS

DRILL_KEY: Final = "fxdesigner_drill"
FORMAT: Final = "fxdesigner-drill"
VERSION: Final = 1
MAX_FAULTS: Final = 3


class DrillError(ValueError):
    """A drill cannot be made or read; str() is one line for the user."""


@dataclass(frozen=True)
class StationRef:
    """A station a fault silenced, found again by id or, if re-placed, by type and label."""

    id: str
    type: str
    label: str | None

    def resolve(self, plan: Plan) -> Device | None:
        if plan.has_device(self.id) and plan.device(self.id).type == self.type:
            return plan.device(self.id)
        if self.label is None:
            return None
        return next((d for d in plan.iter_devices() if d.type == self.type and d.label == self.label), None)


@dataclass(frozen=True)
class InjectedFault:
    kind: str
    title: str
    description: str
    changes: tuple[str, ...]
    #: JSON operations restoring the original wiring (see faults.op_edit).
    undo: tuple[dict[str, Any], ...]
    #: (scenario, code) of the findings the fault created about its key subjects.
    watch: tuple[tuple[str, str], ...]
    watch_devices: tuple[str, ...]
    watch_ports: tuple[str, ...]
    dial_tone: tuple[StationRef, ...] = ()
    #: (scenario, device id): devices that had a way out and lost it.
    exits: tuple[tuple[str, str], ...] = ()
    lifeline: dict[str, Any] | None = None

    @property
    def scenarios(self) -> tuple[str, ...]:
        """Scenarios in which the fault shows, in SCENARIOS order (a hint for the learner)."""
        seen = {s for s, _ in self.watch}
        return tuple(s for s in SCENARIOS if s in seen)

    def restore_edit(self) -> e.CompoundEdit:
        """The reference fix: put the original wiring back (raises FaultDataError if it no longer fits)."""
        return ops_edit(list(self.undo), f"Undo drill fault: {self.title}", f"{DRILL_KEY}.{self.kind}.undo")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "description": self.description,
            "changes": list(self.changes),
            "undo": [dict(op) for op in self.undo],
            "watch": [list(w) for w in self.watch],
            "watch_devices": list(self.watch_devices),
            "watch_ports": list(self.watch_ports),
            "dial_tone": [{"id": s.id, "type": s.type, "label": s.label} for s in self.dial_tone],
            "exits": [list(x) for x in self.exits],
            "lifeline": self.lifeline,
        }


@dataclass(frozen=True)
class Baseline:
    """What the engine said about the original plan: enough to judge "nothing new is broken"."""

    #: (scenario, code, device ids, ports, device types) of every finding.
    findings: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]
    #: Stations that call out, counted by scenario and type.
    reach: dict[str, dict[str, int]]

    @classmethod
    def of(cls, snap: Snapshot) -> Baseline:
        plan = snap.plan
        found = tuple(
            (s, f.code, f.devices, f.ports, types_of(plan, f.devices)) for s, f in snap.all_findings()
        )
        return cls(found, reach_counts(snap))

    def exact(self) -> set[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
        return {(s, code, devices, ports) for s, code, devices, ports, _ in self.findings}

    def coarse(self) -> Counter[tuple[str, str, tuple[str, ...]]]:
        return Counter((s, code, types) for s, code, _, _, types in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [[s, c, list(d), list(p), list(t)] for s, c, d, p, t in self.findings],
            "reach": self.reach,
        }


def types_of(plan: Plan, device_ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(plan.device(d).type for d in device_ids if plan.has_device(d)))


def reach_counts(snap: Snapshot) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for scenario in SCENARIOS:
        by_type = Counter(snap.plan.device(d).type for d in snap.reach[scenario])
        counts[scenario] = dict(sorted(by_type.items()))
    return counts


@dataclass
class Drill:
    #: The faulty plan, carrying this record under DRILL_KEY.
    plan: Plan
    faults: tuple[InjectedFault, ...]
    seed: int
    baseline: Baseline
    time_limit_s: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "seed": self.seed,
            "time_limit_s": self.time_limit_s,
            "faults": [f.to_json() for f in self.faults],
            "baseline": self.baseline.to_json(),
        }

    def restore_edit(self) -> e.CompoundEdit:
        """Undo every fault (last injected first): the plan's original wiring."""
        return e.CompoundEdit("Undo every drill fault", [f.restore_edit() for f in reversed(self.faults)])


# --- reading a drill back from a plan ------------------------------------------------------------------


def drill_from_plan(plan: Plan) -> Drill | None:
    """The drill a plan carries, or None; raises DrillError when the record is damaged."""
    raw = plan.extra.get(DRILL_KEY)
    if raw is None:
        return None
    where = DRILL_KEY
    try:
        return _parse_drill(raw, plan, where)
    except FaultDataError as exc:
        raise DrillError(str(exc)) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise DrillError(f"{where}: damaged drill record ({exc})") from None


def _want(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise DrillError(f"{where}: expected {what}")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    _want(isinstance(value, list) and all(isinstance(v, str) for v in value), where, "a list of strings")
    return tuple(value)


def _parse_drill(raw: Any, plan: Plan, where: str) -> Drill:
    _want(isinstance(raw, dict), where, "an object")
    _want(raw.get("format") == FORMAT, f"{where}.format", f'"{FORMAT}"')
    _want(raw.get("version") == VERSION, f"{where}.version", str(VERSION))
    seed, limit = raw.get("seed"), raw.get("time_limit_s")
    _want(isinstance(seed, int) and not isinstance(seed, bool), f"{where}.seed", "a whole number")
    _want(
        limit is None or (isinstance(limit, int) and not isinstance(limit, bool) and limit > 0),
        f"{where}.time_limit_s",
        "a positive whole number or null",
    )
    items = raw.get("faults")
    _want(
        isinstance(items, list) and 1 <= len(items) <= MAX_FAULTS,
        f"{where}.faults",
        f"a list of 1 to {MAX_FAULTS} faults",
    )
    faults = tuple(_parse_fault(item, f"{where}.faults[{i}]") for i, item in enumerate(items))
    return Drill(plan, faults, seed, _parse_baseline(raw.get("baseline"), f"{where}.baseline"), limit)


def _parse_fault(raw: Any, where: str) -> InjectedFault:
    _want(isinstance(raw, dict), where, "an object")
    kind = raw.get("kind")
    _want(kind in KINDS_BY_ID, f"{where}.kind", "a known fault kind")
    for key in ("title", "description"):
        _want(isinstance(raw.get(key), str), f"{where}.{key}", "text")
    undo = raw.get("undo")
    _want(
        isinstance(undo, list) and all(isinstance(op, dict) for op in undo),
        f"{where}.undo",
        "a list of operations",
    )
    watch = raw.get("watch")
    _want(
        isinstance(watch, list)
        and all(
            isinstance(w, list) and len(w) == 2 and w[0] in SCENARIOS and isinstance(w[1], str) for w in watch
        ),
        f"{where}.watch",
        "a list of [scenario, code] pairs",
    )
    stations = raw.get("dial_tone", [])
    _want(
        isinstance(stations, list)
        and all(
            isinstance(s, dict)
            and isinstance(s.get("id"), str)
            and isinstance(s.get("type"), str)
            and (s.get("label") is None or isinstance(s.get("label"), str))
            for s in stations
        ),
        f"{where}.dial_tone",
        "a list of stations",
    )
    exits = raw.get("exits", [])
    _want(
        isinstance(exits, list)
        and all(
            isinstance(x, list) and len(x) == 2 and x[0] in SCENARIOS and isinstance(x[1], str) for x in exits
        ),
        f"{where}.exits",
        "a list of [scenario, device] pairs",
    )
    lifeline = raw.get("lifeline")
    if lifeline is not None:
        _want(
            isinstance(lifeline, dict)
            and isinstance(lifeline.get("scenarios"), list)
            and all(s in SCENARIOS for s in lifeline["scenarios"]),
            f"{where}.lifeline",
            "a lifeline record",
        )
        parse_port(lifeline.get("port"), f"{where}.lifeline.port")
    return InjectedFault(
        kind=kind,
        title=raw["title"],
        description=raw["description"],
        changes=_strings(raw.get("changes", []), f"{where}.changes"),
        undo=tuple(undo),
        watch=tuple((w[0], w[1]) for w in watch),
        watch_devices=_strings(raw.get("watch_devices", []), f"{where}.watch_devices"),
        watch_ports=_strings(raw.get("watch_ports", []), f"{where}.watch_ports"),
        dial_tone=tuple(StationRef(s["id"], s["type"], s.get("label")) for s in stations),
        exits=tuple((x[0], x[1]) for x in exits),
        lifeline=lifeline,
    )


def _parse_baseline(raw: Any, where: str) -> Baseline:
    _want(isinstance(raw, dict), where, "an object")
    items = raw.get("findings")
    _want(isinstance(items, list), f"{where}.findings", "a list")
    findings = []
    for i, item in enumerate(items):
        at = f"{where}.findings[{i}]"
        _want(
            isinstance(item, list) and len(item) == 5 and item[0] in SCENARIOS and isinstance(item[1], str),
            at,
            "[scenario, code, devices, ports, types]",
        )
        findings.append(
            (item[0], item[1], _strings(item[2], at), _strings(item[3], at), _strings(item[4], at))
        )
    reach = raw.get("reach")
    _want(
        isinstance(reach, dict)
        and all(
            s in SCENARIOS
            and isinstance(v, dict)
            and all(
                isinstance(t, str) and isinstance(n, int) and not isinstance(n, bool) for t, n in v.items()
            )
            for s, v in reach.items()
        ),
        f"{where}.reach",
        "counts by scenario and device type",
    )
    return Baseline(tuple(findings), {s: dict(v) for s, v in reach.items()})
