"""Where roledeck keeps its caches: the lint cache and the name index share one folder.

Like ruff's, it is the user's cache folder: `$ROLES_CACHE_DIR`, else
`$XDG_CACHE_HOME/roledeck`, else `~/.cache/roledeck`. What is in it can always be deleted:
every cache is rebuilt when missing and ignored when damaged.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The folder for roledeck's cache files."""
    explicit = os.environ.get("ROLES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "roledeck"
