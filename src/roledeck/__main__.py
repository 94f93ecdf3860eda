"""Entry point of the `roles` command and of `python -m roledeck`."""

from __future__ import annotations

import importlib
import os
import sys
import types

PLUGIN_LOADER = "pydantic.plugin._loader"


def main() -> None:
    """Run the CLI; `roles --version` answers before the heavy libraries are imported."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from roledeck import __version__

        sys.stdout.write(f"roles {__version__}\n")
        return
    # roles loads no pydantic plugins; looking for them costs an entry-point scan per start
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_loader()
    from roledeck.cli.app import run

    run()


def skip_plugin_loader() -> None:
    """Stand in for pydantic's plugin loader while every plugin is off.

    With `PYDANTIC_DISABLE_PLUGINS=__all__` (which `main` sets unless the user set it), the
    loader's `get_plugins()` returns no plugins; but importing the loader imports
    `importlib.metadata` (and with it email, zipfile, csv, socket…), ~10 ms of every start
    of `roles`, before the first model or typer option is built. The stand-in answers
    `get_plugins()` as the loader would, and imports the real one for anything else asked
    of it (`tests/test_startup.py` holds it to that).
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PLUGIN_LOADER, "No pydantic plugins: PYDANTIC_DISABLE_PLUGINS.")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        if name.startswith("__"):  # what the import system asks of any module (`__path__`)
            raise AttributeError(name)
        if sys.modules.get(PLUGIN_LOADER) is stand_in:
            del sys.modules[PLUGIN_LOADER]
        return getattr(importlib.import_module(PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = stand_in


if __name__ == "__main__":
    main()
