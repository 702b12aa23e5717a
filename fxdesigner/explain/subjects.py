"""Markdown for what the user points at: a jack, a device, a cable, a finding, a note.

Each builder joins the static page (resources/explain, resources/rules) with the
plan's live state: what is plugged in now, the findings that touch it, the
figures for the plan's region. User text (labels, messages, reasons) goes
through markdown.text(), so it always shows literally.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fxdesigner.explain import markdown as md
from fxdesigner.explain.figures import RegionFigures, region_figures
from fxdesigner.explain.markdown import link, text
from fxdesigner.explain.pages import (
    PORT_NAMES,
    PORT_SHORT,
    Page,
    UnknownPage,
    page_of_device,
    port_page,
    rule_page,
)
from fxdesigner.explain.summary import Reach
from fxdesigner.explain.words import jack_role, kind_link, pairing, power_words
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.kinds import (
    DEVICE_TYPES,
    ETHERNET,
    FXO,
    FXS,
    PBX_TYPES,
    PORT_KINDS,
    PSTN,
    STATION_TYPES,
    VOIP_TYPES,
    port_ren_budget,
)
from fxdesigner.model.plan import Device, Plan, PortRef
from fxdesigner.rules.findings import Finding, severity_word
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.rules.waivers import waivers_of


@dataclass
class Situation:
    """What the builders read: the plan, its current findings and (lazily) who can call out."""

    plan: Plan
    findings: Sequence[Finding] = ()
    #: Station id -> reach; called only by pages that show it (it can cost time on big plans).
    reach: Callable[[], dict[str, Reach]] | None = None
    _figures: RegionFigures | None = field(default=None, repr=False)

    @property
    def figures(self) -> RegionFigures:
        if self._figures is None:
            self._figures = region_figures(self.plan.effective_region)
        return self._figures


# --- names and links ---------------------------------------------------------------------------


def type_caption(device_type: str) -> str:
    entry = default_catalogue().generic(device_type)
    if entry is not None:
        return entry.label
    return "unknown type"


def device_link(plan: Plan, device_id: str) -> str:
    return link(md.select_url("device", device_id), text(plan.device(device_id).name, 60))


def jack_words(plan: Plan, ref: PortRef) -> str:
    device = plan.device(ref.device)
    return f"{text(device.port(ref.port).name, 40)} on {text(device.name, 60)}"


def jack_link(plan: Plan, ref: PortRef) -> str:
    return link(md.jack_url(str(ref)), jack_words(plan, ref))


def _ref(value: str) -> PortRef | None:
    try:
        return PortRef.parse(value)
    except ValueError:
        return None


def _exists(plan: Plan, ref: PortRef) -> bool:
    return plan.has_device(ref.device) and plan.device(ref.device).has_port(ref.port)


def finding_line(finding: Finding) -> str:
    """'**Error** [FX102 · title](fx:finding/...): message' for lists."""
    rule = BY_CODE.get(finding.code)
    title = f"{finding.code} · {rule.title}" if rule else finding.code
    severity = severity_word(finding.severity)
    if finding.waived:
        severity = f"Waived {severity.lower()}"
    return f"**{severity}** {link(md.finding_url(finding.key), text(title))}: {text(finding.message, 300)}"


def findings_block(findings: Sequence[Finding], none: str, limit: int = 12) -> str:
    if not findings:
        return none
    lines = [f"- {finding_line(f)}" for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"- … and {len(findings) - limit} more in the Findings list.")
    return "\n".join(lines)


def _touches_jack(finding: Finding, ref: PortRef, links: set[str]) -> bool:
    return str(ref) in finding.ports or any(x in links for x in finding.links)


def _touches_device(finding: Finding, device_id: str) -> bool:
    prefix = f"{device_id}:"
    return device_id in finding.devices or any(p.startswith(prefix) for p in finding.ports)


def _section(heading: str, body: str) -> str:
    return f"## {heading}\n\n{body.strip()}\n" if body.strip() else ""


def _join(*parts: str) -> str:
    return "\n".join(p.rstrip() + "\n" for p in parts if p and p.strip())


# --- a jack ---------------------------------------------------------------------------------


def figures_for(kind: str, figures: RegionFigures) -> str:
    """The region's figures for a jack kind, as a short list (empty for kinds without voltages)."""
    if kind not in (FXS, FXO, PSTN):
        return ""
    head = (
        f"**In {figures.place}**"
        if figures.ringing_is_regional
        else f"**For this plan ({text(figures.region)})**"
    )
    verb = "expects" if kind == FXO else "supplies"
    lines = [
        f"{head}, this jack {verb}:",
        "",
        f"- battery: {figures.battery}",
        f"- ringing: {figures.ringing}",
        f"- loop current: {figures.loop_current}",
    ]
    if kind == PSTN:
        lines.append(f"- ringer budget: {figures.ren_limit}")
    return "\n".join(lines)


