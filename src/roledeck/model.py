"""The role-profile schema: the single source of truth for every command and for `roles schema`.

A Markdown profile and a YAML role file load into the same `Role`. Every element parsed from a
file carries the 1-based `line` it came from, so lint findings and diff output can point at it;
`line` is metadata and never part of a role's content (see `content_of`).
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

CANONICAL_KINDS: tuple[str, ...] = ("sysadmin", "developer", "security", "manager", "coach")
"""The five sub-role kinds every profile is expected to consider, in conventional order."""

SUMMARY = "summary"
NEEDS = "needs"
DUTIES = "duties"
HOW = "how"
PREAMBLE = "preamble"
"""Section keys used by notes and blocks to say where they sit."""


def _scalar_text(value: Any) -> Any:
    """A number or date where text is expected, as text (Docusaurus's front matter strings
    take `2024` and `2024-01-01` as written); anything else is left to the type check."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | datetime.date):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    return value


class Located(BaseModel):
    """Something that came from a place in a file."""

    model_config = ConfigDict(extra="forbid")

    line: int | None = Field(
        default=None,
        description="1-based line in the source file; absent for roles built in memory.",
        ge=1,
    )


class Paragraph(Located):
    """A block of Markdown text (a paragraph, or any block the schema has no place for)."""

    text: str = Field(description="The block's Markdown, lines joined with newlines.")


class Need(Located):
    """One reason the role exists: an item of the "Why … is Needed" list."""

    text: str = Field(description="The item's Markdown text, without the list marker.")


class Duty(Located):
    """One thing the role does: an item of the "What … Does" list."""

    name: str = Field(description="The duty's name: the bold text at the start of the item.")
    description: str | None = Field(
        default=None,
        description="Text after the bold name (separator such as ':' removed), if any.",
    )
    bold: bool = Field(
        default=True,
        description="Whether the name is written in bold; false for plain-text items.",
    )


class Heading(Located):
    """A section heading as written, and the role name found in it (for consistency checks)."""

    text: str = Field(description="The heading text as written, without the leading #s.")
    name: str | None = Field(
        default=None, description="The role name the heading mentions, if its pattern has one."
    )
    article: str | None = Field(
        default=None, description="The article written before that name ('a' or 'an')."
    )


class Headings(BaseModel):
    """The section headings as written in the source; absent ones are rendered canonically."""

    model_config = ConfigDict(extra="forbid")

    title: Heading | None = Field(default=None, description="The H1, e.g. 'The Role of a …'.")
    summary: Heading | None = Field(default=None, description="A summary heading, if any.")
    needs: Heading | None = Field(default=None, description="'Why a … is Needed'.")
    duties: Heading | None = Field(default=None, description="'What a … Does'.")
    how: Heading | None = Field(default=None, description="'How a … Works'.")


class SubRole(Located):
    """One facet of how the role works, e.g. 'The Developer' (a `###` under 'How … Works')."""

    kind: str = Field(
        description=(
            "One of the canonical kinds sysadmin, developer, security, manager, coach, a "
            "configured extra kind, or, for an unknown heading, a slug of its title."
        )
    )
    title: str = Field(description="The heading as written, e.g. 'The System Administrator'.")
    custom: bool = Field(
        default=False, description="True when the heading is not in the sub-role vocabulary."
    )
    description: list[Paragraph] = Field(
        default_factory=list, description="The paragraphs under the heading."
    )


class Note(Located):
    """An HTML (`<!-- … -->`) or MDX (`{/* … */}`) comment on its own lines."""

    text: str = Field(description="The comment's text, without its delimiters.")
    syntax: Literal["html", "mdx"] = Field(default="html", description="Which comment syntax.")
    section: str = Field(
        default=PREAMBLE,
        description=(
            "Where the note sits: preamble, summary, needs, duties, how, sub_role:N or extra:N."
        ),
    )
    position: int = Field(
        default=0,
        ge=0,
        description="How many items or paragraphs of its section come before it.",
    )


class Block(Located):
    """Markdown the schema has no field for (e.g. a paragraph after a list), kept in place."""

    text: str = Field(description="The block's Markdown.")
    section: str = Field(default=PREAMBLE, description="Where it sits (as for notes).")
    position: int = Field(default=0, ge=0, description="Items or paragraphs before it.")


class ExtraSection(Located):
    """A section whose heading the parser does not recognise: kept whole, never dropped."""

    title: str = Field(description="The heading text as written.")
    level: int = Field(default=2, ge=1, le=6, description="The heading level (number of #s).")
    blocks: list[Paragraph] = Field(default_factory=list, description="The section's blocks.")
    after: str = Field(
        default=HOW,
        description="The known section it follows: preamble, summary, needs, duties or how.",
    )


NUMBER_TEXT = r"^\s*[+-]?(?:[0-9]{1,15}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,2})?\s*$"
"""A number written as a string that Docusaurus reads as one (`"3"`, `" 2.5 "`, `"1e2"`).

Docusaurus validates `sidebar_position` with Joi's `number()`, which converts such strings
(and refuses infinities, NaN and true/false). The digits are bounded so that every string
the pattern admits is a finite number: the same pattern is in `roles schema`, so lint and the
schema accept exactly the same values.
"""
_NUMBER_TEXT = re.compile(NUMBER_TEXT)
_INTEGER_TEXT = re.compile(r"\s*[+-]?[0-9]+\s*")


