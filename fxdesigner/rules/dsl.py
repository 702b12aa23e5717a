"""FX6xx — DSL on a phone line: microfilters."""

from __future__ import annotations

from collections.abc import Iterator

from fxdesigner.model.kinds import ANALOG_STATION_TYPES, PASSIVE, PSTN
from fxdesigner.model.plan import Device, PortRef
from fxdesigner.rules.analysis import Analysis, Draft


def modem_line_jack(device: Device) -> PortRef | None:
    for port in device.ports:
        if port.kind == PASSIVE:
            return PortRef(device.id, port.id)
    return None


def dsl_band(a: Analysis, jack: PortRef) -> set[PortRef]:
    """Ports that carry the DSL band from a modem's line jack: the segment, minus what a filter blocks."""
    topo = a.topology
    members = set(topo.segment(jack).ports)
    band = {jack}
    stack = [jack]
    while stack:
        ref = stack.pop()
        neighbours: list[PortRef] = []
        for link_id in a.plan.links_at(ref):
            far = a.plan.link(link_id).other_end(ref)
            if far in members:
                neighbours.append(far)
        port = topo.port[ref]
        device = topo.device[ref.device]
        if port.kind == PASSIVE:
            blocked = device.type == "dsl-filter" and port.properties.get("filtered") is True
            if not blocked:
                for other in device.ports:
                    if other.kind != PASSIVE or other.id == port.id:
                        continue
                    if device.type == "dsl-filter" and other.properties.get("filtered") is True:
                        continue
                    neighbours.append(PortRef(device.id, other.id))
        for far in neighbours:
            if far not in band:
                band.add(far)
                stack.append(far)
    return band


def _modems(a: Analysis) -> Iterator[tuple[Device, PortRef]]:
    for device in a.topology.device.values():
        if device.type == "dsl-modem":
            jack = modem_line_jack(device)
            if jack is not None:
                yield device, jack


def dsl_without_microfilter(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for modem, jack in _modems(a):
        band = dsl_band(a, jack)
        for ref in sorted(band, key=lambda r: (a.plan.device_order(r.device), r.port)):
            station = topo.device[ref.device]
            if not a.is_home(station.id):
                continue
            if station.type not in ANALOG_STATION_TYPES and station.type != "digital-phone":
                continue
            if a.topology.line_jack(station.id) != ref:
                continue
            yield a.draft_at(
                f"{a.device_name(station.id)} is on the DSL line of {a.device_name(modem.id)} without a "
                "microfilter: voice gear adds noise to DSL and DSL adds hiss to calls.",
                (ref, jack),
                fix="Put a DSL microfilter between the line and the station (the modem itself stays unfiltered).",
            )


def dsl_modem_behind_filter(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for modem, jack in _modems(a):
        if not a.is_home(modem.id):
            continue
        source = a.normal.fed_by(jack)
        if source is None or topo.port[source].kind != PSTN:
            continue
        if source in dsl_band(a, jack):
            continue
        yield a.draft_at(
            f"{a.device_name(modem.id)} is connected through a microfilter's filtered side: the filter blocks "
            "the DSL band, so the modem cannot sync.",
            (jack, source),
            fix="Connect the DSL modem to the line directly or to a filter's LINE/DSL side, never to its PHONE side.",
        )
