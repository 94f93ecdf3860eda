"""Atomic file writes: readers see the old file or the new one, never a part of either.

`fmt`, `new` and `export` write through here. The new text goes to a temporary file in the
same folder (so the final rename never crosses a filesystem), is flushed to disk, takes the
permission bits of the file it replaces (or the umask's, for a new file), and is renamed over
the target in one step. On any failure, an interrupt included, the temporary file is removed
and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def atomic_write(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` (UTF-8, newlines as given) to `path` atomically.

    A symlink is written through, so the link stays a link. With `overwrite=False` an existing
    file is never replaced, even one created by someone else while we write: the final step
    is then a hard link, which fails if the name exists, instead of a rename.
    """
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    # 0o666 lets the umask decide, as for any new file; a replaced file's bits are copied below
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            with contextlib.suppress(FileNotFoundError):
                temp.chmod(stat.S_IMODE(target.stat().st_mode))
            temp.replace(target)
        else:
            _link_new(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _link_new(temp: Path, target: Path) -> None:
    """Give `temp` the name `target` only if that name is free (FileExistsError otherwise)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # a filesystem without hard links: check, then rename (a narrow race, but no loss
        # of a file that existed before we started)
        if target.exists():
            raise FileExistsError(target) from None
        temp.replace(target)
        return
    temp.unlink()