def _sidebar_position(value: Any) -> Any:
    """`sidebar_position` as Docusaurus reads it: a finite number, or a string of one."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "Input should be a number, not true or false")
    if isinstance(value, str):
        if not _NUMBER_TEXT.match(value):
            raise PydanticCustomError("number_type", "Input should be a number")
        return int(value) if _INTEGER_TEXT.fullmatch(value) else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_type", "Input should be a finite number")
    if value is not None and not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "Input should be a number")
    return value


SidebarPosition = Annotated[
    int | float | None,
    BeforeValidator(_sidebar_position),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": NUMBER_TEXT},
                {"type": "null"},
            ]
        }
    ),
]


class TagObject(BaseModel):
    """A tag written as Docusaurus's object form: `{label: Role, permalink: /role}`."""

    model_config = ConfigDict(extra="forbid")

    label: Annotated[str, BeforeValidator(_scalar_text)] = Field(
        description="The tag as pages show it."
    )
    permalink: Annotated[str, BeforeValidator(_scalar_text)] = Field(
        description="The tag page's path below the tags route."
    )


def _tag(value: Any) -> Any:
    value = _scalar_text(value)
    if isinstance(value, str | TagObject):
        return value
    if isinstance(value, dict) and set(value) == {"label", "permalink"}:
        return TagObject.model_validate(value)
    raise ValueError("a tag is text, or {label: …, permalink: …} with both as text")


Tag = Annotated[
    str | TagObject,
    BeforeValidator(_tag),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "number"},
                {
                    "type": "object",
                    "properties": {"label": {"type": "string"}, "permalink": {"type": "string"}},
                    "required": ["label", "permalink"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
"""A frontmatter tag as Docusaurus accepts it: text (a number or date is read as text, as
Docusaurus's front matter schema does), or the object form."""


class Frontmatter(BaseModel):
    """The YAML frontmatter Docusaurus reads. Keys not listed here are kept, in their order."""

    model_config = ConfigDict(extra="allow")

    id: str | None = Field(default=None, description="Docusaurus doc id; the role id if set.")
    title: str | None = Field(default=None, description="Page title (and default sidebar label).")
    sidebar_label: str | None = Field(default=None, description="Label shown in the sidebar.")
    sidebar_position: SidebarPosition = Field(
        default=None,
        description="Order of the doc in its sidebar category: a number, or a string holding "
        'one (`"3"`), as Docusaurus accepts.',
    )
    tags: list[Tag] | None = Field(
        default=None,
        description="Docusaurus tags of the page: names (of tags.yml), or {label, permalink}.",
    )

    _order: list[str] = PrivateAttr(default_factory=list)

    @property
    def tag_labels(self) -> list[str]:
        """The tags as text: each tag's name, or the label of an object tag.

        What `list`, `matrix --tag`, profile selection and tags.yml checks compare.
        """
        return [t if isinstance(t, str) else t.label for t in self.tags or []]

    @model_validator(mode="wrap")
    @classmethod
    def _remember_order(
        cls, data: Any, handler: ModelWrapValidatorHandler[Frontmatter]
    ) -> Frontmatter:
        model = handler(data)
        if isinstance(data, dict):
            model._order = [str(key) for key in data]
        return model

    @model_serializer(mode="wrap")
    def _dump_in_source_order(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Dump only the keys the source had, in the source's order (Docusaurus-equivalent)."""
        dumped: dict[str, Any] = handler(self)
        order = self._order or [k for k, v in dumped.items() if v is not None]
        return {key: dumped[key] for key in order if key in dumped}


class Role(BaseModel):
    """One role profile, from a Markdown doc or a YAML role file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Frontmatter `id` if set (as Docusaurus does), else file stem.")
    name: str = Field(description="The role's name, e.g. 'DevOps Engineer' (from the H1).")
    article: str = Field(default="a", description="The article the H1 uses before the name.")
    frontmatter: Frontmatter = Field(
        default_factory=Frontmatter, description="The document's frontmatter."
    )
    headings: Headings = Field(
        default_factory=Headings, description="Section headings as written in the source."
    )
    summary: list[Paragraph] = Field(
        default_factory=list, description="Paragraphs between the H1 and the first section."
    )
    needs: list[Need] = Field(default_factory=list, description="Why the role is needed.")
    duties_intro: list[Paragraph] = Field(
        default_factory=list, description="Paragraphs before the list of duties."
    )
    duties: list[Duty] = Field(default_factory=list, description="What the role does.")
    how_intro: list[Paragraph] = Field(
        default_factory=list, description="Paragraphs before the first sub-role."
    )
    sub_roles: list[SubRole] = Field(
        default_factory=list, description="How the role works, one facet per sub-role."
    )
    notes: list[Note] = Field(default_factory=list, description="Comments left in the file.")
    blocks: list[Block] = Field(
        default_factory=list, description="Markdown kept in place that has no schema field."
    )
    extra_sections: list[ExtraSection] = Field(
        default_factory=list, description="Sections the parser did not recognise, kept whole."
    )
    source: str | None = Field(
        default=None, description="The file the role was read from (not part of its content)."
    )

    def sub_role(self, kind: str) -> SubRole | None:
        """The first sub-role of `kind`, if the role has one."""
        return next((s for s in self.sub_roles if s.kind == kind), None)

    @property
    def kinds(self) -> list[str]:
        """The kinds of the role's sub-roles, in document order."""
        return [s.kind for s in self.sub_roles]


def content_of(role: Role) -> dict[str, Any]:
    """The role's content: its dump without source lines or path, for equality checks.

    Two roles with equal content render to the same document; `fmt` writes a file only when
    the re-parsed result has the same content as the original.
    """
    data = role.model_dump(mode="json", exclude={"source"})
    return _without_lines(data)  # type: ignore[no-any-return]


def _without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value
