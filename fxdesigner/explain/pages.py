"""The explanation pages: one Markdown file per jack kind, per device type and per rule.

resources/explain/ports/<kind>.md and resources/explain/devices/<type>.md are
written for a newcomer with an installer's depth, from domain.md (figures carry
their source tags). Rules keep their pages in resources/rules/<CODE>/explanation.md,
read through the rule registry, so `fxdesigner rule CODE`, `fxdesigner explain`
and the designer's panel all show the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from fxdesigner import assets
from fxdesigner.model.kinds import DEVICE_TYPES, PORT_KINDS
from fxdesigner.rules.registry import BY_CODE, explanation_text

#: A jack kind in full, as the panel names it.
PORT_NAMES: Final = {
    "fxs": "FXS — Foreign eXchange Subscriber",
    "fxo": "FXO — Foreign eXchange Office",
    "pstn": "Street line jack",
    "ethernet": "Ethernet",
    "digital": "Digital station jack",
    "passive": "Passive jack",
}
#: Short names for lists ("an FXS jack").
PORT_SHORT: Final = {
    "fxs": "FXS",
    "fxo": "FXO",
    "pstn": "street line",
    "ethernet": "Ethernet",
    "digital": "digital",
    "passive": "passive",
}


class UnknownPage(LookupError):
    """No page for that jack kind, device type or rule."""


@dataclass(frozen=True)
class Page:
    """A Markdown page split into its parts."""

    title: str
    #: Text between the title and the first section (the memory hook, a one-line summary).
    lead: str
    #: Section heading -> body, in page order.
    sections: dict[str, str]
    markdown: str

    def section(self, heading: str) -> str:
        return self.sections.get(heading, "")


def parse_page(markdown: str) -> Page:
    title = ""
    lead: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in markdown.splitlines():
        if line.startswith("# ") and not title and current is None:
            title = line[2:].strip()
        elif line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif current is None:
            lead.append(line)
        else:
            current.append(line)
    return Page(
        title,
        "\n".join(lead).strip(),
        {heading: "\n".join(body).strip() for heading, body in sections.items()},
        markdown,
    )


@cache
def port_page(kind: str) -> Page:
    if kind not in PORT_KINDS:
        raise UnknownPage(f"no jack kind {kind!r} (one of {', '.join(PORT_KINDS)})")
    return parse_page(assets.read_text("explain", "ports", f"{kind}.md"))


@cache
def device_page(device_type: str) -> Page:
    if device_type not in DEVICE_TYPES:
        raise UnknownPage(f"no device type {device_type!r} (fxdesigner explain --list lists them)")
    return parse_page(assets.read_text("explain", "devices", f"{device_type}.md"))


@cache
def rule_page(code: str) -> Page:
    code = code.upper()
    if code not in BY_CODE:
        raise UnknownPage(f"no rule {code!r} (fxdesigner rules lists them)")
    rule = BY_CODE[code]
    return parse_page(f"# {code} · {rule.title}\n\n" + explanation_text(code))


def page_of_device(device_type: str) -> Page:
    """The page for a device of this type; an unknown type gets the generic device's page."""
    return device_page(device_type if device_type in DEVICE_TYPES else "generic")
