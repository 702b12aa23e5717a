"""The spec's example plans give the spec's check output; the rule registry matches rules.md.

The per-rule folder tests (explanation.md, good.fxplan, bad.fxplan) fail until
every resources/rules/<CODE>/ folder is written: that is on purpose.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest

from fxdesigner.io.plan_json import load_plan
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import SEVERITIES
from fxdesigner.rules.registry import BY_CODE, FAMILIES, RULES, example_path, explanation_text
from fxdesigner.rules.report import SCHEMA, FileReport, to_json

from .common import DATA, EXAMPLES, RESOURCES

#: rules.md "The catalogue (version 1)", copied by hand: code, name, severity.
SPEC_TABLE = [
    ("FX101", "fxs-to-fxs", "error"),
    ("FX102", "street-line-into-fxs", "error"),
    ("FX103", "street-lines-bridged", "error"),
    ("FX104", "line-without-source", "error"),
    ("FX105", "analog-into-ethernet", "error"),
    ("FX106", "analog-on-digital-station", "error"),
    ("FX107", "two-cables-in-one-jack", "error"),
    ("FX108", "self-link", "warning"),
    ("FX201", "station-unplugged", "warning"),
    ("FX202", "no-outside-line", "warning"),
    ("FX203", "street-line-unused", "warning"),
    ("FX204", "device-isolated", "info"),
    ("FX205", "unknown-device-type", "info"),
    ("FX301", "ringer-load-over-port-budget", "error"),
    ("FX302", "ringer-load-over-line-limit", "warning"),
    ("FX303", "loop-too-long", "error"),
    ("FX304", "fxs-wiring-leaves-building", "warning"),
    ("FX401", "fax-without-t38", "warning"),
    ("FX402", "modem-over-voip", "warning"),
    ("FX501", "no-lifeline", "warning"),
    ("FX502", "life-safety-line-fails-in-power-cut", "error"),
    ("FX503", "lifeline-jack-without-corded-phone", "warning"),
    ("FX504", "emergency-dialing-needs-prefix", "warning"),
    ("FX601", "dsl-without-microfilter", "warning"),
    ("FX602", "dsl-modem-behind-filter", "error"),
]

CODES = [code for code, _, _ in SPEC_TABLE]
HEADINGS = ("## What it means", "## Why it matters on a real line", "## How to fix")


def _expected() -> dict[str, object]:
    return json.loads((DATA / "check-output.json").read_text(encoding="utf-8"))


def _strip(finding: dict[str, object]) -> dict[str, object]:
    """The contract part of a finding: everything but the free wording."""
    return {k: v for k, v in finding.items() if k not in ("message", "fix")}


# --- the two example plans ---------------------------------------------------------------


def test_examples_in_resources_are_the_spec_examples() -> None:
    expected = _expected()
    assert [f["path"] for f in expected["files"]] == ["home-office.fxplan", "miswired-office.fxplan"]
    for entry in expected["files"]:
        assert (EXAMPLES / entry["path"]).is_file()


@pytest.mark.parametrize("index", [0, 1])
def test_example_findings_match_check_output(index: int) -> None:
    entry = _expected()["files"][index]
    result = check(load_plan(EXAMPLES / entry["path"]))
    got = [_strip(f.to_json()) for f in result.findings]
    assert got == [_strip(f) for f in entry["findings"]]
    assert result.summary == entry["summary"]


def test_example_report_document_matches_check_output() -> None:
    expected = _expected()
    reports = [FileReport(f["path"], check(load_plan(EXAMPLES / f["path"]))) for f in expected["files"]]
    document = json.loads(to_json(reports, "none"))
    assert document["schema"] == SCHEMA == expected["schema"]
    assert document["scenario"] == expected["scenario"]
    assert list(document) == list(expected)
    for got, want in zip(document["files"], expected["files"], strict=True):
        assert list(got) == list(want) == ["path", "error", "summary", "findings"]
        assert got["path"] == want["path"] and got["error"] is None and want["error"] is None
        assert got["summary"] == want["summary"]
        assert list(got["summary"]) == ["error", "warning", "info", "waived"]
        assert [_strip(f) for f in got["findings"]] == [_strip(f) for f in want["findings"]]
        for f, w in zip(got["findings"], want["findings"], strict=True):
            assert list(f) == list(w)


def test_example_messages_name_devices_by_label() -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    for finding in check(plan).findings:
        assert plan.device(finding.devices[0]).label in finding.message
        assert finding.fix


@pytest.mark.parametrize("scenario", ["power", "internet"])
def test_home_office_keeps_service_in_every_scenario(scenario: str) -> None:
    assert check(load_plan(EXAMPLES / "home-office.fxplan"), scenario).findings == []


# --- the registry -----------------------------------------------------------------------


def test_registry_matches_rules_md_table() -> None:
    assert [(r.code, r.name, r.severity) for r in RULES] == SPEC_TABLE


def test_rule_metadata_is_well_formed() -> None:
    for rule in RULES:
        assert re.fullmatch(r"FX\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in SEVERITIES == ("error", "warning", "info")
        assert rule.title.strip() and "\n" not in rule.title
        assert rule.code[:3] in FAMILIES
        assert rule.to_json() == {"code": rule.code, "name": rule.name, "severity": rule.severity,
                                  "title": rule.title}
    codes = [r.code for r in RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    titles = [r.title for r in RULES]
    assert len(set(titles)) == len(titles)
    assert set(BY_CODE) == set(codes)


def test_only_fx501_judges_the_whole_plan() -> None:
    assert [r.code for r in RULES if r.scope != "local"] == ["FX501"]


# --- each rule's folder: explanation, good and bad example --------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_folder_has_explanation_with_three_headings(code: str) -> None:
    folder = RESOURCES / "rules" / code
    assert (folder / "explanation.md").is_file(), f"{folder}/explanation.md is missing"
    text = explanation_text(code)
    lines = [line.rstrip() for line in text.splitlines()]
    positions = []
    for heading in HEADINGS:
        assert heading in lines, f"{code}: heading {heading!r} missing"
        positions.append(lines.index(heading))
    assert positions == sorted(positions), f"{code}: headings out of order"
    # every section says something
    bounds = [*positions, len(lines)]
    for start, end in itertools.pairwise(bounds):
        assert any(line.strip() and not line.startswith("#") for line in lines[start + 1:end]), code


@pytest.mark.parametrize("code", CODES)
def test_rule_bad_example_raises_the_code_and_good_does_not(code: str) -> None:
    bad, good = example_path(code, "bad"), example_path(code, "good")
    assert bad.is_file(), f"{bad} is missing"
    assert good.is_file(), f"{good} is missing"
    assert bad.parent == good.parent == RESOURCES / "rules" / code
    bad_codes = [f.code for f in check(load_plan(bad)).findings]
    good_codes = [f.code for f in check(load_plan(good)).findings]
    assert code in bad_codes, f"{code}: bad example gives {bad_codes}"
    assert code not in good_codes, f"{code}: good example gives {good_codes}"
