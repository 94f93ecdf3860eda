"""What `roles` does before a command runs (issue 18): as little as the command needs.

Timing is for `make bench`; these tests check the mechanisms the numbers rest on.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import REPO

PROBE = """
import sys
sys.argv = ["roles", *sys.argv[1:]]
from roledeck.__main__ import main
try:
    main()
except SystemExit:
    pass
loaded = [m for m in sys.modules if m.startswith(("importlib.metadata", "email", "textual",
          "roledeck.git", "roledeck.nameindex", "roledeck.summary"))]
tokenize = sys.modules.get("tokenize")  # imported by inspect; its patterns compiled or not
if tokenize is not None and tokenize._compile.cache_info().currsize:
    loaded.append("tokenize patterns")
print(" ".join(sorted(loaded)), file=sys.stderr)
"""


def _loaded(*args: str, env: dict[str, str] | None = None) -> list[str]:
    full = {
        k: v for k, v in os.environ.items() if k not in ("ROLES_DIR", "PYDANTIC_DISABLE_PLUGINS")
    }
    full.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=full,
        check=True,
        timeout=120,
    )
    return done.stderr.split("\n")[-2].split()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "devops-specialist"], []),
        (["show", "specialist", "-f", "json"], []),
        (["diff", "engineer", "specialist"], []),
        (["list"], ["roledeck.summary"]),
        (["--help"], []),
        (["--version"], []),
        (["browse", "--help"], []),  # textual only when the screen opens
        (["changes", "--help"], []),
        (["diff", "devops-engineer@HEAD", "devops-engineer"], ["roledeck.gitcatalog"]),
    ],
)
def test_commands_load_only_what_they_use(args: list[str], expected: list[str]) -> None:
    # importlib.metadata and email come with pydantic's plugin loader; tokenize's patterns
    # with parsing a builtin's signature; git modules with NAME@REV; the name index with
    # catalogs of 32 files and more; summaries with `roles list`
    loaded = _loaded(*args)
    assert [m for m in loaded if m != "roledeck.gitrepo" and m != "roledeck.gitrev"] == expected


def test_the_plugin_loader_stands_aside_when_plugins_are_wanted() -> None:
    # a user who names plugins to skip (not all of them) gets pydantic's own loader
    assert "importlib.metadata" in _loaded("show", "devops-specialist", env={
        "PYDANTIC_DISABLE_PLUGINS": "some_plugin"
    })  # fmt: skip


def test_the_stand_in_answers_as_the_loader_would(monkeypatch: pytest.MonkeyPatch) -> None:
    from roledeck import __main__ as entry

    code = (
        "import os, sys\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from roledeck.__main__ import skip_plugin_loader, PLUGIN_LOADER\n"
        "skip_plugin_loader()\n"
        "stand_in = sys.modules[PLUGIN_LOADER]\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == ()\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n    x: int = 1\n"
        "assert M(x='2').x == 2 and 'importlib.metadata' not in sys.modules\n"
        "group = stand_in.PYDANTIC_ENTRY_POINT_GROUP\n"  # anything else: the real loader
        "assert group == 'pydantic' and sys.modules[PLUGIN_LOADER] is not stand_in\n"
        "assert tuple(sys.modules[PLUGIN_LOADER].get_plugins()) == ()\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.stdout == "ok\n", done.stderr
    assert entry.PLUGIN_LOADER == "pydantic.plugin._loader"
