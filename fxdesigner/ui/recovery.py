"""Autosave and crash recovery: unsaved work survives a crash, a kill or a power cut.

Each window writes its unsaved plan to the user's data folder — never over the
user's own file, and never beside it (plans live in mail attachments and shared
folders) — every ``autosave/interval_s`` seconds (default 60; 0 turns autosave
off) and whenever the window loses focus. The copy goes through the same
atomic writer as Save, so a crash during an autosave leaves the previous one.

Each autosave is three files in ``<data folder>/autosave``, named by a random
key for that window: ``<key>.fxplan`` (the plan), ``<key>.json`` (what it is a
copy of: the original path, when, which revision, which process) and
``<key>.lock``, a QLockFile the running window holds. A lock whose process is
gone is stale, so on the next start every autosave whose lock can be taken
belongs to a program that did not close cleanly, and is offered back:
Restore, Save Beside Original, Discard, or Decide Later.

Autosaves are deleted after a successful save, when the plan is back to its
saved state (undo), and when the window closes (the user answered the
unsaved-changes question).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Protocol

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from fxdesigner import APP_NAME, __version__
from fxdesigner.io.atomic import sweep_stale_temp_files, write_atomic
from fxdesigner.io.limits import load_for_designer
from fxdesigner.io.plan_json import PlanLoadError, dumps_plan, read_plan_file
from fxdesigner.model.text import one_line
from fxdesigner.ui import settings
from fxdesigner.ui.document import Document, Fingerprint
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.text import message_box

AUTOSAVE_FORMAT: Final = "fxdesigner-autosave"
INTERVAL_KEY: Final = "autosave/interval_s"
DEFAULT_INTERVAL_S: Final = 60
#: A temporary file this old in the autosave folder was left by a killed write.
STALE_TEMP_AGE_S: Final = 600
RECOVERED_SUFFIX: Final = " (recovered)"

Button = QMessageBox.StandardButton


def data_dir() -> Path:
    """Where FX Designer keeps autosaves and locks (see settings.data_dir)."""
    return Path(settings.data_dir())


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def autosave_interval_s() -> int:
    """Seconds between autosaves from the settings; 0 means autosave is off."""
    value = settings.settings().value(INTERVAL_KEY, DEFAULT_INTERVAL_S)
    try:
        seconds = int(float(value))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_S
    return max(0, min(seconds, 24 * 3600))


def lock_file(path: Path) -> QLockFile:
    """A QLockFile that only a dead owner makes stale.

    Qt's default stale time (30 s) would call a live window's lock stale; with 0 a
    lock is taken over only when its process is gone (or is another program now).
    """
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)
    return lock


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- writing --------------------------------------------------------------------------------


class Autosaver(QObject):
    """Keeps one window's unsaved plan in the autosave folder."""

    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: Document = window.document
        self.key = uuid.uuid4().hex
        self.folder = autosave_dir()
        self.lock: QLockFile | None = None
        self.saved_revision: int | None = None
        self._warned = False
        self.timer = QTimer(self)
        self.timer.setObjectName("autosaveTimer")
        self.timer.timeout.connect(self.autosave_if_needed)
        self.apply_settings()
        self.document.file_state_changed.connect(self._file_state_changed)
        self.document.closed.connect(self.discard)
        window.installEventFilter(self)

    @property
    def plan_file(self) -> Path:
        return self.folder / f"{self.key}.fxplan"

    @property
    def sidecar_file(self) -> Path:
        return self.folder / f"{self.key}.json"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.key}.lock"

    def apply_settings(self) -> None:
        seconds = autosave_interval_s()
        self.enabled = seconds > 0
        if self.enabled:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Switching to another program: keep the work now rather than up to a minute later.
        if watched is self.window and event.type() == QEvent.Type.WindowDeactivate:
            self.autosave_if_needed()
        return False

    def autosave_if_needed(self) -> bool:
        """Write the autosave if autosave is on and something changed since the last one."""
        if not self.enabled or not self.document.modified:
            return False
        if self.saved_revision == self.document.revision and self.plan_file.exists():
            return False
        return self.write()

    def write(self) -> bool:
        """Write the autosave now; False (and a status-bar note, once) when it cannot be written."""
        document = self.document
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.lock is None:
                lock = lock_file(self.lock_path)
                if lock.tryLock(0):
                    self.lock = lock
            data = dumps_plan(document.plan).encode("utf-8")
            # The plan first, then the sidecar that describes it: a crash between the
            # two leaves a plan the recovery still finds.
            write_atomic(self.plan_file, data)
            write_atomic(self.sidecar_file, self._sidecar().encode("utf-8"))
        except (OSError, ValueError) as exc:
            if not self._warned:
                self._warned = True
                self.window.statusBar().showMessage(
                    f"Autosave failed: {one_line(str(exc), 200)}. "
                    "Your plan is still open; save it to keep it.",
                    15000,
                )
            return False
        self.saved_revision = document.revision
        self._warned = False
        return True

    def _sidecar(self) -> str:
        document = self.document
        fingerprint = document.disk_fingerprint
        record: dict[str, Any] = {
            "format": AUTOSAVE_FORMAT,
            "version": 1,
            "original": document.path,
            "title": document.plan.title,
            "saved_at": _now_iso(),
            "revision": document.revision,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "app_version": __version__,
            "disk": None if fingerprint is None else {
                "size": fingerprint.size, "mtime_ns": fingerprint.mtime_ns, "sha256": fingerprint.sha256,
            },
        }
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"

    def remove(self) -> None:
        """Delete this window's autosave (the work is saved, or the user discarded it)."""
        for path in (self.plan_file, self.sidecar_file):
            with contextlib.suppress(OSError):
                path.unlink()
        self.saved_revision = None

    def discard(self) -> None:
        """The window closed: nothing of it needs recovering (and closing deactivates it: no last write)."""
        self.enabled = False
        self.timer.stop()
        self.remove()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def _file_state_changed(self) -> None:
        if not self.document.modified:
            self.remove()


