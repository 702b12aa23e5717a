"""`fxdesigner --install-desktop`: the launcher entry, icons and .fxplan file type for one user.

Copies the freedesktop files from packaging/linux (shipped in the wheel and the bundle as
resources/desktop) into $XDG_DATA_HOME (default ~/.local/share):

    applications/io.github.fxdesigner.FxDesigner.desktop   (Exec= points at this installation)
    metainfo/io.github.fxdesigner.FxDesigner.metainfo.xml
    mime/packages/io.github.fxdesigner.FxDesigner.xml
    icons/hicolor/{scalable,NxN}/apps/io.github.fxdesigner.FxDesigner.{svg,png}
    icons/hicolor/{scalable,NxN}/mimetypes/application-x-fxplan+json.{svg,png}

then refreshes the MIME, desktop and icon caches with the freedesktop tools that are present.
The PNG sizes are rendered from the SVG icons with QtSvg (no display needed); a wheel and a
bundle always carry PySide6, and without it the scalable icons alone still work.

`python -m fxdesigner.commands.desktop --uninstall` removes the same files again.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from fxdesigner import APP_ID, APP_NAME, assets

PLAN_MIME_TYPE: Final = "application/x-fxplan+json"
#: The freedesktop default icon name of a MIME type: "/" becomes "-".
PLAN_MIME_ICON: Final = PLAN_MIME_TYPE.replace("/", "-")
#: hicolor sizes: 48 is the classic minimum, software centres want 64 and 128 and more.
ICON_SIZES: Final = (16, 24, 32, 48, 64, 128, 256)

DESKTOP_FILE: Final = f"{APP_ID}.desktop"
METAINFO_FILE: Final = f"{APP_ID}.metainfo.xml"
MIME_FILE: Final = f"{APP_ID}.xml"

Say = Callable[[str], None]


def desktop_files_dir() -> Path:
    """The folder holding the .desktop, metainfo and MIME files."""
    shipped = assets.resource_path("desktop")  # wheel and bundle: packaging/linux copied in
    if shipped.is_dir():
        return shipped
    checkout = assets.resources_root().parent / "packaging" / "linux"  # source checkout, editable
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the desktop files are missing (looked in {shipped} and {checkout})")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this installation of FX Designer."""
    if getattr(sys, "frozen", False):  # PyInstaller bundle
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name.startswith("fxdesigner") and script.is_file():
        on_path = shutil.which("fxdesigner")
        if on_path and Path(on_path).resolve() == script.resolve():
            return ["fxdesigner"]
        return [str(script.resolve())]
    return [os.path.abspath(sys.executable), "-m", "fxdesigner"]


