"""A JSON reader for untrusted plans.

Python's json accepts NaN, Infinity, 1e400 (as inf), duplicate keys (last one
wins) and lone surrogates, and raises RecursionError rather than ValueError on
deep nesting. Plans arrive by e-mail, so each of those is refused here with the
place where it was found.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Final

MAX_DEPTH: Final = 64
_BOM: Final = b"\xef\xbb\xbf"
_MAX_INT_DIGITS: Final = 400  # anything longer overflows a float anyway
_FLOAT_MAX: Final = 1.7976931348623157e308


class JsonProblem(ValueError):
    """What is wrong with a document, and where (a path like devices[3].x, or a line)."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class _Bad:
    """Stands in for a value that must be refused, so the path walk can find it."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _DuplicateKeys(dict):  # type: ignore[type-arg]
    __slots__ = ("duplicate",)


# Digits become "0", exponent signs "+" and "e" stays: a number can overflow only
# with 300+ digits in a row or a three-digit exponent, both plain substrings then.
_NUMBER_SHAPE: Final = bytes.maketrans(b"123456789E-", b"000000000e+")
_LONG_DIGITS: Final = b"0" * 300


def _risky_numbers(data: bytes) -> bool:
    shape = data.translate(_NUMBER_SHAPE)
    return _LONG_DIGITS in shape or b"e000" in shape or b"e+000" in shape


_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89abAB]|\\u[dD][c-fC-F]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_STRING_OR_BRACKET: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_STRUCTURE_BYTES: Final = b'[]{}"'
_NON_STRUCTURE_BYTES: Final = bytes(b for b in range(256) if b not in _STRUCTURE_BYTES)
_ESCAPED: Final = re.compile(rb"\\.", re.S)
_STRINGS: Final = re.compile(rb'"[^"]*"')
_PAIRS: Final = re.compile(rb"\[\]|\{\}")


def parse(data: bytes) -> Any:
    """Parse bytes as strict JSON; raise JsonProblem on anything the plan format refuses."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise JsonProblem(
            f"line {line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if _too_deep(data):
        raise JsonProblem(_deep_location(text), f"nesting deeper than {MAX_DEPTH} levels")
    flags = {"bad": False}

    def on_constant(name: str) -> _Bad:
        flags["bad"] = True
        return _Bad(f"{name} is not allowed (numbers must be finite)")

    def on_float(literal: str) -> float | _Bad:
        value = float(literal)
        if math.isfinite(value):
            return value
        flags["bad"] = True
        return _Bad(f"number {literal[:40]} is too large (it overflows to infinity)")

    def on_int(literal: str) -> int | _Bad:
        digits = literal.lstrip("-")
        try:
            # float() raises OverflowError for anything beyond +-_FLOAT_MAX; catching it
            # here (not around json.loads) keeps the number's path in the message.
            too_large = len(digits) > _MAX_INT_DIGITS or abs(float(int(literal))) > _FLOAT_MAX
        except OverflowError:
            too_large = True
        if too_large:
            flags["bad"] = True
            return _Bad(f"number {literal[:40]}... is too large")
        return int(literal)

    def on_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            flags["bad"] = True
            seen: set[str] = set()
            marked = _DuplicateKeys(result)
            for key, _ in pairs:
                if key in seen:
                    marked.duplicate = key
                    break
                seen.add(key)
            return marked
        return result

    # Number hooks cost a Python call per number; only numbers with a long digit
    # run or a three-digit exponent can overflow, so the hooks run only then.
    numbers = {"parse_float": on_float, "parse_int": on_int} if _risky_numbers(data) else {}
    try:
        document = json.loads(
            text,
            parse_constant=on_constant,
            object_pairs_hook=on_object,
            **numbers,
        )
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise JsonProblem("(file)", "the file is empty") from None
        raise JsonProblem(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}") from None
    except OverflowError:
        raise JsonProblem("(document)", "a number is too large") from None
    except (RecursionError, MemoryError):
        raise JsonProblem("(document)", "document is too complex to read") from None
    if flags["bad"] or _SURROGATE_ESCAPE.search(data):
        problem = _find_problem(document)
        if problem:
            raise JsonProblem(*problem)
    return document


def _too_deep(data: bytes) -> bool:
    """True when brackets nest deeper than MAX_DEPTH (strings ignored)."""
    # Escapes first: removing the letters of "\n" first would leave a lone
    # backslash that swallows the closing quote and misaligns every string after it.
    # Then bytes.translate drops everything but brackets and quotes at C speed.
    structure = _ESCAPED.sub(b"", data).translate(None, _NON_STRUCTURE_BYTES)
    structure = _STRINGS.sub(b"", structure)
    for _ in range(MAX_DEPTH):
        reduced = _PAIRS.sub(b"", structure)
        if reduced == structure:
            return False  # mismatched or fully reduced: json.loads reports the former
        structure = reduced
        if not structure:
            return False
    return bool(structure) and _PAIRS.search(structure) is not None


def _deep_location(text: str) -> str:
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                return f"line {line}, column {column}"
        elif token in "]}":
            depth -= 1
    return "(document)"


def _find_problem(document: Any) -> tuple[str, str] | None:
    """The first refused value in document order, with its path."""
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Bad):
            return (path or "(document)", value.reason)
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return (path or "(document)", "text contains an unpaired UTF-16 surrogate")
        elif isinstance(value, dict):
            if isinstance(value, _DuplicateKeys):
                return (path or "(top level)", f'duplicate key "{value.duplicate}"')
            children = []
            for key, child in value.items():
                if _SURROGATE.search(key):
                    return (path or "(top level)", "a key contains an unpaired UTF-16 surrogate")
                children.append((child, join_path(path, key)))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(value))))
    return None


_SIMPLE_KEY: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def join_path(path: str, key: str) -> str:
    if _SIMPLE_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key[:60])}]"
