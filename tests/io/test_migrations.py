"""The migration chain, proven with a synthetic version 2 whose version 1 called devices "nodes"."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import base_document, encode, load_error

from fxdesigner.io import migrations, plan_json
from fxdesigner.io.migrations import migrate
from fxdesigner.io.plan_json import dumps_plan, load_plan_bytes


def nodes_to_devices(document: dict[str, Any]) -> dict[str, Any]:
    document["devices"] = document.pop("nodes")
    return document


def old_style_document() -> dict[str, Any]:
    doc = base_document()
    doc["nodes"] = doc.pop("devices")
    return doc


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> dict[int, Any]:
    steps = {1: nodes_to_devices}
    monkeypatch.setattr(plan_json, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    return steps


def test_an_old_document_is_migrated_before_it_is_built(version_2: dict[int, Any]) -> None:
    raw = encode(old_style_document())
    plan = load_plan_bytes(raw, "old.fxplan")
    assert [d.id for d in plan.devices] == ["ata1", "phone"]
    assert plan.link("l1").b == ("ata1", "fxs1")
    saved = json.loads(dumps_plan(plan))
    assert saved["schema_version"] == 2
    assert "nodes" not in saved and len(saved["devices"]) == 2


def test_without_the_migration_the_old_shape_does_not_load() -> None:
    error = load_error(old_style_document())
    assert error.location == "(top level)"
    assert 'missing required key "devices"' in error.message


def test_a_current_document_is_not_migrated(version_2: dict[int, Any]) -> None:
    def must_not_run(document: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError("migrated a current document")

    version_2[1] = must_not_run
    doc = base_document()
    doc["schema_version"] = 2
    assert load_plan_bytes(encode(doc)).device_count() == 2


def test_a_missing_step_is_a_one_line_load_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_json, "CURRENT_SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: nodes_to_devices})
    error = load_error(old_style_document(), name="old.fxplan")
    assert error.location == "schema_version"
    assert "cannot upgrade from version 1" in error.message
    assert "no upgrade step from version 2" in error.message


def test_a_version_above_current_is_still_refused(version_2: dict[int, Any]) -> None:
    doc = base_document()
    doc["schema_version"] = 3
    error = load_error(doc)
    assert error.location == "schema_version"
    assert "written by a newer FX Designer" in error.message
    assert "reads up to 2" in error.message


def test_a_migration_error_is_a_load_error(version_2: dict[int, Any]) -> None:
    def refuse(document: dict[str, Any]) -> dict[str, Any]:
        raise ValueError("the nodes list is damaged")

    version_2[1] = refuse
    error = load_error(old_style_document())
    assert error.location == "schema_version"
    assert "the nodes list is damaged" in error.message


def test_migrate_runs_every_step_in_order_and_sets_the_version() -> None:
    seen: list[int] = []

    def step(n: int) -> Any:
        def run(document: dict[str, Any]) -> dict[str, Any]:
            seen.append(n)
            assert document["schema_version"] == n
            document[f"step{n}"] = True
            return document

        return run

    original = {"schema_version": 1}
    result = migrate(original, 1, to_version=4, steps={1: step(1), 2: step(2), 3: step(3)})
    assert seen == [1, 2, 3]
    assert result == {"schema_version": 4, "step1": True, "step2": True, "step3": True}
    assert original == {"schema_version": 1}  # the caller's document is not modified


def test_the_current_version_has_no_steps_to_run() -> None:
    assert migrations.CURRENT_SCHEMA_VERSION == plan_json.CURRENT_SCHEMA_VERSION == 1
    document = {"schema_version": 1, "devices": []}
    assert migrate(document, 1) == document
