"""Call paths: from a station, jack by jack, to the street line or the internet.

Used by `fxdesigner trace`, by the designer's Trace view and by FX202 messages
(which say where a path stops, or what went down on it).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from fxdesigner.model.kinds import DIGITAL, ETHERNET, ETHERNET_JOINING_TYPES, FXO, FXS, PASSIVE, PSTN
from fxdesigner.model.plan import Device, PortRef
from fxdesigner.model.text import join_words
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.reach import INTERNET, POWER, ScenarioState


@dataclass(frozen=True)
class Hop:
    """One jack on the way out, and the cable (or relay) that leads to the next hop."""

    device: str
    port: str
    kind: str
    role: str
    link: str | None = None
    relay: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "port": self.port,
            "kind": self.kind,
            "role": self.role,
            "link": self.link,
            "relay": self.relay,
        }


@dataclass
class CallPath:
    station: str
    scenario: str
    reaches: bool
    hops: list[Hop] = field(default_factory=list)
    exit: str | None = None
    stop_device: str | None = None
    stop_reason: str | None = None

    def devices(self) -> list[str]:
        return list(dict.fromkeys(h.device for h in self.hops))

    def to_json(self) -> dict[str, Any]:
        return {
            "station": self.station,
            "scenario": self.scenario,
            "reaches_outside": self.reaches,
            "hops": [h.to_json() for h in self.hops],
            "exit": self.exit,
            "stop": None
            if self.reaches
            else {"device": self.stop_device, "reason": self.stop_reason},
        }


def jack_role(a: Analysis, ref: PortRef) -> str:
    port = a.topology.port[ref]
    device = a.topology.device[ref.device]
    kind = port.kind
    if kind == FXO:
        if ref == a.topology.line_jack(device.id):
            return "line jack (FXO): draws dial tone"
        return "trunk / LINE jack (FXO): takes dial tone from the line"
    if kind == FXS:
        return "station jack (FXS): supplies battery, ringing and dial tone"
    if kind == PSTN:
        return "street line (exchange end): supplies battery, ringing and dial tone"
    if kind == PASSIVE:
        return "passive jack: passes the pair through"
    if kind == DIGITAL:
        return "digital station jack"
    if device.type == "internet":
        return "the internet and the VoIP provider"
    role = port.properties.get("role")
    if role == "wan":
        return "Ethernet (WAN): towards the internet"
    if role == "lan":
        return "Ethernet (LAN)"
    return "Ethernet"


# --- graphs for one pair or one network -------------------------------------------------


def _pair_graph(a: Analysis, state: ScenarioState, ref: PortRef) -> nx.Graph:
    # One graph per pair and scenario, shared by every path through it: a power
    # cut can need the paths of thousands of stations (FX202's "what went down").
    return _cached(state, ("pair", state.group_of(ref)), lambda: _build_pair_graph(a, state, ref))


def _cached(state: ScenarioState, key: tuple[str, int], build: Callable[[], nx.Graph]) -> nx.Graph:
    """The graph stored under key in the scenario state, built on first use."""
    graph = state.graphs.get(key)
    if graph is None:
        graph = state.graphs[key] = build()
    return graph


def _build_pair_graph(a: Analysis, state: ScenarioState, ref: PortRef) -> nx.Graph:
    topo = a.topology
    ports = state.group_ports(ref)
    members = set(ports)
    graph = nx.Graph()
    graph.add_nodes_from(ports)
    passive_by_device: dict[str, list[PortRef]] = {}
    for r in ports:
        if topo.port[r].kind == PASSIVE:
            passive_by_device.setdefault(r.device, []).append(r)
    for group in passive_by_device.values():
        for other in group[1:]:
            graph.add_edge(group[0], other, link=None, relay=False, weight=0.0)
    for r in ports:
        for link_id in a.plan.links_at(r):
            link = a.plan.link(link_id)
            far = link.other_end(r)
            if far in members:
                length = link.properties.get("length_m")
                weight = float(length) if isinstance(length, (int, float)) and not isinstance(length, bool) else 0.0
                # Two cables between the same jacks: the shorter one is the path of least length.
                if not graph.has_edge(r, far) or graph.edges[r, far]["weight"] > weight:
                    graph.add_edge(r, far, link=link_id, relay=False, weight=weight)
    for fxs, fxo in state.relays:
        if fxs in members:
            graph.add_edge(fxs, fxo, link=None, relay=True, weight=0.0)
    return graph


def _network_graph(a: Analysis, state: ScenarioState, ref: PortRef) -> nx.Graph:
    return _cached(state, ("network", state.network_of[ref]), lambda: _build_network_graph(a, state, ref))


def _build_network_graph(a: Analysis, state: ScenarioState, ref: PortRef) -> nx.Graph:
    topo = a.topology
    network = state.network_of[ref]
    ports = state.network_ports[network]
    members = set(ports)
    graph = nx.Graph()
    graph.add_nodes_from(ports)
    by_device: dict[str, list[PortRef]] = {}
    for r in ports:
        device = topo.device[r.device]
        if device.type in ETHERNET_JOINING_TYPES and state.up[device.id]:
            by_device.setdefault(r.device, []).append(r)
        for link_id in a.plan.links_at(r):
            far = a.plan.link(link_id).other_end(r)
            if far in members:
                graph.add_edge(r, far, link=link_id, relay=False)
    for group in by_device.values():
        for other in group[1:]:
            graph.add_edge(group[0], other, link=None, relay=False)
    return graph


def _walk(a: Analysis, graph: nx.Graph, start: PortRef, end: PortRef) -> list[Hop]:
    """Hops from start to end (end excluded), each carrying the cable to the next."""
    try:
        nodes = nx.shortest_path(graph, start, end)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        nodes = [start, end]
    hops: list[Hop] = []
    for here, nxt in itertools.pairwise(nodes):
        data = graph.get_edge_data(here, nxt) or {}
        kind = a.topology.port[here].kind
        hops.append(Hop(here.device, here.port, kind, jack_role(a, here), data.get("link"), bool(data.get("relay"))))
    return hops


def _pair_walk(a: Analysis, state: ScenarioState, start: PortRef, end: PortRef) -> list[Hop]:
    """Hops along one pair. Most stations are cabled straight to their source: no graph needed."""
    best: tuple[float, str] | None = None
    for link_id in a.plan.links_at(start):
        link = a.plan.link(link_id)
        if link.other_end(start) != end:
            continue
        length = link.properties.get("length_m")
        weight = float(length) if isinstance(length, (int, float)) and not isinstance(length, bool) else 0.0
        if best is None or weight < best[0]:
            best = (weight, link_id)
    if best is not None:
        return [Hop(start.device, start.port, a.topology.port[start].kind, jack_role(a, start), best[1], False)]
    return _walk(a, _pair_graph(a, state, start), start, end)


def _hop(a: Analysis, ref: PortRef) -> Hop:
    return Hop(ref.device, ref.port, a.topology.port[ref].kind, jack_role(a, ref))


# --- the path itself -----------------------------------------------------------------------


def call_path(a: Analysis, state: ScenarioState, station: Device) -> CallPath:
    path = CallPath(station.id, state.scenario, reaches=state.reaches_outside(station))
    jack = a.topology.line_jack(station.id)
    if jack is None:
        path.stop_device, path.stop_reason = station.id, f"{a.device_name(station.id)} has no line jack"
        return path
    if not state.up[station.id]:
        path.hops.append(_hop(a, jack))
        path.stop_device, path.stop_reason = station.id, f"{a.device_name(station.id)} {_down_words(state)}"
        return path
    if station.type == "ip-phone":
        return _ip_path(a, state, jack, path)
    if station.type == "digital-phone":
        peer = state.digital_peer(jack)
        if peer is None:
            path.hops.append(_hop(a, jack))
            path.stop_device = station.id
            path.stop_reason = "its cable does not lead to exactly one digital station jack on a PBX"
            return path
        path.hops += _pair_walk(a, state, jack, peer)
        return _continue(a, state, peer, path)
    source = state.fed_by(jack)
    if source is None:
        path.hops.append(_hop(a, jack))
        path.stop_device = station.id
        path.stop_reason = _no_feed_words(a, state, jack)
        return path
    path.hops += _pair_walk(a, state, jack, source)
    if a.topology.port[source].kind == PSTN:
        path.hops.append(_hop(a, source))
        path.exit = f"the street line {a.device_name(source.device)}"
        return path
    return _continue(a, state, source, path)


def _ip_path(a: Analysis, state: ScenarioState, jack: PortRef, path: CallPath) -> CallPath:
    network = state.network_of.get(jack)
    exits = [p for p in state.network_ports.get(network, []) if state.has_exit(p.device)] if network is not None else []
    if not exits:
        path.hops.append(_hop(a, jack))
        path.stop_device = path.station
        if not a.plan.links_at(jack):
            path.stop_reason = "its network jack is not connected"
        else:
            path.stop_reason = "its network has no router, gateway or PBX with a way out"
        return path
    target = exits[0]
    path.hops += _walk(a, _network_graph(a, state, jack), jack, target)
    return _continue(a, state, target, path)


def _continue(a: Analysis, state: ScenarioState, entry: PortRef, path: CallPath) -> CallPath:
    """From a jack on a switching device onwards, following how that device gets out.

    Every station fed by the same jack shares this part of the path, so it is
    worked out once per jack and scenario.
    """
    cached = state.continuations.get(entry)
    if cached is None:
        tail = CallPath(path.station, state.scenario, reaches=True)
        _follow(a, state, entry, tail)
        cached = state.continuations[entry] = (
            tuple(tail.hops), tail.reaches, tail.exit, tail.stop_device, tail.stop_reason)
    hops, reaches, exit_, stop_device, stop_reason = cached
    path.hops += hops
    if not reaches:
        path.reaches = False
    path.exit, path.stop_device, path.stop_reason = exit_, stop_device, stop_reason
    return path


def _follow(a: Analysis, state: ScenarioState, entry: PortRef, path: CallPath) -> CallPath:
    seen: set[str] = set()
    while entry.device not in seen:  # exits form a tree; the guard only protects damaged input
        device_id = entry.device
        seen.add(device_id)
        path.hops.append(_hop(a, entry))
        via = state.exit_via.get(device_id)
        if via is None:
            path.reaches = False
            path.stop_device = device_id
            path.stop_reason = device_block_words(a, state, device_id)
            return path
        if via.kind == "internet":
            path.exit = f"the internet ({a.device_name(device_id)})"
            return path
        assert via.port is not None and via.far_port is not None
        if via.port == entry:
            path.hops.pop()
        if via.kind == "ip":
            graph = _network_graph(a, state, via.port)
        else:
            graph = _pair_graph(a, state, via.port)
        path.hops += _walk(a, graph, via.port, via.far_port)
        if via.kind == "street":
            path.hops.append(_hop(a, via.far_port))
            path.exit = f"the street line {a.device_name(via.far_port.device)}"
            return path
        entry = via.far_port
    return path


# --- words ------------------------------------------------------------------------------------


def _down_words(state: ScenarioState) -> str:
    return "has no power" if state.scenario == POWER else "is down"


def _no_feed_words(a: Analysis, state: ScenarioState, jack: PortRef) -> str:
    sources = state.live_sources.get(state.group_of(jack), [])
    if not sources:
        if not a.plan.links_at(jack):
            return "its line jack is not connected"
        dead = [r for r in state.group_ports(jack) if r in a.topology.segment(r).sources]
        if dead:
            return f"its dial tone comes from {a.jack(dead[0])}, but {a.device_name(dead[0].device)} " + (
                "has no power" if state.scenario == POWER else "is down")
        return "nothing on its line supplies dial tone"
    return f"its line has {len(sources)} dial tone sources ({a.jacks(sources)}), so none works"


def device_block_words(a: Analysis, state: ScenarioState, device_id: str) -> str:
    """Why a switching device has no way out, in words."""
    device = a.topology.device[device_id]
    name = a.device_name(device_id)
    if not state.up[device_id]:
        return f"{name} {_down_words(state)}"
    reasons = []
    eth = [PortRef(device_id, p.id) for p in device.ports if p.kind == ETHERNET]
    trunks = [PortRef(device_id, p.id) for p in device.ports if p.kind == FXO]
    if eth:
        if not any(a.plan.links_at(r) for r in eth):
            reasons.append("its network jack is not connected")
        else:
            reasons.append("its network has no internet connection")
    if trunks:
        if not any(a.plan.links_at(r) for r in trunks):
            reasons.append("no trunk (FXO) jack is connected to a line")
        else:
            reasons.append("its trunk (FXO) jacks get no working line")
    if not reasons:
        reasons.append("it has no trunk or network connection")
    return f"{name} has no way out: {join_words(reasons)}"


def scenario_cause(a: Analysis, normal_path: CallPath, state: ScenarioState) -> tuple[str, str | None]:
    """What went down on a path that worked in the normal state."""
    for device_id in normal_path.devices():
        if not state.up.get(device_id, True):
            words = "has no power" if state.scenario == POWER else "is down"
            if state.scenario == INTERNET and a.topology.device[device_id].type != "internet":
                words = "is down"
            return f"{a.device_name(device_id)} {words}", device_id
    if state.scenario == INTERNET:
        return "the internet is down", None
    return "its call path is cut", None
