"""roledeck benchmark harness (``make bench``): timings and peak memory, side by side, in one run.

Usage::

    python bench/run.py [--runs 5] [--warmup 1] [--roles PATH] [--out bench/results.md]
    python bench/run.py --quick --out /tmp/results.md      # smoke test: tiny catalogs, 1 run

What it does, and why each step is there:

1. Generates synthetic catalogs (1,000 and 10,000 role files plus the two seeds) into
   ``bench/.work/`` with bench/generate.py, reusing them when the manifest says they were made
   by the same generator version, seed and seed files.  Generation runs in a subprocess so
   this process stays small (see "Memory" below).
2. Installs the peer tool, markdownlint-cli2, with npm into ``bench/.peer/`` if absent.  A
   missing npm makes the peer rows "missing", not a failure: the harness must work on a
   Python-only machine.
3. Measures every command in *comparison groups*.  Within a group the commands are run in
   turn (A B C A B C …): a warm-up round first, then ``--runs`` measured rounds (the peer:
   ``--peer-runs``, default 3, no warm-up, as one 10k run takes minutes).  Interleaving
   spreads slow drifts of the machine (thermal throttling, a noisy neighbour, page-cache
   eviction) over all commands of the group instead of biasing whichever ran last, which
   matters because the targets are *ratios* between commands of the same run.
4. Reports the median wall time (plus min and max) and the peak RSS of each command, then the
   target ratios with pass/FAIL, to stdout and to ``--out`` (default bench/results.md), keeping
   the hand-written notes section between ``<!-- notes:start -->`` and ``<!-- notes:end -->``.

Timing: ``time.perf_counter()`` around spawn + wait of the child; output goes to files, not
pipes, so nobody has to drain a pipe while the clock runs.

Memory: ``os.wait4()`` on the child's pid gives that one process's ``ru_maxrss``.
(``getrusage(RUSAGE_CHILDREN)`` is a running maximum over all children ever waited for, so it
cannot attribute a peak to a command.)  Caveat, measured on Linux: the kernel carries the
*parent's* high-water RSS into a vfork()+exec() child, so no child can report less than its
parent's peak.  Commands are therefore started by a tiny helper process (``SPAWNER_CODE``,
~8 MiB) rather than by this harness (~16 MiB); the resulting floor is printed in the machine
context (``/bin/true`` is measured for that purpose).

Exit codes: ``roles`` may exit 1 (findings) and markdownlint-cli2 exits 1 when it finds
problems; both are normal.  ``roles list`` exits 2 when some files are unreadable (the
catalogs contain such files on purpose) after listing the rest; that is accepted when stdout
is not empty.  Other exits ≥ 2 or death by a signal are errors.  If it happens on the
first run of a command the row says ``n/a (exit 2: <message>)`` and the command is not run
again — that is how subcommands not written yet show up.  The harness itself exits 0 whatever
the numbers are: there are no timed assertions.

Stdlib only (the measured floor script needs PyYAML, the harness does not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_WORK = BENCH_DIR / ".work"
PEER_DIR = BENCH_DIR / ".peer"
DEFAULT_OUT = BENCH_DIR / "results.md"
DEFAULT_ROLES = REPO_ROOT / ".venv" / "bin" / "roles"

#: markdownlint-cli2 0.23+ requires Node >= 22; 0.22.1 is the newest release that runs on the
#: Node 20 the project uses.  Pinned so that peer numbers are comparable between runs.
PEER_PACKAGE = "markdownlint-cli2"
PEER_VERSION = "0.22.1"

SEED = 0
FULL_SIZES = (1_000, 10_000)
QUICK_SIZES = (20, 50)

NOTES_START = "<!-- notes:start -->"
NOTES_END = "<!-- notes:end -->"
DEFAULT_NOTES = f"""{NOTES_START}
## Notes

