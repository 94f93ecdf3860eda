"""The one error type the core raises for bad input, so every command reports it alike.

A `RoleError` is expected: bad usage, a missing role, an unreadable or unparsable file. The CLI
prints it as one line (`path:line: message`) and exits 2. Anything else that escapes is a bug
and becomes "internal error" with exit 3.
"""

from __future__ import annotations

from pathlib import Path


class RoleError(Exception):
    """Bad input or usage, reported as `path:line: message`.

    `code` is the lint rule code the problem maps to when `roles lint` reports it as a finding
    (e.g. an unclosed frontmatter is `FM002`), so lint and the other commands agree on wording.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        code: str = "E000",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.code = code

    def located(self) -> str:
        """The message prefixed by its location, as compilers print it."""
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.located()
