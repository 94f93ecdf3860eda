#!/usr/bin/env python3
"""Build role Markdown files with the real Docusaurus and report a verdict per file.

Why this exists: ``roles lint`` predicts whether a role doc will break a
Docusaurus 3 build (HTML comments, stray ``{``, ``<Tag>``-like text, ...).
Predictions drift; this harness keeps them honest by asking Docusaurus
itself.  It installs a minimal pinned site (``package.json`` beside this
file) into the scratch folder ``tools/.site/``, then builds every case
file *alone* -- Docusaurus stops at the first broken file, so one build per
file is the only way to get a per-file verdict -- under each supported site
configuration:

* ``mdx``    -- Docusaurus 3 defaults (``markdown.format: 'mdx'``,
                ``mdx1Compat`` on, so ``<!-- -->`` comments are tolerated);
* ``mdx-v4`` -- ``future: {v4: true}`` as a fresh ``create-docusaurus``
                3.10.2 template has (turns ``mdx1Compat`` off and switches
                to the Rspack "faster" bundler);
* ``detect`` -- ``markdown: {format: 'detect'}`` (``.md`` parsed as
                CommonMark).

Both compile errors (MDX parse errors) and static-rendering errors (for
example ``ReferenceError: name is not defined`` for a ``{name}``
expression) fail the build, so both count as failures.

Speed: each configuration gets one long-lived site folder whose ``docs/``
is swapped per case (the copy always has the same name), so Webpack's
persistent cache stays hot for the theme code and only the case file is
recompiled.  ``mdx-v4`` builds with Rspack and without its persistent cache,
which deadlocked here (see ``NO_PERSISTENT_CACHE``).  ``--no-cache`` turns
the Webpack cache off too if a verdict is ever in doubt.

Modes::

    docs_check.py FOLDER [--config C ...]   print per-file verdicts
    docs_check.py --record [FOLDER]         write FOLDER/verdicts.json
    docs_check.py --verify [FOLDER]         rebuild, exit 1 on any drift

FOLDER defaults to ``tests/fixtures/mdx``.  Without ``npm`` on PATH the
script prints ``npm not found: skipping`` and exits 0, so ``make
docs-check`` is harmless on machines without Node.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SITE_ROOT = REPO / "tools" / ".site"
PACKAGE_JSON = HERE / "package.json"
DEFAULT_FOLDER = REPO / "tests" / "fixtures" / "mdx"
VERDICTS_NAME = "verdicts.json"

#: Extra docusaurus.config.js properties per configuration.  Everything
#: else in the generated config is shared (see ``_site_config_js``).
CONFIGS: dict[str, str] = {
    "mdx": "",
    "mdx-v4": "  future: {v4: true},\n",
    "detect": "  markdown: {format: 'detect'},\n",
}

#: A home page doc.  Without a page at "/" the theme's navbar brand and
#: breadcrumbs link to a missing route and ``onBrokenLinks: 'throw'`` fails
#: every build; with it, a broken-link failure really comes from the case.
HOME_DOC_NAME = "docs-check-home.md"
HOME_DOC = "---\nslug: /\ntitle: Home\n---\n\n# docs_check home\n\nHome page.\n"

#: Every case is copied into the site under this stem (see ``_reset_docs``).
DOC_STEM = "case-under-test"

#: Configurations built without the bundler's persistent cache.  The
#: Rspack persistent cache (on by default with ``future.v4``) got into a
#: state where every later build deadlocked (idle event loop, all threads
#: in futex waits) until the cache folder was deleted; a cold Rspack build
#: is only ~5 s slower than a warm one, so it is not worth the risk.
#: Webpack's filesystem cache (``mdx``, ``detect``) has behaved.
NO_PERSISTENT_CACHE = frozenset({"mdx-v4"})

#: Seconds after which one build is considered hung (normal: 5-40 s).
BUILD_TIMEOUT = 300

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Verdict:
    """Outcome of building one file under one configuration.

    ``message`` is the first line of Docusaurus's error (absolute paths
    reduced to file names so the record is machine-independent) and
    ``line`` the 1-based line in the case file when Docusaurus names one.
    """

    builds: bool
    message: str | None
    line: int | None

    def describe(self) -> str:
        """One-line human summary, e.g. ``FAIL line 12: Unexpected ...``."""
        if self.builds:
            return "ok"
        where = f"line {self.line}: " if self.line is not None else ""
        return f"FAIL {where}{self.message}"


class SetupError(RuntimeError):
    """The site could not be installed or started (not a per-file verdict)."""


# --------------------------------------------------------------------------
# installation


def _package_hash() -> str:
    """Hash of package.json: the install is reused while this is unchanged."""
    return hashlib.sha256(PACKAGE_JSON.read_bytes()).hexdigest()[:16]


def deps_dir() -> Path:
    """Folder holding the installed node_modules for the current package.json."""
    return SITE_ROOT / f"deps-{_package_hash()}"


def ensure_installed() -> Path:
    """Install the pinned site dependencies once per package.json content.

    The marker file is written only after ``npm install`` succeeded, so an
    interrupted install is redone instead of trusted.  Installs for older
    package.json versions are removed (each is ~300 MB).
    """
    target = deps_dir()
    marker = target / ".installed"
    if marker.is_file() and (target / "node_modules" / "@docusaurus" / "core").is_dir():
        return target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copyfile(PACKAGE_JSON, target / "package.json")
    print(f"installing Docusaurus site deps into {_rel(target)} (once) ...", flush=True)
    started = time.monotonic()
    proc = subprocess.run(
        ["npm", "install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=target,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SetupError(f"npm install failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    marker.write_text(_package_hash() + "\n")
    print(f"installed in {time.monotonic() - started:.0f}s", flush=True)
    for stale in SITE_ROOT.glob("deps-*"):
        if stale != target and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return target


def docusaurus_version(deps: Path) -> str:
    """Exact installed @docusaurus/core version (what the verdicts are about)."""
    pkg = deps / "node_modules" / "@docusaurus" / "core" / "package.json"
    return str(json.loads(pkg.read_text())["version"])


def node_version() -> str:
    """``node --version`` output, e.g. ``v20.20.2``."""
    return subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


@contextlib.contextmanager
def site_lock() -> Iterator[None]:
    """Serialise concurrent runs: they would share and clobber the site folders."""
    SITE_ROOT.mkdir(parents=True, exist_ok=True)
    with (SITE_ROOT / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------
# building


def _site_config_js(config: str) -> str:
    """docusaurus.config.js for one configuration.

    Only the docs plugin and the classic theme are loaded: no blog, no
    pages plugin, no search theme (whose @docsearch deps are not all on the
    registry here).  The docs are served at "/" like a docs-only site.
    """
    return (
        "// Generated by tools/docs_check/docs_check.py -- do not edit.\n"
        "module.exports = {\n"
        "  title: 'roledeck docs check',\n"
        "  url: 'https://example.invalid',\n"
        "  baseUrl: '/',\n"
        "  onBrokenLinks: 'throw',\n"
        "  themes: ['@docusaurus/theme-classic'],\n"
        "  plugins: [['@docusaurus/plugin-content-docs', {path: 'docs', routeBasePath: '/'}]],\n"
        f"{CONFIGS[config]}"
        "};\n"
    )


def prepare_site(deps: Path, config: str) -> Path:
    """Create (or refresh) the long-lived site folder for ``config``.

    It lives *inside* the deps folder so Node and the bundler find
    ``node_modules`` by walking up -- no symlinks, no copies.  Its own
    ``package.json`` stops cache-directory lookups there, so each
    configuration keeps a separate persistent cache under
    ``<site>/node_modules/.cache``.
    """
    site = deps / "sites" / config
    site.mkdir(parents=True, exist_ok=True)
    (site / "node_modules").mkdir(exist_ok=True)
    pkg = site / "package.json"
    if not pkg.exists():
        pkg.write_text(json.dumps({"name": f"docs-check-{config}", "private": True}) + "\n")
    config_path = site / "docusaurus.config.js"
    wanted = _site_config_js(config)
    # Rewriting an identical config would change its mtime and evict the cache.
    if not config_path.exists() or config_path.read_text() != wanted:
        config_path.write_text(wanted)
    return site


def _reset_docs(site: Path, case: Path) -> Path:
    """Make ``site/docs`` hold just the home doc and a byte copy of ``case``.

    The copy always gets the same name (``DOC_STEM`` plus the case's own
    suffix, which matters for ``format: 'detect'``).  Measured: a doc under
    a new file name changes route and chunk names, and a warm-cache build
    then took ~60 s instead of ~10 s.  Messages are mapped back to the real
    file name in ``_short``.  The copy gets a fresh mtime, so the bundler's
    cache always recompiles it.
    """
    docs = site / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir()
    (docs / HOME_DOC_NAME).write_text(HOME_DOC)
    target = docs / f"{DOC_STEM}{case.suffix}"
    shutil.copyfile(case, target)
    return target


def _run_build(cli: Path, site: Path, use_cache: bool, minify: bool) -> tuple[int | None, str]:
    """Run one ``docusaurus build``; return (exit code or None on timeout, output)."""
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "FORCE_COLOR": "0", "CI": "true"})
    env.pop("DOCUSAURUS_NO_PERSISTENT_CACHE", None)
    if not use_cache:
        env["DOCUSAURUS_NO_PERSISTENT_CACHE"] = "1"
    try:
        proc = subprocess.run(
            ["node", str(cli), "build", *([] if minify else ["--no-minify"]), str(site)],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        # TimeoutExpired carries bytes whatever ``text=`` said.
        partial = b"".join(
            part if isinstance(part, bytes) else part.encode()
            for part in (exc.stdout, exc.stderr)
            if part
        )
        return None, f"build timed out after {BUILD_TIMEOUT}s\n{partial.decode(errors='replace')}"
    return proc.returncode, ANSI_RE.sub("", proc.stdout + "\n" + proc.stderr)


def build_one(
    deps: Path, site: Path, case: Path, use_cache: bool, minify: bool, log_dir: Path
) -> Verdict:
    """Build a site whose only content doc is ``case`` and judge the result.

    Runs the same entry point ``npx docusaurus build`` resolves to, but
    through ``node`` directly: npx would look for a ``.bin`` beside the
    site's own package.json and might try the registry instead.

    ``--no-minify`` is passed unless ``minify``: minifiers only touch the
    bundled JS/HTML after MDX compilation and static rendering, so they
    cannot change a verdict, and re-minifying the main chunk (whose chunk
    hash map changes with every case) was a third of a warm build.

    A hung build is not a verdict: after a timeout the site's bundler cache
    is wiped and the build retried once without it; a second timeout is a
    ``SetupError``.
    """
    doc = _reset_docs(site, case)
    cli = deps / "node_modules" / "@docusaurus" / "core" / "bin" / "docusaurus.mjs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{case.stem}.log"
    returncode, output = _run_build(cli, site, use_cache, minify)
    if returncode is None:
        log.write_text(output)
        shutil.rmtree(site / "node_modules" / ".cache", ignore_errors=True)
        doc = _reset_docs(site, case)
        returncode, output = _run_build(cli, site, False, minify)
        if returncode is None:
            log.write_text(output)
            raise SetupError(f"{case.name}: build hung twice (see {_rel(log)})")
    log.write_text(output)
    if returncode == 0:
        return Verdict(True, None, None)
    return parse_failure(output, doc, case)


# --------------------------------------------------------------------------
# reading Docusaurus's output

_MDX_FAILED_RE = re.compile(r"MDX compilation failed for file ")
# Rspack (mdx-v4) prefixes its error lines with a "│" gutter; Webpack does not.
_GUTTER = r"^[\s│|×╰─▶]*"
_CAUSE_RE = re.compile(_GUTTER + r"Cause: (?P<msg>.+)$", re.MULTILINE)
_DETAILS_LINE_RE = re.compile(r'"line": (?P<line>\d+)')
# Node prints a chain of wrapped errors as nested "[cause]: Name: message".
_NESTED_CAUSE_RE = re.compile(_GUTTER + r"\[cause\]: (?P<msg>.+)$", re.MULTILINE)
_LOGGER_ERROR_RE = re.compile(r"^\[ERROR\] (?P<msg>.+)$", re.MULTILINE)
# js-yaml ends its message with "(line:column)" counted in the whole file.
_TRAILING_POS_RE = re.compile(r"\((?P<line>\d+):\d+\)$")
# Messages that only say "see the cause"; skipped when picking a message.
_WRAPPERS = ("AggregateError", "Error: Unable to build website")


def _short(text: str, doc: Path, case: Path) -> str:
    """Strip machine-specific paths so recorded messages compare across checkouts.

    Also puts the case's real file name back in place of ``DOC_STEM``.
    """
    text = text.replace(str(doc.parent) + os.sep, "")
    text = text.replace(str(doc.parent.parent) + os.sep, "")
    text = text.replace(doc.name, case.name).replace(DOC_STEM, case.stem)
    return re.sub(r"\s+", " ", text).strip()


def parse_failure(output: str, doc: Path, case: Path) -> Verdict:
    """Pick Docusaurus's own explanation (and line) out of a failed build's output.

    1. MDX compile errors: ``MDX compilation failed for file ...`` then
       ``Cause: <message>`` and a JSON ``Details`` block whose ``"line"``
       is the position in the case file (front matter lines count).
    2. Otherwise the innermost ``[cause]:`` of Node's error chain, which is
       the actionable one: ``ReferenceError: name is not defined`` for a
       static-rendering failure, ``YAMLException: ... (3:17)`` for bad
       front matter.  A trailing ``(line:col)`` gives the line.
    3. Otherwise the first ``[ERROR]`` line Docusaurus logged.
    """
    mdx_failed = _MDX_FAILED_RE.search(output)
    if mdx_failed:
        rest = output[mdx_failed.end() :]
        cause = _CAUSE_RE.search(rest)
        message = cause.group("msg") if cause else "MDX compilation failed"
        line_match = _DETAILS_LINE_RE.search(rest)
        line = int(line_match.group("line")) if line_match else None
        return Verdict(False, _short(message, doc, case), line)

    causes = [m.strip() for m in _NESTED_CAUSE_RE.findall(output) if not m.startswith(_WRAPPERS)]
    if causes:
        message = causes[-1]
        pos = _TRAILING_POS_RE.search(message)
        return Verdict(False, _short(message, doc, case), int(pos.group("line")) if pos else None)

    logged = _LOGGER_ERROR_RE.findall(output)
    message = logged[0] if logged else "build failed (no message found)"
    return Verdict(False, _short(message, doc, case), None)


# --------------------------------------------------------------------------
# modes


_COMPONENT_KEY = re.compile(r"^\s*([A-Z][\w$]*)\s*[,:]", re.MULTILINE)


def theme_component_problems(deps: Path) -> list[str]:
    """Whether roledeck's list of components every MDX doc gets matches the installed theme.

    theme-classic's MDXComponents map is what Docusaurus provides to every doc without an
    import; its capitalised keys are the components lint must take as defined (MDX006).
    """
    from roledeck.lint.rules.mdx_render import THEME_COMPONENTS

    source = deps / "node_modules/@docusaurus/theme-classic/lib/theme/MDXComponents/index.js"
    if not source.is_file():
        return [f"theme components: {source} not found"]
    text = source.read_text(encoding="utf-8")
    block = text[text.find("const MDXComponents") :]
    block = block[: block.find("};")]
    installed = set(_COMPONENT_KEY.findall(block))
    if installed != set(THEME_COMPONENTS):
        return [
            f"theme components: the installed theme gives {sorted(installed)}, "
            f"roledeck's THEME_COMPONENTS says {sorted(THEME_COMPONENTS)}"
        ]
    return []


def case_files(folder: Path) -> list[Path]:
    """The ``.md`` / ``.mdx`` files directly in ``folder``, sorted (README excluded)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in {".md", ".mdx"} and p.name.lower() != "readme.md"
    )


