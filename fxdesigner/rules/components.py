"""Splitting a plan into components, and the analysis of one component.

A component is a group of devices joined by cables. Findings and reach never
cross components, so the incremental checker (engine.Checker) and the
explainer's reach summary (explain.summary) both work component by component,
with the split and the per-component analysis written here once.

Shared internet clouds are the exception: an internet device whose ports are all
Ethernet, each with at most one cable, and which is not PoE-powered, behaves the
same for every site it serves, so it is a *boundary*: each site's component sees
it but components do not merge through it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable

from fxdesigner.model.kinds import ETHERNET, POWER_POE, device_power
from fxdesigner.model.plan import Device, Link, Plan, PortRef
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.reach import NONE
from fxdesigner.rules.topology import Context


def is_boundary(plan: Plan, device: Device) -> bool:
    if device.type != "internet" or device_power(device.type, device.properties) == POWER_POE:
        return False
    for port in device.ports:
        if port.kind != ETHERNET or len(plan.links_at(PortRef(device.id, port.id))) > 1:
            return False
    return True


def boundary_devices(plan: Plan) -> set[str]:
    return {d.id for d in plan.iter_devices() if is_boundary(plan, d)}


def split_components(plan: Plan, seeds: Iterable[str], boundary: Collection[str]) -> list[frozenset[str]]:
    """Connected groups of devices reached from seeds, not crossing boundary devices.

    A boundary device is a component of its own. Seeds that are gone from the
    plan, or already in a group, are skipped.
    """
    seen: set[str] = set()
    homes: list[frozenset[str]] = []
    for seed in seeds:
        if seed in seen or not plan.has_device(seed):
            continue
        seen.add(seed)
        if seed in boundary:
            homes.append(frozenset((seed,)))
            continue
        group = {seed}
        queue = deque((seed,))
        while queue:
            for neighbour in plan.neighbours(queue.popleft()):
                if neighbour in seen or neighbour in boundary:
                    continue
                seen.add(neighbour)
                group.add(neighbour)
                queue.append(neighbour)
        homes.append(frozenset(group))
    return homes


def component_analysis(plan: Plan, home: frozenset[str], links: Iterable[Link], scenario: str = NONE) -> Analysis:
    """The analysis of one component: its home devices, these cables, and the far ends they reach.

    The far end of a component's cable outside it can only be a shared internet
    cloud; it is analysed with the component but its own findings belong elsewhere.
    """
    links = sorted(links, key=lambda link: plan.link_order(link.id))
    members = set(home)
    for link in links:
        members.add(link.a.device)
        members.add(link.b.device)
    devices = sorted((plan.device(d) for d in members), key=lambda d: plan.device_order(d.id))
    return Analysis(Context(plan, devices, links, home), scenario)
