"""Render the app and file-type icons from their SVGs into PNG, .ico and .icns files.

    python packaging/make_icons.py [OUT]      (default OUT: packaging/build/icons)

Writes, for each of fxdesigner (the app) and fxplan-document (the .fxplan file type):
OUT/png/<name>-<size>.png for the hicolor sizes, OUT/<name>.ico (Windows) and
OUT/<name>.icns (macOS). Pure Python and QtSvg: no display, no ImageMagick, no iconutil,
so it runs the same on Linux, Windows and macOS. The PyInstaller spec calls make_icons().
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from fxdesigner import assets  # noqa: E402
from fxdesigner.commands.desktop import ICON_SIZES, render_png  # noqa: E402

ICONS = ("fxdesigner", "fxplan-document")
#: Windows picks the nearest entry; 256 is the largest an .ico entry can describe.
ICO_SIZES = ICON_SIZES
#: PNG-based icns element types and their pixel sizes (the @2x types double the points).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16 pt @2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32 pt @2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128 pt @2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256 pt @2x
    (b"ic10", 1024),  # 512 pt @2x
)


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose entries are whole PNG files (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte width/height fields
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(images)


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns container of PNG elements: 'icns', total length, then (type, length, PNG) each."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def make_icons(out: Path) -> dict[str, Path]:
    """Write every icon file under `out`; returns {"fxdesigner.ico": path, ...}."""
    made: dict[str, Path] = {}
    (out / "png").mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICON_SIZES) | {size for _kind, size in ICNS_TYPES})
    for name in ICONS:
        svg = assets.resource_path("icons", "app", f"{name}.svg")
        pngs = {size: render_png(svg, size) for size in sizes}
        for size in ICON_SIZES:
            path = out / "png" / f"{name}-{size}.png"
            path.write_bytes(pngs[size])
            made[path.name] = path
        for suffix, data in (
            (".ico", build_ico({s: pngs[s] for s in ICO_SIZES})),
            (".icns", build_icns(pngs)),
        ):
            path = out / f"{name}{suffix}"
            path.write_bytes(data)
            made[path.name] = path
    return made


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE / "build" / "icons"
    made = make_icons(out)
    for name in sorted(made):
        if not name.endswith(".png"):
            print(f"{made[name]}  ({made[name].stat().st_size:,} bytes)")
    print(f"{sum(n.endswith('.png') for n in made)} PNG files in {out / 'png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
