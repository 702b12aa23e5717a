"""Findings: what the rules engine reports about a plan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Final


class Severity(StrEnum):
    """How bad a finding is. A str: JSON, text and comparisons with "error" are unchanged."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


ERROR: Final = Severity.ERROR
WARNING: Final = Severity.WARNING
INFO: Final = Severity.INFO
SEVERITIES: Final = (ERROR, WARNING, INFO)
SEVERITY_RANK: Final = {ERROR: 0, WARNING: 1, INFO: 2}
#: A severity as a word at the start of a line or on a label ("Error 3").
SEVERITY_WORDS: Final = {ERROR: "Error", WARNING: "Warning", INFO: "Info"}
#: A severity heading a group of findings ("Errors 3"); "Info" has no plural.
SEVERITY_HEADINGS: Final = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}

SCENARIOS: Final = ("none", "power", "internet")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    devices: tuple[str, ...] = ()
    ports: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    fix: str = ""
    waived: bool = False

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Identity of a finding regardless of wording, severity and waiver."""
        return (self.code, self.devices, self.ports, self.links)

    @property
    def subjects(self) -> tuple[str, ...]:
        return self.devices + self.links + self.ports

    def sort_key(self) -> tuple[Any, ...]:
        first = self.devices[0] if self.devices else (self.links[0] if self.links else "")
        if not first and self.ports:
            first = self.ports[0]
        return (SEVERITY_RANK[self.severity], self.code, first, self.devices, self.ports, self.links)

    def with_waived(self, waived: bool) -> Finding:
        return self if waived == self.waived else replace(self, waived=waived)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "devices": list(self.devices),
            "ports": list(self.ports),
            "links": list(self.links),
            "fix": self.fix,
            "waived": self.waived,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def severity_word(severity: str) -> str:
    """"Error", "Warning", "Info"; an unknown severity as it is."""
    return SEVERITY_WORDS.get(severity, severity)


def summarize(findings: list[Finding]) -> dict[str, int]:
    """Counts of active findings by severity, and of waived ones under "waived"."""
    summary = {ERROR: 0, WARNING: 0, INFO: 0, "waived": 0}
    for finding in findings:
        if finding.waived:
            summary["waived"] += 1
        else:
            summary[finding.severity] += 1
    return summary
