"""Edits of waivers: add, remove, change their reason, author or date."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from fxdesigner.model.edits.base import Edit, Effect
from fxdesigner.model.errors import InvalidValueError
from fxdesigner.model.plan import Plan, Waiver


@dataclass
class AddWaiver(Edit):
    waiver: Waiver
    index: int | None = None
    title: str = field(default="Waive finding", init=False)

    def __post_init__(self) -> None:
        self.title = f"Waive {self.waiver.code}"

    def apply(self, plan: Plan) -> None:
        plan.add_waiver(self.waiver, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_waiver(self.waiver.id)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)


@dataclass
class RemoveWaiver(Edit):
    waiver_id: str
    _waiver: Waiver | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Un-waive finding", init=False)

    def apply(self, plan: Plan) -> None:
        self._waiver, self._index = plan.remove_waiver(self.waiver_id)
        self.title = f"Un-waive {self._waiver.code}"

    def revert(self, plan: Plan) -> None:
        assert self._waiver is not None
        plan.add_waiver(self._waiver, self._index)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)


_WAIVER_FIELDS: Final = ("reason", "by", "date")


@dataclass
class SetWaiverField(Edit):
    waiver_id: str
    name: str
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)
    title: str = field(default="Edit waiver", init=False)

    def __post_init__(self) -> None:
        if self.name not in _WAIVER_FIELDS:
            raise InvalidValueError(f'a waiver has no editable field "{self.name}"')
        if self.value is not None and not isinstance(self.value, str):
            raise InvalidValueError(f"{self.name}: expected a string")

    def apply(self, plan: Plan) -> None:
        waiver = plan.waiver(self.waiver_id)
        self._old = getattr(waiver, self.name)
        setattr(waiver, self.name, self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan.waiver(self.waiver_id), self.name, self._old)

    def effect(self) -> Effect:
        return Effect(plan=True, waivers=True)
