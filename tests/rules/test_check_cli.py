"""`fxdesigner check`, `rules`, `rule` and `trace` as rules.md describes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fxdesigner.cli import main
from fxdesigner.io.plan_json import load_plan, save_plan
from fxdesigner.model.plan import Plan
from fxdesigner.rules.engine import check
from fxdesigner.rules.registry import RULES

from .builders import PlanBuilder
from .common import DATA, EXAMPLE_PLANS, EXAMPLES, ROOT, rel, shipped_plans

HOME = str(EXAMPLES / "home-office.fxplan")
MISWIRED = str(EXAMPLES / "miswired-office.fxplan")
FILE_KEYS = ["path", "error", "summary", "findings"]
FINDING_KEYS = ["code", "name", "severity", "message", "devices", "ports", "links", "fix", "waived"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _err = run(capsys, *argv)
    return code, json.loads(out)


def _save(plan: Plan, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    save_plan(plan, path)
    return str(path)


def warnings_only(tmp_path: Path) -> str:
    b = PlanBuilder()
    b.phone()  # FX201 warning
    b.router()  # FX204 info
    return _save(b.plan, tmp_path, "warnings.fxplan")


def info_only(tmp_path: Path) -> str:
    b = PlanBuilder()
    b.router()
    return _save(b.plan, tmp_path, "info.fxplan")


def broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.fxplan"
    path.write_text('{"format": "fxdesigner-plan", "schema_version": 1, "devices": [', encoding="utf-8")
    return str(path)


def assert_document_shape(document: dict[str, Any], scenario: str = "none") -> None:
    assert list(document) == ["schema", "scenario", "files"]
    assert document["schema"] == "fxdesigner-check/1"
    assert document["scenario"] == scenario
    for entry in document["files"]:
        assert list(entry) == FILE_KEYS
        assert list(entry["summary"]) == ["error", "warning", "info", "waived"]
        assert all(isinstance(v, int) for v in entry["summary"].values())
        for finding in entry["findings"]:
            assert list(finding) == FINDING_KEYS
            assert isinstance(finding["waived"], bool)
        active = [f for f in entry["findings"] if not f["waived"]]
        assert entry["summary"] == {
            "error": sum(f["severity"] == "error" for f in active),
            "warning": sum(f["severity"] == "warning" for f in active),
            "info": sum(f["severity"] == "info" for f in active),
            "waived": len(entry["findings"]) - len(active),
        }


# --- exit status ---------------------------------------------------------------------------


def test_clean_plan_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", HOME)
    assert code == 0 and err == ""
    assert out == f"{HOME}: 0 errors, 0 warnings, 0 info\n"


def test_plan_with_errors_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", MISWIRED)[0] == 1
    assert run(capsys, "check", HOME, MISWIRED)[0] == 1


def test_fail_on_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = warnings_only(tmp_path)
    assert run(capsys, "check", plan)[0] == 0
    assert run(capsys, "check", plan, "--fail-on", "error")[0] == 0
    assert run(capsys, "check", plan, "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", info_only(tmp_path), "--fail-on", "warning")[0] == 0
    assert run(capsys, "check", MISWIRED, "--fail-on", "warning")[0] == 1


def test_waived_findings_do_not_count_for_the_exit_status(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    b = PlanBuilder()
    b.link(b.phone(), "line", b.phone(), "line")  # FX104 error
    b.waive("FX104", "l1", reason="training bench")
    path = _save(b.plan, tmp_path, "waived.fxplan")
    code, document = run_json(capsys, "check", path, "--format", "json")
    assert code == 0
    assert document["files"][0]["summary"] == {"error": 0, "warning": 0, "info": 0, "waived": 1}
    assert document["files"][0]["findings"][0]["waived"] is True
    code, out, _ = run(capsys, "check", path)
    assert code == 0 and "waived error FX104" in out and "1 waived" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", HOME, "--scenario", "flood"],
        ["check", HOME, "--fail-on", "info"],
        ["check", HOME, "--format", "xml"],
        ["check", HOME, "--bogus"],
        ["trace", HOME],
        ["rules", "--format", "yaml"],
    ],
)
def test_bad_command_line_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == "" and err.strip()


# --- JSON output -----------------------------------------------------------------------------


def test_json_for_the_spec_examples_matches_check_output(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)
    names = ["home-office.fxplan", "miswired-office.fxplan"]
    code, document = run_json(capsys, "check", *names, "--format", "json")
    expected = json.loads((DATA / "check-output.json").read_text(encoding="utf-8"))
    assert code == 1
    assert_document_shape(document)

    def strip(doc: dict[str, Any]) -> dict[str, Any]:
        for entry in doc["files"]:
            for finding in entry["findings"]:
                del finding["message"], finding["fix"]
        return doc

    assert strip(document) == strip(expected)


def test_json_scenario_power(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    b = PlanBuilder()
    ata = b.ata(label="Front desk ATA")
    b.online(ata)
    b.link(b.phone(label="Reception phone"), "line", ata, "phone1")
    path = _save(b.plan, tmp_path, "office.fxplan")
    code, document = run_json(capsys, "check", path, "--scenario", "power", "--format", "json")
    assert_document_shape(document, "power")
    assert code == 0
    findings = document["files"][0]["findings"]
    assert findings == [f.to_json() for f in check(load_plan(path), "power").findings]
    assert [f["code"] for f in findings] == ["FX202", "FX501"]
    assert "Front desk ATA" in findings[0]["message"]
    code, document = run_json(capsys, "check", path, "--scenario", "internet", "--format", "json")
    assert document["scenario"] == "internet"
    assert [f["code"] for f in document["files"][0]["findings"]] == ["FX202", "FX501"]
    code, document = run_json(capsys, "check", path, "--format", "json")
    assert document["scenario"] == "none"
    assert [f["code"] for f in document["files"][0]["findings"]] == ["FX501"]


def test_text_scenario_is_announced(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", HOME, "--scenario", "power")
    assert code == 0
    assert out.splitlines()[0] == "scenario: power"


def test_malformed_file_is_reported_and_the_other_file_still_checked(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    bad = broken(tmp_path)
    code, document = run_json(capsys, "check", bad, MISWIRED, "--format", "json")
    assert code == 2
    assert_document_shape(document)
    first, second = document["files"]
    assert first["path"] == bad
    assert isinstance(first["error"], str) and first["error"].startswith(bad)
    assert "\n" not in first["error"] and "Traceback" not in first["error"]
    assert first["findings"] == []
    assert first["summary"] == {"error": 0, "warning": 0, "info": 0, "waived": 0}
    assert second["error"] is None
    assert [f["code"] for f in second["findings"]] == ["FX102", "FX104", "FX203", "FX401"]


def test_malformed_file_in_text_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = broken(tmp_path)
    code, out, err = run(capsys, "check", bad, HOME)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and bad in lines[0]
    assert f"{HOME}: 0 errors, 0 warnings, 0 info" in out
    assert out.splitlines()[-1] == "Checked 2 plans: 0 errors, 0 warnings, 0 info; 1 file could not be loaded"


@pytest.mark.parametrize("name", ["missing.fxplan", "folder"])
def test_unreadable_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    path = str(tmp_path / name)
    code, document = run_json(capsys, "check", path, "--format", "json")
    assert code == 2
    assert document["files"][0]["error"].startswith(path)
    assert document["files"][0]["findings"] == []


def test_text_output_groups_findings_per_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = warnings_only(tmp_path)
    code, out, _ = run(capsys, "check", MISWIRED, other)
    assert code == 1
    lines = out.splitlines()
    miswired = [i for i, line in enumerate(lines) if line.startswith(f"{MISWIRED}: ")]
    others = [i for i, line in enumerate(lines) if line.startswith(f"{other}: ")]
    assert miswired and others and max(miswired) < min(others)
    assert lines[max(miswired)] == f"{MISWIRED}: 2 errors, 2 warnings, 0 info"
    assert lines[max(others)] == f"{other}: 0 errors, 1 warning, 1 info"
    assert lines[-1] == "Checked 2 plans: 2 errors, 3 warnings, 1 info"
    codes = [line.split()[2] for line in lines if line.startswith(f"{MISWIRED}: ") and " FX" in line]
    assert codes == ["FX102", "FX104", "FX203", "FX401"]
    finding_lines = [line for line in lines if line.startswith(f"{MISWIRED}: error FX102")]
    assert len(finding_lines) == 1 and "Line 2" in finding_lines[0]
    fix_lines = [line for line in lines if line.startswith("    fix: ")]
    assert len(fix_lines) == 6


# --- every shipped plan ------------------------------------------------------------------------

SHIPPED = shipped_plans()


def test_shipped_plans_include_the_examples() -> None:
    assert set(EXAMPLE_PLANS) <= set(SHIPPED)


def test_check_every_shipped_plan_like_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in SHIPPED]
    code, document = run_json(capsys, "check", "--format", "json", *paths)
    assert_document_shape(document)
    assert [entry["path"] for entry in document["files"]] == paths
    any_error = False
    for entry, path in zip(document["files"], SHIPPED, strict=True):
        assert entry["error"] is None, entry["error"]
        result = check(load_plan(path))
        assert entry["findings"] == [f.to_json() for f in result.findings], rel(path)
        assert entry["summary"] == result.summary
        any_error = any_error or result.summary["error"] > 0
    assert code == (1 if any_error else 0)


@pytest.mark.parametrize("path", SHIPPED, ids=[rel(p) for p in SHIPPED])
def test_check_each_shipped_plan_text(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    result = check(load_plan(path))
    code, out, err = run(capsys, "check", str(path))
    assert err == ""
    assert code == (1 if result.summary["error"] else 0)
    heads = [line for line in out.splitlines() if line.startswith(f"{path}: ") and " FX" in line]
    assert [line.split()[2 if " waived " not in line else 3] for line in heads] == [
        f.code for f in result.findings
    ]


# --- a real process ----------------------------------------------------------------------------


def test_subprocess_check_json() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "fxdesigner", "check", "home-office.fxplan", "miswired-office.fxplan",
         "--format", "json"],
        cwd=EXAMPLES, capture_output=True, text=True, timeout=60, env=env, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    document = json.loads(done.stdout)
    expected = json.loads((DATA / "check-output.json").read_text(encoding="utf-8"))
    assert [[(f["code"], f["devices"]) for f in e["findings"]] for e in document["files"]] == [
        [(f["code"], f["devices"]) for f in e["findings"]] for e in expected["files"]
    ]
    assert "PySide6" not in done.stdout


def test_subprocess_check_never_imports_qt() -> None:
    code = (
        "import sys; from fxdesigner.cli import main; "
        f"rc = main(['check', {HOME!r}]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr


# --- rules and rule ------------------------------------------------------------------------------


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "rules", "--format", "json")
    assert code == 0
    assert document == {"rules": [r.to_json() for r in RULES]}
    assert all(list(r) == ["code", "name", "severity", "title"] for r in document["rules"])


def test_rules_text_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(RULES)
    for line, r in zip(lines, RULES, strict=True):
        assert line.split()[:3] == [r.code, r.severity, r.name]
        assert line.endswith(r.title)


def test_rule_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rule", "FX999")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("code", [r.code for r in RULES])
def test_rule_explains_each_code(capsys: pytest.CaptureFixture[str], code: str) -> None:
    status, out, _ = run(capsys, "rule", code.lower())
    assert status == 0
    assert out.startswith(code)
    for heading in ("What it means", "Why it matters on a real line", "How to fix"):
        assert heading in out
    assert "Bad example" in out and "Good example" in out
    status, document = run_json(capsys, "rule", code, "--format", "json")
    assert document["code"] == code
    assert document["examples"]["bad"]["findings"], "the bad example must raise the code"
    assert document["examples"]["good"]["findings"] == []


# --- trace -------------------------------------------------------------------------------------


@pytest.mark.parametrize("station", ["desk", "Desk phone", "DESK PHONE"])
def test_trace_by_id_or_label(capsys: pytest.CaptureFixture[str], station: str) -> None:
    code, out, err = run(capsys, "trace", HOME, station)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Call path from Desk phone:"
    assert lines[-1].strip().startswith("Reaches the outside through")
    assert "Desk phone" in lines[1]


def test_trace_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "trace", HOME, "desk", "--format", "json")
    assert code == 0
    assert list(document) == ["station", "scenario", "reaches_outside", "hops", "exit", "stop"]
    assert document["station"] == "desk" and document["scenario"] == "none"
    assert document["reaches_outside"] is True and document["stop"] is None
    assert document["exit"]
    hops = document["hops"]
    assert hops[0]["device"] == "desk" and hops[0]["port"] == "line" and hops[0]["link"] == "c4"
    assert all(list(h) == ["device", "port", "kind", "role", "link", "relay"] for h in hops)
    assert not any(h["relay"] for h in hops)


def test_trace_power_goes_through_the_relay(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "trace", HOME, "Desk phone", "--scenario", "power", "--format", "json")
    assert code == 0
    assert document["scenario"] == "power" and document["reaches_outside"] is True
    hops = document["hops"]
    relay = [h for h in hops if h["relay"]]
    assert len(relay) == 1
    assert {k: relay[0][k] for k in ("device", "port", "kind", "link")} == {
        "device": "ata", "port": "phone1", "kind": "fxs", "link": None,
    }
    assert hops[hops.index(relay[0]) + 1]["port"] == "line1"
    assert hops[-1]["device"] == "wall" and hops[-1]["kind"] == "pstn"
    code, out, _ = run(capsys, "trace", HOME, "desk", "--scenario", "power")
    assert "power-fail relay" in out and out.splitlines()[0] == "Call path from Desk phone in a power cut:"


def test_trace_station_that_cannot_call_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "trace", MISWIRED, "Back office", "--format", "json")
    assert code == 1
    assert document["reaches_outside"] is False and document["exit"] is None
    assert document["stop"]["device"] == "back" and document["stop"]["reason"]
    code, out, _ = run(capsys, "trace", MISWIRED, "back")
    assert code == 1 and out.splitlines()[-1].strip().startswith("Stops: ")


def test_trace_down_in_a_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    b = PlanBuilder()
    ata = b.ata(label="Front desk ATA")
    b.online(ata)
    b.link(b.phone(label="Reception phone"), "line", ata, "phone1")
    path = _save(b.plan, tmp_path, "office.fxplan")
    assert run(capsys, "trace", path, "Reception phone")[0] == 0
    code, document = run_json(capsys, "trace", path, "phone1", "--scenario", "power", "--format", "json")
    assert code == 1
    assert document["reaches_outside"] is False and document["stop"]["reason"]
    assert document["hops"][0]["device"] == "phone1"
    code, document = run_json(capsys, "trace", path, "phone1", "--scenario", "internet", "--format", "json")
    assert code == 1
    # the ATA is up but its way out is gone: the path stops there
    assert document["stop"]["device"] == "ata1" and "Front desk ATA" in document["stop"]["reason"]
    assert [h["device"] for h in document["hops"]] == ["phone1", "ata1"]


@pytest.mark.parametrize("station", ["nobody", "ks", "Key system", "isp"])
def test_trace_unknown_or_not_a_station_exits_2(capsys: pytest.CaptureFixture[str], station: str) -> None:
    code, out, err = run(capsys, "trace", MISWIRED, station)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and MISWIRED in err


def test_trace_malformed_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "trace", broken(tmp_path), "desk")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
