"""The `fxdesigner` command line, run as a user would (a fresh interpreter each time)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import fxdesigner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"
EXPECTED_CHECK = Path(__file__).resolve().parent / "data" / "check-output.json"
#: The rule codes of spec/rules.md.
RULE_CODES = [
    "FX101",
    "FX102",
    "FX103",
    "FX104",
    "FX105",
    "FX106",
    "FX107",
    "FX108",
    "FX201",
    "FX202",
    "FX203",
    "FX204",
    "FX205",
    "FX301",
    "FX302",
    "FX303",
    "FX304",
    "FX401",
    "FX402",
    "FX501",
    "FX502",
    "FX503",
    "FX504",
    "FX601",
    "FX602",
]


def fxdesigner_cmd(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fxdesigner", *args],
        cwd=cwd,
        env=os.environ.copy() if env is None else env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process (faster; used where the environment does not matter)."""
    from fxdesigner.cli import main

    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_version() -> None:
    result = fxdesigner_cmd("--version")
    assert result.returncode == 0
    assert result.stdout == f"fxdesigner {fxdesigner.__version__}\n"


def test_help_mentions_the_commands() -> None:
    result = fxdesigner_cmd("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: fxdesigner")
    for command in ("check", "trace", "rules", "rule"):
        assert re.search(rf"^  {command}\s", result.stdout, re.M), command


def test_an_unknown_option_is_a_usage_error() -> None:
    result = fxdesigner_cmd("--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_check_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(["check", "--format", "xml", "x.fxplan"], capsys)
    assert status == 2
    assert "invalid choice: 'xml'" in err


def test_the_designer_without_a_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = fxdesigner_cmd(env=env)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0]
    assert "check" in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def _without_wording(report: dict[str, Any]) -> dict[str, Any]:
    """The check report minus "message" and "fix", which are free to be reworded."""
    copy = json.loads(json.dumps(report))
    for file in copy["files"]:
        for finding in file["findings"]:
            finding.pop("message")
            finding.pop("fix")
    return copy


def test_check_json_output_matches_the_reference() -> None:
    result = fxdesigner_cmd(
        "check", "--format", "json", "home-office.fxplan", "miswired-office.fxplan", cwd=EXAMPLES
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    expected = json.loads(EXPECTED_CHECK.read_text(encoding="utf-8"))
    assert _without_wording(report) == _without_wording(expected)
    for file in report["files"]:
        for finding in file["findings"]:
            assert finding["message"].strip() and "\n" not in finding["message"]
            assert finding["fix"].strip()


def test_check_text_output_has_a_summary_line_per_file() -> None:
    result = fxdesigner_cmd("check", "home-office.fxplan", "miswired-office.fxplan", cwd=EXAMPLES)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "home-office.fxplan: 0 errors, 0 warnings, 0 info" in lines
    assert "miswired-office.fxplan: 2 errors, 2 warnings, 0 info" in lines
    for code in ("FX102", "FX104", "FX203", "FX401"):
        assert any(line.startswith("miswired-office.fxplan: ") and f" {code} " in line for line in lines), (
            code
        )


def test_check_on_a_clean_plan_exits_0(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES)
    status, out, _ = run_main(["check", "home-office.fxplan"], capsys)
    assert status == 0
    assert out.splitlines()[0] == "home-office.fxplan: 0 errors, 0 warnings, 0 info"


@pytest.mark.parametrize(
    ("content", "location"),
    [
        (b'{"format": "fxdesigner-plan", "schema_version": 1, "devices": [], "links": [], "x": NaN}', "x"),
        (b"{not json", "line 1, column 2"),
        (b"", "(file)"),
        (b'{"format": "fxdesigner-plan", "schema_version": 2, "devices": [], "links": []}', "schema_version"),
    ],
)
def test_check_on_a_malformed_file_is_one_line_and_exit_2(
    tmp_path: Path,
    content: bytes,
    location: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "bad.fxplan").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    status, out, err = run_main(["check", "bad.fxplan"], capsys)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: bad.fxplan: {location}: ")
    assert "Traceback" not in err + out


def test_check_on_a_malformed_file_in_a_fresh_interpreter(tmp_path: Path) -> None:
    (tmp_path / "bad.fxplan").write_bytes(b"\xef\xbb\xbf[1, 2,]")
    result = fxdesigner_cmd("check", "bad.fxplan", "gone.fxplan", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: bad.fxplan: line 1, column 7: not valid JSON: Expecting value",
        "error: gone.fxplan: (file): no such file",
    ]
    assert "Traceback" not in result.stdout


def test_check_prints_nothing_on_stdout_when_its_one_plan_cannot_be_loaded(tmp_path: Path) -> None:
    result = fxdesigner_cmd("check", "gone.fxplan", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: gone.fxplan: (file): no such file\n"


def test_check_json_reports_a_load_error_in_the_file_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.fxplan").write_bytes(b"[]")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_main(["check", "--format", "json", "bad.fxplan"], capsys)
    assert status == 2
    entry = json.loads(out)["files"][0]
    assert entry["path"] == "bad.fxplan"
    assert entry["error"] == "bad.fxplan: (top level): expected a JSON object, found an array"
    assert entry["findings"] == []


def test_rules_lists_every_code() -> None:
    result = fxdesigner_cmd("rules")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == RULE_CODES


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(["rules", "--format", "json"], capsys)
    assert status == 0
    rules = json.loads(out)["rules"]
    assert [r["code"] for r in rules] == RULE_CODES
    assert all(r["severity"] in ("error", "warning", "info") and r["name"] and r["title"] for r in rules)


def test_rule_explains_one_rule() -> None:
    result = fxdesigner_cmd("rule", "FX104")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("FX104 line-without-source (error)\n")
    assert "Bad example" in result.stdout and "Good example" in result.stdout
    assert "-> FX104:" in result.stdout
    assert "-> no FX104 finding" in result.stdout


def test_an_unknown_rule_is_exit_2() -> None:
    result = fxdesigner_cmd("rule", "FX999")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["error: no rule 'FX999' (fxdesigner rules lists them)"]
    assert result.stdout == ""
