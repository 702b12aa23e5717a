"""Plain words for jacks, cables and devices: a jack's role, whether a pairing works, power.

Everything returned here is Markdown the program wrote (no user text), with
fx: links to the pages that explain the terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from fxdesigner.explain.markdown import link, port_url, rule_url
from fxdesigner.explain.pages import PORT_SHORT
from fxdesigner.model.kinds import (
    DIGITAL,
    ETHERNET,
    FXO,
    FXS,
    PASSIVE,
    POWER_LINE,
    POWER_POE,
    PSTN,
    STATION_LINE_KIND,
    device_copper,
    device_power,
    device_ups,
)
from fxdesigner.model.plan import Device, Port


def kind_link(kind: str, capital: bool = False) -> str:
    """'[FXS](fx:port/fxs)', or the kind itself for a kind the program does not know."""
    short = PORT_SHORT.get(kind)
    if short is None:
        return "unknown kind"
    shown = short[0].upper() + short[1:] if capital else short
    return link(port_url(kind), shown)


def jack_role(device: Device, port: Port) -> str:
    """What a jack does on its device, as a noun phrase ("extension jack that feeds a phone")."""
    kind, dtype = port.kind, device.type
    if kind == FXS:
        if dtype == "analog-pbx":
            return "extension jack that feeds a single‑line phone"
        if dtype == "ip-pbx":
            return "green FXS module that feeds a phone"
        if dtype == "ata":
            return "PHONE jack that gives battery, ringing and dial tone"
        return "source that supplies battery, ringing and dial tone"
    if kind == FXO:
        if STATION_LINE_KIND.get(dtype) == FXO:
            return "line jack that takes dial tone"
        if dtype == "analog-pbx":
            return "CO‑line (trunk) jack that takes a street line in"
        if dtype == "ip-pbx":
            return "red FXO module that takes a street line in"
        if dtype in ("ata", "gateway"):
            return "LINE jack that takes a street line in"
        return "load that draws loop current and takes dial tone"
    if kind == PSTN:
        return "exchange end that supplies battery, ringing and dial tone"
    if kind == ETHERNET:
        role = port.properties.get("role")
        where = {"wan": "WAN, towards the internet", "lan": "LAN"}.get(
            role if isinstance(role, str) else "", ""
        )
        if dtype == "internet":
            where = "the provider's side"
        poe = port.properties.get("poe") is True
        parts = [p for p in (where, "supplies PoE" if poe else "") if p]
        return "data jack" + (f" ({', '.join(parts)})" if parts else "")
    if kind == DIGITAL:
        return "digital line jack" if dtype == "digital-phone" else "digital station port"
    if kind == PASSIVE:
        if dtype == "dsl-filter" and port.properties.get("filtered") is True:
            return "filtered PHONE side that passes voice but not DSL"
        if dtype == "dsl-modem":
            return "line jack that takes DSL from the street line, never filtered"
        return "jack joined inside the device that passes the pair through"
    return "jack of a kind this version does not know"


@dataclass(frozen=True)
class Pairing:
    """Whether two jack kinds belong on the two ends of one cable."""

    works: bool | None  # None: it depends on the rest of the pair
    headline: str
    why: str


_WORKS: Final = {
    frozenset((FXS, FXO)): Pairing(
        True,
        "Yes: one FXS faces one FXO.",
        "The FXS is the powered end: it feeds battery and ringing. The FXO is the passive end: it closes the "
        "loop to take the line and answers [S4].",
    ),
    frozenset((PSTN, FXO)): Pairing(
        True,
        "Yes: the street line feeds an FXO.",
        "The exchange end of a street line behaves as an FXS; the FXO jack takes its battery, ringing and "
        "dial tone [S1].",
    ),
    frozenset((ETHERNET,)): Pairing(
        True, "Yes: Ethernet to Ethernet.", "A data cable; VoIP travels on it as packets."
    ),
    frozenset((DIGITAL,)): Pairing(
        True,
        "Yes, if the two are a matching PBX port and handset.",
        "Digital station signalling is the PBX maker's own; a handset works only on its own maker's ports.",
    ),
}


def pairing(a: str, b: str) -> Pairing:
    pair = frozenset((a, b))
    if pair in _WORKS:
        return _WORKS[pair]
    if PASSIVE in pair:
        return Pairing(
            None,
            "It depends on the rest of the pair.",
            "A passive jack passes the pair through, so what counts is every jack on the pair: it needs "
            "exactly one source (one FXS jack or one street line) and FXO loads.",
        )
    if pair == frozenset((FXS,)):
        return _breaks(
            "FX101",
            "No: FXS to FXS",
            "Both ends feed battery and neither closes the loop: no dial tone, no ringing [S26][S4].",
        )
    if pair == frozenset((PSTN, FXS)):
        return _breaks(
            "FX102",
            "No, and dangerous: a street line into an FXS jack",
            "The exchange's battery and ringing reach a port built to send them: vendors and carriers "
            "warn of damage and fire [S27][S28].",
        )
    if pair == frozenset((PSTN,)):
        return _breaks(
            "FX103",
            "No: two street lines bridged",
            "Each line's battery and ringing appear on the other: lifting one phone seizes both, "
            "and callers hear each other [S116].",
        )
    if pair == frozenset((FXO,)):
        return _breaks(
            "FX104",
            "No: FXO to FXO",
            "Neither end supplies battery, so the pair is silent: no dial tone, no ringing [S4][S126].",
        )
    if ETHERNET in pair:
        return _breaks(
            "FX105",
            "No: an analog pair in an Ethernet jack",
            "An RJ11 plug fits an RJ45 jack, but you get no link and no call, and ringing voltage "
            "reaches the Ethernet port [S32][S34]; a PoE port can put up to about 57 V DC on the "
            "pairs [S36].",
        )
    if DIGITAL in pair:
        return _breaks(
            "FX106",
            "No: analog on a digital station pair",
            "Digital PBX ports use non‑standard voltages that can destroy analog equipment [S29][S30].",
        )
    return Pairing(None, "Not known.", "One of the jacks has a kind this version does not know.")


def _breaks(code: str, headline: str, why: str) -> Pairing:
    """A pairing that never works: the headline ends by naming and linking the rule that reports it."""
    return Pairing(False, f"{headline} ({link(rule_url(code), code)}).", why)


def power_words(device: Device) -> str:
    """How this device is powered and what a power cut does to it (one sentence)."""
    power = device_power(device.type, device.properties)
    ups = device_ups(device.type, device.properties)
    if device.type == "pstn-line":
        if device_copper(device.properties):
            return "It is a copper line, powered from the exchange: it keeps working in a power cut."
        if ups:
            return (
                "It is delivered by fibre or cable equipment on a UPS: it keeps working while the UPS lasts."
            )
        return (
            "It is delivered by fibre or cable equipment that needs local power: it goes down in a power cut."
        )
    if device.type == "internet":
        return (
            "The provider's network has its own power: it stays up in a power cut, and only the internet "
            "outage scenario takes it down."
        )
    if ups:
        source = {POWER_LINE: "line", POWER_POE: "PoE"}.get(power, "mains")
        return f"It runs on {source} power with a UPS or battery backup: it keeps working in a power cut."
    if power == POWER_LINE:
        if device.type in ("splitter", "dsl-filter"):
            return "It needs no power: it keeps conducting in a power cut."
        return "It is powered by its line: it works in a power cut as long as its line does."
    if power == POWER_POE:
        return (
            "It is powered over Ethernet: it lives only while the PoE port that feeds it does, so in a power "
            "cut it stops unless that switch is on a UPS."
        )
    return "It runs on mains power with no UPS: it stops in a power cut."
