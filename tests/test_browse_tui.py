"""`roles browse` driven through Textual's headless harness: key presses and clicks in, what
is on the screen (the widgets' state and the text drawn) out. 80×24 throughout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, TabbedContent

from roledeck.tui.app import BrowseApp, auto_theme
from roledeck.tui.main_screen import MainScreen
from roledeck.tui.report_view import ReportView
from roledeck.tui.role_list import RoleList
from roledeck.tui.role_screen import RoleScreen
from roledeck.tui.screens import DiffScreen, HelpScreen, MatrixScreen

from .browse_scenes import SIZE, go_to, make_app, screen_lines, screen_text, settle, wait_until
from .browsecases import make_catalog
from .helpers import write


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The varied catalog, as `roles/` of the working directory (short paths on screen)."""
    make_catalog(tmp_path / "roles")
    monkeypatch.chdir(tmp_path)
    return Path("roles")


def rows(app: BrowseApp) -> RoleList:
    return app.screen_stack[0].query_one(RoleList)


def shown_names(app: BrowseApp) -> list[str]:
    rl = rows(app)
    return [rl.entries[i].name for i in rl.shown]


def view_text(app: BrowseApp, selector: str = "#view") -> str:
    return "\n".join(app.screen.query_one(selector, ReportView).plain_lines)


