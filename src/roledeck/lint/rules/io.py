"""Rules for files that cannot be read as text (reported by the loader, before parsing)."""

from __future__ import annotations

from roledeck.lint.registry import load_rule

UNREADABLE = load_rule(
    "IO001",
    "unreadable-file",
    """The file cannot be read: missing, a directory, or permission denied.

    **Why**: a file CI cannot read is a file nobody checked.

    **Fails**: a role file with mode `000`, or a dangling symlink.

    **Passes**: any readable file.

    **Fix**: fix the file's permissions, or remove the broken link.
    """,
)

TOO_LARGE = load_rule(
    "IO002",
    "file-too-large",
    """The file is larger than the size limit (1 MiB unless `max-file-size` says otherwise).

    **Why**: a role profile is a few kilobytes; a multi-megabyte file is a mistake or an
    attack, and is reported without being read whole.

    **Fails**: a 5 MB `.md` file in the catalog.

    **Passes**: files under the limit.

    **Fix**: split the file, or raise `max-file-size` in `[tool.roles]`.
    """,
)

BAD_ENCODING = load_rule(
    "IO003",
    "bad-encoding",
    """The file is not UTF-8 text: invalid UTF-8, UTF-16, or binary (NUL bytes).

    **Why**: Docusaurus reads docs as UTF-8; anything else renders as garbage or fails.

    **Fails**: a file saved as UTF-16 by an editor, or an image renamed to `.md`.

    **Passes**: UTF-8, with or without a byte-order mark.

    **Fix**: re-save the file as UTF-8.
    """,
)

RULES = [UNREADABLE, TOO_LARGE, BAD_ENCODING]
