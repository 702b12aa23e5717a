"""packaging/make_icons.py: the .ico and .icns containers, read back byte by byte and by Qt."""

from __future__ import annotations

import struct
from pathlib import Path

import make_icons
import pytest
from packaging_helpers import ROOT
from PySide6.QtGui import QImage, QImageReader

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_icons.make_icons(tmp_path_factory.mktemp("icons"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", make_icons.ICONS)
def test_the_ico_holds_one_png_per_size(icons: dict[str, Path], name: str) -> None:
    data = icons[f"{name}.ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    end = 6 + 16 * count
    for i in range(count):
        width, height, colours, _, planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        image = data[offset : offset + length]
        side = width or 256  # 0 stands for 256
        assert (width, height, colours, planes, bpp) == (width, width, 0, 1, 32)
        assert png_size(image) == (side, side)
        assert offset == end  # entries follow each other, no gaps or overlaps
        end += length
        sizes.append(side)
    assert end == len(data)
    assert sizes == sorted(make_icons.ICO_SIZES)
    reader = QImageReader(str(icons[f"{name}.ico"]))
    assert reader.format() == b"ico" and reader.imageCount() == count


@pytest.mark.parametrize("name", make_icons.ICONS)
def test_the_icns_holds_png_elements_with_their_pixel_sizes(icons: dict[str, Path], name: str) -> None:
    data = icons[f"{name}.icns"].read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found = []
    offset = 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        found.append((kind, png_size(data[offset + 8 : offset + length])[0]))
        offset += length
    assert offset == len(data)
    assert found == list(make_icons.ICNS_TYPES)
    # Apple's sizes for the PNG types: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x).
    assert {k: s for k, s in found if k in (b"ic07", b"ic08", b"ic09", b"ic10")} == {
        b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024,
    }  # fmt: skip
    reader = QImageReader(str(icons[f"{name}.icns"]))
    assert reader.format() == b"icns" and reader.imageCount() == len(found)


def test_the_pngs_are_drawn_from_the_svg_not_blank(icons: dict[str, Path]) -> None:
    image = QImage(str(icons["fxdesigner-48.png"]))
    assert (image.width(), image.height()) == (48, 48)
    corner, centre = image.pixelColor(0, 0), image.pixelColor(24, 40)
    assert corner.alpha() == 0  # the rounded tile leaves the corner transparent
    assert centre.alpha() == 255
    assert len({image.pixel(x, y) for x in range(48) for y in range(48)}) > 20


def test_the_spec_takes_the_icons_and_version_from_the_project() -> None:
    spec = (ROOT / "packaging" / "fxdesigner.spec").read_text(encoding="utf-8")
    compile(spec, "fxdesigner.spec", "exec")
    assert "from fxdesigner import APP_ID, APP_NAME, __version__ as VERSION" in spec
    assert "make_icons.make_icons(" in spec
