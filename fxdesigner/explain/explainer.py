"""One entry point: the Markdown for a subject, as the designer's panel names subjects.

Subjects are the tuples the main window emits ("plan",), ("device", id),
("jack", PortRef), ("link", id), ("note", id), ("many", n), plus the panel's own
("finding", Finding), ("port-kind", kind), ("device-type", type) and ("rule", code).
"""

from __future__ import annotations

from typing import Any

from fxdesigner.explain.overview import plan_markdown
from fxdesigner.explain.pages import device_page
from fxdesigner.explain.subjects import (
    Situation,
    device_markdown,
    finding_markdown,
    jack_markdown,
    link_markdown,
    many_markdown,
    note_markdown,
    port_kind_markdown,
    rule_markdown,
)
from fxdesigner.model.plan import PortRef
from fxdesigner.rules.findings import Finding

Subject = tuple[Any, ...]


def still_there(subject: Subject, s: Situation) -> bool:
    """Whether the plan still holds what the subject names (an edit may have removed it)."""
    plan = s.plan
    kind = subject[0]
    if kind == "device":
        return plan.has_device(subject[1])
    if kind == "jack":
        ref = subject[1]
        return plan.has_device(ref.device) and plan.device(ref.device).has_port(ref.port)
    if kind == "link":
        return plan.has_link(subject[1])
    if kind == "note":
        return plan.has_note(subject[1])
    if kind == "finding":
        return current_finding(subject[1], s) is not None
    return True


def current_finding(finding: Finding, s: Situation) -> Finding | None:
    """The same finding as the plan stands now (its waiver state may have changed), or None."""
    for candidate in s.findings:
        if candidate.key == finding.key:
            return candidate
    return None


def explain(subject: Subject, s: Situation) -> str:
    """Markdown for a subject; a subject the plan no longer holds falls back to the plan summary."""
    if not still_there(subject, s):
        return plan_markdown(s)
    kind = subject[0]
    if kind == "device":
        return device_markdown(s, subject[1])
    if kind == "jack":
        return jack_markdown(s, PortRef(*subject[1]))
    if kind == "link":
        return link_markdown(s, subject[1])
    if kind == "note":
        return note_markdown(s, subject[1])
    if kind == "many":
        return many_markdown(s, int(subject[1]))
    if kind == "finding":
        finding = current_finding(subject[1], s)
        assert finding is not None
        return finding_markdown(s, finding)
    if kind == "port-kind":
        return port_kind_markdown(subject[1], s.plan.effective_region)
    if kind == "device-type":
        return device_page(subject[1]).markdown
    if kind == "rule":
        return rule_markdown(s, subject[1])
    return plan_markdown(s)