def _plugged_in(plan: Plan, ref: PortRef) -> str:
    lines = []
    for link_id in plan.links_at(ref):
        cable = plan.link(link_id)
        far = cable.other_end(ref)
        far_port = plan.port(far)
        length = cable.properties.get("length_m")
        how = link(md.select_url("link", link_id), f"cable {text(link_id)}")
        if isinstance(length, (int, float)) and not isinstance(length, bool):
            how += f", {text(f'{length:g}')} m"
        if cable.properties.get("leaves_building") is True:
            how += ", leaves the building"
        lines.append(f"- {jack_link(plan, far)}, {_a(far_port.kind)} jack ({how})")
    if not lines:
        return "Nothing: no cable is plugged into this jack."
    if len(lines) > 1 and plan.port(ref).kind != "passive":
        lines.append("")
        lines.append(f"Two cables in one jack is itself a mistake ({link(md.rule_url('FX107'), 'FX107')}).")
    return "\n".join(lines)


def _a(kind: str) -> str:
    short = PORT_SHORT.get(kind)
    if short is None:
        return "an unknown"
    article = "an" if short[0] in "aeiouAEIOUF" else "a"
    return f"{article} {kind_link(kind)}"


def _jack_details(plan: Plan, device: Device, ref: PortRef) -> list[str]:
    port = device.port(ref.port)
    kind = port.kind
    lines: list[str] = []
    if kind in (FXS, PSTN):
        budget = port_ren_budget(kind, port.properties, plan.effective_region)
        if budget is None:
            lines.append(
                "- **Ringer budget of this jack:** not known. Enter it from the label or the manual "
                "(the REN per port)."
            )
        else:
            lines.append(f"- **Ringer budget of this jack:** {text(f'{budget:g}')} REN.")
    if kind == FXS:
        max_loop = port.properties.get("max_loop_m")
        if isinstance(max_loop, (int, float)) and not isinstance(max_loop, bool):
            lines.append(f"- **Rated loop length of this jack:** {text(f'{max_loop:g}')} m of cable.")
        else:
            lines.append(
                "- **Rated loop length of this jack:** not known; short‑loop jacks are meant for "
                "wiring inside the building."
            )
        target = port.properties.get("power_fail_to")
        if isinstance(target, str) and device.has_port(target):
            other = PortRef(device.id, target)
            lines.append(
                f"- **Power‑fail relay:** in a power cut this jack is joined straight to "
                f"{jack_link(plan, other)}, so a corded phone here falls back to the line on it."
            )
    if device.type == "ip-pbx" and kind in (FXS, FXO):
        if kind == FXS:
            lines.append(
                "- **In Asterisk (DAHDI):** this FXS module is configured with *FXO* signalling: "
                "`fxoks` in system.conf, `signalling=fxo_ks` in chan_dahdi.conf [S5][S7]."
            )
        else:
            lines.append(
                "- **In Asterisk (DAHDI):** this FXO module is configured with *FXS* signalling: "
                "`fxsks` in system.conf, `signalling=fxs_ks` in chan_dahdi.conf [S5][S7]."
            )
    if kind == ETHERNET and port.properties.get("poe") is True:
        lines.append(
            "- **This port supplies PoE:** up to about 57 V DC on the cable [S36]. Never plug analog "
            "equipment in here."
        )
    return lines


def jack_markdown(s: Situation, ref: PortRef) -> str:
    plan = s.plan
    device = plan.device(ref.device)
    port = device.port(ref.port)
    kind = port.kind
    try:
        page: Page | None = port_page(kind)
    except UnknownPage:
        page = None
    kind_name = PORT_NAMES.get(kind, "Unknown jack kind")
    head = [
        f"# {text(port.name, 40)}",
        "",
        f"**{kind_name}** on {device_link(plan, device.id)} ({text(type_caption(device.type))}): the "
        f"{jack_role(device, port)}.",
    ]
    if page is None:
        return _join(
            "\n".join(head),
            f"This jack's kind ({text(kind)}) is not one this version knows; the checks cannot judge it.",
        )
    links = set(plan.links_at(ref))
    touching = [f for f in s.findings if _touches_jack(f, ref, links)]
    supplies = page.section("What it supplies or expects")
    regional = figures_for(kind, s.figures)
    details = _jack_details(plan, device, ref)
    more = page.section("More detail")
    if details:
        more = "\n".join(details) + "\n\n**In general:**\n\n" + more
    return _join(
        "\n".join(head),
        page.lead,
        _section("What it is", page.section("What it is")),
        _section("What it supplies or expects", supplies + ("\n\n" + regional if regional else "")),
        _section("What may be plugged in", page.section("What may be plugged in")),
        _section("Plugged in now", _plugged_in(plan, ref)),
        _section("Findings here", findings_block(touching, "None: no finding touches this jack.")),
        _section("More detail", more),
    )


