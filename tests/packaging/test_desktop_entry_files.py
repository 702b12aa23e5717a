"""The freedesktop files in packaging/linux: structure checked in Python, and by the real
validators (desktop-file-validate, appstreamcli, update-mime-database, xdg-mime) wherever
they are installed. The Python checks always run."""

from __future__ import annotations

import configparser
import datetime
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging_helpers import LINUX_FILES, ROOT, run_tool

import fxdesigner
from fxdesigner import APP_ID, APP_NAME
from fxdesigner.commands import desktop

DESKTOP = LINUX_FILES / f"{APP_ID}.desktop"
METAINFO = LINUX_FILES / f"{APP_ID}.metainfo.xml"
MIME = LINUX_FILES / f"{APP_ID}.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
#: Main categories of the freedesktop menu spec; a launcher should name exactly one.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_the_launcher_entry_names_the_app_its_icon_and_the_plan_type() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID  # the installed icon's name, not a path
    assert entry["Exec"] == "fxdesigner %F"  # %F: every file the user opened with it
    assert entry["Terminal"] == "false"
    assert entry["MimeType"] == f"{desktop.PLAN_MIME_TYPE};"
    categories = [c for c in entry["Categories"].split(";") if c]
    assert len(set(categories) & MAIN_CATEGORIES) == 1, categories
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert entry["StartupWMClass"] == "fxdesigner"  # QApplication.applicationName in ui/app.py


def test_the_launcher_entry_passes_desktop_file_validate() -> None:
    result = run_tool("desktop-file-validate", str(DESKTOP))
    if result is not None:  # Debian: desktop-file-utils
        assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def _metainfo() -> ET.Element:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    return root


def test_the_metainfo_describes_the_app_with_a_screenshot_and_a_release() -> None:
    root = _metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    description = root.find("description")
    assert description is not None and len(description.findall("p")) >= 1
    assert "FXS" in "".join(description.itertext())
    images = [i.text or "" for i in root.iterfind("screenshots/screenshot/image")]
    assert images and all(i.startswith("https://") and i.endswith(".png") for i in images)
    for url in images:  # the screenshots are the repository's own files, served raw
        screenshot = ROOT / url.split("/main/", 1)[1]
        assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", url
    assert root.findtext("provides/mediatype") == desktop.PLAN_MIME_TYPE
    assert root.findtext("provides/binary") == "fxdesigner"
    assert root.find("content_rating") is not None


def test_the_newest_metainfo_release_is_the_package_version() -> None:
    releases = _metainfo().findall("releases/release")
    assert releases, "the metainfo needs a <release> entry"
    newest = releases[0]  # AppStream lists releases newest first
    assert newest.get("version") == fxdesigner.__version__, (
        "add a <release> for the new version at the top of "
        f"{METAINFO.relative_to(ROOT)} (AppStream shows it as the release notes)"
    )
    dates = [datetime.date.fromisoformat(r.get("date", "")) for r in releases]
    assert dates == sorted(dates, reverse=True)
    assert newest.find("description") is not None


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    if result is not None:  # Debian: appstream
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Validation was successful" in result.stdout
        # Only the pedantic note on the capital letters of the reverse-DNS id is accepted.
        notes = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:", "I:")]
        assert notes == [], result.stdout


def test_the_plan_mime_type_has_globs_magic_and_a_json_parent() -> None:
    root = ET.parse(MIME).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == desktop.PLAN_MIME_TYPE
    assert mime_type.findtext(f"{MIME_NS}comment")
    parents = [e.get("type") for e in mime_type.findall(f"{MIME_NS}sub-class-of")]
    assert parents == ["application/json"]
    globs = {g.get("pattern"): int(g.get("weight", "50")) for g in mime_type.findall(f"{MIME_NS}glob")}
    assert set(globs) == {"*.fxplan", "*.fxplan.json"}
    assert globs["*.fxplan.json"] > 50  # must beat application/json's *.json (weight 50)
    matches = mime_type.findall(f"{MIME_NS}magic/{MIME_NS}match")
    assert [m.get("value") for m in matches] == ['"fxdesigner-plan"']
    start, _, end = (matches[0].get("offset") or "").partition(":")
    # Every plan starts with {"format": "fxdesigner-plan", ... (spec/plan-format.md).
    head = (ROOT / "resources" / "examples" / "home-office.fxplan").read_text(encoding="utf-8")
    assert int(start) <= head.index('"fxdesigner-plan"') < int(end)


def _detect(data_home: Path, files: list[Path]) -> dict[str, str]:
    """QMimeDatabase's verdict on each file, in a fresh process that sees `data_home`."""
    code = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\ndb = QMimeDatabase()\n"
        "for f in sys.argv[1:]:\n"
        "    t = db.mimeTypeForFile(f)\n"
        "    print(t.name(), t.inherits('application/json'))\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)], capture_output=True, text=True, env=env, check=True
    )
    return {f.name: line for f, line in zip(files, result.stdout.splitlines(), strict=True)}


def test_installed_mime_type_is_detected_by_name_and_by_content(tmp_path: Path) -> None:
    """update-mime-database compiles the XML (its own validation); Qt and xdg-mime then agree."""
    data_home = tmp_path / "share"
    (data_home / "mime" / "packages").mkdir(parents=True)
    (data_home / "mime" / "packages" / MIME.name).write_bytes(MIME.read_bytes())
    compiled = run_tool(
        "update-mime-database", str(data_home / "mime"), env={"XDG_DATA_HOME": str(data_home)}
    )
    plan = (ROOT / "resources" / "examples" / "home-office.fxplan").read_bytes()
    samples = {"a.fxplan": plan, "b.fxplan.json": plan, "no-extension": plan, "c.json": b'{"a": 1}\n'}
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    files = [tmp_path / name for name in samples]
    if compiled is None:
        # No shared-mime-info here: Qt falls back to its own copy, which does not know our type.
        assert _detect(data_home, files)["c.json"] == "application/json True"
        return
    assert compiled.returncode == 0 and compiled.stderr.strip() == "", compiled.stderr
    assert (data_home / "mime" / "mime.cache").is_file()
    plan_type = f"{desktop.PLAN_MIME_TYPE} True"
    assert _detect(data_home, files) == {
        "a.fxplan": plan_type,
        "b.fxplan.json": plan_type,
        "no-extension": plan_type,  # the magic
        "c.json": "application/json True",
    }
    for name in ("a.fxplan", "b.fxplan.json", "no-extension"):
        result = run_tool(
            "xdg-mime", "query", "filetype", str(tmp_path / name), env={"XDG_DATA_HOME": str(data_home)}
        )
        if result is not None:  # Debian: xdg-utils
            assert result.stdout.strip() == desktop.PLAN_MIME_TYPE, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["fxdesigner.svg", "fxplan-document.svg"])
def test_the_icons_the_desktop_files_name_exist_as_square_svgs(name: str) -> None:
    svg = ET.parse(ROOT / "resources" / "icons" / "app" / name).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 256 256"
