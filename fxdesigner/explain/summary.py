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

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, NamedTuple

from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Plan
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import collector_paused, is_boundary
from fxdesigner.rules.reach import INTERNET, NONE, POWER
from fxdesigner.rules.topology import Context

SCENARIO_ORDER: Final = (NONE, POWER, INTERNET)


class Reach(NamedTuple):
    """Whether one station reaches the outside in each scenario."""

    now: bool
    power_cut: bool
    internet_down: bool


@dataclass(frozen=True)
class ReachCounts:
    stations: int
    now: int
    power_cut: int
    internet_down: int


ComponentOf = Callable[[str], frozenset[str]]


class ReachCache:
    """Station reach by component, kept until an edit touches the component."""

    def __init__(self) -> None:
        self._by_home: dict[frozenset[str], dict[str, Reach]] = {}
        self._home_of: dict[str, frozenset[str]] = {}
        self.computed_components = 0  # for tests: how much work the last calls did

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
            self._by_home.clear()
            self._home_of.clear()
            return
        for device_id in devices:
            home = self._home_of.pop(device_id, None)
            if home is not None:
                self._by_home.pop(home, None)

    def reach(self, plan: Plan, component_of: ComponentOf | None = None) -> dict[str, Reach]:
        """Every station's reach, in plan order.

        component_of gives a device's component (the incremental checker's
        Checker.component_of); without it the components are worked out here.
        """
        if component_of is None:
            component_of = _components(plan)
        result: dict[str, Reach] = {}
        pending: dict[frozenset[str], None] = {}
        for device in plan.iter_devices():
            if device.type not in STATION_TYPES:
                continue
            home = component_of(device.id)
            known = self._by_home.get(home)
            if known is None:
                pending[home] = None
        if pending:
            with collector_paused():
                for home in pending:
                    self._store(home, _analyse(plan, home))
        for device in plan.iter_devices():
            if device.type in STATION_TYPES:
                result[device.id] = self._by_home[component_of(device.id)][device.id]
        return result

    def counts(self, plan: Plan, component_of: ComponentOf | None = None) -> ReachCounts:
        reach = self.reach(plan, component_of)
        values = reach.values()
        return ReachCounts(
            len(reach),
            sum(1 for r in values if r.now),
            sum(1 for r in values if r.power_cut),
            sum(1 for r in values if r.internet_down),
        )

    def _store(self, home: frozenset[str], reach: dict[str, Reach]) -> None:
        self.computed_components += 1
        self._by_home[home] = reach
        for device_id in home:
            self._home_of[device_id] = home


def _analyse(plan: Plan, home: frozenset[str]) -> dict[str, Reach]:
    # A component's cables are those of its own devices; the far end of such a
    # cable outside the component can only be a shared internet cloud.
    link_ids: dict[str, None] = {}
    for device_id in home:
        for link_id in plan.links_of_device(device_id):
            link_ids[link_id] = None
    links = sorted((plan.link(x) for x in link_ids), key=lambda link: plan.link_order(link.id))
    members = set(home)
    for link in links:
        members.add(link.a.device)
        members.add(link.b.device)
    devices = sorted((plan.device(d) for d in members), key=lambda d: plan.device_order(d.id))
    analysis = Analysis(Context(plan, devices, links, home))
    states = [analysis.state(s) for s in SCENARIO_ORDER]
    return {
        d.id: Reach(*(state.reaches_outside(d) for state in states))
        for d in devices
        if d.id in home and d.type in STATION_TYPES
    }


def _components(plan: Plan) -> ComponentOf:
    """Devices joined by cables, not crossing shared internet clouds (as the checker splits them)."""
    boundary = {d.id for d in plan.iter_devices() if is_boundary(plan, d)}
    home_of: dict[str, frozenset[str]] = {}
    for device in plan.iter_devices():
        if device.id in home_of:
            continue
        if device.id in boundary:
            home_of[device.id] = frozenset((device.id,))
            continue
        group = {device.id}
        queue = deque((device.id,))
        while queue:
            for neighbour in plan.neighbours(queue.popleft()):
                if neighbour not in group and neighbour not in boundary:
                    group.add(neighbour)
                    queue.append(neighbour)
        home = frozenset(group)
        for member in group:
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
