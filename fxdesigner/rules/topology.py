"""How a plan is wired, in the terms of rules.md: analog segments and IP networks.

A Topology covers a *context*: the whole plan, or one connected component of
it (for incremental checking). It holds the normal-state wiring; scenarios
(power cut, internet down) are worked out from it in reach.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fxdesigner.model.kinds import ETHERNET, PAIR_KINDS, PASSIVE, SOURCE_KINDS, STATION_LINE_KIND
from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef


class UnionFind:
    __slots__ = ("parent",)

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # Keep the smaller index as root so groups are numbered in plan order.
            if ri < rj:
                self.parent[rj] = ri
            else:
                self.parent[ri] = rj


class Segment:
    """Ports that are electrically one pair, in plan order, and the cables inside."""

    __slots__ = ("by_kind", "index", "links", "ports", "sources")

    def __init__(self, index: int) -> None:
        self.index = index
        self.ports: list[PortRef] = []
        self.links: list[str] = []
        #: The segment's ports grouped by kind, each list in plan order.
        self.by_kind: dict[str, list[PortRef]] = {}
        #: Source ports (fxs, pstn) in plan order.
        self.sources: list[PortRef] = []

    def __len__(self) -> int:
        return len(self.ports)


@dataclass
class Context:
    """What one analysis covers."""

    plan: Plan
    #: Devices in plan order: the home devices plus boundary devices they link to.
    devices: list[Device]
    #: Links to analyse, in plan order.
    links: list[Link]
    #: Devices whose own findings this analysis reports (None: all of them).
    home: frozenset[str] | None = None

    @classmethod
    def whole(cls, plan: Plan) -> Context:
        return cls(plan, plan.devices, plan.links, None)

    def is_home(self, device_id: str) -> bool:
        return self.home is None or device_id in self.home

    def home_devices(self) -> Iterable[Device]:
        if self.home is None:
            return self.devices
        return (d for d in self.devices if d.id in self.home)


class Topology:
    """Normal-state wiring of a context."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.plan = context.plan
        self._line_jacks: dict[str, PortRef | None] = {}
        self._ethernet_base: tuple[dict[PortRef, int], list[int]] | None = None
        self.device: dict[str, Device] = {d.id: d for d in context.devices}
        self.port: dict[PortRef, Port] = {}
        #: Each device's jacks as (ref, port) pairs. The refs are the device's own
        #: cached PortRefs: making tuples in inner loops is the largest cost of a check.
        self.jacks: dict[str, list[tuple[PortRef, Port]]] = {}
        pair_ports: list[PortRef] = []
        pair_kinds: list[str] = []
        self.ethernet_ports: list[PortRef] = []
        pair_index: dict[PortRef, int] = {}
        passive_groups: list[list[int]] = []
        for device in context.devices:
            jacks = self.jacks[device.id] = list(zip(device.refs, device.ports))
            passive: list[int] = []
            for ref, port in jacks:
                self.port[ref] = port
                kind = port.kind
                if kind in PAIR_KINDS:
                    if kind == PASSIVE:
                        passive.append(len(pair_ports))
                    pair_index[ref] = len(pair_ports)
                    pair_ports.append(ref)
                    pair_kinds.append(kind)
                elif kind == ETHERNET:
                    self.ethernet_ports.append(ref)
            if len(passive) > 1:
                passive_groups.append(passive)
        self.pair_ports = pair_ports
        self.pair_index = pair_index

        uf = UnionFind(len(pair_ports))
        pair_links: list[tuple[int, str]] = []
        self.ethernet_links: list[Link] = []
        self.mixed_links: list[Link] = []  # an ethernet end and a pair end (FX105)
        for link in context.links:
            ia = pair_index.get(link.a)
            ib = pair_index.get(link.b)
            if ia is not None and ib is not None:
                uf.union(ia, ib)
                pair_links.append((ia, link.id))
            elif ia is None and ib is None:
                self.ethernet_links.append(link)
            else:
                self.mixed_links.append(link)
        for group in passive_groups:
            first = group[0]
            for index in group[1:]:
                uf.union(first, index)

        segment_of_root: dict[int, int] = {}
        segments: list[Segment] = []
        segment_of: dict[PortRef, int] = {}
        find = uf.find
        for i, ref in enumerate(pair_ports):
            root = find(i)
            seg = segment_of_root.get(root)
            if seg is None:
                seg = segment_of_root[root] = len(segments)
                segment = Segment(seg)
                segments.append(segment)
            else:
                segment = segments[seg]
            segment.ports.append(ref)
            kind = pair_kinds[i]
            bucket = segment.by_kind.get(kind)
            if bucket is None:
                segment.by_kind[kind] = [ref]
            else:
                bucket.append(ref)
            if kind in SOURCE_KINDS:
                segment.sources.append(ref)
            segment_of[ref] = seg
        for i, link_id in pair_links:
            segments[segment_of_root[find(i)]].links.append(link_id)
        self.segments = segments
        self.segment_of = segment_of

    def ethernet_base(self) -> tuple[dict[PortRef, int], list[int]]:
        """Ethernet port indexes, and union-find parents after joining cabled ports.

        The same for every scenario (cables always conduct); each scenario copies
        the parents and adds the joins of the devices that are up.
        """
        if self._ethernet_base is None:
            index = {ref: i for i, ref in enumerate(self.ethernet_ports)}
            uf = UnionFind(len(self.ethernet_ports))
            for link in self.ethernet_links:
                ia, ib = index.get(link.a), index.get(link.b)
                if ia is not None and ib is not None:
                    uf.union(ia, ib)
            self._ethernet_base = (index, uf.parent)
        return self._ethernet_base

    # --- questions ---------------------------------------------------------

    def kind(self, ref: PortRef) -> str:
        return self.port[ref].kind

    def owner(self, ref: PortRef) -> Device:
        return self.device[ref.device]

    def segment(self, ref: PortRef) -> Segment:
        return self.segments[self.segment_of[ref]]

    def sources(self, segment: Segment) -> list[PortRef]:
        return segment.sources

    def ports_of_kind(self, segment: Segment, kind: str) -> list[PortRef]:
        return segment.by_kind.get(kind, [])

    def has_kind(self, segment: Segment, kind: str) -> bool:
        return kind in segment.by_kind

    def line_jack(self, device_id: str) -> PortRef | None:
        """A station's line jack (first port of its line kind), cached."""
        try:
            return self._line_jacks[device_id]
        except KeyError:
            pass
        kind = STATION_LINE_KIND.get(self.device[device_id].type)
        jack = next((r for r, p in self.jacks[device_id] if p.kind == kind), None) if kind else None
        self._line_jacks[device_id] = jack
        return jack

    def devices_of(self, refs: Iterable[PortRef]) -> list[str]:
        """Distinct owners of ports, in the order of the ports."""
        return list(dict.fromkeys(r.device for r in refs))

    def link(self, link_id: str) -> Link:
        return self.plan.link(link_id)
