"""Saving when the disk says no: a clear message, the plan still open, intact and unsaved.

CI runs as root, where chmod cannot make a folder read-only, so each failure is
injected where the operating system would report it: the atomic writer's calls
to os and tempfile are replaced by ones that fail the way a read-only folder,
a full disk, a vanished folder or a failing disk do. Everything above them —
the writer, the document, the window's Save action and its dialog — is real.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fxdesigner.io import atomic
from fxdesigner.io.plan_json import dumps_plan, load_plan

Button = QMessageBox.StandardButton


class Faulty:
    """A stand-in for a module: the named functions replaced, everything else the real thing."""

    def __init__(self, module, **replacements):
        self._module = module
        self.__dict__.update(replacements)

    def __getattr__(self, name):
        return getattr(self._module, name)


def failing(code: int, text: str):
    def fail(*_args, **_kwargs):
        raise OSError(code, text)

    return fail


def fail_on_plan_writes(code: int, text: str):
    real_write = os.write

    def write(fd, data):
        # The atomic writer passes memoryview chunks; anything else (pytest, logging) goes through.
        if isinstance(data, memoryview):
            raise OSError(code, text)
        return real_write(fd, data)

    return write


def short_writes():
    """A disk that fills up mid-write: a partial write, then nothing more fits."""
    real_write = os.write
    calls = {"n": 0}

    def write(fd, data):
        if not isinstance(data, memoryview):
            return real_write(fd, data)
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, data[: len(data) // 2])
        return 0

    return write


FAULTS = {
    "read-only folder": ("tempfile", {"mkstemp": failing(errno.EACCES, "Permission denied")},
                         "permission denied"),
    "read-only file system": ("tempfile", {"mkstemp": failing(errno.EROFS, "Read-only file system")},
                              "read-only"),
    "full disk": ("os", {"write": fail_on_plan_writes(errno.ENOSPC, "No space left on device")},
                  "the disk is full"),
    "disk fills mid-write": ("os", {"write": short_writes()}, "the disk is full"),
    "disk error on flush": ("os", {"fsync": failing(errno.EIO, "Input/output error")}, "Input/output error"),
    "rename refused": ("os", {"replace": failing(errno.EACCES, "Permission denied")}, "permission denied"),
}




@pytest.fixture
def saved_window(make_window, tmp_path, examples_dir):
    """A window on a saved plan with one unsaved change."""
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "office.fxplan"
    path.write_bytes((examples_dir / "home-office.fxplan").read_bytes())
    window = make_window()
    assert window.open_path(str(path))
    window.document.add_note(0, 0, "an hour of work")
    return window, path


def assert_intact_and_unsaved(window, plan_text: str) -> None:
    assert dumps_plan(window.document.plan) == plan_text
    assert window.document.modified
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_save_explains_and_keeps_the_plan_open_intact_and_unsaved(fault, saved_window, monkeypatch,
                                                                           dialogs):
    window, path = saved_window
    before_on_disk = path.read_bytes()
    plan_text = dumps_plan(window.document.plan)
    module, replacements, reason = FAULTS[fault]
    real = {"os": os, "tempfile": tempfile}[module]
    monkeypatch.setattr(atomic, module, Faulty(real, **replacements))

    window.action("save").trigger()

    name, text, informative, text_format = dialogs.shown[-1]
    assert name == "saveErrorDialog"
    assert "not saved" in text and "still open" in text
    assert informative.startswith("Cannot save office.fxplan: ")
    assert reason in informative
    assert "Errno" not in informative and "\n" not in informative
    assert text_format == Qt.TextFormat.PlainText
    assert_intact_and_unsaved(window, plan_text)
    assert path.read_bytes() == before_on_disk
    assert sorted(p.name for p in path.parent.iterdir()) == ["office.fxplan"]  # no temp file, no .bak
    # The work is still protected while the disk misbehaves elsewhere.
    monkeypatch.setattr(atomic, module, real)
    assert window.autosaver.autosave_if_needed()


def test_a_vanished_folder(saved_window, dialogs):
    window, path = saved_window
    plan_text = dumps_plan(window.document.plan)
    shutil.rmtree(path.parent)
    window.action("save").trigger()
    name, _text, informative, _ = dialogs.shown[-1]
    assert name == "saveErrorDialog"
    assert "the folder does not exist" in informative
    assert_intact_and_unsaved(window, plan_text)
    assert not path.parent.exists()


def test_a_full_disk_while_keeping_the_backup_leaves_the_old_file(saved_window, monkeypatch, dialogs):
    window, path = saved_window
    before = path.read_bytes()
    monkeypatch.setattr(atomic.shutil, "copyfile", failing(errno.ENOSPC, "No space left on device"))
    window.action("save").trigger()
    assert "the disk is full" in dialogs.shown[-1][2]
    assert path.read_bytes() == before
    assert window.document.modified


def test_save_as_from_the_error_dialog_saves_somewhere_else(saved_window, monkeypatch, dialogs, tmp_path):
    window, path = saved_window
    elsewhere = tmp_path / "usb" / "office.fxplan"
    elsewhere.parent.mkdir()
    monkeypatch.setattr(atomic, "tempfile", Faulty(tempfile, mkstemp=_fail_in(path.parent)))
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    dialogs.answer = Button.Save  # the dialog's "Save As…" button
    window.action("save").trigger()
    assert window.document.path == str(elsewhere)
    assert not window.document.modified
    assert load_plan(elsewhere) == window.document.plan


def _fail_in(folder: Path):
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == folder:
            raise OSError(errno.EACCES, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    return mkstemp


def test_a_good_save_keeps_one_backup_of_the_previous_version(saved_window):
    window, path = saved_window
    first = path.read_bytes()
    window.action("save").trigger()
    backup = path.with_name("office.fxplan.bak")
    assert backup.read_bytes() == first
    second = path.read_bytes()
    window.document.add_note(0, 0, "more")
    window.action("save").trigger()
    assert backup.read_bytes() == second
    assert sorted(p.name for p in path.parent.iterdir()) == ["office.fxplan", "office.fxplan.bak"]


def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(make_window, tmp_path, examples_dir):
    real = tmp_path / "real.fxplan"
    real.write_bytes((examples_dir / "home-office.fxplan").read_bytes())
    os.chmod(real, 0o640)
    link = tmp_path / "link.fxplan"
    link.symlink_to(real)
    window = make_window()
    assert window.open_path(str(link))
    window.document.add_note(0, 0, "through the link")
    window.action("save").trigger()
    assert link.is_symlink()
    assert "through the link" in [n.text for n in load_plan(real).notes]
    assert os.stat(real).st_mode & 0o777 == 0o640


def test_a_plan_opened_from_an_image_is_never_saved_over_it(make_window, tmp_path, examples_dir, monkeypatch):
    from helpers import tiny_png

    from fxdesigner.io.embedded import embed_in_png

    image = tmp_path / "office.png"
    image.write_bytes(embed_in_png(tiny_png(), (examples_dir / "home-office.fxplan").read_bytes()))
    picture = image.read_bytes()
    window = make_window()
    assert window.open_path(str(image))
    assert window.document.path is None
    assert window.windowTitle().startswith("office.png[*]")
    window.document.add_note(0, 0, "edited")
    asked = {}

    def save_as_dialog(parent, title, start, filters):
        asked["start"] = start
        return str(tmp_path / "office.fxplan"), filters

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", save_as_dialog)
    window.action("save").trigger()
    assert asked["start"] == str(tmp_path / "office.fxplan")
    assert image.read_bytes() == picture
    assert "edited" in [n.text for n in load_plan(tmp_path / "office.fxplan").notes]


def test_on_windows_a_briefly_locked_file_is_retried(saved_window, monkeypatch):
    """Antivirus or OneDrive holding the file for a moment must not fail the save."""
    window, path = saved_window
    real_replace = os.replace
    refusals = {"left": 2}

    def replace(source, target):
        if refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(13, "The process cannot access the file (WinError 32)")
        return real_replace(source, target)

    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic, "os", Faulty(os, replace=replace))
    window.action("save").trigger()
    assert refusals["left"] == 0
    assert not window.document.modified
    assert "an hour of work" in [n.text for n in load_plan(path).notes]