_Hand-written profiling notes go here. `bench/run.py` keeps this section when it rewrites
the file._
{NOTES_END}"""

IMPORT_FLOOR = "import typer, pydantic, frontmatter, rich.console"
#: The floor plus what defining any pydantic model needs (`import pydantic` alone is lazy):
#: the least a command that loads a role into the schema can import.
IMPORT_MODELS = f"{IMPORT_FLOOR}; from pydantic import BaseModel, Field"

#: What `browse-large-filter` types, one key at a time, once the list is full, and how many
#: times (cleared in between): 40 keys, so that what they cost stands out of the run-to-run
#: spread of opening the list.
BROWSE_FILTER = "lead 004"
BROWSE_REPEAT = 5
BROWSE_KEYS = len(BROWSE_FILTER) * BROWSE_REPEAT

#: The pseudo-terminal of `list-large-tty` (columns, rows) and what its environment changes:
#: a colour terminal, and `cat -` as the pager (it stands in for less, which would wait for
#: keys; a bare `cat` means no pager, as in git), so the table goes through the pager's pipe.
TERMINAL = (100, 40)
TERMINAL_ENV: dict[str, str | None] = {
    "TERM": "xterm-256color",
    "NO_COLOR": None,
    "ROLES_PAGER": "cat -",
    "PAGER": None,
}

#: The comparison groups, in the order they run (see ``build_plan``).
GROUPS = ("startup", "small", "large")

# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """One measured execution."""

    seconds: float
    maxrss_kib: int
    exit_code: int  # negative: killed by that signal


@dataclass
class Command:
    """A benchmarked command line and everything measured about it."""

    id: str  # stable row id (the smoke test looks rows up by it)
    label: str  # human description, with real file counts
    argv: list[str]
    display: str  # argv as shown in the table (repo-relative paths)
    ok_exits: frozenset[int] = frozenset({0})
    cwd: Path = REPO_ROOT
    cache: str = ""  # "" (no roles cache), "cold" (fresh dir per run) or "warm" (primed dir)
    #: An extra exit code that is normal *if the command still wrote its output*: `roles list`
    #: exits 2 when some files are unreadable (the catalog has such files on purpose) after
    #: listing the readable ones; a usage error also exits 2 but prints nothing on stdout.
    partial_exit: int | None = None
    #: Measured runs for this command if fewer than --runs (the peer takes minutes per run).
    max_runs: int | None = None
    #: Whether the command joins the warm-up rounds (the peer has no cache to warm).
    warms_up: bool = True
    #: Stdout on a pseudo-terminal of (columns, rows) instead of a file.
    terminal: tuple[int, int] | None = None
    #: Changes to the environment of every child (``base_env``): a value, or None to unset.
    env: dict[str, str | None] = field(default_factory=dict)
    status: str = ""  # "" while runnable; else "missing …", "skipped …", "n/a …", "error …"
    samples: list[Sample] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)

    @property
    def runnable(self) -> bool:
        """False once the command has been ruled out (missing, skipped, n/a, error)."""
        return not self.status

    def median(self) -> float | None:
        """Median wall time of the measured runs, or None if there are none."""
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    def peak_mib(self) -> float | None:
        """Highest ru_maxrss over the measured runs, in MiB."""
        return max(s.maxrss_kib for s in self.samples) / 1024 if self.samples else None


# --------------------------------------------------------------------------------------------
# Running one process
# --------------------------------------------------------------------------------------------


#: The spawner: a tiny Python process (``-I -S``: no site, only built-in modules) that starts
#: each measured command with ``posix_spawn``, waits for it with ``os.wait4`` and reports wall
#: time, ``ru_maxrss`` and exit status.  Why not spawn from this process: Linux copies the
#: parent's high-water RSS into a vfork()+exec() child's ``ru_maxrss`` (measured: with a
#: 300 MiB parent even ``/bin/true`` reports 300 MiB), and this harness is ~16 MiB once its
#: imports are loaded, more than ``python -c pass`` or ``roles --version`` really use.  The
#: spawner stays at ~8 MiB, below any Python process, so every row is the child's own peak.
#: Protocol on its stdin: ``<length>\n`` then NUL-separated fields
#: ``cwd, stdout path, stderr path, terminal, number of env entries, KEY=VALUE…, argv…``;
#: answer line: ``ok <seconds> <maxrss> <exit code>`` or ``oserror <errno> <message>``.
#: ``terminal`` is empty (stdout is the file) or ``COLUMNSxROWS``: stdout is then a new
#: pseudo-terminal of that size (``TIOCSWINSZ``), whose output the spawner reads as a terminal
#: would and copies to the stdout file, until the command and whatever it started (a pager)
#: have closed it.
SPAWNER_CODE = r"""
import os, sys, time
rd, wr = sys.stdin.buffer, sys.stdout.buffer
W = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
while True:
    header = rd.readline()
    if not header:
        break
    f = rd.read(int(header)).split(b"\0")
    n_env = int(f[4])
    env = dict(kv.split(b"=", 1) for kv in f[5 : 5 + n_env])
    argv = f[5 + n_env :]
    master = None
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, f[1], W, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, f[2], W, 0o644),
    ]
    if f[3]:
        import fcntl, struct, termios
        cols, rows = (int(x) for x in f[3].split(b"x"))
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        actions[1] = (os.POSIX_SPAWN_DUP2, slave, 1)
        actions.append((os.POSIX_SPAWN_CLOSE, master))
        actions.append((os.POSIX_SPAWN_CLOSE, slave))
    try:
        os.chdir(f[0])
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        if master is not None:
            os.close(slave)
            with open(f[1], "wb") as copy:
                while True:
                    try:
                        chunk = os.read(master, 1 << 16)
                    except OSError:  # EIO: every writer of the terminal has closed it
                        break
                    if not chunk:
                        break
                    copy.write(chunk)
            os.close(master)
        _, status, ru = os.wait4(pid, 0)
        elapsed = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        wr.write(b"ok %s %d %d\n" % (repr(elapsed).encode(), ru.ru_maxrss, code))
    except OSError as exc:
        wr.write(b"oserror %d %s\n" % (exc.errno or 0, str(exc).encode("utf-8", "replace")))
    wr.flush()
