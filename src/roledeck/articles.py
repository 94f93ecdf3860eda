"""'a' or 'an' before a role name, by how the name is said, not how it is spelled.

English picks the article by the first sound: "an SRE Lead" (ess), "a Unix Admin" (you),
"an 8-Bit Artist" (eight), "an Éditeur Technique" (like E). So the first word is read as a
person would read it:

- letters spoken one by one (an initialism: `SRE`, the `ML` of `MLOps`, the `X` of `X-Ray`,
  the `i` of `iOS`) by the name of the first letter: "ef", "aitch", "el", "em", "en", "ar",
  "ess", "ex" and the vowels but U ("you") take "an";
- digits by their spoken form: 8, 11, 18, 80, 800, 8,000, 11,000 take "an", 1, 100, 110 "a";
  "1800" is "eighteen hundred" or "one thousand eight hundred": either;
- accented letters by their base letter (É like E, Ö like O);
- other words by their first letter, with the usual exceptions ("a Unicorn", "an Hour").

Where English genuinely hesitates, both are accepted: an acronym that can be read as a word
("NOC" knock or N-O-C, "SQL" sequel, "URL" earl, "FAQ"), a year-like number, a letter from
another script. `[tool.roles.articles]` fixes any name for a team.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

AN_LETTERS = frozenset("AEFHILMNORSX")
"""Letters whose spoken name starts with a vowel sound (ay, ee, ef, aitch, eye, el, …)."""
_VOWELS = frozenset("AEIOU")
_WORD_READ = frozenset({"SQL", "URL", "URI"})
"""Acronyms commonly read as a word whose sound differs from their first letter's name."""
_ONSETS = frozenset(
    {
        "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "ph", "pl",
        "pr", "sc", "sch", "scr", "sh", "sk", "sl", "sm", "sn", "sp", "spl", "spr", "st", "str",
        "sw", "th", "thr", "tr", "tw", "wh", "wr",
    }
)  # fmt: skip
"""Consonant clusters an English word can start with: `SCRUM` can be said, `SRE` cannot."""
_A_PREFIXES = (
    "uni", "use", "usu", "uti", "ubi", "uku", "ura", "uro", "ure", "uto", "eu", "ewe", "one",
    "once",
)  # fmt: skip
_AN_PREFIXES = ("hour", "honest", "honor", "honour", "heir")
_FIRST_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGITS = re.compile(r"\d[\d,]*")

EITHER = frozenset({"a", "an"})


def base_letters(text: str) -> str:
    """`text` with accents taken off Latin letters: 'Éditeur' -> 'Editeur', 'Ö' -> 'O'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spoken_number(digits: str) -> frozenset[str]:
    """The article of a number by how it is said: 8 'eight', 11 'eleven', 18 'eighteen'."""
    plain = digits.replace(",", "").lstrip("0") or "0"
    if plain == "0":
        return frozenset({"a"})  # "a zero-trust architect"
    lead = plain[: len(plain) % 3 or 3]
    leading = "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    if len(plain) == 4 and plain[:2] in ("11", "18"):
        return EITHER  # "eleven hundred" or "one thousand one hundred"
    return frozenset({leading})


def _initialism(word: str) -> str | None:
    """The letters of `word` read one by one, if it starts with such a run.

    `SRE` -> `SRE`, `MLOps` -> `ML` (the last capital begins 'Ops'), `LLMOps` -> `LLM`,
    `X` (of X-Ray) -> `X`, `iOS` -> `i`; None for an ordinary word (`DevOps`, `Engineer`).
    """
    if len(word) == 1:
        return word
    if word[0].islower() and word[1].isupper():
        return word[0]  # iOS, eBay, iPhone: the lower-case letter is said by its name
    run = 0
    while run < len(word) and word[run].isupper():
        run += 1
    if run == len(word):
        return word
    if run >= 2:
        return word[: run - 1] if word[run].islower() and run > 2 else word[:run]
    return None


def _sayable(letters: str) -> bool:
    """Whether an all-capitals word can be read as a word ('NOC', 'NASA', 'SCRUM', 'FAQ').

    It must start with a consonant cluster English words start with, then a vowel, then a
    consonant: `SRE` and `SEO` are spelled out, `NOC` may be "knock".
    """
    lower = letters.lower()
    at = 0
    while at < len(lower) and lower[at].upper() not in _VOWELS:
        at += 1
    onset = lower[:at]
    if at == 0 or at >= len(lower) - 1 or (len(onset) > 1 and onset not in _ONSETS):
        return False
    return lower[at + 1].upper() not in _VOWELS


@lru_cache(maxsize=4096)
def accepted_articles(name: str) -> frozenset[str]:
    """The articles English accepts before `name`: one of 'a'/'an', or both where it hesitates."""
    text = base_letters(name.strip())
    match = _FIRST_WORD.search(text)
    if match is None:
        return frozenset({"a"})
    word = match.group()
    digits = _DIGITS.match(word)
    if digits is not None:
        return _spoken_number(digits.group())
    if not word[0].isascii():
        return EITHER  # a letter of another script: no English rule to apply
    letters = _initialism(word)
    if letters is not None:
        upper = letters.upper()
        spelled = "an" if upper[0] in AN_LETTERS else "a"
        if upper in _WORD_READ or (len(letters) > 2 and letters.isupper() and _sayable(letters)):
            said = "an" if upper[0] in _VOWELS and upper[0] != "U" else "a"
            if upper in ("URL", "URI"):
                said = "an"  # "earl"
            return frozenset({spelled, said})
        return frozenset({spelled})
    lower = word.lower()
    if lower.startswith(_AN_PREFIXES):
        return frozenset({"an"})
    if lower.startswith(_A_PREFIXES):
        return frozenset({"a"})
    return frozenset({"an" if lower[0] in "aeiou" else "a"})


def _override(name: str, overrides: Mapping[str, str]) -> str | None:
    """A configured article: for the whole name, else for its first word (any case)."""
    if not overrides:
        return None
    folded = {key.casefold(): value for key, value in overrides.items()}
    whole = " ".join(name.split()).casefold()
    if whole in folded:
        return folded[whole]
    first = whole.split(" ", 1)[0] if whole else ""
    return folded.get(first)


def article_for(name: str, overrides: Mapping[str, str] | None = None) -> str:
    """The article `roles new`, `fmt` and lint's suggestions write before `name`.

    Where both are accepted, the one of the letters read one by one ('an NOC Engineer'),
    unless the configuration says otherwise.
    """
    configured = _override(name, overrides or {})
    if configured is not None:
        return configured
    accepted = accepted_articles(name)
    if len(accepted) == 1:
        return next(iter(accepted))
    return _spelled(name)


def _spelled(name: str) -> str:
    text = base_letters(name.strip())
    match = _FIRST_WORD.search(text)
    if match is None or match.group()[0].isdigit() or not match.group()[0].isascii():
        return "a"
    return "an" if match.group()[0].upper() in AN_LETTERS else "a"


def articles_allowed(name: str, overrides: Mapping[str, str] | None = None) -> frozenset[str]:
    """What lint accepts before `name`: the configured article, else `accepted_articles`."""
    configured = _override(name, overrides or {})
    return frozenset({configured}) if configured is not None else accepted_articles(name)
