"""`roles` loads only the command it runs (issue 18), and its table cannot drift from them.

`roledeck.cli.app.COMMANDS` lists every command with its module and the summary `--help`
shows; the modules are imported only when their command runs or is completed. These tests
check the table against the modules themselves: a command added, renamed or re-documented
without the table fails here.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys

import pytest
import typer
from typer.core import TyperGroup

import roledeck.cli
from roledeck.cli.app import COMMANDS, app

from .helpers import REPO, run_roles

NOT_COMMANDS = {"app", "common", "pager"}


def _group() -> TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group


def test_every_command_module_is_in_the_table_and_only_those() -> None:
    modules = {
        info.name
        for info in pkgutil.iter_modules(roledeck.cli.__path__)
        if info.name not in NOT_COMMANDS
    }
    assert {entry.module for entry in COMMANDS.values()} == modules
    for name in modules:
        assert callable(importlib.import_module(f"roledeck.cli.{name}").command), name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_summary_is_the_commands_own(name: str) -> None:
    entry = COMMANDS[name]
    module = importlib.import_module(f"roledeck.cli.{entry.module}")
    first = (inspect.getdoc(module.command) or "").split("\n\n")[0]
    assert " ".join(first.split()) == entry.summary
    command = _group().get_command(typer.Context(_group()), name)
    assert command is not None and command.name == name and not command.hidden
    assert command.callback is not None


@pytest.mark.parametrize("columns", ["80", "60", "200"])
def test_help_lists_every_command_as_the_loaded_commands_would(columns: str) -> None:
    group = _group()
    ctx = typer.Context(group, info_name="roles", terminal_width=int(columns))
    lazy = group.get_help(ctx)
    for name in group.list_commands(ctx):  # now load them all, and let click list them
        group.get_command(ctx, name)
    formatter = ctx.make_formatter()
    TyperGroup.format_commands(group, ctx, formatter)
    eager = formatter.getvalue()
    assert eager.lstrip("\n").startswith("Commands:\n")
    assert eager.strip() in lazy  # the section, verbatim


def test_running_a_command_imports_only_its_module() -> None:
    code = (
        "import sys\n"
        "from roledeck.__main__ import main\n"
        "sys.argv = ['roles', 'show', 'devops-specialist', '-f', 'text']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('roledeck.cli.'))\n"
        "print(' '.join(loaded), file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ROLES_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr.split() == ["roledeck.cli.app", "roledeck.cli.common", "roledeck.cli.show"]


def test_shell_completion_offers_every_command() -> None:
    env = {
        **os.environ,
        "_ROLES_COMPLETE": "complete_bash",
        "COMP_WORDS": "roles ",
        "COMP_CWORD": "1",
    }
    roles = os.path.join(os.path.dirname(sys.executable), "roles")  # noqa: PTH118, PTH120
    if not os.path.exists(roles):  # noqa: PTH110
        pytest.skip("the roles console script is not installed")
    done = subprocess.run([roles], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == list(COMMANDS)
    some = {**env, "COMP_WORDS": "roles s"}
    done = subprocess.run([roles], env=some, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["show", "schema"]


def test_a_typo_still_suggests_the_command() -> None:
    result = run_roles("lsit")
    assert result.exit_code == 2
    assert "No such command 'lsit'. Did you mean 'list', 'lint'?" in result.stderr
