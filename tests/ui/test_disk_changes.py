"""The open file changed, deleted or opened elsewhere: the user is told and chooses.

Changes are made the way other programs make them: an atomic replace (after
which Qt's watcher stops watching the old file), a plain rewrite, a delete.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from fxdesigner.io.plan_json import dumps_plan, load_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Note
from fxdesigner.ui import watch

ROOT = Path(__file__).resolve().parents[2]
Button = QMessageBox.StandardButton








def opened(make_window, path: Path):
    window = make_window()
    assert window.open_path(str(path))
    return window


def their_version(path: Path, note: str = "theirs") -> str:
    """What another program writes: the same plan with one more note, by atomic replace."""
    plan = load_plan(path)
    plan.add_note(Note(plan.fresh_id("note", "theirs"), note, 0, 0))
    text = dumps_plan(plan)
    temp = path.with_name(".other-program.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
    return text


def bar_of(window):
    return window.disk_watch.bar


def test_our_own_save_does_not_look_like_someone_elses(make_window, plan_file, qtbot):
    window = opened(make_window, plan_file)
    window.document.add_note(0, 0, "mine")
    assert window._save_to(str(plan_file))
    qtbot.wait(2 * watch.SETTLE_MS + 100)
    assert not bar_of(window).isVisible()
    assert window.disk_watch.check() == watch.SAME


def test_a_change_on_disk_shows_the_bar_and_reload_takes_it(make_window, plan_file, qtbot):
    window = opened(make_window, plan_file)
    their_version(plan_file, "first change")
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    assert "changed on disk" in bar_of(window).text.text()
    assert bar_of(window).reload_button.isVisible() and bar_of(window).keep_button.isVisible()
    bar_of(window).reload_button.click()
    assert "first change" in [n.text for n in window.document.plan.notes]
    assert not window.document.modified
    assert not bar_of(window).isVisible()
    # The watcher lost the replaced file; the next change must still be seen.
    their_version(plan_file, "second change")
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    bar_of(window).reload_button.click()
    assert "second change" in [n.text for n in window.document.plan.notes]


def test_reload_asks_before_dropping_unsaved_work(make_window, plan_file, qtbot, dialogs):
    window = opened(make_window, plan_file)
    window.document.add_note(0, 0, "unsaved work")
    their_version(plan_file)
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    assert "unsaved changes" in bar_of(window).text.text()
    dialogs.answer = Button.Cancel
    bar_of(window).reload_button.click()
    assert dialogs.shown[-1][0] == "reloadDialog"
    assert "unsaved work" in [n.text for n in window.document.plan.notes]
    dialogs.answer = Button.Discard
    bar_of(window).reload_button.click()
    notes = [n.text for n in window.document.plan.notes]
    assert "theirs" in notes and "unsaved work" not in notes


def test_keep_mine_marks_unsaved_and_saving_overwrites_without_asking(make_window, plan_file, qtbot, dialogs):
    window = opened(make_window, plan_file)
    mine = dumps_plan(window.document.plan)
    their_version(plan_file)
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    bar_of(window).keep_button.click()
    assert not bar_of(window).isVisible()
    assert window.document.modified and window.isWindowModified()
    assert dumps_plan(window.document.plan) == mine
    shown = len(dialogs.shown)
    assert window.save()
    assert len(dialogs.shown) == shown  # no "changed on disk" question: the user already chose
    assert plan_file.read_text(encoding="utf-8") == dumps_plan(window.document.plan)
    assert "theirs" in plan_file.with_name("office.fxplan.bak").read_text(encoding="utf-8")


def test_saving_over_a_file_changed_behind_our_back_asks_first(make_window, plan_file, dialogs):
    window = opened(make_window, plan_file)
    window.document.add_note(0, 0, "mine")
    theirs = their_version(plan_file)  # no event loop: the watcher has not fired yet
    dialogs.answer = Button.Cancel
    assert not window.save()
    assert dialogs.shown[-1][0] == "overwriteChangedDialog"
    assert plan_file.read_text(encoding="utf-8") == theirs
    assert window.document.modified
    dialogs.answer = Button.Save  # "Overwrite"
    assert window.save()
    assert "mine" in [n.text for n in load_plan(plan_file).notes]
    assert plan_file.with_name("office.fxplan.bak").read_text(encoding="utf-8") == theirs


def test_same_bytes_rewritten_or_touched_is_not_a_change(make_window, plan_file, qtbot):
    window = opened(make_window, plan_file)
    data = plan_file.read_bytes()
    plan_file.write_bytes(data)
    os.utime(plan_file, (1_000_000, 1_000_000))
    qtbot.wait(2 * watch.SETTLE_MS + 100)
    assert window.disk_watch.check() == watch.SAME
    assert not bar_of(window).isVisible()
    assert not window.document.modified


def test_a_deleted_file_can_be_kept_and_saving_writes_it_again(make_window, plan_file, qtbot):
    window = opened(make_window, plan_file)
    plan_file.unlink()
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    assert "deleted or moved" in bar_of(window).text.text()
    assert not bar_of(window).reload_button.isVisible()
    bar_of(window).keep_button.click()
    assert not bar_of(window).isVisible()
    assert window.document.modified
    assert window.disk_watch.check() == watch.SAME  # asked once, not again
    assert window.save()
    assert load_plan(plan_file) == window.document.plan
    assert not window.document.modified


def test_a_deleted_file_can_close_the_window(make_window, plan_file, qtbot):
    window = opened(make_window, plan_file)
    plan_file.unlink()
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    assert bar_of(window).close_button.isVisible()
    bar_of(window).close_button.click()
    assert not window.isVisible()


def test_the_bar_shows_user_text_as_plain_text(make_window, tmp_path, examples_dir, qtbot):
    path = tmp_path / "<b>bold<b> <img src=x>.fxplan"
    path.write_bytes((examples_dir / "home-office.fxplan").read_bytes())
    window = opened(make_window, path)
    their_version(path)
    qtbot.waitUntil(bar_of(window).isVisible, timeout=5000)
    label = bar_of(window).text
    assert label.textFormat().name == "PlainText"
    assert "<b>bold<b> <img src=x>.fxplan" in label.text()


# --- the same file twice ---------------------------------------------------------------------------


def test_opening_a_file_open_in_another_window_focuses_that_window(designer, plan_file, examples_dir, qtbot):
    first = designer.open(str(plan_file))
    second = designer.new_window()
    second.show()
    qtbot.waitExposed(second)
    second.open_path(str(examples_dir / "miswired-office.fxplan"))
    before = dumps_plan(second.document.plan)
    assert second.open_path(str(plan_file))
    assert dumps_plan(second.document.plan) == before  # not loaded a second time here
    assert "already open in another window" in second.statusBar().currentMessage()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first, timeout=3000)
    assert designer.open(str(plan_file)) is first
    assert len(designer.windows) == 2


def test_save_as_onto_a_file_open_in_another_window_is_refused(designer, plan_file, dialogs, monkeypatch):
    designer.open(str(plan_file))
    other = designer.new_window()
    other.show()
    other.document.add_note(0, 0, "other")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(plan_file), ""))
    before = plan_file.read_bytes()
    assert not other.save_as()
    assert "open in another window" in dialogs.shown[-1][1]
    assert plan_file.read_bytes() == before


HOLDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def test_another_running_instance_is_detected_and_a_dead_ones_lock_is_taken(make_window, plan_file, dialogs):
    watch.lock_path(str(plan_file)).parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(watch.lock_path(str(plan_file)))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert watch.other_instance(str(plan_file))[0] == holder.pid
        window = make_window()
        dialogs.answer = Button.Cancel
        assert not window.open_path(str(plan_file))
        name, text, _informative, _ = dialogs.shown[-1]
        assert name == "otherInstanceDialog"
        assert f"process {holder.pid}" in text and "office.fxplan" in text
        assert window.document.path is None
        dialogs.answer = Button.Open  # "Open Anyway"
        assert window.open_path(str(plan_file))
        assert window.document.path == str(plan_file)
    finally:
        holder.kill()  # like a crash: the lock file stays behind
        holder.wait()
    assert watch.lock_path(str(plan_file)).exists()
    assert watch.other_instance(str(plan_file)) is None
    shown = len(dialogs.shown)
    later = make_window()
    assert later.open_path(str(plan_file))
    assert len(dialogs.shown) == shown


def test_a_window_holds_its_files_lock_until_it_closes(make_window, plan_file, tmp_path, examples_dir):
    window = opened(make_window, plan_file)
    lock = watch.lock_path(str(plan_file))
    assert lock.exists()
    other = tmp_path / "plans" / "other.fxplan"
    other.write_bytes((examples_dir / "miswired-office.fxplan").read_bytes())
    assert window.open_path(str(other))
    assert not lock.exists() and watch.lock_path(str(other)).exists()
    window.document.push(e.SetPlanField("title", "x"))
    window.document.undo_stack.setClean()
    window.close()
    assert not watch.lock_path(str(other)).exists()
