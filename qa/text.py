"""Text helpers every stage shares: sentence spans, content words, and the injection rule.

Content words are Snowball stems (PyStemmer, the stemmer bm25s also uses for the BM25 side) of
the words that carry meaning; the stopword list is the one evidence scoring and verification
share.

Sentence spans:

blingfire's sentence splitter is a compiled finite-state machine: about 1 ms for a
6,000-character article, where pysbd took 10 ms for 1,500 characters, too slow to run
on every chunk at ingest. It does not break at line ends, so headlines and list items
are split off first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["BULLET", "INJECTION", "SENTENCE_END", "STOPWORDS", "content_words", "sentence_spans", "stemmer"]

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
BULLET = re.compile(r"^[-•*–—]\s+")
"""A list bullet that opens a line: not part of a quoted sentence."""
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
"""A sentence that ends like one (headlines, datelines and fragments don't)."""
# Text in an article that addresses a model rather than a reader.
INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,60}\b(instructions?|prompts?|rules|guidelines)\b"
    r"|\byou are (now|an? (ai|assistant|language model))\b|\bsystem prompt\b|\bnew instructions?\b",
    re.I,
)
_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    tell said says say according
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=1)
def stemmer() -> Any:
    """The English Snowball stemmer (PyStemmer), loaded once."""
    import Stemmer

    return Stemmer.Stemmer("english")


def content_words(text: str) -> set[str]:
    """Snowball stems of the words in ``text`` that carry meaning (no stopwords, no single letters)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]
    return set(stemmer().stemWords(words))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``; whitespace is never inside a span edge."""
    import blingfire

    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
        base = line.start()
        for start, end in offsets:
            piece = chunk[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            spans.append((base + start + lead, base + start + lead + len(stripped)))
    return spans
