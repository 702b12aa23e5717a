"""The designer's size limits: Qt-free policy the window applies before it draws a plan.

The command line has no such limits; these keep a window responsive. Each
problem is a one-line message naming the limit and pointing to `fxdesigner check`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from fxdesigner.io.plan_json import PlanLoadError, load_plan_bytes
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Plan

#: The designer draws every device and keeps every text in widgets; past these
#: limits a plan is refused with a one-line message (the command line still
#: checks it). The device limit is the largest plan the benchmarks open
#: (benchmarks/bench_gui.py: 20,000 devices, several seconds); a 200,000-device
#: plan would take minutes, so it is refused before parsing.
MAX_DESIGNER_BYTES: Final = 20_000_000
MAX_DESIGNER_VALUES: Final = 1_000_000
MAX_DESIGNER_DEVICES: Final = 20_000
MAX_DESIGNER_LINKS: Final = 40_000
MAX_DESIGNER_TEXT: Final = 10_000
CLI_HINT: Final = "run fxdesigner check on it instead"


def designer_size_problem(data: bytes) -> str | None:
    """Why the designer will not parse these bytes, decided before parsing (milliseconds for 50 MB)."""
    if len(data) > MAX_DESIGNER_BYTES:
        return (f"{len(data):,} bytes is over the designer's limit of {MAX_DESIGNER_BYTES:,} bytes; "
                f"{CLI_HINT}")
    # Counted, not parsed: milliseconds even for 50 MB. Every device has a "ports" key, so
    # this bounds the devices (unless the keys are written with escapes, which the value
    # count below still catches).
    devices = data.count(b'"ports"')
    if devices > MAX_DESIGNER_DEVICES:
        return (f"about {devices:,} devices is over the designer's limit of {MAX_DESIGNER_DEVICES:,}; "
                f"{CLI_HINT}")
    # Every JSON value but the first follows a comma or opens a container.
    values = data.count(b",") + data.count(b"{") + data.count(b"[") + 1
    if values > MAX_DESIGNER_VALUES:
        return (f"about {values:,} JSON values is over the designer's limit of {MAX_DESIGNER_VALUES:,}; "
                f"{CLI_HINT}")
    return None


def designer_plan_problem(plan: Plan) -> tuple[str, str] | None:
    """(location, message) if the plan is too big for a window, else None."""
    total = plan.device_count()
    if total > MAX_DESIGNER_DEVICES:
        return "devices", (f"{total:,} devices is over the designer's limit of {MAX_DESIGNER_DEVICES:,}; "
                           f"{CLI_HINT}")
    total = plan.link_count()
    if total > MAX_DESIGNER_LINKS:
        return "links", f"{total:,} cables is over the designer's limit of {MAX_DESIGNER_LINKS:,}; {CLI_HINT}"
    for where, text in _shown_texts(plan):
        if len(text) > MAX_DESIGNER_TEXT:
            return where, (f"text is {len(text):,} characters long; the designer shows texts of up to "
                           f"{MAX_DESIGNER_TEXT:,} characters; {CLI_HINT}")
    return None


def designer_paste_problem(plan: Plan, edit: e.Edit) -> str | None:
    """Why a paste (an edit adding devices, cables and notes) would overload the window, or None."""
    parts = edit.edits if isinstance(edit, e.CompoundEdit) else [edit]
    devices = [x.device for x in parts if isinstance(x, e.AddDevice)]
    links = [x.link for x in parts if isinstance(x, e.Connect)]
    notes = [x.note for x in parts if isinstance(x, e.AddNote)]
    if plan.device_count() + len(devices) > MAX_DESIGNER_DEVICES:
        return (f"{len(devices):,} devices would make {plan.device_count() + len(devices):,}, over the "
                f"designer's limit of {MAX_DESIGNER_DEVICES:,}")
    if plan.link_count() + len(links) > MAX_DESIGNER_LINKS:
        return (f"{len(links):,} cables would make {plan.link_count() + len(links):,}, over the "
                f"designer's limit of {MAX_DESIGNER_LINKS:,}")
    texts = [t for d in devices for t in (d.label, d.model, *(p.label for p in d.ports))]
    texts += [link.properties.get("label") for link in links] + [n.text for n in notes]
    if any(isinstance(t, str) and len(t) > MAX_DESIGNER_TEXT for t in texts):
        return f"a text is over the designer's limit of {MAX_DESIGNER_TEXT:,} characters"
    return None


def _shown_texts(plan: Plan) -> Iterator[tuple[str, str]]:
    if plan.title:
        yield "title", plan.title
    for i, device in enumerate(plan.iter_devices()):
        for key in ("label", "model"):
            value = getattr(device, key)
            if isinstance(value, str):
                yield f"devices[{i}].{key}", value
        for j, port in enumerate(device.ports):
            if isinstance(port.label, str):
                yield f"devices[{i}].ports[{j}].label", port.label
    for i, link in enumerate(plan.iter_links()):
        tag = link.properties.get("label")
        if isinstance(tag, str):
            yield f"links[{i}].properties.label", tag
    for i, note in enumerate(plan.notes):
        yield f"notes[{i}].text", note.text
    for i, waiver in enumerate(plan.waivers):
        for key in ("code", "subject", "reason", "by", "date"):
            value = getattr(waiver, key)
            if isinstance(value, str):
                yield f"waivers[{i}].{key}", value


def load_for_designer(data: bytes, source: str) -> Plan:
    """Parse plan JSON for a window: the designer's size limits first, then the strict loader."""
    problem = designer_size_problem(data)
    if problem:
        raise PlanLoadError(source, "(file)", problem)
    plan = load_plan_bytes(data, source)
    found = designer_plan_problem(plan)
    if found:
        raise PlanLoadError(source, *found)
    return plan
