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

    source: str | None = Field(
        default=None, exclude=True, description="The file this configuration was read from."
    )

    @cached_property
    def vocab(self) -> Vocabulary:
        """The heading vocabulary in force."""
        return self.vocabulary.apply(Vocabulary())


CONFIG_NAMES = ("roles.toml", "pyproject.toml")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest roles.toml, or pyproject.toml with a [tool.roles] table, walking up."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name == "roles.toml" or _has_roles_table(candidate)):
                return candidate
    return None


def _has_roles_table(pyproject: Path) -> bool:
    try:
        tool = _read_toml(pyproject).get("tool")
        return isinstance(tool, dict) and "roles" in tool
    except RoleError:
        return False


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise RoleError(f"cannot read config: {exc.strerror}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise RoleError(f"invalid TOML: {exc}", path=path) from None
    except UnicodeDecodeError:
        raise RoleError("invalid TOML: not UTF-8 text", path=path) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise RoleError("invalid TOML: nested too deeply", path=path) from None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The configuration from `path`, or the nearest one, or the defaults."""
    path = path or find_config(start)
    if path is None:
        return Config()
    data: object = _read_toml(path)
    table = "roles.toml"
    if path.name != "roles.toml":
        table = "[tool.roles]"
        tool = data.get("tool") if isinstance(data, dict) else None
        data = tool.get("roles", {}) if isinstance(tool, dict) else {}
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise RoleError(_config_message(exc, table), path=path) from None
    if config.roles_dir is not None:
        config = config.model_copy(update={"roles_dir": _shown(path.parent / config.roles_dir)})
    return config.model_copy(update={"source": str(path)})


def _shown(path: Path) -> str:
    """A configured folder as users see paths: relative to the working directory if inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _config_message(exc: ValidationError, table: str) -> str:
    error = exc.errors(include_url=False, include_input=False)[0]
    key = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        known = [_kebab(name) for name in Config.model_fields]
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key '{key}' in {table}{hint}"
    return f"bad value for '{key}' in {table}: {error['msg']}"