"""


class Spawner:
    """Client side of the spawner process (see ``SPAWNER_CODE``)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", SPAWNER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def run(
        self,
        argv: Sequence[str],
        cwd: Path,
        env: dict[str, str],
        out_dir: Path,
        terminal: tuple[int, int] | None = None,
    ) -> Sample:
        """Run ``argv`` once; stdout/stderr land in ``out_dir``/stdout.txt and stderr.txt.

        With ``terminal`` (columns, rows), stdout is a pseudo-terminal of that size instead,
        its output copied to stdout.txt. Raises OSError if the command cannot be started
        (e.g. the binary does not exist).
        """
        fields = [str(cwd), str(out_dir / "stdout.txt"), str(out_dir / "stderr.txt")]
        fields.append(f"{terminal[0]}x{terminal[1]}" if terminal else "")
        fields += [str(len(env)), *(f"{k}={v}" for k, v in env.items()), *argv]
        payload = b"\0".join(os.fsencode(x) for x in fields)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(b"%d\n" % len(payload) + payload)
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().decode("utf-8", "replace").split(" ", 3)
        if answer[0] == "ok":
            seconds, maxrss, code = float(answer[1]), int(answer[2]), int(answer[3])
            # ru_maxrss is KiB on Linux but bytes on macOS.
            return Sample(seconds, maxrss // 1024 if sys.platform == "darwin" else maxrss, code)
        if answer[0] == "oserror":
            raise OSError(int(answer[1]), " ".join(answer[2:]).strip())
        raise RuntimeError(f"spawner died (exit {self.proc.poll()})")

    def close(self) -> None:
        """Stop the spawner (closing its stdin ends its loop)."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


_BOX = re.compile(r"[\u2500-\u257f\x1b]|\[[0-9;]*m")


def failure_message(out_dir: Path, limit: int = 120) -> str:
    """The most telling line of a failed run: the last non-empty stderr (else stdout) line.

    Box-drawing characters and ANSI colours are stripped, because Typer prints usage errors
    ("No such command 'list'.") inside a rich panel.
    """
    for name in ("stderr.txt", "stdout.txt"):
        try:
            text = (out_dir / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines = [_BOX.sub("", line).strip(" |") for line in text.splitlines()]
        lines = [line for line in lines if re.search(r"[A-Za-z]", line)]
        if lines:
            msg = " ".join(lines[-1].split()).replace(f"{REPO_ROOT}{os.sep}", "")
            return msg if len(msg) <= limit else msg[: limit - 1] + "…"
    return "no output"


def base_env() -> dict[str, str]:
    """Environment for every child: the caller's, minus colour and terminal-width guessing."""
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "TERM": "dumb", "PYTHONUTF8": "1"})
    # output goes to a pipe, as in CI: no width set, so `roles list` writes its piped layout
    env.pop("FORCE_COLOR", None)
    env.pop("COLUMNS", None)
    return env


# --------------------------------------------------------------------------------------------
# Preparing inputs
# --------------------------------------------------------------------------------------------


def interpreter_of(roles: Path) -> list[str]:
    """The interpreter a `roles` console script runs on (its `#!` line), else this one."""
    try:
        first = roles.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return [sys.executable]
    interpreter = first[2:].strip() if first.startswith("#!") else ""
    return interpreter.split(" ") if "python" in interpreter else [sys.executable]


def ensure_bytecode(roles: Path) -> str:
    """Compile roledeck's modules to bytecode, as installing its wheel does; say what was done.

    The dependencies the floors import were compiled by pip at install time, but roledeck is
    installed editable: where `PYTHONDONTWRITEBYTECODE` is set (as in some CI images and
    containers) every timed run would compile its ~50 modules from source, a cost no user of
    the installed tool pays.
    """
    try:
        first = roles.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return "not compiled (roles is not a readable script)"
    interpreter = first[2:].strip() if first.startswith("#!") else ""
    if "python" not in interpreter:  # `/path/to/python` or `/usr/bin/env python3`
        return "not compiled (roles is not a Python script)"
    code = (
        "import compileall, os, sys, roledeck; "
        "sys.exit(not compileall.compile_dir(os.path.dirname(roledeck.__file__), quiet=1))"
    )
    done = subprocess.run([*interpreter.split(" "), "-c", code], check=False, capture_output=True)
    if done.returncode:
        return "not compiled (compileall failed)"
    return "roledeck's modules compiled to .pyc before timing, as installing the wheel does"


def ensure_catalog(work: Path, n: int) -> Path:
    """Generate ``work/catalog-N`` unless an identical one is already there."""
    out = work / f"catalog-{n}"
    cmd = [sys.executable, str(BENCH_DIR / "generate.py"), str(out), "-n", str(n)]
    cmd += ["--seed", str(SEED), "--if-stale"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out


def count_md(root: Path) -> int:
    """Number of .md files under ``root`` (shown in row labels, so counts are never guessed)."""
    return sum(1 for _ in root.rglob("*.md"))


def peer_binary() -> Path:
    """Where npm puts the markdownlint-cli2 launcher inside bench/.peer."""
    return PEER_DIR / "node_modules" / ".bin" / PEER_PACKAGE


def installed_peer_version() -> str | None:
    """Version of the markdownlint-cli2 installed in bench/.peer, if any."""
    pkg = PEER_DIR / "node_modules" / PEER_PACKAGE / "package.json"
    try:
        text = pkg.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r'"version"\s*:\s*"([^"]+)"', text)
    return match.group(1) if match else None


