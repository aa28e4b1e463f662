"""Evidence: which sentences of the retrieved passages answer the question, and how well.

Each quotable sentence is scored as its embedding similarity to the question plus 0.35 × the
share of the question's content words it contains, rarer words weighing more; a word the
sentence says in other words ("penalty" for "fined", "oath" for "sworn in": MiniLM puts the
two words 0.6 or more alike) counts by that similarity. The best
sentence's score is the evidence compared with ``NEWSDESK_MIN_SCORE``: the threshold was
calibrated on the seed articles (``bench/calibrate.py``): questions they answer scored 0.65 and
up, off-topic ones (sports, cooking, other countries' politics) 0.46 at most. On the dev half
of the news-reader benchmark, paraphrased and misspelt questions that the articles answer
scored down to 0.54 ("What did the walkout cost local shops and firms?") and off-topic ones 0.41
at most, so the default is 0.50: between 0.46 and 0.54.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from qa.embedder import Embedder
from qa.index import Index, open_index
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.text import BULLET, DAY_NAMES, INJECTION, MONTH_NAMES, SENTENCE_END, content_words

__all__ = ["EMBED_LIMIT", "MEANING_KINDS", "ScoredSentence", "rank_sentences"]

_MIN_WORDS = 4
_LEXICAL_WEIGHT = 0.35
EMBED_LIMIT = 12
_TITLED = 6  # sentences embedded beyond the limit for holding an asked role's title


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence of a retrieved passage and how well it answers the question."""

    text: str
    passage: Passage
    start: int  # offset in the article
    rank: int  # rank of its passage
    score: float


_QUESTION = re.compile(r"\?[\"'”’)\]]*$")
_PRONOUN = re.compile(r"\b(he|she|they|his|her|their)\b", re.I)
# Capitalised words: the names (and titles, "Governor") a later pronoun may refer to; the
# stopwords among them ("The", "We") drop out with the other stopwords.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b")


class _Candidate(NamedTuple):
    text: str
    passage: Passage
    start: int  # offset in the article
    rank: int  # rank of its passage
    context: str  # names a pronoun in the sentence refers to ("she said" after "Governor Ilse Varga")
    lede: bool  # the first sentence of its article


def _candidates(passages: Sequence[Passage]) -> list[_Candidate]:
    """Every distinct sentence worth quoting, with the names it refers back to.

    Headlines, datelines and fragments (no closing punctuation, or under four words) read badly
    as an answer; a question ("Who won the 2026 Derby?", an FAQ heading) states nothing, so it
    is no answer; instruction-like text is never quoted.
    """
    seen: set[str] = set()
    out: list[_Candidate] = []
    for rank, p in enumerate(passages):
        previous = ""
        first = p.chunk_index == 0
        for a, b in p.sentences or ((0, len(p.text)),):
            raw = p.text[a:b]
            text = BULLET.sub("", raw).strip()
            before, previous = previous, raw
            # The same sentence twice (chunk overlap, or syndicated copies) is quoted once.
            key = " ".join(text.lower().split())
            if (
                key in seen
                or len(text.split()) < _MIN_WORDS
                or not SENTENCE_END.search(text)
                or _QUESTION.search(text)
                or INJECTION.search(text)
            ):
                continue
            seen.add(key)
            context = " ".join(_NAME.findall(before)) if _PRONOUN.search(text) else ""
            out.append(_Candidate(text, p, p.start + a + raw.index(text), rank, context, first))
            first = False
    return out


# A question word this close in MiniLM to a word of a sentence is said there in other words:
# "penalty" and "fined" 0.65, "oath" and "sworn" 0.71, "area" and "acres" 0.61, "planes" and
# "aircraft" 0.87, "workforce" and "employs" 0.66, "stock" and "shares" 0.68 (unrelated words of a
# story's sentences score 0.1-0.45: "penalty" and "commission" 0.25, "oath" and "term" 0.25).
# The same bar as ``qa.kinds.SAME_VERB``, which reads a question's verb in its other forms.
SAME_WORD = 0.6
# The kinds whose sentences are scored with the question's words said in other words
# (``rank_sentences(meanings=True)``): a fact or a reason is found by what the sentence says. On
# the 514 dev questions of the fact, who, how many, why, paraphrase and unanswerable kinds, doing
# it for every question answered 5 more and 5 fewer (one more unanswerable one answered: "defeat"
# read as "win"); for fact and why questions only (not yes/no ones, ``_meanings``), 4 more and
# none fewer, on the whole dev split too (false refusals unchanged). The
# answer kinds (who, how many, when) rank by the answer they hold (a name in the role, a figure,
# a date), which near words only blurred: "many" near every count, "hurt" near "injury".
MEANING_KINDS = frozenset({"fact", "why"})
_SURFACE = re.compile(r"[A-Za-z]{3,}")
# A question answered yes or no, as ``qa.kinds`` reads one ("Did Ibarra accept the result?").
_YES_NO = re.compile(r"^\s*(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b", re.I)


