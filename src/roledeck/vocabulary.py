"""The heading vocabulary: which headings mean which schema section, as data.

Patterns are heading texts with `{article}` and `{name}` placeholders, matched case-insensitively
after inline Markdown is stripped. The first pattern of each list is the canonical one that
`fmt` and `new` write. Teams with other conventions configure their own in
`[tool.roles.vocabulary]`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from roledeck.articles import article_for, articles_allowed
from roledeck.model import DUTIES, HOW, NEEDS, SUMMARY, new_dict

__all__ = ["article_for", "articles_allowed"]

DEFAULT_SUB_ROLES: dict[str, list[str]] = {
    "sysadmin": ["The System Administrator"],
    "developer": ["The Developer"],
    "security": ["The Security Expert"],
    "manager": ["The Manager"],
    "coach": ["The Coach"],
}


class Vocabulary(BaseModel):
    """Heading patterns for the H1, each section and each sub-role kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: list[str] = Field(
        default=["The Role of {article} {name}"],
        description="H1 patterns; `{name}` is the role name. An H1 matching none is the name.",
    )
    summary: list[str] = Field(
        default=[],
        description="Optional heading patterns of a summary section (text after the H1 is "
        "the summary either way).",
    )
    needs: list[str] = Field(
        default=["Why {article} {name} is Needed"], description="Heading patterns of the needs."
    )
    duties: list[str] = Field(
        default=["What {article} {name} Does"], description="Heading patterns of the duties."
    )
    how: list[str] = Field(
        default=["How {article} {name} Works"],
        description="Heading patterns of the section that holds the sub-roles.",
    )
    sub_roles: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_SUB_ROLES.items()},
        description="Sub-role kind -> heading patterns (the `###` headings under 'how'). "
        "A leading 'The' is optional: '### Developer' is '### The Developer'.",
    )
    articles: dict[str, Literal["a", "an"]] = Field(
        default_factory=new_dict,
        exclude=True,  # configured as [tool.roles.articles], not as heading patterns
        description="Role name (or first word of one) -> the article it takes, where the "
        "built-in reading is not the team's ([tool.roles.articles]).",
    )

    def article(self, name: str) -> str:
        """The article written before `name`, configured or as it is said."""
        return article_for(name, self.articles)

    def allowed_articles(self, name: str) -> frozenset[str]:
        """The articles lint accepts before `name`."""
        return articles_allowed(name, self.articles)

    def section_patterns(self) -> dict[str, list[str]]:
        """Section key -> patterns, in the conventional order of sections."""
        return {SUMMARY: self.summary, NEEDS: self.needs, DUTIES: self.duties, HOW: self.how}

    @cached_property
    def matcher(self) -> Matcher:
        """Compiled patterns (built once per vocabulary)."""
        return Matcher(self)


_PLACEHOLDER = re.compile(r"\{(article|name|the)\}")
# `[^<>]`, not `[^>]`: a tag never contains `<`, and excluding it keeps a heading of a
# thousand unclosed `<` linear instead of quadratic.
_HTML_TAG = re.compile(r"<[^<>]*>")
_INLINE_MARKUP = re.compile(r"\*\*|__|[*`]|\\(?=[^\w\s])")
_SPACES = re.compile(r"\s+")


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_heading(text: str) -> str:
    """Heading text for matching: inline Markdown and HTML removed, whitespace collapsed.

    A backslash-escaped character is text, not markup: `Data \\<Platform\\> Engineer` reads
    `Data <Platform> Engineer`, as the page shows it.
    """
    if "\\" in text:
        pieces = _ESCAPE.split(text)  # odd pieces are escaped characters
        text = "".join(p if i % 2 else _strip_markup(p) for i, p in enumerate(pieces))
    else:
        text = _strip_markup(text)
    return _SPACES.sub(" ", text).strip()


_TRAILING = frozenset("?:!.;,…")


def without_heading_id(text: str) -> str:
    """The heading without a trailing `{#custom-id}`, as Docusaurus takes it off.

    String operations, not a regex: `\\s*\\{#…\\}$` is quadratic on a heading of ten
    thousand spaces, and headings come from untrusted files.
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text
    at = stripped.rfind("{#")
    if at < 0 or "{" in stripped[at + 1 : -1] or "}" in stripped[at + 1 : -1]:
        return text
    return stripped[:at].rstrip()


@lru_cache(maxsize=256)
def heading_key(text: str) -> str:
    """A heading as its pattern is matched: `plain_heading`, without a custom heading id
    (`{#needs}`) or what decorates it besides words: "Why a QA Lead is Needed?", "What a QA
    Lead Does:", "How a QA Lead Works 🛠️" and "🚀 What a QA Lead Does" are the conventional
    headings."""
    plain = plain_heading(without_heading_id(text) if "{#" in text else text)
    end = len(plain)
    last = max(0, end - _MAX_DECORATION)  # a few characters at most: linear, whatever the text
    while end > last and (plain[end - 1] in _TRAILING or _decoration(plain[end - 1])):
        end -= 1
    begin = 0
    first = min(end, _MAX_DECORATION)
    while begin < first and _decoration(plain[begin]):
        begin += 1
    return plain[begin:end].strip() if begin or end < len(plain) else plain


_MAX_DECORATION = 16
"""How many characters around a heading can be decoration (an emoji sequence, `?`, `:`)."""


def _decoration(char: str) -> bool:
    """A symbol, an emoji or its joiners and selectors (not a letter, digit or bracket; not a
    math symbol either: "C++" ends in two of them)."""
    return char.isspace() or unicodedata.category(char) in ("So", "Sk", "Mn", "Cf")


def _strip_markup(text: str) -> str:
    return _INLINE_MARKUP.sub("", _HTML_TAG.sub(" ", text) if "<" in text else text)


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def facet_phrase(heading: str) -> str:
    """How running text names a sub-role: its heading without 'The', in lower case."""
    return _THE.sub("", heading_key(heading)).lower()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Turn a vocabulary pattern into an anchored, case-insensitive regex."""
    parts: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append(_literal(pattern[pos : match.start()]))
        if match.group(1) == "the":
            parts.append(r"(?:the\s+)?")
            pos = match.end()
            continue
        if match.group(1) == "article":
            # optional, with the space after it: "The Role of Head of Product" has none
            follows = pattern[match.end() : match.end() + 1]
            if follows == " ":
                parts.append(r"(?:(?P<article>an|a|the)\s+)?")
                pos = match.end() + 1
                continue
            parts.append(r"(?P<article>an|a|the)")
        else:
            parts.append(r"(?P<name>.+?)")
        pos = match.end()
    parts.append(_literal(pattern[pos:]))
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split(" ")) if text else ""


