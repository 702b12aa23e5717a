"""FX2xx — service: can each station make a call."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from fxdesigner.model.kinds import (
    FXO,
    KNOWN_DEVICE_TYPES,
    PSTN,
    STATION_TYPES,
)
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.analysis import Analysis, Draft
from fxdesigner.rules.paths import call_path, scenario_cause
from fxdesigner.rules.reach import NONE, SCENARIO_PHRASE


def station_unplugged(a: Analysis) -> Iterator[Draft]:
    plan = a.plan
    for station in a.home_stations():
        jack = a.topology.line_jack(station.id)
        if jack is not None and plan.links_at(jack):
            continue
        what = "its line jack" if station.type != "ip-phone" else "its network jack"
        if jack is None:
            message = f"{a.device_name(station.id)} has no line jack, so it cannot be connected."
        else:
            message = f"{a.device_name(station.id)} is not plugged in: {what} {a.port_name(jack)} has no cable."
        yield a.draft(
            message,
            devices=(station.id,),
            ports=(jack,) if jack else (),
            fix="Connect the station's line jack to an FXS (PHONE) jack, a street line or, for an IP phone, "
            "a switch port.",
        )


def _connected(a: Analysis, station_type: str, jack: PortRef) -> bool:
    if station_type in ("ip-phone", "digital-phone"):
        return bool(a.plan.links_at(jack))
    return a.normal.fed_by(jack) is not None


def no_outside_line(a: Analysis) -> Iterator[Draft]:
    normal = a.normal
    scenario = a.state(a.scenario) if a.scenario != NONE else None
    for station in a.home_stations():
        jack = a.topology.line_jack(station.id)
        if jack is None:
            continue
        # Either the station cannot call out at all, or it can but not in the scenario checked;
        # both findings point at the station, its jack and the device its call stops at.
        if not normal.reaches_outside(station):
            if not _connected(a, station.type, jack):
                continue
            path = call_path(a, normal, station)
            message = f"{a.device_name(station.id)} cannot call out: {path.stop_reason}."
            blocker, fix = path.stop_device, _FIX_NO_WAY_OUT
        elif scenario is not None and not scenario.reaches_outside(station):
            cause, blocker = scenario_cause(a, call_path(a, normal, station), scenario)
            message = f"{a.device_name(station.id)} loses service {SCENARIO_PHRASE[a.scenario]}: {cause}."
            fix = _FIX_LOST_IN_SCENARIO
        else:
            continue
        yield a.draft(message, devices=_station_and(station.id, blocker), ports=(jack,), fix=fix)


_FIX_NO_WAY_OUT: Final = (
    "Give the device that feeds this station a way out: connect its WAN to the internet router "
    "or its trunk (FXO) jack to a street line."
)
_FIX_LOST_IN_SCENARIO: Final = (
    "Put the devices on its call path on a UPS, or give the station a lifeline: a corded phone "
    "on a copper line or a power-fail relay jack."
)


def _station_and(station_id: str, cause: str | None) -> tuple[str, ...]:
    """The station, then the device its call stops at when there is one (draft drops the station twice)."""
    return (station_id, cause) if cause else (station_id,)


def street_line_unused(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    plan = a.plan
    for device in a.home_devices():
        if device.type != "pstn-line":
            continue
        unused = []
        for port in device.ports:
            if port.kind != PSTN:
                continue
            ref = PortRef(device.id, port.id)
            if not plan.links_at(ref):
                unused.append(ref)
                continue
            segment = topo.segment(ref)
            used = any(
                topo.port[r].kind == FXO or topo.device[r.device].type == "dsl-modem" for r in segment.ports
            )
            if not used:
                unused.append(ref)
        if not unused:
            continue
        yield a.draft(
            f"Nothing on the street line {a.device_name(device.id)} uses it (no phone, fax, modem, trunk or "
            "DSL modem on its pair).",
            devices=(device.id,),
            ports=unused,
            fix="Connect a phone, fax, PBX trunk or DSL modem to the street line, or remove it.",
        )


def device_isolated(a: Analysis) -> Iterator[Draft]:
    plan = a.plan
    for device in a.home_devices():
        if device.type in STATION_TYPES or device.type == "pstn-line":
            continue
        if plan.has_links(device.id):
            continue
        yield a.draft(
            f"{a.device_name(device.id)} is not connected to anything.",
            devices=(device.id,),
            fix="Wire the device into the plan, or delete it if it is not needed.",
        )


def unknown_device_type(a: Analysis) -> Iterator[Draft]:
    for device in a.home_devices():
        if device.type in KNOWN_DEVICE_TYPES:
            continue
        yield a.draft(
            f'{a.device_name(device.id)} has device type "{device.type[:40]}", which this version of '
            "FX Designer does not know; it is drawn as a generic box and its jacks are checked as they are.",
            devices=(device.id,),
            fix="Check the type, or update FX Designer if the plan came from a newer version.",
        )
