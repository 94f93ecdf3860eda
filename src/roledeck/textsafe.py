"""Make user text safe to print on a terminal.

Role files come from pull requests anyone can open. rich strips only a few control bytes and
passes ESC, CSI, OSC 8 hyperlinks and C1 codes straight to the terminal, so every text output
goes through `visible()` first: control characters become visible escapes (`\\x1b`), which both
neutralises them and shows the reader that the file contains them.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, and the bidirectional overrides and
# isolates that can make text display in a different order than it is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_json(data: object, *, indent: int | None = 2) -> str:
    """JSON with every control character escaped, C1 and bidi controls included.

    `json.dumps` escapes only C0 controls; the rest would reach a terminal that `cat`s the
    output. They only ever occur inside strings, where `\\uXXXX` is a valid escape.
    """
    import json

    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
