"""`normalize`'s shortcuts give exactly the tokenizer's key, and word similarity is symmetric."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roledeck.normalize import (
    PLACEHOLDER,
    bag_of,
    comparable,
    key_of,
    normalize,
    tokenize,
    word_similarity,
)

NAMES = [
    "DevOps Engineer",
    "SRE Lead",
    "Kelvin Sisk",
    "Sisk Lead",
    "Iris Lead",
    "Ünïcode Rôle",
    "A",
]
# pieces that make the shortcuts work hard: the names in other cases, the characters a
# case-insensitive regex folds to ASCII (dotted/dotless i, long s, Kelvin sign), odd spaces
PIECES = [
    *NAMES,
    "devops engineer",
    "DEVOPS\nENGINEER",
    "an SRE lead",
    "\u212aelvin \u017fisk",
    "\u017fisk lead",
    "\u0130ris LEAD",
    "\u0131ris lead",
    "\u0130",
    "\u0131",
    "a",
    "an",
    " ",
    "\t",
    "\n\n",
    "\u00a0",
    "-",
    "'s",
    "**",
    "x",
    "{role}",
    "Engineering",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from([*NAMES, None]))
def test_normalize_equals_the_key_of_the_tokens(pieces: list[str], name: str | None) -> None:
    text = "".join(pieces)
    assert normalize(text, name) == key_of(tokenize(text, name))


def test_normalize_reads_the_name_and_its_article_as_one_placeholder() -> None:
    text = "Unlike others, a DevOps  Engineer\ncollaborates with an SRE Lead."
    assert normalize(text, "DevOps Engineer") == (
        f"Unlike others, {PLACEHOLDER} collaborates with an SRE Lead."
    )
    assert normalize("Helping \u212aelvin \u017fisk's team", "Kelvin Sisk") == (
        f"Helping {PLACEHOLDER}'s team"
    )


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=8),
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=8),
)
def test_word_similarity_is_symmetric_and_its_bound_never_hides_a_match(
    a: list[str], b: list[str]
) -> None:
    ratio = word_similarity(a, b)
    assert ratio == word_similarity(b, a)
    assert word_similarity(a, b, 0.5, (bag_of(a), bag_of(b))) in (
        (0.0, ratio) if ratio < 0.5 else (ratio,)
    )
    assert 0.0 <= ratio <= 1.0


def test_comparable_ignores_case_and_punctuation() -> None:
    assert comparable("**Monitoring**, and  LOGGING!") == "monitoring and logging"
