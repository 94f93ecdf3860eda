"""Project configuration: `[tool.roles]` in pyproject.toml, or a roles.toml, found walking up.

The configuration is a pydantic model, so a typo or a wrong type is a clear error naming the
key (exit 2), and `roles schema --part config` documents every key from the same source.
Keys are written kebab-case in TOML (`per-file-ignores`); snake_case is accepted too.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from roledeck.errors import RoleError
from roledeck.source import DEFAULT_MAX_BYTES
from roledeck.vocabulary import Vocabulary

SectionName = Literal["summary", "needs", "duties", "how"]
DEFAULT_REQUIRED: tuple[SectionName, ...] = ("needs", "duties", "how")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True
    )


class DocusaurusConfig(_Section):
    """How the Docusaurus site that builds these docs is configured (see README)."""

    markdown_format: Literal["mdx", "detect"] = Field(
        default="mdx",
        description="`markdown.format` of docusaurus.config.js: 'mdx' (Docusaurus 3's default) "
        "compiles .md as MDX; 'detect' compiles .md as CommonMark.",
    )
    mdx1_comments: bool = Field(
        default=True,
        description="`markdown.mdx1Compat.comments`: true unless the site sets it false or "
        "`future: {v4: true}`; when false an HTML comment breaks the build.",
    )
    mdx1_heading_ids: bool = Field(
        default=True,
        description="`markdown.mdx1Compat.headingIds`: true unless the site sets it false or "
        "`future: {v4: true}`; when false a `{#custom-id}` heading id breaks the build.",
    )


class ProfilesConfig(_Section):
    """Which files of a mixed docs folder are role profiles."""

    tags: list[str] = Field(
        default_factory=list, description="A file is a profile if it has any of these tags."
    )
    paths: list[str] = Field(
        default_factory=list,
        description="A file is a profile if its path (relative to the catalog folder) matches "
        "one of these globs (`**` matches any folders).",
    )

    def path_selects(self, relative: str) -> bool:
        """Whether the path criterion (if any) admits a file; checked before reading it."""
        if not self.paths:
            return True
        posix = PurePosixPath(relative.replace("\\", "/"))
        return any(_glob(posix, pattern) for pattern in self.paths)

    def tags_select(self, tags: list[str] | None) -> bool:
        """Whether the tag criterion (if any) admits a file with these frontmatter tags."""
        if not self.tags:
            return True
        wanted = {t.casefold() for t in self.tags}
        return any(t.casefold() in wanted for t in tags or [])


def _glob(path: PurePosixPath, pattern: str) -> bool:
    """`**`-aware glob match of a relative path (PurePath.full_match arrived in 3.13)."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            regex += ".*"
            i += 2
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            regex += "[^/]"
            i += 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.fullmatch(regex, str(path)) is not None


class VocabularyConfig(_Section):
    """Heading patterns that replace or extend the built-in vocabulary."""

    replace: bool = Field(
        default=False,
        description="If true, the lists below replace the built-in ones; else they are added.",
    )
    title: list[str] = Field(default_factory=list, description="H1 patterns.")
    summary: list[str] = Field(default_factory=list, description="Summary heading patterns.")
    needs: list[str] = Field(default_factory=list, description="Needs heading patterns.")
    duties: list[str] = Field(default_factory=list, description="Duties heading patterns.")
    how: list[str] = Field(default_factory=list, description="Sub-roles section patterns.")
    sub_roles: dict[str, list[str]] = Field(
        default_factory=dict, description="Extra or replaced sub-role kinds and their headings."
    )

    def apply(self, base: Vocabulary) -> Vocabulary:
        """The vocabulary in force: configured patterns first (they are the canonical ones)."""

        def merged(mine: list[str], theirs: list[str]) -> list[str]:
            if self.replace and mine:
                return list(mine)
            return list(dict.fromkeys([*mine, *theirs]))

        kinds = dict(base.sub_roles) if not (self.replace and self.sub_roles) else {}
        for kind, patterns in self.sub_roles.items():
            kinds[kind] = merged(patterns, kinds.get(kind, []))
        return Vocabulary(
            title=merged(self.title, base.title),
            summary=merged(self.summary, base.summary),
            needs=merged(self.needs, base.needs),
            duties=merged(self.duties, base.duties),
            how=merged(self.how, base.how),
            sub_roles=kinds,
        )


