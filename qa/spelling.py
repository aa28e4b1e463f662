"""Spelling correction of questions against the articles' own vocabulary.

"hw many homs burned" finds nothing: BM25 matches no word and the embedding of a misspelt
question drifts. Before retrieval, each word that is neither a word of the articles nor a
common English word is replaced by its closest such word, found with SymSpell (symspellpy: a
maintained, fast edit-distance index). Among equally close candidates the choice is, in order:
a word of the articles, or one that English pairs with a neighbour at least a fiftieth as often
as the best-paired candidate ("how many", "who is"; symspellpy's bigram list); then the likelier
slip (``_slip``: a letter left out, doubled or swapped before a neighbouring key, before another
letter changed, before one added: "latst" is "latest", not "last"; "bankk" is "bank", not
"banks"; "fimed" is "fined", not "filmed"), a point more for any pair with a neighbour; then
the more frequent.

What no edit distance reaches is read first: phone shorthand ("ppl", "u", "r"; a short list
of texting forms, only in lower case, so "U.S." stays), contractions typed without their
apostrophe ("didnt" is "didn't", not "did": the negation stays; the forms come from symspellpy's
own list, except those that are common words of their own: "well", "shed", "whats"), a
possessive without its apostrophe ("mens race" where the articles say "men's"), and two words
typed as one ("howmany", "thefire": a split into two common words that English pairs, tried
only when no likely slip one edit away exists, so "dela" is "deal", not "de la"), titles readers
abbreviate and news writes out ("CEO" is "chief executive"; it was "ECO", one edit away), and
words left as typed: an acronym in capitals among lower-case words ("GDP"), and chat words the
English list lacks ("hi", "lol": they were "I" and "low"). A known word
is never changed, however rare: "sued" is one swap from "used", which English pairs with "who"
and "sued" it does not ("wen" and "wat", words of the list, are read as shorthand instead).

The candidates are the articles' words and the 30,000 commonest English words. They were the
5,000 commonest: "mediated", "infringe" and "negotiations" were out of reach, so "infrnge"
became "infringed" and "negotations" stayed. The English index takes about 1.3 s and 62 MB (RSS
growth, measured) to build and does not depend on the articles, so it is built once per process;
the articles' index, rebuilt per catalog version, no longer holds English words. On 108 misspelt
and right news questions over the news-reader articles (``tests/test_spelling.py``), 106 come
out as meant (79 before); on the bench's dev questions with one random slip each (1,366: a
letter dropped, doubled, swapped or a neighbouring key), 1,250 (1,174 before), and no right
question is changed (3 of 346 before: "vs" became "is").

The vocabulary is the catalog's vocabulary table (word -> number of articles), so a querying
process holds the archive's distinct words once, not each article's. Ties were once broken by
the articles that use a candidate together with another word of the question, which needed
every article's word set in memory (7.9 kB an article, 0.34 GB at 43,198 articles).

Names of the articles ("Okafor", "Lumora") are in the vocabulary, so they are never "corrected"
into dictionary words, which is what symspellpy's own ``lookup_compound`` did here ("Mensah" ->
"Mensa", "lumora" -> "aurora").
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from qa.text import DAY_NAMES, MONTH_NAMES

__all__ = ["Correction", "Speller", "english_words"]

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # a quoted phrase, curly or straight quotes
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CALENDAR = frozenset(w.lower() for w in (*MONTH_NAMES, *DAY_NAMES))
# The words a reader asks the product itself with, whether or not an article uses them.
_ASKING_WORDS = frozenset(
    "stories story articles article news headlines headline timeline summary summarise summarize latest "
    "coverage reports report".split()
)
_OWNER = re.compile(r"['’]s?$")
_APOSTROPHE = re.compile(r"['’]")
# English words a question may be corrected into (symspellpy's list is ordered by frequency).
# 30,000 reach "mediated" and "infringe", which articles that say "mediator" and "infringed" lack.
_ENGLISH = 30_000
# Below this rank an English word counts as common: a part of a run-together pair ("howmany").
_COMMON = 10_000
# Words questions use that articles may not: the question kinds' own vocabulary, and the
# openers of a chat's follow-ups ("ok and when's the next decision" read "on and ...", a fact
# question, before "ok" was known).
_QUESTION_WORDS = """
    latest newest recent summary summarize summarise timeline chronology happened happen story
    stories main compare comparison difference differ which when where who whom whose why how many
    much what news update vs versus ok okay
    """.split()
# Phone typing: shorthand that no edit distance reaches ("ppl" is three edits from "people").
# Only a lower-case token is read as shorthand, so "U.S." stays.
_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "govt": "government",
    "evac": "evacuation",
    "evacs": "evacuations",
    "abt": "about",
    "bout": "about",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "thru": "through",
    "tho": "though",
    "yr": "year",
    "yrs": "years",
    "wat": "what",
    "wats": "what's",
    "rn": "right now",
    "wen": "when",
    "thx": "thanks",
    "w": "with",
}
# Titles readers abbreviate and news writes out: "Who is Kestrel's CEO?" is asked of "chief
# executive Marta Ferrant"; symspellpy's list lacks "ceo", so it became "ECO" (one edit), then
# "no sentence names the ECO". Read in any case, unless the articles use the abbreviation.
_TITLES = {
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
}
# An acronym's plural ("NGOs", "MPs"), kept as typed as its singular is.
_ACRONYMS = re.compile(r"[A-Z]{2,}s")
# Chat words a reader types that symspellpy's list lacks or ranks past its 30,000th word: kept as
# typed ("Hi, how many ..." read "I, how many ...", "lol" read "low", "yo" read "you").
_CHAT = frozenset("hi hiya yo lol lmao btw imo imho tbh omg fyi idk ty newsdesk".split())  # its own name too
# Abbreviations readers type in lower case that symspellpy's list lacks: kept as typed ("who won
# the tv debate" read "to debate" and led with the marathon's winner).
_ABBREVIATIONS = frozenset("tv pm mp uk eu un gdp ai ok".split())
# A contraction typed without its apostrophe ("didnt", "whos") is read as the contraction unless
# it is also a common word of its own: "well", "its", "shed", "were", but also "whats", "cant".
_CONTRACTION_MAX_COUNT = 5_000_000
_QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# A rare English word none of the articles uses is read as an articles' word with a letter left
# out when English uses that word this many times as often ("manger", "manager": 120).
RARER = 100
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1)
def _english() -> dict[str, int]:
    """symspellpy's English word frequencies (82,765 words, shipped in the package)."""
    from importlib.resources import files

    counts: dict[str, int] = {}
    with (files("symspellpy") / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as f:
        for line in f:
            word, _, count = line.partition(" ")
            counts[word] = int(count)
    return counts


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The ``_ENGLISH`` (30,000) commonest English words: what a question may be corrected into,
    and what the language check counts as English."""
    return frozenset(list(_english())[:_ENGLISH])


@lru_cache(maxsize=1)
def _bigrams() -> dict[str, int]:
    from importlib.resources import files

    counts: dict[str, int] = {}
    with (files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8") as f:
        for line in f:
            a, b, count = line.split(" ")
            counts[f"{a} {b}"] = int(count)
    return counts


@lru_cache(maxsize=1)
def _english_index() -> Any:
    """A SymSpell index of the 30,000 commonest English words, built once per process (about 1 s).

    It does not depend on the articles, so a new catalog version rebuilds only the articles' index.
    """
    from symspellpy import SymSpell

    english = _english()
    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word, count in list(english.items())[:_ENGLISH]:
        index.create_dictionary_entry(word, count)
    for word in _QUESTION_WORDS:
        index.create_dictionary_entry(word, english.get(word, 1_000_000))
    return index


@lru_cache(maxsize=1)
def _contractions() -> dict[str, str]:
    """Each contraction of the English list by its form without the apostrophe ("didnt")."""
    english = _english()
    found = {}
    for word in english:
        bare = word.replace("'", "")
        if bare != word and english.get(bare, 0) < _CONTRACTION_MAX_COUNT:
            found[bare] = word
    for word in ("how", "what", "who", "where", "when", "why", "that", "there", "here"):
        if english.get(word + "s", 0) < _CONTRACTION_MAX_COUNT:  # "hows" is "how's", "whats" stays
            found.setdefault(word + "s", word + "'s")
    return found


def _neighbours() -> dict[str, str]:
    keys: dict[str, str] = {}
    for r, row in enumerate(_QWERTY):
        for c, key in enumerate(row):
            near = [row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)]
            for other in (r - 1, r + 1):
                if 0 <= other < len(_QWERTY):
                    near += [_QWERTY[other][i] for i in (c - 1, c, c + 1) if 0 <= i < len(_QWERTY[other])]
            keys[key] = "".join(near)
    return keys


_NEAR = _neighbours()


def _slip(typed: str, meant: str) -> int:
    """How likely a typist who meant ``meant`` typed ``typed`` (one edit apart): 3 to 0.

    3: a letter left out ("homs"), a letter doubled ("bankk"), two letters swapped ("latset");
    2: a neighbouring key or vowel for vowel ("fimed", "mediater"); 1: another letter changed;
    0: a letter added. Two edits apart, the longer word is the likelier (a dropped letter again).
    """
    if len(meant) == len(typed) + 1:
        return 3 if any(meant[:i] + meant[i + 1 :] == typed for i in range(len(meant))) else 0
    if len(meant) == len(typed) - 1:
        doubled = any(
            typed[i] == typed[i - 1] and typed[:i] + typed[i + 1 :] == meant for i in range(1, len(typed))
        )
        return 3 if doubled else 0
    if len(meant) == len(typed):
        diff = [i for i in range(len(typed)) if typed[i] != meant[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == meant[diff[1]]:
            return 3
        if len(diff) == 1:
            a, b = typed[diff[0]], meant[diff[0]]
            return 2 if b in _NEAR.get(a, "") or {a, b} <= _VOWELS else 1
        return 1
    return 2 if len(meant) > len(typed) else 0


@dataclass(frozen=True)
class Correction:
    """A question after correction, and the words that changed (typo -> correction)."""

    text: str
    changes: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def misspelt(self) -> bool:
        """Whether a change mends a misspelt word, worth a "Showing results for": not only a
        title or shorthand written out ("CEO" as "chief executive", "rn") or an apostrophe put
        back ("didnt"), which read the question as typed."""
        return any(
            typed.lower() not in _TITLES
            and typed.lower() not in _SHORTHAND
            and _APOSTROPHE.sub("", fixed.lower()) != _APOSTROPHE.sub("", typed.lower())
            for typed, fixed in self.changes
        )


class Speller:
    """Corrects questions against a vocabulary (word -> number of articles using it)."""

    def __init__(self, vocabulary: Mapping[str, int], names: Iterable[str] = ()) -> None:
        """Index ``vocabulary``; ``names`` (the articles' names, "Cedar Ridge Fire") let a right
        word one slip from a word of a name its neighbours begin be corrected into it."""
        from symspellpy import SymSpell

        self._names: set[tuple[str, ...]] = set()
        for name in names:
            words = name.lower().split()
            self._names.update(
                tuple(words[a:b]) for a in range(len(words)) for b in range(a + 2, min(a + 4, len(words)) + 1)
            )
        self._name_words = {w for name in self._names for w in name}
        # The articles' names as they write them, for a question typed in lower case (``cased``):
        # whole names of several words ("northvale power"), and one-word names that are no common
        # English word ("eastmere", "kingsport"; not "marsh" or "glow").
        english = _english()
        self._written: dict[tuple[str, ...], str] = {}
        for name in names:
            words = name.split()
            if not all(w[:1].isupper() for w in words) or any(
                _OWNER.sub("", w.lower()) in _CALENDAR for w in words
            ):
                continue
            key = tuple(w.lower() for w in words)
            if len(words) > 1 or (key[0].isalpha() and key[0] not in english):
                self._written.setdefault(key, name)
        # A name with an apostrophe inside, typed without it, in any case: "Peoples Front" (the
        # articles' "People's Front"), which read as a name the articles never mention.
        self._unmarked: dict[tuple[str, ...], str] = {}
        for key, name in self._written.items():
            bare = tuple(_APOSTROPHE.sub("", w) for w in key)
            if len(key) > 1 and bare != key and not _OWNER.search(key[-1]):
                self._unmarked.setdefault(bare, name)
        self._longest = max((len(k) for k in self._written), default=0)

        ranked = list(english)
        self.known = frozenset(vocabulary)
        self._known = self.known | set(ranked[:_ENGLISH]) | set(_QUESTION_WORDS) | _CHAT | _ABBREVIATIONS
        self._common = self.known | set(ranked[:_COMMON]) | set(_QUESTION_WORDS) | {"a", "i"}
        # Rarer dictionary words ("footballer", but also "homs") change only into a word of the
        # articles one edit away: "homs" is "homes" in a news question about a fire.
        self._rare = set(english)
        self._articles = self.known
        self._english = _english_index()
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, n in vocabulary.items():
            if len(word) > 1 and word.isalpha():
                self._symspell.create_dictionary_entry(word, max(n, 1) * 1_000_000)
        # The articles' words by their letters with doubles written once ("sheriff" under
        # "sherif"): a double typed on the wrong letter ("sherrif") is two edits from the word,
        # and one from a rarer English word ("sherri"), so the edit distance chose that one.
        self._doubles: dict[str, str] = {}
        for word, _ in sorted(vocabulary.items(), key=lambda item: item[1]):
            if len(word) > 4 and word.isalpha():
                self._doubles[_undoubled(word)] = word  # the word of the most articles last
        self._lock = threading.Lock()

    def correct(self, question: str) -> Correction:
        """``question`` with its unknown words replaced by their closest known words.

        Words inside quotation marks are left as typed: a quoted headline ("What does “Mensah
        limps off as Rovers draw” report?", the follow-ups the app suggests) is the articles' own
        text, and 5 of 44 suggested headlines were "corrected" ("limps" to "lamps", "TV" to "TO").
        """
        quoted = [m.span() for m in _QUOTED.finditer(question)]
        tokens = [t for t in _TOKEN.finditer(question) if not any(a < t.start() < b for a, b in quoted)]
        lowered = [t.group().lower() for t in tokens]
        # A word in capitals among words that are not is an acronym typed so on purpose ("GDP",
        # "NHS"); a question typed all in capitals is corrected as any other.
        capitals = [
            len(t.group()) > 1 and (t.group().isupper() or bool(_ACRONYMS.fullmatch(t.group())))
            for t in tokens
        ]
        shouted = sum(capitals) * 2 > len(tokens)
        out, changes, cursor = [], [], 0
        for i, token in enumerate(tokens):
            acronym = (
                capitals[i] and not shouted and lowered[i] not in _TITLES and lowered[i][:-1] not in _TITLES
            )
            fix = None if acronym else self._fix(token.group(), lowered, i)
            if fix is not None:
                out.append(question[cursor : token.start()])
                out.append(fix)
                cursor = token.end()
                changes.append((token.group(), fix))
        out.append(question[cursor:])
        return Correction("".join(out), tuple(changes))

    def cased(self, question: str) -> str:
        """``question`` with the articles' names typed in lower case written as the articles write
        them ("who runs northvale power" -> "who runs Northvale Power").

        Much of the answer step reads a name by its capitals (whose figure, whose role, a name the
        articles never mention); the 1,037 dev questions typed with capitals, asked again in lower
        case, were answered right 877 times instead of 897; with names cased so, 897 of 899. A word
        typed with a capital is left as typed, and so is any name that is also a common word on
        its own.
        """
        tokens = list(_TOKEN.finditer(question))
        out, cursor, i = [], 0, 0
        while i < len(tokens):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                span = tokens[i : i + size]
                key = tuple(t.group().lower() for t in span)
                owner = _OWNER.search(key[-1])  # "eastmere's prime minister"
                if owner and owner.start() > 0:
                    key = (*key[:-1], key[-1][: owner.start()])
                written = self._written.get(key)
                if written is None or not all(t.group().islower() for t in span):
                    written = self._unmarked.get(key) if size > 1 else None
                if written is None:
                    continue
                if any(question[a.end() : b.start()] != " " for a, b in pairwise(span)):
                    continue
                out.append(question[cursor : span[0].start()])
                out.append(
                    written + (span[-1].group()[owner.start() :] if owner and owner.start() > 0 else "")
                )
                cursor = span[-1].end()
                i += size
                break
            else:
                i += 1
        out.append(question[cursor:])
        return "".join(out)

    def _fix(self, typed: str, words: list[str], i: int) -> str | None:
        """What ``typed`` (the ``i``-th of ``words``) should read, or None to keep it."""
        lower = words[i]
        as_typed = typed == lower or (i == 0 and typed.istitle())  # "Y did ..." but not "U.S."
        if lower in _SHORTHAND and lower not in self._articles and as_typed:
            return _cased(typed, _SHORTHAND[lower])
        if lower in _TITLES and lower not in self._articles:
            return _TITLES[lower]
        if lower[-1:] == "s" and lower[:-1] in _TITLES and lower not in self._articles:
            return _TITLES[lower[:-1]] + "s"  # "list the CEOs": chief executives (it was "Coos")

        word = re.sub(r"['’]s?$", "", lower)  # "wildfire's" is "wildfire" here
        if len(word) < 2 or word in self._articles:
            return None
        if word in _contractions() and word == lower:
            return _cased(typed, _contractions()[word])
        if other := _other_spelling(word, self._articles):  # "apologized", "harbor": as the articles spell it
            return _cased(typed, other) + typed[len(word) :]
        # A possessive typed without its apostrophe: "mens race" (the articles say "men's"),
        # "lumoras fine" (a name of the articles, no English word).
        # Not an English plural ("governors", "chiefs"), which the articles' "governor's" would take.
        stem = word[:-1]
        name = word not in self._known and stem in self._articles and stem not in self._rare
        if (
            word.endswith("s")
            and word == lower
            and len(stem) > 1
            and word not in self._rare
            and ({stem + "'s", stem + "’s"} & self._articles or name)
        ):
            return _cased(typed, stem + "'s")
        double = self._doubles.get(_undoubled(word)) if word not in self._known else None
        if double and double != word:
            return _cased(typed, double) + typed[len(word) :]  # "sherrif", "comittee", "adress"
        # A known word stays, however rare: "sued" fits "who ... Lumora" as well as "used" does
        # to English's pairs, which know "who used" and not "who sued".
        if word in self._known:
            fix = self._in_name(word, words, i) or self._letter_dropped(word)
        else:
            named = i > 0 and typed[:1].isupper()
            fix = self._best(word, words, i, named=named)
            if named and fix and fix not in self._name_words | _CALENDAR and (fix,) not in self._written:
                # A name the reader typed with its capital that no name of the articles is near:
                # a byline ("and by Felix Aronsen?" became "Felix Aroused") or someone they never
                # name, which a plain word would only mislead.
                return None
        if not fix or fix == word:
            return None
        return _cased(typed, fix) + typed[len(word) :]

    def _in_name(self, word: str, words: list[str], i: int) -> str | None:
        """The word of an articles' name one slip from ``word`` that makes a name with its
        neighbours where ``word`` makes none: "cedar ridge fir" is "Cedar Ridge Fire", "harbor
        city" is "Harbour City". ``word`` is a right word ("fir", "harbor"), so only a name of
        the articles around it says it was meant otherwise."""
        windows = [
            (a, b)
            for a in range(max(0, i - 3), i + 1)
            for b in range(max(i + 1, a + 2), min(a + 4, len(words)) + 1)
        ]
        if len(word) < 3 or not windows or any(tuple(words[a:b]) in self._names for a, b in windows):
            return None
        fits = [
            meant
            for meant in _edits(word) & self._name_words
            if not _plural_of(word, meant)
            and any((*words[a:i], meant, *words[i + 1 : b]) in self._names for a, b in windows)
        ]
        return max(fits, key=lambda meant: (_slip(word, meant), meant), default=None)

    def _makes_name(self, term: str, words: list[str], i: int) -> bool:
        """Whether ``term`` in place of ``words[i]`` makes an articles' name with its neighbours."""
        return term in self._name_words and any(
            (*words[a:i], term, *words[i + 1 : b]) in self._names
            for a in range(max(0, i - 3), i + 1)
            for b in range(max(i + 1, a + 2), min(a + 4, len(words)) + 1)
        )

    def _letter_dropped(self, word: str) -> str | None:
        """The articles' word that ``word``, a rare English word none of them uses, is with a
        letter left out, when English uses it a hundred times as often: "manger" is "manager"
        (120 times as common) in "who is the manger of ashbury rovers". A left-out letter is the
        likeliest slip (``_slip``); a common word ("lose", the 10,000 commonest) stays, and so
        does a singular beside the articles' plural ("tram", "trams")."""
        if word in self._common or word in self._articles or len(word) < 4:
            return None
        english = _english()
        typed = english.get(word, 0)
        letters = "abcdefghijklmnopqrstuvwxyz"
        fits = {
            meant
            for at in range(len(word) + 1)
            for c in letters
            if (meant := word[:at] + c + word[at:]) in self._articles
            and not _plural_of(meant, word)
            and english.get(meant, 0) >= RARER * max(typed, 1)
        }
        return max(fits, key=lambda meant: english.get(meant, 0), default=None)

    def _lookup(self, word: str, distance: int) -> list[Any]:
        from symspellpy import Verbosity

        with self._lock:  # SymSpell's lookup is not documented as thread-safe
            found = {s.term: s for s in self._english.lookup(word, Verbosity.ALL, max_edit_distance=distance)}
            found.update(
                (s.term, s) for s in self._symspell.lookup(word, Verbosity.ALL, max_edit_distance=distance)
            )
        return list(found.values())

    def _split(self, word: str) -> str | None:
        """Two common words typed as one ("howmany", "theelection") that English pairs, or None."""
        bigrams = _bigrams()
        best, most = None, 0
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if min(len(left), len(right)) < 2 or left not in self._common or right not in self._common:
                continue
            count = bigrams.get(f"{left} {right}", 0)
            if count > most:
                best, most = f"{left} {right}", count
        return best

    @staticmethod
    def _pairs(term: str, words: list[str], i: int) -> int:
        bigrams = _bigrams()
        prev_word = words[i - 1] if i > 0 else ""
        next_word = words[i + 1] if i + 1 < len(words) else ""
        return bigrams.get(f"{prev_word} {term}", 0) + bigrams.get(f"{term} {next_word}", 0)

    def _best(self, word: str, words: list[str], i: int, named: bool = False) -> str | None:
        """The articles' or English word ``word`` (the ``i``-th of ``words``) was meant to be;
        ``named``: typed with a capital inside the question, so a word of an articles' name
        comes first ("Castellano and Roves" is Rovers, not "Moves")."""
        rare = word in self._rare
        distance = 1 if len(word) <= 4 or rare else 2
        found = self._lookup(word, distance)
        if rare:
            found = [s for s in found if s.term in self._articles]
        likely = [s for s in found if s.distance == 1 and _slip(word, s.term) >= 2]
        if not likely and not rare and (split := self._split(word)):
            return split  # "howmany", "theelection"; but "dela" is "deal", one swap away
        if not found:
            return None
        least = min(s.distance for s in found)
        found = [s for s in found if s.distance == least]
        pairs = {s.term: self._pairs(s.term, words, i) for s in found}
        strongest = max(pairs.values())

        owned = bool(_OWNER.search(words[i])) and words[i] != word

        def rank(s: Any) -> tuple[int, int, int, int, float]:
            pair = pairs[s.term]
            return (
                # First a word that makes an articles' name with its neighbours: "cear ridge" is
                # "Cedar Ridge", not "clear ridge".
                # So does a name's word typed as a possessive ("maruh's party" is Marsh's).
                int(
                    self._makes_name(s.term, words, i)
                    or ((owned or named) and s.term in self._name_words and s.term not in _CALENDAR)
                ),
                # A word a reader asks the product with ("stoires" is "stories", not "stores").
                int(s.term in _ASKING_WORDS),
                # A word of the articles before one of English at large ("lumora fimed" is
                # "fined", not "filmed"): the question is about the articles; as much as that, a
                # word English pairs with a neighbour at least a fiftieth as often as the
                # best-paired candidate ("how mny" is "how many" where the articles say "May").
                int(s.term in self._articles) + int(pair * 50 >= strongest > 0),
                # Then the likelier slip ("homs burned" is "homes", though English pairs "many
                # home" more), a point for any pair with a neighbour.
                _slip(word, s.term) + int(pair > 0),
                math.log1p(s.count) + math.log1p(pair),
            )

        return str(max(found, key=rank).term)


# American and British spellings of one word, each way: (pattern, replacement).
_SPELLINGS = tuple(
    (re.compile(pattern), other)
    for pattern, other in (
        (r"([a-z]{3})iz(e|es|ed|ing|er|ers|ation|ations)$", r"\1is\2"),  # apologized, organizer
        (r"([a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$", r"\1iz\2"),
        (r"([a-z]{2})yz(e|es|ed|ing)$", r"\1ys\2"),  # analyze
        (r"([a-z]{2})ys(e|es|ed|ing)$", r"\1yz\2"),
        (r"([a-z]{2}[^aeiou])or(s|ed|ing|ite|ites|able)?$", r"\1our\2"),  # harbor, neighboring, labor
        (r"([a-z]{2}[^aeiou])our(s|ed|ing|ite|ites|able)?$", r"\1or\2"),
        (r"([a-z]{2}[tb])er(s)?$", r"\1re\2"),  # center, kilometers, fiber
        (r"([a-z]{2}[tb])re(s)?$", r"\1er\2"),
        (r"([a-z]{2}[aeiou])l(ed|ing|er|ers)$", r"\1ll\2"),  # traveled, canceled
        (r"([a-z]{2}[aeiou])ll(ed|ing|er|ers)$", r"\1l\2"),
        (r"([a-z]{2})ense(s)?$", r"\1ence\2"),  # defense, offense
        (r"([a-z]{2})ence(s)?$", r"\1ense\2"),
        (r"([a-z]{3})og(s)?$", r"\1ogue\2"),  # catalog, dialog
        (r"([a-z]{3})ogue(s)?$", r"\1og\2"),
        (r"^program(s)?$", r"programme\1"),
        (r"^programme(s)?$", r"program\1"),
    )
)


def _other_spelling(word: str, articles: Collection[str]) -> str | None:
    """``word`` as the articles spell it when they spell it the other side of the Atlantic
    ("apologized" is the articles' "apologised", "harbor" their "harbour"); None when they use
    it as typed or no other spelling of it.

    A dictionary word is not corrected (``Speller._fix`` keeps a known word), but the answer
    step matches the articles' words by their stems, which differ ("apolog" and "apologis").
    """
    if word in articles:
        return None
    for pattern, other in _SPELLINGS:
        spelt = pattern.sub(other, word)
        if spelt != word and spelt in articles:
            return spelt
    return None


def _plural_of(word: str, other: str) -> bool:
    """Whether ``word`` is the plural of ``other`` ("chiefs", "chief"): a plural typed in full
    is no slip, though it is one letter from a name's word ("which fire chiefs spoke" is not
    about "Fire Chief Dana Whitlock" alone). Only the plural: "kingsport unite" is still the
    name's "United"."""
    return word in (other + "s", other + "es")


def _undoubled(word: str) -> str:
    """``word`` with each run of a letter written once: "sheriff" and "sherrif" are "sherif"."""
    return re.sub(r"(.)\1+", r"\1", word)


def _edits(word: str) -> set[str]:
    """The words one edit from ``word``: a letter dropped, added, changed or two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b} | {a + c + b for a, b in splits for c in letters}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    return found | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}


def _cased(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
