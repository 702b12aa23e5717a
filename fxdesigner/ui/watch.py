"""The open file and the world around it: changed or deleted on disk, open twice.

* Changed on disk: each window watches its file *and* the file's folder (an
  atomic save by another program replaces the file, after which Qt's watcher
  silently stops watching it, so the path is re-added on every event). What
  counts is the content: the size, mtime and SHA-256 recorded when we last read
  or wrote the file, so our own saves never look like someone else's. A change
  shows a bar over the canvas — Reload / Keep Mine; a deletion — Keep / Close
  Window. Saving over a file that changed since also asks first.
* Open twice in this program: the window already showing it is brought to the
  front instead (fxdesigner.ui.windows knows the application's windows).
* Open in another running FX Designer: each window holds a QLockFile for its
  file, kept in the user's data folder (never beside the file, which may sit in
  a shared folder) and named by a hash of the file's path. Opening a file whose
  lock a live process holds warns first; a dead process's lock is taken over.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Final

from PySide6.QtCore import QEvent, QFileSystemWatcher, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMessageBox, QPushButton, QWidget

from fxdesigner import APP_NAME
from fxdesigner.io.plan_json import PlanLoadError
from fxdesigner.ui.document import Document, Fingerprint
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.recovery import data_dir, lock_file
from fxdesigner.ui.text import message_box, plain_label
from fxdesigner.ui.windows import same_file_key

SAME, CHANGED, MISSING = "same", "changed", "missing"
#: Editors write a file in several steps; look once they have settled.
SETTLE_MS: Final = 200
Button = QMessageBox.StandardButton


def focus(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


# --- other running instances ------------------------------------------------------------------


def lock_path(path: str) -> Path:
    digest = hashlib.sha256(same_file_key(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return data_dir() / "locks" / f"{digest}.lock"


def _lock_for(path: str) -> QLockFile | None:
    target = lock_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return lock_file(target)


def other_instance(path: str) -> tuple[int, str, str] | None:
    """(pid, host, program) of another live FX Designer that has this file open, or None."""
    lock = _lock_for(path)
    if lock is None:
        return None
    if lock.tryLock(0):
        lock.unlock()
        return None
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None
    info = lock.getLockInfo()
    if isinstance(info, tuple) and len(info) == 4:  # some bindings prepend the success flag
        info = info[1:] if info[0] else None
    if not info:
        return None
    pid, host, program = info
    if pid == os.getpid():
        return None  # one of our own windows; window_showing handles those
    return int(pid), str(host), str(program)


def confirm_other_instance(parent: QWidget | None, path: str) -> bool:
    """Warn when another running FX Designer has this file open; True to open it anyway."""
    holder = other_instance(path)
    if holder is None:
        return True
    pid, host, _program = holder
    box = message_box(
        parent, QMessageBox.Icon.Warning, f"Already open — {APP_NAME}",
        f"{os.path.basename(path)} is already open in another {APP_NAME} (process {pid} on {host}).",
        "If both copies are edited, the one saved last wins and the other's changes are lost. "
        "Open it here anyway?",
    )
    box.setStandardButtons(Button.Open | Button.Cancel)
    box.button(Button.Open).setText("Open Anyway")
    box.setDefaultButton(Button.Cancel)
    box.setObjectName("otherInstanceDialog")
    return box.exec() == Button.Open


# --- the file on disk ------------------------------------------------------------------------


def disk_state(path: str, known: Fingerprint) -> tuple[str, Fingerprint | None]:
    """SAME, CHANGED or MISSING compared with what we last read or wrote, and the file's fingerprint now."""
    if known.same_stat(path):
        return SAME, known
    current = Fingerprint.read(path)
    if current is None:
        return (MISSING, None) if not os.path.exists(path) else (SAME, None)
    if current.sha256 == known.sha256:
        return SAME, current  # touched, or rewritten with the same bytes
    return CHANGED, current


def confirm_overwrite(window: HostWindow, path: str) -> bool:
    """Before saving over the window's own file: ask if someone changed it since we read or wrote it."""
    document = window.document
    known = document.disk_fingerprint
    if known is None or not document.path or same_file_key(path) != same_file_key(document.path):
        return True
    state, _current = disk_state(path, known)
    if state != CHANGED:
        return True
    name = os.path.basename(path)
    box = message_box(
        window, QMessageBox.Icon.Warning, f"Changed on disk — {APP_NAME}",
        f"{name} was changed on disk by another program since you opened or saved it here.",
        f"Saving replaces that version with this plan (the version on disk is kept as {name}.bak).",
    )
    box.setStandardButtons(Button.Save | Button.Cancel)
    box.button(Button.Save).setText("Overwrite")
    box.setDefaultButton(Button.Cancel)
    box.setObjectName("overwriteChangedDialog")
    return box.exec() == Button.Save


