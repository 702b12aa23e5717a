"""The fault catalogue for drills: realistic mistakes, each made of reversible model edits.

Each fault kind proposes *candidates* for a plan: the edits that make the
mistake, the operations that undo it (plain JSON, so a drill file can be
checked and repaired later, by another program run), a description for when
the trainer reveals it, and its *key subjects* — the devices and jacks whose
findings show the mistake. drills.py picks candidates at random, applies them
and keeps only those the rules engine can see.

Only fxdesigner.model.edits change plans here, so every fault can be undone
exactly and the designer can offer it on its undo stack.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from fxdesigner.lessons.fault_ops import device_doc, link_doc
from fxdesigner.model import edits as e
from fxdesigner.model.kinds import (
    ANALOG_STATION_TYPES,
    ETHERNET,
    FXO,
    FXS,
    PASSIVE,
    PSTN,
    STATION_TYPES,
    VOIP_TYPES,
)
from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef
from fxdesigner.model.text import one_line
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import SCENARIOS, Finding
from fxdesigner.rules.topology import Context

FindingKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]


# --- what the engine sees ----------------------------------------------------------------------------


class Snapshot:
    """Findings in every scenario, dial tone, exits and reach of one plan, as the engine sees them.

    Drills judge faults in all three scenarios: a lifeline swapped for a
    cordless base only shows in a power cut, and it is still a fault.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.findings: dict[str, list[Finding]] = {s: check(plan, s).findings for s in SCENARIOS}
        self.analysis = Analysis(Context.whole(plan))
        topo = self.analysis.topology
        normal = self.analysis.normal
        self.dial_tone: set[str] = set()
        self.reach: dict[str, set[str]] = {s: set() for s in SCENARIOS}
        for device in plan.iter_devices():
            if device.type in ANALOG_STATION_TYPES:
                jack = topo.line_jack(device.id)
                if jack is not None and normal.fed_by(jack) is not None:
                    self.dial_tone.add(device.id)
            if device.type in STATION_TYPES:
                for scenario in SCENARIOS:
                    if self.analysis.state(scenario).reaches_outside(device):
                        self.reach[scenario].add(device.id)
        self.exits: dict[str, set[str]] = {s: set(self.analysis.state(s).exit_via) for s in SCENARIOS}

    def keys(self) -> set[FindingKey]:
        return {(s, f.code, f.devices, f.ports) for s, found in self.findings.items() for f in found}

    def all_findings(self) -> Iterator[tuple[str, Finding]]:
        for scenario in SCENARIOS:
            for finding in self.findings[scenario]:
                yield scenario, finding


# --- candidates ---------------------------------------------------------------------------------------


@dataclass
class Candidate:
    kind: str
    edits: list[e.Edit]
    #: JSON operations that restore the original wiring, applied in order.
    undo: list[dict[str, Any]]
    description: str
    changes: list[str]
    key_devices: tuple[str, ...]
    key_ports: tuple[str, ...] = ()
    #: Jacks and devices this fault changes; later faults leave them alone.
    busy_ports: tuple[str, ...] = ()
    busy_devices: tuple[str, ...] = ()
    #: For a swapped lifeline phone: {"port": the jack that fed it, "scenarios": [...]}.
    lifeline: dict[str, Any] | None = None

    def edit(self) -> e.CompoundEdit:
        return e.CompoundEdit(f"Drill: {self.kind}", list(self.edits))


@dataclass(frozen=True)
class FaultKind:
    id: str
    title: str
    summary: str
    propose: Callable[[Plan, Snapshot], list[Candidate]] = field(repr=False)


# --- helpers ------------------------------------------------------------------------------------------


def _name(plan: Plan, device_id: str) -> str:
    return one_line(plan.device(device_id).name, 60)


def _jack(plan: Plan, ref: PortRef) -> str:
    return f"{one_line(plan.port(ref).name, 40)} on {_name(plan, ref.device)}"