async def test_the_list_shows_every_role_and_each_broken_file_as_one_row(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == 24
        assert lines[0].startswith(" roles browse")
        assert lines[2].split() == ["name", "▲", "id", "tags", "S", "D", "Sec", "M", "C"]
        # broken files first, each one row: path:line: message
        assert lines[3].startswith("  ✗ ") and "broken.md:2: invalid YAML" in lines[3]
        assert "unclosed.md:1: frontmatter is not closed" in lines[4]
        text = screen_text(app)
        for name in ("Agile Coach", "Developer Advocate", "MLOps Engineer", "QA Lead 0042"):
            assert name in text
        assert "Responsable Sécurité      securite" in text
        engineer = next(line for line in lines if "DevOps Engineer" in line)
        assert engineer.split()[-5:] == ["✓", "✓", "✓", "·", "·"]  # S D Sec M C
        assert "10 roles · 2 unreadable · sort: name ▲" in lines[-2]
        assert "/ Filter" in lines[-1] and "q Quit" in lines[-1]


async def test_user_text_is_never_markup_and_controls_are_made_visible(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # markup in a name and a tag is shown as written; ESC, BEL and C1 as escapes
        chaos = next(line for line in screen_lines(app) if "Chaos" in line)
        assert chaos.startswith("  [bold]Chaos[/] \\x1b[31mM…")
        assert "[red]x[/red], ops" in text
        assert "\x1b" not in text and "\x9b" not in text
        await pilot.press("slash", *"chaos", "enter")
        await pilot.press("enter")
        await settle(pilot)
        lines = screen_lines(app)
        assert lines[0].startswith(" [bold]Chaos[/] \\x1b[31mMonkey\\x1b]8;;http://x\\x07 \\x9b")
        body = view_text(app)
        assert "[bold]Chaos[/] \\x1b[31mMonkey" in body
        assert "\x1b" not in body and "\x07" not in body and "\x9b" not in body


async def test_filter_as_you_type_then_keep_it_or_clear_it(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"coa")
        assert shown_names(app) == ["Agile Coach", "DevOps Specialist", "Engineering Manager"]
        await pilot.press("ctrl+a", "ctrl+k", *"has:sec -devops")  # ctrl+a ctrl+k: clear
        assert shown_names(app) == ["MLOps Engineer", "Responsable Sécurité"]
        assert "2 of 10 roles" in screen_lines(app)[-2]
        await pilot.press("down", "enter")  # down moves the list while typing; Enter keeps
        assert isinstance(app.focused, RoleList)
        assert rows(app).current is not None and rows(app).current.name == "Responsable Sécurité"
        assert app.screen.query_one(Input).value == "has:sec -devops"
        await pilot.press("escape")
        assert len(shown_names(app)) == 12
        await pilot.press("slash", *"is:broken")
        assert len(shown_names(app)) == 2 and all(
            n.startswith(("invalid", "front")) for n in shown_names(app)
        )
        await pilot.press("escape", "escape")
        await pilot.press("slash", *"tag:")  # half-typed: no term yet
        assert len(shown_names(app)) == 12


async def test_sort_by_key_reverse_and_by_clicking_a_title(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rl = rows(app)
        await pilot.press("s")
        assert rl.sort_key == "id"
        ids = [rl.entries[i].id for i in rl.shown if not rl.entries[i].broken]
        assert ids == sorted(ids, key=str.casefold)
        assert "id ▲" in screen_lines(app)[2] and "sort: id ▲" in screen_lines(app)[-2]
        await pilot.press("S")
        ids = [rl.entries[i].id for i in rl.shown if not rl.entries[i].broken]
        assert ids == sorted(ids, key=str.casefold, reverse=True)
        assert "sort: id ▼" in screen_lines(app)[-2]
        # a click on the tags title sorts by tags; a second click reverses
        column = screen_lines(app)[2].index("tags")
        await pilot.click(RoleList, offset=(column + 1, 0))
        assert (rl.sort_key, rl.reverse) == ("tags", False)
        await pilot.click(RoleList, offset=(column + 1, 0))
        assert (rl.sort_key, rl.reverse) == ("tags", True)


async def test_keys_and_the_mouse_move_the_cursor(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rl = rows(app)
        await pilot.press("j", "j", "down")
        assert rl.cursor == 3
        await pilot.press("k")
        assert rl.cursor == 2
        await pilot.press("G")
        assert rl.cursor == 11
        await pilot.press("g")
        assert rl.cursor == 0
        await pilot.click(RoleList, offset=(5, 6))  # screen row 6 of the list: the 6th row
        assert rl.cursor == 5
        await pilot.click(RoleList, offset=(5, 6), times=2)
        await settle(pilot)
        assert isinstance(app.screen, RoleScreen)


async def test_a_small_terminal_scrolls_the_list_under_its_header(tmp_path: Path) -> None:
    for number in range(40):
        write(tmp_path / "roles" / f"r{number:02}.md", f"# The Role of a Role {number:02}\n")
    app = make_app(tmp_path / "roles")
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        await pilot.press("pagedown", "pagedown")
        lines = screen_lines(app)
        assert lines[2].split()[:2] == ["name", "▲"]  # the header stays
        current = rows(app).current
        assert current is not None
        assert any(current.name in line for line in lines[3:-2])


async def test_open_a_role_as_roles_show_renders_it_with_a_table_of_contents(
    catalog: Path,
) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "DevOps Specialist")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RoleScreen)
        lines = screen_lines(app)
        assert lines[0].startswith(" DevOps Specialist  ") and "devops-specialist.md" in lines[0]
        assert "Role  Lint (13)  Similar" in lines[1]
        body = view_text(app)
        assert "Why a DevOps Specialist is Needed" in body
        assert "Creation/optimization and accountability" in body
        toc = app.screen.query_one("#toc", OptionList)
        assert [str(toc.get_option_at_index(i).prompt) for i in range(toc.option_count)][:4] == [
            "DevOps Specialist",
            "Needs",
            "Duties",
            "How it works",
        ]
        view = app.screen.query_one("#view", ReportView)
        assert view.scroll_y == 0
        await pilot.press("t")  # shows/hides the contents: hidden, then shown and focused
        await pilot.press("t")
        assert app.focused is toc
        await pilot.press("down", "down", "down", "down")  # to "System Administrator"
        await pilot.pause()
        top = round(view.scroll_y)
        assert top > 0
        assert "System Administrator" in view.plain_lines[top]
        await pilot.press("enter")
        assert app.focused is view
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > top
        # a wider terminal: the role is laid out again for the new width
        narrow = view.laid_out_for
        await pilot.resize_terminal(120, 30)
        await wait_until(pilot, lambda: view.laid_out_for == narrow + 40)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_lint_tab_lists_findings_with_lines_and_edits_at_the_line(
    tmp_path: Path, catalog: Path
) -> None:
    calls: list[list[str]] = []
    role = catalog / "devops-specialist.md"

    def editor(argv: list[str]) -> str | None:
        calls.append(argv)
        text = role.read_text(encoding="utf-8")
        role.write_text(
            text.replace(
                "# The Role of a DevOps Specialist", "# The Role of a DevOps Wizard"
            ).replace("a DevOps Specialist", "a DevOps Wizard"),
            encoding="utf-8",
        )
        return None

    app = make_app(catalog, editor=editor, environ={"EDITOR": "vim"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "DevOps Specialist")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        assert app.screen.query_one(TabbedContent).active == "lint"
        table = app.screen.query_one("#findings", DataTable)
        assert app.focused is table
        cells = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        assert cells[0] == [
            "17",
            "warning",
            "CT002",
            "need has no final punctuation, but 3 of 4 end with '.'",
        ]
        assert [c[0] for c in cells] == sorted((c[0] for c in cells), key=int)
        assert "CT003" in screen_text(app)
        await pilot.press("down", "enter")  # the second finding: line 24
        assert calls == [["vim", "+24", str(role)]]
        # the file changed: the view, the title and the list's row follow
        await wait_until(pilot, lambda: "DevOps Wizard" in view_text(app))
        await settle(pilot)
        assert screen_lines(app)[0].startswith(" DevOps Wizard")
        # reloaded while its tab was hidden: laid out for its real width once shown
        await pilot.press("1")
        await settle(pilot)
        view = app.screen.query_one("#view", ReportView)
        assert view.usable_width is not None and view.usable_width > 40
        assert view.laid_out_for == view.usable_width
        assert max(len(line) for line in view.plain_lines) > 40
        await pilot.press("escape")
        await wait_until(pilot, lambda: "DevOps Wizard" in shown_names(app))
        assert "DevOps Specialist" not in shown_names(app)


async def test_the_view_reloads_when_the_file_changes_on_disk(catalog: Path) -> None:
    role = catalog / "agile-coach.md"
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Agile Coach")
        await pilot.press("enter")
        await settle(pilot)
        assert "Teams need" not in view_text(app)
        text = role.read_text(encoding="utf-8").replace(
            "- Keeping the lights on.", "- Teams need a coach.\n- And a second need"
        )
        role.write_text(text + "\n", encoding="utf-8")
        os.utime(role, ns=(1, 1))  # a different stamp even on a coarse clock
        await wait_until(pilot, lambda: "Teams need a coach." in view_text(app))
        await settle(pilot)
        assert "Lint (" in screen_lines(app)[1]
        # broken on disk: the view says why, the app goes on
        role.write_text("---\ntags: [\n---\n", encoding="utf-8")
        await wait_until(pilot, lambda: "invalid YAML" in view_text(app))
        assert "✗" in view_text(app)
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: any("agile-coach.md" in e.path and e.broken for e in rows(app).entries)
        )


async def test_a_broken_file_opens_on_its_error_and_edits_at_its_line(catalog: Path) -> None:
    calls: list[list[str]] = []
    app = make_app(catalog, editor=lambda argv: calls.append(argv), environ={"VISUAL": "nano"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(app).current is not None and rows(app).current.broken
        await pilot.press("e")
        assert calls == [["nano", "+2", str(catalog / "broken.md")]]
        await pilot.press("enter")
        await settle(pilot)
        assert "✗ " in view_text(app) and "broken.md:2: invalid YAML" in view_text(app)
        assert "Lint (1)" in screen_lines(app)[1]
        await pilot.press("3")
        await settle(pilot)
        assert "nothing to compare" in view_text(app, "#similar-view")


async def test_an_editor_that_cannot_start_is_one_message(catalog: Path) -> None:
    app = make_app(catalog, environ={"EDITOR": "/no/such/editor"})
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "e")  # headless: the terminal cannot be handed over
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages and "editor" in messages[-1]
        assert isinstance(app.screen, MainScreen)


async def test_similar_tab_ranks_the_other_roles(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "DevOps Engineer")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("]", "]")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "similar"
        text = view_text(app, "#similar-view")
        assert text.startswith("Roles closest to DevOps Engineer (devops-engineer)")
        assert "DevOps Specialist (devops-specialist)" in text and "0.86" in text
        await pilot.press("[")
        assert app.screen.query_one(TabbedContent).active == "lint"


async def test_mark_then_diff_unified_and_side_by_side(catalog: Path) -> None:
    app = make_app(catalog, color=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")  # nothing marked: a hint, no screen
        assert isinstance(app.screen, MainScreen)
        assert "Mark a role" in app._notifications.__iter__().__next__().message
        await go_to(pilot, "DevOps Engineer")
        await pilot.press("space")
        assert "●" in next(line for line in screen_lines(app) if "DevOps Engineer" in line)
        assert "1 marked" in screen_lines(app)[-2]
        await go_to(pilot, "DevOps Specialist")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        lines = screen_lines(app)
        assert "devops-engineer → devops-specialist" in lines[0]
        assert "13 changes: 8 added, 5 changed" in lines[0]
        body = view_text(app, "#diff")
        assert body.startswith("--- devops-engineer (")
        assert "[-software-]{+delivery+}" in body.replace("\n", " ").replace("  ", " ")
        await pilot.press("s")
        await settle(pilot)
        side = app.screen.query_one(ReportView).plain_lines
        assert side[0].split() == ["DevOps", "Engineer", "DevOps", "Specialist"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_diff_from_a_role_against_the_marked_one(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Agile Coach")
        await pilot.press("space")
        await go_to(pilot, "Engineering Manager")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert "agile-coach → engineering-manager" in screen_lines(app)[0]


async def test_matrix_of_the_listed_or_the_marked_roles_in_three_views(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MatrixScreen)
        assert "by sub-roles · the listed roles  10 roles" in screen_lines(app)[0]
        body = view_text(app, "#matrix")
        assert body.split("\n")[0].split()[:7] == ["role", "S", "D", "Sec", "M", "C", "Wiz"]
        assert "10 roles × 6 sub-role kinds" in body
        await pilot.press("2")
        await settle(pilot)
        assert "by duties" in screen_lines(app)[0]
        assert "duty" in view_text(app, "#matrix").split("\n")[0]
        await pilot.press("]")
        await settle(pilot)
        assert "by needs" in screen_lines(app)[0]
        await pilot.press("escape")
        # two marked roles: their matrix only
        await go_to(pilot, "Agile Coach")
        await pilot.press("space")
        await go_to(pilot, "SRE")
        await pilot.press("space", "m")
        await settle(pilot)
        assert "2 marked roles  2 roles" in screen_lines(app)[0]
        # the filter narrows the listed roles
        await pilot.press("escape", "space", "escape")  # unmark SRE, leave the list
        await pilot.press("slash", *"tag:dev", "enter", "m")
        await settle(pilot)
        assert "the listed roles  2 roles" in screen_lines(app)[0]


async def test_help_lists_the_keys_and_goes_away(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "roles browse: keys" in text and "filter as you type" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # q closes the help, not the app
        assert isinstance(app.screen, RoleScreen)


async def test_q_quits_from_anywhere(catalog: Path) -> None:
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_every_screen_fits_80_by_24(catalog: Path) -> None:
    """No screen scrolls as a whole (the panes do) and the footer is on the last line."""
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in (
            (),
            ("enter",),
            ("2",),
            ("3",),
            ("escape", "space", "j", "d"),
            ("s",),
            ("escape", "m"),
            ("question_mark",),
        ):
            await pilot.press(*keys)
            await settle(pilot)
            screen = app.screen
            assert screen.virtual_size.height <= 24, (keys, screen)
            assert screen.max_scroll_y == 0, keys
            if not isinstance(screen, HelpScreen):
                assert "? Help" in screen_lines(app)[-1], keys


async def test_no_color_turns_colours_off_and_keeps_the_word_marks(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(catalog)
    assert app.no_color and not app.color
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "DevOps Engineer")
        await pilot.press("space")
        await go_to(pilot, "DevOps Specialist")
        await pilot.press("d")
        await settle(pilot)
        assert "{+delivery+}" in view_text(app, "#diff")
        svg = app.export_screenshot()
    # monochrome: every colour drawn is a grey (red, green and blue alike)
    import re

    colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg)) | set(
        re.findall(r'fill="#([0-9a-f]{6})"', svg)
    )
    assert colours
    colours -= {"ff5f57", "febc2e", "28c840"}  # the window buttons the SVG draws around it
    channels = {c: [int(c[i : i + 2], 16) for i in (0, 2, 4)] for c in colours}
    greys = {c for c, rgb in channels.items() if max(rgb) - min(rgb) <= 8}
    assert colours == greys


def test_auto_theme_follows_colorfgbg() -> None:
    assert auto_theme({}) == "ansi-dark"
    assert auto_theme({"COLORFGBG": "15;0"}) == "ansi-dark"
    assert auto_theme({"COLORFGBG": "0;15"}) == "ansi-light"
    assert auto_theme({"COLORFGBG": "0;default;7"}) == "ansi-light"
    assert auto_theme({"COLORFGBG": "garbage"}) == "ansi-dark"


@pytest.mark.parametrize(("theme", "name"), [("dark", "textual-dark"), ("light", "textual-light")])
async def test_themes(catalog: Path, theme: str, name: str) -> None:
    app = make_app(catalog, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == name
        assert "DevOps Engineer" in screen_text(app)


async def test_a_large_catalog_loads_in_batches_through_worker_processes(tmp_path: Path) -> None:
    # above PARALLEL_FROM files the summaries come from worker processes
    for number in range(420):
        write(
            tmp_path / "roles" / f"f{number % 7}" / f"r{number:03}.md",
            f"---\ntags: [t{number % 5}]\n---\n# The Role of a Role {number:03}\n\n## Why a Role {number:03} is Needed\n\n- It is.\n",
        )
    write(tmp_path / "roles" / "bad.md", "---\n: [\n---\n")
    app = make_app(tmp_path / "roles")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert len(rows(app).shown) == 421
        assert "420 roles · 1 unreadable" in screen_lines(app)[-2]
        await pilot.press("slash", *"tag:t3 role 04")
        assert shown_names(app) == ["Role 043", "Role 048"]
        await pilot.press("escape", "r")  # reload: read again from the start
        await settle(pilot, timeout=60)
        assert len(rows(app).shown) == 421
