"""`fxdesigner --install-desktop`: what it writes for the current user, and undoing it."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest
from packaging_helpers import LINUX_FILES, run_tool
from PySide6.QtGui import QImage

from fxdesigner import APP_ID, cli
from fxdesigner.commands import desktop


def entry_of(home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_everything_lands_under_the_data_home(tmp_path: Path) -> None:
    home = tmp_path / "share"
    said: list[str] = []
    assert desktop.install_desktop(home, ["/opt/fxdesigner/fxdesigner"], said.append) == 0

    ours = set(desktop.installed_files(home))
    assert len(ours) == 3 + 2 * (1 + len(desktop.ICON_SIZES))
    assert all(path.is_file() for path in ours)
    others = {p for p in home.rglob("*") if p.is_file()} - ours
    # Only what update-mime-database and update-desktop-database generate comes on top.
    assert all(
        (home / "mime" in p.parents and p.parent.name != "packages") or p.name == "mimeinfo.cache"
        for p in others
    ), others
    assert (home / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == (
        LINUX_FILES / f"{APP_ID}.metainfo.xml"
    ).read_bytes()
    assert (home / "mime" / "packages" / f"{APP_ID}.xml").read_bytes() == (
        LINUX_FILES / f"{APP_ID}.xml"
    ).read_bytes()
    hicolor = home / "icons" / "hicolor"
    for size in desktop.ICON_SIZES:
        for png in (
            hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
            hicolor / f"{size}x{size}" / "mimetypes" / "application-x-fxplan+json.png",
        ):
            image = QImage(str(png))
            assert (image.width(), image.height()) == (size, size), png
            assert image.hasAlphaChannel()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert said[0].startswith("Installing") and said[-1].startswith("Done")
    assert any("io.github.fxdesigner.FxDesigner.desktop" in line for line in said)


def test_the_launcher_runs_this_installation(tmp_path: Path) -> None:
    desktop.install_desktop(tmp_path, ["/opt/fxdesigner/fxdesigner"], lambda _: None)
    entry = entry_of(tmp_path)
    assert entry["Exec"] == "/opt/fxdesigner/fxdesigner %F"
    assert entry["TryExec"] == "/opt/fxdesigner/fxdesigner"  # the entry hides itself once it is deleted
    shipped = configparser.ConfigParser(interpolation=None)
    shipped.optionxform = str  # type: ignore[assignment,method-assign]
    shipped.read(LINUX_FILES / f"{APP_ID}.desktop", encoding="utf-8")
    assert {k: v for k, v in entry.items() if k not in ("Exec", "TryExec")} == {
        k: v for k, v in shipped["Desktop Entry"].items() if k != "Exec"
    }
    result = run_tool("desktop-file-validate", str(tmp_path / "applications" / f"{APP_ID}.desktop"))
    if result is not None:
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.parametrize(
    ("command", "exec_line"),
    [
        (["fxdesigner"], "fxdesigner %F"),
        (["/home/ann/FX Designer/fxdesigner"], '"/home/ann/FX Designer/fxdesigner" %F'),
        (["/usr/bin/python3", "-m", "fxdesigner"], "/usr/bin/python3 -m fxdesigner %F"),
        # Desktop Entry spec: quote; escape " ` $ \ with a backslash, then the string escape
        # doubles every backslash; a literal % is written %%.
        (['/srv/a$b"c/100%/fx'], r'"/srv/a\\$b\\"c/100%%/fx" %F'),
    ],
)
def test_exec_quotes_paths_as_the_desktop_entry_spec_says(
    tmp_path: Path, command: list[str], exec_line: str
) -> None:
    desktop.install_desktop(tmp_path, command, lambda _: None)
    path = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert f"\nExec={exec_line}\n" in path.read_text(encoding="utf-8")
    result = run_tool("desktop-file-validate", str(path))
    if result is not None:
        assert result.returncode == 0, result.stdout


def test_the_freedesktop_caches_are_refreshed_when_the_tools_exist(tmp_path: Path) -> None:
    said: list[str] = []
    desktop.install_desktop(tmp_path, ["fxdesigner"], said.append)
    for tool, output in (
        ("update-mime-database", tmp_path / "mime" / "mime.cache"),
        ("update-desktop-database", tmp_path / "applications" / "mimeinfo.cache"),
    ):
        if run_tool(tool, "--help") is not None:
            assert any(line.startswith(f"  ran {tool}") for line in said), said
            assert output.is_file()
        else:
            assert any(line.startswith(f"  skipped {tool}") for line in said), said
    # No icon cache existed, so none is created (an unmaintained cache hides later icons).
    assert not (tmp_path / "icons" / "hicolor" / "icon-theme.cache").exists()


def test_a_second_install_replaces_the_first_and_uninstall_removes_only_ours(tmp_path: Path) -> None:
    desktop.install_desktop(tmp_path, ["/old/fxdesigner"], lambda _: None)
    desktop.install_desktop(tmp_path, ["/new/fxdesigner"], lambda _: None)
    assert entry_of(tmp_path)["Exec"] == "/new/fxdesigner %F"
    other = tmp_path / "applications" / "org.example.Other.desktop"
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8")
    assert not list(tmp_path.rglob("*.tmp"))

    said: list[str] = []
    assert desktop.uninstall_desktop(tmp_path, said.append) == 0
    assert not [p for p in desktop.installed_files(tmp_path) if p.exists()]
    assert other.is_file()
    assert sum(line.startswith("  removed") for line in said) == len(desktop.installed_files(tmp_path))
    assert desktop.uninstall_desktop(tmp_path, said.append) == 0  # nothing left: still fine


def test_the_command_line_honours_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.main(["--install-desktop"]) == 0
    assert (tmp_path / "data" / "applications" / f"{APP_ID}.desktop").is_file()
    assert str(tmp_path / "data") in capsys.readouterr().out
    assert desktop.main(["--uninstall"]) == 0
    assert not (tmp_path / "data" / "applications" / f"{APP_ID}.desktop").exists()


def test_a_relative_xdg_data_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # the XDG spec: ignore it
    assert desktop.data_home() == tmp_path / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert desktop.data_home() == tmp_path / ".local" / "share"


def test_the_launch_command_fits_how_fxdesigner_was_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "fxdesigner"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "--install-desktop"])
    monkeypatch.setenv("PATH", str(bin_dir))
    assert desktop.launch_command() == ["fxdesigner"]  # on PATH: the plain name survives moves
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    assert desktop.launch_command() == [str(script)]
    monkeypatch.setattr(sys, "argv", ["/src/fxdesigner/__main__.py"])  # python -m fxdesigner
    assert desktop.launch_command() == [sys.executable, "-m", "fxdesigner"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # the PyInstaller bundle
    assert desktop.launch_command() == [sys.executable]


def test_missing_desktop_files_are_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> Path:
        raise FileNotFoundError("the desktop files are missing (looked in a and b)")

    monkeypatch.setattr(desktop, "desktop_files_dir", missing)
    assert desktop.install_desktop(tmp_path, ["fxdesigner"], lambda _: None) == 1
    assert "cannot install the desktop integration: the desktop files are missing" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_unwritable_data_home_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert desktop.install_desktop(blocker, ["fxdesigner"], lambda _: None) == 1
    assert "cannot install the desktop integration" in capsys.readouterr().err


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_are_told_to_use_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert desktop.install_desktop(tmp_path, ["fxdesigner"], lambda _: None) == 1
    assert "for Linux desktops" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_checkout_finds_the_files_in_packaging_linux() -> None:
    assert desktop.desktop_files_dir().resolve() == LINUX_FILES.resolve()