def _station_cables(
    plan: Plan, types: frozenset[str] | set[str]
) -> Iterator[tuple[Device, PortRef, Link, PortRef]]:
    """(station, its line jack, its one cable, the cable's far end) for stations with exactly one cable."""
    for device in plan.iter_devices():
        if device.type not in types:
            continue
        jack = next((PortRef(device.id, p.id) for p in device.ports if p.kind == FXO), None)
        if jack is None:
            continue
        links = plan.links_at(jack)
        if len(links) != 1:
            continue
        link = plan.link(links[0])
        far = link.other_end(jack)
        if far.device != device.id:
            yield device, jack, link, far


def _free_ports(plan: Plan, kind: str, owner: Callable[[Device], bool] | None = None) -> list[PortRef]:
    """Jacks of a kind with no cable, on devices that are not stations, in plan order."""
    found = []
    for device in plan.iter_devices():
        if device.type in STATION_TYPES or device.type == "internet" or (owner and not owner(device)):
            continue
        for port in device.ports:
            ref = PortRef(device.id, port.id)
            if port.kind == kind and not plan.links_at(ref):
                found.append(ref)
    return found


def _move_far_end(link: Link, keep: PortRef, new: PortRef) -> tuple[e.Edit, dict[str, Any]]:
    """Move the end of link that is not keep to new, keeping the cable's a/b orientation."""
    ends = (keep, new) if link.a == keep else (new, keep)
    return e.Reconnect(link.id, *ends), {
        "op": "reconnect",
        "link": link.id,
        "a": str(link.a),
        "b": str(link.b),
    }


def _replug(
    kind: str,
    link: Link,
    keep: PortRef,
    target: PortRef,
    device_id: str,
    description: str,
    key_ports: tuple[PortRef, ...] | None = None,
) -> Candidate:
    """The fault that moves link's end away from keep into target, shown on device_id.

    By default the jack it now sits in is the one whose findings show the fault.
    """
    moved = link.other_end(keep)
    edit, undo = _move_far_end(link, keep, target)
    return Candidate(
        kind,
        [edit],
        [undo],
        description,
        [f"cable {link.id}: {moved} -> {target}"],
        (device_id,),
        tuple(str(r) for r in (key_ports or (target,))),
        (str(keep), str(moved), str(target)),
        (device_id,),
    )


# --- the kinds ------------------------------------------------------------------------------------------


def _phone_in_line_jack(plan: Plan, snap: Snapshot) -> list[Candidate]:
    targets = _free_ports(plan, FXO)
    out = []
    for station, jack, link, _far in _station_cables(plan, ANALOG_STATION_TYPES):
        if station.id not in snap.dial_tone:
            continue
        for target in targets:
            why = (
                f"{_name(plan, station.id)} was plugged into {_jack(plan, target)}: an FXO (LINE or "
                "trunk) jack takes dial tone, it does not give it."
            )
            out.append(_replug("phone-in-line-jack", link, jack, target, station.id, why))
    return out


def _cord_in_network_jack(plan: Plan, snap: Snapshot) -> list[Candidate]:
    targets = _free_ports(plan, ETHERNET)
    cords: list[tuple[Device, PortRef, Link, PortRef]] = [
        c for c in _station_cables(plan, ANALOG_STATION_TYPES) if c[0].id in snap.dial_tone
    ]
    for device, ref, link, far in _street_cables(plan):
        cords.append((device, ref, link, far))
    out = []
    for device, jack, link, _far in cords:
        what = "phone cord" if device.type != "pstn-line" else "street line cord"
        for target in targets:
            why = (
                f"{_name(plan, device.id)}'s {what} was plugged into the Ethernet jack "
                f"{_jack(plan, target)}: the RJ11 plug fits the RJ45 jack, but an analog pair does not "
                "belong on a data port."
            )
            out.append(_replug("cord-in-network-jack", link, jack, target, device.id, why))
    return out


