"""Plans carried inside exported images (plan-format.md, "Plans inside exported images").

A PNG carries the plan as UTF-8 JSON in an iTXt chunk with keyword ``fxplan``;
an SVG carries it in ``<metadata id="fxplan">``. Pure Python, no Qt: the command
line reads these without a display.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Final
from xml.etree import ElementTree
from xml.sax.saxutils import escape

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
KEYWORD: Final = b"fxplan"
IMAGE_SUFFIXES: Final = frozenset({".png", ".svg"})
MAX_IMAGE_BYTES: Final = 512 * 1024 * 1024
MAX_PLAN_BYTES: Final = 52_428_800


class EmbeddedPlanError(ValueError):
    """The image has no plan, more than one, or a damaged one."""


def extract_plan_json(data: bytes, suffix: str) -> bytes:
    if suffix == ".png":
        return extract_from_png(data)
    if suffix == ".svg":
        return extract_from_svg(data)
    raise EmbeddedPlanError(f"{suffix} files carry no plan")


# --- PNG ---------------------------------------------------------------------------


def _chunks(data: bytes):  # type: ignore[no-untyped-def]
    if not data.startswith(PNG_SIGNATURE):
        raise EmbeddedPlanError("not a PNG file")
    offset = len(PNG_SIGNATURE)
    index = 0
    while offset < len(data):
        if offset + 8 > len(data):
            raise EmbeddedPlanError("the PNG file is truncated")
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        end = offset + 8 + length + 4
        if end > len(data):
            raise EmbeddedPlanError(f"the PNG file is truncated (chunk {index} runs past the end)")
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : end])
        if zlib.crc32(kind + body) != crc:
            raise EmbeddedPlanError(f"PNG chunk {index} ({kind.decode('latin-1', 'replace')}) is damaged")
        yield offset, kind, body
        if kind == b"IEND":
            return
        offset = end
        index += 1
    raise EmbeddedPlanError("the PNG file is truncated (no IEND chunk)")


def extract_from_png(data: bytes) -> bytes:
    found: list[bytes] = []
    for _, kind, body in _chunks(data):
        if kind == b"iTXt" and body.split(b"\0", 1)[0] == KEYWORD:
            found.append(body)
    if not found:
        raise EmbeddedPlanError("this image has no embedded plan (it was exported without one)")
    if len(found) > 1:
        raise EmbeddedPlanError(f"this image holds {len(found)} embedded plans; expected one")
    return _itxt_text(found[0])


def _itxt_text(body: bytes) -> bytes:
    try:
        _, rest = body.split(b"\0", 1)
        flag, method = rest[0], rest[1]
        _language, rest = rest[2:].split(b"\0", 1)
        _translated, text = rest.split(b"\0", 1)
    except (ValueError, IndexError):
        raise EmbeddedPlanError("the embedded plan chunk is malformed") from None
    if flag == 0:
        return text
    if flag != 1 or method != 0:
        raise EmbeddedPlanError("the embedded plan uses an unknown compression")
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(text, MAX_PLAN_BYTES + 1)
    except zlib.error:
        raise EmbeddedPlanError("the embedded plan is damaged (bad compressed data)") from None
    if len(out) > MAX_PLAN_BYTES:
        raise EmbeddedPlanError(f"the embedded plan is over {MAX_PLAN_BYTES:,} bytes")
    return out


def embed_in_png(png: bytes, plan_json: bytes, *, compress: bool = True) -> bytes:
    """Return png with the plan in an iTXt chunk just before IEND (any old one removed)."""
    text = zlib.compress(plan_json, 6) if compress else plan_json
    body = KEYWORD + b"\0" + bytes([1 if compress else 0, 0]) + b"\0" + b"\0" + text
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    out = bytearray(PNG_SIGNATURE)
    for offset, kind, body_old in _chunks(png):
        if kind == b"iTXt" and body_old.split(b"\0", 1)[0] == KEYWORD:
            continue
        if kind == b"IEND":
            out += chunk
        out += png[offset : offset + 12 + len(body_old)]
    return bytes(out)


# --- SVG -----------------------------------------------------------------------------

_DOCTYPE: Final = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_NOT_XML_CHAR: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def extract_from_svg(data: bytes) -> bytes:
    # Entity declarations are how XML files fetch local files or blow up memory;
    # our SVGs never contain them, so any such file is refused outright.
    if _DOCTYPE.search(data):
        raise EmbeddedPlanError("the SVG declares a DOCTYPE or entities, which are not allowed")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise EmbeddedPlanError(f"the SVG is not well-formed XML ({exc})") from None
    found = [
        el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "metadata" and el.get("id") == "fxplan"
    ]
    if not found:
        raise EmbeddedPlanError("this image has no embedded plan (it was exported without one)")
    if len(found) > 1:
        raise EmbeddedPlanError(f"this image holds {len(found)} embedded plans; expected one")
    return (found[0].text or "").encode("utf-8")


def embed_in_svg(svg: str, plan_json: str) -> str:
    """Insert <metadata id="fxplan"> right after the opening <svg> tag."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise EmbeddedPlanError("no <svg> element to embed into")
    # XML 1.0 cannot hold U+FFFE, U+FFFF or raw C0 controls even as &#...; references;
    # JSON can, as \uXXXX escapes (which only occur inside strings), so write them that way.
    plan_json = _NOT_XML_CHAR.sub(lambda m: f"\\u{ord(m.group()):04x}", plan_json)
    element = f'\n<metadata id="fxplan">{escape(plan_json)}</metadata>\n'
    return svg[: match.end()] + element + svg[match.end() :]
