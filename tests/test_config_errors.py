"""A configuration that cannot be read is one line `path:line: message` and exit 2, wherever it
is on the lookup path: pyproject.toml exactly as roles.toml and --config.

Before, an invalid pyproject.toml was silently skipped: `roles lint` ran with the built-in
configuration (exit 1) and `roles vocabulary` said "built-in".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import REPO, run_roles, write

BROKEN_PYPROJECT = '[project]\nname = "handbook"\n\n[tool.roles\nignore = ["CT"]\n'
TABLE_MESSAGE = "invalid TOML: Expected ']' at the end of a table declaration (column 12)"
COMMANDS = [
    ("lint",),
    ("list",),
    ("vocabulary",),
    ("show", "devops-engineer"),
    ("matrix",),
    ("export",),
    ("fmt", "--check"),
    ("schema",),  # needs no configuration: must not read it
]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A docs site with the seed roles and a pyproject.toml whose [tool.roles] is unclosed."""
    (tmp_path / "roles").symlink_to(REPO / "roles")
    write(tmp_path / "pyproject.toml", BROKEN_PYPROJECT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_invalid_pyproject_is_exit_2_with_its_line(site: Path, command: tuple[str, ...]) -> None:
    result = run_roles(*command)
    if command == ("schema",):
        assert result.exit_code == 0
        return
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"pyproject.toml:4: {TABLE_MESSAGE}\n"


def test_vocabulary_never_says_built_in_for_a_broken_config(site: Path) -> None:
    result = run_roles("vocabulary", "-f", "json")
    assert result.exit_code == 2 and "built-in" not in result.stdout + result.stderr


def test_the_same_file_given_as_config_or_named_roles_toml_says_the_same(site: Path) -> None:
    given = run_roles("lint", "--config", "pyproject.toml")
    assert (given.exit_code, given.stderr) == (2, f"pyproject.toml:4: {TABLE_MESSAGE}\n")
    (site / "pyproject.toml").rename(site / "roles.toml")
    found = run_roles("lint")
    assert (found.exit_code, found.stderr) == (2, f"roles.toml:4: {TABLE_MESSAGE}\n")


def test_an_invalid_pyproject_above_the_working_directory_stops_roles(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deeper = site / "docs" / "team"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    result = run_roles("list", "--roles-dir", str(REPO / "roles"))
    assert result.exit_code == 2
    assert result.stderr == f"{site / 'pyproject.toml'}:4: {TABLE_MESSAGE}\n"


def test_a_pyproject_without_tool_roles_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid TOML without [tool.roles]: the walk goes on to the roles.toml above it."""
    write(tmp_path / "roles.toml", 'ignore = ["CT", "CA", "DOC", "MDX"]\n')
    write(tmp_path / "app" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    (tmp_path / "app" / "roles").symlink_to(REPO / "roles")
    monkeypatch.chdir(tmp_path / "app")
    assert run_roles("lint").stdout == "All 2 files passed.\n"
    assert run_roles("vocabulary").stdout.startswith("Vocabulary: built-in")


def test_a_config_found_first_hides_a_broken_one_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lookup stops at the first configuration; what is above it is not on the path."""
    write(tmp_path / "pyproject.toml", BROKEN_PYPROJECT)
    write(tmp_path / "site" / "roles.toml", 'ignore = ["CT"]\n')
    (tmp_path / "site" / "roles").symlink_to(REPO / "roles")
    monkeypatch.chdir(tmp_path / "site")
    assert run_roles("list", "-f", "ids").stdout == "devops-engineer\ndevops-specialist\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[project]\nname = "x"\n\n[tool.roles]\nignore = ["CT"]\nselct = ["ST"]\n',
            "pyproject.toml:6: unknown key 'selct' in [tool.roles] (did you mean 'select'?)",
        ),
        (
            "[tool.roles]\nignore = []\n\n[tool.roles.profiles]\ntags = ['role']\npath = []\n",
            "pyproject.toml:6: unknown key 'profiles.path' in [tool.roles] (did you mean 'paths'?)",
        ),
        (
            "[tool.roles.docusaurus]\n# how the site reads Markdown\nmarkdown-format = 'html'\n",
            "pyproject.toml:3: bad value for 'docusaurus.markdown-format' in [tool.roles]: "
            "Input should be 'mdx' or 'detect'",
        ),
        (
            "[tool.roles]\nmax-file-size = 0\n",
            "pyproject.toml:2: bad value for 'max-file-size' in [tool.roles]: Input should be "
            "greater than 0",
        ),
        (
            "[tool.roles]\nignore = 'CT003\n",
            'pyproject.toml:2: invalid TOML: Expected "\'" (at the end)',
        ),
        ("x = 1\nx = 2\n", "pyproject.toml:2: invalid TOML: Cannot overwrite a value"),
    ],
)
def test_a_bad_key_or_value_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str
) -> None:
    write(tmp_path / "pyproject.toml", toml)
    monkeypatch.chdir(tmp_path)
    result = run_roles("lint", "--roles-dir", str(REPO / "roles"))
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_an_unreadable_pyproject_is_exit_2(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, injected: root reads any file whatever its mode bits say."""
    write(site / "pyproject.toml", "[tool.roles]\n")
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", denied)
    result = run_roles("lint")
    assert (result.exit_code, result.stderr) == (
        2,
        "pyproject.toml: cannot read config: Permission denied\n",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode bits say")
def test_an_unreadable_pyproject_by_its_mode(site: Path) -> None:
    write(site / "pyproject.toml", "[tool.roles]\n")
    (site / "pyproject.toml").chmod(0)
    try:
        result = run_roles("lint")
    finally:
        (site / "pyproject.toml").chmod(0o644)
    assert (result.exit_code, result.stderr) == (
        2,
        "pyproject.toml: cannot read config: Permission denied\n",
    )
