"""The story a conversation is about, so a follow-up is answered from it and not from another.

"how many households are suing the power company now?" (the Cedar Ridge wildfire, the Northvale
Power lawsuit) then "who's their lawyer?": the rewritten follow-up searched the whole archive,
and the lawyer of the Lumora heater class action came first. A follow-up that brings in nothing
of another story is asked of the previous turn's story only (a ``Filters(sources=...)`` of that
story's articles), and refused when that story holds no answer of the asked type.

The previous turn's story is the story of the articles its answer quotes: the answer's
sentences (six words or more, a dated line's date left off) are found verbatim in the passages
retrieved for the answer and its question, and they must all be of one story. An answer whose
sentences are not found (a model's paraphrase) is placed by the stories of those passages,
voting by rank; one must hold ``DOMINANCE`` of the votes. An answer that spans stories (the main
stories, a "which stories" list) names none, and nothing is narrowed. On the 120 dev follow-ups
all but 5 place their previous turn, never outside the gold articles' story.

A follow-up switches story on purpose when it brings in what the previous story never says:
a name of the articles the story never mentions ("who is Lumora's lawyer?" after the wildfire),
or, in the phrase it turns to ("and what about the heater recall?", "what about the heater
owners, who is their lawyer?"), a word the story never uses (by stem) that other articles do.
Any word counted as a switch lifted the filter from 36 of the dev questions with a history,
all staying in their story ("much", "many", "long", "happened": generic words a story's few
articles happen not to use), so a lower-case word counts only in the phrase turned to, or in a
question that stands on its own (no pronoun, no reference word, more than three words, no
"and"/"so" opener). A
follow-up that switches is asked of the whole archive, as before. The narrowing is for the fact
kinds (``FOLLOWED_KINDS``); a composed kind (main stories, which, compare, a period) reads
across stories by design.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from qa.conversation import clean_answer, fragment, needs_context, turned_to, turns
from qa.filters import Filters
from qa.retrieve import retrieve
from qa.text import STOPWORDS, content_words, sentence_spans

if TYPE_CHECKING:
    from qa.catalog import Catalog
    from qa.index import Index

__all__ = ["DOMINANCE", "FOLLOWED_KINDS", "previous_story", "story_filters"]

# The share of the rank-weighted votes the previous turn's story must hold when none of its
# answer's sentences is found verbatim (a model's paraphrase).
DOMINANCE = 0.6
# Passages retrieved for the previous turn's answer and question.
_VOTERS = 8
# The kinds answered from the evidence of one story; a composed kind (main stories, which,
# compare, a period) reads across stories by design.
FOLLOWED_KINDS = frozenset(("fact", "who", "when", "how_many", "why"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SPACE = re.compile(r"\s+")
# "and when did the buses start running again?", "so where does her number come from": an
# opener that continues the conversation, whatever words follow
_CONTINUES = re.compile(r"^\W*(?:and|so|ok(?:ay)?|then|also|but)\b", re.I)
_QUOTE_MARKS = "\"“”'‘’ .!?,;:"
_DATED = re.compile(r"^[^:]{0,60}\d{4}: ")
# A quoted sentence long enough to belong to one article.
_QUOTE_WORDS = 6


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def previous_story(history: Sequence[Any], index: Index, filters: Filters) -> str:
    """The id of the story the previous turn was about, or "" when it was about none or several.

    The previous answer's quoted sentences are found verbatim in the passages retrieved for it:
    their articles' stories are the answer's, and it must be one. An answer none of whose
    sentences is found (a paraphrase) is placed by the vote of the stories of the passages
    retrieved for it and its question, which one story must win by ``DOMINANCE``.
    """
    pairs = turns(history)
    if not pairs:
        return ""
    question, answer = pairs[-1][0], clean_answer(pairs[-1][1])
    catalog = index.catalog()
    passages = retrieve(f"{answer}\n{question}", _VOTERS, filters=filters, index=index)
    # a dated line ("Later, on 12 March 2025: ...") quotes what follows its colon
    quotes = [_DATED.sub("", _flat(answer[a:b])).strip(_QUOTE_MARKS) for a, b in sentence_spans(answer)]
    quotes = [q for q in quotes if len(q.split()) >= _QUOTE_WORDS]
    stories: set[str] = set()
    for p in passages:
        text = _flat(p.text)
        record = catalog.articles.get(p.source)
        if record is not None and any(q in text for q in quotes):
            stories.add(record.story or record.source)
    if stories:
        return stories.pop() if len(stories) == 1 else ""
    votes: dict[str, float] = {}
    for rank, p in enumerate(passages):
        record = catalog.articles.get(p.source)
        if record is not None:
            key = record.story or record.source
            votes[key] = votes.get(key, 0.0) + 1.0 / (rank + 1)
    if not votes:
        return ""
    best = max(votes, key=lambda s: votes[s])
    return best if votes[best] >= DOMINANCE * sum(votes.values()) else ""


_NAME_WORDS: dict[str, frozenset[str]] = {}
_NAME_LOCK = threading.Lock()


def _name_words(catalog: Catalog) -> frozenset[str]:
    """The lower-cased words of the names the articles mention, once per catalog version."""
    with _NAME_LOCK:
        words = _NAME_WORDS.get(catalog.version)
        if words is None:
            _NAME_WORDS.clear()
            words = frozenset(
                w.lower() for r in catalog.articles.values() for n in r.names for w in n.split() if len(w) > 3
            )
            _NAME_WORDS[catalog.version] = words
        return words


def _switch(question: str, story_words: set[str], stems: set[str], catalog: Catalog) -> str:
    """How ``question`` turns from the followed story (``stems``: its words' stems): "named" when
    it names a name the story never mentions and other articles do ("what about Brightwave?"
    after the wildfire), or turns to a phrase ("and what about the heater recall?", "what about
    the heater owners, who is their lawyer?") with a word the story never uses and other articles
    do; "alone" when it only stands on its own (no pronoun, no reference, more than three words,
    no opener that continues the conversation: "and", "so") in such a word; "" when it stays.
    """
    names = _name_words(catalog)
    vocabulary = catalog.vocabulary()
    turn = turned_to(question)
    phrase = fragment(question) or (turn[0] if turn else "")
    alone = not needs_context(question) and not _CONTINUES.match(question)
    found = ""
    for word in _WORD.findall(question):
        bare = re.sub(r"['’]s?$", "", word).lower()
        if len(bare) < 3 or bare in STOPWORDS or bare in story_words or content_words(bare) <= stems:
            continue
        # a name in the plural names it too: "what did the greens win?" after a list of chief
        # executives turns to the Green Union (it was asked of the executives' stories, and refused)
        plural = len(bare) > 4 and bare.endswith("s") and bare[:-1] in names
        if bare in names or plural or (word in phrase and vocabulary.get(bare, 0) > 0):
            return "named"
        if alone and vocabulary.get(bare, 0) > 0:
            found = "alone"
    return found


def story_filters(
    question: str, history: Sequence[Any], index: Index, filters: Filters
) -> tuple[Filters | None, bool]:
    """``filters`` narrowed to the articles of the previous turn's story, for a follow-up that
    stays in it (None when there is no one story or the follow-up switches, ``_switch``), and
    whether the narrowing is only a first try.

    A question that stands on its own and turns away only by a word the story never uses ("Who
    leads the union?" after the strike's timeline: the strike's articles never say "leads", the
    comet's do) is asked of the story first, when the story holds at least half of its words,
    and of the whole archive when the story holds no answer: the observatory's survey leader
    came first, the union's general secretary second.
    """
    story = previous_story(history, index, filters)
    if not story:
        return None, False
    catalog = index.catalog()
    sources = [r.source for r in catalog.articles.values() if (r.story or r.source) == story]
    if filters.sources:
        sources = [s for s in sources if s in filters.sources]
    if not sources:
        return None, False
    words = catalog.words_of(sources)
    stems = content_words(" ".join(words))
    turned = _switch(question, words, stems, catalog)
    if not turned:
        return replace(filters, sources=tuple(sources)), False
    # standing alone in words the story lacks: asked of the story first while it holds at least as
    # many of the question's words as it lacks ("union", not "leads"), not when the question is
    # mostly another story's ("the lawyer in the heater class action")
    asked = content_words(question)
    if turned == "named" or len(stems & asked) * 2 < len(asked):
        return None, False
    return replace(filters, sources=tuple(sources)), True
