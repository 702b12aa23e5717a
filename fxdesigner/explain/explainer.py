"""One entry point: the Markdown for a subject (fxdesigner.explain.subject)."""

from __future__ import annotations

from fxdesigner.explain.overview import plan_markdown
from fxdesigner.explain.pages import device_page
from fxdesigner.explain.subject import (
    CableSubject,
    DeviceSubject,
    DeviceTypePage,
    FindingSubject,
    JackSubject,
    ManySubject,
    NoteSubject,
    PortKindPage,
    RulePage,
    Subject,
)
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
from fxdesigner.rules.findings import Finding


def still_there(subject: Subject, s: Situation) -> bool:
    """Whether the plan still holds what the subject names (an edit may have removed it)."""
    plan = s.plan
    match subject:
        case DeviceSubject(device_id):
            return plan.has_device(device_id)
        case JackSubject(ref):
            return plan.has_device(ref.device) and plan.device(ref.device).has_port(ref.port)
        case CableSubject(link_id):
            return plan.has_link(link_id)
        case NoteSubject(note_id):
            return plan.has_note(note_id)
        case FindingSubject(finding):
            return current_finding(finding, s) is not None
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
    match subject:
        case DeviceSubject(device_id):
            return device_markdown(s, device_id)
        case JackSubject(ref):
            return jack_markdown(s, ref)
        case CableSubject(link_id):
            return link_markdown(s, link_id)
        case NoteSubject(note_id):
            return note_markdown(s, note_id)
        case ManySubject(count):
            return many_markdown(s, count)
        case FindingSubject(finding):
            now = current_finding(finding, s)
            assert now is not None
            return finding_markdown(s, now)
        case PortKindPage(kind):
            return port_kind_markdown(kind, s.plan.effective_region)
        case DeviceTypePage(device_type):
            return device_page(device_type).markdown
        case RulePage(code):
            return rule_markdown(s, code)
    return plan_markdown(s)
