#!/usr/bin/env python3
"""The steps of roledeck's GitHub Action (action.yml): `lint`, then `comment`.

Standard library only: it runs on the runner's Python next to the installed `roles`. Inputs
arrive as environment variables (never pasted into a shell script, so a branch name or a
path cannot inject a command); results go to $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY.

`comment` posts the pull request's `roles changes --format markdown` as ONE comment, found
again on the next push by a hidden marker and updated in place, so a pull request never
collects a comment per push. A token without write access (a pull request from a fork) is a
warning, not a failure: the lint annotations still show.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

MARKER = "<!-- roledeck:changes -->"
"""The hidden first line of the comment this action owns."""
LIMIT = 65_000
"""GitHub refuses comment bodies over 65,536 characters."""


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _catalog_args() -> list[str]:
    args: list[str] = []
    if _env("INPUT_ROLES_DIR"):
        args += ["--roles-dir", _env("INPUT_ROLES_DIR")]
    if _env("INPUT_CONFIG"):
        args += ["--config", _env("INPUT_CONFIG")]
    return args


def _output(name: str, value: str) -> None:
    path = _env("GITHUB_OUTPUT")
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(f"{name}={value}\n")


def _summary(text: str) -> None:
    path = _env("GITHUB_STEP_SUMMARY")
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text.rstrip("\n") + "\n")


def _workflow(kind: str, message: str) -> None:
    """A workflow command (`::warning::…`), its data escaped as the runner expects."""
    data = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::{kind}::{data}", flush=True)


def lint() -> int:
    """`roles lint --format github`: annotations on the diff; the status goes to an output.

    The step itself succeeds, so that the comment step still runs; the action's last step
    fails the job with this status.
    """
    command = ["roles", "lint", "--format", "github", *_catalog_args()]
    if _env("INPUT_STRICT").lower() == "true":
        command.append("--strict")
    command += shlex.split(_env("INPUT_PATHS"))
    status = subprocess.run(command, check=False).returncode
    _output("lint-status", str(status))
    return 0


# -- the pull-request comment --------------------------------------------------------------


class Api:
    """The few GitHub REST calls the comment needs."""

    def __init__(self, base: str, repository: str, token: str) -> None:
        self.base = base.rstrip("/")
        self.repository = repository
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(f"{self.base}{path}", data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "roledeck-action")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def find_comment(self, number: int) -> dict[str, Any] | None:
        """The first comment of the pull request that holds the marker, every page looked at."""
        page = 1
        while True:
            path = f"/repos/{self.repository}/issues/{number}/comments?per_page=100&page={page}"
            comments = self.call("GET", path)
            for comment in comments:
                if MARKER in (comment.get("body") or ""):
                    return dict(comment)
            if len(comments) < 100:
                return None
            page += 1

    def post(self, number: int, body: str) -> dict[str, Any]:
        path = f"/repos/{self.repository}/issues/{number}/comments"
        return dict(self.call("POST", path, {"body": body}))

    def update(self, comment_id: int, body: str) -> dict[str, Any]:
        path = f"/repos/{self.repository}/issues/comments/{comment_id}"
        return dict(self.call("PATCH", path, {"body": body}))


def _changes(spec: str, *extra: str) -> tuple[int, str, str]:
    command = ["roles", "changes", spec, "--format", "markdown", *_catalog_args(), *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, done.stderr


def comment_body(spec: str) -> tuple[str | None, bool]:
    """The comment for `roles changes SPEC`, and whether any role differs; None on failure."""
    status, text, errors = _changes(spec, "--exit-code")
    if errors:
        sys.stderr.write(errors)
    if status not in (0, 1, 2) or not text.strip():
        return None, False
    differs = status != 0  # 1: roles differ; 2: files could not be read, worth saying too
    body = f"{MARKER}\n{text}"
    if len(body) > LIMIT:
        _, short, _ = _changes(spec, "--stat")
        note = (
            f"\n_The full report is too long for a comment: run `roles changes {spec}` "
            "locally, or see the job summary._\n"
        )
        body = f"{MARKER}\n{short}{note}"
    return body, differs


def comment() -> int:
    """Post or update the one `roles changes` comment of the pull request."""
    event_path = _env("GITHUB_EVENT_PATH")
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8")) if event_path else {}
    except (OSError, ValueError) as exc:
        _workflow("error", f"cannot read the event payload {event_path}: {exc}")
        return 1
    pull = event.get("pull_request")
    if not isinstance(pull, dict):
        _workflow("notice", "not a pull request event: no role-changes comment")
        return 0
    number = int(pull["number"])
    base = _env("INPUT_BASE") or str(pull["base"]["sha"])
    spec = f"{base}...HEAD"
    body, differs = comment_body(spec)
    if body is None:
        hint = "is the base commit fetched? actions/checkout needs fetch-depth: 0"
        _workflow("error", f"roles changes {spec} failed ({hint})")
        return 1
    _output("changed", "true" if differs else "false")
    _summary(body.removeprefix(MARKER + "\n"))
    token = _env("INPUT_GITHUB_TOKEN") or _env("GITHUB_TOKEN")
    if not token:
        _workflow("warning", "no GitHub token: the role-changes comment is not posted")
        return 0
    api = Api(_env("GITHUB_API_URL", "https://api.github.com"), _env("GITHUB_REPOSITORY"), token)
    try:
        previous = api.find_comment(number)
        if previous is None and not differs:
            print("no role changes and no earlier comment: nothing to post")
            return 0
        if previous is None:
            posted = api.post(number, body)
        else:
            posted = api.update(int(previous["id"]), body)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
        reason = getattr(exc, "code", None) or getattr(exc, "reason", None) or exc
        _workflow(
            "warning",
            f"cannot post the role-changes comment ({reason}); a pull request from a fork "
            "gets a read-only token",
        )
        return 0
    url = str(posted.get("html_url", ""))
    _output("comment-url", url)
    print(f"{'updated' if previous else 'posted'} {url}")
    return 0


def main(argv: list[str]) -> int:
    steps = {"lint": lint, "comment": comment}
    if len(argv) != 1 or argv[0] not in steps:
        sys.stderr.write("usage: roledeck_action.py lint|comment\n")
        return 2
    return steps[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
