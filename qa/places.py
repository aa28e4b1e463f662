"""A country said as its name or as its people's adjective: "Spain" and "Spanish".

News writes "the Spanish newspaper Diario Continental" where a reader asks "which paper said
Mensah was leaving for Spain?", and "a Chinese supplier" where one asks "which company in China".
BM25 matches neither (Snowball keeps "spain" and "spanish" apart) and MiniLM only half bridges
them, so the question's country was read as a name the articles never mention and refused. The
forms come from countryinfo (MIT; the data of 256 countries and territories, read in 0.03 s
once per process): a country's name and its demonym, not its other spellings (codes such as
"US" are also words, and most of the rest are native names no English article uses). A demonym
shared by several ("French": France and five territories) is the most populous one's.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["forms_of", "names_country", "other_forms", "said_in"]


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    """Each form in lower case -> every form of its country (name first), as written."""
    from countryinfo import all_countries

    countries: list[tuple[int, tuple[str, ...]]] = []
    for country in all_countries():
        info = country.info()
        name = str(info.get("name") or "")
        demonym = str(info.get("demonym") or "")
        forms = tuple(dict.fromkeys(f for f in (name, demonym) if f and "," not in f and "(" not in f))
        countries.append((int(info.get("population") or 0), forms))
    table: dict[str, tuple[str, ...]] = {}
    for _, forms in sorted(countries, key=lambda c: c[0]):  # the most populous last, so it wins
        for form in forms:
            table[form.lower()] = forms
    return table


_WORDS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def other_forms(text: str) -> list[str]:
    """The forms of each country ``text`` names that it does not use itself: "leaving for spain"
    → ["Spanish"], "the Spanish paper" → ["Spain"], "the United Kingdom" → ["British"]. Names of
    up to three words; case is not read (readers type "spain")."""
    table = _forms()
    words = _WORDS.findall(text)
    lowered = text.lower()
    found: list[str] = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            forms = table.get(" ".join(words[i : i + size]).lower())
            if forms is None:
                continue
            found += [f for f in forms if not re.search(rf"\b{re.escape(f.lower())}\b", lowered)]
    return list(dict.fromkeys(found))


def forms_of(name: str) -> tuple[str, ...]:
    """``name`` in lower case, then its country's other forms ("spain" → "spain", "spanish")."""
    lowered = name.lower()
    return tuple(dict.fromkeys([lowered, *(f.lower() for f in _forms().get(lowered, ()))]))


def said_in(name: str, text: str) -> bool:
    """Whether ``text`` (lower case) names ``name`` or, when it is a country, another of its forms."""
    lowered, *others = forms_of(name)
    return lowered in text or any(re.search(rf"\b{re.escape(f)}\b", text) for f in others)


def names_country(text: str) -> bool:
    """Whether ``text`` names a country or its people, written with capitals ("Kenyan", "Spain")."""
    table = _forms()
    words = re.findall(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}", text)
    return any(
        " ".join(run.split()[i : i + size]).lower() in table
        for run in words
        for size in (3, 2, 1)
        for i in range(len(run.split()) - size + 1)
    )
