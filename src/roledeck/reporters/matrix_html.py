"""`roles matrix --format html`: one self-contained page, a colour-graded table.

No script, no external file: the page is one string with its CSS inline, so it can be mailed,
attached to a CI run or opened from disk. Every text from a role file goes through
`html.escape` (role files come from pull requests). Colour grades how widely a row's item is
shared (the needs and duties views) or how common a sub-role is (the sub-roles view), on a
scale of six steps `g0`–`g5`; a missing canonical sub-role is red. `@media print` lays the
page out landscape with small type and keeps the colours, so a matrix of a few dozen roles
prints on one page. Groups worded several ways open (`<details>`, no script) on their
wordings.
"""

from __future__ import annotations

import html

from roledeck.matrix import Matrix, Ranking, Row, Shared
from roledeck.reporters.matrix_parts import (
    GRID_LIMIT,
    ITEM,
    MARKS,
    MEASURE,
    TITLES,
    column_labels,
    flag_legend,
    kind_legend,
    mark_legend,
    ranking_summary,
    safe,
    summary,
)

STEPS = 5

CSS = """
:root {
  --ink: #1f2933; --muted: #616e7c; --rule: #d9e2ec; --paper: #ffffff;
  --g0: #f5f7fa; --g1: #d6ecf3; --g2: #a9d8e6; --g3: #6cbcd6; --g4: #2f95bd; --g5: #14628a;
  --miss: #fbd5d5; --miss-ink: #a61b1b; --variant: #fff3c4;
  --verbatim: #7b3fa0; --similar: #a86b00; --unique: #1c7a8c;
}
* { box-sizing: border-box; }
body {
  margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: var(--ink);
  background: var(--paper); font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p.summary { margin: 0 0 1rem; color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--rule); padding: .2rem .45rem; vertical-align: top; }
thead th {
  position: sticky; top: 0; background: #edf2f7; font-weight: 600; text-align: center;
  z-index: 1;
}
thead th.text, td.text, th.text { text-align: left; }
th.key { color: var(--muted); font-weight: 500; text-align: right; white-space: nowrap; }
td.text { min-width: 16rem; max-width: 40rem; }
td.mark { text-align: center; font-weight: 700; width: 2.2em; }
td.num { text-align: right; white-space: nowrap; }
.g0 { background: var(--g0); }
.g1 { background: var(--g1); }
.g2 { background: var(--g2); }
.g3 { background: var(--g3); }
.g4 { background: var(--g4); color: #fff; }
.g5 { background: var(--g5); color: #fff; }
td.mark.variant { background: var(--variant); color: var(--similar); }
td.missing { background: var(--miss); color: var(--miss-ink); }
td.absent { color: #bcccdc; }
tr.lacking th.role { color: var(--miss-ink); }
tfoot td, tfoot th { font-weight: 600; background: #f0f4f8; }
.flag { display: inline-block; padding: 0 .4em; border-radius: .6em; font-size: .85em;
  color: #fff; margin: 0 .15em .1em 0; white-space: nowrap; }
.flag.verbatim { background: var(--verbatim); }
.flag.similar { background: var(--similar); }
.flag.unique { background: var(--unique); }
.flag.missing { background: var(--miss-ink); }
details summary { cursor: pointer; color: var(--muted); font-size: .9em; }
details ul { margin: .2rem 0 .2rem 1.1rem; padding: 0; }
.who { color: var(--muted); font-size: .9em; }
.who .variant { font-style: italic; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem;
  margin: 0; }
dl.legend dt { font-weight: 700; text-align: right; }
dl.legend dd { margin: 0; }
.scale { display: flex; gap: 0; margin: .3rem 0; }
.scale span { flex: 0 0 2.6rem; text-align: center; font-size: .8em; padding: .1rem 0; }
.bar { height: .45rem; border-radius: .25rem; margin-top: .15rem; min-width: .3rem; }
td.score { min-width: 5rem; }
td.items { font-size: .92em; }
.item.similar { font-style: italic; }
ul.roles { columns: 22rem auto; column-gap: 1.5rem; margin: 0 0 .6rem; padding: 0;
  list-style: none; }
ul.roles li { break-inside: avoid; padding-left: 3.6em; text-indent: -3.6em; }
ul.roles b { display: inline-block; min-width: 3.2em; text-indent: 0; }
tfoot td.num.mark { text-align: center; }
@page { size: A4 landscape; margin: 8mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 7.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .scroll { overflow: visible; }
  thead th { position: static; }
  th, td { padding: .05rem .25rem; }
  td.text { min-width: 0; max-width: none; }
  h1 { font-size: 11pt; } h2 { font-size: 9pt; margin: .4rem 0 .2rem; }
  p.summary { margin-bottom: .3rem; }
  details > *:not(summary) { display: none; }
  section.legend { break-inside: avoid; }
  dl.legend { grid-template-columns: repeat(3, max-content 1fr); }
  ul.roles { columns: 4; }
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e4e7eb; --muted: #9aa5b1; --rule: #3e4c59; --paper: #1f2933;
    --g0: #27323d; --miss: #5c1f1f; --miss-ink: #ffb3b3; --variant: #4d4020; }
  thead th, tfoot td, tfoot th { background: #323f4b; }
}
"""


