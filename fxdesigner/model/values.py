"""Which values each key of a plan may hold.

One table serves the loader (which reports a path and a message) and the model's
edits (which raise). Each checker returns None when the value is fine, else a
short phrase saying what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Final

from fxdesigner.model.kinds import ETHERNET, FXS, PASSIVE, POWER_VALUES, PSTN, is_number

ID_PATTERN: Final = re.compile(r"[A-Za-z0-9_.-]{1,64}")
REGION_PATTERN: Final = re.compile(r"[A-Z]{2}")
MAX_DEVICE_LABEL: Final = 200

Check = Callable[[Any], "str | None"]


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_ID_CHARS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"


def check_id(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected an id (a string), found {type_name(value)}"
    # strip() with the allowed characters leaves nothing for a valid id: a C-speed
    # test, as a big plan checks hundreds of thousands of ids.
    if not (0 < len(value) <= 64 and value.isascii() and not value.strip(_ID_CHARS)):
        shown = value if len(value) <= 70 else value[:67] + "..."
        return f'bad id "{shown}": use 1 to 64 characters from A-Z a-z 0-9 _ . -'
    return None


def check_string(value: object) -> str | None:
    return None if isinstance(value, str) else f"expected a string, found {type_name(value)}"


def check_label(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, found {type_name(value)}"
    if len(value) > MAX_DEVICE_LABEL:
        return f"label is {len(value)} characters long; at most {MAX_DEVICE_LABEL} are allowed"
    return None


def check_coordinate(value: object) -> str | None:
    if not is_number(value):
        return f"expected a number, found {type_name(value)}"
    if not math.isfinite(float(value)):  # type: ignore[arg-type]
        return "expected a finite number"
    return None


def check_bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, found {type_name(value)}"


def check_optional_bool(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    return f"expected true, false or null, found {type_name(value)}"


def check_nonneg_or_null(value: object) -> str | None:
    if value is None:
        return None
    if not is_number(value):
        return f"expected a number or null, found {type_name(value)}"
    if not math.isfinite(float(value)) or value < 0:  # type: ignore[operator,arg-type]
        return "expected a number of at least 0"
    return None


def check_region(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a country code (a string), found {type_name(value)}"
    if REGION_PATTERN.fullmatch(value) is None:
        return f'bad region "{value[:20]}": use an ISO 3166 two-letter code such as "US" or "DE"'
    return None


def _check_power(value: object) -> str | None:
    if value in POWER_VALUES and isinstance(value, str):
        return None
    return 'expected "line", "mains" or "poe"'


def _check_role(value: object) -> str | None:
    return None if value in ("wan", "lan") and isinstance(value, str) else 'expected "wan" or "lan"'


DEVICE_PROPERTIES: Final[dict[str, Check]] = {
    "power": _check_power,
    "ups": check_bool,
    "ren": check_nonneg_or_null,
    "t38": check_optional_bool,
    "copper": check_bool,
    "direct_911": check_optional_bool,
}

#: Port properties and the port kinds they apply to. On other kinds they are
#: unknown properties: kept, never judged.
PORT_PROPERTIES: Final[dict[str, tuple[frozenset[str], Check]]] = {
    "ren_budget": (frozenset({FXS, PSTN}), check_nonneg_or_null),
    "max_loop_m": (frozenset({FXS}), check_nonneg_or_null),
    "poe": (frozenset({ETHERNET}), check_bool),
    "role": (frozenset({ETHERNET}), _check_role),
    "filtered": (frozenset({PASSIVE}), check_bool),
    # power_fail_to needs the device's other ports: see check_power_fail_to.
}

LINK_PROPERTIES: Final[dict[str, Check]] = {
    "length_m": check_nonneg_or_null,
    "leaves_building": check_bool,
    "label": check_string,
}


def check_json_value(value: object, depth: int = 0) -> str | None:
    """Unknown properties may hold any JSON value, but only values a plan file can hold."""
    if depth > 32:
        return "value is nested too deeply"
    if value is None or isinstance(value, (bool, str)):
        return None
    if isinstance(value, (int, float)):
        return None if math.isfinite(float(value)) else "expected a finite number"
    if isinstance(value, list):
        return next((p for p in (check_json_value(v, depth + 1) for v in value) if p), None)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return "object keys must be strings"
        return next((p for p in (check_json_value(v, depth + 1) for v in value.values()) if p), None)
    return f"{type_name(value)} cannot be stored in a plan"


def check_device_property(key: str, value: object) -> str | None:
    check = DEVICE_PROPERTIES.get(key)
    return check(value) if check else check_json_value(value)


def check_port_property(kind: str, key: str, value: object) -> str | None:
    entry = PORT_PROPERTIES.get(key)
    if entry is None or kind not in entry[0]:
        return check_json_value(value)
    return entry[1](value)


def check_power_fail_to(value: object, port_kinds: dict[str, str]) -> str | None:
    """power_fail_to names an fxo port of the same device, or is null."""
    if value is None:
        return None
    if not isinstance(value, str):
        return f"expected a port id or null, found {type_name(value)}"
    kind = port_kinds.get(value)
    if kind is None:
        return f'names port "{value[:70]}", which this device does not have'
    if kind != "fxo":
        return f'names port "{value}", which is {kind}, not fxo'
    return None


def check_link_property(key: str, value: object) -> str | None:
    check = LINK_PROPERTIES.get(key)
    return check(value) if check else check_json_value(value)
