"""Huge and hostile files in the window: refused in well under a second, the open plan untouched.

Parsing a 200,000-device plan takes about 20 s and building its scene minutes,
so the designer refuses such plans before parsing (bytes, a device count and a
JSON value count are counted, not parsed) with one line naming the limit and
pointing to `fxdesigner check`, which has no such limit.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from fxdesigner.io import limits
from fxdesigner.io.limits import (
    MAX_DESIGNER_BYTES,
    MAX_DESIGNER_DEVICES,
    MAX_DESIGNER_TEXT,
    MAX_DESIGNER_VALUES,
)
from fxdesigner.io.plan_json import dumps_plan
from fxdesigner.ui.main_window import PLAN_MIME


def minimal_plan(devices: int, key: str = "ports") -> bytes:
    body = ",".join(f'{{"id":"d{i}","type":"fax","x":{i % 700 * 90},"y":{i // 700 * 90},"{key}":[]}}'
                    for i in range(devices))
    return ('{"format":"fxdesigner-plan","schema_version":1,"devices":[' + body + '],"links":[]}').encode()


@pytest.fixture
def window(make_window, examples_dir):
    return make_window(examples_dir / "home-office.fxplan")


@pytest.fixture
def never_parsed(monkeypatch):
    """Fail if the JSON parser is reached: what is refused here is refused before parsing (the
    benchmarks measure how fast; this proves the parser never sees the bytes)."""

    def parser(*_args, **_kwargs):
        raise AssertionError("the bytes reached the parser")

    monkeypatch.setattr("fxdesigner.io.limits.load_plan_bytes", parser)
    monkeypatch.setattr("fxdesigner.ui.main_window.paste_edit", parser)


def test_a_200000_device_plan_is_refused_before_parsing(window, tmp_path, dialogs, never_parsed):
    path = tmp_path / "campus.fxplan"
    path.write_bytes(minimal_plan(200_000))
    assert path.stat().st_size < MAX_DESIGNER_BYTES  # the device count is what refuses it
    before = dumps_plan(window.document.plan)
    assert not window.open_path(str(path))
    name, _text, informative, _ = dialogs.shown[-1]
    assert name == "loadErrorDialog"
    assert informative == (f"campus.fxplan: (file): about 200,000 devices is over the designer's limit of "
                           f"{MAX_DESIGNER_DEVICES:,}; run fxdesigner check on it instead")
    assert dumps_plan(window.document.plan) == before


def test_escaped_keys_do_not_sneak_a_huge_plan_past_the_count(window, tmp_path, dialogs, never_parsed):
    path = tmp_path / "sneaky.fxplan"
    path.write_bytes(minimal_plan(200_000, key="\\u0070orts"))
    assert not window.open_path(str(path))
    assert f"over the designer's limit of {MAX_DESIGNER_VALUES:,}" in dialogs.shown[-1][2]


def test_a_file_over_the_designer_byte_limit_is_refused(window, tmp_path, dialogs, never_parsed):
    path = tmp_path / "padded.fxplan"
    plan = json.loads(dumps_plan(window.document.plan))
    plan["padding"] = "x" * MAX_DESIGNER_BYTES
    path.write_text(json.dumps(plan))
    assert not window.open_path(str(path))
    assert f"over the designer's limit of {MAX_DESIGNER_BYTES:,} bytes" in dialogs.shown[-1][2]


def test_a_text_too_long_to_show_is_refused_with_its_place(window, tmp_path, dialogs):
    plan = json.loads(dumps_plan(window.document.plan))
    plan["notes"][0]["text"] = "n" * 50_000
    path = tmp_path / "novel.fxplan"
    path.write_text(json.dumps(plan))
    assert not window.open_path(str(path))
    assert dialogs.shown[-1][2] == (
        f"novel.fxplan: notes[0].text: text is 50,000 characters long; the designer shows texts of up to "
        f"{MAX_DESIGNER_TEXT:,} characters; run fxdesigner check on it instead"
    )


def test_a_50_mb_clipboard_is_refused_before_parsing(window, never_parsed):
    before = dumps_plan(window.document.plan)
    for as_text in (False, True):
        mime = QMimeData()
        payload = b'{"format":"fxdesigner-plan","schema_version":1,"devices":[],"links":[],"x":"' + \
            b"a" * 50_000_000 + b'"}'
        if as_text:
            mime.setText(payload.decode())
        else:
            mime.setData(PLAN_MIME, payload)
        QGuiApplication.clipboard().setMimeData(mime)
        window.paste()
        message = window.statusBar().currentMessage()
        assert message.startswith("Paste refused: the clipboard holds 50,000,")
        assert f"limit of {MAX_DESIGNER_BYTES:,} bytes" in message
    assert dumps_plan(window.document.plan) == before
    QGuiApplication.clipboard().clear()


def test_a_clipboard_of_200000_devices_is_refused_before_parsing(window, never_parsed):
    QGuiApplication.clipboard().setText(minimal_plan(200_000).decode())
    window.paste()
    assert "about 200,000 devices" in window.statusBar().currentMessage()
    QGuiApplication.clipboard().clear()


def test_a_paste_that_would_go_over_the_limit_is_refused(window, monkeypatch):
    count = window.document.plan.device_count()
    monkeypatch.setattr(limits, "MAX_DESIGNER_DEVICES", count + 1)
    window.select_all()
    assert window.copy()
    before = dumps_plan(window.document.plan)
    window.paste()
    assert dumps_plan(window.document.plan) == before
    assert "over the designer's limit of" in window.statusBar().currentMessage()
    assert not window.document.undo_stack.canRedo() and window.document.undo_stack.count() == 0


def test_the_designer_limits_leave_the_command_line_alone(tmp_path, capsys):
    from fxdesigner.cli import main

    path = tmp_path / "big.fxplan"
    path.write_bytes(minimal_plan(MAX_DESIGNER_DEVICES + 1))
    assert main(["check", str(path)]) in (0, 1)
    assert "over the designer's limit" not in capsys.readouterr().err


def test_extreme_but_valid_coordinates_open_and_the_view_survives(window, tmp_path):
    plan = json.loads(dumps_plan(window.document.plan))
    plan["devices"][0]["x"], plan["devices"][1]["y"] = 1e308, -1e308
    plan["notes"][0]["x"] = 5e-324
    path = tmp_path / "far.fxplan"
    path.write_text(json.dumps(plan))
    assert window.open_path(str(path))
    window.view.fit_all()
    assert not window.view.grab().isNull()