class DiskChangeBar(QFrame):
    """A non-modal bar across the top of the canvas: what happened to the file, and the choices."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("diskChangeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#diskChangeBar { background: #fff4ce; border: 1px solid #c8a600; }"
                           " QLabel { color: #3b2f00; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.text = plain_label("", self)
        self.text.setObjectName("diskChangeText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.reload_button = self._button("diskReload", "Reload", layout)
        self.keep_button = self._button("diskKeep", "Keep Mine", layout)
        self.close_button = self._button("diskCloseWindow", "Close Window", layout)
        self.hide()

    def _button(self, name: str, text: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        layout.addWidget(button)
        return button

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            width = parent.width()
            self.setGeometry(0, 0, width, self.heightForWidth(width) if self.hasHeightForWidth()
                             else self.sizeHint().height())


class DiskWatch(QObject):
    """Watches one window's file: changed or deleted by someone else, and the instance lock."""

    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: Document = window.document
        self.path: str | None = None
        self.state = SAME
        self.lock: QLockFile | None = None
        self._missing_kept = False
        self._closed = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.check)
        self.bar = DiskChangeBar(window.view)
        self.bar.reload_button.clicked.connect(self.reload)
        self.bar.keep_button.clicked.connect(self.keep_mine)
        self.bar.close_button.clicked.connect(self.window.close)
        self.document.replaced.connect(self._follow)
        self.document.saved.connect(self._follow)
        self.document.file_state_changed.connect(self._follow)
        self.document.closed.connect(self.release)
        window.installEventFilter(self)
        window.view.installEventFilter(self)
        self._follow()

    # --- following the document's file ----------------------------------------------------

    def _follow(self, *_args: object) -> None:
        if self._closed:
            return
        path = self.document.path
        if path != self.path:
            self.path = path
            self._missing_kept = False
            self._show(SAME)
            self._relock()
        self._rewatch()
        if self.state != SAME:
            self.check()

    def _relock(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        if self.path:
            lock = _lock_for(self.path)
            # If another instance holds it the user chose "Open Anyway"; no lock for us then.
            if lock is not None and lock.tryLock(0):
                self.lock = lock

    def _rewatch(self) -> None:
        """Watch the file (again: a replaced file is dropped by Qt's watcher) and its folder."""
        wanted = []
        if self.path:
            wanted = [p for p in (self.path, os.path.dirname(self.path)) if os.path.exists(p)]
        current = self.watcher.files() + self.watcher.directories()
        stale = [p for p in current if p not in wanted]
        if stale:
            self.watcher.removePaths(stale)
        new = [p for p in wanted if p not in current]
        if new:
            self.watcher.addPaths(new)

    def release(self) -> None:
        """The window closed: stop watching and give the file's lock back."""
        self._closed = True
        self.settle.stop()
        self.path = None
        self._rewatch()
        self._relock()

    # --- noticing ------------------------------------------------------------------------------

    def _poke(self, _path: str = "") -> None:
        self.settle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.WindowActivate:
            # Watchers miss changes on some network folders; coming back to the window re-checks.
            self.check()
        elif watched is self.window.view and kind == QEvent.Type.Resize and self.bar.isVisible():
            self.bar.place()
        return False

    def check(self) -> str:
        """Compare the file on disk with what we last read or wrote; show the bar if it differs."""
        self._rewatch()
        known = self.document.disk_fingerprint
        if not self.path or known is None:
            self._show(SAME)
            return SAME
        state, current = disk_state(self.path, known)
        if state == SAME and current is not None and current != known:
            self.document.disk_fingerprint = current
        if state == MISSING and self._missing_kept:
            state = SAME
        elif state != MISSING:
            self._missing_kept = False
        self._show(state)
        return state

    def _show(self, state: str) -> None:
        self.state = state
        if state == SAME:
            self.bar.hide()
            return
        name = self.document.display_name
        unsaved = " Your unsaved changes here would be lost by reloading." if self.document.modified else ""
        if state == CHANGED:
            self.bar.text.setText(f"{name} was changed on disk by another program.{unsaved} "
                                  "Reload it, or keep this version (saving will replace the other)?")
            self.bar.reload_button.show()
            self.bar.keep_button.setText("Keep Mine")
            self.bar.close_button.hide()
        else:
            self.bar.text.setText(f"{name} was deleted or moved on disk. Keep this plan open "
                                  "(saving will write the file again), or close the window?")
            self.bar.reload_button.hide()
            self.bar.keep_button.setText("Keep")
            self.bar.close_button.show()
        self.bar.keep_button.show()
        self.bar.show()
        self.bar.raise_()
        self.bar.place()

    # --- the user's answers ------------------------------------------------------------------

    def reload(self) -> bool:
        """Replace the plan with the file on disk (asking first if that loses unsaved work)."""
        if not self.path:
            return False
        if self.document.modified:
            box = message_box(
                self.window, QMessageBox.Icon.Warning, f"Reload — {APP_NAME}",
                f"Reload {self.document.display_name} from disk?",
                "Your unsaved changes in this window will be lost.",
            )
            box.setStandardButtons(Button.Discard | Button.Cancel)
            box.button(Button.Discard).setText("Discard Changes and Reload")
            box.setDefaultButton(Button.Cancel)
            box.setObjectName("reloadDialog")
            if box.exec() != Button.Discard:
                return False
        try:
            self.document.open(self.path)
        except PlanLoadError as exc:
            self.window.show_load_error(exc)
            return False
        self._show(SAME)
        return True

    def keep_mine(self) -> None:
        """Keep this window's plan; it counts as unsaved, and saving replaces what is on disk."""
        if self.state == CHANGED and self.path:
            current = Fingerprint.read(self.path)
            if current is not None:
                self.document.disk_fingerprint = current
        elif self.state == MISSING:
            self._missing_kept = True
        self.document.mark_modified()
        self._show(SAME)


def install(window: HostWindow) -> DiskWatch:
    return DiskWatch(window)
