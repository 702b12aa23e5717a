"""Who can call out: each station now, in a power cut and when the internet is down.

Worked out with the rules engine's scenarios (rules.md "A station reaches the
outside"). On a big plan the three scenarios cost about a second, so results
are kept per *component* (devices joined by cables, as the incremental checker
splits the plan): after an edit only the components that hold a touched device
are worked out again. Reach never crosses components: the checker relies on the
same fact for its per-component findings, and shared internet clouds (boundary
devices) behave the same for every site they serve.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, NamedTuple

from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Plan
from fxdesigner.rules.components import boundary_devices, component_analysis, split_components
from fxdesigner.rules.engine import collector_paused
from fxdesigner.rules.reach import INTERNET, NONE, POWER

SCENARIO_ORDER: Final = (NONE, POWER, INTERNET)


class Reach(NamedTuple):
    """Whether one station reaches the outside in each scenario."""

    now: bool
    power_cut: bool
    internet_down: bool

    def in_scenario(self, scenario: str) -> bool:
        return self[SCENARIO_ORDER.index(scenario)]


class Marks(NamedTuple):
    """What the scenario view draws on one device in one scenario: whether it is down
    (no power, no internet) and the lifeline relays it closes, as (fxs, fxo) port pairs."""

    down: bool
    relays: tuple[tuple[str, str], ...]


NO_MARKS: Final = Marks(False, ())


@dataclass(frozen=True)
class ReachCounts:
    stations: int
    now: int
    power_cut: int
    internet_down: int


ComponentOf = Callable[[str], frozenset[str]]


class ReachCache:
    """Station reach by component, kept until an edit touches the component.

    After an edit only the components around the touched devices are worked
    out again, so keeping the summary up to date costs in proportion to the
    edit, not to the plan.
    """

    def __init__(self) -> None:
        self._stations_of: dict[frozenset[str], list[str]] = {}
        self._home_of: dict[str, frozenset[str]] = {}
        self._reach: dict[str, Reach] = {}
        #: (device id, scenario) -> its marks, for devices that are down or close a relay.
        self._marks: dict[tuple[str, str], Marks] = {}
        #: Devices whose components must be worked out again (None: all of them).
        self._seeds: set[str] | None = None

    def invalidate(self, devices: Iterable[str] | None = None, plan: Plan | None = None) -> None:
        """Forget the components holding these devices (None: forget everything).

        An internet cloud is shared by many components, and a change to it (its
        power, say) changes every one of them, so touching one forgets everything.
        """
        devices = None if devices is None else list(devices)
        if (
            devices is not None
            and plan is not None
            and any(plan.has_device(d) and plan.device(d).type == "internet" for d in devices)
        ):
            devices = None
        if devices is None:
            self._stations_of.clear()
            self._home_of.clear()
            self._reach.clear()
            self._marks.clear()
            self._seeds = None
            return
        if self._seeds is None:
            return
        for device_id in devices:
            self._seeds.add(device_id)
            home = self._home_of.get(device_id)
            if home is None:
                continue
            # The component may have split: every member is worked out again.
            for member in home:
                self._home_of.pop(member, None)
                self._seeds.add(member)
                for scenario in SCENARIO_ORDER:
                    self._marks.pop((member, scenario), None)
            for station in self._stations_of.pop(home, ()):
                self._reach.pop(station, None)

    def reach(self, plan: Plan, component_of: ComponentOf | None = None) -> dict[str, Reach]:
        """Every station's reach (a view of the cache: do not change it).

        component_of gives a device's component (the incremental checker's
        Checker.component_of); without it the components are worked out here.
        """
        if component_of is None:
            component_of = _components(plan)
        if self._seeds is None:
            seeds = [d.id for d in plan.iter_devices()]
        else:
            seeds = [d for d in self._seeds if plan.has_device(d)]
        self._seeds = set()
        pending: dict[frozenset[str], None] = {}
        for device_id in seeds:
            if device_id not in self._home_of:
                pending[component_of(device_id)] = None
        if pending:
            with collector_paused():
                for home in pending:
                    if home not in self._stations_of:
                        self._store(home, *_analyse(plan, home))
        return self._reach

    def marks(self, plan: Plan, device_id: str, scenario: str,
              component_of: ComponentOf | None = None) -> Marks:
        """How a device looks in a scenario (brought up to date like reach())."""
        if self._seeds is None or self._seeds:
            self.reach(plan, component_of)
        return self._marks.get((device_id, scenario), NO_MARKS)

    def counts(self, plan: Plan, component_of: ComponentOf | None = None) -> ReachCounts:
        reach = self.reach(plan, component_of)
        values = reach.values()
        return ReachCounts(
            len(reach),
            sum(1 for r in values if r.now),
            sum(1 for r in values if r.power_cut),
            sum(1 for r in values if r.internet_down),
        )

    def _store(self, home: frozenset[str], reach: dict[str, Reach],
               marks: dict[tuple[str, str], Marks]) -> None:
        self._stations_of[home] = list(reach)
        self._reach.update(reach)
        self._marks.update(marks)
        for device_id in home:
            self._home_of[device_id] = home


def _analyse(plan: Plan, home: frozenset[str]) -> tuple[dict[str, Reach], dict[tuple[str, str], Marks]]:
    # Every cable of the component's own devices: for a shared internet cloud's own
    # component that is more than the checker takes, but such a component holds no
    # station, so its reach is empty either way.
    link_ids = dict.fromkeys(x for device_id in home for x in plan.links_of_device(device_id))
    analysis = component_analysis(plan, home, (plan.link(x) for x in link_ids))
    states = [analysis.state(s) for s in SCENARIO_ORDER]
    reach = {
        d.id: Reach(*(state.reaches_outside(d) for state in states))
        for d in analysis.context.devices
        if d.id in home and d.type in STATION_TYPES
    }
    marks: dict[tuple[str, str], Marks] = {}
    for scenario, state in zip(SCENARIO_ORDER, states, strict=True):
        relays: dict[str, list[tuple[str, str]]] = {}
        for fxs, fxo in state.relays:
            relays.setdefault(fxs.device, []).append((fxs.port, fxo.port))
        for device_id in home:
            down = not state.up.get(device_id, True)
            closed = tuple(relays.get(device_id, ()))
            if down or closed:
                marks[device_id, scenario] = Marks(down, closed)
    return reach, marks


def _components(plan: Plan) -> ComponentOf:
    """Devices joined by cables, not crossing shared internet clouds (as the checker splits them)."""
    home_of: dict[str, frozenset[str]] = {}
    for home in split_components(plan, (d.id for d in plan.iter_devices()), boundary_devices(plan)):
        for member in home:
            home_of[member] = home
    return home_of.__getitem__


# --- counts of what is on the plan ---------------------------------------------------------


@dataclass(frozen=True)
class DeviceCounts:
    by_type: dict[str, int]

    def __getitem__(self, device_type: str) -> int:
        return self.by_type.get(device_type, 0)

    def total(self, types: Iterable[str]) -> int:
        return sum(self[t] for t in types)


def device_counts(plan: Plan) -> DeviceCounts:
    counts: dict[str, int] = {}
    for device in plan.iter_devices():
        counts[device.type] = counts.get(device.type, 0) + 1
    return DeviceCounts(counts)
