"""What came of the previous answer's event: "did it work?", "what happened next?", and how a
party answered it: "and what did they say back" (``reaction``).

"What did the transit authority do to try to stop the strike?" is answered by its lawsuit
asking for an injunction (7 March); "did it work?" then asks after that event, and no word of
it says which: the conversation rule appended the previous question's words ("transit
authority try stop strike") and the answer was the strike's end, the authority's lawsuit again
and the strike vote. A news story tells an event's outcome in a later article that reports the
same event again ("A district judge on Tuesday refused the Harbour City Transit Authority's
request for an injunction", 12 March). So the event is the previous answer's first sentence,
found in the index (its article, its story), and the outcome is the sentence of a later article
of that story closest to it, dated: the earliest such article's (what happened next) and, when
it is another, the newest one's (how it ended), in date order: "the lawsuit ..., which a judge
declined to use to halt the strike, remains open" (28 March) says where it ended.

What this misses: an outcome told in words far from the event's (a fine reported as "the
commission's decision"), an event whose story has no later article (the question is then
answered as any other follow-up), and an outcome that is not news of the event but of its
subject ("did he play again?" after an injury is a question about the player).
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.catalog import ArticleRecord, Catalog
from qa.evidence import ScoredSentence, rank_sentences
from qa.filters import Filters
from qa.gather import format_day
from qa.index import Index
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.text import content_words, sentence_spans

__all__ = ["OUTCOME_FLOOR", "outcome", "reaction", "speaker"]

# A later article's sentence must be this share of the best later sentence's score to be shown
# as the first or the last report of the outcome: the injunction's refusal (12 March) and the
# lawsuit's end (28 March) both pass, the strike's vote (28 March lede) on the same words less.
OUTCOME_FLOOR = 0.8
# Frames the answers add before a quoted sentence ("As of 12 March 2025: ", "Earlier, on ...:").
# The first later article's lede is quoted before its closest sentence when it scores this share
# of the best: a report leads with the outcome ("refused Quillon's request to ban sales", 0.73 of
# "a sales ban would harm laptop makers", which repeats the request's words) and explains it below.
LEDE_FLOOR = 0.7
_FRAME = re.compile(
    r"^\s*(?:As of|Earlier, on|Before that, on|At first, on|Later, on|Then, on)\s[^:]{3,40}:\s*"
)
_MARKER = re.compile(r"\s*\[\d+\]")
# Where a news sentence joins its clauses: commas, "as", "while", "after", "when", "because".
_CLAUSE = re.compile(r",\s+|\s+(?=(?:as|while|after|when|because|and then)\s)")


def _event(previous_answer: str) -> str:
    """The first quoted sentence of the previous answer, without frames and markers."""
    text = _MARKER.sub("", previous_answer).strip()
    lines = [line for line in text.splitlines() if line.strip() and not line.lower().startswith("showing")]
    if not lines:
        return ""
    first = _FRAME.sub("", lines[0]).strip()
    spans = sentence_spans(first)
    return first[spans[0][0] : spans[0][1]].strip() if spans else first


def _focus(event: str, asked: str) -> str:
    """The clause of ``event`` on what the previous question asked, before the whole sentence.

    "The final Herald poll ... put the Civic Alliance on 42% ..., as the People's Front filed a
    lawsuit challenging the deadline for postal ballots" answered "What did the People's Front do
    about the postal ballot deadline?": the outcome is the lawsuit's, not the poll's. The clause
    that shares most content words with the question (two at least) is said first, so both
    the retrieval and MiniLM weigh it; the sentence alone when no clause stands out.
    """
    words = content_words(asked)
    clauses = [c.strip() for c in _CLAUSE.split(event) if len(c.split()) >= 3]
    shared = [(len(words & content_words(c)), c) for c in clauses]
    best = max(shared, key=lambda pair: pair[0], default=(0, ""))
    if best[0] < 2 or best[1] == event or sum(1 for n, _ in shared if n == best[0]) > 1:
        return event
    return f"{best[1]}. {event}"


def _article_of(event: str, index: Index, filters: Filters) -> Passage | None:
    """The passage that quotes ``event``, or the best passage for it when none quotes it whole."""
    found = retrieve(event, 5, filters=filters, index=index)
    return next((p for p in found if event[:80] in p.text), found[0] if found else None)


def outcome(
    previous: tuple[str, str], catalog: Catalog, index: Index, filters: Filters
) -> tuple[str, list[Passage]] | None:
    """The later reports of the event ``previous`` (question, answer) told, dated, and their
    passages; None when the event is not found, its story has no later article, or none says
    enough of it."""
    event = _event(previous[1])
    if len(event.split()) < 4:
        return None
    source = _article_of(event, index, filters)
    record = catalog.articles.get(source.source) if source is not None else None
    if source is None or record is None or not record.story or not record.published:
        return None
    later: list[ArticleRecord] = sorted(
        (
            r
            for r in catalog.articles.values()
            if r.story == record.story and r.published and r.published > record.published
        ),
        key=lambda r: (r.published, r.source),
    )
    if filters.sources:
        later = [r for r in later if r.source in filters.sources]
    if not later:
        return None
    query = _focus(event, previous[0])
    only_later = replace(filters, sources=tuple(r.source for r in later))
    passages = retrieve(query, 20, filters=only_later, index=index)
    ranked = rank_sentences(query, passages=passages, index=index)
    if not ranked or ranked[0].score < index.settings.min_score:
        return None
    close = [s for s in ranked if s.score >= ranked[0].score * OUTCOME_FLOOR and s.passage.published]
    if not close:
        return None
    first = min(close, key=lambda s: (s.passage.published, -s.score))
    last = max(close, key=lambda s: (s.passage.published, s.score))
    shown: list[list[ScoredSentence]] = [[first]]
    lede = _lede_of(first, ranked, catalog)
    if lede is not None and lede.score >= ranked[0].score * LEDE_FLOOR:
        shown[0].insert(0, lede)
    if last.passage.published > first.passage.published:
        shown.append([last])
    cited: list[Passage] = []
    quotes: dict[str, list[tuple[int, int]]] = {}
    lines = []
    for n, group in enumerate(shown):
        said = []
        for s in group:
            if s.passage.id not in quotes:
                cited.append(s.passage)
            quotes.setdefault(s.passage.id, []).append((s.start, s.start + len(s.text)))
            said.append(f"{s.text} [{[p.id for p in cited].index(s.passage.id) + 1}]")
        frame = "Then, on" if n else "Later, on"
        lines.append(f"{frame} {format_day(group[0].passage.published)}: {' '.join(said)}")
    return "\n\n".join(lines), [replace(p, quotes=tuple(sorted(quotes[p.id]))) for p in cited]


def _lede_of(s: ScoredSentence, ranked: list[ScoredSentence], catalog: Catalog) -> ScoredSentence | None:
    """The ranked lede of ``s``'s article, when ``s`` is not it."""
    record = catalog.articles.get(s.passage.source)
    if record is None or not record.lede or record.lede in s.text:
        return None
    return next((r for r in ranked if r.passage.source == s.passage.source and r.text == record.lede), None)


