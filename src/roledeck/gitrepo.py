"""git as roledeck uses it: revisions checked, trees listed, blobs read, renames detected.

Everything is read from git's object store, so the work tree and the index are never touched.
git runs as a subprocess with a list of arguments (never a shell); a revision is checked with
`rev-parse --verify` and then used only as the commit id it names, so it can never be read as
an option. Paths are POSIX paths relative to the top of the work tree, as git writes them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from roledeck.errors import RoleError

TIMEOUT = 30
"""Seconds any one git command may take."""

_ENV = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def run_git(folder: Path, label: str, *args: str, error: str) -> bytes:
    """Run git in `folder`; a failure is `error`, one line, located at `label`."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=TIMEOUT,
            env={**os.environ, **_ENV},
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise RoleError("git is not installed (needed for NAME@REV)", code="IO001") from None
    except subprocess.TimeoutExpired:
        raise RoleError(f"git did not answer within {TIMEOUT}s", path=label) from None
    if done.returncode != 0:
        raise RoleError(error, path=label, code="USAGE")
    return done.stdout


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One file of a tree: its mode, object id, size (None for a submodule) and path."""

    mode: str
    oid: str
    size: int | None
    path: str


@dataclass
class Repo:
    """A git work tree, found from a folder inside it."""

    top: Path
    """The top of the work tree (`git rev-parse --show-toplevel`)."""
    _commits: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def find(cls, folder: Path, label: str) -> Repo:
        """The work tree `folder` is in, or `RoleError` "not a git repository"."""
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent  # the folder may have been deleted since the revision
        out = run_git(folder, label, "rev-parse", "--show-toplevel", error="not a git repository")
        top = out.decode("utf-8", "surrogateescape").strip()
        if not top:  # inside .git itself
            raise RoleError("not inside a git work tree", path=label, code="USAGE")
        return cls(Path(top))

    def git(self, *args: str, label: str, error: str) -> bytes:
        return run_git(self.top, label, *args, error=error)

    def commit(self, rev: str, label: str | None = None) -> str:
        """The commit id `rev` names; `RoleError` "bad revision" if none."""
        if rev not in self._commits:
            where = label or rev
            if rev.startswith("-") or not rev:
                raise RoleError(f"bad revision '{rev}'", path=where, code="USAGE")
            out = self.git(
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{rev}^{{commit}}",
                label=where,
                error=f"bad revision '{rev}'",
            )
            self._commits[rev] = out.decode("ascii", "replace").strip()
        return self._commits[rev]

    def merge_base(self, a: str, b: str, label: str) -> str:
        """The best common ancestor of two commits (`A...B` compares it with B)."""
        out = self.git("merge-base", a, b, label=label, error=f"'{label}' has no common ancestor")
        return out.decode("ascii", "replace").split()[0]

    def tree(self, commit: str, prefix: str, label: str) -> list[TreeEntry]:
        """Every file below `prefix` ('' for the whole tree) at `commit`, in git's order."""
        args = ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]
        if prefix:
            args += ["--", prefix]
        out = self.git(*args, label=label, error=f"cannot list the files of '{label}'")
        entries: list[TreeEntry] = []
        for record in out.split(b"\0"):
            if not record:
                continue
            head, _, raw_path = record.partition(b"\t")
            mode, kind, oid, size = head.decode("ascii", "replace").split()
            if kind not in ("blob", "commit"):
                continue
            path = raw_path.decode("utf-8", "surrogateescape")
            entries.append(TreeEntry(mode, oid, int(size) if size.isdigit() else None, path))
        return entries

    def renames(self, old: str, new: str | None, prefixes: list[str], label: str) -> dict[str, str]:
        """Old path -> new path of every file git sees as renamed (`--find-renames`).

        `new` None compares with the work tree (tracked files: a `git mv` counts, since it is
        in the index; a file never added is not tracked and has no rename).
        """
        args = ["diff", "--find-renames", "--name-status", "-z", "--no-ext-diff", old]
        if new is not None:
            args.append(new)
        args += ["--", *(p or "." for p in prefixes)]
        out = self.git(*args, label=label, error=f"cannot compare the files of '{label}'")
        fields = out.split(b"\0")
        found: dict[str, str] = {}
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index].decode("ascii", "replace")
            if status[:1] in ("R", "C"):
                source, target = (
                    f.decode("utf-8", "surrogateescape") for f in fields[index + 1 : index + 3]
                )
                if status[0] == "R":
                    found[source] = target
                index += 3
            else:
                index += 2
        return found

    def relative(self, path: Path, *, folder: bool = False) -> str | None:
        """`path` relative to the top, POSIX form, or None when it is outside the work tree.

        A file's folder is resolved (git reports the real top) but not its name: a symlinked
        role file is the link git tracks, not its target. A `folder` is resolved whole.
        """
        absolute = Path(os.path.normpath(path.absolute()))
        real = Path(os.path.realpath(absolute if folder else absolute.parent))
        try:
            inside = real.relative_to(Path(os.path.realpath(self.top)))
        except ValueError:
            return None
        rel = inside.as_posix() if folder else (inside / absolute.name).as_posix()
        return "" if rel == "." else rel


class BlobReader:
    """One `git cat-file --batch` process that reads many objects: one process per catalog.

    Requests and answers alternate, so neither pipe can fill up while the other waits.
    """

    def __init__(self, repo: Repo, label: str) -> None:
        self.label = label
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "-C", str(repo.top), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, **_ENV},
            )
        except FileNotFoundError:
            raise RoleError("git is not installed", code="IO001") from None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, spec: str) -> bytes | None:
        """The object `spec` names (an id, or `COMMIT:path`), or None if there is none."""
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise RoleError("git cat-file is closed", path=self.label)
        if "\n" in spec:
            return None
        try:
            process.stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
            process.stdin.flush()
            header = process.stdout.readline()
        except OSError:
            raise RoleError("git cat-file stopped answering", path=self.label) from None
        parts = header.split()
        if len(parts) != 3 or not parts[2].isdigit():
            if not header:
                raise RoleError("git cat-file stopped answering", path=self.label)
            return None  # "<spec> missing" or "ambiguous"
        data = _read_exactly(process.stdout, int(parts[2]))
        process.stdout.read(1)  # the newline after the object
        return data

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def split_range(text: str) -> tuple[str, str | None, bool]:
    """`REV`, `A..B` or `A...B` as (old, new, merge base?); an empty side is HEAD.

    A single revision is compared with the work tree (new None), as `git diff REV` does.
    """
    for dots, merge_base in (("...", True), ("..", False)):
        if dots in text:
            old, _, new = text.partition(dots)
            return old or "HEAD", new or "HEAD", merge_base
    return text, None, False
