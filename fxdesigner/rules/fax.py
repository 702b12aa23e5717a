"""FX4xx — fax and modems over VoIP."""

from __future__ import annotations

from collections.abc import Iterator

from fxdesigner.model.kinds import FXS, VOIP_TYPES
from fxdesigner.model.plan import Device, PortRef
from fxdesigner.rules.analysis import Analysis, Draft


def _voip_source(a: Analysis, station: Device) -> tuple[PortRef, PortRef] | None:
    """(station jack, FXS jack of an ATA/gateway/IP PBX) when the station is on VoIP."""
    jack = a.topology.line_jack(station.id)
    if jack is None:
        return None
    source = a.normal.fed_by(jack)
    if source is None or a.topology.port[source].kind != FXS:
        return None
    if a.topology.device[source.device].type not in VOIP_TYPES:
        return None
    return jack, source


def fax_without_t38(a: Analysis) -> Iterator[Draft]:
    for station in a.home_stations():
        if station.type != "fax":
            continue
        found = _voip_source(a, station)
        if found is None:
            continue
        jack, source = found
        owner = a.topology.device[source.device]
        if owner.properties.get("t38") is True:
            continue
        state = "does not have T.38 enabled" if owner.properties.get("t38") is False else "is not known to have T.38"
        yield a.draft_at(
            f"{a.device_name(station.id)} sends faxes over VoIP through {a.device_name(owner.id)}, which {state}.",
            (jack, source),
            fix="Enable T.38 on the VoIP device or give the fax a copper line.",
        )


def modem_over_voip(a: Analysis) -> Iterator[Draft]:
    for station in a.home_stations():
        if station.type not in ("modem", "alarm-panel"):
            continue
        found = _voip_source(a, station)
        if found is None:
            continue
        jack, source = found
        what = "modem" if station.type == "modem" else "alarm dialer"
        yield a.draft_at(
            f"{a.device_name(station.id)} ({what}) dials over VoIP through {a.jack(source)}: modem tones rarely "
            "survive VoIP.",
            (jack, source),
            fix="Give it a copper line, or use a certified IP alarm communicator.",
        )
