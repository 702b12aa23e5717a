"""FX3xx — electrical limits: ringer load, loop length, wiring that leaves the building."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import networkx as nx

from fxdesigner.model.kinds import FXO, FXS, PSTN, device_ren, port_ren_budget
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.analysis import Analysis, Draft
from fxdesigner.rules.paths import _pair_graph
from fxdesigner.rules.topology import Segment


def _fed_segments(a: Analysis, kind: str) -> Iterator[tuple[Segment, PortRef]]:
    """Home segments whose only source is a port of the given kind (normal state)."""
    topo = a.topology
    for segment in a.home_segments():
        sources = topo.sources(segment)
        if len(sources) == 1 and topo.port[sources[0]].kind == kind:
            yield segment, sources[0]


def _ren_sum(a: Analysis, segment: Segment) -> tuple[float, list[PortRef], list[str]]:
    topo = a.topology
    loads = topo.ports_of_kind(segment, FXO)
    owners = topo.devices_of(loads)
    total = 0.0
    for device_id in owners:
        device = topo.device[device_id]
        ren = device_ren(device.type, device.properties)
        total += 1.0 if ren is None else ren
    return total, loads, owners


def _ren_findings(a: Analysis, kind: str) -> Iterator[Draft]:
    topo = a.topology
    for segment, source in _fed_segments(a, kind):
        port = topo.port[source]
        budget = port_ren_budget(port.kind, port.properties, a.region)
        if budget is None:
            continue
        total, loads, owners = _ren_sum(a, segment)
        if total <= budget + 1e-9:
            continue
        if kind == FXS:
            message = (
                f"The ringers on {a.jack(source)} add up to REN {total:g}, more than the {budget:g} "
                "it can drive: some phones will not ring."
            )
            fix = "Move some devices to another FXS jack, use lower-REN sets, or add a REN booster."
        else:
            message = (
                f"The ringers on the street line {a.device_name(source.device)} add up to REN {total:g}, "
                f"over the line's limit of {budget:g}: some phones may not ring."
            )
            fix = "Remove devices from the line or use lower-REN sets (a REN extender raises the limit)."
        yield a.draft(message, devices=[source.device, *owners], ports=[source, *loads], fix=fix)


def ringer_load_over_port_budget(a: Analysis) -> Iterator[Draft]:
    return _ren_findings(a, FXS)


def ringer_load_over_line_limit(a: Analysis) -> Iterator[Draft]:
    return _ren_findings(a, PSTN)


def loop_too_long(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment, source in _fed_segments(a, FXS):
        limit = topo.port[source].properties.get("max_loop_m")
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            continue
        graph = _pair_graph(a, a.normal, source)
        distances, paths = nx.single_source_dijkstra(graph, source, weight="weight")
        too_far = [
            r for r in topo.ports_of_kind(segment, FXO) if r in distances and distances[r] > limit + 1e-9
        ]
        if not too_far:
            continue
        worst = max(too_far, key=lambda r: distances[r])
        links: list[str] = []
        for r in too_far:
            nodes = paths[r]
            for u, v in itertools.pairwise(nodes):
                link_id = graph.edges[u, v].get("link")
                if link_id:
                    links.append(link_id)
        links.sort(key=a.plan.link_order)
        yield a.draft_at(
            f"The cable run from {a.jack(source)} to {a.jack(worst)} is {distances[worst]:g} m, longer than "
            f"the {limit:g} m the FXS jack is rated for: off-hook and ringing become unreliable.",
            [source, *too_far],
            links=links,
            fix="Shorten the run, move the device closer, or use a long-loop FXS port.",
        )


def fxs_wiring_leaves_building(a: Analysis) -> Iterator[Draft]:
    for segment, source in _fed_segments(a, FXS):
        for link_id in segment.links:
            link = a.plan.link(link_id)
            if link.properties.get("leaves_building") is not True:
                continue
            yield a.draft_at(
                f"A cable fed by {a.jack(source)} leaves the building: FXS pairs are in-building wiring "
                "without lightning protection.",
                [source, link.a, link.b],
                links=[link_id],
                fix="Keep FXS wiring inside the building, or use a long-loop port with primary protection.",
            )
