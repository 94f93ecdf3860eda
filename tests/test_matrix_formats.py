"""`roles matrix` through the CLI, in every format, on the seeds and generated catalogs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from roledeck.reporters.matrix_markdown import WIDTH, wrap
from roledeck.reporters.matrix_markdown import width as md_width

from .helpers import ENGINEER, SPECIALIST, run_roles, write
from .matrixcases import generate

HOSTILE_NAME = "<script>alert(1)</script> Lead"
HOSTILE = f"""\
id: evil
name: "{HOSTILE_NAME}"
needs:
  - text: "Use {{x}} and <b>bold</b> | pipe * star _ `tick` [a](http://evil.example) www.x.example"
  - text: "\\e[31mred\\e[0m and \\u202e bidi"
  - text: "- dash 1. one = equals + plus 12) paren ===== --- ### > quote and more words here"
duties:
  - name: "=HYPERLINK(\\"http://x\\")"
    description: "@cmd"
sub_roles:
  - kind: wizard
    title: "The <img src=x onerror=alert(1)>"
    custom: true
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 12)
    return folder


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    generate(folder, 60)
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(ENGINEER, folder)
    shutil.copy(SPECIALIST, folder)
    write(folder / "evil.yaml", HOSTILE)
    return folder


def matrix(*args: str) -> str:
    result = run_roles("matrix", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# -- rich and text ---------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["sub-roles", "duties", "needs"])
def test_rich_fits_80_columns_without_ansi_when_piped(by: str, many: Path) -> None:
    for folder in ("roles", str(many)):
        out = matrix("--by", by, "--roles-dir", folder)
        assert "\x1b" not in out
        assert max(len(line) for line in out.splitlines()) <= 80, out


def test_rich_seeds_sub_roles() -> None:
    out = matrix()
    assert re.search(r"DevOps Engineer\s+✓\s+✓\s+✓\s+✗\s+✗\s+3", out)
    assert re.search(r"DevOps Specialist\s+✓\s+✓\s+✓\s+✓\s+✓\s+5", out)
    assert re.search(r"total\s+2\s+2\s+2\s+1\s+1", out)
    assert "2 roles × 5 sub-role kinds; 1 lacks a canonical sub-role." in out
    assert "Sec security (The Security Expert)" in " ".join(out.split())


def test_rich_duties_abbreviates_roles_with_a_legend() -> None:
    out = matrix("--by", "duties")
    assert re.search(r"duty\s+DE\s+DS\s+roles\s+flags", out)
    assert re.search(r"D3\s+Monitoring and Logging\s+✓\s+~\s+2\s+similar", out)
    assert "DE DevOps Engineer (devops-engineer); DS DevOps Specialist" in " ".join(out.split())


def test_rich_lists_roles_per_row_when_they_do_not_fit(many: Path) -> None:
    out = matrix("--by", "needs", "--roles-dir", str(many))
    assert re.search(r"need\s+roles\s+flags\s+which", out)
    assert "more" in out  # long lists are cut to a few lines


def test_rich_colour_only_on_request() -> None:
    assert "\x1b[" in run_roles("--color", "always", "matrix").stdout
    assert "\x1b[" not in run_roles("matrix", env={"NO_COLOR": "1"}).stdout


def test_text_is_one_line_per_row_with_the_label_last() -> None:
    out = matrix("--by", "needs", "--format", "text")
    lines = out.splitlines()
    assert lines[0].split() == ["DE", "DS", "roles", "flags", "need"]
    assert lines[4].split()[:5] == ["N4", "·", "✓", "1", "unique"]
    assert lines[4].endswith("Creation/optimization and accountability for end-to-end processes")
    assert "DevOps Engineer: lacks manager, coach" in matrix("-f", "text")


def test_text_lists_roles_beyond_the_grid_limit(many: Path) -> None:
    out = matrix("--by", "duties", "-f", "text", "--roles-dir", str(many))
    first = out.splitlines()[1]
    assert " — " in first
    assert len(first.split(" — ")[1].split()) == int(first.split()[1])


def test_similar_rich_and_text() -> None:
    out = matrix("--similar", "engineer")
    assert "Roles closest to DevOps Engineer (devops-engineer)" in out
    assert re.search(r"1\s+0\.86\s+DevOps Specialist \(devops-specialist\) shares 9 of its 12", out)
    flat = " ".join(out.split())
    assert "~ duty: Monitoring and Logging ~ Monitoring and Managing environments." in flat
    text = matrix("--similar", "engineer", "-f", "text")
    assert "       = sub-role  The Security Expert" in text


def test_controls_in_role_text_are_made_visible(hostile: Path) -> None:
    for fmt in ("rich", "text", "csv", "markdown", "html", "json"):
        out = matrix("--by", "needs", "--roles-dir", str(hostile), "-f", fmt)
        assert "\x1b" not in out and "\u202e" not in out, fmt


# -- markdown --------------------------------------------------------------------------------


def _markdown_problems(page: str) -> list[str]:
    """What markdownlint's default rules and MDX would object to, checked structurally."""
    problems = []
    lines = page.split("\n")
    assert lines[0] == "---" and page.endswith("\n") and not page.endswith("\n\n")
    end = lines.index("---", 1)
    body = lines[end + 1 :]
    previous = "---"
    table_columns = 0
    for number, line in enumerate(body, start=end + 2):
        if md_width(line) > WIDTH and " " in line[WIDTH:]:
            problems.append(f"{number}: longer than {WIDTH} (MD013)")
        if line != line.rstrip():
            problems.append(f"{number}: trailing space (MD009)")
        if line == "" and previous == "":
            problems.append(f"{number}: two blank lines (MD012)")
        unescaped = re.sub(r"\\.", "", line)
        if re.search(r"[<{}]", unescaped):
            problems.append(f"{number}: unescaped < or braces (MDX, MD033)")
        if line.startswith("|"):
            cells = len(re.sub(r"\\\|", "", line).split("|")) - 2
            if table_columns and cells != table_columns:
                problems.append(f"{number}: {cells} cells, header has {table_columns} (MD056)")
            table_columns = table_columns or cells
            if not re.fullmatch(r"\|( [^ ].*? \|| \|)+", line.replace("\\|", "x")):
                problems.append(f"{number}: not the compact table style (MD060)")
        else:
            table_columns = 0
        if re.match(r"\s*(#{1,6} |[-+*] |\d+[.)] |[=-]+$)", line) and not re.match(
            r"(## [A-Z]|- \*\*|- [A-Z\\<(]|   - |  - |\d+\. \*\*|\s+\S)", line
        ):
            problems.append(f"{number}: a block construct not ours: {line!r}")
        previous = line
    return problems


@pytest.mark.parametrize("by", ["sub-roles", "duties", "needs"])
def test_markdown_page_passes_the_structural_checks(
    by: str, generated: Path, many: Path, hostile: Path
) -> None:
    empty = hostile.parent / "empty-catalog"
    empty.mkdir(exist_ok=True)
    for folder in ("roles", generated, many, hostile, empty):
        page = matrix("--by", by, "-f", "markdown", "--roles-dir", str(folder))
        assert _markdown_problems(page) == [], page
        assert "\n## Legend\n" in page
        assert page.startswith(f'---\ntitle: "Role matrix: {by}"\n')


def test_markdown_similar_page_passes_the_structural_checks(generated: Path, hostile: Path) -> None:
    for folder, role in (("roles", "engineer"), (generated, "cloud-architect"), (hostile, "evil")):
        page = matrix("--similar", role, "-f", "markdown", "--roles-dir", str(folder))
        assert _markdown_problems(page) == [], page


def test_markdown_seeds_tables() -> None:
    page = matrix("-f", "markdown")
    assert (
        "| Role | S | D | Sec | M | C | Total |\n| --- | :-: | :-: | :-: | :-: | :-: | --: |\n"
        in page
    )
    assert "| DevOps Engineer | ✓ | ✓ | ✓ | ✗ | ✗ | 3 |" in page
    assert "- DevOps Engineer (devops-engineer): manager, coach" in page
    needs = matrix("--by", "needs", "-f", "markdown")
    assert "| N3 | Implementing continuous integration and… | ✓ | \\~ | 2 | similar |" in needs
    assert "- **N3** (similar), worded 2 ways:\n  - Implementing" in needs
    assert "- **DE**: DevOps Engineer (devops-engineer)" in needs


def test_markdown_escapes_role_text(hostile: Path) -> None:
    page = matrix("--by", "needs", "-f", "markdown", "--roles-dir", str(hostile))
    assert "\\<script\\>alert(1)\\</script\\> Lead (evil)" in page
    assert "Use \\{x\\} and \\<b\\>bold\\</b\\> \\| pipe \\* star \\_ \\`tick\\`" in page
    assert "http\\://evil.example" in page and "www\\.x.example" in page


def test_markdown_wrap_never_starts_a_line_with_a_block() -> None:
    risky = ["-", "+", "=====", "1.", "12)", "---"]
    starts = 0
    for shift in range(1, 30):  # every risky word lands at the start of a line somewhere
        text = " ".join(["x" * shift, *(["word"] * 14), *risky, *(["word"] * 9)] * 3)
        lines = wrap(text, "- ", "  ")
        for line in lines[1:]:
            starts += line.lstrip().split(" ")[0].lstrip("\\") in risky
            assert not re.match(r"\s*([-+=]+|\d+[.)])(\s|$)", line), line
        assert all(md_width(line) <= WIDTH for line in lines)
    assert starts > 10


# -- csv and json ----------------------------------------------------------------------------


def test_csv_seeds() -> None:
    rows = list(csv.reader(io.StringIO(matrix("-f", "csv"))))
    assert rows[0] == [
        "id",
        "name",
        *["sysadmin", "developer", "security", "manager", "coach"],
        "total",
        "missing",
    ]
    assert rows[1] == [
        "devops-engineer",
        "DevOps Engineer",
        "x",
        "x",
        "x",
        "",
        "",
        "3",
        "manager;coach",
    ]
    needs = list(csv.reader(io.StringIO(matrix("--by", "needs", "-f", "csv"))))
    assert needs[0] == ["group", "text", "roles", "flags", "devops-engineer", "devops-specialist"]
    assert needs[3][2:] == ["2", "similar", "x", "~"]
    ranking = list(csv.reader(io.StringIO(matrix("--similar", "engineer", "-f", "csv"))))
    assert ranking[1][:8] == [
        "1",
        "devops-specialist",
        "DevOps Specialist",
        "0.8571",
        "9",
        "3",
        "3",
        "3",
    ]


def test_csv_cells_are_never_formulas(hostile: Path) -> None:
    rows = list(
        csv.reader(io.StringIO(matrix("--by", "duties", "-f", "csv", "--roles-dir", str(hostile))))
    )
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x"): @cmd' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_json_matrix_and_ranking(generated: Path) -> None:
    data = json.loads(matrix("--by", "needs", "-f", "json"))
    assert data["version"] == 1 and data["by"] == "needs" and data["similarity"] == 0.5
    assert [r["short"] for r in data["roles"]] == ["DE", "DS"]
    n3 = data["rows"][2]
    assert n3["flags"] == ["similar"]
    assert n3["cells"] == [
        {"column": "devops-engineer", "mark": "has", "count": 1},
        {"column": "devops-specialist", "mark": "variant", "count": 1},
    ]
    assert [w["roles"] for w in n3["wordings"]] == [["devops-engineer"], ["devops-specialist"]]
    subs = json.loads(matrix("-f", "json"))
    assert subs["rows"][0]["missing"] == ["manager", "coach"]
    assert {"column": "coach", "mark": "missing", "count": 0} in subs["rows"][0]["cells"]
    assert [c["total"] for c in subs["columns"]] == [2, 2, 2, 1, 1]
    ranking = json.loads(
        matrix("--similar", "cloud-architect", "-f", "json", "--roles-dir", str(generated))
    )
    assert ranking["similar"]["id"] == "cloud-architect"
    scores = [m["score"] for m in ranking["matches"]]
    assert scores == sorted(scores, reverse=True)


# -- html ------------------------------------------------------------------------------------


class Page(HTMLParser):
    """The parts of a page the checks look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.rows: dict[str, list[list[str]]] = {"thead": [], "tbody": [], "tfoot": []}
        self.section = ""
        self.cell: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("meta", "br"):
            return
        self.stack.append(tag)
        if tag in self.rows:
            self.section = tag
        elif tag == "tr":
            self.rows[self.section].append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if tag in ("th", "td") and self.cell is not None:
            self.rows[self.section][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def _self_contained(page: Page) -> None:
    names = [tag for tag, _ in page.tags]
    assert "script" not in names
    assert names.count("table") >= 1 and names.count("style") == 1
    for _, attrs in page.tags:
        for key in ("src", "href", "action", "srcset"):
            assert key not in attrs, attrs
        assert not any(k.startswith("on") for k in attrs)


@pytest.mark.parametrize("by", ["sub-roles", "duties", "needs"])
def test_html_structure(by: str, generated: Path) -> None:
    for folder in ("roles", generated):
        page = parse(matrix("--by", by, "-f", "html", "--roles-dir", str(folder)))
        _self_contained(page)
        (head,) = page.rows["thead"]
        body = page.rows["tbody"]
        assert body and all(len(row) == len(head) for row in body)
        assert all(len(row) == len(head) for row in page.rows["tfoot"])
        text = "".join(page.text)
        assert "Legend" in text
        data = json.loads(matrix("--by", by, "-f", "json", "--roles-dir", str(folder)))
        assert len(body) == len(data["rows"])
        if by != "sub-roles":
            for role in data["roles"]:
                assert role["short"] in head
                assert f"{role['name']} ({role['id']})" in text


def test_html_seeds_marks_and_grades() -> None:
    html = matrix("-f", "html")
    page = parse(html)
    assert page.rows["thead"][0] == ["Role", "S", "D", "Sec", "M", "C", "Total"]
    assert page.rows["tbody"][0] == ["DevOps Engineer", "✓", "✓", "✓", "✗", "✗", "3"]
    assert page.rows["tfoot"][0] == ["Total", "2", "2", "2", "1", "1", ""]
    assert '<tr class="lacking">' in html
    assert 'class="mark missing' in html and "g5" in html
    assert "@media print" in html and "@page" in html


def test_html_escapes_role_text(hostile: Path) -> None:
    for args in (["--by", "needs"], [], ["--similar", "evil"], ["--by", "duties"]):
        html = matrix(*args, "-f", "html", "--roles-dir", str(hostile))
        page = parse(html)
        _self_contained(page)
        assert "<script" not in html and "<img" not in html and "<b>bold" not in html
    page = parse(matrix("--by", "needs", "-f", "html", "--roles-dir", str(hostile)))
    assert f"{HOSTILE_NAME} (evil)" in "".join(page.text)
    assert "SASL1" in page.rows["thead"][0]


def test_html_lists_roles_per_row_beyond_the_grid_limit(many: Path) -> None:
    page = parse(matrix("--by", "duties", "-f", "html", "--roles-dir", str(many)))
    assert page.rows["thead"][0] == ["#", "Duty", "Roles that have it", "Roles", "Flags"]


def test_html_similar(generated: Path) -> None:
    page = parse(matrix("--similar", "engineer", "-f", "html"))
    _self_contained(page)
    assert page.rows["thead"][0] == [
        "#",
        "Role",
        "Score",
        "Shared needs",
        "Shared duties",
        "Shared sub-roles",
    ]
    (row,) = page.rows["tbody"]
    assert row[1] == "DevOps Specialistdevops-specialist"
    assert row[2].startswith("0.86")


# -- the command -----------------------------------------------------------------------------


def test_output_file_and_exit_codes(tmp_path: Path, generated: Path) -> None:
    target = tmp_path / "m.html"
    result = run_roles("matrix", "--by", "duties", "-f", "html", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    rich_file = tmp_path / "m.txt"
    assert run_roles("--color", "always", "matrix", "-o", str(rich_file)).exit_code == 0
    assert "\x1b" not in rich_file.read_text(encoding="utf-8")


def test_roles_and_tags_select(generated: Path) -> None:
    out = matrix(
        "cloud-architect",
        "data-operator",
        "--by",
        "needs",
        "-f",
        "csv",
        "--roles-dir",
        str(generated),
    )
    assert out.splitlines()[0].endswith(",cloud-architect,data-operator")
    tagged = matrix("--tag", "Cloud", "-f", "csv", "--roles-dir", str(generated))
    assert all(line.startswith(("id,", "cloud-")) for line in tagged.splitlines())


def test_usage_errors_exit_2() -> None:
    for args, message in (
        (["--similar", "engineer", "--by", "needs"], "not with --by"),
        (["nobody"], "no such role: 'nobody'"),
        (["--tag", "nope"], "no role has the tag 'nope'"),
        (["--similar", "nobody"], "no such role"),
    ):
        result = run_roles("matrix", *args)
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert result.stdout == ""


def test_unreadable_files_are_reported_after_the_matrix(tmp_path: Path) -> None:
    generate(tmp_path, 3)
    write(tmp_path / "broken.md", "---\ntitle: [x\n---\n# The Role of a Broken\n")
    result = run_roles("matrix", "--roles-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "3 roles × 6 sub-role kinds" in " ".join(result.stdout.split())
    assert "broken.md" in result.stderr


def test_help_documents_the_measure() -> None:
    out = run_roles("matrix", "--help").stdout
    flat = " ".join(out.split())
    assert "score = 2 × shared / (features of both)" in flat
    assert "'verbatim' = identical once each role's name reads as one placeholder" in flat


def test_many_custom_kinds_fold_into_one_column(tmp_path: Path) -> None:
    kinds = [
        f"The {word} Wrangler"
        for word in [
            "Alpha",
            "Beta",
            "Gamma",
            "Delta",
            "Epsilon",
            "Zeta",
            "Eta",
            "Theta",
            "Iota",
            "Kappa",
            "Lambda",
            "Mu",
        ]
    ]
    for number in range(3):
        sections = "\n\n".join(f"### {kind}\n\nThey wrangle." for kind in kinds[number::2])
        write(
            tmp_path / f"r{number}.md",
            f"# The Role of a Herder {number}\n\n## How a Herder {number} Works\n\n{sections}\n",
        )
    page = matrix("-f", "markdown", "--roles-dir", str(tmp_path))
    assert _markdown_problems(page) == [], page
    assert "| Role | S | D | Sec | M | C |" in page and "| Other |" in page
    assert "## Sub-roles not in the table" in page
    assert "- **Kap** The Kappa Wrangler: Herder 1" in page
    out = matrix("--roles-dir", str(tmp_path))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert re.search(r"role\s+S\s+D\s+Sec\s+M\s+C\s+total\s+other", out)
