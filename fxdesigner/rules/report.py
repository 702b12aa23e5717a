"""Check reports as `fxdesigner check` prints them (and the designer's "Copy report")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from fxdesigner.model.text import one_line, plural
from fxdesigner.rules.engine import CheckResult
from fxdesigner.rules.findings import ERROR, INFO, SEVERITY_RANK, WARNING, Finding, summarize

SCHEMA: Final = "fxdesigner-check/1"


@dataclass
class FileReport:
    path: str
    result: CheckResult | None = None
    error: str | None = None

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result else []

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": self.error,
            "summary": self.summary,
            "findings": [f.to_json() for f in self.findings],
        }


def fails(report: FileReport, fail_on: str) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(not f.waived and SEVERITY_RANK[f.severity] <= threshold for f in report.findings)


def exit_status(reports: Sequence[FileReport], fail_on: str = ERROR) -> int:
    if any(r.error for r in reports):
        return 2
    return 1 if any(fails(r, fail_on) for r in reports) else 0


def to_json(reports: Sequence[FileReport], scenario: str) -> str:
    document = {"schema": SCHEMA, "scenario": scenario, "files": [r.to_json() for r in reports]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def summary_line(summary: dict[str, int]) -> str:
    parts = [plural(summary[ERROR], "error"), plural(summary[WARNING], "warning"), f"{summary[INFO]} info"]
    if summary["waived"]:
        parts.append(f"{summary['waived']} waived")
    return ", ".join(parts)


def finding_lines(path: str, finding: Finding) -> list[str]:
    severity = f"waived {finding.severity}" if finding.waived else finding.severity
    subjects = ", ".join(finding.devices[:6]) + (", ..." if len(finding.devices) > 6 else "")
    head = f"{path}: {severity} {finding.code} {finding.name}: {one_line(finding.message, 400)}"
    if subjects:
        head += f" [{subjects}]"
    return [head, f"    fix: {one_line(finding.fix, 400)}"]


def to_text(reports: Sequence[FileReport], scenario: str) -> str:
    lines: list[str] = []
    if scenario != "none":
        lines.append(f"scenario: {scenario}")
    for report in reports:
        if report.error:
            continue  # load errors go to standard error, one line each
        for finding in report.findings:
            lines.extend(finding_lines(report.path, finding))
        lines.append(f"{report.path}: {summary_line(report.summary)}")
    if len(reports) > 1:
        total = {ERROR: 0, WARNING: 0, INFO: 0, "waived": 0}
        for report in reports:
            for key, value in report.summary.items():
                total[key] += value
        broken = sum(1 for r in reports if r.error)
        tail = f"; {plural(broken, 'file')} could not be loaded" if broken else ""
        lines.append(f"Checked {plural(len(reports), 'plan')}: {summary_line(total)}{tail}")
    return "".join(line + "\n" for line in lines)
