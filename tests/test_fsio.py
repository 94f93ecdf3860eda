"""Atomic writes: the target is the old file or the new one, never a part, whatever fails."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from roledeck import fsio
from roledeck.fsio import atomic_write

from .faults import inject


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "role.md"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\r\nbytes as given\n")
    assert target.read_bytes() == b"new\r\nbytes as given\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert _listing(tmp_path) == ["role.md"]


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.md", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644


def test_a_failing_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "role.md"
    target.write_text("original\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="I/O error"):
        atomic_write(target, "new text\n")
    assert target.read_text() == "original\n"
    assert _listing(tmp_path) == ["role.md"]


def test_a_full_disk_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "role.md"
    target.write_text("original\n")
    faulty = inject(monkeypatch).disk_full(after=10)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "much longer new text\n")
    assert faulty.fired == {"write": 1}
    assert target.read_text() == "original\n"
    assert _listing(tmp_path) == ["role.md"]


@pytest.mark.parametrize("call", ["write", "fsync", "replace", "chmod"])
def test_an_interrupt_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    (tmp_path / "role.md").write_text("original\n")
    faulty = inject(monkeypatch).interrupt(call)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "role.md", "text")
    assert faulty.fired == {call: 1}
    assert _listing(tmp_path) == ["role.md"]
    assert (tmp_path / "role.md").read_text() == "original\n"


def test_without_overwrite_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "role.md"
    target.write_text("mine\n")
    with pytest.raises(FileExistsError):
        atomic_write(target, "theirs\n", overwrite=False)
    assert target.read_text() == "mine\n"
    assert _listing(tmp_path) == ["role.md"]
    atomic_write(tmp_path / "other.md", "new\n", overwrite=False)
    assert (tmp_path / "other.md").read_text() == "new\n"


def test_without_hard_links_the_no_overwrite_check_still_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(fsio.os, "link", no_links)
    (tmp_path / "taken.md").write_text("mine\n")
    with pytest.raises(FileExistsError):
        atomic_write(tmp_path / "taken.md", "theirs\n", overwrite=False)
    atomic_write(tmp_path / "free.md", "new\n", overwrite=False)
    assert (tmp_path / "taken.md").read_text() == "mine\n"
    assert _listing(tmp_path) == ["free.md", "taken.md"]


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
