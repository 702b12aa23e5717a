"""Autosave and crash recovery: a crash loses at most the last autosave interval of work.

The crash is real in one test (a child process autosaves, then dies without
cleaning up); the others plant an autosave whose lock names a dead process,
which is exactly what a crash leaves behind.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from fxdesigner.io.atomic import SaveError
from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.model import edits as e
from fxdesigner.ui import recovery, settings
from fxdesigner.ui.app import run

ROOT = Path(__file__).resolve().parents[2]
Button = QMessageBox.StandardButton








def opened(make_window, path: Path):
    window = make_window()
    assert window.open_path(str(path))
    return window


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def plant_orphan(folder: Path, plan_text: str, original: str | None, pid: int | None = None) -> str:
    """What a crashed FX Designer leaves: the plan, its sidecar and a lock naming a dead process."""
    key = uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.fxplan").write_text(plan_text, encoding="utf-8")
    record = {"format": "fxdesigner-autosave", "version": 1, "original": original, "title": "Planted",
              "saved_at": "2026-01-01T00:00:00Z", "revision": 7, "pid": pid or dead_pid(), "host": "h",
              "app_version": "0", "disk": None}
    (folder / f"{key}.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / f"{key}.lock").write_text(f"{pid or dead_pid()}\npython\n{socket.gethostname()}\n")
    return key


def files_of(folder: Path, key: str) -> list[str]:
    return sorted(p.name for p in folder.glob(f"{key}.*"))


def edited_plan_text(examples_dir: Path, note: str) -> str:
    plan = load_plan(examples_dir / "home-office.fxplan")
    from fxdesigner.model.plan import Note

    plan.add_note(Note("recovered-note", note, 0, 0))
    return dumps_plan(plan)


# --- writing ----------------------------------------------------------------------------------


def test_autosave_goes_to_the_data_folder_never_beside_or_over_the_file(make_window, plan_file, data_dir):
    window = opened(make_window, plan_file)
    before = plan_file.read_bytes()
    first = next(iter(window.document.plan.iter_devices()))
    window.document.push(e.SetDeviceField(first.id, "label", "Moved"))
    saver = window.autosaver
    assert saver.autosave_if_needed()
    assert saver.plan_file.parent == data_dir / "autosave"
    assert saver.plan_file.read_text(encoding="utf-8") == dumps_plan(window.document.plan)
    record = json.loads(saver.sidecar_file.read_text(encoding="utf-8"))
    assert record["format"] == "fxdesigner-autosave"
    assert record["original"] == str(plan_file)
    assert record["pid"] == os.getpid()
    assert record["revision"] == window.document.revision
    assert record["disk"]["sha256"] == window.document.disk_fingerprint.sha256
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["office.fxplan"]


def test_nothing_is_written_while_the_plan_is_saved_or_unchanged(make_window, plan_file, data_dir):
    window = opened(make_window, plan_file)
    saver = window.autosaver
    assert not saver.autosave_if_needed()
    assert not saver.plan_file.exists()
    window.document.add_note(0, 0, "one")
    assert saver.autosave_if_needed()
    stamp = saver.plan_file.stat().st_mtime_ns
    assert not saver.autosave_if_needed()
    assert saver.plan_file.stat().st_mtime_ns == stamp
    window.document.add_note(0, 0, "two")
    assert saver.autosave_if_needed()


def test_the_timer_autosaves_at_the_configured_interval(make_window, plan_file, data_dir, qtbot):
    assert make_window().autosaver.timer.interval() == 60_000
    settings.set_value(recovery.INTERVAL_KEY, 1)
    window = opened(make_window, plan_file)
    assert window.autosaver.timer.isActive()
    assert window.autosaver.timer.interval() == 1000
    window.document.add_note(0, 0, "timed")
    qtbot.waitUntil(window.autosaver.plan_file.exists, timeout=5000)
    assert "timed" in window.autosaver.plan_file.read_text(encoding="utf-8")


def test_focus_loss_autosaves(make_window, plan_file, data_dir):
    window = opened(make_window, plan_file)
    window.document.add_note(0, 0, "before switching programs")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    assert window.autosaver.plan_file.exists()


def test_interval_zero_turns_autosave_off(make_window, plan_file, data_dir):
    settings.set_value(recovery.INTERVAL_KEY, 0)
    window = opened(make_window, plan_file)
    assert not window.autosaver.timer.isActive()
    window.document.add_note(0, 0, "x")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    assert not window.autosaver.autosave_if_needed()
    assert not (data_dir / "autosave").exists() or not list((data_dir / "autosave").glob("*.fxplan"))


@pytest.mark.parametrize("junk", ["soon", "-5", ""])
def test_a_junk_interval_setting_falls_back_safely(junk, data_dir):
    settings.set_value(recovery.INTERVAL_KEY, junk)
    assert recovery.autosave_interval_s() in (0, recovery.DEFAULT_INTERVAL_S)


def test_saving_undoing_to_saved_and_closing_remove_the_autosave(make_window, plan_file, data_dir, dialogs):
    window = opened(make_window, plan_file)
    saver = window.autosaver
    window.document.add_note(0, 0, "x")
    assert saver.autosave_if_needed()
    assert window._save_to(str(plan_file))
    assert not saver.plan_file.exists() and not saver.sidecar_file.exists()

    window.document.add_note(0, 0, "y")
    assert saver.autosave_if_needed()
    window.document.undo_stack.undo()
    assert not window.document.modified
    assert not saver.plan_file.exists()

    window.document.add_note(0, 0, "z")
    assert saver.autosave_if_needed()
    dialogs.answer = Button.Discard
    assert window.close()
    assert not saver.plan_file.exists()
    assert recovery.find_orphans() == []
    assert not saver.lock_path.exists()


def test_a_failing_autosave_says_so_once_and_editing_goes_on(make_window, plan_file, data_dir, monkeypatch):
    window = opened(make_window, plan_file)

    def full(path, data, backup=False):
        raise SaveError(errno.ENOSPC, f"Cannot save {Path(path).name}: the disk is full")

    monkeypatch.setattr(recovery, "write_atomic", full)
    window.document.add_note(0, 0, "x")
    assert not window.autosaver.autosave_if_needed()
    assert "Autosave failed" in window.statusBar().currentMessage()
    assert "the disk is full" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    window.document.add_note(0, 0, "y")
    assert not window.autosaver.autosave_if_needed()
    assert window.statusBar().currentMessage() == ""
    assert [n.text for n in window.document.plan.notes][-2:] == ["x", "y"]
    assert window.document.modified


def test_a_running_windows_autosave_is_not_offered_to_another_start(make_window, plan_file, data_dir):
    window = opened(make_window, plan_file)
    window.document.add_note(0, 0, "live")
    assert window.autosaver.autosave_if_needed()
    assert recovery.find_orphans() == []


# --- recovering --------------------------------------------------------------------------------

CRASHING_CHILD = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from fxdesigner.ui.app import create_application
app = create_application()
from fxdesigner.ui.document import Document
from fxdesigner.ui.main_window import MainWindow
document = Document()
document.open(sys.argv[1])
window = MainWindow(document)
document.add_note(10, 10, "written just before the crash")
assert window.autosaver.write()
print("autosaved", flush=True)
os._exit(3)  # a crash: no close, no clean-up, the lock stays behind
"""