# A party speaks or acts in a sentence that opens with its name (within the first four words:
# "Kestrel Components rejected that account.", "Northvale Power said it would contest the
# findings.") or names it just before a verb of saying ("..., Northvale Power said").
_OPENING_WORDS = 4
_SAYS = re.compile(r"^\W*(?:said|says|told|stated|denied|rejected|responded|replied|argued|insisted|added)\b")
_QUOTE_OPEN = re.compile(r"^\s*[\"“‘']")
# The previous answer's own sentence shares this share of its content words with the event.
SAME_SENTENCE = 0.6


def _speaks(party: str, sentence: str) -> bool:
    """Whether ``party`` (its first name word) is the subject or the speaker of ``sentence``."""
    words = party.split()
    # its first word, not another name that begins so ("Carrow Capital" is not "Carrow District Court")
    rest = rf"(?!\s+(?!{re.escape(words[1])}\b)[A-Z])" if len(words) > 1 else ""
    opening = " ".join(sentence.split()[:_OPENING_WORDS])
    if re.search(rf"\b{re.escape(words[0])}\b{rest}", opening):
        return True
    return any(_SAYS.match(sentence[m.end() :]) for m in re.finditer(rf"\b{re.escape(party)}\b", sentence))


def reaction(
    previous: tuple[str, str], party: str, catalog: Catalog, index: Index, filters: Filters
) -> tuple[str, list[Passage]] | None:
    """How ``party`` answered the event the previous (question, answer) told, and its passage.

    "who did Lumora's boss blame for the faulty switch?" was answered with the chief executive's
    words before a committee; "and what did they say back" asks for Kestrel Components' reply,
    which the same report gives two sentences on ("Kestrel Components rejected that account."),
    and a story gives a reply to a finding in the report of the finding or a later one
    ("Northvale Power said it would contest the findings", after the investigators' report).
    Ranking the question's words found the previous answer again (its sentence names the party
    and the event) or an earlier denial of the same party, before the finding. So the reply is
    the first sentence after the event's, in its article and then in the later articles of its
    story, in date order, in which the party speaks or acts (``_speaks``), with the quotation
    that follows it when there is one ("Our switches met every specification ..."); a later
    report's sentence must also share a word with the event besides the party's name ("the
    findings" of "a finding"), so that the party's words on another matter are not its reply.
    None when the event is not found or the party never answers it.
    """
    event = _event(previous[1])
    if len(event.split()) < 4 or not party:
        return None
    source = _article_of(event, index, filters)
    record = catalog.articles.get(source.source) if source is not None else None
    if source is None or record is None:
        return None
    story = [
        r
        for r in catalog.articles.values()
        if r.source == record.source
        or (record.story and r.story == record.story and r.published and r.published > record.published)
    ]
    if filters.sources:
        story = [r for r in story if r.source in filters.sources or r.source == record.source]
    story.sort(key=lambda r: (r.source != record.source, r.published, r.source))
    chunks = index.store.articles_in_order([r.source for r in story])
    said = content_words(event)
    named = content_words(party)
    seen = False  # past the event's sentence in its own article
    for passage in chunks:
        spans = passage.sentences or tuple(sentence_spans(passage.text))
        for m, (a, b) in enumerate(spans):
            sentence = passage.text[a:b].strip()
            words = content_words(sentence)
            if said and len(said & words) >= SAME_SENTENCE * len(said):
                seen = True
                continue
            if passage.source == record.source and not seen:
                continue
            if not _speaks(party, sentence):
                continue
            quoted = [(a, b)]
            if m + 1 < len(spans) and _QUOTE_OPEN.match(passage.text[spans[m + 1][0] : spans[m + 1][1]]):
                quoted.append(spans[m + 1])
            text = " ".join(passage.text[x:y].strip() for x, y in quoted)
            if passage.source != record.source and not (content_words(text) - named) & said:
                continue  # a later report's words of the party on something else
            text += " [1]"
            day = format_day(passage.published) if passage.source != record.source else ""
            cited = replace(passage, quotes=tuple((passage.start + x, passage.start + y) for x, y in quoted))
            return (f"Later, on {day}: {text}" if day else text), [cited]
    return None