# --- a device -----------------------------------------------------------------------------


def _settings(device: Device) -> list[str]:
    props = device.properties
    lines = []
    if device.type in VOIP_TYPES:
        t38 = props.get("t38")
        state = (
            {True: "on", False: "off"}.get(t38, "not known") if isinstance(t38, bool) or t38 is None else "?"
        )
        lines.append(f"- **T.38 fax relay:** {state}.")
    if device.type in PBX_TYPES:
        direct = props.get("direct_911")
        state = (
            {True: "yes", False: "no"}.get(direct, "not known")
            if isinstance(direct, bool) or direct is None
            else "?"
        )
        lines.append(f"- **911 without a prefix:** {state}.")
    if device.model:
        lines.insert(0, f"- **Model:** {text(device.model, 80)}")
    return lines


def _reach_line(reach: Reach) -> str:
    def word(ok: bool) -> str:
        return "yes" if ok else "**no**"

    return (
        f"**Can it call out?** Now: {word(reach.now)}. In a power cut: {word(reach.power_cut)}. "
        f"When the internet is down: {word(reach.internet_down)}."
    )


def device_markdown(s: Situation, device_id: str) -> str:
    plan = s.plan
    device = plan.device(device_id)
    page = page_of_device(device.type)
    caption = (
        text(type_caption(device.type))
        if device.type in DEVICE_TYPES
        else (f"unknown type {text(device.type, 40)}, shown as a generic device")
    )
    jacks = []
    for port in device.ports:
        ref = PortRef(device.id, port.id)
        plugged = [plan.link(x).other_end(ref) for x in plan.links_at(ref)]
        where = ", ".join(jack_link(plan, far) for far in plugged[:3]) if plugged else "nothing plugged in"
        if len(plugged) > 3:
            where += f" and {len(plugged) - 3} more"
        jacks.append(
            f"- {link(md.jack_url(str(ref)), text(port.name, 40))} ({kind_link(port.kind)}): the "
            f"{jack_role(device, port)}. Plugged in: {where}."
        )
    if not jacks:
        jacks.append("- This device has no jacks.")
    power = [f"**This device.** {power_words(device)}"]
    if device.type in STATION_TYPES and s.reach is not None:
        reach = s.reach().get(device.id)
        if reach is not None:
            power.append(_reach_line(reach))
    touching = [f for f in s.findings if _touches_device(f, device.id)]
    about = page.section("What it is for")
    settings = _settings(device)
    if settings:
        about = "\n".join(settings) + "\n\n" + about
    type_page = md.device_url(device.type if device.type in DEVICE_TYPES else "generic")
    return _join(
        f"# {text(device.name, 80)}",
        f"**{caption}** · {link(type_page, 'about this type')}",
        _section("What it is for", about),
        _section("Its jacks", "\n".join(jacks) + "\n\n**In general:**\n\n" + page.section("Its jacks")),
        _section("Power and power cuts", "\n\n".join(power) + "\n\n" + page.section("Power and power cuts")),
        _section("Findings", findings_block(touching, "None: no finding touches this device.")),
    )


# --- a cable --------------------------------------------------------------------------------


def link_markdown(s: Situation, link_id: str) -> str:
    plan = s.plan
    cable = plan.link(link_id)
    tag = cable.properties.get("label")
    title = f"Cable {text(link_id)}" + (f": {text(tag, 60)}" if isinstance(tag, str) and tag else "")
    ends = []
    for end in cable.ends():
        device = plan.device(end.device)
        port = device.port(end.port)
        ends.append(f"- {jack_link(plan, end)} ({kind_link(port.kind)}): the {jack_role(device, port)}.")
    a_kind, b_kind = plan.port(cable.a).kind, plan.port(cable.b).kind
    verdict = pairing(a_kind, b_kind)
    touching = [
        f for f in s.findings if link_id in f.links or str(cable.a) in f.ports or str(cable.b) in f.ports
    ]
    works = verdict.headline
    if cable.a.device == cable.b.device:
        works += f" It also joins two jacks of one device ({link(md.rule_url('FX108'), 'FX108')})."
    if verdict.works and [f for f in touching if not f.waived]:
        works += " The pairing itself is right, but the pair it is on has problems (below)."
    facts = []
    length = cable.properties.get("length_m")
    if isinstance(length, (int, float)) and not isinstance(length, bool):
        facts.append(f"- Length: {text(f'{length:g}')} m.")
    if cable.properties.get("leaves_building") is True:
        facts.append(
            "- It runs outside the building: an FXS pair there needs a long‑loop port and primary "
            "protection [S48][S56]."
        )
    return _join(
        f"# {title}",
        _section("Its two ends", "\n".join(ends)),
        _section("Does this pairing work?", f"**{works}**\n\n{verdict.why}"),
        _section("This cable", "\n".join(facts)),
        _section("Findings on this cable", findings_block(touching, "None: no finding touches this cable.")),
    )


