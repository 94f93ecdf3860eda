"""The key map of `roles browse`, in one place: the help screen shows it, the README's table is
checked against it, and the screens' bindings use the same keys."""

from __future__ import annotations

KEYMAP: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("?", "this help (Esc closes it)"),
            ("q, ctrl+c", "quit"),
            ("Esc", "back to the previous view"),
            ("tab, shift+tab", "next / previous pane"),
            ("↑ ↓, j k", "move or scroll; PgUp PgDn, ctrl+b ctrl+f a page; g G first, last"),
        ),
    ),
    (
        "The list",
        (
            ("/", "filter as you type: words match name, id, tag, sub-role; Enter keeps it"),
            ("Esc", "clear the filter"),
            ("Enter, double click", "open the role"),
            ("space", "mark or unmark the role (for diff and matrix)"),
            ("d", "diff: the marked role against this one (or the two marked)"),
            ("m", "matrix of the marked roles (two or more) or of the listed ones"),
            ("s, S", "sort by the next column / reverse the order (or click a title)"),
            ("e", "edit the file in $VISUAL or $EDITOR (a broken file at its error)"),
            ("r", "reload the catalog"),
        ),
    ),
    (
        "Filter words",
        (
            ("ops lead", "both words, in name, id, tags, path or sub-roles"),
            ("tag: id: name:", "in one field only: tag:faq, id:devops, path:eng/"),
            ("has: no:", "with / without a sub-role: has:security, no:coach"),
            ("-word, !word", "without the word"),
            ("is:broken", "only the files that could not be read"),
        ),
    ),
    (
        "A role",
        (
            ("[ ], 1 2 3", "previous / next tab: Role, Lint, Similar"),
            ("t", "show or hide the table of contents (Enter jumps to a section)"),
            ("e", "edit the file at the section or finding under the cursor"),
            ("d", "diff the marked role against this one"),
        ),
    ),
    (
        "Diff and matrix",
        (
            ("s", "diff: side by side or unified"),
            ("[ ], 1 2 3", "matrix: by sub-roles, duties or needs"),
        ),
    ),
)


def keymap_markdown() -> str:
    """The key map as the README's Markdown table (a test keeps the two the same)."""
    lines = ["| where | keys | what they do |", "| --- | --- | --- |"]
    for title, keys in KEYMAP:
        for key, what in keys:
            shown = key.replace("|", "\\|")
            lines.append(f"| {title} | `{shown}` | {what} |")
    return "\n".join(lines)
