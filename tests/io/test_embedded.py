"""Plans inside exported PNG and SVG images (plan-format.md "Plans inside exported images"). No Qt."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_PLANS,
    base_document,
    encode,
    file_load_error,
    insert_before_iend,
    itxt_chunk,
    png_chunk,
    tiny_png,
)

from fxdesigner.io.embedded import (
    EmbeddedPlanError,
    embed_in_png,
    embed_in_svg,
    extract_from_png,
    extract_from_svg,
    extract_plan_json,
)
from fxdesigner.io.plan_json import dumps_plan, load_plan, load_plan_bytes

SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="#fff"/></svg>\n'
)


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return EXAMPLE_PLANS[1].read_bytes()


def chunk_kinds(png: bytes) -> list[bytes]:
    kinds = []
    offset = 8
    while offset < len(png):
        length = int.from_bytes(png[offset : offset + 4], "big")
        kinds.append(png[offset + 4 : offset + 8])
        offset += 12 + length
    return kinds


# --- PNG -------------------------------------------------------------------------------


def test_the_hand_made_png_is_well_formed() -> None:
    png = tiny_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert chunk_kinds(png) == [b"IHDR", b"IDAT", b"IEND"]


@pytest.mark.parametrize("compress", [True, False], ids=["compressed", "uncompressed"])
def test_a_plan_embedded_in_a_png_comes_back_byte_identical(plan_bytes: bytes, compress: bool) -> None:
    png = embed_in_png(tiny_png(), plan_bytes, compress=compress)
    assert chunk_kinds(png) == [b"IHDR", b"IDAT", b"iTXt", b"IEND"]
    assert extract_from_png(png) == plan_bytes
    assert extract_plan_json(png, ".png") == plan_bytes
    if compress:
        assert plan_bytes not in png
    else:
        assert plan_bytes in png


def test_embedding_again_replaces_the_old_plan(plan_bytes: bytes) -> None:
    once = embed_in_png(tiny_png(), b'{"old": 1}')
    twice = embed_in_png(once, plan_bytes)
    assert chunk_kinds(twice).count(b"iTXt") == 1
    assert extract_from_png(twice) == plan_bytes


def test_other_itxt_chunks_are_ignored_and_kept(plan_bytes: bytes) -> None:
    png = insert_before_iend(tiny_png(), itxt_chunk(b"Comment", b"made by hand"))
    out = embed_in_png(png, plan_bytes)
    assert chunk_kinds(out).count(b"iTXt") == 2
    assert extract_from_png(out) == plan_bytes


def test_a_png_without_a_plan() -> None:
    with pytest.raises(EmbeddedPlanError, match="no embedded plan"):
        extract_from_png(tiny_png())


def test_a_png_with_two_plans(plan_bytes: bytes) -> None:
    png = insert_before_iend(embed_in_png(tiny_png(), plan_bytes), itxt_chunk(b"fxplan", plan_bytes))
    with pytest.raises(EmbeddedPlanError, match="holds 2 embedded plans; expected one"):
        extract_from_png(png)


def test_a_png_with_a_damaged_crc(plan_bytes: bytes) -> None:
    png = bytearray(embed_in_png(tiny_png(), plan_bytes, compress=False))
    png[png.index(b'"format"')] ^= 0x01  # one flipped bit inside the plan
    with pytest.raises(EmbeddedPlanError, match=r"PNG chunk 2 \(iTXt\) is damaged"):
        extract_from_png(bytes(png))


@pytest.mark.parametrize("cut", [8 + 5, 40, -20, -12])
def test_a_truncated_png(plan_bytes: bytes, cut: int) -> None:
    png = embed_in_png(tiny_png(), plan_bytes)
    with pytest.raises(EmbeddedPlanError, match="truncated"):
        extract_from_png(png[:cut])


def test_a_png_without_iend_is_truncated() -> None:
    png = tiny_png()
    with pytest.raises(EmbeddedPlanError, match="no IEND chunk"):
        extract_from_png(png[: png.rindex(b"IEND") - 4])


def test_not_a_png() -> None:
    with pytest.raises(EmbeddedPlanError, match="not a PNG file"):
        extract_from_png(b"GIF89a....")


def test_damaged_compressed_data_in_the_plan_chunk() -> None:
    body = b"fxplan\0\x01\x00\0\0" + b"definitely not zlib"
    png = insert_before_iend(tiny_png(), png_chunk(b"iTXt", body))
    with pytest.raises(EmbeddedPlanError, match="bad compressed data"):
        extract_from_png(png)


def test_an_unknown_compression_method() -> None:
    body = b"fxplan\0\x01\x07\0\0" + zlib.compress(b"{}")
    png = insert_before_iend(tiny_png(), png_chunk(b"iTXt", body))
    with pytest.raises(EmbeddedPlanError, match="unknown compression"):
        extract_from_png(png)


def test_a_malformed_plan_chunk() -> None:
    png = insert_before_iend(tiny_png(), png_chunk(b"iTXt", b"fxplan\0\x00"))
    with pytest.raises(EmbeddedPlanError, match="malformed"):
        extract_from_png(png)


def test_a_zip_bomb_in_the_plan_chunk_is_refused() -> None:
    bomb = zlib.compress(b" " * (52_428_800 + 10), 9)
    png = insert_before_iend(tiny_png(), png_chunk(b"iTXt", b"fxplan\0\x01\x00\0\0" + bomb))
    with pytest.raises(EmbeddedPlanError, match="over 52,428,800 bytes"):
        extract_from_png(png)


# --- SVG -------------------------------------------------------------------------------


def test_a_plan_embedded_in_an_svg_comes_back_identical(plan_bytes: bytes) -> None:
    svg = embed_in_svg(SVG, plan_bytes.decode("utf-8"))
    assert svg.index('<metadata id="fxplan">') > svg.index("<svg")
    assert extract_from_svg(svg.encode("utf-8")) == plan_bytes
    assert extract_plan_json(svg.encode("utf-8"), ".svg") == plan_bytes


def test_markup_in_labels_is_escaped_and_survives() -> None:
    doc = base_document()
    doc["devices"][0]["label"] = "A ]]> B <b>bold</b> & </metadata><script>x</script>"
    text = dumps_plan(load_plan_bytes(encode(doc)))
    svg = embed_in_svg(SVG, text)
    assert "<b>" not in svg and "<script>" not in svg and "]]>" not in svg
    assert "&lt;b&gt;" in svg and "&amp;" in svg
    assert svg.count("</metadata>") == 1
    assert extract_from_svg(svg.encode("utf-8")).decode("utf-8") == text


@pytest.mark.parametrize("label", ["\uffff", "\ufffe", "tab\tnew\nline", "\U0010ffff", "\x7f\x85"])
def test_characters_xml_cannot_hold_still_survive(label: str) -> None:
    doc = base_document()
    doc["devices"][0]["label"] = label
    plan = load_plan_bytes(encode(doc))
    svg = embed_in_svg(SVG, dumps_plan(plan))
    assert load_plan_bytes(extract_from_svg(svg.encode("utf-8"))) == plan


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE svg [<!ENTITY x "boom">]>',
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    ],
    ids=["internal-entity", "doctype", "external-entity"],
)
def test_an_svg_with_a_doctype_or_entities_is_refused(plan_bytes: bytes, prolog: str) -> None:
    svg = embed_in_svg(SVG, plan_bytes.decode("utf-8")).replace("\n<svg", "\n" + prolog + "\n<svg", 1)
    with pytest.raises(EmbeddedPlanError, match="DOCTYPE or entities"):
        extract_from_svg(svg.encode("utf-8"))


def test_an_svg_without_a_plan() -> None:
    with pytest.raises(EmbeddedPlanError, match="no embedded plan"):
        extract_from_svg(SVG.encode("utf-8"))


def test_an_svg_with_two_plans(plan_bytes: bytes) -> None:
    svg = embed_in_svg(embed_in_svg(SVG, "{}"), plan_bytes.decode("utf-8"))
    with pytest.raises(EmbeddedPlanError, match="holds 2 embedded plans"):
        extract_from_svg(svg.encode("utf-8"))


def test_other_metadata_is_ignored(plan_bytes: bytes) -> None:
    svg = embed_in_svg(
        SVG.replace("<rect", '<metadata id="other">hello</metadata><rect'), plan_bytes.decode()
    )
    assert extract_from_svg(svg.encode("utf-8")) == plan_bytes


def test_broken_xml() -> None:
    with pytest.raises(EmbeddedPlanError, match="not well-formed XML"):
        extract_from_svg(b"<svg><metadata id='fxplan'>{}</svg>")


def test_embedding_needs_an_svg_element() -> None:
    with pytest.raises(EmbeddedPlanError, match="no <svg> element"):
        embed_in_svg("<html></html>", "{}")


def test_other_suffixes_carry_no_plan() -> None:
    with pytest.raises(EmbeddedPlanError, match=r"\.jpg files carry no plan"):
        extract_plan_json(b"", ".jpg")


# --- load_plan on images ------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=[p.name for p in EXAMPLE_PLANS])
@pytest.mark.parametrize("suffix", [".png", ".PNG", ".svg"])
def test_load_plan_reads_images_like_the_plan(tmp_path: Path, path: Path, suffix: str) -> None:
    data = path.read_bytes()
    image = tmp_path / f"export{suffix}"
    if suffix.lower() == ".png":
        image.write_bytes(embed_in_png(tiny_png(), data))
    else:
        image.write_text(embed_in_svg(SVG, data.decode("utf-8")), encoding="utf-8")
    assert load_plan(image) == load_plan(path)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("plain.png", tiny_png(), "this image has no embedded plan"),
        ("plain.svg", SVG.encode("utf-8"), "this image has no embedded plan"),
        (
            "double.png",
            insert_before_iend(tiny_png(), itxt_chunk(b"fxplan", b"{}") * 2),
            "holds 2 embedded plans",
        ),
        ("cut.png", tiny_png()[:20], "truncated"),
        ("evil.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', "DOCTYPE or entities"),
        ("broken.svg", b"<svg", "not well-formed XML"),
    ],
)
def test_load_plan_on_an_image_without_a_usable_plan(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    image = tmp_path / name
    image.write_bytes(content)
    error = file_load_error(image)
    assert error.location == "(image)"
    assert problem in error.message


def test_an_embedded_plan_goes_through_every_load_check(tmp_path: Path) -> None:
    doc = base_document()
    doc["links"][0]["b"]["port"] = "fxs9"
    image = tmp_path / "wrong.png"
    image.write_bytes(embed_in_png(tiny_png(), encode(doc)))
    error = file_load_error(image)
    assert error.location == "links[0].b.port"
    assert error.message == 'device "ata1" has no port "fxs9"'


def test_an_embedded_plan_with_bad_json(tmp_path: Path) -> None:
    image = tmp_path / "bad.svg"
    image.write_text(embed_in_svg(SVG, '{"format": NaN}'), encoding="utf-8")
    error = file_load_error(image)
    assert error.location == "format"
    assert "NaN" in error.message
