"""What the user points at, as typed values: the selection's subject and the explainer's pages.

The canvas, the Properties dock, the Explainer and the findings list all follow
one current subject. Each kind is a frozen dataclass, so panels dispatch on the
type (``match`` or ``isinstance``), never on a string, and two subjects naming
the same thing are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from fxdesigner.model.plan import PortRef
from fxdesigner.rules.findings import Finding


@dataclass(frozen=True)
class PlanSubject:
    """Nothing selected: the plan as a whole."""


@dataclass(frozen=True)
class DeviceSubject:
    device_id: str


@dataclass(frozen=True)
class JackSubject:
    ref: PortRef


@dataclass(frozen=True)
class CableSubject:
    link_id: str


@dataclass(frozen=True)
class NoteSubject:
    note_id: str


@dataclass(frozen=True)
class ManySubject:
    """Several items selected at once."""

    count: int


@dataclass(frozen=True)
class FindingSubject:
    finding: Finding


# The explainer's own pages, reached through its links.


@dataclass(frozen=True)
class PortKindPage:
    kind: str


@dataclass(frozen=True)
class DeviceTypePage:
    device_type: str


@dataclass(frozen=True)
class RulePage:
    code: str


#: What the selection can point at.
Selected = PlanSubject | DeviceSubject | JackSubject | CableSubject | NoteSubject | ManySubject | FindingSubject
#: What the explainer can show.
Subject = Selected | PortKindPage | DeviceTypePage | RulePage

PLAN = PlanSubject()
