"""Writing rows as CSV and as Markdown tables, safely.

Plans come from strangers, and so do their labels. Two things make a label
dangerous in a table: a spreadsheet runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (CSV injection), and Markdown turns ``|``, ``<b>`` or
``[x](url)`` into structure. Cells from the plan go through csv_cell and
markdown_cell; numbers we compute are written as they are.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Final

from fxdesigner.model.text import one_line

#: RFC 4180 line ends; the files are UTF-8 without a byte-order mark.
CSV_LINE_END: Final = "\r\n"
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
#: Inside a table cell these are the characters that can start markup (a cell never starts a
#: line), plus ":", "." and "@" so that no URL or e-mail address becomes a live link.
_MARKDOWN_SPECIAL: Final = frozenset("\\`*_[]<>|~&:.@")


class Key(str):
    """An id from the plan: ids are 1-64 of A-Z a-z 0-9 _ . - (checked at load), which can
    form no harmful formula, and they are keys other tools join on, so they are written as they are."""


Cell = str | int | float | bool | None


def number_text(value: float | int | None) -> str:
    """A length or count as people write it: 12, 2.5; empty when unknown (or not a finite number)."""
    if value is None or isinstance(value, bool):
        return ""
    try:
        value = float(value)
    except (OverflowError, ValueError):
        return ""
    if not math.isfinite(value):
        return ""
    if abs(value) >= 1e15:
        return repr(value)  # no one measures cables this long, but the file may say so
    value = round(value, 3)
    if value.is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _value_text(value: int | float | bool | None) -> str:
    """The text of a cell that holds no string: nothing, yes or no, or a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return number_text(value)


def csv_cell(value: Cell) -> str:
    if not isinstance(value, str):
        return _value_text(value)
    text = one_line(value, 1000)
    if isinstance(value, Key):
        return text
    # A leading apostrophe is what spreadsheets themselves use to say "this is text".
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=CSV_LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def markdown_cell(value: Cell) -> str:
    if not isinstance(value, str):
        return _value_text(value)
    # CommonMark lets a backslash escape any ASCII punctuation: nothing the user
    # typed can then open a link, an HTML tag, emphasis or a new table column.
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in one_line(value, 200))


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Cell]], right: Sequence[int] = ()) -> str:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("| " + " | ".join("---:" if i in right else "---" for i in range(len(header))) + " |")
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(cell) or " " for cell in row) + " |")
    return "\n".join(lines) + "\n"
