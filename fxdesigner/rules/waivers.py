"""Waivers: which of a plan's waivers cover a finding, and the waiver that accepts one.

A waiver names a rule code and one subject (a device, cable or jack id) and
covers every finding of that code whose subjects include that id. The rules
engine marks findings waived with this test and the designer lists or removes
the waivers behind a finding with it, so the two never disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from fxdesigner.model.edits import AddWaiver
from fxdesigner.model.plan import Plan, Waiver
from fxdesigner.rules.findings import Finding


class WaiverIndex:
    """A plan's waivers by (code, subject), for the engine's one lookup per finding."""

    def __init__(self, waivers: Iterable[Waiver]) -> None:
        # Plan positions come along so covering() can answer in plan order.
        self._by_key: dict[tuple[str, str], list[tuple[int, Waiver]]] = {}
        for position, waiver in enumerate(waivers):
            self._by_key.setdefault((waiver.code, waiver.subject), []).append((position, waiver))

    def covers(self, code: str, subjects: Iterable[str]) -> bool:
        """Whether a waiver covers a finding of this code about these subjects."""
        by_key = self._by_key
        return bool(by_key) and any((code, subject) in by_key for subject in subjects)

    def covering(self, code: str, subjects: Iterable[str]) -> list[Waiver]:
        """The waivers that cover such a finding, in plan order, each once."""
        found: dict[int, Waiver] = {}
        for subject in subjects:
            for position, waiver in self._by_key.get((code, subject), ()):
                found[position] = waiver
        return [found[position] for position in sorted(found)]


def waivers_of(plan: Plan, finding: Finding) -> list[Waiver]:
    """The plan's waivers that cover this finding, in plan order."""
    return WaiverIndex(plan.waivers).covering(finding.code, finding.subjects)


def waiver_subject(finding: Finding) -> str:
    """What a new waiver names: the finding's first device, else its first cable, else its first jack."""
    if finding.devices:
        return finding.devices[0]
    if finding.links:
        return finding.links[0]
    return finding.ports[0] if finding.ports else ""


def waive_finding(plan: Plan, finding: Finding, reason: str, today: datetime.date) -> AddWaiver:
    """The edit that waives this finding for this reason, dated today, under a fresh waiver id."""
    waiver = Waiver(
        id=plan.fresh_id("waiver", "w"),
        code=finding.code,
        subject=waiver_subject(finding),
        reason=reason,
        date=today.isoformat(),
    )
    return AddWaiver(waiver)