def _street_cables(plan: Plan) -> Iterator[tuple[Device, PortRef, Link, PortRef]]:
    """(street line, its jack, its one cable, the far end) for every street line jack with one cable."""
    for device in plan.iter_devices():
        if device.type != "pstn-line":
            continue
        for port in device.ports:
            ref = PortRef(device.id, port.id)
            links = plan.links_at(ref)
            if port.kind == PSTN and len(links) == 1:
                link = plan.link(links[0])
                far = link.other_end(ref)
                if far.device != device.id:
                    yield device, ref, link, far


def _fxs_back_to_back(plan: Plan, snap: Snapshot) -> list[Candidate]:
    targets = _free_ports(plan, FXS)
    out = []
    for station, _line, link, far in _station_cables(plan, ANALOG_STATION_TYPES):
        if plan.port(far).kind != FXS or station.id not in snap.dial_tone:
            continue
        for target in targets:
            why = (
                f"The cable from {_jack(plan, far)} went into {_jack(plan, target)} instead of "
                f"{_name(plan, station.id)}: two FXS jacks back to back, both supplying battery, "
                "and the phone left unplugged."
            )
            key_ports = (far, target)  # two FXS jacks facing each other: both show the fault
            out.append(_replug("fxs-back-to-back", link, far, target, station.id, why, key_ports))
    return out


def _street_line_into_fxs(plan: Plan, snap: Snapshot) -> list[Candidate]:
    targets = _free_ports(plan, FXS)
    out = []
    for device, ref, link, far in _street_cables(plan):
        for target in targets:
            why = (
                f"The street line {_name(plan, device.id)} was plugged into {_jack(plan, target)}, an "
                "FXS jack: exchange battery and ringing now face a port built to send them."
            )
            out.append(_replug("street-line-into-fxs", link, ref, target, device.id, why))
        out.extend(_line_and_phone_swapped(plan, snap, device, ref, link, far))
    return out


def _line_and_phone_swapped(
    plan: Plan, snap: Snapshot, line: Device, ref: PortRef, link: Link, far: PortRef
) -> list[Candidate]:
    """The classic on an ATA with a LINE jack or a key system: the line and phone cords swapped."""
    box = plan.device(far.device)
    if box.type in STATION_TYPES or plan.port(far).kind != FXO:
        return []
    out = []
    for station, jack, phone_link, source in _station_cables(plan, ANALOG_STATION_TYPES):
        if source.device != box.id or plan.port(source).kind != FXS or station.id not in snap.dial_tone:
            continue
        line_edit, line_undo = _move_far_end(link, ref, source)
        phone_edit, phone_undo = _move_far_end(phone_link, jack, far)
        out.append(
            Candidate(
                "street-line-into-fxs",
                [line_edit, phone_edit],
                [phone_undo, line_undo],
                f"The cords were swapped on {_name(plan, box.id)}: the street line {_name(plan, line.id)} "
                f"went into the FXS jack {one_line(plan.port(source).name, 40)} and "
                f"{_name(plan, station.id)} into the FXO jack {one_line(plan.port(far).name, 40)}.",
                [f"cable {link.id}: {far} -> {source}", f"cable {phone_link.id}: {source} -> {far}"],
                (line.id, station.id),
                (str(far), str(source)),
                (str(ref), str(far), str(source), str(jack)),
                (line.id, station.id),
            )
        )
    return out