def test_after_a_real_crash_the_next_start_restores_the_work(plan_file, data_dir, tmp_path, dialogs,
                                                             designer):
    env = dict(os.environ, FXDESIGNER_DATA_DIR=str(data_dir), FXDESIGNER_CONFIG_DIR=str(tmp_path / "child"))
    child = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(plan_file)], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 3, child.stderr
    assert "autosaved" in child.stdout
    folder = data_dir / "autosave"
    [left] = list(folder.glob("*.fxplan"))
    assert (folder / f"{left.stem}.lock").exists()
    original = plan_file.read_bytes()

    dialogs.answer = Button.Open  # "Restore"
    [window] = recovery.offer_recovery(designer)
    name, text, informative, text_format = dialogs.shown[-1]
    assert name == "recoveryDialog"
    assert "office.fxplan" in text
    assert str(plan_file) in informative
    assert text_format == Qt.TextFormat.PlainText
    document = window.document
    assert [n.text for n in document.plan.notes if "crash" in n.text] == ["written just before the crash"]
    assert document.path == str(plan_file)
    assert document.modified and window.isWindowModified()
    assert plan_file.read_bytes() == original  # never over the user's file
    assert not left.exists()  # the crashed copy is gone...
    assert window.autosaver.plan_file.exists()  # ...because the restored window has its own
    assert recovery.find_orphans() == []
    # Nothing changed on disk since the autosave: no "changed on disk" bar.
    assert window.disk_watch.check() == "same"


def test_save_beside_original_writes_a_recovered_copy_and_opens_it(plan_file, data_dir, examples_dir, dialogs,
                                                                   designer):
    folder = data_dir / "autosave"
    key = plant_orphan(folder, edited_plan_text(examples_dir, "beside"), str(plan_file))
    (plan_file.parent / "office (recovered).fxplan").write_text("an older recovery")
    original = plan_file.read_bytes()
    dialogs.answer = Button.Save  # "Save Beside Original"
    [window] = recovery.offer_recovery(designer)
    recovered = plan_file.parent / "office (recovered) 2.fxplan"
    assert window.document.path == str(recovered)
    assert not window.document.modified
    assert "beside" in [n.text for n in load_plan(recovered).notes]
    assert plan_file.read_bytes() == original
    assert (plan_file.parent / "office (recovered).fxplan").read_text() == "an older recovery"
    assert files_of(folder, key) == []


