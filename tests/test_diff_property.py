"""Property: random edits to a role are each reported by `diff_roles`, and nothing else is.

A role is generated with items whose words are unique to each item, so an unrelated item can
never look similar; an edit replaces at most two of an item's eight or more words, so an
edited item always still looks like itself. Items mention the role by name (with the right
article, sometimes in lower case), so renaming the role must cost exactly one change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roledeck.diff import Change, diff_roles
from roledeck.model import Duty, Need, Paragraph, Role, SubRole
from roledeck.vocabulary import article_for

NAMES = ["QA Analyst", "SRE Lead", "Platform Engineer", "Release Manager", "Agile Coach"]
LISTS = ("summary", "needs", "duties", "how_intro", "sub_role:developer")


@dataclass
class Item:
    """An item: its identity, its words, and where (if anywhere) it names the role."""

    ident: int
    words: list[str]
    mention: int | None
    lower: bool = False

    def text(self, name: str) -> str:
        words = list(self.words)
        if self.mention is not None:
            article = article_for(name)
            phrase = f"{article} {name.lower() if self.lower else name}"
            if self.mention == 0:
                phrase = phrase[0].upper() + phrase[1:]
            words.insert(self.mention, phrase)
        return " ".join(words) + "."


@dataclass
class Edits:
    """What the test did to one list, to be compared with what the diff reports."""

    removed: set[int] = field(default_factory=set)
    added: set[int] = field(default_factory=set)
    edited: set[int] = field(default_factory=set)


_fresh = count()


def _word() -> str:
    return f"w{next(_fresh)}x"


@st.composite
def items(draw: st.DrawFn, ident: int) -> Item:
    size = draw(st.integers(8, 12))
    mention = draw(st.one_of(st.none(), st.integers(0, size)))
    return Item(ident, [_word() for _ in range(size)], mention, draw(st.booleans()))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, str, dict[str, list[Item]], dict[str, list[Item]]]:
    idents = count()
    old_name = draw(st.sampled_from(NAMES))
    new_name = old_name
    if draw(st.booleans()):
        new_name = draw(st.sampled_from([n for n in NAMES if n != old_name]))
    before: dict[str, list[Item]] = {}
    after: dict[str, list[Item]] = {}
    for key in LISTS:
        original = [draw(items(next(idents))) for _ in range(draw(st.integers(0, 5)))]
        before[key] = original
        current = [Item(i.ident, list(i.words), i.mention, i.lower) for i in original]
        for _ in range(draw(st.integers(0, 4))):
            action = draw(st.sampled_from(["add", "remove", "edit", "move"]))
            if action == "add":
                at = draw(st.integers(0, len(current)))
                current.insert(at, draw(items(next(idents))))
            elif current and action == "remove":
                current.pop(draw(st.integers(0, len(current) - 1)))
            elif current and action == "edit":
                item = current[draw(st.integers(0, len(current) - 1))]
                for _ in range(draw(st.integers(1, 2))):
                    item.words[draw(st.integers(0, len(item.words) - 1))] = _word()
            elif current and action == "move":
                moving = current.pop(draw(st.integers(0, len(current) - 1)))
                current.insert(draw(st.integers(0, len(current))), moving)
        after[key] = current
    return old_name, new_name, before, after


def _role(name: str, lists: dict[str, list[Item]]) -> Role:
    def paragraphs(key: str) -> list[Paragraph]:
        return [Paragraph(text=i.text(name)) for i in lists[key]]

    return Role(
        id="r",
        name=name,
        article=article_for(name),
        summary=paragraphs("summary"),
        needs=[Need(text=i.text(name)) for i in lists["needs"]],
        duties=[Duty(name=i.text(name)) for i in lists["duties"]],
        how_intro=paragraphs("how_intro"),
        sub_roles=[
            SubRole(
                kind="developer",
                title="The Developer",
                description=paragraphs("sub_role:developer"),
            )
        ],
    )


def _lis_length(sequence: list[int]) -> int:
    best: list[int] = []
    for index, value in enumerate(sequence):
        best.append(1 + max((best[k] for k in range(index) if sequence[k] < value), default=0))
    return max(best, default=0)


def _expected_text(item: Item, name: str, key: str) -> str:
    text = item.text(name)
    return f"**{text}**" if key == "duties" else text


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(scenarios())
def test_every_edit_is_reported_and_nothing_else(
    scenario: tuple[str, str, dict[str, list[Item]], dict[str, list[Item]]],
) -> None:
    old_name, new_name, before, after = scenario
    result = diff_roles(_role(old_name, before), _role(new_name, after))
    changes = result.changes
    renamed = [c for c in changes if c.section == "name"]
    assert len(renamed) == (old_name != new_name)
    for key in LISTS:
        _check_list(
            key, [c for c in changes if c.section == key], before, after, old_name, new_name
        )
    assert {c.section for c in changes} <= {"name", *LISTS}
    mirror = diff_roles(_role(new_name, after), _role(old_name, before)).counts()
    forward = result.counts()
    assert (mirror["added"], mirror["removed"]) == (forward["removed"], forward["added"])
    assert (mirror["changed"], mirror["moved"]) == (forward["changed"], forward["moved"])


def _check_list(
    key: str,
    changes: list[Change],
    before: dict[str, list[Item]],
    after: dict[str, list[Item]],
    old_name: str,
    new_name: str,
) -> None:
    old = {i.ident: i for i in before[key]}
    new = {i.ident: i for i in after[key]}
    removed = {_expected_text(old[i], old_name, key) for i in old.keys() - new.keys()}
    added = {_expected_text(new[i], new_name, key) for i in new.keys() - old.keys()}
    kept = [i for i in new if i in old]
    edited = {
        (_expected_text(old[i], old_name, key), _expected_text(new[i], new_name, key))
        for i in kept
        if old[i].words != new[i].words
    }

    assert {c.old for c in changes if c.kind == "removed"} == removed
    assert {c.new for c in changes if c.kind == "added"} == added
    assert {(c.old, c.new) for c in changes if c.kind == "changed"} == edited
    assert sum(c.kind == "removed" for c in changes) == len(removed)
    assert sum(c.kind == "added" for c in changes) == len(added)

    old_positions = [list(old).index(i) for i in kept]
    moves = [c for c in changes if c.kind == "moved" or c.moved]
    assert len(moves) == len(kept) - _lis_length(old_positions)
    assert all(c.kind == "changed" for c in changes if c.moved)
    # the items not reported as moved keep their order
    moved_old = {c.old_index for c in moves}
    staying = [p for p in old_positions if p not in moved_old]
    assert staying == sorted(staying)
    for change in changes:
        if change.kind == "changed":
            assert "".join(w.new for w in change.words) == change.new