def ensure_peer() -> str:
    """Install the pinned markdownlint-cli2 if needed; return "" or a status for peer rows."""
    if installed_peer_version() == PEER_VERSION and peer_binary().exists():
        return ""
    npm = shutil.which("npm")
    if npm is None:
        return "missing (npm not found)"
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    print(f"installing {PEER_PACKAGE}@{PEER_VERSION} into {PEER_DIR} …", file=sys.stderr)
    proc = subprocess.run(
        [npm, "install", "--prefix", str(PEER_DIR), "--no-audit", "--no-fund",
         "--loglevel=error", f"{PEER_PACKAGE}@{PEER_VERSION}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0 or not peer_binary().exists():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1][:90]
        return f"failed (npm install exit {proc.returncode}: {tail})"
    return ""


# --------------------------------------------------------------------------------------------
# The benchmark plan
# --------------------------------------------------------------------------------------------


def rel(path: Path | str) -> str:
    """A path as shown in the table: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def build_plan(
    roles: Path, small: Path, large: Path, peer_status: str, peer_runs: int
) -> list[tuple[str, list[Command]]]:
    """The comparison groups; commands inside a group are interleaved round by round.

    Each target ratio compares commands of the same group, except the list-vs-floor and
    memory ratios, whose inputs are in the "large" group too.
    """
    py = sys.executable
    n_small, n_large = count_md(small), count_md(large)
    roles_ok = frozenset({0, 1})
    roles_status = "" if roles.exists() else f"missing ({rel(roles)} not found)"

    def roles_cmd(
        cid: str, label: str, args: list[str], cache: str, partial_exit: int | None = None,
        terminal: tuple[int, int] | None = None, env: dict[str, str | None] | None = None,
    ) -> Command:  # fmt: skip
        display = "roles " + " ".join(rel(a) if "/" in a else a for a in args)
        if env:
            display = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if v) + " " + display
        return Command(cid, label, [str(roles), *args], display, roles_ok, cache=cache,
                       partial_exit=partial_exit, status=roles_status, terminal=terminal,
                       env=dict(env or {}))  # fmt: skip

    def floor_cmd(cid: str, root: Path, n: int) -> Command:
        argv = [py, str(BENCH_DIR / "floor.py"), str(root)]
        return Command(cid, f"read+parse floor, {n:,} files", argv,
                       f"python bench/floor.py {rel(root)}")  # fmt: skip

    def browse_cmd(cid: str, label: str, root: Path, typed: str = "", cache: str = "cold"
                   ) -> Command:  # fmt: skip
        # the interpreter `roles` runs on: bench/browse.py imports roledeck from it
        argv = [*interpreter_of(roles), str(BENCH_DIR / "browse.py"), str(root)]
        extra = ["--type", typed, "--repeat", str(BROWSE_REPEAT)] if typed else []
        argv += extra
        shown = f"python bench/browse.py {rel(root)}"
        shown += f' --type "{typed}" --repeat {BROWSE_REPEAT}' if typed else ""
        return Command(cid, label, argv, shown, cache=cache, status=roles_status)

    def peer_cmd(cid: str, root: Path, n: int) -> Command:
        glob = f"{root.name}/**/*.md"  # relative to cwd: globby is happiest that way
        return Command(cid, f"markdownlint-cli2 {PEER_VERSION}, {n:,} files",
                       [str(peer_binary()), glob], f'markdownlint-cli2 "{rel(root)}/**/*.md"',
                       frozenset({0, 1}), cwd=root.parent, max_runs=peer_runs,
                       warms_up=False, status=peer_status)  # fmt: skip

    startup = [
        Command("python-bare", "bare interpreter start", [py, "-c", "pass"], "python -c pass"),
        Command("import-floor", "import floor (CLI dependencies)", [py, "-c", IMPORT_FLOOR],
                f'python -c "{IMPORT_FLOOR}"'),
        Command("import-models", "import floor + pydantic's BaseModel and Field",
                [py, "-c", IMPORT_MODELS], f'python -c "{IMPORT_MODELS}"'),
        roles_cmd("version", "roles --version", ["--version"], "cold"),
        # the start-up targets are about the commands people type on their own catalog:
        # the repository's roles/ (the two seeds); the 1k rows show how lookup scales
        roles_cmd("show", "show, the repository's roles/",
                  ["show", "devops-specialist", "--roles-dir", str(REPO_ROOT / "roles")], "cold"),
        roles_cmd("diff", "diff, the repository's roles/",
                  ["diff", "engineer", "specialist", "--roles-dir", str(REPO_ROOT / "roles")],
                  "cold"),
        roles_cmd("show-1k", f"show, {n_small:,}-file catalog, cold cache",
                  ["show", "devops-specialist", "--roles-dir", str(small)], "cold"),
        roles_cmd("diff-1k", f"diff, {n_small:,}-file catalog, cold cache",
                  ["diff", "engineer", "specialist", "--roles-dir", str(small)], "cold"),
        # issue 18: a name looked up in the 10k catalog through a warm name index (the cold
        # runs, which build it, are in the large group)
        roles_cmd("show-10k-warm", f"show, {n_large:,}-file catalog, warm index",
                  ["show", "devops-specialist", "--roles-dir", str(large)], "warm"),
        roles_cmd("diff-10k-warm", f"diff, {n_large:,}-file catalog, warm index",
                  ["diff", "engineer", "specialist", "--roles-dir", str(large)], "warm"),
    ]  # fmt: skip
    small_group = [
        floor_cmd("floor-small", small, n_small),
        roles_cmd("lint-small-cold", f"lint {n_small:,} files, first run (cold cache)",
                  ["lint", str(small)], "cold"),
        roles_cmd("lint-small-warm", f"lint {n_small:,} files, second run (warm cache)",
                  ["lint", str(small)], "warm"),
        peer_cmd("peer-small", small, n_small),
        roles_cmd("list-small", f"list {n_small:,} files", ["list", "--roles-dir", str(small)],
                  "cold", partial_exit=2),
        roles_cmd("matrix-small", f"matrix --by duties, {n_small:,} files",
                  ["matrix", "--by", "duties", "--roles-dir", str(small)], "cold", partial_exit=2),
    ]  # fmt: skip
    large_group = [
        floor_cmd("floor-large", large, n_large),
        roles_cmd("lint-large-cold", f"lint {n_large:,} files, first run (cold cache)",
                  ["lint", str(large)], "cold"),
        roles_cmd("lint-large-warm", f"lint {n_large:,} files, second run (warm cache)",
                  ["lint", str(large)], "warm"),
        roles_cmd("lint-large-rules-off",
                  f"lint {n_large:,} files, every rule off (read, parse, engine)",
                  ["lint", "--ignore", "ALL", str(large)], "cold"),
        roles_cmd("list-large", f"list {n_large:,} files, cold cache",
                  ["list", "--roles-dir", str(large)], "cold", partial_exit=2),
        # issue 21: the summaries from a primed name index (nothing changed since)
        roles_cmd("list-large-warm", f"list {n_large:,} files, warm index",
                  ["list", "--roles-dir", str(large)], "warm", partial_exit=2),
        # on a terminal: the fitted, coloured table, through the pager (TERMINAL_ENV)
        roles_cmd("list-large-tty",
                  f"list {n_large:,} files on a {TERMINAL[0]}×{TERMINAL[1]} pseudo-terminal",
                  ["list", "--roles-dir", str(large)], "cold", partial_exit=2,
                  terminal=TERMINAL, env=TERMINAL_ENV),
        roles_cmd("show-10k-cold", f"show, {n_large:,}-file catalog, cold index",
                  ["show", "devops-specialist", "--roles-dir", str(large)], "cold"),
        roles_cmd("diff-10k-cold", f"diff, {n_large:,}-file catalog, cold index",
                  ["diff", "engineer", "specialist", "--roles-dir", str(large)], "cold"),
        browse_cmd("browse-large", f"browse {n_large:,} files: open until every row is listed",
                   large),
        browse_cmd("browse-large-filter",
                   f"browse {n_large:,} files, then {BROWSE_KEYS} filter keys",
                   large, BROWSE_FILTER),
        browse_cmd("browse-large-warm",
                   f"browse {n_large:,} files, warm index: open until every row is listed",
                   large, cache="warm"),
        browse_cmd("browse-large-filter-warm",
                   f"browse {n_large:,} files, warm index, then {BROWSE_KEYS} filter keys",
                   large, BROWSE_FILTER, cache="warm"),
        peer_cmd("peer-large", large, n_large),
    ]  # fmt: skip
    plan = [("startup", startup), ("small", small_group), ("large", large_group)]
    assert tuple(name for name, _ in plan) == GROUPS
    return plan


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


class CacheDirs:
    """Per-command roles cache directories under ``work/cache``.

    "cold": a fresh empty directory for every run, deleted afterwards (outside the timing).
    "warm": one directory per command, primed by an untimed run before the group starts.
    Both ``ROLES_CACHE_DIR`` and ``XDG_CACHE_HOME`` point inside it, so a CLI that ignores
    the former cannot accidentally reuse a cache between "cold" runs.
    """

    def __init__(self, root: Path) -> None:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        self.root = root
        self.warm: dict[str, Path] = {}

    def env_for(self, cmd: Command, env: dict[str, str]) -> tuple[dict[str, str], Path | None]:
        """The child environment and, for cold runs, the directory to delete afterwards."""
        if not cmd.cache:
            return env, None
        if cmd.cache == "warm":
            cache = self.warm.setdefault(cmd.id, Path(tempfile.mkdtemp(dir=self.root)))
            disposable = None
        else:
            cache = disposable = Path(tempfile.mkdtemp(dir=self.root))
        return {**env, "ROLES_CACHE_DIR": str(cache), "XDG_CACHE_HOME": str(cache / "xdg")}, (
            disposable
        )


def attempt(
    spawner: Spawner, cmd: Command, caches: CacheDirs, env: dict[str, str], scratch: Path
) -> Sample | None:
    """Run ``cmd`` once; on an unacceptable exit, set its status and return None."""
    child_env, disposable = caches.env_for(cmd, env)
    child_env = dict(child_env)  # env_for may hand back the shared base environment
    for key, value in cmd.env.items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = value
    try:
        sample = spawner.run(cmd.argv, cmd.cwd, child_env, scratch, cmd.terminal)
    except OSError as exc:  # binary vanished, not executable, …
        cmd.status = f"error ({exc.strerror or exc})"
        return None
    finally:
        if disposable is not None:
            shutil.rmtree(disposable, ignore_errors=True)
    partial_ok = sample.exit_code == cmd.partial_exit and _has_output(scratch)
    if sample.exit_code in cmd.ok_exits or partial_ok:
        cmd.exit_codes.add(sample.exit_code)
        return sample
    how = f"exit {sample.exit_code}" if sample.exit_code >= 0 else f"signal {-sample.exit_code}"
    msg = failure_message(scratch)
    if cmd.samples or cmd.exit_codes:
        cmd.status = f"error ({how} after {len(cmd.samples)} good runs: {msg})"
    else:
        cmd.status = f"n/a ({how}: {msg})"
    return None


def _has_output(scratch: Path) -> bool:
    """Whether the last run wrote anything on stdout."""
    try:
        return (scratch / "stdout.txt").stat().st_size > 0
    except OSError:
        return False


def measure(
    spawner: Spawner,
    groups: list[tuple[str, list[Command]]],
    runs: int,
    warmup: int,
    scratch: Path,
    work: Path,
) -> None:
    """Prime warm caches, then run each group's commands interleaved, warm-up rounds first.

    Round by round every runnable command of the group runs once, in a fixed order
    (A B C, A B C, …), so all of them see the same drift of the machine.
    """
    env = base_env()
    caches = CacheDirs(work / "cache")
    for group_name, commands in groups:
        for cmd in commands:
            if cmd.runnable and cmd.cache == "warm":
                attempt(spawner, cmd, caches, env, scratch)  # priming run: untimed, dropped
        for round_no in range(warmup + runs):
            warming = round_no < warmup
            phase = "warm-up" if warming else f"run {round_no - warmup + 1}/{runs}"
            print(f"[{group_name}] {phase}", file=sys.stderr, flush=True)
            for cmd in commands:
                if not cmd.runnable or (warming and not cmd.warms_up):
                    continue
                if not warming and cmd.max_runs is not None and len(cmd.samples) >= cmd.max_runs:
                    continue
                sample = attempt(spawner, cmd, caches, env, scratch)
                if sample is not None and not warming:
                    cmd.samples.append(sample)
    shutil.rmtree(caches.root, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


@dataclass
class Target:
    """One line of the Targets table: a measured ratio (or MiB value) against a bound."""

    label: str
    compute: Callable[[dict[str, Command]], float | None]
    op: str  # "<=", "<" or ">="
    bound: float
    unit: str = "×"


def time_ratio(num: str, den: str) -> Callable[[dict[str, Command]], float | None]:
    """Median wall time of ``num`` divided by that of ``den`` (None if either is missing)."""

    def compute(cmds: dict[str, Command]) -> float | None:
        a, b = cmds[num].median(), cmds[den].median()
        return a / b if a is not None and b else None

    return compute


def median_of(cid: str) -> Callable[[dict[str, Command]], float | None]:
    """The median wall time of one command, in seconds (a bound that is a time, not a ratio:
    issue 21 asks for a 10,000-role catalog to open in under 2 s on this machine)."""

    def compute(cmds: dict[str, Command]) -> float | None:
        return cmds[cid].median()

    return compute


def per_key(typed: str, base: str, keys: int) -> Callable[[dict[str, Command]], float | None]:
    """What each key press of a typed filter added to the run that only opened the list."""

    def compute(cmds: dict[str, Command]) -> float | None:
        a, b = cmds[typed].median(), cmds[base].median()
        return max(a - b, 0.0) / keys if a is not None and b is not None else None

    return compute


def peak_of(*ids: str) -> Callable[[dict[str, Command]], float | None]:
    """Highest peak RSS (MiB) over the given commands, ignoring those without samples."""

    def compute(cmds: dict[str, Command]) -> float | None:
        peaks = [p for p in (cmds[i].peak_mib() for i in ids) if p is not None]
        return max(peaks) if peaks else None

    return compute


def peak_ratio(num: tuple[str, ...], den: tuple[str, ...]) -> Callable[..., float | None]:
    """Peak RSS of one set of commands over another's."""

    def compute(cmds: dict[str, Command]) -> float | None:
        a, b = peak_of(*num)(cmds), peak_of(*den)(cmds)
        return a / b if a is not None and b else None

    return compute


def targets(n_small: int, n_large: int) -> list[Target]:
    """The performance targets, as ratios between commands of the same run."""
    s, lg = f"{n_small:,}", f"{n_large:,}"
    lint_l = ("lint-large-cold", "lint-large-warm")
    lint_s = ("lint-small-cold", "lint-small-warm")
    return [
        Target(f"lint {lg} first run / floor({lg})", time_ratio("lint-large-cold", "floor-large"),
               "<=", 3),
        Target(f"markdownlint-cli2({lg}) / lint {lg} first run",
               time_ratio("peer-large", "lint-large-cold"), ">=", 10),
        Target(f"lint {lg} second run / first run",
               time_ratio("lint-large-warm", "lint-large-cold"), "<=", 0.25),
        Target(f"peak memory, lint {lg}", peak_of(*lint_l), "<=", 100, " MiB"),
        Target(f"peak memory, lint {lg} / lint {s}", peak_ratio(lint_l, lint_s), "<", 1.5),
        Target("show (cold) / import-models floor", time_ratio("show", "import-models"),
               "<=", 1.25),
        Target("diff (cold) / import-models floor", time_ratio("diff", "import-models"),
               "<=", 1.25),
        Target(f"show {lg}, warm index / show (two files)", time_ratio("show-10k-warm", "show"),
               "<=", 1.3),
        Target(f"diff {lg}, warm index / diff (two files)", time_ratio("diff-10k-warm", "diff"),
               "<=", 1.3),
        Target("roles --version / import floor", time_ratio("version", "import-floor"),
               "<=", 0.5),
        Target(f"list {lg} / floor({lg})", time_ratio("list-large", "floor-large"), "<=", 3),
        Target(f"list {lg}, warm index / floor({lg})",
               time_ratio("list-large-warm", "floor-large"), "<=", 3),
        Target(f"list {lg} on a terminal / piped", time_ratio("list-large-tty", "list-large"),
               "<=", 1.2),
        Target(f"peak memory, list {lg} on a terminal / piped",
               peak_ratio(("list-large-tty",), ("list-large",)), "<=", 1.2),
        Target(f"matrix --by duties {s} / list {s}",
               time_ratio("matrix-small", "list-small"), "<=", 3),
        Target(f"browse {lg}: open, every row listed", median_of("browse-large"), "<=", 2, " s"),
        Target(f"browse {lg}, warm index: open, every row listed",
               median_of("browse-large-warm"), "<=", 2, " s"),
        Target(f"browse {lg}: per filter key ((filter run − open) / {BROWSE_KEYS})",
               per_key("browse-large-filter", "browse-large", BROWSE_KEYS), "<=", 0.1, " s"),
    ]  # fmt: skip


def limits(n_large: int) -> list[tuple[str, Callable[[dict[str, Command]], float | None], str]]:
    """Ratios that are not targets but say what a target is up against: what the stack
    costs before roledeck does its own work, next to the bound of the target it limits."""
    lg = f"{n_large:,}"
    return [
        ("import floor + BaseModel, Field / import floor",
         time_ratio("import-models", "import-floor"), "the reference of show, diff ≤ 1.25"),
        (f"lint {lg} with every rule off / floor({lg})",
         time_ratio("lint-large-rules-off", "floor-large"), "lint first run ≤ 3"),
        (f"browse {lg} open / list {lg}", time_ratio("browse-large", "list-large"),
         "browse open ≤ 2 s"),
    ]  # fmt: skip


def limits_table(cmds: dict[str, Command], n_large: int) -> list[str]:
    lines = ["| ratio | measured | the target it limits |", "|---|---:|---|"]
    for label, compute, target in limits(n_large):
        value = compute(cmds)
        shown = "—" if value is None else f"{value:.2f}×"
        unit = "" if target.endswith(" s") else "×"
        lines.append(f"| {cell(label)} | {shown} | {cell(target)}{unit} |")
    return lines


def verdict(value: float | None, op: str, bound: float) -> str:
    """'pass', 'FAIL' or 'n/a' for one target."""
    if value is None:
        return "n/a"
    ok = {"<=": value <= bound, "<": value < bound, ">=": value >= bound}[op]
    return "pass" if ok else "FAIL"


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def fmt_s(seconds: float | None) -> str:
    """Seconds with millisecond resolution (the useful precision for whole processes)."""
    return "—" if seconds is None else f"{seconds:.3f} s"


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def results_table(commands: list[Command]) -> list[str]:
    """The per-command Markdown table."""
    lines = [
        "| id | what | command | runs | median | min | max | peak RSS | exit | status |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for c in commands:
        times = [s.seconds for s in c.samples]
        peak = c.peak_mib()
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{c.id}`",
                    cell(c.label),
                    f"`{cell(c.display)}`",
                    str(len(c.samples)),
                    fmt_s(c.median()),
                    fmt_s(min(times) if times else None),
                    fmt_s(max(times) if times else None),
                    "—" if peak is None else f"{peak:.1f} MiB",
                    ",".join(map(str, sorted(c.exit_codes))) or "—",
                    cell(c.status or "ok"),
                ]
            )
            + " |"
        )
    return lines


def targets_table(cmds: dict[str, Command], n_small: int, n_large: int) -> list[str]:
    """The Targets table: measured value, bound, verdict."""
    lines = ["| target | measured | bound | result |", "|---|---:|---:|---|"]
    for t in targets(n_small, n_large):
        value = t.compute(cmds)
        shown = "—" if value is None else f"{value:.2f}{t.unit}"
        bound = f"{t.op} {t.bound:g}{t.unit}".replace("<=", "≤").replace(">=", "≥")
        lines.append(f"| {cell(t.label)} | {shown} | {bound} | {verdict(value, t.op, t.bound)} |")
    return lines


def capture(argv: Sequence[str]) -> str:
    """First line of a command's output, or '—' (for versions in the machine context)."""
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "—"
    out = (proc.stdout.strip() or proc.stderr.strip()).splitlines()
    return out[0].strip() if out and proc.returncode == 0 else "—"


def self_peak_mib() -> float:
    """This harness's own high-water RSS (the floor under every child's ru_maxrss)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def cpu_model() -> str:
    """CPU model name from /proc/cpuinfo (Linux), else platform.processor()."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_context(
    args: argparse.Namespace, roles: Path, rss_floor_mib: float | None, elapsed: float,
    load: tuple[float, float, float] | None, bytecode: str,
) -> list[str]:  # fmt: skip
    """Bullet list describing where and how the numbers were taken."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    peer = installed_peer_version()
    rev = capture(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"])
    mode = "quick (smoke test: tiny catalogs, numbers meaningless)" if args.quick else "full"
    if args.only:
        mode += f", only {', '.join(args.only)}"
    if args.row:
        mode += f", rows {', '.join(args.row)}"
    floor = "—" if rss_floor_mib is None else f"{rss_floor_mib:.1f} MiB"
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- mode: {mode}; {args.warmup} warm-up round(s) + {args.runs} measured run(s) per "
        f"command ({min(args.peer_runs, args.runs)} for markdownlint-cli2, without warm-up), "
        "interleaved within each group",
        f"- CPU: {cpu_model()}; {os.cpu_count()} logical CPUs ({usable} usable)",
        "- load average at start: "
        + ("—" if load is None else ", ".join(f"{x:.2f}" for x in load)),
        f"- OS: {platform.platform()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- roles: {capture([str(roles), '--version']) if roles.exists() else 'missing'}"
        f" ({rel(roles)})",
        f"- node: {capture(['node', '--version'])}; {PEER_PACKAGE}: {peer or 'not installed'}",
        f"- git: {rev}",
        f"- bytecode: {bytecode}",
        f"- ru_maxrss floor (`/bin/true` measured the same way): {floor} — no row can report "
        "less (Linux carries the parent's high-water RSS into a vfork+exec child; the parent "
        "is the ~8 MiB spawner)",
        f"- harness wall time: {elapsed:.0f} s",
    ]


def extract_notes(path: Path) -> str:
    """The hand-written notes block of an existing results file, or the default block."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return DEFAULT_NOTES
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    if start == -1 or end == -1 or end < start:
        return DEFAULT_NOTES
    return text[start : end + len(NOTES_END)]


def render_report(
    commands: list[Command], context: list[str], n_small: int, n_large: int, notes: str
) -> str:
    """The whole results.md text."""
    cmds = {c.id: c for c in commands}
    parts = [
        "# roledeck benchmark results",
        "",
        "Generated by `bench/run.py` (`make bench`); see bench/README.md for what is measured "
        "and how to read it. Everything above the notes section is rewritten on every run.",
        "",
        "## Commands",
        "",
        "Median wall time over the measured runs (min and max alongside), peak RSS = highest "
        "`ru_maxrss` of the process over those runs. Exit 1 from `roles` or markdownlint-cli2 "
        "means findings, not failure.",
        "",
        *results_table(commands),
        "",
        "## Targets",
        "",
        "Ratios of medians (and peak memory) from the table above — the same run, so machine "
        "speed cancels out.",
        "",
        *targets_table(cmds, n_small, n_large),
        "",
        "What three targets are up against, from the same run: importing what any pydantic "
        "model needs, and linting with every rule switched off, before roledeck's own "
        "start-up or rules add anything; and `roles list`, which reads the same summaries "
        "the browser's list is filled from.",
        "",
        *limits_table(cmds, n_large),
        "",
        "## Machine",
        "",
        *context,
        "",
        notes,
        "",
    ]
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; --quick changes the defaults, explicit flags still win."""
    p = argparse.ArgumentParser(description="roledeck benchmark harness (make bench)")
    p.add_argument("--runs", type=int, default=None, help="measured runs per command (5)")
    p.add_argument("--warmup", type=int, default=None, help="warm-up rounds per group (1)")
    p.add_argument("--roles", type=Path, default=DEFAULT_ROLES, help="the roles executable")
    p.add_argument("--out", type=Path, default=None, help="results file (bench/results.md)")
    p.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="catalogs and scratch")
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke test: 20- and 50-file catalogs, 1 run, no warm-up, peer skipped; "
        "writes to --out (default bench/.work/results-quick.md), never bench/results.md",
    )
    p.add_argument(
        "--peer-runs",
        type=int,
        default=3,
        help="measured runs of markdownlint-cli2 (3; capped by --runs; no warm-up: "
        "it takes minutes on 10,000 files)",
    )
    p.add_argument("--no-peer", action="store_true", help="skip markdownlint-cli2")
    p.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="measure only this group (repeatable), for profiling iterations; writes to --out "
        "(default bench/.work/results-partial.md), never bench/results.md",
    )
    p.add_argument(
        "--row",
        action="append",
        metavar="ID",
        help="measure only this row (repeatable; e.g. --row show --row show-10k-warm), for "
        "profiling iterations; writes to --out (default bench/.work/results-partial.md)",
    )
    args = p.parse_args(argv)
    args.runs = args.runs if args.runs is not None else (1 if args.quick else 5)
    args.warmup = args.warmup if args.warmup is not None else (0 if args.quick else 1)
    if args.out is None:
        if args.quick:
            args.out = args.work_dir / "results-quick.md"
        elif args.only or args.row:
            args.out = args.work_dir / "results-partial.md"
        else:
            args.out = DEFAULT_OUT
    if args.runs < 1 or args.warmup < 0:
        p.error("--runs must be >= 1 and --warmup >= 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare catalogs and peer, measure, and write the report."""
    args = parse_args(argv)
    started = time.perf_counter()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    work: Path = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    roles: Path = args.roles.resolve() if args.roles.exists() else args.roles

    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    print(f"catalogs: {sizes[0]:,} and {sizes[1]:,} files in {work}", file=sys.stderr)
    small, large = (ensure_catalog(work, n) for n in sizes)
    if args.quick:
        peer_status = "skipped (--quick)"
    elif args.no_peer:
        peer_status = "skipped (--no-peer)"
    else:
        peer_status = ensure_peer()

    bytecode = ensure_bytecode(roles)
    groups = build_plan(roles, small, large, peer_status, min(args.peer_runs, args.runs))
    unknown = sorted(set(args.row or []) - {c.id for _, cs in groups for c in cs})
    if unknown:
        print(f"run.py: no such row: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name, commands in groups:
        if args.only and name not in args.only:
            for cmd in commands:
                cmd.status = cmd.status or f"skipped (--only {' '.join(args.only)})"
        for cmd in commands:
            if args.row and cmd.id not in args.row:
                cmd.status = cmd.status or "skipped (--row)"
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=work))
    spawner = Spawner()
    try:
        measure(spawner, groups, args.runs, args.warmup, scratch, work)
        # Measured last: the spawner's high-water RSS only grows, so this is the largest
        # floor any row was subject to.
        try:
            true = spawner.run(["/bin/true"], work, base_env(), scratch)
            rss_floor: float | None = true.maxrss_kib / 1024
        except OSError:
            rss_floor = None
    finally:
        spawner.close()
        shutil.rmtree(scratch, ignore_errors=True)

    commands = [c for _, cs in groups for c in cs]
    n_small, n_large = count_md(small), count_md(large)
    context = machine_context(args, roles, rss_floor, time.perf_counter() - started, load, bytecode)
    report = render_report(commands, context, n_small, n_large, extract_notes(args.out))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"wrote {args.out} (harness peak RSS {self_peak_mib():.1f} MiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
