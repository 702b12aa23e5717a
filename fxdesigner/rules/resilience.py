"""FX5xx — resilience and safety. These always look at the power scenario themselves."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fxdesigner.model.kinds import FXS, LIFE_SAFETY_TYPES, PBX_TYPES, PHONE_TYPES
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.analysis import Analysis, Draft
from fxdesigner.rules.paths import call_path, scenario_cause


def phone_stats(a: Analysis) -> tuple[list[str], int]:
    """Home phones that reach the outside now (plan order), and how many phones do in a power cut."""
    normal, power = a.normal, a.power
    phones = [d for d in a.home_devices() if d.type in PHONE_TYPES]
    reaching = [d.id for d in phones if normal.reaches_outside(d)]
    # Any phone that works in a power cut counts, even one that does not work now
    # (rules.md: FX501 fires only when no phone does).
    surviving = sum(1 for d in phones if power.reaches_outside(d))
    return reaching, surviving


def no_lifeline_draft(phones: Sequence[str], surviving: int, first_names: Sequence[str]) -> Draft | None:
    """FX501 from plan-wide counts (it is the one rule that looks at the whole plan).

    first_names are the names of the first few phones, for the message.
    """
    if not phones or surviving:
        return None
    more = len(phones) - len(first_names)
    shown = ", ".join(first_names) + (f" and {more} more" if more > 0 else "")
    return Draft(
        f"No phone can call out in a power cut: every phone that works now ({shown}) loses service, "
        "so nobody could make an emergency call.",
        tuple(phones),
        (),
        (),
        "Keep one corded phone on a copper line or on a power-fail relay jack, or put the equipment on a UPS.",
    )


def no_lifeline(a: Analysis) -> Iterator[Draft]:
    phones, surviving = phone_stats(a)
    draft = no_lifeline_draft(phones, surviving, [a.device_name(p) for p in phones[:3]])
    if draft is not None:
        yield draft


def life_safety_line_fails(a: Analysis) -> Iterator[Draft]:
    normal, power = a.normal, a.power
    for station in a.home_stations():
        if station.type not in LIFE_SAFETY_TYPES:
            continue
        if not normal.reaches_outside(station) or power.reaches_outside(station):
            continue
        cause, down = scenario_cause(a, call_path(a, normal, station), power)
        jack = a.topology.line_jack(station.id)
        what = "alarm panel" if station.type == "alarm-panel" else "elevator phone"
        yield a.draft(
            f"{a.device_name(station.id)} ({what}) cannot call out in a power cut: {cause}.",
            devices=(station.id,) + ((down,) if down and down != station.id else ()),
            ports=(jack,) if jack else (),
            fix="Give the life-safety device a copper line, or put every device on its path on a UPS.",
        )


def lifeline_jack_without_corded_phone(a: Analysis) -> Iterator[Draft]:
    topo = a.topology
    for device in a.home_devices():
        for port in device.ports:
            if port.kind != FXS or not isinstance(port.properties.get("power_fail_to"), str):
                continue
            ref = PortRef(device.id, port.id)
            segment = topo.segment(ref)
            if any(topo.device[r.device].type == "analog-phone" for r in segment.ports):
                continue
            if a.plan.links_at(ref):
                why = "no corded phone is on it: a cordless base or fax dies in the same power cut"
            else:
                why = "nothing is plugged into it, so nobody can call out through it in a power cut"
            yield a.draft(
                f"{a.jack(ref)} is the power-fail (lifeline) jack, but {why}.",
                devices=(device.id,),
                ports=(ref,),
                fix="Put a corded, line-powered phone on the lifeline jack.",
            )


def emergency_dialing_needs_prefix(a: Analysis) -> Iterator[Draft]:
    if a.region != "US":
        return
    for device in a.home_devices():
        if device.type not in PBX_TYPES or device.properties.get("direct_911") is True:
            continue
        state = "does not" if device.properties.get("direct_911") is False else "is not known to"
        yield a.draft(
            f"{a.device_name(device.id)} {state} let users dial 911 without a prefix; Kari's Law requires "
            "direct 911 dialling and notification on multi-line systems.",
            devices=(device.id,),
            fix="Configure 911 (and 9-911) to dial without a prefix and notify the front desk, then set "
            "direct 911 on the PBX.",
        )
