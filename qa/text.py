"""Text helpers every stage shares: sentence spans, content words, and the injection rule.

Content words are Snowball stems (PyStemmer, the stemmer bm25s also uses for the BM25 side) of
the words that carry meaning; the stopword list is the one evidence scoring and verification
share.

Sentence spans:

blingfire's sentence splitter is a compiled finite-state machine: about 1 ms for a
6,000-character article, where pysbd took 10 ms for 1,500 characters, too slow to run
on every chunk at ingest. It does not break at line ends, so headlines and list items
are split off first. It does break inside quotations: ``"It does not look good. Kwame felt
something straight away," the manager said.`` came back as two sentences, the first opening a
quotation it never closes and the second starting mid-quote (38 such pieces in the 44 articles of
the news-reader benchmark, none after the join). So the sentences of one line are joined again
while a quotation they open is open, when a later sentence of that line closes it: straight and
curly double quotes, and single quotes told from apostrophes by where they stand. A quotation
still open at the line's end (a quote running on into the next paragraph) joins nothing, so one
unclosed mark cannot swallow a paragraph. No sentence splitter that handles quotations is
installed (pysbd would be the 10x slower one above).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = [
    "BULLET",
    "DAY_NAMES",
    "INJECTION",
    "MONTH_NAMES",
    "NOT_COVERED",
    "ORGANISATION",
    "SENTENCE_END",
    "STOPWORDS",
    "content_words",
    "participle",
    "plain_verb",
    "sentence_spans",
    "stemmer",
    "verb_forms",
]

# The calendar's capitalised words: dates, never the names of people or things a sentence is about.
MONTH_NAMES = "January February March April May June July August September October November December".split()
DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# The words a name of an organisation, a place or a thing ends in, so no person's: "Corvel
# Telecom", "Northvale Power", "the Millbrook Falls station", "Kingsport United".
ORGANISATION = re.compile(
    r"\b(Nations|Council|Department|States|House|Committee|Ministry|Union|Party|Front|Alliance|Senate|"
    r"Congress|Administration|Government|Office|Agency|Court|Bank|Times|News|Post|Press|Relations|Herald|"
    r"Ledger|Courier|United|City|County|Rovers|Athletic|Wanderers|FC|CF|Labs|Systems|Inc|Ltd|Corp|Group|"
    r"Home|Homes|Power|Components|Telecom|Airlines?|Airways|Air|Motors|Energy|Holdings|Insurance|Pharma|"
    r"Media|Partners|Capital|Company|Corporation|Authority|Institute|University|Association|Federation|"
    r"League|Commission|Service|Services|Industries|Technologies|Networks|Railways?|Bureau|Board|Road|"
    r"Street|Fire|Park|Observatory|Museum|Marathon)\b"
)
"""A name that ends in one of these is an organisation's, a place's or a thing's, not a person's."""

NOT_COVERED = "The articles don't cover this question, so I can't answer it from them."
"""The refusal of a question the articles say nothing about (no citations)."""

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


@lru_cache(maxsize=4096)
def verb_forms(word: str) -> frozenset[str]:
    """Every form of the verb ``word`` is a form of ("left" → leave, left, leaves, leaving), or
    none when it is no verb. Snowball stems leave irregular past forms alone (left, built, found,
    won), so a question's verb would miss the sentence that says it in the past; lemminflect's
    tables (shipped in the package, 0.2 s to load once) give them."""
    from lemminflect import getAllInflections, getAllLemmas

    lemmas = getAllLemmas(word.lower()).get("VERB", ())
    return frozenset(
        form for lemma in lemmas for forms in getAllInflections(lemma, "VERB").values() for form in forms
    )


@lru_cache(maxsize=4096)
def participle(word: str) -> bool:
    """Whether ``word`` is a verb's participle that reads as no noun: "dropped", "withdrawn",
    "falling", not "hearing", "ruling" or "meeting" (lemminflect's readings)."""
    from lemminflect import getAllLemmas

    readings = getAllLemmas(word.lower())
    return bool(_PARTICIPLE.fullmatch(word.lower())) and "VERB" in readings and "NOUN" not in readings


_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|ing|en|wn)")


