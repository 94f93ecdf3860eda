"""Coverage-guided fuzzing of the loader and every reporter with atheris (`make fuzz`).

Run by `make fuzz` for FUZZ_SECONDS (default 60), which installs atheris into .venv on first
use (it is not a test dependency: a libFuzzer build, and nothing CI needs). By hand::

    .venv/bin/python fuzz/fuzz_loader.py -max_total_time=60 -timeout=2 -rss_limit_mb=200 \\
        fuzz/.corpus roles

The property is the one tests/test_fuzz_loader.py checks with hypothesis: any bytes, as a
Markdown or a YAML role file, load into a role or raise `RoleError`; a role renders in every
format without an exception and without a raw control character. libFuzzer's `-timeout` and
`-rss_limit_mb` make a slow or memory-hungry input a crash too, with the same bounds
`make hostile-check` applies to the corpus. Crashing inputs are written as crash-* files; put
the interesting ones in tests/hostile_corpus.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit(
        "fuzz_loader: atheris is not installed. `make fuzz` installs it into .venv; it needs a "
        "CPython with a matching atheris wheel (or clang to build one)."
    )

with atheris.instrument_imports(include=["roledeck"]):
    from roledeck.errors import RoleError
    from roledeck.parse import parse_markdown, parse_yaml_role
    from roledeck.render import render_markdown
    from roledeck.reporters.role_table import table_view, to_json
    from roledeck.reporters.role_view import rich_view, text_view
    from roledeck.reporters.serial import role_json, role_yaml
    from roledeck.source import SourceText, decode
    from roledeck.summary import summary
    from roledeck.textsafe import visible


def _raw_controls(text: str) -> bool:
    return any(
        (ord(ch) < 0x20 and ch not in "\n\t")
        or 0x7F <= ord(ch) <= 0x9F
        or ch in "\u061c\u200e\u200f"
        or 0x202A <= ord(ch) <= 0x202E
        or 0x2066 <= ord(ch) <= 0x2069
        or 0xD800 <= ord(ch) <= 0xDFFF
        for ch in text
    )


def test_one_input(data: bytes) -> None:
    """The harness: the first byte picks the file type, the rest is the file."""
    if not data:
        return
    suffix = ".yaml" if data[0] & 1 else ".md"
    source = decode_or_none(Path(f"fuzz{suffix}"), data[1:])
    if source is None:
        return
    try:
        document = parse_yaml_role(source) if suffix == ".yaml" else parse_markdown(source)
    except RoleError as exc:
        if "\n" in exc.message:
            raise AssertionError(f"a multi-line error message: {exc.message!r}") from None
        return
    role = document.role
    rows = [summary(role)]
    for output in (
        rich_view(role, color=False),
        text_view(role),
        role_json(role),
        role_yaml(role),
        visible(render_markdown(role)),
        table_view(rows, color=False),
        to_json(rows),
    ):
        if _raw_controls(output):
            raise AssertionError(f"a raw control character in: {output[:200]!r}")


def decode_or_none(path: Path, data: bytes) -> SourceText | None:
    try:
        return decode(path, data)
    except RoleError:
        return None


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
