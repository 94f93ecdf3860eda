"""`roles lint --fix`: safe fixes only when asked, lossless, atomic, and reported."""

from __future__ import annotations

import json
from pathlib import Path

from roledeck.parse import load_role

from .helpers import ROLES, run_roles, write
from .lintcases import clean


def test_fix_escapes_and_self_closes_then_relints(tmp_path: Path) -> None:
    text = (
        clean()
        .replace("keeps quality visible.", "keeps {quality} x<5 visible { always.")
        .replace("## Why a QA Engineer is Needed", "## Why a QA<br>Engineer is Needed")
    )
    path = write(tmp_path / "qa.md", text)
    before = json.loads(run_roles("lint", str(path), "-f", "json").stdout)
    assert {f["code"] for f in before["findings"]} >= {"MDX003", "MDX004", "MDX005", "MDX008"}
    result = run_roles("lint", str(path), "--fix")
    assert result.exit_code == 0, result.stdout
    assert "Fixed 5 problems." in result.stdout
    fixed = path.read_text(encoding="utf-8")
    assert "keeps \\{quality\\} x\\<5 visible \\{ always." in fixed
    assert "## Why a QA<br/>Engineer is Needed" in fixed
    assert run_roles("lint", str(path), "-f", "json").stdout.count('"code"') == 0
    assert load_role(path).needs == load_role(write(tmp_path / "orig.md", text)).needs


def test_fix_keeps_bom_and_crlf(tmp_path: Path) -> None:
    text = clean().replace("keeps quality visible.", "keeps x<5 visible.")
    path = tmp_path / "qa.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert run_roles("lint", str(path), "--fix", "-q").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"x\\<5" in data
    assert data.count(b"\r\n") == text.count("\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_without_fix_nothing_is_written(tmp_path: Path) -> None:
    path = write(tmp_path / "qa.md", clean().replace("visible.", "x<5."))
    before = path.read_bytes()
    assert run_roles("lint", str(path)).exit_code == 1
    assert path.read_bytes() == before


def test_the_project_roles_stay_byte_identical() -> None:
    before = {p.name: p.read_bytes() for p in ROLES.glob("*.md")}
    assert run_roles("lint", "roles").exit_code == 0
    assert {p.name: p.read_bytes() for p in ROLES.glob("*.md")} == before