def _microfilter_removed(plan: Plan, snap: Snapshot) -> list[Candidate]:
    topo = snap.analysis.topology
    out = []
    for device in plan.iter_devices():
        if device.type != "dsl-filter":
            continue
        line_side = [
            p for p in device.ports if p.kind == PASSIVE and p.properties.get("filtered") is not True
        ]
        phone_side = [p for p in device.ports if p.kind == PASSIVE and p.properties.get("filtered") is True]
        cabled = [(p, plan.links_at(PortRef(device.id, p.id))) for p in device.ports]
        if sum(len(links) for _, links in cabled) != 2:
            continue
        line_links = [lid for p in line_side for lid in plan.links_at(PortRef(device.id, p.id))]
        phone_links = [lid for p in phone_side for lid in plan.links_at(PortRef(device.id, p.id))]
        if len(line_links) != 1 or len(phone_links) != 1:
            continue
        line_link, phone_link = plan.link(line_links[0]), plan.link(phone_links[0])
        line_far = next(end for end in line_link.ends() if end.device != device.id)
        phone_far = next(end for end in phone_link.ends() if end.device != device.id)
        phone_end = phone_link.other_end(phone_far)
        stations = [
            r.device
            for r in topo.segment(phone_end).ports
            if r.device != device.id and topo.device[r.device].type in ANALOG_STATION_TYPES
        ]
        if not stations:
            continue
        bypass = Link(phone_link.id, line_far, phone_far, copy.deepcopy(phone_link.properties))
        ordered = sorted((line_link, phone_link), key=lambda link: plan.link_index(link.id))
        undo: list[dict[str, Any]] = [
            {"op": "disconnect", "link": bypass.id},
            {"op": "add_device", "device": device_doc(device), "index": plan.device_index(device.id)},
        ]
        undo += [
            {"op": "connect", "link": link_doc(link), "index": plan.link_index(link.id)} for link in ordered
        ]
        names = ", ".join(_name(plan, s) for s in stations)
        out.append(
            Candidate(
                "microfilter-removed",
                [e.RemoveDevice(device.id), e.Connect(bypass, plan.link_index(phone_link.id))],
                undo,
                f"The microfilter {_name(plan, device.id)} in front of {names} was taken out: voice gear now "
                "sits unfiltered on the DSL line.",
                [f"removed {device.id}; cable {bypass.id}: {line_far} -- {phone_far}"],
                tuple(stations),
                (),
                tuple(
                    str(r) for r in (line_far, phone_far, *(PortRef(device.id, p.id) for p in device.ports))
                ),
                (device.id, *stations),
            )
        )
    return out


def _fax_without_t38(plan: Plan, snap: Snapshot) -> list[Candidate]:
    normal = snap.analysis.normal

    def no_t38(device: Device) -> bool:
        return device.type in VOIP_TYPES and device.properties.get("t38") is not True

    targets = _free_ports(plan, FXS, no_t38)
    out = []
    for fax, jack, link, _far in _station_cables(plan, {"fax"}):
        source = normal.fed_by(jack)
        if source is None:
            continue
        owner = plan.device(source.device)
        if owner.type in VOIP_TYPES and plan.port(source).kind == FXS:
            if owner.properties.get("t38") is True:
                out.append(
                    Candidate(
                        "fax-without-t38",
                        [e.SetDeviceProperty(owner.id, "t38", False)],
                        [{"op": "set_device_property", "device": owner.id, "key": "t38", "value": True}],
                        f"T.38 was switched off on {_name(plan, owner.id)}, which carries "
                        f"{_name(plan, fax.id)}: the fax now goes through as audio, which rarely survives "
                        "VoIP.",
                        [f"{owner.id}: t38 true -> false"],
                        (fax.id,),
                        (),
                        (),
                        (owner.id, fax.id),
                    )
                )
            continue
        for target in targets:
            why = (
                f"{_name(plan, fax.id)} was moved to {_jack(plan, target)}, whose device does not have "
                "T.38 on."
            )
            out.append(_replug("fax-without-t38", link, jack, target, fax.id, why))
    return out