_CALENDAR = frozenset(w.lower() for w in (*MONTH_NAMES, *DAY_NAMES))


def _surface_words(text: str, names: bool = True) -> dict[str, str]:
    """The content words of ``text`` as written (lower case), each with its stem; without the
    calendar's words, and without capitalised words when not ``names``."""
    out: dict[str, str] = {}
    for i, match in enumerate(_SURFACE.finditer(text)):
        word = match.group()
        if not names and i and word[0].isupper():
            continue  # a name names one thing: another name is not it in other words
        low = word.lower()
        if low not in out and low not in _CALENDAR:
            stems = content_words(low)
            if stems:
                out[low] = next(iter(stems))
    return out


def _meanings(
    question: str, texts: list[str], words: list[set[str]], embedder: Embedder
) -> list[dict[str, float]]:
    """For each sentence, the question's stems it says in other words, with MiniLM's similarity.

    A stem the sentence uses is not looked for; a question word whose closest word in the
    sentence is ``SAME_WORD`` or more alike counts as said, by that similarity. Names and the
    calendar's words are not looked for: another name, or another month, is another thing, not
    the same one in other words ("february" is 0.7 or more from every other month). Every other
    word of the question is: looking only for the words that no sentence uses (the reader's own),
    with every kind scored so, answered 1 more dev question and 3 fewer than looking for all
    (8 more, 7 fewer), since a word the articles use elsewhere matters too ("winning" said as
    "won" in the sentence with the men's time).

    A yes/no question gets none: its words are the claim to check, and a sentence that says a
    deed near it is no confirmation ("Has a judge signed off on the settlement?" is not answered
    by "agreed to pay 28 million to settle", nor "Will Northvale Power accept the investigators'
    findings?" by the findings themselves); the sentence that says whether comes first without.

    Cost: one MiniLM pass over each distinct word of the candidates not embedded before; the
    words are kept in the sentence-vector cache like the sentences, so a story's words are
    embedded once.
    """
    if _YES_NO.search(question):
        return [{} for _ in texts]
    # the articles' names, for a question written in lower case ("what time did hanna solberg run")
    named = {
        m.group().lower() for t in texts for m in _SURFACE.finditer(t) if m.start() and m.group()[0].isupper()
    }
    asked = {w: stem for w, stem in _surface_words(question, names=False).items() if w not in named}
    if not asked:
        return [{} for _ in texts]
    said = [_surface_words(t) for t in texts]
    vocabulary = list(dict.fromkeys(w for ws in said for w in ws))
    if not vocabulary:
        return [{} for _ in texts]
    import numpy as np  # heavy: only when a question is answered, never on `import qa`

    qwords = list(asked)
    vectors = embedder.embed_sentences([*qwords, *vocabulary])
    q = np.stack(vectors[: len(qwords)])
    v = np.stack(vectors[len(qwords) :])
    near = q @ v.T  # question words x sentence words
    column = {w: i for i, w in enumerate(vocabulary)}
    out = []
    for ws, stems in zip(said, words, strict=True):
        found: dict[str, float] = {}
        cols = [column[w] for w in ws]
        if cols:
            best = near[:, cols].max(axis=1)
            for i, w in enumerate(qwords):
                stem = asked[w]
                if stem not in stems and best[i] >= SAME_WORD:
                    found[stem] = max(found.get(stem, 0.0), float(best[i]))
        out.append(found)
    return out