# --- a finding ------------------------------------------------------------------------------


def finding_markdown(s: Situation, finding: Finding) -> str:
    plan = s.plan
    rule = BY_CODE.get(finding.code)
    page = rule_page(finding.code) if rule else None
    title = f"{finding.code} · {rule.title}" if rule else finding.code
    severity = severity_word(finding.severity)
    status = f"**{severity}** · `{finding.name}`"
    if finding.waived:
        status = f"**Waived {severity.lower()}** · `{finding.name}`"
    here = [text(finding.message, 600)]
    if finding.fix:
        here += ["", f"**Fix:** {text(finding.fix, 400)}"]
    involved = []
    devices = [d for d in finding.devices if plan.has_device(d)]
    if devices:
        involved.append(
            "- Devices: "
            + ", ".join(device_link(plan, d) for d in devices[:8])
            + (f" and {len(devices) - 8} more" if len(devices) > 8 else "")
        )
    refs = [r for r in (_ref(p) for p in finding.ports) if r is not None and _exists(plan, r)]
    for ref in refs[:8]:
        involved.append(f"- Jack: {jack_link(plan, ref)}, {_a(plan.port(ref).kind)} jack")
    cables = [x for x in finding.links if plan.has_link(x)]
    if cables:
        involved.append("- Cables: " + ", ".join(link(md.select_url("link", x), text(x)) for x in cables[:8]))
    if involved:
        here += ["", *involved]
    if finding.waived:
        for waiver in waivers_of(plan, finding)[:1]:
            who = f" ({text(waiver.by, 60)}, {text(waiver.date or '', 20)})" if waiver.by else ""
            reason = text(waiver.reason, 300) if waiver.reason else "no reason given"
            here += ["", f"**Waived:** {reason}{who}"]
    learn = []
    kinds = list(dict.fromkeys(plan.port(r).kind for r in refs if plan.port(r).kind in PORT_KINDS))
    for kind in kinds:
        learn.append(link(md.port_url(kind), PORT_NAMES[kind]))
    types = list(dict.fromkeys(plan.device(d).type for d in devices if plan.device(d).type in DEVICE_TYPES))
    for device_type in types[:4]:
        learn.append(link(md.device_url(device_type), text(type_caption(device_type))))
    body = [
        f"# {text(title)}",
        status,
        _section("In this plan", "\n".join(here)),
    ]
    if page is not None:
        body += [_section(h, b) for h, b in page.sections.items()]
    if learn:
        body.append(_section("Learn more", " · ".join(learn)))
    return _join(*body)


# --- notes, several items, static pages ----------------------------------------------------


def note_markdown(s: Situation, note_id: str) -> str:
    note = s.plan.note(note_id)
    lines = [text(line, 400) for line in note.text.splitlines() if line.strip()]
    body = "\n\n".join(lines) if lines else "*(empty)*"
    return _join("# Note", body, "Notes are free text on the canvas; the checks ignore them.")


def many_markdown(s: Situation, count: int) -> str:
    return _join(
        f"# {count} items selected",
        "Select one device, jack, cable or finding to see it explained here, or click an empty spot of the "
        f"canvas for the {link(md.plan_url(), 'summary of the plan')}.",
    )


def port_kind_markdown(kind: str, region: str | None = None) -> str:
    """A jack kind's page, with the figures for a region when it has voltages."""
    page = port_page(kind)
    regional = figures_for(kind, region_figures(region))
    if not regional:
        return page.markdown
    parts = [f"# {page.title}", page.lead]
    for heading, body in page.sections.items():
        if heading == "What it supplies or expects":
            body = body + "\n\n" + regional
        parts.append(_section(heading, body))
    return _join(*parts)


def rule_markdown(s: Situation, code: str) -> str:
    page = rule_page(code)
    rule = BY_CODE[code.upper()]
    severity = severity_word(rule.severity)
    mine = [f for f in s.findings if f.code == rule.code]
    return _join(
        f"# {text(page.title)}",
        f"**{severity}** by default · `{rule.name}` · {text(rule.family)}",
        *(_section(h, b) for h, b in page.sections.items()),
        _section("In this plan", findings_block(mine, "This plan has no finding of this rule.")),
    )
