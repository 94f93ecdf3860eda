"""Make user text safe to print on a terminal.

Role files come from pull requests anyone can open. rich strips only a few control bytes and
passes ESC, CSI, OSC 8 hyperlinks and C1 codes straight to the terminal, so every text output
goes through `visible()` first: control characters become visible escapes (`\\x1b`), which both
neutralises them and shows the reader that the file contains them.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, the bidirectional controls (Unicode's
# Bidi_Control set: marks, embeddings, overrides, isolates) that can make text display in a
# different order than it is stored, the line and paragraph separators (a line break to
# `str.splitlines` and JavaScript, nothing on most terminals: a finding would be split in two
# for some readers of the output and not others), and lone surrogates (a file name that is
# not UTF-8), which cannot even be written to a UTF-8 stream.
_CONTROLS = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f{_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Return `text` with every control character replaced by a visible escape."""
    out = _UNSAFE.sub(_escape, text)
    if not keep_newlines:
        out = out.replace("\n", "\\n")
    return out


def clip(text: str, limit: int = 2000) -> str:
    """Shorten very long text for display: rich takes seconds to lay out a megabyte line."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


_JSON_UNSAFE = re.compile(f"[{_CONTROLS}]")


def safe_json(data: object, *, indent: int | None = 2) -> str:
    """JSON with every control character escaped, C1, bidi controls and surrogates included.

    `json.dumps` escapes only C0 controls; the rest would reach a terminal that `cat`s the
    output. They only ever occur inside strings, where `\\uXXXX` is a valid escape.
    """
    import json

    return escape_controls(json.dumps(data, indent=indent, ensure_ascii=False))


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `escape_controls` would escape."""
    return _JSON_UNSAFE.search(text) is not None


def escape_controls(text: str) -> str:
    """`\\uXXXX` for every control character above C0, and for lone surrogates.

    Valid only where `\\uXXXX` is an escape: inside JSON strings and YAML double-quoted
    scalars (the serializers make sure that is the only place such characters can be).
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
