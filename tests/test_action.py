"""The GitHub Action: action.yml checked against the schema, its script run against a fake API."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
import yaml

from .gitutil import ISOLATED, commit, init_repo, needs_git
from .helpers import REPO, SHARED, needs_shared, write
from .profiles import profile

ACTION = REPO / "action.yml"
SCRIPT = REPO / "action" / "roledeck_action.py"
FIXTURES = REPO / "tests" / "fixtures" / "action"
MARKER = "<!-- roledeck:changes -->"


@needs_shared
def test_action_yml_is_a_valid_composite_action() -> None:
    schema = json.loads((SHARED / "schemas" / "github-action.json").read_text(encoding="utf-8"))
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(action)
    assert action["runs"]["using"] == "composite"


def test_inputs_are_used_and_documented() -> None:
    text = ACTION.read_text(encoding="utf-8")
    inputs = set(yaml.safe_load(text)["inputs"])
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == inputs
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The GitHub Action") :]
    for name in inputs:
        assert f"| `{name}` |" in section, name
    # inputs reach the scripts as environment variables, never pasted into a shell line
    for step in yaml.safe_load(text)["runs"]["steps"]:
        assert "inputs." not in step.get("run", "")


# -- a fake GitHub API ----------------------------------------------------------------------


@dataclass
class FakeGitHub:
    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    refuse: int | None = None
    url: str = ""


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    state = FakeGitHub()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, status: int, data: object) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length)) if length else None
            state.requests.append((method, self.path, payload))
            assert self.headers["Authorization"] == "Bearer t0ken"
            if state.refuse and method != "GET":
                self._reply(state.refuse, {"message": "Resource not accessible by integration"})
                return
            match = re.fullmatch(
                r"/repos/acme/handbook/issues/7/comments\?per_page=100&page=(\d+)", self.path
            )
            if method == "GET" and match:
                page = int(match.group(1))
                self._reply(200, state.comments[(page - 1) * 100 : page * 100])
            elif method == "POST" and self.path == "/repos/acme/handbook/issues/7/comments":
                comment = {"id": 1000 + len(state.comments), "body": payload["body"]}
                comment["html_url"] = f"https://github.test/c/{comment['id']}"
                state.comments.append(comment)
                self._reply(201, comment)
            elif method == "PATCH" and self.path.startswith(
                "/repos/acme/handbook/issues/comments/"
            ):
                wanted = int(self.path.rsplit("/", 1)[1])
                comment = next(c for c in state.comments if c["id"] == wanted)
                comment["body"] = payload["body"]
                self._reply(200, {**comment, "html_url": f"https://github.test/c/{wanted}"})
            else:
                self._reply(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Workspace:
    repo: Path
    base: str
    head: str
    tmp: Path

    def event(self, name: str) -> Path:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        path = self.tmp / name
        path.write_text(text.replace("@BASE@", self.base).replace("@HEAD@", self.head))
        return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    repo = init_repo(tmp_path / "repo")
    write(repo / "roles" / "sre.md", profile("SRE", article="an"))
    base = commit(repo, "base")
    write(repo / "roles" / "sre.md", profile("SRE", article="an", needs=("Uptime matters.",)))
    write(repo / "roles" / "qa.md", profile("QA Analyst"))
    head = commit(repo, "head")
    return Workspace(repo, base, head, tmp_path)


def run_step(
    step: str, ws: Workspace, github: FakeGitHub | None, event: str, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = ws.tmp / "outputs.txt"
    outputs.write_text("")
    env = {
        **os.environ,
        **ISOLATED,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_EVENT_PATH": str(ws.event(event)),
        "GITHUB_REPOSITORY": "acme/handbook",
        "GITHUB_API_URL": github.url if github else "http://127.0.0.1:9",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(ws.tmp / "summary.md"),
        "INPUT_GITHUB_TOKEN": "t0ken",
        "NO_COLOR": "1",
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), step],
        cwd=ws.repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    pairs = [line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line]
    return done, dict(pairs)


pytestmark = needs_git


def test_posts_one_comment_then_updates_it(workspace: Workspace, github: FakeGitHub) -> None:
    # a long conversation already: the marker comment must be found on any page
    github.comments = [{"id": n, "body": f"comment {n}"} for n in range(150)]
    done, outputs = run_step("comment", workspace, github, "pull_request.json")
    assert done.returncode == 0, done.stdout + done.stderr
    posts = [r for r in github.requests if r[0] == "POST"]
    assert len(posts) == 1
    body = posts[0][2]["body"]
    assert body.startswith(f"{MARKER}\n### Role changes: ")
    assert "**2 roles differ: 1 added, 1 changed; 0 unchanged**" in body
    assert body.count("<details>") == 1
    assert outputs == {"changed": "true", "comment-url": "https://github.test/c/1150"}
    assert "### Role changes" in (workspace.tmp / "summary.md").read_text()
    # the next push: the same comment is edited, no second one
    write(workspace.repo / "roles" / "qa.md", profile("QA Lead"))
    workspace.head = commit(workspace.repo, "qa lead")
    github.requests.clear()
    done, outputs = run_step("comment", workspace, github, "pull_request.json")
    assert done.returncode == 0, done.stdout + done.stderr
    methods = [(m, p.split("?")[0]) for m, p, _ in github.requests]
    assert methods == [
        ("GET", "/repos/acme/handbook/issues/7/comments"),
        ("GET", "/repos/acme/handbook/issues/7/comments"),
        ("PATCH", "/repos/acme/handbook/issues/comments/1150"),
    ]
    assert "QA Lead" in github.comments[-1]["body"]
    assert outputs["comment-url"] == "https://github.test/c/1150"


def test_no_changes_and_no_comment_posts_nothing(workspace: Workspace, github: FakeGitHub) -> None:
    workspace.base = workspace.head
    done, outputs = run_step("comment", workspace, github, "pull_request.json")
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in github.requests] == ["GET"]
    assert outputs == {"changed": "false"}


def test_a_push_event_is_not_commented(workspace: Workspace, github: FakeGitHub) -> None:
    done, _ = run_step("comment", workspace, github, "push.json")
    assert done.returncode == 0
    assert github.requests == []
    assert "::notice::not a pull request event" in done.stdout


def test_a_read_only_token_is_a_warning(workspace: Workspace, github: FakeGitHub) -> None:
    github.refuse = 403
    done, _ = run_step("comment", workspace, github, "pull_request.json")
    assert done.returncode == 0
    assert "::warning::cannot post the role-changes comment (403)" in done.stdout


def test_a_missing_base_commit_fails_clearly(workspace: Workspace, github: FakeGitHub) -> None:
    done, _ = run_step("comment", workspace, github, "pull_request.json", base="f" * 40)
    assert done.returncode == 1
    assert "fetch-depth: 0" in done.stdout
    assert github.requests == []


def test_lint_step_reports_annotations_and_status(workspace: Workspace) -> None:
    done, outputs = run_step("lint", workspace, None, "push.json")
    assert (done.returncode, outputs) == (0, {"lint-status": "0"})
    write(workspace.repo / "roles" / "broken.md", "---\ntitle: [x\n---\n")
    done, outputs = run_step("lint", workspace, None, "push.json", paths="roles")
    assert (done.returncode, outputs) == (0, {"lint-status": "1"})
    assert "::error file=roles/broken.md,line=2" in done.stdout


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("roledeck_action", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_report_too_long_for_a_comment_is_shortened(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = _module()
    monkeypatch.chdir(workspace.repo)
    for name, value in ISOLATED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    spec = f"{workspace.base}...HEAD"
    full, differs = module.comment_body(spec)
    assert differs and "<details>" in full
    monkeypatch.setattr(module, "LIMIT", len(full) - 1)
    short, _ = module.comment_body(spec)
    assert short.startswith(MARKER) and "<details>" not in short
    assert "too long for a comment" in short
    assert module.main(["nope"]) == 2
