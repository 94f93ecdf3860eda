"""Faults injected while roles writes, as sqlite's and git's test suites inject them.

A full disk (ENOSPC, at once or part-way through a run), a read-only folder (EROFS, and
EACCES: root ignores permission bits, so the error is injected), a failing rename or sync,
during `fmt`, `lint --fix`, `export --out`, `new` and the lint cache's writes (`tests/faults.py`
fails the calls roledeck.fsio makes); `roles fmt` killed with SIGKILL part-way through 1,000
files; two `roles lint` and a `roles fmt` at once on one catalog and cache; a file deleted or
changed between discovery and reading, and between reading and writing.

After each: every file is byte-identical to its old text or completely its new one, no
temporary file (`.*.tmp`) is left (a SIGKILL can leave one, which the next run removes), the
exit code follows the contract (2 for what could not be written, one line each, never a
traceback), and the next run gives the same answer as a `--no-cache` run.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from roledeck import fsio
from roledeck.fmt import format_text

from .faults import FaultyOS, assert_each_whole, inject, snapshot, temporaries
from .helpers import Result, run_roles, write
from .lintcases import clean

ROLES_BIN = Path(sys.executable).with_name("roles")
needs_bin = pytest.mark.skipif(not ROLES_BIN.exists(), reason="roles is not installed in .venv")

TABLE = "\n| level | scope |\n| --- | --- |\n| 1 | team |\n| 2 | org |\n"
CODE = "\n```yaml\nowner: platform\n```\n"
ADMONITION = "\n:::note\nKeep models reproducible.\n:::\n"
MARKUP = " It keeps releases calm<br>and costs {low}."
"""What `lint --fix` repairs: `<br>` self-closed, `{` and `}` escaped."""


def _profile(name: str, position: int, article: str = "a", extra: str = "") -> str:
    """A profile `roles fmt` will rewrite: `*` bullets where it writes `-`."""
    text = clean(name, position, article)
    summary = f"keeps quality visible.{extra}"
    return text.replace("keeps quality visible.", summary, 1).replace("\n- ", "\n* ")


PROFILES = {
    "agile-coach.md": _profile("Agile Coach", 1, "an", CODE),
    "developer-advocate.mdx": _profile("Developer Advocate", 2, extra=MARKUP),
    "engineering/engineering-manager.md": _profile("Engineering Manager", 3, "an", TABLE),
    "engineering/index.md": _profile("Engineering Lead", 4, "an", MARKUP),
    "ingenieure-qualite.md": _profile("Ingénieure Qualité", 5, "an"),
    "level-2-support.md": _profile("Level 2 Support", 6),
    "mlops/index.md": _profile("MLOps Engineer", 7, "an", ADMONITION).replace(
        "---\n", "---\nid: mlops-engineer\n", 1
    ),
    "sre.md": _profile("SRE", 8, "an", MARKUP),
    "qa.md": _profile("QA Lead", 9),
}


def _fixed(text: str) -> str:
    return text.replace("<br>", "<br/>").replace("{low}", "\\{low\\}")


@dataclass
class Site:
    """A catalog of varied profiles, with the text of each before and after fmt and --fix."""

    root: Path
    cache: Path
    before: dict[str, bytes] = field(default_factory=dict)
    formatted: dict[str, bytes] = field(default_factory=dict)
    fixed: dict[str, bytes] = field(default_factory=dict)

    def whole(self, after: dict[str, bytes]) -> dict[str, str]:
        """Each file old or new, none half-written, and no temporary file anywhere."""
        states = assert_each_whole(self.root, self.before, after)
        assert temporaries(self.root, self.cache) == []
        return states


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    root = tmp_path / "roles"
    for name, text in PROFILES.items():
        write(root / name, text)
    monkeypatch.chdir(tmp_path)
    made = Site(root, Path(os.environ["ROLES_CACHE_DIR"]), snapshot(root))
    for name, data in made.before.items():
        result = format_text(data.decode(), name)
        assert result.changed and not result.lost, name
        made.formatted[name] = result.new_text.encode()
        made.fixed[name] = _fixed(data.decode()).encode()
    assert sum(made.fixed[n] != made.before[n] for n in made.before) == 3
    return made


def _lint_agrees_with_no_cache() -> None:
    """The next (cached) run and a `--no-cache` run give the same answer."""
    cached = run_roles("lint", "-f", "json")
    fresh = run_roles("lint", "-f", "json", "--no-cache")
    assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout)
    again = run_roles("lint", "-f", "json")  # and from a warm cache
    assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout)


def _heal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk has room again, the folder is writable again."""
    monkeypatch.setattr(fsio, "os", os)


@dataclass(frozen=True)
class Fault:
    name: str
    arm: Callable[[FaultyOS, int], object]
    """Arms the fault; the int is how many bytes the disk takes before it is full."""
    message: str
    partial: bool = False
    """The run gets part-way: the disk takes the first file, not the second."""


