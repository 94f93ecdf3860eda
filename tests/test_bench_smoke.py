"""Smoke test for the benchmark harness (bench/run.py, bench/generate.py).

No assertion depends on timings: this only checks that
`make bench` still produces a complete report and that the catalog generator stays
deterministic. Skipped when the `roles` console script isn't installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"

#: Every row bench/run.py must report, by stable id (first column of the table).
EXPECTED_ROWS = [
    "python-bare",
    "import-floor",
    "import-models",
    "version",
    "show",
    "diff",
    "show-1k",
    "diff-1k",
    "show-10k-warm",
    "diff-10k-warm",
    "floor-small",
    "lint-small-cold",
    "lint-small-warm",
    "peer-small",
    "list-small",
    "matrix-small",
    "floor-large",
    "lint-large-cold",
    "lint-large-warm",
    "lint-large-rules-off",
    "list-large",
    "list-large-warm",
    "list-large-tty",
    "show-10k-cold",
    "diff-10k-cold",
    "browse-large",
    "browse-large-filter",
    "browse-large-warm",
    "browse-large-filter-warm",
    "peer-large",
]

#: Rows that need no roledeck code, so they must always succeed.
ALWAYS_OK = ["python-bare", "import-floor", "import-models", "floor-small", "floor-large"]


def roles_script() -> Path | None:
    """The `roles` console script next to this interpreter, else on PATH."""
    sibling = Path(sys.executable).parent / "roles"
    if sibling.exists():
        return sibling
    found = shutil.which("roles")
    return Path(found) if found else None


def table_rows(report: str) -> dict[str, list[str]]:
    """Rows of the command table keyed by id: `| `id` | what | … | status |`."""
    rows: dict[str, list[str]] = {}
    for line in report.splitlines():
        match = re.match(r"\| `([a-z0-9-]+)` \|", line)
        if match:
            rows[match.group(1)] = [c.strip() for c in line.strip().strip("|").split(" | ")]
    return rows


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative POSIX path, with its exact bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def generate(out: Path, n: int, seed: int) -> None:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(out), "-n", str(n), "--seed", str(seed)],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.mark.slow
def test_quick_run_reports_every_command(tmp_path: Path) -> None:
    roles = roles_script()
    if roles is None:
        pytest.skip("the `roles` console script is not installed")
    # An existing report: the table must be replaced, the hand-written notes kept verbatim.
    out = tmp_path / "results.md"
    notes = "<!-- notes:start -->\n## Notes\n\nimporttime: rich is 40 ms\n<!-- notes:end -->"
    out.write_text(f"# old report\n\nstale table\n\n{notes}\n", encoding="utf-8")
    committed = BENCH / "results.md"
    before = committed.stat().st_mtime_ns if committed.exists() else None

    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--quick",
            "--out",
            str(out),
            "--work-dir",
            str(tmp_path / "work"),
            "--roles",
            str(roles),
        ],
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a performance assertion
    )

    assert proc.returncode == 0, proc.stderr
    report = out.read_text(encoding="utf-8")
    rows = table_rows(report)
    assert list(rows) == EXPECTED_ROWS
    for row_id in ALWAYS_OK:
        assert rows[row_id][-1] == "ok", rows[row_id]
    for row_id in ("peer-small", "peer-large"):
        assert rows[row_id][-1].startswith("skipped"), rows[row_id]
    for row_id, cells in rows.items():
        # The status is "ok" or says why there is no number: missing, skipped, n/a, error.
        assert re.match(r"(ok|missing|skipped|n/a|error)\b", cells[-1]), (row_id, cells[-1])
    assert "## Targets" in report
    # timed as installed: roledeck's modules are bytecode, like the dependencies pip compiled
    assert "- bytecode: roledeck's modules compiled to .pyc" in report
    assert "| target | measured | bound | result |" in report
    assert "| ratio | measured | the target it limits |" in report
    assert notes in report
    assert report.count("<!-- notes:start -->") == 1
    assert "stale table" not in report
    after = committed.stat().st_mtime_ns if committed.exists() else None
    assert before == after, "--quick --out must never touch bench/results.md"


@pytest.mark.slow
def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 300, seed=7)
    generate(tmp_path / "b", 300, seed=7)
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert first == second

    manifest = json.loads(first["manifest.json"])
    md_files = sorted(p for p in first if p.endswith(".md"))
    assert len(md_files) == 302  # 300 generated + the two seeds
    assert "devops-engineer.md" in md_files
    assert "devops-specialist.md" in md_files
    assert sorted(f["path"] for f in manifest["files"]) == md_files
    # 5 % of 300 = 15 defective files, dealt over the 12 kinds: every kind is present.
    assert all(manifest["defects"][kind] for kind in manifest["defect_kinds"])

    generate(tmp_path / "c", 300, seed=8)
    assert tree(tmp_path / "c") != first


def _bench_run_module() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_bytecode_step_says_when_it_could_not_compile(tmp_path: Path) -> None:
    run = _bench_run_module()
    shell = tmp_path / "roles-sh"
    shell.write_text("#!/bin/sh\nexec true\n", encoding="utf-8")
    assert run.ensure_bytecode(shell) == "not compiled (roles is not a Python script)"  # type: ignore[attr-defined]
    missing = tmp_path / "absent"
    assert run.ensure_bytecode(missing).startswith("not compiled")  # type: ignore[attr-defined]
    env_shebang = tmp_path / "roles-env"  # `#!/usr/bin/env python3` is a Python script too
    env_shebang.write_text(f"#!/usr/bin/env {Path(sys.executable).name}\n", encoding="utf-8")
    assert run.ensure_bytecode(env_shebang) != "not compiled (roles is not a Python script)"  # type: ignore[attr-defined]