def _lifeline_swapped(plan: Plan, snap: Snapshot) -> list[Candidate]:
    topo = snap.analysis.topology
    out = []
    for phone, jack, link, far in _station_cables(plan, {"analog-phone"}):
        if phone.id not in snap.reach["power"]:
            continue
        cordless_id = plan.fresh_id("device", "cordless")
        cordless = Device(
            cordless_id,
            "cordless-phone",
            phone.x,
            phone.y,
            label="Cordless phone",
            ports=[Port("line", FXO, "LINE")],
        )
        new_jack = PortRef(cordless_id, "line")
        ends = (new_jack, far) if link.a == jack else (far, new_jack)
        index = plan.link_index(link.id)
        relays = [
            r
            for r in topo.segment(far).ports
            if plan.port(r).kind == FXS and isinstance(plan.port(r).properties.get("power_fail_to"), str)
        ]
        out.append(
            Candidate(
                "lifeline-swapped",
                [
                    e.RemoveDevice(phone.id),
                    e.AddDevice(cordless, plan.device_index(phone.id)),
                    e.Connect(Link(link.id, *ends, copy.deepcopy(link.properties)), index),
                ],
                [
                    {"op": "disconnect", "link": link.id},
                    {"op": "remove_device", "device": cordless_id},
                    {"op": "add_device", "device": device_doc(phone), "index": plan.device_index(phone.id)},
                    {"op": "connect", "link": link_doc(link), "index": index},
                ],
                f"{_name(plan, phone.id)}, a corded line-powered phone, was swapped for a cordless base on "
                f"{_jack(plan, far)}: the base needs mains power, so this lifeline dies in a power cut.",
                [f"removed {phone.id}; added {cordless_id} (cordless-phone) on {far}"],
                (cordless_id,),
                tuple(dict.fromkeys([str(far), *(str(r) for r in relays)])),
                (str(jack), str(far)),
                (phone.id, cordless_id),
                {"port": str(far), "scenarios": [s for s in SCENARIOS if phone.id in snap.reach[s]]},
            )
        )
    return out


def _network_cable_pulled(plan: Plan, snap: Snapshot) -> list[Candidate]:
    out = []
    for link in plan.iter_links():
        a, b = plan.port(link.a), plan.port(link.b)
        if a.kind != ETHERNET or b.kind != ETHERNET or link.a.device == link.b.device:
            continue
        ends = [end.device for end in link.ends() if plan.device(end.device).type != "internet"]
        out.append(
            Candidate(
                "network-cable-pulled",
                [e.Disconnect(link.id)],
                [{"op": "connect", "link": link_doc(link), "index": plan.link_index(link.id)}],
                f"The network cable between {_jack(plan, link.a)} and {_jack(plan, link.b)} was pulled out.",
                [f"removed cable {link.id}: {link.a} -- {link.b}"],
                tuple(ends),
                (),
                (str(link.a), str(link.b)),
                (),
            )
        )
    return out


FAULT_KINDS: Final[tuple[FaultKind, ...]] = (
    FaultKind(
        "phone-in-line-jack",
        "Cord moved to a LINE jack",
        "a station's cord moved from its dial-tone jack to an FXO (LINE or trunk) jack",
        _phone_in_line_jack,
    ),
    FaultKind(
        "cord-in-network-jack",
        "Phone or line cord in an Ethernet jack",
        "a station's or street line's cord moved into a free Ethernet jack",
        _cord_in_network_jack,
    ),
    FaultKind(
        "fxs-back-to-back",
        "FXS jacks back to back",
        "a station's cable plugged into another FXS jack instead of the station",
        _fxs_back_to_back,
    ),
    FaultKind(
        "street-line-into-fxs",
        "Street line into an FXS jack",
        "the street line moved into an FXS jack, or the LINE and PHONE cords swapped",
        _street_line_into_fxs,
    ),
    FaultKind(
        "microfilter-removed",
        "Microfilter removed",
        "a DSL microfilter taken out, leaving a voice device on the DSL band",
        _microfilter_removed,
    ),
    FaultKind(
        "fax-without-t38",
        "Fax on VoIP without T.38",
        "the fax moved to an ATA without T.38, or T.38 switched off on its ATA",
        _fax_without_t38,
    ),
    FaultKind(
        "lifeline-swapped",
        "Lifeline phone swapped for a cordless base",
        "the corded phone that works in a power cut replaced by a mains-powered cordless base",
        _lifeline_swapped,
    ),
    FaultKind(
        "network-cable-pulled",
        "Network cable pulled",
        "an Ethernet cable removed (an ATA's WAN, a switch uplink, an IP phone)",
        _network_cable_pulled,
    ),
)
KINDS_BY_ID: Final = {kind.id: kind for kind in FAULT_KINDS}
