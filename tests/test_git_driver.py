"""`roles diff --git-driver` as git's diff driver, in a real repository: diff, show, log -p."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from .gitutil import commit, git, init_repo, isolated_git, needs_git
from .helpers import ENGINEER, SPECIALIST, run_roles, write
from .profiles import profile

pytestmark = [needs_git, pytest.mark.usefixtures("isolated_git")]
__all__ = ["isolated_git"]

DRIVER = f"{shlex.quote(sys.executable)} -m roledeck diff --git-driver"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository set up as the README says: .gitattributes and diff.roles.command."""
    root = init_repo(tmp_path / "repo")
    write(root / ".gitattributes", "roles/**/*.md diff=roles\n")
    git(root, "config", "diff.roles.command", DRIVER)
    (root / "roles").mkdir()
    shutil.copyfile(ENGINEER, root / "roles" / "devops.md")
    write(root / "roles" / "_partial.md", "Shared text.\n")
    write(root / "README.md", "# Handbook\n")
    commit(root, "engineer")
    return root


def test_git_diff_of_the_work_tree(repo: Path) -> None:
    shutil.copyfile(SPECIALIST, repo / "roles" / "devops.md")
    out = git(repo, "diff")
    assert out.startswith("diff --roles a/roles/devops.md b/roles/devops.md\nindex ")
    assert "--- devops (a/roles/devops.md)\n+++ devops (b/roles/devops.md)\n" in out
    assert "name: DevOps Engineer → DevOps Specialist" in out
    assert "to improve [-software-]{+delivery+} quality" in out
    assert out.rstrip().endswith("13 changes: 8 added, 5 changed")
    assert "@@" not in out  # no line diff of the role


def test_git_show_and_log_p(repo: Path) -> None:
    shutil.copyfile(SPECIALIST, repo / "roles" / "devops.md")
    write(repo / "roles" / "qa.md", profile("QA Analyst"))
    commit(repo, "specialist, qa")
    git(repo, "mv", "roles/qa.md", "roles/quality.md")
    (repo / "roles" / "devops.md").unlink()
    commit(repo, "rename qa, delete devops")
    show = git(repo, "show", "--ext-diff", "HEAD~1")
    assert "diff --roles a/roles/qa.md b/roles/qa.md\nnew file mode 100644\n" in show
    assert "+ need 1 · line 10\n  Someone has to do it." in show
    assert "13 changes: 8 added, 5 changed" in show
    log = git(repo, "log", "-p", "--ext-diff", "--format=commit %s")
    assert log.count("diff --roles ") == 5  # engineer, specialist, qa, rename, delete
    assert "diff --roles a/roles/qa.md b/roles/quality.md\nsimilarity index 100%\n" in log
    assert "diff --roles a/roles/devops.md b/roles/devops.md\ndeleted file mode 100644\n" in log
    assert "--- qa (a/roles/qa.md)\n+++ quality (b/roles/quality.md)\n" in log
    # without --ext-diff, git log keeps its own line diff (as git documents)
    assert "diff --roles" not in git(repo, "log", "-p")


def test_other_files_get_a_plain_diff(repo: Path) -> None:
    write(repo / "roles" / "_partial.md", "Shared text, edited.\n")
    write(repo / "roles" / "broken.md", "---\ntitle: [unclosed\n---\n# The Role of a QA\n")
    write(repo / "README.md", "# Handbook\n\nMore.\n")
    git(repo, "add", "-N", "roles/broken.md")
    out = git(repo, "diff")
    assert (
        "diff --git a/roles/_partial.md b/roles/_partial.md\nindex " in out
        and "--- a/roles/_partial.md\n+++ b/roles/_partial.md\n@@ -1 +1 @@\n"
        "-Shared text.\n+Shared text, edited.\n"
        in out
    )
    # a file that does not parse as a role: its text, so nothing is hidden
    assert "+title: [unclosed\n" in out
    assert "--- /dev/null\n+++ b/roles/broken.md\n" in out
    # a file the attribute does not select is git's own business
    assert "diff --git a/README.md b/README.md\nindex " in out


def test_files_outside_the_profiles_selection_are_plain(repo: Path) -> None:
    write(repo / "roles.toml", '[profiles]\ntags = ["role"]\n')
    write(repo / "roles" / "guide.md", profile("Guide Writer", frontmatter="tags: [guide]"))
    git(repo, "add", "-N", "roles/guide.md")
    out = git(repo, "diff", "--", "roles/guide.md")
    assert out.startswith("diff --git a/roles/guide.md b/roles/guide.md\nnew file mode 100644\n")
    assert "+# The Role of a Guide Writer\n" in out


def test_arguments(tmp_path: Path) -> None:
    role = write(tmp_path / "roles" / "qa.md", profile("QA Analyst"))
    seven = ["roles/qa.md", "/dev/null", ".", ".", str(role), "a" * 40, "100644"]
    result = run_roles("diff", "--git-driver", *seven, "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "diff --roles a/roles/qa.md b/roles/qa.md\nnew file mode 100644\n"
        "index 0000000..aaaaaaa\n--- qa (/dev/null)\n+++ qa (b/roles/qa.md)\n"
    )
    unmerged = run_roles("diff", "--git-driver", "roles/qa.md")
    assert (unmerged.exit_code, unmerged.stdout) == (0, "* Unmerged path roles/qa.md\n")
    wrong = run_roles("diff", "--git-driver", "a", "b", "c")
    assert wrong.exit_code == 2
    assert "takes the 7 arguments git passes" in wrong.stderr
    assert run_roles("diff", "--git-driver", *seven, "--exit-code").exit_code == 2
    assert run_roles("diff", "devops-engineer", "devops-specialist", "x").exit_code == 2
    assert run_roles("diff", "devops-engineer").exit_code == 2


def test_control_characters_in_a_plain_diff_are_visible(tmp_path: Path) -> None:
    old = write(tmp_path / "old.txt", "safe\n")
    new = write(tmp_path / "new.txt", "\x1b]8;;http://x\x07link\n")
    args = ["roles/_x.md", str(old), "1" * 40, "100644", str(new), "2" * 40, "100644"]
    result = run_roles("diff", "--git-driver", *args)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "+\\x1b]8;;http://x\\x07link" in result.stdout
