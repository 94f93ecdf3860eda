"""Entry point of the `roles` command and of `python -m roledeck`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the CLI; `roles --version` answers before the heavy libraries are imported."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from roledeck import __version__

        sys.stdout.write(f"roles {__version__}\n")
        return
    # roles loads no pydantic plugins; looking for them costs an entry-point scan per start
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from roledeck.cli.app import run

    run()


if __name__ == "__main__":
    main()
