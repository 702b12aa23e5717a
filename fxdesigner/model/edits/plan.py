"""Edits of the plan's own fields (title, region)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from fxdesigner.model.edits.base import Edit, Effect, editable_field, require_valid
from fxdesigner.model.plan import Plan
from fxdesigner.model.values import check_region, check_string

_PLAN_FIELDS: Final = {"title": check_string, "region": check_region}


@dataclass
class SetPlanField(Edit):
    """Set the plan's title or region (None removes it)."""

    name: str
    value: str | None
    _old: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        check = editable_field(_PLAN_FIELDS, "plan", self.name)
        if self.value is not None:
            require_valid(self.name, check(self.value))
        self.title = f"Set plan {self.name}"

    def apply(self, plan: Plan) -> None:
        self._old = getattr(plan, self.name)
        setattr(plan, self.name, self.value)

    def revert(self, plan: Plan) -> None:
        setattr(plan, self.name, self._old)

    def effect(self) -> Effect:
        return Effect(plan=True, plan_wide=self.name == "region")
