"""Spelling correction of questions against the articles' own vocabulary.

"hw many homs burned" finds nothing: BM25 matches no word and the embedding of a misspelt
question drifts. Before retrieval, each word that is neither a word of the articles nor a
common English word is replaced by its closest such word, found with SymSpell (symspellpy: a
maintained, fast edit-distance index). Among equally close candidates the choice is, in order:
the one that forms a common English pair with a neighbour ("how many", "many homes"; from
symspellpy's bigram list), one longer than the typo, then one as long (a dropped letter is the
commonest slip: "latst" is "latest", not "last"; "homs" is "homes", not "home"; "mny" is "many",
not "may"), a word of the articles, then the more frequent.

The vocabulary is the catalog's vocabulary table (word -> number of articles), so a querying
process holds the archive's distinct words once, not each article's. Ties were once broken by
the articles that use a candidate together with another word of the question, which needed
every article's word set in memory (7.9 kB an article, 0.34 GB at 43,198 articles); the
longer-first rule chose the same word for every English question of the news-reader bench, and
"many" rather than "may" in "how mny heaters did lumora recal" where the co-occurrence chose
"may" (a month, in the recall's dates).

Names of the articles ("Okafor", "Lumora") are in the vocabulary, so they are never "corrected"
into dictionary words, which is what symspellpy's own ``lookup_compound`` did here ("Mensah" ->
"Mensa", "lumora" -> "aurora"). Building the index over the articles' words and the 5,000 most
common English words takes about 0.1 s and is done once per catalog version.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Correction", "Speller"]

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # a quoted phrase, curly or straight quotes
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*")
_COMMON = 5_000
# Words questions use that articles may not: the question kinds' own vocabulary.
_QUESTION_WORDS = """
    latest newest recent summary summarize summarise timeline chronology happened happen story
    stories main compare comparison difference differ which when where who whom whose why how many
    much what news update
    """.split()


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
def _bigrams() -> dict[str, int]:
    from importlib.resources import files

    counts: dict[str, int] = {}
    with (files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8") as f:
        for line in f:
            a, b, count = line.split(" ")
            counts[f"{a} {b}"] = int(count)
    return counts


@dataclass(frozen=True)
class Correction:
    """A question after correction, and the words that changed (typo -> correction)."""

    text: str
    changes: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)


class Speller:
    """Corrects questions against a vocabulary (word -> number of articles using it)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        from symspellpy import SymSpell

        english = _english()
        self.known = frozenset(vocabulary)
        self._known = self.known | set(list(english)[:30_000]) | set(_QUESTION_WORDS)
        # Rarer dictionary words ("footballer", but also "homs") change only into a word of the
        # articles one edit away: "homs" is "homes" in a news question about a fire.
        self._rare = set(english)
        self._articles = self.known
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        common = list(english.items())[:_COMMON]
        for word, count in common:
            self._symspell.create_dictionary_entry(word, count)
        for word in _QUESTION_WORDS:
            self._symspell.create_dictionary_entry(word, english.get(word, 1_000_000))
        for word, n in vocabulary.items():
            if len(word) > 1 and word.isalpha():
                self._symspell.create_dictionary_entry(word, max(n, 1) * 1_000_000)
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
        out, changes, cursor = [], [], 0
        for i, token in enumerate(tokens):
            word = re.sub(r"['’]s?$", "", lowered[i])  # "wildfire's" is "wildfire" here
            fix = None if word in self._known or len(word) < 2 else self._best(word, lowered, i)
            if fix and fix != word:
                out.append(question[cursor : token.start()])
                out.append(_cased(token.group(), fix) + token.group()[len(word) :])
                cursor = token.end()
                changes.append((token.group(), fix))
        out.append(question[cursor:])
        return Correction("".join(out), tuple(changes))

    def _best(self, word: str, words: list[str], i: int) -> str | None:
        from symspellpy import Verbosity

        rare = word in self._rare
        distance = 1 if len(word) <= 4 or rare else 2
        with self._lock:  # SymSpell's lookup is not documented as thread-safe
            found = self._symspell.lookup(word, Verbosity.ALL, max_edit_distance=distance)
        if rare:
            found = [s for s in found if s.term in self._articles]
        if not found:
            return None
        least = min(s.distance for s in found)
        bigrams = _bigrams()
        prev_word = words[i - 1] if i > 0 else ""
        next_word = words[i + 1] if i + 1 < len(words) else ""

        def rank(s: Any) -> tuple[int, int, int, float]:
            pair = bigrams.get(f"{prev_word} {s.term}", 0) + bigrams.get(f"{s.term} {next_word}", 0)
            return (
                int(pair > 0),
                # A letter added (dropped by the typist) before one changed, before one removed:
                # "homs burned" is "homes", though English pairs "many home" more.
                (len(s.term) > len(word)) + (len(s.term) >= len(word)),
                int(s.term in self._articles),
                math.log1p(s.count) + math.log1p(pair),
            )

        best = max((s for s in found if s.distance == least), key=rank)
        return str(best.term)


def _cased(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
