"""Atomic saves: the old file survives every failure and no temporary file is left behind.

CI runs as root, so read-only folders cannot be made with chmod: failures are simulated.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLE_PLANS

from fxdesigner.io import atomic
from fxdesigner.io.atomic import SaveError, backup_path, sweep_stale_temp_files, write_atomic
from fxdesigner.io.plan_json import dumps_plan, load_plan, save_plan

OLD = b'{"old": true}\n'
NEW = b'{"new": true}\n' * 1000


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "plan.fxplan"
    path.write_bytes(OLD)
    return path


def test_a_new_file_is_written_and_no_temp_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "new.fxplan"
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert listing(tmp_path) == ["new.fxplan"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.fxplan", NEW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.fxplan").st_mode) == 0o644


def test_an_existing_file_is_replaced_and_keeps_its_permissions(existing: Path) -> None:
    os.chmod(existing, 0o640)
    write_atomic(existing, NEW)
    assert existing.read_bytes() == NEW
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o640
    assert listing(existing.parent) == ["plan.fxplan"]


def test_large_content_is_written_in_full(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 17)  # several write chunks
    write_atomic(tmp_path / "big.bin", data)
    assert (tmp_path / "big.bin").read_bytes() == data


def test_a_symlink_is_kept_and_its_target_updated(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "plan.fxplan"
    target.write_bytes(OLD)
    link = tmp_path / "link.fxplan"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == NEW
    assert listing(real_dir) == ["plan.fxplan"]
    assert listing(tmp_path) == ["link.fxplan", "real"]


def test_backup_keeps_the_previous_content(existing: Path) -> None:
    write_atomic(existing, NEW, backup=True)
    assert existing.read_bytes() == NEW
    bak = existing.with_name("plan.fxplan.bak")
    assert backup_path(existing) == bak
    assert bak.read_bytes() == OLD
    write_atomic(existing, b"third\n", backup=True)
    assert bak.read_bytes() == NEW
    assert listing(existing.parent) == ["plan.fxplan", "plan.fxplan.bak"]


def test_backup_of_a_new_file_makes_no_bak(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new.fxplan", NEW, backup=True)
    assert listing(tmp_path) == ["new.fxplan"]


def test_save_plan_with_backup(tmp_path: Path) -> None:
    path = tmp_path / "office.fxplan"
    path.write_bytes(OLD)
    plan = load_plan(EXAMPLE_PLANS[0])
    save_plan(plan, path, backup=True)
    assert path.read_text(encoding="utf-8") == dumps_plan(plan)
    assert (tmp_path / "office.fxplan.bak").read_bytes() == OLD


# --- simulated failures ----------------------------------------------------------------


@pytest.fixture
def temp_fds(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """File descriptors of the temporary files write_atomic creates (so fakes touch only those)."""
    fds: set[int] = set()
    real_mkstemp = tempfile.mkstemp

    def recording_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        fds.add(fd)
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", recording_mkstemp)
    return fds


def assert_failed_cleanly(info: pytest.ExceptionInfo[SaveError], path: Path, reason: str, code: int) -> None:
    error = info.value
    assert isinstance(error, OSError)
    assert error.errno == code
    assert error.strerror == f"Cannot save {path.name}: {reason}"
    assert f"Cannot save {path.name}: {reason}" in str(error)
    assert "\n" not in str(error)
    assert path.read_bytes() == OLD
    assert listing(path.parent) == [path.name]


def test_a_write_that_writes_nothing_is_a_full_disk(
    existing: Path, temp_fds: set[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: 0 if fd in temp_fds else real_write(fd, data))
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert_failed_cleanly(info, existing, "the disk is full", errno.ENOSPC)


def test_a_short_write_continues_with_the_rest(
    tmp_path: Path, temp_fds: set[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    def trickle(fd: int, data: Any) -> int:
        return real_write(fd, bytes(data[:7])) if fd in temp_fds else real_write(fd, data)

    monkeypatch.setattr(atomic.os, "write", trickle)
    write_atomic(tmp_path / "slow.fxplan", NEW[:500])
    assert (tmp_path / "slow.fxplan").read_bytes() == NEW[:500]


def test_a_full_disk_mid_write(existing: Path, temp_fds: set[int], monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    calls: list[int] = []

    def fill_up(fd: int, data: Any) -> int:
        if fd not in temp_fds:
            return real_write(fd, data)
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[:100]))

    monkeypatch.setattr(atomic.os, "write", fill_up)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert len(calls) == 2
    assert_failed_cleanly(info, existing, "the disk is full", errno.ENOSPC)


def test_a_refused_rename(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert_failed_cleanly(info, existing, "permission denied (the folder or file is read-only)", errno.EACCES)


def test_a_read_only_file_system(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert_failed_cleanly(info, existing, "permission denied (the folder or file is read-only)", errno.EROFS)


def test_a_folder_that_vanished(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def vanished(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", vanished)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert_failed_cleanly(
        info, existing, "the folder does not exist (was it moved or deleted?)", errno.ENOENT
    )


def test_a_folder_that_really_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "plan.fxplan"
    with pytest.raises(SaveError) as info:
        write_atomic(path, NEW)
    assert (
        info.value.strerror == "Cannot save plan.fxplan: the folder does not exist (was it moved or deleted?)"
    )
    assert listing(tmp_path) == []


def test_saving_over_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plan.fxplan"
    folder.mkdir()
    with pytest.raises(SaveError) as info:
        write_atomic(folder, NEW)
    assert info.value.strerror == "Cannot save plan.fxplan: that name is a folder"
    assert folder.is_dir()
    assert listing(tmp_path) == ["plan.fxplan"]


def test_a_failing_fsync(existing: Path, temp_fds: set[int], monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def broken(fd: int) -> None:
        if fd in temp_fds:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", broken)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW)
    assert_failed_cleanly(info, existing, "Input/output error", errno.EIO)


def test_a_failing_backup_leaves_everything_as_it_was(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(src: Any, dst: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.shutil, "copyfile", broken)
    with pytest.raises(SaveError) as info:
        write_atomic(existing, NEW, backup=True)
    assert_failed_cleanly(info, existing, "the disk is full", errno.ENOSPC)


def test_save_plan_reports_failures_as_save_error(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(SaveError) as info:
        save_plan(load_plan(EXAMPLE_PLANS[0]), existing)
    assert_failed_cleanly(info, existing, "the disk is full", errno.ENOSPC)


# --- stale temporary files ----------------------------------------------------------------------


def test_sweep_removes_only_our_stale_temp_files(tmp_path: Path) -> None:
    for name in (
        ".fxdesigner-abc.tmp",
        ".fxdesigner-x1y2.tmp",
        "plan.fxplan",
        ".fxdesigner-keep.txt",
        "x.tmp",
    ):
        (tmp_path / name).write_bytes(b"x")
    assert sweep_stale_temp_files(tmp_path) == 2
    assert listing(tmp_path) == [".fxdesigner-keep.txt", "plan.fxplan", "x.tmp"]
    assert sweep_stale_temp_files(tmp_path) == 0


def test_sweep_finds_what_a_killed_save_leaves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A save killed after writing its temporary file: simulate by making the rename never happen.
    class Killed(BaseException):
        pass

    def kill(*args: Any) -> None:
        raise Killed

    monkeypatch.setattr(atomic.os, "replace", kill)
    with pytest.raises(Killed):
        write_atomic(tmp_path / "plan.fxplan", NEW)
    monkeypatch.undo()
    leftovers = listing(tmp_path)
    assert len(leftovers) == 1 and leftovers[0].startswith(".fxdesigner-")
    assert sweep_stale_temp_files(tmp_path) == 1
    assert listing(tmp_path) == []


def test_sweep_of_a_missing_folder_is_zero(tmp_path: Path) -> None:
    assert sweep_stale_temp_files(tmp_path / "nope") == 0