class JsonLdConfig(_Section):
    """How `roles export --format jsonld` maps roles to schema.org `Occupation` (docs/jsonld.md)."""

    site_url: str | None = Field(
        default=None,
        description="The site's `url` in docusaurus.config.js (e.g. "
        "'https://handbook.example.com'); without it, occupations have no `url`.",
    )
    base_url: str = Field(default="/", description="The site's `baseUrl` (e.g. '/handbook/').")
    route_base_path: str = Field(
        default="docs",
        description="The docs plugin's `routeBasePath` ('' or '/' when docs are at the root).",
    )
    docs_dir: str | None = Field(
        default=None,
        description="The docs plugin's `path`, the folder slugs are relative to, relative to "
        "the config file (default: the catalog folder).",
    )
    skills: Literal["needs", "frontmatter", "none"] = Field(
        default="needs",
        description="Where `skills` come from: each need as a text, the list in the "
        "frontmatter key `skills-key`, or nowhere (then only `sub-role-skills`).",
    )
    skills_key: str = Field(
        default="skills", description="With skills = 'frontmatter': the key holding the list."
    )
    sub_role_skills: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Sub-role kind -> skills added to every role that has that sub-role "
        "(e.g. developer = ['Software development']).",
    )


class ExportConfig(_Section):
    """Settings of `roles export` ([tool.roles.export])."""

    jsonld: JsonLdConfig = Field(
        default_factory=JsonLdConfig,
        description="The schema.org JSON-LD mapping ([tool.roles.export.jsonld]).",
    )


class Config(_Section):
    """Everything `[tool.roles]` may set; every key is optional."""

    roles_dir: str | None = Field(
        default=None, description="The catalog folder, relative to the config file."
    )
    select: list[str] | None = Field(
        default=None, description="Lint rule codes or prefixes to run (default: all)."
    )
    extend_select: list[str] = Field(
        default_factory=list, description="Codes added to `select` (or to the defaults)."
    )
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to skip.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, description="Glob -> rule codes ignored in matching files."
    )
    severity: dict[str, Literal["error", "warning"]] = Field(
        default_factory=dict, description="Rule code -> severity override."
    )
    required_sections: list[SectionName] = Field(
        default_factory=lambda: list(DEFAULT_REQUIRED),
        description="Sections every profile must have.",
    )
    tags: list[str] | None = Field(
        default=None,
        description="Allowed tags when the docs folder has no Docusaurus tags.yml.",
    )
    max_file_size: int = Field(
        default=DEFAULT_MAX_BYTES, gt=0, description="Files larger than this (bytes) are refused."
    )
    docusaurus: DocusaurusConfig = Field(
        default_factory=DocusaurusConfig,
        description="How the Docusaurus site reads Markdown ([tool.roles.docusaurus]).",
    )
    profiles: ProfilesConfig = Field(
        default_factory=ProfilesConfig,
        description="Which files of a mixed docs folder are profiles ([tool.roles.profiles]).",
    )
    vocabulary: VocabularyConfig = Field(
        default_factory=VocabularyConfig,
        description="Heading patterns, added to or replacing the built-in ones "
        "([tool.roles.vocabulary]).",
    )
    export: ExportConfig = Field(
        default_factory=ExportConfig, description="Settings of roles export ([tool.roles.export])."
    )
    articles: dict[str, Literal["a", "an"]] = Field(
        default_factory=dict,
        description="Role name, or the first word of one, -> 'a' or 'an' "
        "([tool.roles.articles]): fixes the article where the built-in reading is not the "
        'team\'s, e.g. NOC = "a" for \'a NOC Engineer\' (said "knock"). Any case.',
    )

    source: str | None = Field(
        default=None, exclude=True, description="The file this configuration was read from."
    )

    @cached_property
    def vocab(self) -> Vocabulary:
        """The heading vocabulary in force."""
        vocabulary = self.vocabulary.apply(Vocabulary())
        if self.articles:
            vocabulary = vocabulary.model_copy(update={"articles": dict(self.articles)})
        return vocabulary


