"""The heading vocabulary: which headings mean which schema section, as data.

Patterns are heading texts with `{article}` and `{name}` placeholders, matched case-insensitively
after inline Markdown is stripped. The first pattern of each list is the canonical one that
`fmt` and `new` write. Teams with other conventions configure their own in
`[tool.roles.vocabulary]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, Field

from roledeck.model import DUTIES, HOW, NEEDS, SUMMARY

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
        description="Sub-role kind -> heading patterns (the `###` headings under 'how').",
    )

    def section_patterns(self) -> dict[str, list[str]]:
        """Section key -> patterns, in the conventional order of sections."""
        return {SUMMARY: self.summary, NEEDS: self.needs, DUTIES: self.duties, HOW: self.how}

    @cached_property
    def matcher(self) -> Matcher:
        """Compiled patterns (built once per vocabulary)."""
        return Matcher(self)


_PLACEHOLDER = re.compile(r"\{(article|name)\}")
# `[^<>]`, not `[^>]`: a tag never contains `<`, and excluding it keeps a heading of a
# thousand unclosed `<` linear instead of quadratic.
_HTML_TAG = re.compile(r"<[^<>]*>")
_INLINE_MARKUP = re.compile(r"\*\*|__|[*`]|\\(?=[^\w\s])")
_SPACES = re.compile(r"\s+")


def plain_heading(text: str) -> str:
    """Heading text for matching: inline Markdown and HTML removed, whitespace collapsed."""
    text = _INLINE_MARKUP.sub("", _HTML_TAG.sub(" ", text) if "<" in text else text)
    return _SPACES.sub(" ", text).strip()


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def facet_phrase(heading: str) -> str:
    """How running text names a sub-role: its heading without 'The', in lower case."""
    return _THE.sub("", plain_heading(heading)).lower()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Turn a vocabulary pattern into an anchored, case-insensitive regex."""
    parts: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append(_literal(pattern[pos : match.start()]))
        if match.group(1) == "article":
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
            (kind, compile_pattern(p))
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
        plain = plain_heading(text)
        return [m for p in self.title if (m := _match("title", p, plain))]

    def match_section(self, text: str) -> HeadingMatch | None:
        plain = plain_heading(text)
        for key, pattern in self.sections:
            if found := _match(key, pattern, plain):
                return found
        return None

    def match_sub_role(self, text: str) -> str | None:
        # the same few sub-role headings recur in every file of a catalog: remembered
        if text in self._kinds:
            return self._kinds[text]
        plain = plain_heading(text)
        kind = next((kind for kind, pattern in self.sub_roles if pattern.match(plain)), None)
        if len(self._kinds) < _REMEMBERED:
            self._kinds[text] = kind
        return kind


def _first(matches: list[HeadingMatch]) -> HeadingMatch | None:
    return matches[0] if matches else None


def _match(key: str, pattern: re.Pattern[str], plain: str) -> HeadingMatch | None:
    found = pattern.match(plain)
    if not found:
        return None
    groups = found.groupdict()
    article = groups.get("article")
    return HeadingMatch(key, groups.get("name"), article.lower() if article else None)


def fill(pattern: str, name: str) -> str:
    """Write a pattern out for a role name, with the article the name takes."""
    return pattern.replace("{article}", article_for(name)).replace("{name}", name)


_AN_LETTERS = set("AEFHILMNORSX")
_NON_LETTER = re.compile(r"[^A-Za-z]")
_A_PREFIXES = ("uni", "use", "usu", "uti", "eu", "one", "once", "ur")
_AN_PREFIXES = ("hour", "honest", "honor", "honour", "heir")


@lru_cache(maxsize=4096)
def article_for(name: str) -> str:
    """'a' or 'an' for a name, by how it is spoken: 'an SRE Lead', 'a DevOps Engineer'.

    A first word starting with two capitals is read letter by letter (S is "ess", MLOps is
    "em-el-ops"); otherwise the first
    letter decides, with the common English exceptions ('a Unix…', 'an Hour…'). Remembered:
    a file asks it of the same name for each of its headings.
    """
    word = name.strip().split(" ", 1)[0] if name.strip() else ""
    if not word:
        return "a"
    letters = _NON_LETTER.sub("", word)
    if not letters:
        return "a"
    if len(letters) > 1 and letters[:2].isupper():  # SRE, and MLOps: "an em-el-ops"
        return "an" if letters[0] in _AN_LETTERS else "a"
    lower = letters.lower()
    if lower.startswith(_AN_PREFIXES):
        return "an"
    if lower.startswith(_A_PREFIXES):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A kind or id made of a title: 'The Cloud Architect' -> 'cloud-architect'."""
    text = _LEADING_THE.sub("", plain_heading(text))
    return _NON_SLUG.sub("-", text.lower()).strip("-") or "custom"


DEFAULT_VOCABULARY = Vocabulary()