def run_builds(
    folder: Path,
    configs: Sequence[str],
    use_cache: bool,
    minify: bool = False,
    only: Sequence[str] | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, Verdict]]]:
    """Build every case under every config; return (metadata, verdicts)."""
    deps = ensure_installed()
    meta = {"docusaurus": docusaurus_version(deps), "node": node_version()}
    cases = case_files(folder)
    if only:
        wanted = set(only)
        cases = [c for c in cases if c.name in wanted or c.stem in wanted]
    results: dict[str, dict[str, Verdict]] = {}
    for config in configs:
        site = prepare_site(deps, config)
        log_dir = SITE_ROOT / "logs" / config
        results[config] = {}
        for case in cases:
            started = time.monotonic()
            cache = use_cache and config not in NO_PERSISTENT_CACHE
            verdict = build_one(deps, site, case, cache, minify, log_dir)
            results[config][case.name] = verdict
            took = time.monotonic() - started
            print(f"[{config}] {case.name}: {verdict.describe()}  ({took:.1f}s)", flush=True)
    return meta, results


def to_json(meta: dict[str, Any], results: dict[str, dict[str, Verdict]]) -> dict[str, Any]:
    """The verdicts.json document."""
    return {
        **meta,
        "configs": {
            config: {name: asdict(v) for name, v in sorted(verdicts.items())}
            for config, verdicts in results.items()
        },
    }