CONFIG_NAMES = ("roles.toml", "pyproject.toml")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest roles.toml, or pyproject.toml with a [tool.roles] table, walking up.

    A pyproject.toml without [tool.roles] is not ours and the walk goes on; one that cannot be
    read or is not valid TOML stops it with a `RoleError` (`path:line: message`), as a broken
    roles.toml does: which configuration it meant cannot be known, and silently using the
    built-in one would lint with the wrong rules.
    """
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            try:
                if _is_file(candidate) and (name == "roles.toml" or _has_roles_table(candidate)):
                    return candidate
            except RoleError as exc:
                exc.path = _shown(candidate)  # as users see paths, like the files it names
                raise
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError as exc:  # a folder on the way we may not look into
        raise RoleError(f"cannot read config: {exc.strerror or exc}", path=path) from None


def _has_roles_table(pyproject: Path) -> bool:
    tool = _read_toml(pyproject)[0].get("tool")
    return isinstance(tool, dict) and "roles" in tool


_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def _read_toml(path: Path) -> tuple[dict[str, object], str]:
    """A TOML file's data and text, or a `RoleError` at the line of the problem."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise RoleError(f"cannot read config: {exc.strerror or exc}", path=path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RoleError("invalid TOML: not UTF-8 text", path=path, line=line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, path) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise RoleError("invalid TOML: nested too deeply", path=path) from None


def _toml_error(exc: tomllib.TOMLDecodeError, text: str, path: Path) -> RoleError:
    """tomllib's message with its "(at line L, column C)" made the error's location."""
    message = str(exc)
    found = _WHERE.search(message)
    if found is None:
        return RoleError(f"invalid TOML: {message}", path=path)
    message = message[: found.start()]
    if found[1] is None:  # "at end of document": the last line
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        return RoleError(f"invalid TOML: {message} (at the end)", path=path, line=line)
    line, column = int(found[1]), int(found[2])
    return RoleError(
        f"invalid TOML: {message} (column {column})", path=path, line=line, column=column
    )


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The configuration from `path`, or the nearest one, or the defaults."""
    explicit = path is not None
    path = path or find_config(start)
    if path is None:
        return Config()
    try:
        data, text = _read_toml(path)
    except RoleError as exc:
        exc.path = str(path) if explicit else _shown(path)
        raise
    table, prefix = "roles.toml", []
    section: object = data
    if path.name != "roles.toml":
        table, prefix = "[tool.roles]", ["tool", "roles"]
        tool = data.get("tool")
        section = tool.get("roles", {}) if isinstance(tool, dict) else {}
    try:
        config = Config.model_validate(section)
    except ValidationError as exc:
        message, loc = _config_message(exc, table)
        shown = str(path) if explicit else _shown(path)
        raise RoleError(message, path=shown, line=_key_line(text, [*prefix, *loc])) from None
    if config.roles_dir is not None:
        config = config.model_copy(update={"roles_dir": _shown(path.parent / config.roles_dir)})
    return config.model_copy(update={"source": str(path)})


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def _key_line(text: str, wanted: list[str]) -> int | None:
    """The line that sets the key at `wanted` (a table path), or the nearest enclosing one.

    Best effort, from headers and `key =` lines (enough for the keys people write): the
    message names the key in any case.
    """
    best: tuple[int, int] | None = None  # (matched length, line)
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _key_parts(header[1])
            where = table
        else:
            assignment = _ASSIGNMENT.match(line)
            if assignment is None:
                continue
            where = [*table, *_key_parts(assignment[1])]
        if where == wanted[: len(where)] and (best is None or len(where) > best[0]):
            best = (len(where), number)
    return best[1] if best is not None and best[0] > 0 else None


def _key_parts(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in key.split(".")]


def _shown(path: Path) -> str:
    """A configured folder as users see paths: relative to the working directory if inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _config_message(exc: ValidationError, table: str) -> tuple[str, list[str]]:
    """The first error as a message, and the key path it is about (for its line)."""
    error = exc.errors(include_url=False, include_input=False)[0]
    loc = [str(p) for p in error["loc"]]
    key = ".".join(loc)
    if error["type"] == "extra_forbidden":
        known = [_kebab(name) for name in _section_model(loc[:-1]).model_fields]
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key '{key}' in {table}{hint}", loc
    return f"bad value for '{key}' in {table}: {error['msg']}", loc


def _section_model(loc: list[str]) -> type[BaseModel]:
    """The model of the table at `loc` (`profiles` -> ProfilesConfig), for suggestions."""
    model: type[BaseModel] = Config
    for part in loc:
        field = model.model_fields.get(part.replace("-", "_"))
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return _NoFields
        model = annotation
    return model


class _NoFields(BaseModel):
    """A table whose keys are free (`severity`, `per-file-ignores`): nothing to suggest."""