def install(window: HostWindow) -> Autosaver:
    return Autosaver(window)


# --- recovering -------------------------------------------------------------------------------


@dataclass
class Orphan:
    """An autosave left by a program that did not close cleanly; we hold its lock while deciding."""

    key: str
    plan_file: Path
    record: dict[str, Any]
    lock: QLockFile = field(repr=False)

    @property
    def original(self) -> str | None:
        value = self.record.get("original")
        return value if isinstance(value, str) and value else None

    @property
    def display_name(self) -> str:
        if self.original:
            return os.path.basename(self.original)
        title = self.record.get("title")
        return one_line(title, 60) if isinstance(title, str) and title.strip() else "Untitled plan"

    @property
    def saved_at(self) -> str:
        """When the copy was made, in local time, for the dialog."""
        try:
            stamp = os.stat(self.plan_file).st_mtime
        except OSError:
            return "an unknown time"
        return datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")

    @property
    def fingerprint(self) -> Fingerprint | None:
        disk = self.record.get("disk")
        if not isinstance(disk, dict):
            return None
        size, mtime, digest = disk.get("size"), disk.get("mtime_ns"), disk.get("sha256")
        if isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str):
            return Fingerprint(size, mtime, digest)
        return None

    def beside_path(self) -> Path | None:
        """Where "Save Beside Original" writes, or None when there is no original folder."""
        if not self.original:
            return None
        original = Path(self.original)
        if not original.parent.is_dir():
            return None
        stem = original.stem if original.suffix.lower() in (".fxplan", ".json") else original.name
        candidate = original.with_name(f"{stem}{RECOVERED_SUFFIX}.fxplan")
        n = 2
        while candidate.exists():
            candidate = original.with_name(f"{stem}{RECOVERED_SUFFIX} {n}.fxplan")
            n += 1
        return candidate

    def load(self) -> Document:
        """The recovered plan as an unsaved document pointing at the original file."""
        name = f"{self.display_name} (autosave)"
        data = read_plan_file(self.plan_file, display_name=name)
        plan = load_for_designer(data, name)
        document = Document()
        document.replace_plan(plan, self.original, self.fingerprint)
        document.mark_modified()
        return document

    def delete(self) -> None:
        for path in (self.plan_file, self.plan_file.with_suffix(".json")):
            with contextlib.suppress(OSError):
                path.unlink()
        self.release()

    def release(self) -> None:
        self.lock.unlock()


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    """Autosaves no running FX Designer owns, oldest first; their locks are held until released."""
    folder = folder or autosave_dir()
    sweep_stale_temp_files(folder, older_than_s=STALE_TEMP_AGE_S)
    try:
        plans = sorted(folder.glob("*.fxplan"), key=lambda p: (p.stat().st_mtime, p.name))
    except OSError:
        return []
    found = []
    for plan_file in plans:
        key = plan_file.stem
        lock = lock_file(folder / f"{key}.lock")
        if not lock.tryLock(0):
            continue  # a running window keeps it up to date
        found.append(Orphan(key, plan_file, _read_record(folder / f"{key}.json"), lock))
    return found


