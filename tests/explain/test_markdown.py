"""User text is escaped for Markdown and HTML; fx: links parse strictly."""

from __future__ import annotations

import pytest

from fxdesigner.explain import markdown as md

NASTY = [
    "<img src=file:///etc/passwd>",
    "<img src=file:///etc/passwd> <b>Boss</b>",
    "**x**",
    "[x](http://evil)",
    "![i](file:///etc/passwd)",
    "<http://evil.example>",
    "&lt;b&gt; &amp;",
    "# heading",
    "1. list",
    "- item",
    "`code`",
    "a_b_c *d* ~e~",
    "line one\n\n# line two\n<script>",
    "back\\slash\\",
    "> quote",
    "| a | b |",
]


@pytest.mark.parametrize("label", NASTY)
def test_every_ascii_punctuation_is_escaped(label: str) -> None:
    escaped = md.text(label)
    assert "\n" not in escaped
    previous = ""
    for i, ch in enumerate(escaped):
        if ch in "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~":
            assert previous == "\\", f"{ch!r} at {i} of {escaped!r} is not escaped"
            previous = ""
        elif ch == "\\":
            # either an escape of the next char, or an escaped backslash
            previous = "" if previous == "\\" else "\\"
        else:
            previous = ""


@pytest.mark.parametrize("label", NASTY)
def test_escaped_text_reads_back_as_the_label(label: str) -> None:
    # CommonMark: a backslash before ASCII punctuation stands for that character.
    escaped = md.text(label, limit=500)
    unescaped = "".join(c for i, c in enumerate(escaped) if not (c == "\\" and _escapes_next(escaped, i)))
    assert unescaped == " ".join(label.split())


def _escapes_next(text: str, i: int) -> bool:
    backslashes = 0
    j = i
    while j >= 0 and text[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1


def test_text_drops_direction_overrides_and_caps_length() -> None:
    assert md.text("abc\u202edef") == "abc def"
    assert len(md.text("x" * 500, limit=50)) == 50


def test_links_round_trip() -> None:
    assert md.parse_link(md.port_url("fxs")) == md.Target("port", "fxs")
    assert md.parse_link(md.device_url("analog-phone")) == md.Target("device", "analog-phone")
    assert md.parse_link(md.rule_url("FX104")) == md.Target("rule", "FX104")
    assert md.parse_link(md.select_url("device", "ata1")) == md.Target("select", "ata1", what="device")
    assert md.parse_link(md.select_url("link", "c.1-x_2")) == md.Target("select", "c.1-x_2", what="link")
    assert md.parse_link(md.jack_url("ata1:phone1")) == md.Target("jack", "ata1:phone1")
    assert md.parse_link(md.plan_url()) == md.Target("plan")
    key = ("FX102", ("line2", "ks"), ("line2:jack", "ks:ext2"), ("c2",))
    assert md.parse_link(md.finding_url(key)) == md.Target("finding", "FX102", key=key)
    empty = ("FX501", ("p1",), (), ())
    assert md.parse_link(md.finding_url(empty)).key == empty


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example",
        "https://fx/port/fxs",
        "file:///etc/passwd",
        "fx:port/FXS<",
        "fx:select/device/../../etc",
        "fx:select/widget/a",
        "fx:rule/XX101",
        "fx:jack/nocolon",
        "fx:finding/FX101/a b/-/-",
        "fx:port/fxs/extra",
        "javascript:alert(1)",
        "",
    ],
)
def test_anything_else_is_not_a_link_of_ours(url: str) -> None:
    assert md.parse_link(url) is None