FAULTS = [
    Fault("disk-full", lambda f, _: f.disk_full(after=0), "No space left on device"),
    Fault("disk-full-mid-run", lambda f, n: f.disk_full(after=n), "No space left on device", True),
    Fault("read-only-mount", lambda f, _: f.read_only(errno.EROFS), "Read-only file system"),
    Fault("no-permission", lambda f, _: f.read_only(errno.EACCES), "Permission denied"),
    # a new file gets its name by a hard link (never replacing one), else by a rename
    Fault("rename-fails", lambda f, _: f.fail("replace").fail("link"), "Input/output error"),
    Fault("sync-fails", lambda f, _: f.fail("fsync", errno.EIO), "Input/output error"),
]


@pytest.fixture(params=FAULTS, ids=lambda f: f.name)
def fault(request: pytest.FixtureRequest) -> Fault:
    return request.param  # type: ignore[no-any-return]


def _failed_lines(stderr: str, message: str) -> list[str]:
    lines = stderr.splitlines()
    assert lines and all(message in line and line.startswith("roles/") for line in lines), stderr
    assert "Traceback" not in stderr
    return lines


def test_fmt(site: Site, fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    fault.arm(inject(monkeypatch), len(site.formatted["agile-coach.md"]) + 10)
    result = run_roles("fmt")
    assert result.exit_code == 2
    failed = _failed_lines(result.stderr, f"cannot write: {fault.message}")
    states = site.whole(site.formatted)
    assert list(states.values()).count("before") == len(failed)
    assert ("after" in states.values()) is fault.partial
    _heal(monkeypatch)
    assert run_roles("fmt").exit_code == 0
    assert set(site.whole(site.formatted).values()) == {"after"}
    _lint_agrees_with_no_cache()


def test_lint_fix(site: Site, fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    fault.arm(inject(monkeypatch), len(site.fixed["developer-advocate.mdx"]) + 10)
    result = run_roles("lint", "--fix", "-f", "json")
    assert result.exit_code == 2
    failed = _failed_lines(result.stderr, f"cannot write the fixes: {fault.message}")
    assert len(failed) == 3 - fault.partial
    unfixed = {
        f["path"]
        for f in json.loads(result.stdout)["findings"]
        if f["code"] in ("MDX004", "MDX005")
    }
    assert {line.split(":")[0] for line in failed} <= unfixed  # still reported, not fixed
    states = site.whole(site.fixed)
    assert sum(site.fixed[n] != site.before[n] and s == "after" for n, s in states.items()) == (
        1 if fault.partial else 0
    )
    _heal(monkeypatch)
    assert run_roles("lint", "--fix").exit_code == 0
    site.whole(site.fixed)
    assert snapshot(site.root) == site.fixed
    _lint_agrees_with_no_cache()


def test_export_out_over_an_earlier_export(
    site: Site, fault: Fault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = tmp_path / "expected"
    assert run_roles("export", "--out", str(expected)).exit_code == 0
    out = tmp_path / "site"
    for name in snapshot(expected):  # nested ids are nested folders (engineering/…)
        write(out / name, '{"stale": true}\n')
    old, new = snapshot(out), snapshot(expected)
    fault.arm(inject(monkeypatch), len(new["agile-coach.json"]) + 10)
    result = run_roles("export", "--out", str(out), "--force")
    assert (result.exit_code, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert f"cannot write: {fault.message}" in line and line.startswith(str(out))
    states = assert_each_whole(out, old, new)
    assert ("after" in states.values()) is fault.partial
    assert temporaries(out) == []
    _heal(monkeypatch)
    assert run_roles("export", "--out", str(out), "--force").exit_code == 0
    assert snapshot(out) == new


def test_new(site: Site, fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    fault.arm(inject(monkeypatch), 10_000)
    result = run_roles("new", "Platform Engineer")
    if fault.partial:  # the disk takes one new profile
        assert result.exit_code == 0
    else:
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"roles/platform-engineer.md: cannot write: {fault.message}\n"
        assert not (site.root / "platform-engineer.md").exists()
        _heal(monkeypatch)
        assert run_roles("new", "Platform Engineer").exit_code == 0
    assert (site.root / "platform-engineer.md").read_text().startswith("---\ntitle: Platform")
    assert temporaries(site.root) == []
    now = snapshot(site.root)
    del now["platform-engineer.md"]
    assert now == site.before  # the catalog itself untouched


def test_lint_cache_writes(site: Site, fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache that cannot be written is no error: the same answer, the same exit code."""
    if fault.name == "sync-fails":
        pytest.skip("the cache is not synced: a cache lost with the power is only slower")
    fresh = run_roles("lint", "-f", "json", "--no-cache")
    faulty = inject(monkeypatch)
    fault.arm(faulty, 300)
    result = run_roles("lint", "-f", "json")
    assert faulty.fired, "the fault was never hit"
    assert (result.exit_code, result.stdout, result.stderr) == (fresh.exit_code, fresh.stdout, "")
    assert list(site.cache.glob("lint-*.jsonl")) == []
    site.whole(site.before)
    _heal(monkeypatch)
    _lint_agrees_with_no_cache()


def test_a_damaged_cache_left_by_a_full_disk_is_never_used(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    complete = run_roles("lint")  # a complete cache
    assert complete.exit_code == 1  # the catalog has MDX errors
    (site.root / "sre.md").write_text(PROFILES["sre.md"] + "\n{/* TODO: on-call */}\n")
    inject(monkeypatch).disk_full(after=300)  # the new cache file stops part-way
    assert run_roles("lint").exit_code == 1
    _heal(monkeypatch)
    _lint_agrees_with_no_cache()


# -- changed under our feet -------------------------------------------------------------------


def _edit(path: Path, text: str) -> Callable[[], None]:
    def action() -> None:
        path.write_text(text)

    return action


def test_fmt_never_overwrites_an_edit_saved_while_it_formats(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = site.root / "qa.md"
    edited = PROFILES["qa.md"] + "\n{/* saved by an editor meanwhile */}\n"
    faulty = inject(monkeypatch).before("fsync", _edit(target, edited))
    result = run_roles("fmt", str(target))
    assert faulty.fired == {"before fsync": 1}
    assert result.exit_code == 2
    assert result.stderr == (
        f"{target}: changed while being formatted: not written (run roles fmt again)\n"
    )
    assert target.read_text() == edited
    assert temporaries(site.root) == []
    _heal(monkeypatch)
    assert run_roles("fmt", str(target)).exit_code == 0
    assert "saved by an editor meanwhile" in target.read_text()


def test_lint_fix_never_applies_fixes_to_a_text_they_were_not_made_for(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = site.root / "sre.md"
    edited = "<br> moved " + PROFILES["sre.md"]
    faulty = inject(monkeypatch).before("fsync", _edit(target, edited))
    result = run_roles("lint", "--fix", str(target))
    assert faulty.fired == {"before fsync": 1}
    assert result.exit_code == 2
    assert result.stderr == (
        f"{target}: changed while being linted: not fixed (run roles lint --fix again)\n"
    )
    assert target.read_text() == edited


@pytest.mark.parametrize("when", ["deleted", "changed"])
def test_a_file_deleted_or_changed_between_discovery_and_reading(
    site: Site, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    import roledeck.catalog
    import roledeck.fmt
    import roledeck.lint.engine

    victim = site.root / "level-2-support.md"
    changed = PROFILES["level-2-support.md"].replace("Level 2 Support", "Level 3 Support")

    def meddle() -> None:
        if when == "deleted":
            victim.unlink(missing_ok=True)
        else:
            victim.write_text(changed)

    def after_walk(real: Callable[..., list[object]]) -> Callable[..., list[object]]:
        def walk(*args: object) -> list[object]:
            found = real(*args)
            meddle()
            return found

        return walk

    for module, name in (
        (roledeck.catalog, "discover"),
        (roledeck.fmt, "discover"),
        (roledeck.lint.engine, "discover_files"),
    ):
        monkeypatch.setattr(module, name, after_walk(getattr(module, name)))
    original = PROFILES["level-2-support.md"]

    def run(*args: str) -> Result:
        victim.write_text(original)  # each command finds it, then it goes or changes
        return run_roles(*args)

    listed, linted = run("list", "-f", "ids"), run("lint", "-f", "json")
    exported, matrix, formatted = run("export"), run("matrix", "-f", "json"), run("fmt")
    if when == "deleted":
        gone = "roles/level-2-support.md: no such file\n"
        for result in (listed, exported, matrix, formatted):
            assert (result.exit_code, result.stderr) == (2, gone)
        assert "level-2-support" not in listed.stdout
        findings = json.loads(linted.stdout)["findings"]
        assert linted.exit_code == 1
        assert [(f["path"], f["message"]) for f in findings if f["code"] == "IO001"] == [
            ("roles/level-2-support.md", "no such file")
        ]
        victim.write_text(original)
    else:
        for result in (listed, linted, exported, matrix, formatted):
            assert result.stderr == "" and "Traceback" not in result.stdout
        assert "level-2-support" in listed.stdout
        names = {r["name"] for r in json.loads(exported.stdout)["roles"]}
        assert "Level 3 Support" in names and "Level 2 Support" not in names
        assert formatted.exit_code == 0
        assert victim.read_text() == format_text(changed, victim.name).new_text
    monkeypatch.undo()
    monkeypatch.chdir(site.root.parent)
    monkeypatch.setenv("ROLES_CACHE_DIR", str(site.cache))
    assert temporaries(site.root, site.cache) == []
    _lint_agrees_with_no_cache()


def test_a_file_changed_between_its_stamp_and_its_reading(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps the stamp taken before reading: a file edited in between is linted
    again next time, never answered with findings of a text it no longer has."""
    import roledeck.lint.engine

    victim = site.root / "qa.md"
    real_stamp = roledeck.lint.engine.stamp

    def stamp_then_edit(path: str | Path) -> list[int] | None:
        taken = real_stamp(path)
        if Path(path).name == "qa.md":
            victim.write_text(PROFILES["qa.md"] + "\n{/* TODO: added meanwhile */}\n")
        return taken

    monkeypatch.setattr(roledeck.lint.engine, "stamp", stamp_then_edit)
    first = json.loads(run_roles("lint", "-f", "json").stdout)
    assert any(f["code"] == "CT003" for f in first["findings"])
    monkeypatch.setattr(roledeck.lint.engine, "stamp", real_stamp)
    victim.write_text(PROFILES["qa.md"])  # back as it was, with a new stamp
    _lint_agrees_with_no_cache()


# -- whole processes ----------------------------------------------------------------------------


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ROLES_DIR", "NO_COLOR")}
    env.update(ROLES_CACHE_DIR=str(cache), ROLES_TEST_FSYNC="0", GITHUB_ACTIONS="")
    return env


def _many(root: Path, count: int) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """`count` profiles fmt will rewrite; their texts before and after."""
    before: dict[str, bytes] = {}
    after: dict[str, bytes] = {}
    variants = list(PROFILES.values())
    for index in range(count):
        name = f"role-{index:04}.md"
        text = variants[index % len(variants)].replace("sidebar_position: ", "sidebar_position: 1")
        write(root / name, text)
        before[name] = text.encode()
        after[name] = format_text(text, name).new_text.encode()
    return before, after


def _until(condition: Callable[[], bool], what: str, deadline: float = 60) -> None:
    """Poll `condition` until it holds, or fail after `deadline` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.002)


@needs_bin
def test_fmt_killed_part_way_through_1000_files(tmp_path: Path) -> None:
    root = tmp_path / "roles"
    before, after = _many(root, 1000)
    env = _env(tmp_path / "cache")
    proc = subprocess.Popen(
        [str(ROLES_BIN), "fmt"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watched = root / "role-0040.md"
    try:
        _until(
            lambda: watched.read_bytes() == after[watched.name] or proc.poll() is not None,
            "roles fmt to rewrite its 41st file",
        )
        assert proc.poll() is None, "roles fmt finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    states = assert_each_whole(root, before, after)
    done = list(states.values()).count("after")
    assert 41 <= done < 1000, done
    left = temporaries(root)
    assert len(left) <= 1, left  # the one file it was writing, if any
    # what a killed run left is removed by the next run that writes there; a live one's is kept
    stale = root / f".role-0001.md.{proc.pid}.deadbeef.tmp"
    live = root / f".role-0002.md.{os.getpid()}.0badf00d.tmp"
    stale.write_text("half")
    live.write_text("in progress")
    again = subprocess.run(
        [str(ROLES_BIN), "fmt"], cwd=tmp_path, env=env, capture_output=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().endswith(
        f"{1000 - done} files reformatted, {done} files left unchanged.\n"
    )
    assert temporaries(root) == [live]
    live.unlink()
    assert set(assert_each_whole(root, before, after).values()) == {"after"}


@needs_bin
def test_two_lints_and_a_fmt_at_once_on_one_catalog_and_cache(tmp_path: Path) -> None:
    root = tmp_path / "roles"
    before, after = _many(root, 300)
    cache = tmp_path / "cache"
    env = _env(cache)
    commands = [["lint", "-f", "json"], ["fmt"], ["lint", "-f", "json"]]
    procs = [
        subprocess.Popen(
            [str(ROLES_BIN), *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for args in commands
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    codes = [proc.returncode for proc in procs]
    assert codes[1] == 0, outputs[1][1]
    for code, (out, err) in zip(codes[::2], outputs[::2], strict=True):
        assert code in (0, 1) and err == b"", err
        json.loads(out)  # a whole report, whatever the files were as it read them
    assert set(assert_each_whole(root, before, after).values()) == {"after"}
    assert temporaries(root, cache) == []
    runs = [
        subprocess.run(
            [str(ROLES_BIN), "lint", "-f", "json", *extra],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            timeout=120,
        )
        for extra in ([], ["--no-cache"])
    ]
    assert (runs[0].returncode, runs[0].stdout) == (runs[1].returncode, runs[1].stdout)
