"""Every hostile input, through the installed `roles`, within 2 s of CPU and 200 MiB.

Usage::

    python bench/hostile.py [--roles PATH] [--only CASE ...] [--commands NAME ...]

The cases and commands are the test corpus's (tests/hostile_corpus.py). Each (case, command)
runs as its own process; `os.wait4()` gives that process's CPU time (user + system) and peak
resident memory. CPU time, not wall time, is compared with the limit: this machine is shared
(CI, other sessions), and a loaded machine stretches wall time without the program doing more
work. Wall time is printed too, and a run over 30 s wall is killed and counted as a hang.
Each run also gets an address-space limit of 1 GiB, so a runaway cannot take the machine
down before it is reported. The exit code is checked against the corpus's expectation.

The unreadable-file case cannot be built as root (root reads anything); it is reported as
skipped then (tests/test_hostile.py simulates it instead).

Exits 1 if any run is over a limit, hangs, crashes or exits with an unexpected code.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.hostile_corpus import CASES, COMMANDS, build, expected  # noqa: E402

CPU_LIMIT_S = 2.0
RSS_LIMIT_MIB = 200
WALL_KILL_S = 30.0
ADDRESS_SPACE = 1024 * 1024 * 1024


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measure(argv: list[str], cwd: Path) -> tuple[int, float, float, float, str]:
    """Exit code (negative: killed by that signal), CPU s, wall s, peak RSS MiB, stderr."""
    env = {k: v for k, v in os.environ.items() if k not in ("ROLES_DIR", "NO_COLOR")}
    env["COLUMNS"] = "80"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=out, stderr=err, preexec_fn=_limit_address_space
        )
        deadline = start + WALL_KILL_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    rss_mib = usage.ru_maxrss / 1024  # kilobytes on Linux
    return process.returncode, cpu, wall, rss_mib, stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", default=shutil.which("roles") or str(REPO / ".venv/bin/roles"))
    parser.add_argument("--only", nargs="*", help="case names (default: all)")
    parser.add_argument("--commands", nargs="*", help="command names (default: all)")
    args = parser.parse_args()

    cases = [c for c in CASES if not args.only or c.name in args.only]
    commands = [c for c in COMMANDS if not args.commands or c.name in args.commands]
    failures: list[str] = []
    worst_cpu = worst_rss = 0.0
    print(f"{'case':34} {'command':14} {'exit':>4} {'cpu s':>6} {'wall s':>6} {'MiB':>6}  verdict")
    with tempfile.TemporaryDirectory(prefix="roles-hostile-") as scratch:
        for index, case in enumerate(cases):
            folder = Path(scratch) / str(index)
            built = build(case, folder)
            for command in commands:
                if case.unreadable and os.geteuid() == 0:
                    print(
                        f"{case.name:34} {command.name:14} {'':>4} {'':>6} {'':>6} {'':>6}  "
                        "skipped (root reads anything; simulated in tests)"
                    )
                    continue
                want = expected(case, command, built)
                code, cpu, wall, rss, stderr = measure([args.roles, *command.argv(built)], cwd=REPO)
                problems = []
                if wall >= WALL_KILL_S:
                    problems.append("HANG")
                if cpu >= CPU_LIMIT_S:
                    problems.append(f"CPU over {CPU_LIMIT_S} s")
                if rss >= RSS_LIMIT_MIB:
                    problems.append(f"memory over {RSS_LIMIT_MIB} MiB")
                if code not in want.exit_codes:
                    problems.append(
                        f"exit {code}, expected {' or '.join(map(str, want.exit_codes))}"
                    )
                if "Traceback" in stderr:
                    problems.append("traceback")
                verdict = ", ".join(problems) or "ok"
                if problems:
                    failures.append(f"{case.name} / {command.name}: {verdict}")
                worst_cpu, worst_rss = max(worst_cpu, cpu), max(worst_rss, rss)
                print(
                    f"{case.name:34} {command.name:14} {code:>4} {cpu:>6.2f} {wall:>6.2f} "
                    f"{rss:>6.1f}  {verdict}",
                    flush=True,
                )
            _make_removable(folder)
    print(
        f"\nworst: {worst_cpu:.2f} s CPU, {worst_rss:.1f} MiB "
        f"(limits {CPU_LIMIT_S} s, {RSS_LIMIT_MIB} MiB)"
    )
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


def _make_removable(folder: Path) -> None:
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700)


if __name__ == "__main__":
    sys.exit(main())
