"""Resources are found from a checkout, and the wheel carries them and the right version."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import fxdesigner
from fxdesigner import assets

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def test_resources_root_finds_the_folder() -> None:
    root = assets.resources_root()
    assert (root / "catalogue").is_dir()
    assert root.resolve() == RESOURCES.resolve()
    assert assets.resource_path("schema", "fxplan-1.schema.json").is_file()
    assert assets.read_text("schema", "fxplan-1.schema.json").lstrip().startswith("{")
    assert assets.read_bytes("icons", "app", "fxdesigner.svg").lstrip().startswith(b"<")
    names = [p.name for p in assets.list_files("catalogue", ".json")]
    assert names == sorted(names) and "adapters.json" in names
    assert assets.list_files("no-such-folder", ".json") == []


def test_the_environment_variable_overrides_the_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "catalogue").mkdir()
    monkeypatch.setenv("FXDESIGNER_RESOURCES", str(tmp_path))
    assets.resources_root.cache_clear()
    try:
        assert assets.resources_root() == tmp_path
    finally:
        monkeypatch.undo()
        assets.resources_root.cache_clear()
    assert assets.resources_root().resolve() == RESOURCES.resolve()


def test_a_missing_resources_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "_candidates", lambda: [tmp_path / "a", tmp_path / "b"])
    assets.resources_root.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="resources folder is missing"):
            assets.resources_root()
    finally:
        monkeypatch.undo()
        assets.resources_root.cache_clear()


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", fxdesigner.__version__)


@pytest.mark.slow
def test_the_wheel_carries_the_resources_and_the_version(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1
    wheel = wheels[0]
    assert wheel.name == f"fxdesigner-{fxdesigner.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"fxdesigner-{fxdesigner.__version__}.dist-info/METADATA").decode("utf-8")
        entry_points = archive.read(
            f"fxdesigner-{fxdesigner.__version__}.dist-info/entry_points.txt"
        ).decode()
    assert f"\nVersion: {fxdesigner.__version__}\n" in metadata
    assert "fxdesigner = fxdesigner.cli:main" in entry_points

    def shipped(folder: str, pattern: str) -> set[str]:
        return {
            "fxdesigner/resources/" + p.relative_to(RESOURCES).as_posix()
            for p in (RESOURCES / folder).rglob(pattern)
            if p.is_file()
        }

    catalogue = shipped("catalogue", "*.json")
    assert catalogue and catalogue <= names
    assert "fxdesigner/resources/schema/fxplan-1.schema.json" in names
    icons = shipped("icons", "*.svg")
    assert len(icons) >= 20 and icons <= names
    assert "fxdesigner/resources/icons/devices/ata.svg" in names
    rules = shipped("rules", "*")
    assert rules <= names
    assert "fxdesigner/__init__.py" in names and "fxdesigner/cli.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