@dataclass(frozen=True)
class HeadingMatch:
    """A heading recognised by the vocabulary."""

    key: str
    name: str | None
    article: str | None


_REMEMBERED = 1024
"""Sub-role headings a matcher remembers: a crafted file of a million headings stays bounded."""


class Matcher:
    """Classifies headings with a vocabulary's compiled patterns."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.title = [compile_pattern(p) for p in vocabulary.title]
        self.sections = [
            (key, compile_pattern(p))
            for key, patterns in vocabulary.section_patterns().items()
            for p in patterns
        ]
        self.sub_roles = [
            (kind, compile_pattern(_optional_the(p)))
            for kind, patterns in vocabulary.sub_roles.items()
            for p in patterns
        ]
        self.facet_phrases = {
            kind: facet_phrase(patterns[0])
            for kind, patterns in vocabulary.sub_roles.items()
            if patterns and "{" not in patterns[0]
        }
        """Kind -> how running text names it ('The Security Expert' -> 'security expert')."""
        self._kinds: dict[str, str | None] = {}

    def match_title(self, text: str) -> HeadingMatch | None:
        return _first(self.title_candidates(text))

    def title_candidates(self, text: str) -> list[HeadingMatch]:
        plain = heading_key(text)
        return [m for p in self.title if (m := _match("title", p, plain))]

    def match_section(self, text: str, role_name: str | None = None) -> HeadingMatch | None:
        """The section a heading opens, if any.

        A heading whose pattern has an article but that is written without one ("Why Head of
        Product is Needed") is taken only when it names the role (`role_name`, from the H1),
        or when no H1 is known: "Why Kubernetes is Needed" in a DevOps profile is a section
        of its own, not a slip of the role's name.
        """
        plain = heading_key(text)
        for key, pattern in self.sections:
            found = _match(key, pattern, plain)
            if found is None:
                continue
            if (
                found.article is None
                and found.name is not None
                and role_name is not None
                and "(?P<article>" in pattern.pattern
                and " ".join(found.name.split()).casefold()
                != " ".join(role_name.split()).casefold()
            ):
                continue
            return found
        return None

    def match_sub_role(self, text: str) -> str | None:
        # the same few sub-role headings recur in every file of a catalog: remembered
        if text in self._kinds:
            return self._kinds[text]
        plain = heading_key(text)
        kind = next((kind for kind, pattern in self.sub_roles if pattern.match(plain)), None)
        if len(self._kinds) < _REMEMBERED:
            self._kinds[text] = kind
        return kind


def _optional_the(pattern: str) -> str:
    """A sub-role pattern with its leading 'The' made optional (kept as the written form)."""
    return "{the}" + _THE.sub("", pattern) if _THE.match(pattern) else "{the}" + pattern


def _first(matches: list[HeadingMatch]) -> HeadingMatch | None:
    return matches[0] if matches else None


def _match(key: str, pattern: re.Pattern[str], plain: str) -> HeadingMatch | None:
    found = pattern.match(plain)
    if not found:
        return None
    groups = found.groupdict()
    article = groups.get("article")
    return HeadingMatch(key, groups.get("name"), article.lower() if article else None)


def fill(pattern: str, name: str, article: str | None = None) -> str:
    """Write a pattern out for a role name, with the article the name takes.

    `article` is the one to write (`""` for none, as an H1 "The Role of Head of Product"
    has); by default the one `article_for` gives.
    """
    chosen = article_for(name) if article is None else article
    text = pattern.replace("{article}", chosen).replace("{name}", name)
    return _SPACES.sub(" ", text).strip() if not chosen else text


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A kind or id made of a title: 'The Cloud Architect' -> 'cloud-architect'."""
    text = _LEADING_THE.sub("", heading_key(text))
    return _NON_SLUG.sub("-", text.lower()).strip("-") or "custom"


DEFAULT_VOCABULARY = Vocabulary()
