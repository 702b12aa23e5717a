"""Putting user text into the explainer's Markdown safely, and the panel's private links.

Labels come from plans that strangers email: a label such as
`<img src=file:///etc/passwd>`, `**Boss**` or `[click](http://evil)` must show
literally, never as an image, emphasis or link. `text()` flattens it to one line
(no line breaks to start a heading or a list, no direction overrides) and
backslash-escapes every ASCII punctuation character, which CommonMark always
reads as the literal character; so `<` can open neither HTML nor an autolink,
`&` no entity, and `[`, `!`, `*`, `_`, `#`, `` ` `` no markup.

Links inside the panel use the private scheme `fx:`, e.g. `fx:port/fxs`,
`fx:device/ata`, `fx:rule/FX104`, `fx:select/device/ata1`,
`fx:jack/ata1:phone1`, `fx:finding/FX104/phone1,ata1/phone1:line/c1`. Ids are
limited to `A-Z a-z 0-9 _ . -` (plan-format.md), so they need no URL quoting;
anything else is refused by `parse_link`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from fxdesigner.model.plan import PortRef
from fxdesigner.model.text import one_line

SCHEME: Final = "fx"
_PUNCTUATION: Final = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ID: Final = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_CODE: Final = re.compile(r"^FX\d{3}$")
_NAME: Final = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


def text(value: object, limit: int = 120) -> str:
    """User text as literal Markdown inline text: one line, every ASCII punctuation escaped."""
    flat = one_line(str(value), limit)
    return "".join("\\" + c if c in _PUNCTUATION else c for c in flat)


def link(target: str, label: str) -> str:
    """A Markdown link; label is Markdown already (escape user text with text() first)."""
    return f"[{label}]({target})"



# --- fx: links ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where an fx: link leads.

    kind is "port" (a jack kind's page), "device" (a device type's page),
    "rule" (a rule's page), "select" (select something on the canvas:
    what is "device", "link" or "note"), "jack" (explain one jack of the plan),
    "finding" (explain one finding, named by its key) or "plan" (the summary).
    """

    kind: str
    name: str = ""
    what: str = ""
    key: tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None = None


def port_url(kind: str) -> str:
    return f"{SCHEME}:port/{kind}"


def device_url(device_type: str) -> str:
    return f"{SCHEME}:device/{device_type}"


def rule_url(code: str) -> str:
    return f"{SCHEME}:rule/{code}"


def select_url(what: str, item_id: str) -> str:
    return f"{SCHEME}:select/{what}/{item_id}"


def jack_url(ref: str) -> str:
    return f"{SCHEME}:jack/{ref}"


def plan_url() -> str:
    return f"{SCHEME}:plan"


def finding_url(key: tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> str:
    code, devices, ports, links = key
    parts = [",".join(p) or "-" for p in (devices, ports, links)]
    return f"{SCHEME}:finding/{code}/" + "/".join(parts)


def _is_ref(value: str) -> bool:
    try:
        device, port = PortRef.parse(value)
    except ValueError:
        return False
    return bool(_ID.match(device)) and bool(_ID.match(port))


def parse_link(url: str) -> Target | None:
    """The target of an fx: link, or None for anything else (never followed)."""
    prefix = f"{SCHEME}:"
    if not url.startswith(prefix):
        return None
    parts = url[len(prefix) :].split("/")
    head = parts[0]
    if head == "plan" and len(parts) == 1:
        return Target("plan")
    if head == "port" and len(parts) == 2 and _NAME.match(parts[1]):
        return Target("port", parts[1])
    if head == "device" and len(parts) == 2 and _NAME.match(parts[1]):
        return Target("device", parts[1])
    if head == "rule" and len(parts) == 2 and _CODE.match(parts[1].upper()):
        return Target("rule", parts[1].upper())
    if (
        head == "select"
        and len(parts) == 3
        and parts[1] in ("device", "link", "note")
        and _ID.match(parts[2])
    ):
        return Target("select", parts[2], what=parts[1])
    if head == "jack" and len(parts) == 2 and _is_ref(parts[1]):
        return Target("jack", parts[1])
    if head == "finding" and len(parts) == 5 and _CODE.match(parts[1]):
        lists = [tuple(p.split(",")) if p != "-" else () for p in parts[2:]]
        devices, ports, links = lists
        if (
            all(_ID.match(d) for d in devices)
            and all(_is_ref(p) for p in ports)
            and all(_ID.match(x) for x in links)
        ):
            return Target("finding", parts[1], key=(parts[1], devices, ports, links))
    return None
