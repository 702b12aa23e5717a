"""Turning user text into something safe to put in one line of a message.

Labels are plain text from strangers: they may hold newlines, control
characters or right-to-left overrides that would garble a report line or
disguise a name. Display code runs them through here; the plan keeps them as
they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

# C0/C1 controls, bidi embeddings/overrides/isolates, and line/paragraph separators.
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]+")
_SPACES: Final = re.compile(r"\s{2,}")


def one_line(text: str, limit: int = 80) -> str:
    """Text on one line, without control or direction-override characters, at most limit long."""
    # Fast path for ordinary labels: isprintable() is False for controls and for
    # format characters such as U+202E, so only unusual text reaches the regexes.
    if len(text) <= limit and text.isprintable() and "  " not in text and text == text.strip():
        return text
    cleaned = _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


def escape_unsafe(text: str) -> str:
    """Text with each control, line-separator or direction-override character written as an escape.

    Unlike one_line it keeps every other character, so a message quoting a bad
    value still shows exactly which value it was, on one line.
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 error', '2 errors': a count and its noun (many is the plural when it is not word + 's')."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
