"""Edits of cables: connect, disconnect, move their ends, set their properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fxdesigner.model.edits.base import DELETE, Edit, Effect, require_valid, set_key, swap_key
from fxdesigner.model.plan import Link, Plan, PortRef
from fxdesigner.model.values import check_link_property


@dataclass
class Connect(Edit):
    link: Link
    index: int | None = None
    title: str = field(default="Connect", init=False)

    def apply(self, plan: Plan) -> None:
        a = plan.device(self.link.a.device).name
        b = plan.device(self.link.b.device).name
        self.title = f"Connect {a} to {b}" if a != b else f"Connect {a}"
        plan.add_link(self.link, self.index)

    def revert(self, plan: Plan) -> None:
        plan.remove_link(self.link.id)

    def effect(self) -> Effect:
        ends = frozenset({self.link.a.device, self.link.b.device})
        return Effect(devices=ends, links=frozenset({self.link.id}), recheck=ends)


@dataclass
class Disconnect(Edit):
    link_id: str
    _link: Link | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)
    title: str = field(default="Delete cable", init=False)

    def apply(self, plan: Plan) -> None:
        self._link, self._index = plan.remove_link(self.link_id)

    def revert(self, plan: Plan) -> None:
        assert self._link is not None
        plan.add_link(self._link, self._index)

    def effect(self) -> Effect:
        links = frozenset({self.link_id})
        if self._link is None:
            return Effect(links=links)
        ends = frozenset({self._link.a.device, self._link.b.device})
        return Effect(devices=ends, links=links, recheck=ends)


@dataclass
class Reconnect(Edit):
    """Move one or both ends of an existing cable to other jacks."""

    link_id: str
    a: PortRef
    b: PortRef
    _old: tuple[PortRef, PortRef] | None = field(default=None, init=False, repr=False)
    title: str = field(default="Reconnect cable", init=False)

    def apply(self, plan: Plan) -> None:
        link = plan.link(self.link_id)
        self._old = (link.a, link.b)
        plan.set_link_ends(self.link_id, self.a, self.b)

    def revert(self, plan: Plan) -> None:
        assert self._old is not None
        plan.set_link_ends(self.link_id, *self._old)

    def effect(self) -> Effect:
        devices = {self.a.device, self.b.device}
        if self._old:
            devices.update(end.device for end in self._old)
        ids = frozenset(devices)
        return Effect(devices=ids, links=frozenset({self.link_id}), recheck=ids)


@dataclass
class SetLinkProperty(Edit):
    link_id: str
    key: str
    value: Any
    _old: Any = field(default=DELETE, init=False, repr=False)
    _ends: tuple[str, str] = field(default=("", ""), init=False, repr=False)

    def __post_init__(self) -> None:
        if self.value is not DELETE:
            require_valid(self.key, check_link_property(self.key, self.value))
        self.title = "Set cable tag" if self.key == "label" else f"Set {self.key.replace('_', ' ')}"

    def apply(self, plan: Plan) -> None:
        link = plan.link(self.link_id)
        self._ends = (link.a.device, link.b.device)
        self._old = swap_key(link.properties, self.key, self.value)

    def revert(self, plan: Plan) -> None:
        set_key(plan.link(self.link_id).properties, self.key, self._old)

    def effect(self) -> Effect:
        # The cable's look changes, not its ends' items; their findings may (a length).
        return Effect(links=frozenset({self.link_id}), recheck=frozenset(self._ends) - {""}, attributes=True)
