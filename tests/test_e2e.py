"""End to end: the installed `roles` program, and a wheel installed in a fresh venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .helpers import REPO

ROLES_BIN = Path(sys.executable).with_name("roles")


def _run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("ROLES_DIR", "NO_COLOR")}


@pytest.mark.skipif(not ROLES_BIN.exists(), reason="the roles console script is not installed")
def test_console_script_shows_a_role_and_fails_cleanly(tmp_path: Path) -> None:
    ok = _run(ROLES_BIN, "show", "devops-specialist", cwd=REPO, env=_clean_env())
    assert ok.returncode == 0, ok.stderr
    assert "The Coach" not in ok.stdout and "Coach" in ok.stdout
    assert "\x1b" not in ok.stdout
    missing = _run(ROLES_BIN, "show", "nope", cwd=tmp_path, env=_clean_env())
    assert (missing.returncode, missing.stderr) == (2, "roles: no such role: 'nope'\n")
    module = _run(sys.executable, "-m", "roledeck", "--version", cwd=tmp_path)
    assert module.returncode == 0 and module.stdout.startswith("roles ")


@pytest.mark.slow
def test_wheel_installs_and_uses_the_bundled_catalog(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = _run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO)
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next(dist.glob("roledeck-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = _run(python, "-m", "pip", "install", "--quiet", wheel)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = _run(
        env_dir / "bin" / "roles",
        "show",
        "devops-specialist",
        "-f",
        "text",
        cwd=elsewhere,
        env=_clean_env(),
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("DevOps Specialist (devops-specialist)")
    assert "roledeck/_catalog/devops-specialist.md" in shown.stdout
    listed = _run(env_dir / "bin" / "roles", "list", "-f", "ids", cwd=elsewhere, env=_clean_env())
    assert listed.stdout == "devops-engineer\ndevops-specialist\n"
    shutil.rmtree(env_dir)
