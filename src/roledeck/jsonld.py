"""Roles as schema.org `Occupation`s in JSON-LD: job data search engines and HR tools read.

The mapping is documented in docs/jsonld.md: name; the summary as a plain-text description;
duties as `responsibilities`; needs (or a configured source) as `skills`; O*NET-SOC and
ISCO-08 codes from the frontmatter as `occupationalCategory` (schema.org `CategoryCode`s
in their code sets); and, when the site's URL is configured, the page's `url`, computed as
Docusaurus computes a doc's permalink (base URL + route base path + the doc's slug).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from roledeck.catalog import relative_to
from roledeck.config import JsonLdConfig
from roledeck.docids import doc_slug, is_category_index
from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.parse import MARKDOWN_SUFFIXES

CONTEXT = "https://schema.org"

CODE_SETS: dict[str, tuple[str, str, re.Pattern[str], str]] = {
    "onet": (
        "O*NET-SOC",
        "https://www.onetcenter.org/taxonomy.html",
        re.compile(r"\d{2}-\d{4}(?:\.\d{2})?"),
        "an O*NET-SOC code such as 15-1252.00",
    ),
    "isco": (
        "ISCO-08",
        "https://www.ilo.org/public/english/bureau/stat/isco/isco08/",
        re.compile(r"\d{1,4}"),
        "an ISCO-08 code of 1 to 4 digits such as 2512",
    ),
}
"""Frontmatter key -> (code set name, its URL, the code's shape, the shape in words)."""


def document(
    roles: Sequence[Role], settings: JsonLdConfig, docs_root: Path
) -> tuple[dict[str, Any], list[RoleError]]:
    """Every role in one JSON-LD document (`@graph`), and the values that could not map."""
    problems: list[RoleError] = []
    graph = []
    for role in roles:
        node, found = occupation(role, settings, docs_root)
        node.pop("@context")
        graph.append(node)
        problems += found
    return {"@context": CONTEXT, "@graph": graph}, problems


def occupation(
    role: Role, settings: JsonLdConfig, docs_root: Path
) -> tuple[dict[str, Any], list[RoleError]]:
    """One role as a JSON-LD `Occupation` document, and the values that could not map."""
    problems: list[RoleError] = []
    url = permalink(role, settings, docs_root)
    node: dict[str, Any] = {"@context": CONTEXT, "@type": "Occupation"}
    if url:
        node["@id"] = url
    node["identifier"] = role.id
    node["name"] = role.name
    description = "\n\n".join(plain_text(p.text) for p in role.summary).strip()
    if description:
        node["description"] = description
    responsibilities = [_duty(d.name, d.description) for d in role.duties]
    if responsibilities:
        node["responsibilities"] = responsibilities
    skills = _skills(role, settings, problems)
    if skills:
        node["skills"] = skills
    categories = _categories(role, problems)
    if categories:
        node["occupationalCategory"] = categories
    if url:
        node["url"] = url
    return node, problems


def _duty(name: str, description: str | None) -> str:
    text = plain_text(name)
    return f"{text}: {plain_text(description)}" if description else text


def _skills(role: Role, settings: JsonLdConfig, problems: list[RoleError]) -> list[str]:
    skills: list[str] = []
    if settings.skills == "needs":
        skills = [plain_text(n.text) for n in role.needs]
    elif settings.skills == "frontmatter":
        value = _frontmatter(role).get(settings.skills_key)
        if isinstance(value, str):
            value = [value]
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            problems.append(
                RoleError(
                    f"frontmatter '{settings.skills_key}' must be a list of texts for skills",
                    path=role.source,
                    code="USAGE",
                )
            )
            value = None
        skills = [plain_text(v) for v in value or []]
    for kind in role.kinds:
        skills += settings.sub_role_skills.get(kind, [])
    return [s for s in dict.fromkeys(skills) if s]


def _categories(role: Role, problems: list[RoleError]) -> list[dict[str, Any]]:
    """`CategoryCode`s for the frontmatter's `onet` / `isco` codes (one or a list of them)."""
    found: list[dict[str, Any]] = []
    frontmatter = _frontmatter(role)
    for key, (set_name, set_url, shape, words) in CODE_SETS.items():
        value = frontmatter.get(key)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for code in values:
            text = str(code).strip() if isinstance(code, str | int) else None
            if text is None or isinstance(code, bool) or not shape.fullmatch(text):
                problems.append(
                    RoleError(
                        f"frontmatter '{key}': {code!r} is not {words}",
                        path=role.source,
                        code="USAGE",
                    )
                )
                continue
            found.append(
                {
                    "@type": "CategoryCode",
                    "codeValue": text,
                    "inCodeSet": {"@type": "CategoryCodeSet", "name": set_name, "url": set_url},
                }
            )
    return found


def _frontmatter(role: Role) -> dict[str, Any]:
    data: dict[str, Any] = role.frontmatter.model_dump(mode="json")
    return data


# -- the page's URL, as Docusaurus computes a doc's permalink ------------------------------


def permalink(role: Role, settings: JsonLdConfig, docs_root: Path) -> str | None:
    """The doc's URL on the site, or None (no site URL configured, not a Markdown doc, or
    not inside the docs folder)."""
    if not settings.site_url or role.source is None:
        return None
    path = Path(role.source)
    if path.suffix.lower() not in MARKDOWN_SUFFIXES:
        return None  # a YAML role file is not a page of the site
    rel = relative_to(path.absolute(), docs_root.absolute())
    if rel.startswith("../"):
        return None
    slug = page_path(rel, _frontmatter(role))
    parts = [settings.base_url, settings.route_base_path, slug]
    joined = "/".join(p.strip("/") for p in parts if p.strip("/"))
    trailing = "/" if slug.endswith("/") and joined else ""
    return f"{settings.site_url.rstrip('/')}/{joined}{trailing}"


def page_path(rel: str, frontmatter: dict[str, Any]) -> str:
    """A doc's path on the site below the docs route, trailing slash as Docusaurus writes it.

    The slug is `docids.doc_slug` (Docusaurus's `getSlug`); a folder's own page (index.md,
    README.md, `<folder>/<folder>.md`) without a `slug`, and a `slug` ending in `/`, are
    served at a URL with a trailing slash.
    """
    slug_text = frontmatter.get("slug")
    given = slug_text if isinstance(slug_text, str) and slug_text else None
    given_id = frontmatter.get("id")
    slug = doc_slug(
        rel,
        given_id if isinstance(given_id, str) and given_id else None,
        given,
        number_prefixes=frontmatter.get("parse_number_prefixes", True) is not False,
    )
    folder_page = given is None and is_category_index(rel)
    if (folder_page or (given or "").endswith("/")) and not slug.endswith("/"):
        slug += "/"
    return slug


# -- Markdown to plain text ----------------------------------------------------------------

_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\{/\*.*?\*/\}", re.DOTALL), ""),  # MDX comments
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),  # HTML comments
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links: their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),  # HTML and JSX tags
    (re.compile(r"`+([^`]+?)`+"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
)
_SPACES = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_HIDDEN = 0xE000
"""Escaped punctuation is hidden in the private-use area while markup is removed."""


def plain_text(markdown: str) -> str:
    """Inline Markdown as the text a reader sees: markup, comments and link targets removed.

    schema.org text properties are plain text; a description with `**` or `[x](y)` in it
    shows those characters in every consumer.
    """
    text = _ESCAPED.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), markdown)
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    text = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _HIDDEN), text)
    return _SPACES.sub(" ", text).strip()
