"""The read-and-parse floor: the least work any role linter must do, in one Python process.

Usage::

    python bench/floor.py DIR

Walks DIR, reads every ``.md`` file as bytes, decodes it as UTF-8, splits off the YAML
frontmatter, loads it with ``yaml.load(..., Loader=yaml.CSafeLoader)`` (the C loader, the
fastest the project can use), and scans the body's lines for headings (lines starting with
``#``).  It prints the number of files read, and nothing else, on stdout.

Why it exists: ``roles lint`` cannot be faster than reading and parsing its input, so its time
divided by this script's time (on the same catalog, in the same benchmark run) says how much
the linter spends on top of the unavoidable work.  The targets in bench/README.md are
expressed as such ratios, which survive a change of machine far better than absolute seconds.

Deliberately naive: no caching, no parallelism, no Markdown parser.  Files with broken
frontmatter are still counted; a YAML error is caught and ignored, like a linter that reports
it and moves on.  Stdlib + PyYAML only.
"""

from __future__ import annotations

import contextlib
import os
import sys

import yaml


def scan_file(path: str) -> int:
    """Read, decode, split, YAML-load and heading-scan one file; return its heading count."""
    with open(path, "rb") as fh:  # noqa: PTH123 - plain open() is the cheapest way to read bytes
        text = fh.read().decode("utf-8", errors="replace")
    lines = text.splitlines()
    body_start = 0
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() == "---":
                with contextlib.suppress(yaml.YAMLError):  # a linter reports it and goes on
                    yaml.load("\n".join(lines[1:i]), Loader=yaml.CSafeLoader)
                body_start = i + 1
                break
        # No closing '---': the whole file is body, as a Markdown renderer would see it.
    return sum(1 for line in lines[body_start:] if line.startswith("#"))


def scan_tree(root: str) -> tuple[int, int]:
    """Walk ``root`` (sorted, for reproducible order) and scan every .md file."""
    files = headings = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                headings += scan_file(os.path.join(dirpath, name))  # noqa: PTH118
                files += 1
    return files, headings


def main(argv: list[str]) -> int:
    """Print the file count; the heading count goes to stderr with -v (a sanity check)."""
    args = [a for a in argv if a != "-v"]
    if len(args) != 1:
        print("usage: python bench/floor.py [-v] DIR", file=sys.stderr)
        return 2
    if not os.path.isdir(args[0]):  # noqa: PTH112
        print(f"floor.py: not a directory: {args[0]}", file=sys.stderr)
        return 2
    files, headings = scan_tree(args[0])
    print(files)
    if "-v" in argv:
        print(f"{headings} headings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