def test_discard_deletes_the_autosave(plan_file, data_dir, examples_dir, dialogs, designer):
    folder = data_dir / "autosave"
    key = plant_orphan(folder, edited_plan_text(examples_dir, "unwanted"), str(plan_file))
    dialogs.answer = Button.Discard
    assert recovery.offer_recovery(designer) == []
    assert files_of(folder, key) == []
    assert len(designer.windows) == 0


def test_decide_later_keeps_it_for_next_time(plan_file, data_dir, examples_dir, dialogs, designer):
    folder = data_dir / "autosave"
    key = plant_orphan(folder, edited_plan_text(examples_dir, "later"), str(plan_file))
    dialogs.answer = Button.Ignore  # "Decide Later" (also what Escape does)
    assert recovery.offer_recovery(designer) == []
    assert f"{key}.fxplan" in files_of(folder, key)
    [again] = recovery.find_orphans()
    assert again.key == key
    again.release()


def test_an_untitled_plan_is_restored_untitled_without_a_beside_choice(data_dir, examples_dir, dialogs,
                                                                      designer):
    folder = data_dir / "autosave"
    key = plant_orphan(folder, edited_plan_text(examples_dir, "never saved"), None)
    dialogs.answer = Button.Save  # not offered for an untitled plan: counts as "Decide Later"
    assert recovery.offer_recovery(designer) == []
    assert "Save Beside Original" not in dialogs.shown[-1][2]
    assert "never saved" in dialogs.shown[-1][2]
    dialogs.answer = Button.Open
    [window] = recovery.offer_recovery(designer)
    assert window.document.path is None
    assert window.document.modified
    assert "never saved" in [n.text for n in window.document.plan.notes]
    assert files_of(folder, key) == []


def test_a_damaged_autosave_is_reported_and_can_be_discarded(data_dir, dialogs, designer):
    folder = data_dir / "autosave"
    truncated = '{"format": "fxdesigner-plan", "schema_version": 1, "devices": ['
    key = plant_orphan(folder, truncated, "/x/y.fxplan")
    dialogs.answer = Button.Ignore
    assert recovery.offer_recovery(designer) == []
    name, text, informative, _ = dialogs.shown[-1]
    assert name == "recoveryDialog" and "cannot be read" in text
    assert "not valid JSON" in informative
    assert files_of(folder, key)
    dialogs.answer = Button.Discard
    recovery.offer_recovery(designer)
    assert files_of(folder, key) == []


def test_a_plan_left_without_its_sidecar_is_still_found(data_dir, examples_dir):
    folder = data_dir / "autosave"
    key = plant_orphan(folder, edited_plan_text(examples_dir, "half written"), None)
    (folder / f"{key}.json").unlink()
    [orphan] = recovery.find_orphans()
    assert orphan.original is None
    assert "half written" in [n.text for n in orphan.load().plan.notes]
    orphan.release()


def test_old_temp_files_of_killed_autosaves_are_swept_fresh_ones_kept(data_dir):
    folder = data_dir / "autosave"
    folder.mkdir(parents=True)
    old = folder / ".fxdesigner-old.tmp"
    fresh = folder / ".fxdesigner-fresh.tmp"
    old.write_text("x")
    fresh.write_text("x")
    os.utime(old, (1, 1))
    assert recovery.find_orphans() == []
    assert not old.exists() and fresh.exists()


def test_start_up_offers_recovery_before_opening_files(plan_file, data_dir, examples_dir, dialogs,
                                                       monkeypatch):
    plant_orphan(data_dir / "autosave", edited_plan_text(examples_dir, "at start-up"), str(plan_file))
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    dialogs.answer = Button.Open
    assert run([str(plan_file)]) == 0
    windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
    try:
        # The plan on the command line is the restored one: focused, not opened twice.
        [window] = [w for w in windows if w.document.path == str(plan_file)]
        assert "at start-up" in [n.text for n in window.document.plan.notes]
        assert window.document.modified
    finally:
        for window in windows:
            window.document.undo_stack.setClean()
            window.close()


def test_data_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("FXDESIGNER_DATA_DIR", raising=False)
    monkeypatch.setenv("FXDESIGNER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert recovery.data_dir() == tmp_path / "cfg" / "data"
    monkeypatch.setenv("FXDESIGNER_DATA_DIR", str(tmp_path / "d"))
    assert recovery.autosave_dir() == tmp_path / "d" / "autosave"
    monkeypatch.delenv("FXDESIGNER_DATA_DIR")
    monkeypatch.delenv("FXDESIGNER_CONFIG_DIR")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        assert recovery.data_dir() == tmp_path / "xdg" / "fxdesigner"
