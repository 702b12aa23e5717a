"""The plan summary the panel shows when nothing is selected."""

from __future__ import annotations

from collections.abc import Sequence

from fxdesigner.explain import markdown as md
from fxdesigner.explain.markdown import link, text
from fxdesigner.explain.pages import PORT_NAMES
from fxdesigner.explain.subjects import Situation, device_link, findings_block
from fxdesigner.explain.summary import Reach, device_counts
from fxdesigner.model.kinds import PORT_KINDS
from fxdesigner.model.text import join_words, plural
from fxdesigner.rules.findings import summarize

_PHONES = (
    ("analog-phone", "corded", "corded"),
    ("cordless-phone", "cordless", "cordless"),
    ("ip-phone", "IP", "IP"),
    ("digital-phone", "digital", "digital"),
)
_EQUIPMENT = (
    ("ata", "ATA", "ATAs"),
    ("gateway", "gateway", "gateways"),
    ("analog-pbx", "analog PBX", "analog PBXs"),
    ("ip-pbx", "IP PBX", "IP PBXs"),
)
_OTHER_STATIONS = (
    ("fax", "fax", "faxes"),
    ("modem", "modem", "modems"),
    ("alarm-panel", "alarm panel", "alarm panels"),
    ("elevator-phone", "elevator phone", "elevator phones"),
)


def _names(plan_situation: Situation, ids: Sequence[str], limit: int = 6) -> str:
    plan = plan_situation.plan
    shown = [device_link(plan, d) for d in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{len(ids) - limit} more")
    return join_words(shown)


def plan_markdown(s: Situation) -> str:
    plan = s.plan
    counts = device_counts(plan)
    title = text(plan.title, 100) if plan.title else "Untitled plan"
    figures = s.figures

    inventory = []
    phones = counts.total(t for t, _, _ in _PHONES)
    kinds = [f"{counts[t]} {word}" for t, word, _ in _PHONES if counts[t]]
    inventory.append(f"- **{plural(phones, 'phone')}**" + (f" ({', '.join(kinds)})" if kinds else ""))
    for device_type, one, many in _OTHER_STATIONS:
        if counts[device_type] or device_type == "fax":
            inventory.append(f"- **{plural(counts[device_type], one, many)}**")
    inventory.append(f"- **{plural(counts['pstn-line'], 'street line')}**")
    equipment = [plural(counts[t], one, many) for t, one, many in _EQUIPMENT if counts[t]]
    if equipment:
        inventory.append(f"- {', '.join(equipment)}")
    inventory.append(
        f"- {plural(plan.device_count(), 'device')} and {plural(plan.link_count(), 'cable')} in all"
    )

    reach_part = _reach_part(s)

    summary = summarize(list(s.findings))
    head = (
        f"**{plural(summary['error'], 'error')}, {plural(summary['warning'], 'warning')}, "
        f"{summary['info']} info**" + (f", {summary['waived']} waived" if summary["waived"] else "")
    )
    active = [f for f in s.findings if not f.waived]
    findings = (
        head
        + "\n\n"
        + findings_block(active, "Nothing to fix: every cable the checks can judge is wired right.", limit=8)
    )

    glossary = " · ".join(link(md.port_url(k), PORT_NAMES[k]) for k in PORT_KINDS)
    region = f"Region **{text(figures.region)}**: ringing is {figures.ringing}; {figures.ren_limit}."
    return "\n".join(
        part.rstrip() + "\n"
        for part in (
            f"# {title}",
            region,
            "## On this plan\n\n" + "\n".join(inventory),
            "## Who can call out\n\n" + reach_part,
            "## Findings\n\n" + findings,
            "## Start here\n\nClick a jack to see what it is, what it supplies and what may be plugged into "
            "it; click a device or a cable to see how it is wired; click a finding to see why it matters and "
            "how to fix it.\n\nJack kinds: " + glossary,
        )
    )


def _reach_part(s: Situation) -> str:
    if s.reach is None:
        return "Not worked out."
    # A cache may still hold a station an edit just removed (the panel refreshes
    # again once it hears of the edit): count only what the plan holds.
    plan = s.plan
    reach: dict[str, Reach] = {d: r for d, r in s.reach().items() if plan.has_device(d)}
    total = len(reach)
    order = plan.device_order
    if not total:
        return "No stations yet. Add a phone, fax or other station and wire it to see who can call out."
    now = [d for d, r in reach.items() if r.now]
    power = sum(1 for r in reach.values() if r.power_cut)
    internet = sum(1 for r in reach.values() if r.internet_down)
    lines = [
        f"- **{len(now)} of {plural(total, 'station')}** can call out now",
        f"- **{power} of {total}** in a power cut",
        f"- **{internet} of {total}** when the internet is down",
    ]
    # Only the first few names are shown, in plan order.
    lost_power = sorted((d for d in now if not reach[d].power_cut), key=order)
    lost_internet = sorted((d for d in now if not reach[d].internet_down), key=order)
    dead = sorted((d for d, r in reach.items() if not r.now), key=order)
    notes = []
    if dead:
        notes.append(f"Cannot call out now: {_names(s, dead)}.")
    if lost_power:
        notes.append(f"Lose service in a power cut: {_names(s, lost_power)}.")
    if lost_internet:
        notes.append(f"Lose service when the internet is down: {_names(s, lost_internet)}.")
    return "\n".join(lines) + ("\n\n" + "\n\n".join(notes) if notes else "")
