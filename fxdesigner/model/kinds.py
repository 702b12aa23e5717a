"""The vocabulary of a plan: device types, port kinds and their defaults.

Everything here comes from spec/plan-format.md; the rules engine, the loader and
the catalogue all read these tables instead of repeating them.
"""

from __future__ import annotations

from typing import Any, Final

# --- port kinds -------------------------------------------------------------

FXS: Final = "fxs"
FXO: Final = "fxo"
PSTN: Final = "pstn"
DIGITAL: Final = "digital"
ETHERNET: Final = "ethernet"
PASSIVE: Final = "passive"

PORT_KINDS: Final = (FXS, FXO, PSTN, DIGITAL, ETHERNET, PASSIVE)

#: Kinds that carry an analog or digital pair and so form "analog segments".
PAIR_KINDS: Final = frozenset({FXS, FXO, PSTN, DIGITAL, PASSIVE})
#: Source ports supply battery and ringing (the exchange end behaves as an FXS).
SOURCE_KINDS: Final = frozenset({FXS, PSTN})

# --- device types -------------------------------------------------------------

DEVICE_TYPES: Final = (
    "pstn-line",
    "analog-phone",
    "cordless-phone",
    "fax",
    "modem",
    "alarm-panel",
    "elevator-phone",
    "digital-phone",
    "ata",
    "gateway",
    "analog-pbx",
    "ip-pbx",
    "ip-phone",
    "router",
    "switch",
    "internet",
    "dsl-modem",
    "splitter",
    "dsl-filter",
    "generic",
)
KNOWN_DEVICE_TYPES: Final = frozenset(DEVICE_TYPES)

#: Stations whose line jack is an FXO port (rules.md "Station").
ANALOG_STATION_TYPES: Final = frozenset(
    {"analog-phone", "cordless-phone", "fax", "modem", "alarm-panel", "elevator-phone"}
)
STATION_TYPES: Final = ANALOG_STATION_TYPES | {"ip-phone", "digital-phone"}
#: What a person picks up to make a call.
PHONE_TYPES: Final = frozenset({"analog-phone", "cordless-phone", "ip-phone", "digital-phone"})
LIFE_SAFETY_TYPES: Final = frozenset({"alarm-panel", "elevator-phone"})
PBX_TYPES: Final = frozenset({"analog-pbx", "ip-pbx"})
#: Devices whose FXS ports put a station "on VoIP".
VOIP_TYPES: Final = frozenset({"ata", "gateway", "ip-pbx"})
#: Devices that join all their Ethernet ports into one IP network.
ETHERNET_JOINING_TYPES: Final = frozenset({"router", "switch", "ata", "gateway", "ip-pbx", "generic"})

#: A station's line jack kind.
STATION_LINE_KIND: Final = {t: FXO for t in ANALOG_STATION_TYPES} | {
    "ip-phone": ETHERNET,
    "digital-phone": DIGITAL,
}

POWER_LINE: Final = "line"
POWER_MAINS: Final = "mains"
POWER_POE: Final = "poe"
POWER_VALUES: Final = (POWER_LINE, POWER_MAINS, POWER_POE)

_LINE_POWERED: Final = frozenset(
    {"analog-phone", "digital-phone", "elevator-phone", "pstn-line", "splitter", "dsl-filter", "internet"}
)
_DEFAULT_REN_ONE: Final = ANALOG_STATION_TYPES

#: REN line limits by region (plan-format.md, "ren_budget").
REGION_REN_LIMIT: Final = {"US": 5.0, "CA": 5.0, "GB": 4.0, "AU": 3.0}
DEFAULT_REN_LIMIT: Final = 5.0
DEFAULT_REGION: Final = "US"
#: The regions offered when choosing a plan's region (ISO 3166 codes). A plan may
#: name any other two-letter code; the rules then use the defaults above.
REGIONS: Final = ("US", "CA", "GB", "AU", "DE", "FR", "NL", "IE", "NZ", "ES", "IT", "CH", "AT", "BE", "SE")


def default_power(device_type: str) -> str:
    if device_type == "ip-phone":
        return POWER_POE
    return POWER_LINE if device_type in _LINE_POWERED else POWER_MAINS


def device_power(device_type: str, properties: dict[str, Any]) -> str:
    value = properties.get("power")
    return value if value in POWER_VALUES else default_power(device_type)


def device_ups(device_type: str, properties: dict[str, Any]) -> bool:
    value = properties.get("ups")
    if isinstance(value, bool):
        return value
    return device_type == "alarm-panel"


def device_ren(device_type: str, properties: dict[str, Any]) -> float | None:
    """Ringer load of a device, or None when unknown."""
    if "ren" in properties:
        value = properties["ren"]
        return float(value) if is_number(value) else None
    return 1.0 if device_type in _DEFAULT_REN_ONE else None


def device_copper(properties: dict[str, Any]) -> bool:
    value = properties.get("copper")
    return value if isinstance(value, bool) else True


def region_ren_limit(region: str) -> float:
    return REGION_REN_LIMIT.get(region, DEFAULT_REN_LIMIT)


def port_ren_budget(kind: str, properties: dict[str, Any], region: str) -> float | None:
    if kind not in SOURCE_KINDS:
        return None
    if "ren_budget" in properties:
        value = properties["ren_budget"]
        return float(value) if is_number(value) else None
    return region_ren_limit(region) if kind == PSTN else None


def is_number(value: object) -> bool:
    # JSON true/false arrive as bool, which Python counts as int.
    return isinstance(value, (int, float)) and not isinstance(value, bool)
