"""`roles fmt` and `roles lint --fix` on the corpus of varied profiles: the page stays the same.

Each profile of tests/corpus/docs is copied, formatted and fixed through the CLI, and its body
rendered to HTML by the CommonMark parser before and after (comments dropped, whitespace
outside `<pre>` collapsed) — as one page, in order. The corpus builds in Docusaurus and is
written in the conventional section order, so nothing may move, and nothing may be refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import REPO, run_roles
from .test_rewrite_properties import page

DOCS = REPO / "tests" / "corpus" / "docs"
PROFILES = sorted(
    p.relative_to(DOCS).as_posix()
    for p in DOCS.rglob("*")
    if p.suffix in (".md", ".mdx")
    and not p.relative_to(DOCS).as_posix().startswith(("guides", "intro"))
)


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus, formatted and then fixed, once for every test of this module."""
    root = tmp_path_factory.mktemp("corpus") / "docs"
    shutil.copytree(DOCS, root)
    formatted = run_roles("fmt", "--roles-dir", str(root), str(root))
    assert formatted.exit_code == 0, formatted.stderr
    run_roles("lint", "--fix", "--no-cache", "--roles-dir", str(root), str(root))
    return root


def test_the_corpus_is_all_there() -> None:
    assert len(PROFILES) >= 40


@pytest.mark.parametrize("name", PROFILES)
def test_fmt_and_fix_keep_the_page(rewritten: Path, name: str) -> None:
    before = (DOCS / name).read_text(encoding="utf-8")
    after = (rewritten / name).read_text(encoding="utf-8")
    assert page(after) == page(before), name


@pytest.mark.parametrize("name", PROFILES)
def test_a_second_fmt_and_fix_change_nothing(rewritten: Path, name: str, tmp_path: Path) -> None:
    once = (rewritten / name).read_text(encoding="utf-8")
    path = tmp_path / Path(name).name
    path.write_text(once, encoding="utf-8")
    run_roles("fmt", str(path))
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert path.read_text(encoding="utf-8") == once
