"""`fxdesigner trace`: a station's call path, hop by hop, or where and why it stops."""

from __future__ import annotations

from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Device, Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import collector_paused
from fxdesigner.rules.paths import CallPath, call_path
from fxdesigner.rules.reach import when_words
from fxdesigner.rules.topology import Context


class StationNotFound(LookupError):
    pass


def find_station(plan: Plan, name: str) -> Device:
    """A device by id, else by label (case-insensitive); it must be a station."""
    device: Device | None = plan.device(name) if plan.has_device(name) else None
    if device is None:
        matches = [d for d in plan.iter_devices() if (d.label or "").casefold() == name.casefold()]
        if len(matches) > 1:
            ids = ", ".join(d.id for d in matches[:5])
            raise StationNotFound(f'"{name}" is the label of {len(matches)} devices ({ids}); use an id')
        device = matches[0] if matches else None
    if device is None:
        raise StationNotFound(f'no device with id or label "{name}"')
    if device.type not in STATION_TYPES:
        article = "an" if device.type[:1] in "aeiou" else "a"
        raise StationNotFound(f'"{device.name}" is {article} {device.type}, not a station (phone, fax, modem...)')
    return device


def trace(plan: Plan, station_id: str, scenario: str = "none") -> CallPath:
    with collector_paused():
        analysis = Analysis(Context.whole(plan), scenario)
        return call_path(analysis, analysis.state(scenario), plan.device(station_id))


def format_trace(plan: Plan, path: CallPath) -> str:
    def name(device_id: str) -> str:
        return one_line(plan.device(device_id).name, 60)

    lines = []
    when = when_words(path.scenario)
    lines.append(f"Call path from {name(path.station)}{when}:")
    for i, hop in enumerate(path.hops, 1):
        port = plan.device(hop.device).port(hop.port)
        lines.append(f"  {i}. {name(hop.device)} {one_line(port.name, 40)} ({hop.kind}): {hop.role}")
        if hop.relay:
            lines.append("       -- power-fail relay -->")
        elif hop.link:
            tag = plan.link(hop.link).properties.get("label")
            shown = f"{hop.link} {one_line(tag, 30)}" if isinstance(tag, str) and tag else hop.link
            lines.append(f"       -- cable {shown} -->")
        elif i < len(path.hops) and path.hops[i].device == hop.device:
            lines.append(f"       (inside {name(hop.device)})")
    if path.reaches:
        lines.append(f"  Reaches the outside through {path.exit}.")
    else:
        lines.append(f"  Stops: {path.stop_reason}.")
    return "\n".join(lines) + "\n"
