"""What every edit shares: the Edit base, its Effect, DELETE, and CompoundEdit."""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from fxdesigner.model.errors import InvalidValueError
from fxdesigner.model.plan import Plan


class _Missing:
    """Marks a key that is absent (set it to DELETE to remove the key)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DELETE"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


DELETE: Final = _Missing()


@dataclass(frozen=True)
class Effect:
    """What an edit changed, for everything that mirrors the plan.

    Views read which objects to redraw (devices, links, notes, plan); the rules
    engine reads which findings may change (recheck, attributes, plan_wide,
    waivers). The two differ on purpose: moving a device changes no finding but
    must move its item, and a cable's tag changes findings about its end devices
    without redrawing them. Read it after apply or revert: removal edits only
    know what they removed once they ran.
    """

    #: Devices whose drawing changed (added, removed, moved, renamed, cabled).
    devices: frozenset[str] = frozenset()
    #: Cables added, removed, moved or changed.
    links: frozenset[str] = frozenset()
    #: Notes added, removed, moved or changed.
    notes: frozenset[str] = frozenset()
    #: The plan's own fields (title, region) or its waivers changed.
    plan: bool = False
    #: Devices whose findings may change (both ends of a cable, a renamed device...).
    recheck: frozenset[str] = frozenset()
    #: Something other than cabling changed on the recheck devices (label, property).
    attributes: bool = False
    #: A plan-level setting every rule may read (the region) changed.
    plan_wide: bool = False
    #: Waivers changed.
    waivers: bool = False

    def __or__(self, other: Effect) -> Effect:
        return Effect(
            self.devices | other.devices,
            self.links | other.links,
            self.notes | other.notes,
            self.plan or other.plan,
            self.recheck | other.recheck,
            self.attributes or other.attributes,
            self.plan_wide or other.plan_wide,
            self.waivers or other.waivers,
        )


NO_EFFECT: Final = Effect()


class Edit(ABC):
    """Base of all edits. Subclasses are dataclasses holding what they need to revert."""

    title: str = "Edit"

    @abstractmethod
    def apply(self, plan: Plan) -> None: ...

    @abstractmethod
    def revert(self, plan: Plan) -> None: ...

    @abstractmethod
    def effect(self) -> Effect:
        """What this edit changed (read after apply or revert)."""


def set_key(table: dict[str, Any], key: str, value: Any) -> None:
    """table[key] = value, or remove key when value is DELETE."""
    if value is DELETE:
        table.pop(key, None)
    else:
        table[key] = value


def swap_key(table: dict[str, Any], key: str, value: Any) -> Any:
    """Set table[key] to a copy of value (DELETE removes the key); return what it held, or DELETE.

    The copy keeps the plan from sharing a list or dict with the edit, which the undo stack holds on to.
    """
    old = table.get(key, DELETE)
    set_key(table, key, copy.deepcopy(value))
    return old


def editable_field(
    fields: Mapping[str, Callable[[Any], str | None]], owner: str, name: str
) -> Callable[[Any], str | None]:
    """The check of a field an edit may set on `owner` (a device, the plan); refuse any other name."""
    check = fields.get(name)
    if check is None:
        raise InvalidValueError(f'a {owner} has no editable field "{name}"')
    return check


def require_valid(name: str, problem: str | None) -> None:
    """Refuse an edit whose value a check found a problem with, naming the field in the message."""
    if problem:
        raise InvalidValueError(f"{name}: {problem}")


@dataclass
class CompoundEdit(Edit):
    """Several edits as one step (a paste, deleting a selection)."""

    name: str
    edits: list[Edit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = self.name

    def apply(self, plan: Plan) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(plan)
                done.append(edit)
        except Exception:
            for edit in reversed(done):
                edit.revert(plan)
            raise

    def revert(self, plan: Plan) -> None:
        for edit in reversed(self.edits):
            edit.revert(plan)

    def effect(self) -> Effect:
        result = NO_EFFECT
        for edit in self.edits:
            result = result | edit.effect()
        return result
