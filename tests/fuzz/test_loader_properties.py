"""Hypothesis against the loader: any bytes, any JSON, any damage to a valid plan.

Property: the loader returns a plan or raises the one-line PlanLoadError —
nothing else. A plan that loads must also survive the rules engine, a save and
reload, and (as clipboard data) a paste that undoes cleanly.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import TRICKY_TEXT, plan_documents

from fxdesigner.io.embedded import embed_in_png, embed_in_svg
from fxdesigner.io.fragment import paste_edit
from fxdesigner.io.plan_json import PlanLoadError, dumps_plan, load_plan_bytes, plan_json_of
from fxdesigner.model.plan import Plan
from fxdesigner.rules.engine import check

# Hypothesis runs of a few seconds each: the quick loop (-m 'not slow') leaves them out.
pytestmark = pytest.mark.slow

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text a stranger can type or paste, including what st.text() never draws: lone surrogates.
hostile_text = st.one_of(
    st.sampled_from(TRICKY_TEXT),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3),
    st.sampled_from(["A" * 10_000, "\u202e" * 300, "📞" * 5_000, "<img src=file:///etc/passwd>", "\x00" * 9]),
)
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
    max_leaves=20,
)


def load_or_refuse(data: bytes, source: str = "x.fxplan") -> Plan | None:
    try:
        plan = load_plan_bytes(data, source)
    except PlanLoadError as exc:
        text = str(exc)
        assert text.startswith(f"{source}: ") and "\n" not in text and "\r" not in text, text
        return None
    check(plan)
    assert load_plan_bytes(dumps_plan(plan).encode("utf-8"), "again") == plan
    return plan


def encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def paths(doc: Any, here: tuple = ()) -> list[tuple]:
    found = [here]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*here, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found += paths(value, (*here, i))
    return found


def replaced(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    doc = copy.deepcopy(doc)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return doc


@FAST
@given(st.binary(max_size=2000))
@example(b"")
@example(b"\xef\xbb\xbf{}")
@example(b"[" * 100_000)
@example(b'{"format": "fxdesigner-plan", "schema_version": 1e400, "devices": [], "links": []}')
def test_any_bytes(data):
    load_or_refuse(data)
    for name in ("x.png", "x.svg"):
        try:
            load_or_refuse(plan_json_of(data, name, display_name=name), name)
        except PlanLoadError as exc:
            assert str(exc).startswith(f"{name}: (image): ") and "\n" not in str(exc)


@FAST
@given(any_json)
def test_any_json_document(value):
    load_or_refuse(encode(value))
    load_or_refuse(encode({"format": "fxdesigner-plan", "schema_version": 1, "devices": value, "links": []}))


@FAST
@given(plan_documents(max_devices=4), st.data())
def test_a_valid_plan_with_one_part_replaced(document, data):
    path = data.draw(st.sampled_from(paths(document)))
    odd_numbers = st.sampled_from([float("nan"), float("inf"), 10**5000, -0.0, 1e308])
    value = data.draw(st.one_of(any_json, odd_numbers))
    try:
        raw = encode(replaced(document, path, value))
    except ValueError:  # json.dumps refuses 10**5000 on this Python: write it by hand
        raw = encode(replaced(document, path, "@@BIG@@")).replace(b'"@@BIG@@"', b"1" + b"0" * 5000)
    load_or_refuse(raw)


@FAST
@given(plan_documents(max_devices=3), st.data())
def test_every_text_field_takes_hostile_text(document, data):
    """Emoji, right-to-left overrides, controls, 10,000 characters: loaded as they are, or refused."""
    for path in paths(document):
        if path and path[-1] in ("label", "model", "text", "title", "reason", "by", "date"):
            document = replaced(document, path, data.draw(hostile_text))
    plan = load_or_refuse(encode(document))
    if plan is not None:
        assert dumps_plan(plan) == dumps_plan(load_plan_bytes(dumps_plan(plan).encode("utf-8"), "again"))


@FAST
@given(plan_documents(max_devices=3), st.booleans(), st.data())
def test_plans_inside_damaged_images(document, compress, data):
    text = encode(document)
    png = embed_in_png(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
        "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    ), text, compress=compress)
    svg = embed_in_svg('<svg xmlns="http://www.w3.org/2000/svg"/>', text.decode("utf-8", "replace")).encode()
    for name, image in (("x.png", png), ("x.svg", svg)):
        cut = data.draw(st.integers(0, len(image)))
        flip = data.draw(st.integers(0, len(image) - 1))
        damaged = bytearray(image[:cut] + image[cut:])
        damaged[flip] ^= data.draw(st.integers(0, 255))
        for candidate in (image, image[:cut], bytes(damaged)):
            try:
                load_or_refuse(plan_json_of(candidate, name, display_name=name), name)
            except PlanLoadError as exc:
                assert "\n" not in str(exc)


@FAST
@given(plan_documents(max_devices=3), any_json, st.data())
def test_pasting_anything_refuses_or_pastes_and_undoes(document, junk, data):
    base = load_plan_bytes(encode(document), "base")
    before = dumps_plan(base)
    whole = encode(document)
    clipboard = data.draw(st.sampled_from([encode(junk), whole, whole[:-7], b"\x00\xff"]))
    try:
        edit = paste_edit(base, clipboard)
    except PlanLoadError as exc:
        assert str(exc).startswith("clipboard: ") and "\n" not in str(exc)
        return
    if edit is None:
        return
    edit.apply(base)
    check(base)
    edit.revert(base)
    assert dumps_plan(base) == before