def _e(text: str, limit: int = 4000) -> str:
    """Role text for HTML: printable, and escaped for text and attributes alike."""
    return html.escape(safe(text, limit), quote=True)


def _grade(part: int, whole: int) -> str:
    """The colour step (g1–g5) of a share; g0 for nothing."""
    if part <= 0 or whole <= 0:
        return "g0"
    return f"g{max(1, min(STEPS, -(-part * STEPS // whole)))}"


def _page(title: str, lead: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="roles matrix">',
            f"<title>{_e(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            f"<h1>{_e(title)}</h1>",
            f'<p class="summary">{_e(lead)}</p>',
            *body,
            "</body>",
            "</html>",
        ]
    )


def _flags(row: Row) -> str:
    return "".join(f'<span class="flag {f}">{f}</span>' for f in row.flags)


def _legend(pairs: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(m)}</dd>" for k, m in pairs)
    return f'<dl class="legend">{items}</dl>'


def _roles(pairs: list[tuple[str, str]]) -> str:
    items = "".join(f"<li><b>{_e(k)}</b> {_e(m)}</li>" for k, m in pairs)
    return f'<ul class="roles">{items}</ul>'


def _scale(label: str) -> str:
    steps = "".join(
        f'<span class="g{i}">{"≤" if i < STEPS else ""}{i * 20}%</span>'
        for i in range(1, STEPS + 1)
    )
    return f'<p class="summary">{_e(label)}</p><div class="scale">{steps}</div>'


def matrix_html(matrix: Matrix) -> str:
    title = f"Role matrix: {TITLES[matrix.by].lower()}"
    if matrix.by == "sub-roles":
        table = _sub_roles(matrix)
        legend = kind_legend(matrix)
        scale = _scale("Colour: the share of roles with the sub-role (row totals: of the kinds).")
    else:
        table = _items(matrix)
        legend = [(r.short, f"{r.name} ({r.id})") for r in matrix.roles]
        scale = _scale("Colour: the share of roles with the item.")
    legend_html = [
        '<section class="legend">',
        "<h2>Legend</h2>",
        _roles(legend),
        scale,
        _legend(mark_legend(matrix) + flag_legend(matrix)),
        "</section>",
    ]
    return (
        _page(title, summary(matrix), ['<div class="scroll">', table, "</div>", *legend_html])
        + "\n"
    )


def _sub_roles(matrix: Matrix) -> str:
    labels = column_labels(matrix)
    totals = matrix.column_totals
    roles = len(matrix.roles)
    head = ['<th scope="col" class="text">Role</th>']
    head += [
        f'<th scope="col" title="{_e(c.key)}: {_e(c.label)}">{_e(label)}</th>'
        for label, c in zip(labels, matrix.columns, strict=True)
    ]
    head.append('<th scope="col">Total</th>')
    rows = []
    for row in matrix.rows:
        role = matrix.roles[row.head.role or 0]
        cells = [f'<th scope="row" class="text role" title="{_e(role.id)}">{_e(role.name)}</th>']
        for i, mark in enumerate(row.marks):
            grade = _grade(totals[i], roles) if mark == "has" else ""
            cells.append(f'<td class="mark {mark} {grade}">{MARKS[mark]}</td>')
        cells.append(f'<td class="num {_grade(row.total, len(labels))}">{row.total}</td>')
        lacking = ' class="lacking"' if row.missing else ""
        rows.append(f"<tr{lacking}>{''.join(cells)}</tr>")
    foot = ['<th scope="row" class="text">Total</th>']
    foot += [f'<td class="num mark">{n}</td>' for n in totals]
    foot.append("<td></td>")
    return _table(head, rows, foot)


def _table(head: list[str], rows: list[str], foot: list[str]) -> str:
    tfoot = [f"<tfoot><tr>{''.join(foot)}</tr></tfoot>"] if foot else []
    return "\n".join(
        [
            '<table class="matrix">',
            f"<thead><tr>{''.join(head)}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            *tfoot,
            "</table>",
        ]
    )