# A sentence says who speaks when a verb of saying stands in it with a name: "..., said Dana
# Okafor", "Governor Ilse Varga said", "according to Carrow Capital".
_SPEECH = re.compile(
    r"\b(?:said|says|told|added|argued|insisted|warned|wrote|testified|stated|according to|asked)\b"
)
_TWO_NAMES = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\s+[A-Z][a-z]+")
# A sentence that speaks through a pronoun ("She said the union's strike fund ...") or is a quote
# alone names its speaker in a sentence before it, this many back at most.
_LOOK_BACK = 2


def _names_speaker(sentence: str) -> bool:
    """Whether ``sentence`` has a verb of saying and a name of two words (not its first)."""
    return bool(_SPEECH.search(sentence) and _TWO_NAMES.search(sentence))


def speaker(
    previous: tuple[str, str], catalog: Catalog, index: Index, filters: Filters
) -> tuple[str, list[Passage]] | None:
    """Who said what the previous (question, answer) quoted: its sentence when that names the
    speaker, or with the sentence before it that does.

    "who said that?" after "She said the union's strike fund could support members for at
    least four weeks" names no one to search for: the speaker is in the article, a sentence
    back ('"We gave them a week's notice ...," said Dana Okafor, the union's general
    secretary'). The previous answer's first quoted sentence is found in its article (the
    sentence sharing ``SAME_SENTENCE`` of its words); it answers itself when it has a verb of
    saying beside a name, else the nearest of the ``_LOOK_BACK`` sentences before it that does
    comes first. None when the sentence is not found or no speaker is named near it.
    """
    event = _event(previous[1])
    if len(event.split()) < 4:
        return None
    source = _article_of(event, index, filters)
    if source is None or source.source not in catalog.articles:
        return None
    said = content_words(event)
    sentences: dict[int, tuple[int, str, Passage]] = {}  # article offset -> (end, text, passage)
    for passage in index.store.articles_in_order([source.source]):
        for a, b in passage.sentences or tuple(sentence_spans(passage.text)):
            text = passage.text[a:b].strip()
            if text:
                start = passage.start + a + passage.text[a:b].index(text)
                sentences.setdefault(start, (start + len(text), text, passage))
    ordered = sorted(sentences.items())
    share = [len(said & content_words(text)) / max(1, len(said)) for _, (_, text, _) in ordered]
    if not ordered or max(share) < SAME_SENTENCE:
        return None
    at = max(range(len(ordered)), key=lambda i: share[i])
    shown = [at]
    if not _names_speaker(ordered[at][1][1]):
        back = next(
            (i for i in range(at - 1, max(-1, at - 1 - _LOOK_BACK), -1) if _names_speaker(ordered[i][1][1])),
            None,
        )
        if back is None:
            return None
        shown = list(range(back, at + 1))
    passage = ordered[at][1][2]
    quotes = tuple((start, end) for start, (end, _, _) in (ordered[i] for i in shown))
    text = " ".join(ordered[i][1][1] for i in shown) + " [1]"
    return text, [replace(passage, quotes=quotes)]
