"""Atomic file writes: a crash, a full disk or a kill mid-save never leaves half a plan.

The new content goes to a temporary file in the same folder, is flushed to
disk, then renamed over the old file. Every write's byte count is checked: a
short write on a full disk otherwise goes unnoticed (measured with QSaveFile).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Final

TEMP_PREFIX: Final = ".fxdesigner-"
TEMP_SUFFIX: Final = ".tmp"
_CHUNK: Final = 1 << 20
_WINDOWS: Final = os.name == "nt"
#: Windows only: antivirus, the search indexer or OneDrive can hold a file for a
#: moment (WinError 5/32/33); these retries (1.55 s in all) ride that out.
_REPLACE_RETRIES_S: Final = (0.05, 0.1, 0.2, 0.4, 0.8)


class SaveError(OSError):
    """A save failed; the message says why in words and the old file is untouched."""

    def __str__(self) -> str:
        # OSError would prefix "[Errno 28]"; users get the sentence only.
        return str(self.strerror)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (the folder or file is read-only)"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist (was it moved or deleted?)"
    if exc.errno == errno.EISDIR:
        return "that name is a folder"
    return exc.strerror or str(exc)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> None:
    """Replace the file at path with data, atomically.

    With backup=True the previous version is kept as ``<name>.bak`` beside it.
    Symbolic links are followed, so the link stays and its target is updated.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else None
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise SaveError(exc.errno, f"Cannot save {target.name}: {_reason(exc)}") from exc
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view[:_CHUNK])
                if written <= 0:
                    raise OSError(errno.ENOSPC, "short write")
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp_name, mode)
        else:
            os.chmod(temp_name, 0o666 & ~_umask())
        if backup and target.exists():
            _copy_backup(target)
        _replace(temp_name, target)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise SaveError(exc.errno, f"Cannot save {target.name}: {_reason(exc)}") from exc
    _sync_folder(folder)


def _replace(source: str, target: Path) -> None:
    for delay in _REPLACE_RETRIES_S if _WINDOWS else ():
        try:
            os.replace(source, target)
            return
        except PermissionError:
            time.sleep(delay)
    os.replace(source, target)


def backup_path(path: str | os.PathLike[str]) -> Path:
    target = Path(os.path.realpath(path))
    return target.with_name(target.name + ".bak")


def _copy_backup(target: Path) -> None:
    bak = backup_path(target)
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(target, temp_name)
        _replace(temp_name, bak)
    except OSError:
        _remove_quietly(temp_name)
        raise


def _sync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def sweep_stale_temp_files(folder: str | os.PathLike[str], older_than_s: float = 0.0) -> int:
    """Remove temporary files a killed save left behind; returns how many.

    With older_than_s, younger ones are left: in a folder several programs write
    to, one of them may be saving right now.
    """
    count = 0
    limit = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
            try:
                if older_than_s <= 0 or entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
                    count += 1
            except OSError:
                pass
    return count