def diff_records(recorded: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """Human-readable differences between a recorded and a fresh verdicts document."""
    problems: list[str] = []
    for key in ("docusaurus", "node"):
        if recorded.get(key) != fresh.get(key):
            note = f"{key}: recorded {recorded.get(key)!r}, now {fresh.get(key)!r}"
            # A different Node major can legitimately change nothing; report but
            # only count a Docusaurus version change as a failure.
            problems.append(note if key == "docusaurus" else f"(note) {note}")
    rec_cfgs: dict[str, Any] = recorded.get("configs", {})
    new_cfgs: dict[str, Any] = fresh.get("configs", {})
    for config in sorted(set(rec_cfgs) | set(new_cfgs)):
        rec = rec_cfgs.get(config, {})
        new = new_cfgs.get(config, {})
        for name in sorted(set(rec) | set(new)):
            if name not in new:
                problems.append(f"[{config}] {name}: recorded but no longer in the folder")
            elif name not in rec:
                problems.append(f"[{config}] {name}: not recorded (now {json.dumps(new[name])})")
            elif rec[name] != new[name]:
                was, now = json.dumps(rec[name]), json.dumps(new[name])
                problems.append(f"[{config}] {name}: recorded {was}, now {now}")
    return problems


def _rel(path: Path) -> str:
    """Path relative to the repo when possible, for friendlier output."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM handler: unwind like Ctrl-C so child builds are killed."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(
        description="Build role .md files with real Docusaurus 3 and report per-file verdicts."
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help=f"folder of .md files (default: {_rel(DEFAULT_FOLDER)})",
    )
    parser.add_argument(
        "--config",
        action="append",
        choices=sorted(CONFIGS),
        help="site configuration(s) to build with (repeatable; default: all)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--record",
        action="store_true",
        help=f"write FOLDER/{VERDICTS_NAME} (with --config: update just those configurations)",
    )
    mode.add_argument(
        "--verify",
        action="store_true",
        help=f"rebuild every case recorded in FOLDER/{VERDICTS_NAME} (with --config: just "
        "those configurations); exit 1 if any verdict differs",
    )
    parser.add_argument(
        "--verdicts",
        type=Path,
        help=f"verdicts file to record/verify (default: FOLDER/{VERDICTS_NAME})",
    )
    parser.add_argument("--only", action="append", help="only this case file (repeatable)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="disable the bundler's persistent cache (slower, for double-checking)",
    )
    parser.add_argument(
        "--minify",
        action="store_true",
        help="minify like a production build (slower; cannot change a verdict)",
    )
    args = parser.parse_args(argv)
    # Turn SIGTERM into an exception so subprocess.run() kills the running
    # build instead of leaving an orphaned node process behind.
    signal.signal(signal.SIGTERM, _terminate)

    if shutil.which("npm") is None or shutil.which("node") is None:
        print("npm not found: skipping (install Node.js >= 20 and npm to run the Docusaurus check)")
        return 0

    folder: Path = args.folder
    if not folder.is_dir():
        parser.error(f"{folder} is not a folder")
    verdicts_path: Path = args.verdicts or folder / VERDICTS_NAME
    configs: list[str] = args.config or list(CONFIGS)
    if args.verify and args.only:
        parser.error("--only cannot be combined with --verify")

    started = time.monotonic()
    try:
        with site_lock():
            if args.verify:
                if not verdicts_path.is_file():
                    print(f"{_rel(verdicts_path)} not found: run with --record first")
                    return 1
                recorded = json.loads(verdicts_path.read_text())
                if args.config:  # verify just these configurations
                    recorded["configs"] = {
                        c: v for c, v in recorded.get("configs", {}).items() if c in configs
                    }
                configs = [c for c in recorded.get("configs", {}) if c in CONFIGS] or configs
                meta, results = run_builds(folder, configs, not args.no_cache, args.minify)
                problems = diff_records(recorded, to_json(meta, results))
                problems += theme_component_problems(ensure_installed())
                failures = [p for p in problems if not p.startswith("(note)")]
                for problem in problems:
                    print(problem)
                took = time.monotonic() - started
                where = _rel(verdicts_path)
                if failures:
                    print(f"docs-check: {len(failures)} verdict(s) differ from {where}")
                    return 1
                total = sum(len(v) for v in results.values())
                print(f"docs-check: all {total} verdicts agree with {where} ({took:.0f}s)")
                return 0
            meta, results = run_builds(folder, configs, not args.no_cache, args.minify, args.only)
    except SetupError as exc:
        print(f"docs-check: setup failed: {exc}", file=sys.stderr)
        return 2

    if args.record:
        document = to_json(meta, results)
        for problem in theme_component_problems(ensure_installed()):
            print(problem)
        if args.only and verdicts_path.is_file():
            # Re-recording some cases keeps every other case's verdicts.
            kept = json.loads(verdicts_path.read_text()).get("configs", {})
            for config, verdicts in document["configs"].items():
                merged = {**kept.get(config, {}), **verdicts}
                document["configs"][config] = dict(sorted(merged.items()))
            document["configs"] = {**kept, **document["configs"]}
        elif args.config and verdicts_path.is_file():
            # Re-recording some configurations keeps the others' verdicts.
            kept = json.loads(verdicts_path.read_text()).get("configs", {})
            document["configs"] = {
                c: document["configs"].get(c, kept.get(c))
                for c in CONFIGS
                if c in kept or c in configs
            }
        verdicts_path.write_text(json.dumps(document, indent=2) + "\n")
        print(f"wrote {_rel(verdicts_path)}")
    total = sum(len(v) for v in results.values())
    failed = sum(not v.builds for per in results.values() for v in per.values())
    print(
        f"Docusaurus {meta['docusaurus']} on Node {meta['node']}: "
        f"{total - failed} built, {failed} failed ({time.monotonic() - started:.0f}s)"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