def _coverage(question: set[str], sentences: list[set[str]], meant: list[dict[str, float]]) -> list[float]:
    """Share of the question's words each sentence contains, weighted by rarity among the sentences.

    A word found in every candidate (the story's main subject) says little about which sentence
    answers; a word found in none (what the question really asks about) weighs most, so an
    off-topic question about a familiar subject scores low. A word said in other words
    (``_meanings``) counts by its similarity, and for its rarity: "blaze" said as "fire" in
    every sentence of a fire story tells as little as "fire" would.
    """
    if not question:
        return [0.0] * len(sentences)
    n = len(sentences)

    def match(w: str, i: int) -> float:
        return 1.0 if w in sentences[i] else meant[i].get(w, 0.0)

    weight = {w: math.log((n + 1) / (sum(match(w, i) > 0 for i in range(n)) + 0.5)) for w in question}
    total = sum(weight.values())
    return [sum(weight[w] * match(w, i) for w in question) / total for i in range(n)]


def _score(
    question: str,
    candidates: list[_Candidate],
    index: Index,
    limit: int = EMBED_LIMIT,
    titles: frozenset[str] = frozenset(),
    meanings: bool = False,
) -> list[ScoredSentence]:
    """Score candidates: embedding similarity to the question plus weighted word coverage.

    Embedding a sentence costs about 5 ms on two cores, so only the ``limit`` candidates with
    the best word coverage (ties broken by passage rank) are embedded, and the ledes (first
    sentences) of the passages' articles: a lede states the story's main facts, often in other
    words than the question's ("How long will the footballer be sidelined?" against "Mensah ...
    will be out for about eight weeks"), and the ledes of a story recur from question to
    question, so the sentence-vector cache mostly holds them already.

    A sentence's words for coverage include the names of the sentence before it when it speaks
    through a pronoun: in "Asked whether another cut could come this year, she said: ..." the
    governor named just before is the one speaking.

    Sentences holding one of ``titles`` (word stems: the titles a "who" question's role stands
    for in the articles' words, ``qa.kinds.deed_roles``) are embedded too, up to ``_TITLED`` of
    them: "the top boss at the bus operator" shares no word with "Marcus Velde, chief executive
    of the transit authority", so coverage alone never chose it.
    """
    words = [content_words(f"{c.text} {c.context}") for c in candidates]
    asked = content_words(question)
    # A word of the question that no sentence uses but a headline does ("When was the recall
    # expanded?" under "Lumora expands heater recall", whose lede says "more than doubled") is
    # said by the lede that headline stands over. Only such words: a headline's words that the
    # sentences use too ("strike") would lift every lede of a story over the sentence that answers.
    unused = asked - set().union(*words)
    for i, c in enumerate(candidates):
        if c.lede and unused:
            words[i] = words[i] | (content_words(c.passage.title) & unused)
    meant = (
        _meanings(question, [f"{c.text} {c.context}" for c in candidates], words, index.embedder)
        if meanings
        else [{} for _ in candidates]
    )
    coverage = _coverage(asked, words, meant)
    order = sorted(range(len(candidates)), key=lambda i: (-coverage[i], candidates[i].rank, i))
    chosen = order[:limit] + [i for i in order[limit:] if candidates[i].lede]
    if titles:
        chosen += [i for i in order[limit:] if not candidates[i].lede and titles & words[i]][:_TITLED]
    query = index.embedder.embed_query(question)
    vectors = index.embedder.embed_sentences([candidates[i].text for i in chosen], index.settings.batch_size)
    scored = []
    for i, vector in zip(chosen, vectors, strict=True):
        c = candidates[i]
        similarity = float(vector @ query)
        scored.append(
            ScoredSentence(c.text, c.passage, c.start, c.rank, similarity + _LEXICAL_WEIGHT * coverage[i])
        )
    return scored


def rank_sentences(
    question: str,
    settings: Settings | None = None,
    passages: Sequence[Passage] | None = None,
    *,
    index: Index | None = None,
    limit: int = EMBED_LIMIT,
    titles: frozenset[str] = frozenset(),
    meanings: bool = False,
) -> list[ScoredSentence]:
    """Quotable sentences of the passages retrieved for ``question``, best answer first.

    The first one's score is the evidence compared with ``settings.min_score``. ``limit``
    sentences (those with the best word coverage) are embedded and scored, and a few more that
    hold one of ``titles`` (``_score``); the rest are left out. With ``meanings`` (the kinds of
    ``MEANING_KINDS``), a question's word that a sentence says in other words counts for its
    coverage (``_meanings``).
    """
    index = index or open_index(settings)
    if passages is None:
        passages = retrieve(question, index.settings.top_k, index=index)
    candidates = _candidates(passages)
    if not candidates:
        return []
    return sorted(
        _score(question, candidates, index, limit, titles, meanings), key=lambda s: s.score, reverse=True
    )