def _items(matrix: Matrix) -> str:
    labels = column_labels(matrix)
    grid = len(matrix.roles) <= GRID_LIMIT
    roles = len(matrix.roles)
    head = [
        '<th scope="col">#</th>',
        f'<th scope="col" class="text">{ITEM[matrix.by].capitalize()}</th>',
    ]
    if grid:
        head += [
            f'<th scope="col" title="{_e(r.name)} ({_e(r.id)})">{_e(label)}</th>'
            for label, r in zip(labels, matrix.roles, strict=True)
        ]
    else:
        head.append('<th scope="col" class="text">Roles that have it</th>')
    head += ['<th scope="col">Roles</th>', '<th scope="col" class="text">Flags</th>']
    rows = []
    for row in matrix.rows:
        grade = _grade(row.total, roles)
        cells = [f'<th scope="row" class="key">{_e(row.head.key)}</th>', _label(matrix, row)]
        if grid:
            for mark in row.marks:
                shade = grade if mark == "has" else ""
                cells.append(f'<td class="mark {mark} {shade}">{MARKS[mark]}</td>')
        else:
            cells.append(f'<td class="text who">{_who(matrix, row)}</td>')
        cells.append(f'<td class="num {grade}">{row.total}</td>')
        cells.append(f'<td class="text">{_flags(row)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    foot = ["<td></td>", '<th scope="row" class="text">Total</th>']
    if grid:
        foot += [f'<td class="num mark">{n}</td>' for n in matrix.column_totals]
    else:
        foot.append("<td></td>")
    foot += ["<td></td>", "<td></td>"]
    return _table(head, rows, foot)


def _label(matrix: Matrix, row: Row) -> str:
    text = _e(row.head.label)
    if len(row.wordings) <= 1:
        return f'<td class="text">{text}</td>'
    items = []
    for wording in row.wordings:
        shorts = ", ".join(_e(matrix.roles[i].short) for i in wording.roles)
        items.append(f'<li>{_e(wording.text)} <span class="who">({shorts})</span></li>')
    return (
        f'<td class="text">{text}<details><summary>worded {len(row.wordings)} ways</summary>'
        f"<ul>{''.join(items)}</ul></details></td>"
    )


def _who(matrix: Matrix, row: Row) -> str:
    out = []
    for mark, role in zip(row.marks, matrix.roles, strict=True):
        if mark == "has":
            out.append(f'<span title="{_e(role.name)}">{_e(role.short)}</span>')
        elif mark == "variant":
            out.append(f'<span class="variant" title="{_e(role.name)}">{_e(role.short)}~</span>')
    return " ".join(out)


def ranking_html(ranking: Ranking) -> str:
    target = ranking.role
    title = f"Roles closest to {target.name}"
    rows = []
    for rank, match in enumerate(ranking.matches, start=1):
        percent = round(match.score * 100)
        cells = [
            f'<th scope="row" class="key">{rank}</th>',
            f'<td class="text"><strong>{_e(match.role.name)}</strong><br>'
            f'<span class="who">{_e(match.role.id)}</span></td>',
            f'<td class="num score">{match.score:.2f} '
            f'<span class="who">({len(match.shared)} of {match.features})</span>'
            f'<div class="bar {_grade(percent, 100)}" style="width:{percent}%"></div></td>',
        ]
        for section in SECTIONS:
            items = [_shared(s) for s in match.shared if s.section == section]
            cells.append(f'<td class="text items">{" · ".join(items)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = [
        '<th scope="col">#</th>',
        '<th scope="col" class="text">Role</th>',
        '<th scope="col">Score</th>',
        *(f'<th scope="col" class="text">Shared {s}</th>' for s in SECTIONS),
    ]
    body = ['<div class="scroll">', _table(head, rows, []), "</div>"]
    if ranking.unrelated:
        names = ", ".join(_e(f"{r.name} ({r.id})") for r in ranking.unrelated)
        body += ["<h2>Sharing nothing</h2>", f"<p>{names}</p>"]
    legend = [
        ("plain", "verbatim: worded identically"),
        ("~ italic", "similar: worded differently (hover for theirs)"),
        ("score", MEASURE),
    ]
    body += ['<section class="legend">', "<h2>Legend</h2>", _legend(legend), "</section>"]
    return _page(title, ranking_summary(ranking), body) + "\n"


SECTIONS = ("needs", "duties", "sub-roles")


def _shared(item: Shared) -> str:
    if item.verbatim:
        return f'<span class="item verbatim">{_e(item.text)}</span>'
    theirs = f"theirs: {item.other}"
    return f'<span class="item similar" title="{_e(theirs)}">~{_e(item.text)}</span>'