def _read_record(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_bytes()[:65536])
    except (OSError, ValueError, RecursionError):
        return {}
    return record if isinstance(record, dict) and record.get("format") == AUTOSAVE_FORMAT else {}


class RestoredWindow(Protocol):
    """A window a restored plan opens in: it has its own autosaver from the start."""

    autosaver: Autosaver

    def show(self) -> None: ...


class WindowFactory(Protocol):
    def new_window(self, document: Document | None = None) -> RestoredWindow: ...

    def open(self, path: str) -> object | None: ...


RESTORE, BESIDE, DISCARD, LATER = "restore", "beside", "discard", "later"


def ask(orphan: Orphan, parent: QWidget | None = None, damaged: str = "") -> str:
    """Ask what to do with one recovered plan: RESTORE, BESIDE, DISCARD or LATER."""
    if damaged:
        box = message_box(
            parent, QMessageBox.Icon.Warning, f"Recover unsaved work — {APP_NAME}",
            f"An automatic copy of {orphan.display_name} from {orphan.saved_at} cannot be read.",
            f"{damaged}\n\nThe copy is {orphan.plan_file}. Discard deletes it; Decide Later keeps it.",
        )
        box.setStandardButtons(Button.Discard | Button.Ignore)
    else:
        beside = orphan.beside_path()
        where = f"It was a copy of {orphan.original}." if orphan.original else "The plan was never saved."
        options = ["Restore opens it with your changes, not yet saved."]
        if beside is not None:
            options.append(f"Save Beside Original writes it as {beside.name} and opens that.")
        options.append("Discard deletes it. Decide Later asks again next time.")
        box = message_box(
            parent, QMessageBox.Icon.Question, f"Recover unsaved work — {APP_NAME}",
            f"{APP_NAME} did not close normally. Unsaved changes to {orphan.display_name} "
            f"were kept automatically at {orphan.saved_at}.",
            f"{where}\n\n" + "\n".join(options),
        )
        buttons = Button.Open | Button.Discard | Button.Ignore
        if beside is not None:
            buttons |= Button.Save
        box.setStandardButtons(buttons)
        box.button(Button.Open).setText("Restore")
        if beside is not None:
            box.button(Button.Save).setText("Save Beside Original")
        box.setDefaultButton(Button.Open)
    box.button(Button.Ignore).setText("Decide Later")
    box.setEscapeButton(Button.Ignore)
    box.setObjectName("recoveryDialog")
    answer = box.exec()
    if answer == Button.Open and not damaged:
        return RESTORE
    if answer == Button.Save and not damaged and orphan.beside_path() is not None:
        return BESIDE
    if answer == Button.Discard:
        return DISCARD
    return LATER


def offer_recovery(designer: WindowFactory, parent: QWidget | None = None) -> list[object]:
    """At start-up: offer back every orphaned autosave, one question each; returns the windows opened."""
    opened: list[object] = []
    for orphan in find_orphans():
        try:
            document = orphan.load()
        except PlanLoadError as exc:
            if ask(orphan, parent, damaged=str(exc)) == DISCARD:
                orphan.delete()
            else:
                orphan.release()
            continue
        choice = ask(orphan, parent)
        if choice == RESTORE:
            window = designer.new_window(document)
            window.show()
            opened.append(window)
            # Only drop the old copy once the restored window has its own.
            if window.autosaver.write():
                orphan.delete()
            else:
                orphan.release()
        elif choice == BESIDE:
            window = _save_beside(designer, orphan, document, parent)
            if window is not None:
                opened.append(window)
        elif choice == DISCARD:
            orphan.delete()
        else:
            orphan.release()
    return opened


def _save_beside(designer: WindowFactory, orphan: Orphan, document: Document,
                 parent: QWidget | None) -> object | None:
    target = orphan.beside_path()
    if target is None:
        orphan.release()
        return None
    try:
        write_atomic(target, dumps_plan(document.plan).encode("utf-8"))
    except (OSError, ValueError) as exc:
        box = message_box(parent, QMessageBox.Icon.Critical, f"Cannot save — {APP_NAME}",
                          "The recovered plan could not be saved beside the original. "
                          "The automatic copy is kept; you will be asked again next time.", str(exc))
        box.setObjectName("saveErrorDialog")
        box.exec()
        orphan.release()
        return None
    orphan.delete()
    return designer.open(str(target))
