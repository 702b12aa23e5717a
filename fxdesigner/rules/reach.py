"""Who can call out, under a scenario: power, sources, IP networks, outside exits.

Implements rules.md "Outage scenarios", "Outside exit" and "A station reaches
the outside" over a Topology.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Final

from fxdesigner.model.kinds import (
    DIGITAL,
    ETHERNET,
    ETHERNET_JOINING_TYPES,
    FXO,
    FXS,
    PASSIVE,
    POWER_LINE,
    POWER_POE,
    PSTN,
    STATION_TYPES,
    VOIP_TYPES,
    device_copper,
    device_power,
    device_ups,
)
from fxdesigner.model.plan import Device, PortRef
from fxdesigner.rules.topology import Topology, UnionFind

NONE: Final = "none"
POWER: Final = "power"
INTERNET: Final = "internet"

SCENARIO_PHRASE: Final = {POWER: "in a power cut", INTERNET: "when the internet is down", NONE: "now"}


def when_words(scenario: str) -> str:
    """' in a power cut' to append to a sentence; nothing for the normal case, which needs no "now"."""
    return "" if scenario == NONE else f" {SCENARIO_PHRASE[scenario]}"


@dataclass(frozen=True, slots=True)
class Via:
    """How a device got its outside exit.

    kind is "internet" (it is the internet), "street" (its jack sits on a pair
    fed by a street line), "trunk" (its FXO jack is fed by an FXS jack of a
    device with an exit) or "ip" (it shares an IP network with such a device).
    """

    kind: str
    port: PortRef | None = None  # this device's jack on the way out
    far_port: PortRef | None = None  # the jack at the other side (source or network peer)


class ScenarioState:
    def __init__(self, topology: Topology, scenario: str) -> None:
        self.topology = topology
        self.scenario = scenario
        self._merged_ports: dict[int, list[PortRef]] | None = None
        self._reach: dict[str, bool] = {}
        #: Graphs of pairs and networks built for call paths (see paths.py), by key.
        self.graphs: dict[tuple[str, int], object] = {}
        #: Call-path continuations from a switching device's jack (see paths.py).
        self.continuations: dict[PortRef, tuple[object, ...]] = {}
        self._seen_networks: set[int] = set()
        self.up = self._power_state()
        self._merge_segments()
        self._build_networks()
        self._find_exits()

    # --- which devices are up ------------------------------------------------

    def _power_state(self) -> dict[str, bool]:
        devices = self.topology.device
        if self.scenario == NONE:
            return dict.fromkeys(devices, True)
        if self.scenario == INTERNET:
            return {d.id: d.type != "internet" for d in devices.values()}
        up: dict[str, bool] = {}
        poe_devices: list[Device] = []
        for device in devices.values():
            power = device_power(device.type, device.properties)
            ups = device_ups(device.type, device.properties)
            if ups:
                up[device.id] = True
            elif device.type == "pstn-line" and not device_copper(device.properties):
                up[device.id] = False
            elif power == POWER_LINE:
                up[device.id] = True
            elif power == POWER_POE:
                poe_devices.append(device)
            else:
                up[device.id] = False
        self._resolve_poe(up, poe_devices)
        return up

    def _resolve_poe(self, up: dict[str, bool], waiting: list[Device]) -> None:
        # A PoE device lives while a directly linked poe:true port's device is up;
        # that device may itself be PoE powered, so settle it as a fixpoint.
        topo = self.topology
        plan = topo.plan
        feeds: dict[str, list[str]] = {}
        for device in waiting:
            suppliers = []
            for ref, port in topo.jacks[device.id]:
                if port.kind != ETHERNET:
                    continue
                for link_id in plan.links_at(ref):
                    far = plan.link(link_id).other_end(ref)
                    far_port = topo.port.get(far)
                    if far_port is not None and far_port.kind == ETHERNET and far_port.properties.get("poe") is True:
                        suppliers.append(far.device)
            feeds[device.id] = suppliers
        for device in waiting:
            up[device.id] = False
        changed = True
        while changed:
            changed = False
            for device in waiting:
                if not up[device.id] and any(up.get(s, False) for s in feeds[device.id]):
                    up[device.id] = True
                    changed = True

    # --- segments under the scenario ------------------------------------------

    def _merge_segments(self) -> None:
        topo = self.topology
        count = len(topo.segments)
        self.relays: list[tuple[PortRef, PortRef]] = []
        if self.scenario == POWER:
            for device in topo.device.values():
                if self.up[device.id]:
                    continue
                for ref, port in topo.jacks[device.id]:
                    target = port.properties.get("power_fail_to") if port.kind == FXS else None
                    if isinstance(target, str) and device.has_port(target):
                        self.relays.append((ref, PortRef(device.id, target)))
        if self.relays:
            uf = UnionFind(count)
            for a, b in self.relays:
                uf.union(topo.segment_of[a], topo.segment_of[b])
            self.group = [uf.find(i) for i in range(count)]
        else:
            self.group = list(range(count))
        up = self.up
        live: dict[int, list[PortRef]] = {}
        group = self.group
        for segment in topo.segments:
            for ref in segment.sources:
                if up[ref.device]:
                    live.setdefault(group[segment.index], []).append(ref)
        self.live_sources = live
        self._fed = {g: sources[0] for g, sources in live.items() if len(sources) == 1}

    def group_of(self, ref: PortRef) -> int:
        return self.group[self.topology.segment_of[ref]]

    def fed_by(self, ref: PortRef) -> PortRef | None:
        """The one live source on this port's pair, or None (no source, or several)."""
        return self._fed.get(self.group[self.topology.segment_of[ref]])

    def group_ports(self, ref: PortRef) -> list[PortRef]:
        topo = self.topology
        group = self.group_of(ref)
        if not self.relays:
            return topo.segments[group].ports
        if self._merged_ports is None:
            merged: dict[int, list[PortRef]] = {}
            for segment in topo.segments:
                merged.setdefault(self.group[segment.index], []).extend(segment.ports)
            self._merged_ports = merged
        return self._merged_ports[group]

    # --- IP networks ------------------------------------------------------------

    def _build_networks(self) -> None:
        topo = self.topology
        ports = topo.ethernet_ports
        index, linked = topo.ethernet_base()
        uf = UnionFind(0)
        uf.parent = list(linked)  # cables join the same ports in every scenario
        for device in topo.device.values():
            if device.type in ETHERNET_JOINING_TYPES and self.up[device.id]:
                first = None
                for ref, port in topo.jacks[device.id]:
                    if port.kind == ETHERNET:
                        i = index[ref]
                        if first is None:
                            first = i
                        else:
                            uf.union(first, i)
        self.network_of: dict[PortRef, int] = {}
        self.network_ports: dict[int, list[PortRef]] = {}
        find = uf.find
        for i, ref in enumerate(ports):
            root = find(i)
            self.network_of[ref] = root
            bucket = self.network_ports.get(root)
            if bucket is None:
                self.network_ports[root] = [ref]
            else:
                bucket.append(ref)

    # --- outside exits -------------------------------------------------------------

    def _find_exits(self) -> None:
        # Breadth-first from every exit, so each device records its nearest way
        # out. VoIP devices that also hold a street line (an HT813's LINE jack)
        # are seeded last: they route calls over the internet while it is up and
        # fall back to the line, which is what their call paths should show.
        # Which devices have an exit does not depend on this order.
        topo = self.topology
        up = self.up
        via: dict[str, Via] = {}
        queue: deque[str] = deque()
        for device in topo.device.values():
            if device.type == "internet" and up[device.id]:
                via[device.id] = Via("internet")
                queue.append(device.id)
        fallback: list[tuple[str, Via]] = []
        # Groups (segments, merged by lifeline relays in a power cut) fed by a street line.
        street_fed = {group for group, source in self._fed.items() if topo.port[source].kind == PSTN}
        for segment in topo.segments:
            if self.group[segment.index] not in street_fed:
                continue
            for ref in segment.ports:
                kind = topo.port[ref].kind
                owner = topo.device[ref.device]
                if owner.id in via or not up[owner.id]:
                    continue
                if kind == FXO or (kind == PASSIVE and owner.type == "dsl-modem"):
                    source = self.fed_by(ref)
                    if source is not None and topo.port[source].kind == PSTN:
                        if owner.type in VOIP_TYPES:
                            fallback.append((owner.id, Via("street", ref, source)))
                        else:
                            via[owner.id] = Via("street", ref, source)
                            queue.append(owner.id)
        self._spread(via, queue)
        for device_id, street in fallback:
            if device_id not in via:
                via[device_id] = street
                queue.append(device_id)
        self._spread(via, queue)
        self.exit_via = via

    def _spread(self, via: dict[str, Via], queue: deque[str]) -> None:
        topo = self.topology
        up = self.up
        seen_networks = self._seen_networks
        while queue:
            for ref, port in topo.jacks[queue.popleft()]:
                if port.kind == ETHERNET:
                    network = self.network_of[ref]
                    if network in seen_networks:
                        continue
                    seen_networks.add(network)
                    for peer in self.network_ports[network]:
                        if peer.device not in via and up[peer.device]:
                            via[peer.device] = Via("ip", peer, ref)
                            queue.append(peer.device)
                elif port.kind == FXS:
                    if self.fed_by(ref) != ref:
                        continue
                    for peer in self.group_ports(ref):
                        if peer.device not in via and up[peer.device] and topo.port[peer].kind == FXO:
                            via[peer.device] = Via("trunk", peer, ref)
                            queue.append(peer.device)

    def has_exit(self, device_id: str) -> bool:
        return device_id in self.exit_via

    def network_has_exit(self, ref: PortRef) -> bool:
        network = self.network_of.get(ref)
        if network is None:
            return False
        return any(p.device in self.exit_via for p in self.network_ports[network])

    # --- stations ----------------------------------------------------------------

    def reaches_outside(self, device: Device) -> bool:
        cached = self._reach.get(device.id)
        if cached is None:
            cached = self._reach[device.id] = self._reaches(device)
        return cached

    def _reaches(self, device: Device) -> bool:
        if device.type not in STATION_TYPES or not self.up[device.id]:
            return False
        jack = self.topology.line_jack(device.id)
        if jack is None:
            return False
        if device.type == "ip-phone":
            return self.network_has_exit(jack)
        if device.type == "digital-phone":
            peer = self.digital_peer(jack)
            return peer is not None and self.has_exit(peer.device)
        source = self.fed_by(jack)
        if source is None:
            return False
        return self.topology.port[source].kind == PSTN or self.has_exit(source.device)

    def digital_peer(self, jack: PortRef) -> PortRef | None:
        """The one other digital jack on a digital phone's pair, if there is exactly one."""
        topo = self.topology
        others = [r for r in self.group_ports(jack) if r != jack and topo.port[r].kind == DIGITAL]
        return others[0] if len(others) == 1 else None
