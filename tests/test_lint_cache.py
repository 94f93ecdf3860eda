"""The lint cache: same findings from cache, invalidated by changes, never fatal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from roledeck import workers
from roledeck.cachedir import cache_dir
from roledeck.lint import engine

from .helpers import run_roles, write
from .lintcases import clean


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    for index in range(5):
        write(tmp_path / "docs" / f"r{index}.md", clean(f"Role Number {index}", position=index))
    write(tmp_path / "docs" / "bad.md", clean("Bad One", position=9).replace("## What", "## Whut"))
    return tmp_path / "docs"


def _lint(catalog: Path, *args: str) -> str:
    return run_roles("lint", str(catalog), "-f", "json", *args).stdout


def test_second_run_comes_from_the_cache_with_identical_findings(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _lint(catalog)
    assert list(cache_dir().glob("lint-*.jsonl"))
    calls: list[Path] = []
    real = engine.lint_file
    monkeypatch.setattr(
        engine,
        "lint_file",
        lambda target, settings: calls.append(target.path) or real(target, settings),
    )
    assert _lint(catalog) == first
    assert calls == []


def test_a_changed_file_is_linted_again(catalog: Path) -> None:
    _lint(catalog)
    bad = catalog / "bad.md"
    bad.write_text(bad.read_text().replace("## Whut", "## What"))
    os.utime(bad, ns=(1, 1))  # a different mtime whatever the clock's resolution
    assert json.loads(_lint(catalog))["findings"] == []


def test_config_change_is_a_different_cache(catalog: Path, tmp_path: Path) -> None:
    _lint(catalog)
    write(tmp_path / "roles.toml", "ignore = ['ST']\n")
    assert json.loads(_lint(catalog, "--config", str(tmp_path / "roles.toml")))["findings"] == []


def test_corrupt_cache_is_ignored(catalog: Path) -> None:
    first = _lint(catalog)
    for file in cache_dir().glob("lint-*.jsonl"):
        file.write_bytes(b"\x00{not json")
    assert _lint(catalog) == first
    for file in cache_dir().glob("lint-*.jsonl"):
        file.write_text('{"format": 1, "entries": {"x": 1, "y": {"stamp": [1], "report": {}}}}')
    assert _lint(catalog) == first


def test_damaged_cache_entries_are_misses(catalog: Path) -> None:
    first = _lint(catalog)
    (cache,) = cache_dir().glob("lint-*.jsonl")
    header, *entries = cache.read_text(encoding="utf-8").splitlines()
    assert len(entries) == len(list(catalog.rglob("*.md")))
    damaged = [e.rsplit("\t", 1)[0] + '\t{"findings": 7}' for e in entries]
    cache.write_text("\n".join([header, *damaged, "not json\tat all"]) + "\n", encoding="utf-8")
    assert _lint(catalog) == first
    (cache,) = cache_dir().glob("lint-*.jsonl")
    assert cache.read_text(encoding="utf-8").splitlines()[1:] == entries


def test_unwritable_cache_folder_is_not_an_error(catalog: Path, tmp_path: Path) -> None:
    blocker = write(tmp_path / "not-a-folder", "")
    result = run_roles("lint", str(catalog), env={"ROLES_CACHE_DIR": str(blocker / "sub")})
    assert result.exit_code == 1 and result.stderr == ""


def test_no_cache_neither_reads_nor_writes(catalog: Path) -> None:
    _lint(catalog, "--no-cache")
    assert not list(cache_dir().glob("lint-*.jsonl"))


def test_worker_processes_give_the_same_output(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _lint(catalog, "--no-cache")
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    assert _lint(catalog, "--no-cache") == serial


def test_an_interrupted_run_leaves_the_cache_as_it_was(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lint(catalog)
    (cache,) = cache_dir().glob("lint-*.jsonl")
    before = cache.read_bytes()
    (catalog / "r0.md").write_text((catalog / "r0.md").read_text() + "\nMore.\n")

    def broken(target: object, settings: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "lint_file", broken)
    assert run_roles("lint", str(catalog)).exit_code == 3
    assert sorted(p.name for p in cache_dir().iterdir()) == [cache.name]
    assert cache.read_bytes() == before


def test_a_report_survives_the_cache_format_whole() -> None:
    import json as json_module

    from roledeck.lint.cache import _data, _report
    from roledeck.lint.findings import Edit, FileFacts, FileReport, Finding

    path = "docs/r.md"
    report = FileReport(
        path,
        findings=[Finding(path, 3, 5, "MDX003", "a brace", "warning", "mdx-brace")],
        facts=FileFacts(path, "docs", "r", "R", 1, "R", 2, 1.5, 3, ("a", "b"), 4),
        fixes=[Edit(3, 5, 1, "\\{")],
        suppressed=("CT003",),
    )
    back = _report(
        json_module.loads(json_module.dumps(_data(report))),
        lambda code: ("warning", "mdx-brace"),
    )
    assert back == report


def test_caches_of_the_old_format_are_removed(catalog: Path) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lint-0123456789abcdef01234567.json").write_text('{"format": 2}')
    (folder / "notes.txt").write_text("not ours")
    _lint(catalog)
    assert sorted(p.suffix for p in folder.iterdir()) == [".jsonl", ".txt"]
