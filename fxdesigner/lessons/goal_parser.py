"""Reading lesson goals from their JSON form (the vocabulary is described in goals.py).

Every problem raises GoalError naming where it is (lesson.json path and key), so
a broken lesson is reported in one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from fxdesigner.lessons.goals import (
    AllOf,
    AnyOf,
    ConnectedToKind,
    DeviceCount,
    DeviceProperty,
    FedBy,
    FindingPresent,
    Goal,
    GoalError,
    HasExit,
    NoFindings,
    Not,
    ReachesOutside,
    Selector,
    Survives,
    Viewing,
)
from fxdesigner.model.kinds import (
    ANALOG_STATION_TYPES,
    KNOWN_DEVICE_TYPES,
    PAIR_KINDS,
    PORT_KINDS,
    SOURCE_KINDS,
    STATION_TYPES,
)
from fxdesigner.rules.findings import SCENARIOS, SEVERITIES
from fxdesigner.rules.registry import BY_CODE

_CODE_PREFIX: Final = re.compile(r"FX\d{1,3}")


def parse_goal(raw: Any, where: str) -> Goal:
    """Build a goal from its JSON form; raises GoalError naming where the problem is."""
    if not isinstance(raw, dict) or len(raw) != 1:
        raise GoalError(
            f'{where}: a goal is an object with exactly one key, such as {{"no_findings": "FX1"}}'
        )
    ((name, body),) = raw.items()
    parser = _PARSERS.get(name)
    if parser is None:
        raise GoalError(f"{where}: unknown goal {name!r} (known: {', '.join(sorted(_PARSERS))})")
    return parser(body, f"{where}.{name}")


def _goal_list(body: Any, where: str) -> tuple[Goal, ...]:
    if not isinstance(body, list) or not body:
        raise GoalError(f"{where}: expected a non-empty list of goals")
    return tuple(parse_goal(item, f"{where}[{i}]") for i, item in enumerate(body))


def _fields(body: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise GoalError(f"{where}: expected an object")
    unknown = sorted(set(body) - set(required) - set(optional))
    if unknown:
        raise GoalError(f"{where}: unknown key {unknown[0]!r}")
    for key in required:
        if key not in body:
            raise GoalError(f"{where}: missing key {key!r}")
    return body


def _scenario(body: dict[str, Any], where: str, default: str) -> str:
    value = body.get("scenario", default)
    if value not in SCENARIOS:
        raise GoalError(f"{where}.scenario: expected one of {', '.join(SCENARIOS)}")
    return str(value)


def _types(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(t, str) for t in items):
        raise GoalError(f"{where}: expected a device type or a non-empty list of them")
    for t in items:
        if t not in KNOWN_DEVICE_TYPES:
            raise GoalError(f"{where}: unknown device type {t!r}")
    return tuple(dict.fromkeys(items))


def _codes(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(c, str) for c in items):
        raise GoalError(f"{where}: expected a rule code (or prefix such as FX1) or a list of them")
    for code in items:
        if not _CODE_PREFIX.fullmatch(code) or not any(k.startswith(code) for k in BY_CODE):
            raise GoalError(f"{where}: {code!r} is not a rule code or the start of one")
    return tuple(items)


def parse_selector(raw: Any, where: str, allowed: frozenset[str] | None = None) -> Selector:
    body = _fields(raw, where, (), ("type", "label", "label_contains", "all"))
    types = _types(body["type"], f"{where}.type") if "type" in body else ()
    if allowed is not None:
        for t in types:
            if t not in allowed:
                raise GoalError(f"{where}.type: {t!r} cannot be used here (a station type is needed)")
    for key in ("label", "label_contains"):
        if key in body and (not isinstance(body[key], str) or not body[key].strip()):
            raise GoalError(f"{where}.{key}: expected a non-empty string")
    every = body.get("all", False)
    if not isinstance(every, bool):
        raise GoalError(f"{where}.all: expected true or false")
    return Selector(types, body.get("label"), body.get("label_contains"), every)


def _kind(body: dict[str, Any], where: str, allowed: tuple[str, ...] | frozenset[str]) -> str:
    kind = body["kind"]
    if not isinstance(kind, str) or kind not in allowed:
        raise GoalError(f"{where}.kind: expected one of {', '.join(sorted(allowed))}")
    return str(kind)


def _p_no_findings(body: Any, where: str) -> Goal:
    if isinstance(body, (str, list)):
        return NoFindings(_codes(body, where))
    body = _fields(body, where, (), ("codes", "min_severity", "scenario"))
    severity = body.get("min_severity", "info")
    if severity not in SEVERITIES:
        raise GoalError(f"{where}.min_severity: expected one of {', '.join(SEVERITIES)}")
    codes = _codes(body["codes"], f"{where}.codes") if "codes" in body else ()
    return NoFindings(codes, severity, _scenario(body, where, "none"))


def _p_finding_present(body: Any, where: str) -> Goal:
    if isinstance(body, str):
        return FindingPresent(_codes(body, where)[0])
    body = _fields(body, where, ("code",), ("scenario", "device"))
    if not isinstance(body["code"], str):
        raise GoalError(f"{where}.code: expected one rule code")
    device = parse_selector(body["device"], f"{where}.device") if "device" in body else None
    return FindingPresent(_codes(body["code"], f"{where}.code")[0], _scenario(body, where, "none"), device)


def _p_reaches(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("station",), ("scenario",))
    return ReachesOutside(
        parse_selector(body["station"], f"{where}.station", STATION_TYPES), _scenario(body, where, "none")
    )


def _p_survives(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("station",), ("scenario",))
    scenario = _scenario(body, where, "power")
    if scenario == "none":
        raise GoalError(f"{where}.scenario: survives needs an outage scenario (power or internet)")
    return Survives(parse_selector(body["station"], f"{where}.station", STATION_TYPES), scenario)


def _p_fed_by(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("station", "kind"), ("device_type",))
    types = _types(body["device_type"], f"{where}.device_type") if "device_type" in body else ()
    return FedBy(
        parse_selector(body["station"], f"{where}.station", ANALOG_STATION_TYPES),
        _kind(body, where, SOURCE_KINDS),
        types,
    )


def _p_connected(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("device", "kind"), ("device_type",))
    types = _types(body["device_type"], f"{where}.device_type") if "device_type" in body else ()
    pair_kinds = tuple(k for k in PORT_KINDS if k in PAIR_KINDS)
    return ConnectedToKind(
        parse_selector(body["device"], f"{where}.device"), _kind(body, where, pair_kinds), types
    )


def _p_has_exit(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("device",), ("scenario",))
    return HasExit(parse_selector(body["device"], f"{where}.device"), _scenario(body, where, "none"))


def _count(body: dict[str, Any], key: str, where: str) -> int | None:
    if key not in body:
        return None
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise GoalError(f"{where}.{key}: expected a whole number of at least 0")
    return value


def _p_device_count(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("type",), ("min", "max"))
    low = _count(body, "min", where)
    high = _count(body, "max", where)
    if low is None and high is None:
        raise GoalError(f"{where}: give min, max or both")
    if low is not None and high is not None and low > high:
        raise GoalError(f"{where}: min is more than max")
    return DeviceCount(_types(body["type"], f"{where}.type"), low or 0, high)


def _p_device_property(body: Any, where: str) -> Goal:
    body = _fields(body, where, ("device", "property", "equals"), ())
    if not isinstance(body["property"], str) or not body["property"]:
        raise GoalError(f"{where}.property: expected a property name")
    if isinstance(body["equals"], (dict, list)):
        raise GoalError(f"{where}.equals: expected a plain value (string, number, boolean or null)")
    return DeviceProperty(parse_selector(body["device"], f"{where}.device"), body["property"], body["equals"])


def _p_viewing(body: Any, where: str) -> Goal:
    if body not in SCENARIOS or body == "none":
        raise GoalError(f'{where}: expected "power" or "internet"')
    return Viewing(body)


_PARSERS: Final[dict[str, Callable[[Any, str], Goal]]] = {
    "all": lambda body, where: AllOf(_goal_list(body, where)),
    "any": lambda body, where: AnyOf(_goal_list(body, where)),
    "not": lambda body, where: Not(parse_goal(body, where)),
    "no_findings": _p_no_findings,
    "finding_present": _p_finding_present,
    "reaches_outside": _p_reaches,
    "survives": _p_survives,
    "fed_by": _p_fed_by,
    "connected_to_kind": _p_connected,
    "has_exit": _p_has_exit,
    "device_count": _p_device_count,
    "device_property": _p_device_property,
    "viewing": _p_viewing,
}
GOAL_NAMES: Final = tuple(sorted(_PARSERS))