@lru_cache(maxsize=4096)
def plain_verb(word: str) -> bool:
    """Whether ``word`` reads as a verb only ("deny", "denied") or as a verb with a past that is not
    its own form plus "ed" ("left", "built", "found"), not as a noun as often ("bank", "rate",
    "end", "start")."""
    from lemminflect import getAllInflections, getAllLemmas

    readings = getAllLemmas(word.lower())
    lemmas = readings.get("VERB", ())
    if lemmas and set(readings) == {"VERB"}:
        return True
    return any(
        not past.endswith("ed") and past != lemma
        for lemma in lemmas
        for tag in ("VBD", "VBN")
        for past in getAllInflections(lemma, "VERB").get(tag, ())
    )


def content_words(text: str) -> set[str]:
    """Snowball stems of the words in ``text`` that carry meaning (no stopwords, no single letters)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]
    return set(stemmer().stemWords(words))


_OPENERS = " \t([{\u2014\u2013-"


def _quote_depth(piece: str) -> tuple[int, int]:
    """Quotations left open at the end of ``piece``: (double, single).

    A straight quote opens where it follows a space (or the start) and closes where it follows a
    word; curly quotes say which they are. The single quote is also the apostrophe, so it opens
    only before a word at a word's start (``'Lumora's heater'`` opens once) and closes only
    while a single quotation is open and no letter follows (``don't``, ``Lumora's`` never close).
    """
    double = single = 0
    for i, ch in enumerate(piece):
        before = piece[i - 1] if i else " "
        after = piece[i + 1] if i + 1 < len(piece) else " "
        opening = before in _OPENERS or before in "\"“'‘"
        if ch == "“" or (ch == '"' and opening and not after.isspace()):
            double += 1
        elif ch in '”"':
            double = max(double - 1, 0)
        elif ch == "‘" or (ch == "'" and opening and after.isalpha()):
            single += 1
        elif ch in "’'" and single and not after.isalpha():
            single -= 1
    return double, single


def _join_quotations(chunk: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``offsets`` with the sentences inside one quotation of ``chunk`` joined into one."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(offsets):
        start, end = offsets[i]
        j = i
        # Join forward only when a later sentence of this line closes what this one opened.
        if _quote_depth(chunk[start:end]) != (0, 0):
            for k in range(i + 1, len(offsets)):
                if _quote_depth(chunk[start : offsets[k][1]]) == (0, 0):
                    j = k
                    break
        out.append((start, offsets[j][1]))
        i = j + 1
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``; whitespace is never inside a span edge.

    A quotation of several sentences is one span with the words that attribute it
    (``"A. B," she said.``), so no span opens or ends inside a quotation that the line closes.
    """
    import blingfire

    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
        trimmed: list[tuple[int, int]] = []
        for start, end in offsets:
            piece = chunk[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            trimmed.append((start + lead, start + lead + len(stripped)))
        base = line.start()
        spans.extend(
            (base + a, base + b) for a, b in _join_attributions(chunk, _join_quotations(chunk, trimmed))
        )
    return spans


# A quotation that ends on "?" or "!" and the words that attribute it: blingfire ends a sentence
# after '... if not today, when?"', which left "Ochieng said at the finish." to be quoted alone
# (and the quotation, a question, never quoted).
_ASKED_IN_QUOTES = re.compile(r"[?!][\"”’']$")
_ATTRIBUTED = re.compile(
    r"^(?:[a-z]|(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|added|adds|wrote|writes|replied|"
    r"recalled|shouted|cried|wondered|joked)\b)"
)


def _join_attributions(chunk: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``offsets`` with a quotation that ends on "?" or "!" joined to the words after it that say
    who said it ('"Will it work?" she asked.', '"... when?" Ochieng said at the finish.')."""
    out: list[tuple[int, int]] = []
    for start, end in offsets:
        if (
            out
            and _ASKED_IN_QUOTES.search(chunk[out[-1][0] : out[-1][1]])
            and _ATTRIBUTED.match(chunk[start:end])
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
