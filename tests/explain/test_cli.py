"""`fxdesigner explain` prints the same pages the panel shows, without loading Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SPEC_DEVICE_TYPES, SPEC_PORT_KINDS

from fxdesigner import assets
from fxdesigner.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", SPEC_PORT_KINDS)
def test_port_text_is_the_page(kind: str, capsys) -> None:
    assert main(["explain", "--port", kind]) == 0
    out = capsys.readouterr().out
    assert out == assets.read_text("explain", "ports", f"{kind}.md").rstrip("\n") + "\n"


@pytest.mark.parametrize("device_type", SPEC_DEVICE_TYPES)
def test_device_text_is_the_page(device_type: str, capsys) -> None:
    assert main(["explain", "--device", device_type]) == 0
    assert capsys.readouterr().out.startswith(
        assets.read_text("explain", "devices", f"{device_type}.md")[:40]
    )


def test_json_has_the_sections(capsys) -> None:
    assert main(["explain", "--port", "fxo", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "port" and doc["name"] == "fxo"
    assert doc["title"] == "FXO — Foreign eXchange Office"
    assert list(doc["sections"]) == [
        "What it is",
        "What it supplies or expects",
        "What may be plugged in",
        "More detail",
    ]
    assert doc["markdown"] == assets.read_text("explain", "ports", "fxo.md")


@pytest.mark.parametrize("args", [["--port", "rj11"], ["--device", "toaster"]])
def test_unknown_kind_or_type_exits_2_with_one_line(args: list[str], capsys) -> None:
    assert main(["explain", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: no ")


@pytest.mark.parametrize("args", [[], ["--port", "fxs", "--device", "ata"]])
def test_exactly_one_of_port_device_or_list(args: list[str], capsys) -> None:
    assert main(["explain", *args]) == 2


def test_list(capsys) -> None:
    assert main(["explain", "--list"]) == 0
    out = capsys.readouterr().out
    for name in (*SPEC_PORT_KINDS, *SPEC_DEVICE_TYPES):
        assert f"  {name} " in out
    assert main(["explain", "--list", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["ports"]) == set(SPEC_PORT_KINDS) and set(doc["devices"]) == set(SPEC_DEVICE_TYPES)


def test_runs_without_qt() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    code = (
        "import sys, io, contextlib\n"
        "from fxdesigner.cli import main\n"
        "import fxdesigner.explain.explainer, fxdesigner.explain.overview\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['explain', '--port', 'fxs']) == 0\n"
        "    assert main(['explain', '--device', 'ata', '--format', 'json']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