def _exec_quote(arg: str) -> str:
    """Quote one Exec= argument as the Desktop Entry spec asks (reserved characters need quotes)."""
    arg = arg.replace("%", "%%")  # a literal % would start a field code
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # The .desktop file format unescapes backslashes once more before Exec= is split.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry(command: Sequence[str]) -> str:
    """The shipped .desktop file with Exec= (and TryExec=) running `command`."""
    lines = []
    for line in (desktop_files_dir() / DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("TryExec="):
            continue
        if line.startswith("Exec="):
            lines.append(f"TryExec={command[0]}")
            line = "Exec=" + " ".join(_exec_quote(arg) for arg in command) + " %F"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn as a square PNG of `size` pixels; needs PySide6 but no display."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError(f"could not encode {svg} as a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def _icons() -> list[tuple[Path, str, str]]:
    """(source SVG, hicolor context, icon name) for the app and the plan file type."""
    return [
        (assets.resource_path("icons", "app", "fxdesigner.svg"), "apps", APP_ID),
        (assets.resource_path("icons", "app", "fxplan-document.svg"), "mimetypes", PLAN_MIME_ICON),
    ]


def installed_files(home: Path) -> list[Path]:
    """Every file install_desktop() writes under `home`."""
    hicolor = home / "icons" / "hicolor"
    files = [
        home / "applications" / DESKTOP_FILE,
        home / "metainfo" / METAINFO_FILE,
        home / "mime" / "packages" / MIME_FILE,
    ]
    for _svg, context, name in _icons():
        files.append(hicolor / "scalable" / context / f"{name}.svg")
        files += [hicolor / f"{s}x{s}" / context / f"{name}.png" for s in ICON_SIZES]
    return files


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def _refresh_caches(home: Path, say: Say) -> None:
    """Run the freedesktop cache tools that exist; a missing tool only means a later refresh."""
    hicolor = home / "icons" / "hicolor"
    jobs = [
        ("update-mime-database", [str(home / "mime")]),
        ("update-desktop-database", ["-q", str(home / "applications")]),
    ]
    # A user icon cache that no one keeps current hides icons installed later, so only
    # refresh one that already exists; without a cache, toolkits scan the folders.
    if (hicolor / "icon-theme.cache").is_file():
        jobs.append(("gtk-update-icon-cache", ["-f", "-t", "-q", str(hicolor)]))
    for tool, args in jobs:
        path = shutil.which(tool)
        if path is None:
            say(f"  skipped {tool} (not installed; the desktop picks the files up at next login)")
            continue
        try:
            result = subprocess.run([path, *args], capture_output=True, text=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            say(f"  {tool} failed: {exc}")
            continue
        if result.returncode == 0:
            say(f"  ran {tool} {' '.join(args)}")
        else:
            detail = (result.stderr or result.stdout).strip().splitlines()
            say(f"  {tool} exited with {result.returncode}: {detail[-1] if detail else 'no message'}")


def install_desktop(home: Path | None = None, command: Sequence[str] | None = None, say: Say = print) -> int:
    """Install the launcher entry, metainfo, MIME type and icons; 0 on success, 1 if that failed."""
    if sys.platform in ("win32", "darwin"):
        print(
            "fxdesigner: --install-desktop is for Linux desktops; on Windows and macOS the bundle "
            "(packaging/build_bundle.py) brings the icon and the .fxplan file type",
            file=sys.stderr,
        )
        return 1
    home = data_home() if home is None else home
    command = launch_command() if command is None else list(command)
    try:
        _install(home, command, say)
    except OSError as exc:  # the files are missing, or the data folder is not writable
        print(f"fxdesigner: cannot install the desktop integration: {exc}", file=sys.stderr)
        return 1
    _refresh_caches(home, say)
    say(f"Done: {APP_NAME} is in the applications menu and opens .fxplan files.")
    return 0


def _install(home: Path, command: list[str], say: Say) -> None:
    source = desktop_files_dir()
    entry = desktop_entry(command).encode("utf-8")
    say(f"Installing the {APP_NAME} launcher, icons and .fxplan file type into {home}")
    say(f"  wrote {_write(home / 'applications' / DESKTOP_FILE, entry)} (runs: {shlex.join(command)})")
    say(f"  wrote {_write(home / 'metainfo' / METAINFO_FILE, (source / METAINFO_FILE).read_bytes())}")
    say(f"  wrote {_write(home / 'mime' / 'packages' / MIME_FILE, (source / MIME_FILE).read_bytes())}")
    hicolor = home / "icons" / "hicolor"
    for svg, context, name in _icons():
        say(f"  wrote {_write(hicolor / 'scalable' / context / f'{name}.svg', svg.read_bytes())}")
        try:
            pngs = {size: render_png(svg, size) for size in ICON_SIZES}
        except (ImportError, ValueError) as exc:
            say(f"  no PNG icons for {name} ({exc}); the scalable icon is enough for most desktops")
            continue
        for size, png in pngs.items():
            _write(hicolor / f"{size}x{size}" / context / f"{name}.png", png)
        sizes = ",".join(f"{size}x{size}" for size in ICON_SIZES)
        say(f"  wrote {hicolor}/{{{sizes}}}/{context}/{name}.png")


def uninstall_desktop(home: Path | None = None, say: Say = print) -> int:
    """Remove what install_desktop() wrote; 0 even when nothing was installed."""
    home = data_home() if home is None else home
    say(f"Removing the {APP_NAME} launcher, icons and .fxplan file type from {home}")
    for path in installed_files(home):
        if path.is_file():
            path.unlink()
            say(f"  removed {path}")
    _refresh_caches(home, say)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fxdesigner.commands.desktop",
        description="Install or remove FX Designer's launcher entry, icons and .fxplan file type.",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove the files instead")
    parser.add_argument(
        "--data-home", type=Path, help="install under this folder instead of $XDG_DATA_HOME or ~/.local/share"
    )
    args = parser.parse_args(argv)
    if args.uninstall:
        return uninstall_desktop(args.data_home)
    return install_desktop(args.data_home)


if __name__ == "__main__":
    raise SystemExit(main())
