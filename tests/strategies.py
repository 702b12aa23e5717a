"""Hypothesis strategies for random VALID plan documents (plan-format.md, version 1).

``plan_documents()`` draws a JSON-ready dict in the key order the spec lists
(unknown keys last, as the writer puts them), so loading then saving it must
give the same document back apart from ``generator``. ``plans()`` draws Plans.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from fxdesigner.io.plan_json import plan_from_document
from fxdesigner.model.kinds import DEVICE_TYPES, PORT_KINDS
from fxdesigner.model.plan import Plan

ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"
ids = st.text(alphabet=ID_ALPHABET, min_size=1, max_size=64)
short_ids = st.text(alphabet=ID_ALPHABET, min_size=1, max_size=8)

#: Text a stranger could put in a label: emoji, right-to-left, controls, quotes, markup.
TRICKY_TEXT = [
    "",
    "Réception ☎",
    "📠 fax 🙂👍🏽",
    "مكتب الاستقبال",
    "שלום",
    "\u202eevil\u202c",
    "tab\there\nnew line\r\x00\x1f\x7f",
    "\u2028\u2029",
    'quote " and \\ backslash',
    "<b>bold</b> & ]]> <!-- -->",
    "\ufeffbom inside",
    "\U0010ffff",
]
text = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=30))
labels = st.one_of(
    st.sampled_from(TRICKY_TEXT),
    st.text(max_size=40),
    st.text(min_size=1, max_size=3).map(lambda s: (s * 200)[:200]),  # the longest label allowed
)

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
coordinates = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9),
    finite_floats,
    st.sampled_from([0, 0.0, -0.0, 1e-300, 1.5e300]),
)
nonneg = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),
)
optional_bool = st.one_of(st.none(), st.booleans())
regions = st.one_of(
    st.sampled_from(["US", "CA", "GB", "AU", "DE", "FR", "NZ"]),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
)

#: Any JSON value the loader must keep untouched (shallow, finite numbers only).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63) | finite_floats | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=3,
)
#: Names no version-1 key uses, for unknown keys at every level.
unknown_keys = st.builds(
    "{}_{}".format,
    st.sampled_from(["future", "x"]),
    st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=6),
)
unknown_types = st.sampled_from(["teleporter", "x-future-box", "ATA", "pbx"])


def _optional(draw: st.DrawFn, out: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


def _extras(draw: st.DrawFn, out: dict[str, Any]) -> None:
    for key, value in draw(st.dictionaries(unknown_keys, json_values, max_size=1)).items():
        out[key] = value


_PORT_PROPERTY_VALUES: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "fxs": {"ren_budget": nonneg, "max_loop_m": nonneg},
    "pstn": {"ren_budget": nonneg},
    "ethernet": {"poe": st.booleans(), "role": st.sampled_from(["wan", "lan"])},
    "passive": {"filtered": st.booleans()},
    "fxo": {},
    "digital": {},
}
#: Properties of other kinds are unknown on this kind: kept, never judged.
_MISPLACED = st.sampled_from([("role", "dmz"), ("poe", "yes"), ("ren_budget", -4), ("filtered", 1)])

_DEVICE_PROPERTY_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "power": st.sampled_from(["line", "mains", "poe"]),
    "ups": st.booleans(),
    "ren": nonneg,
    "t38": optional_bool,
    "copper": st.booleans(),
    "direct_911": optional_bool,
}


@st.composite
def ports(draw: st.DrawFn, port_id: str, kind: str, fxo_ids: list[str]) -> dict[str, Any]:
    port: dict[str, Any] = {"id": port_id, "kind": kind}
    _optional(draw, port, "label", text)
    props: dict[str, Any] = {}
    for key, strategy in _PORT_PROPERTY_VALUES[kind].items():
        _optional(draw, props, key, strategy)
    if kind == "fxs" and draw(st.booleans()):
        props["power_fail_to"] = draw(st.sampled_from([None, *fxo_ids]))
    if kind not in ("fxs", "pstn", "ethernet", "passive") and draw(st.booleans()):
        key, value = draw(_MISPLACED)
        props[key] = value
    for key, value in draw(st.dictionaries(unknown_keys, json_values, max_size=1)).items():
        props[key] = value
    if props:
        port["properties"] = props
    _extras(draw, port)
    return port


@st.composite
def devices(draw: st.DrawFn, device_id: str) -> dict[str, Any]:
    device: dict[str, Any] = {
        "id": device_id,
        "type": draw(st.one_of(st.sampled_from(DEVICE_TYPES), unknown_types)),
    }
    _optional(draw, device, "label", labels)
    _optional(draw, device, "model", text)
    device["x"] = draw(coordinates)
    device["y"] = draw(coordinates)
    props: dict[str, Any] = {}
    for key, strategy in _DEVICE_PROPERTY_VALUES.items():
        _optional(draw, props, key, strategy)
    for key, value in draw(st.dictionaries(unknown_keys, json_values, max_size=1)).items():
        props[key] = value
    if props:
        device["properties"] = props
    port_ids = draw(st.lists(short_ids, max_size=4, unique=True))
    kinds = [draw(st.sampled_from(PORT_KINDS)) for _ in port_ids]
    fxo_ids = [pid for pid, kind in zip(port_ids, kinds) if kind == "fxo"]
    device["ports"] = [draw(ports(pid, kind, fxo_ids)) for pid, kind in zip(port_ids, kinds)]
    _extras(draw, device)
    return device


@st.composite
def plan_documents(draw: st.DrawFn, max_devices: int = 5) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "fxdesigner-plan", "schema_version": 1}
    _optional(draw, doc, "generator", text)
    _optional(draw, doc, "title", text)
    _optional(draw, doc, "region", regions)
    device_ids = draw(st.lists(ids, max_size=max_devices, unique=True))
    doc["devices"] = [draw(devices(device_id)) for device_id in device_ids]
    ends = [
        {"device": device["id"], "port": port["id"]} for device in doc["devices"] for port in device["ports"]
    ]
    links: list[dict[str, Any]] = []
    if len(ends) >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.integers(0, len(ends) - 1), st.integers(0, len(ends) - 1)).filter(
                    lambda pair: pair[0] != pair[1]
                ),
                max_size=8,
            )
        )
        link_ids = draw(st.lists(ids, min_size=len(pairs), max_size=len(pairs), unique=True))
        for link_id, (i, j) in zip(link_ids, pairs):
            link: dict[str, Any] = {"id": link_id, "a": dict(ends[i]), "b": dict(ends[j])}
            props: dict[str, Any] = {}
            _optional(draw, props, "length_m", nonneg)
            _optional(draw, props, "leaves_building", st.booleans())
            _optional(draw, props, "label", text)
            for key, value in draw(st.dictionaries(unknown_keys, json_values, max_size=1)).items():
                props[key] = value
            if props:
                link["properties"] = props
            _extras(draw, link)
            links.append(link)
    doc["links"] = links
    if draw(st.booleans()):
        notes = []
        for note_id in draw(st.lists(short_ids, max_size=3, unique=True)):
            note: dict[str, Any] = {
                "id": note_id,
                "text": draw(text),
                "x": draw(coordinates),
                "y": draw(coordinates),
            }
            _extras(draw, note)
            notes.append(note)
        doc["notes"] = notes
    if draw(st.booleans()):
        waivers = []
        for waiver_id in draw(st.lists(short_ids, max_size=3, unique=True)):
            waiver: dict[str, Any] = {
                "id": waiver_id,
                "code": draw(st.sampled_from(["FX101", "FX204", "FX301", "FX999"])),
                "subject": draw(
                    st.one_of(text, st.sampled_from([e["device"] + ":" + e["port"] for e in ends] or ["x"]))
                ),
            }
            for key in ("reason", "by", "date"):
                _optional(draw, waiver, key, text)
            _extras(draw, waiver)
            waivers.append(waiver)
        doc["waivers"] = waivers
    _extras(draw, doc)
    return doc


def plans(max_devices: int = 5) -> st.SearchStrategy[Plan]:
    return plan_documents(max_devices).map(plan_from_document)
