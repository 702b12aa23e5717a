"""FX1xx — wiring: what is plugged into what."""

from __future__ import annotations

from collections.abc import Iterator

from fxdesigner.model.kinds import DIGITAL, ETHERNET, FXO, FXS, PASSIVE, PSTN, STATION_TYPES
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.analysis import Analysis, Draft

_KIND_WORD = {FXS: "FXS", FXO: "FXO", PSTN: "street line", DIGITAL: "digital", PASSIVE: "passive"}


def fxs_to_fxs(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment in a.home_segments():
        fxs = topo.ports_of_kind(segment, FXS)
        if len(fxs) < 2 or topo.has_kind(segment, PSTN):
            continue
        both = "both" if len(fxs) == 2 else "all"
        yield a.draft_at(
            f"{a.jacks(fxs)} are {both} dial-tone sources (FXS) on one pair: "
            "neither closes the loop, so there is no dial tone.",
            fxs,
            links=segment.links,
            fix="Connect each FXS jack to a phone or another FXO (LINE) jack, never to another FXS jack.",
        )


def street_line_into_fxs(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment in a.home_segments():
        pstn = topo.ports_of_kind(segment, PSTN)
        if not pstn:
            continue
        fxs = topo.ports_of_kind(segment, FXS)
        if not fxs:
            continue
        what = "a source (FXS) port" if len(fxs) == 1 else "source (FXS) ports"
        yield a.draft_at(
            f"The street line {a.jacks(pstn)} is wired into {a.jacks(fxs)}, {what}: "
            "exchange battery and ringing are fed into it.",
            pstn + fxs,
            links=segment.links,
            fix="Unplug the FXS jack from the street line and connect the line to an FXO (LINE) jack instead.",
        )


def street_lines_bridged(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment in a.home_segments():
        pstn = topo.ports_of_kind(segment, PSTN)
        if len(pstn) < 2:
            continue
        yield a.draft_at(
            f"Street lines {a.jacks(pstn)} are joined on one pair: each line's battery, ringing and calls "
            "leak onto the other.",
            pstn,
            links=segment.links,
            fix="Give each street line its own FXO (LINE) jack; split a two-line jack with an A/B adapter.",
        )


def line_without_source(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment in a.home_segments():
        if len(segment) < 2:
            continue
        kinds = {topo.port[r].kind for r in segment.ports}
        if FXO not in kinds or FXS in kinds or PSTN in kinds or DIGITAL in kinds:
            continue
        fxo = topo.ports_of_kind(segment, FXO)
        owners = topo.devices_of(segment.ports)
        stations = [d for d in owners if topo.device[d].type in STATION_TYPES]
        others = [d for d in owners if d not in stations]
        yield a.draft(
            _no_source_message(a, segment.ports, fxo, stations),
            devices=stations + others,
            ports=segment.ports,
            links=segment.links,
            fix="Move the line jack to an FXS (PHONE) jack or to a street line.",
        )


def _no_source_message(a: Analysis, ports: list[PortRef], fxo: list[PortRef], stations: list[str]) -> str:
    topo = a.topology
    if len(fxo) == 2 and len(stations) == 1:
        station_jack = next(r for r in fxo if r.device == stations[0])
        other = next(r for r in fxo if r != station_jack)
        if other.device != station_jack.device:
            return (
                f"{a.device_name(station_jack.device)} is plugged into {a.jack(other)}, "
                "which supplies no dial tone."
            )
    if len(fxo) == 2 and len(stations) == 2 and len(ports) == 2:
        return (
            f"{a.device_name(stations[0])} and {a.device_name(stations[1])} are plugged into each other: "
            "neither supplies dial tone."
        )
    del topo
    return f"{a.jacks(ports)} are on a pair with no dial tone source."


def analog_into_ethernet(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for link in topo.mixed_links:
        ends = (link.a, link.b)
        if not any(a.is_home(e.device) for e in ends):
            continue
        eth = link.a if topo.port[link.a].kind == ETHERNET else link.b
        pair = link.other_end(eth)
        poe = topo.port[eth].properties.get("poe") is True
        kind = _KIND_WORD.get(topo.port[pair].kind, topo.port[pair].kind)
        if poe:
            detail = "a PoE port can put up to about 57 V DC on the pair"
            where = "the PoE Ethernet jack"
        else:
            detail = "an analog pair on a data jack gives no service and can damage the port"
            where = "the Ethernet jack"
        yield a.draft_at(
            f"{a.jack(pair)} ({kind}) is cabled into {where} {a.jack(eth)}: {detail}.",
            (pair, eth),
            links=(link.id,),
            fix="Use phone (RJ11) cables between analog jacks and keep Ethernet (RJ45) jacks for data.",
        )


def analog_on_digital_station(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for segment in a.home_segments():
        digital = topo.ports_of_kind(segment, DIGITAL)
        if not digital:
            continue
        analog = [r for r in segment.ports if topo.port[r].kind in (FXO, FXS, PSTN)]
        if not analog:
            continue
        yield a.draft_at(
            f"Digital station jack {a.jacks(digital)} shares a pair with analog {a.jacks(analog)}: "
            "proprietary digital signalling and analog battery and ringing can damage both ends.",
            digital + analog,
            links=segment.links,
            fix="Put analog phones on analog (FXS) jacks and digital handsets on digital station jacks.",
        )


def two_cables_in_one_jack(a: Analysis) -> Iterator[Draft]:
    plan = a.plan
    for device in a.home_devices():
        for port in device.ports:
            if port.kind == PASSIVE:
                continue
            ref = PortRef(device.id, port.id)
            links = plan.links_at(ref)
            if len(links) < 2:
                continue
            yield a.draft(
                f"{a.jack(ref)} has {len(links)} cables plugged into it; a jack takes one cable.",
                devices=(device.id,),
                ports=(ref,),
                links=links,
                fix="Keep one cable in the jack; use a splitter if two devices must share a pair.",
            )


def self_link(a: Analysis) -> Iterator[Draft]:
    for link in a.context.links:
        if link.a.device != link.b.device or not a.is_home(link.a.device):
            continue
        yield a.draft(
            f"A cable joins two jacks of the same device: {a.port_name(link.a)} and {a.port_name(link.b)} "
            f"on {a.device_name(link.a.device)}.",
            devices=(link.a.device,),
            ports=(link.a, link.b),
            links=(link.id,),
            fix="Connect the cable to a jack on another device.",
        )
