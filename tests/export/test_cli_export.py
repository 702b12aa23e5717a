"""`fxdesigner export`, `bom` and `cables` on the command line."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import fxdesigner.ui.export.sheet as sheet
from fxdesigner.cli import main
from fxdesigner.io.atomic import SaveError
from fxdesigner.io.plan_json import load_plan
from tests.helpers import EXAMPLES, ROOT

HOME = str(EXAMPLES / "home-office.fxplan")
MISWIRED = str(EXAMPLES / "miswired-office.fxplan")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".fxplan"])
def test_export_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    out = tmp_path / f"plan{suffix}"
    status, stdout, stderr = run(capsys, "export", MISWIRED, str(out))
    assert (status, stdout, stderr) == (0, "", "")
    if suffix != ".pdf":
        assert load_plan(out) == load_plan(MISWIRED)


@pytest.mark.usefixtures("qapp")
def test_check_on_exported_png_gives_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "office.png"
    assert run(capsys, "export", MISWIRED, str(out), "--scale", "1")[0] == 0
    plan_status, plan_json, _ = run(capsys, "check", MISWIRED, "--format", "json")
    png_status, png_json, _ = run(capsys, "check", str(out), "--format", "json")
    assert plan_status == png_status == 1
    findings = [json.loads(text)["files"][0]["findings"] for text in (plan_json, png_json)]
    assert findings[0] == findings[1] and findings[0]


@pytest.mark.usefixtures("qapp")
def test_export_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bare.png"
    assert (
        run(capsys, "export", HOME, str(out), "--no-embed", "--no-legend", "--transparent", "--scale", "1")[0]
        == 0
    )
    assert b"fxplan" not in out.read_bytes()
    pdf = tmp_path / "a4.pdf"
    assert run(capsys, "export", HOME, str(pdf), "--paper", "a4", "--portrait", "--pages", "fit")[0] == 0
    assert b"/MediaBox [0 0 595" in pdf.read_bytes()


@pytest.mark.usefixtures("qapp")
def test_capped_png_prints_a_note_and_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet, "MAX_SIDE", 500)
    status, _, err = run(capsys, "export", HOME, str(tmp_path / "big.png"))
    assert status == 0
    assert err.startswith("note: ") and len(err.strip().splitlines()) == 1 and "0." in err


def test_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", HOME, str(tmp_path / "plan.jpg"))
    assert status == 2 and out == ""
    assert ".jpg" in one_line_error(err)
    assert run(capsys, "export", HOME, str(tmp_path / "noext"))[0] == 2


def test_missing_and_malformed_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "export", str(tmp_path / "nope.fxplan"), str(tmp_path / "x.png"))
    assert status == 2 and "no such file" in one_line_error(err)
    bad = tmp_path / "bad.fxplan"
    bad.write_text('{"format": "fxdesigner-plan", "schema_version": 1, "devices": [}')
    for command in (["export", str(bad), str(tmp_path / "x.svg")], ["bom", str(bad)], ["cables", str(bad)]):
        status, out, err = run(capsys, *command)
        assert status == 2 and out == ""
        assert "bad.fxplan" in one_line_error(err)
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.usefixtures("qapp")
def test_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = run(capsys, "export", HOME, str(tmp_path / "missing" / "x.png"))
    assert status == 2 and "folder does not exist" in one_line_error(err)

    # CI runs as root, where chmod does not make a folder read-only: inject the failure.
    def refuse(path: object, data: bytes, **_: object) -> None:
        raise SaveError(
            errno.EACCES, "Cannot save x.svg: permission denied (the folder or file is read-only)"
        )

    monkeypatch.setattr("fxdesigner.commands.export.write_atomic", refuse)
    for command in (["export", HOME, str(tmp_path / "x.svg")], ["bom", HOME, "-o", str(tmp_path / "b.csv")]):
        status, _, err = run(capsys, *command)
        assert status == 2 and "permission denied" in one_line_error(err)


def test_bad_scale(capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("0.5", "5", "x"):
        assert run(capsys, "export", HOME, "out.png", "--scale", value)[0] == 2


def test_bom_to_stdout_and_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "bom", HOME)
    assert status == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert sum(int(r["quantity"]) for r in rows if r["section"] == "devices") == 5
    md = tmp_path / "bom.md"
    assert run(capsys, "bom", HOME, "-o", str(md))[0] == 0
    assert md.read_text("utf-8").startswith("# Bill of materials: Home office")
    assert run(capsys, "bom", HOME, "--format", "markdown")[1].startswith("# Bill of materials")
    status, _, err = run(capsys, "bom", HOME, "-o", str(tmp_path / "bom.xlsx"))
    assert status == 2 and ".xlsx" in one_line_error(err)


def test_cables_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cables.csv"
    assert run(capsys, "cables", MISWIRED, "-o", str(out)) == (0, "", "")
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert [r["cable_id"] for r in rows] == ["c1", "c2", "c3", "c4", "c5", "c6"]


@pytest.mark.usefixtures("qapp")
def test_bom_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bom.pdf"
    assert run(capsys, "bom", MISWIRED, "-o", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF")


def _clean_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTEST") and k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return env


def test_export_runs_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "headless.png"
    result = subprocess.run(
        [sys.executable, "-m", "fxdesigner", "export", MISWIRED, str(out)],
        cwd=ROOT,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and load_plan(out) == load_plan(MISWIRED)


def test_tables_never_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from fxdesigner.cli import main; "
        f"assert main(['bom', {HOME!r}, '-o', {str(tmp_path / 'b.md')!r}]) == 0; "
        f"assert main(['cables', {HOME!r}, '-o', {str(tmp_path / 'c.csv')!r}]) == 0; "
        f"assert main(['export', {HOME!r}, {str(tmp_path / 'p.fxplan')!r}]) == 0; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
