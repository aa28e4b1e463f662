"""Turning a follow-up question into one that stands on its own, using the chat history.

"Who is Russia's ambassador to the UN?" then "What did he accuse Zelensky of?": retrieval needs
to know who "he" is. With a language model configured, a condensing prompt rewrites the
follow-up. Without one, a deterministic rule does: a follow-up that leans on the conversation (a
pronoun, or only a few words) gets the person or topic of the previous turn. "he"/"she" and
their forms are replaced by the first person-like name (two or more capitalised words, not an
organisation) of the previous answer, else of the previous question, else (neither names the
person: "the Rovers striker", "He will be out for eight weeks") the person the articles of the
previous question's names speak of most; other references ("it", "they", "that") get the
previous question's names appended. A question after a party's reaction ("and what did they say
back", "how did the company respond to that") names the party the previous answer brought in
(``reaction_party``), answered by ``qa.outcome.reaction``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qa.intent import classify
from qa.text import NOT_COVERED, ORGANISATION

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from qa.catalog import Catalog

__all__ = [
    "asks_outcome",
    "asks_reaction",
    "clean_answer",
    "fragment",
    "needs_context",
    "outcome_event",
    "reaction_party",
    "standalone",
    "turned_to",
    "turns",
]

_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers)\b", re.I)
_OTHER = re.compile(r"\b(they|them|their|it|its|this|that|these|those|there)\b", re.I)
_OWN_POSSESSIVE = re.compile(r"its|their", re.I)
_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)?|[A-Z]\.(?:[A-Z]\.)*)(?:\s+(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)?|[A-Z]\.))+"
)
_SINGLE = re.compile(r"\b[A-Z][A-Za-z]{1,}(?:[-'’][A-Za-z]+)?\b")
_SOURCES = re.compile(r"\n\s*\*\*Sources\*\*.*", re.S)
_MARKERS = re.compile(r"\s*\[\d+\]")
_QUESTION_WORDS = {
    "What",
    "Who",
    "Whom",
    "Whose",
    "When",
    "Where",
    "Why",
    "How",
    "Which",
    "Is",
    "Are",
    "Did",
    "Does",
    "Do",
    "Was",
    "Were",
    "Can",
    "Could",
    "Will",
    "Would",
    "The",
    "A",
    "An",
    "And",
    "But",
}

_FUNCTION_WORDS = frozenset(
    """
    what who whom whose when where why how which is are was were do does did has have had will would can
    could should the a an of to for with about on at by from and or much many it its this that these those
    there their they them he she his her him be been being get got
    """.split()
)

CONDENSE_PROMPT = (
    "Rewrite the follow-up question so that it can be understood without the conversation: replace "
    "pronouns with the people or things they refer to. Reply with the rewritten question only.\n\n"
    "Conversation:\n{conversation}\n\nFollow-up question: {question}\nStandalone question:"
)


def turns(history: Sequence[Any]) -> list[tuple[str, str]]:
    """History as (user, assistant) pairs, from pairs or ``{"role", "content"}`` messages."""
    pairs: list[tuple[str, str]] = []
    pending = ""
    for item in history:
        if isinstance(item, dict):
            role, content = item.get("role"), item.get("content")
            text = content if isinstance(content, str) else ""
            if role == "user":
                pending = text
            elif role == "assistant":
                pairs.append((pending, text))
                pending = ""
        elif isinstance(item, list | tuple) and len(item) == 2:
            pairs.append((str(item[0] or ""), str(item[1] or "")))
    return pairs


def clean_answer(answer: str) -> str:
    """An assistant turn's text without its sources list and ``[n]`` markers."""
    return _MARKERS.sub("", _SOURCES.sub("", answer)).strip()


_clean = clean_answer


def _names(text: str) -> list[str]:
    found = []
    for match in _NAME.finditer(text):
        words = [w for w in match.group().split() if w not in _QUESTION_WORDS]
        if len(words) >= 2:
            found.append(" ".join(words))
    return found


def needs_context(question: str) -> bool:
    """Whether ``question`` leans on the conversation: a pronoun or reference word, a verbless
    "and the women's race?", a count of nothing named ("how many came back?" after the recalled
    heaters), "and who else did?", or three words at most."""
    other = _OTHER.search(question)
    if other and _OWN_POSSESSIVE.fullmatch(other.group()) and _RUN.search(question[: other.start()]):
        # "how many firefighters were on the Cedar Ridge Fire at its peak": "its" is the fire's,
        # named before it, not the conversation's (a reference word after it still leans on it)
        other = _OTHER.search(question, other.end())
    return (
        bool(_PERSONAL.search(question) or other or fragment(question))
        or bool(_COUNT_OF_IT.match(question) or _WHO_ELSE.match(question) or _COUNT_THEN.match(question))
        or len(question.split()) <= 3
    )


# "how many came back?", "how many have been sent back?", "and how many died?": the count of what
# the previous question counted, its noun left out.
_COUNT_OF_IT = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\s+(?:many|much)\s+(?:(?:were|was|are|is|have|has|had|did|do|will)\s+)?"
    # (a verb of coming and going, not any: "and how many were damaged?" after the destroyed homes
    # asks of other homes, which the previous question's words found instead)
    r"(?:been\s+|already\s+|actually\s+)*(?:came|come|went|gone|got|left|stayed|died|sent|returned|survived)"
    r"(?=\s*(?:$|[?.!,]|(?:back|out|up|down|off|away|so|in|on|by|to|from|at|since|after|before|during|"
    r"overall|altogether|then|now|yet|there|here|that|this)\b))",
    re.I,
)


# "and how many a few days later?", "how much by the end?": the previous count asked again at
# another time (``_count_then``).
_COUNT_THEN = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\s+(?:many|much)\s+(?P<when>(?:(?:an?|a\s+few|some|\w+)\s+)?"
    r"(?:days?|weeks?|months?|years?)\s+(?:later|after(?:wards)?|on)|later(?:\s+on)?|after\s+that|afterwards|"
    r"now|by\s+then|then|in\s+the\s+end|at\s+the\s+end|by\s+the\s+end|today|eventually)"
    r"\s*[?.!]*\s*$",
    re.I,
)
# The time a count was asked at, which the follow-up's time replaces ("at first", "initially").
_FIRST_TIME = re.compile(r"\s*\b(?:at\s+first|initially|originally|at\s+the\s+start|first)\b", re.I)


def _count_then(question: str, previous_question: str) -> str | None:
    """The previous "how many" question asked at the follow-up's time: "How many homes were
    flooded in Kessing a few days later?" for "and how many a few days later?" after "How many
    homes were flooded in Kessing at first?"; None for other follow-ups."""
    then = _COUNT_THEN.match(question)
    if then is None or not re.match(r"^\W*how\s+(?:many|much)\b", previous_question, re.I):
        return None
    before = _FIRST_TIME.sub("", previous_question.strip().rstrip("?.! "))
    return f"{before} {then.group('when')}?"


# "And the women's race?", "What about Quillon's?", "How about Ibarra?": the previous question
# asked again of another thing (``_elided``).
_ELLIPSIS = re.compile(
    r"^\s*(?:and\s+)?(?:(?:what|how)\s+about|what\s+of|as\s+for)\s+(?P<a>[^?]+?)\s*[?.!]*\s*$"
    r"|^\s*and\s+(?P<b>[^?]+?)\s*[?.!]*\s*$",
    re.I,
)
_VERBISH = re.compile(
    r"\b(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|say|said|happen\w*)\b", re.I
)
# A capitalised run, possessive or not ("Ashbury Rovers'", "Brightwave's", "Civic Alliance").
_RUN = re.compile(r"(?<!^)\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:['’]s?(?!\w))?")
_POSSESSIVE = re.compile(r"['’]s?$")
_PREPOSITIONS = frozenset("in on at for from since before after during by against with of about".split())
_DETERMINERS = frozenset("the a an his her its their this that these those".split())
# Words a noun phrase does not run back over: question words, auxiliaries, prepositions.
_PHRASE_STOP = (_PREPOSITIONS | {w.lower() for w in _QUESTION_WORDS}) - _DETERMINERS | frozenset(
    "is are was were do does did has have had will would can could should won win wins".split()
)


def _phrase_before(words: list[str], head: int) -> int:
    """Where the noun phrase that ends at ``words[head]`` begins ("the men's race", "the governor")."""
    start = head
    while start > 1 and head - start < 4:
        word = words[start - 1].lower()
        if word in _PHRASE_STOP:
            break
        start -= 1
        if word in _DETERMINERS:
            break
    return start


def fragment(question: str) -> str:
    """What a verbless follow-up names ("the women's race" of "And the women's race?"), or ""."""
    m = _ELLIPSIS.match(question)
    phrase = (m.group("a") or m.group("b") or "").strip() if m else ""
    if not phrase or len(phrase.split()) > 5 or _VERBISH.search(phrase):
        return ""
    return phrase


# A question after who won or lost where ("who won in Valdoria"): a follow-up naming another side
# asks what that side won there.
_WHO_DID = re.compile(
    r"^\W*who\s+(?P<verb>won|lost)(?P<rest>(?:\s+(?:in|at|on)\s+.+)?)$",
    re.I,
)


# "the wildfire one", "the Lumora one": a story named by a word of it.
_ONE = re.compile(r"^(?:the\s+)?(?P<x>.+?)\s+one$", re.I)
_STORY_KINDS = frozenset({"summary", "timeline", "latest"})


def _elided(question: str, previous_question: str) -> str | None:
    """The previous question asked of the thing a verbless follow-up names, or None.

    The follow-up's phrase replaces the previous question's phrase with the same last word ("the
    women's race" for "the men's race"), one with the same preposition ("in June" for "in
    April"), its possessive ("Quillon's" for "Brightwave's"), or its last name ("Ukraine" for
    "Russia" in "What did Vance say about Russia?").
    """
    phrase = fragment(question)
    if not phrase:
        return None
    other = _ONE.match(phrase)
    if other is not None:
        # "and the wildfire one" after "eastmere rates in 3 lines": the same request of the
        # wildfire's story, the previous question's subject swapped
        asked = classify(previous_question)
        found = previous_question.lower().find(asked.subject.lower()) if asked.subject else -1
        if asked.kind in _STORY_KINDS and found >= 0:
            end = found + len(asked.subject)
            return f"{previous_question[:found]}{other.group('x')}{previous_question[end:]}"
    words = phrase.split()
    before = previous_question.strip().rstrip("?.! ")
    old = before.split()

    def bare(word: str) -> str:
        return _POSSESSIVE.sub("", word.strip(",;:")).lower()

    heads = [i for i, w in enumerate(old) if i > 0 and bare(w) == bare(words[-1])]
    if heads:
        i = heads[-1]
        start = _phrase_before(old, i)
        return " ".join([*old[:start], *words, *old[i + 1 :]]) + "?"
    if words[0].lower() in _PREPOSITIONS and len(words) > 1:  # "And in June?" for "... in April?"
        at = [i for i, w in enumerate(old) if i > 0 and w.lower() == words[0].lower()]
        if at:
            i = at[-1]
            return " ".join([*old[:i], *words, *old[i + len(words) :]]) + "?"
    runs = [r for r in _RUN.finditer(before) if r.group().split()[0] not in _QUESTION_WORDS]
    if len(words) == 1 and _POSSESSIVE.search(words[0]):
        owned = [r for r in runs if _POSSESSIVE.search(r.group())]
        if owned:
            last = owned[-1]
            return f"{before[: last.start()]}{words[0]}{before[last.end() :]}?"
    contest = _WHO_DID.match(before)
    if contest:  # "what about the greens?" after "who won in Valdoria?": what the greens won there
        verb = "win" if contest.group("verb").lower() == "won" else "lose"
        return f"what did {phrase} {verb}{contest.group('rest')}?"
    name = [w for w in words if w.lower() not in _DETERMINERS]
    if name and all(w[:1].isupper() for w in name) and runs:
        last = runs[-1]
        owned_by = _POSSESSIVE.search(last.group())
        suffix = owned_by.group() if owned_by and not _POSSESSIVE.search(name[-1]) else ""
        return f"{before[: last.start()]}{' '.join(name)}{suffix}{before[last.end() :]}?"
    return None


def _content(question: str) -> list[str]:
    """The words of ``question`` that are not function words."""
    return [
        w for w in re.findall(r"[\w'’]+", question.lower()) if w not in _FUNCTION_WORDS and w not in ("come",)
    ]


# A question that asks for a person: its answer names the person a "he" or "she" that follows
# means ("Who mediated the talks?" then "What deal did he announce?").
_ASKS_PERSON = re.compile(r"^\W*(?:and\s+|so\s+)?(?:who|whom|whose)\b", re.I)


# A possessive inside a name makes it a thing someone owns ("Marsh's Civic Alliance", "People's
# Front"), not a person; its owner may be one ("Jorge Ibarra" of "Jorge Ibarra's People's Front").
_OWNED = re.compile(r"['’]s?\s")


# A name the text calls a thing: "the sports newspaper Diario Continental", "the club Castellano".
_THING_NAMED = re.compile(
    r"\b(?:newspaper|paper|magazine|broadcaster|website|outlet|club|company|firm|maker|chipmaker|supplier|"
    r"lender|court|agency|channel|station|party|union|observatory|museum)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


def _people(text: str) -> list[str]:
    """The person-like names of ``text``: not organisations (nor a name the text calls a thing:
    "he" after "The sports newspaper Diario Continental reported ..." is no newspaper), an owned
    thing's owner in its place."""
    things = {m.group("name") for m in _THING_NAMED.finditer(text)}
    found = []
    for name in _names(text):
        if name in things:
            continue
        owned = _OWNED.search(name)
        if owned:
            name = name[: owned.start()]
        name = _POSSESSIVE.sub("", name)  # "Kwame Mensah's injury": the person is Kwame Mensah
        if len(name.split()) >= 2 and not ORGANISATION.search(name):
            found.append(name)
    return found


def _referent(previous_question: str, previous_answer: str) -> str:
    """The person a "he" or "she" of the next question means, or "".

    After a question that asks who, the person is the answer's first person-like name. After
    any other question, it is the person the question itself named, which stays the subject of
    the conversation: "When was Mensah injured?" then "Did he need an operation?" means Mensah,
    not "Kingsport United", the first two-word name of the answer ("Mensah tore his right
    hamstring against Kingsport United"). A one-word name of the question ("Mensah"), not
    possessive (an owner, "Lumora's chief executive", is seldom the person) and not its first
    word, is completed from the answer's names ("Kwame Mensah") where one ends with it.
    """
    answer_people = _people(previous_answer)
    question_people = _people(previous_question)
    if _ASKS_PERSON.search(previous_question):
        people = answer_people + question_people
        return people[0] if people else ""
    if question_people:
        return question_people[0]
    words = previous_question.split()
    for word in words[1:]:
        bare = word.strip("?.,!;:")
        if not _SINGLE.fullmatch(bare) or _POSSESSIVE.search(bare) or bare in _QUESTION_WORDS:
            continue
        if ORGANISATION.search(bare):
            continue
        if any(n.split()[0] == bare and ORGANISATION.search(n) for n in _names(previous_answer)):
            continue  # "Corvel" of "Corvel Telecom" in the answer: a company, not the person asked of
        if bare.lower() in _FUNCTION_WORDS or any(bare in n.split() for n in _names(previous_question)):
            continue
        full = [n for n in answer_people if n.split()[-1] == bare]
        return full[0] if full else bare
    return answer_people[0] if answer_people else ""


# The subject of a question asked with an auxiliary ("When did [the transit strike] begin?", "How
# big was [the Cedar Ridge Fire]?"): what a following "it" means ("And when did it end?").
_SUBJECT = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:what|when|where|why|how(?:\s+(?:many|much)\s+\w+|\s+\w+)?|who)\s+"
    r"(?:(?P<do>did|does|do|will|would|can|could|should|has|have|had)\s+(?P<a>.+?)\s+(?P<verb>[a-z]+)"
    r"|(?:is|was|are|were)\s+(?P<b>.+?))\s*[?.!]*\s*$"
    # "who led the flood inquiry?": the thing done, which "what did it find?" then asks of (not
    # "who won the election?", after which "did he accept it?" asks of the win)
    r"|^\W*(?:and\s+|so\s+)?who\s+(?-i:[a-z]+ed|led|ran|made|began|set\s+up|wrote|chose|held)\s+"
    r"(?P<d>(?:the|a|an)\s+[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)
# The topic a request for a story names: "catch me up on [the heater recall]", "tell me about [the
# strike]", "give me a timeline of [the wildfire]", "what's the latest on [the recall]".
_TOPIC = re.compile(
    r"^\W*(?:and\s+|so\s+|please\s+|can\s+you\s+)?(?:catch\s+me\s+up|fill\s+me\s+in|update\s+me|brief\s+me|"
    r"tell\s+me(?:\s+more)?|summari[sz]e|sum\s+up|give\s+me\s+(?:a|an|the)\s+\w+|what['’]?s\s+(?:the\s+)?latest|"
    r"what['’]?s\s+(?:happening|going\s+on))"
    r"(?:\s+(?:on|about|of|with))?\s+(?P<c>(?:the|a|an)\s+[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)
_IT = re.compile(r"\bit\b(?!['’])", re.I)
_NOUN_PHRASE_OK = frozenset("the a an its their of for".split())


def _subject(previous_question: str) -> str:
    """The subject of ``previous_question`` when it is a plain noun phrase (a determiner or a name,
    up to six words, no other function word), or "".

    "When did the transit strike begin?" gives "the transit strike": "And when did it end?" is
    then asked of it, not of "transit strike begin", whose "begin" found the strike's start.
    The verb that ends a question asked with "did" is a bare verb, never a plural ("recall the
    heaters" gives none); a question asked with "is" is its subject to the end ("the final pay
    deal for the transit workers"), unless it ends on a preposition ("what is the strike about").
    """
    m = _SUBJECT.match(previous_question)
    if m is None:
        topic = _TOPIC.match(previous_question)  # "catch me up on the heater recall"
        m = topic if topic is not None and len(topic.group("c").split()) <= 6 else None
    if m is None:
        return ""
    groups = m.groupdict()
    phrase = (groups.get("a") or groups.get("b") or groups.get("c") or groups.get("d") or "").strip()
    words = phrase.split()
    if not words or len(words) > 6:
        return ""
    first = words[0]
    if not (first.lower() in _DETERMINERS or first[:1].isupper()):
        return ""
    stops = _FUNCTION_WORDS | _PREPOSITIONS | {w.lower() for w in _QUESTION_WORDS}
    inner = {w.lower() for w in words} & stops
    if inner - _NOUN_PHRASE_OK or words[-1].lower() in _FUNCTION_WORDS | _PREPOSITIONS:
        return ""
    verb = groups.get("verb")
    if verb is not None:  # lower case, not a plural, a preposition or a name ("sue Brightwave")
        if not verb.islower() or (verb.endswith("s") and not verb.endswith("ss")) or verb in _PREPOSITIONS:
            return ""
        if words[-1].lower() in _DETERMINERS:
            return ""
    elif words[-1].endswith("ed"):  # "When was Mensah injured?": a participle, not a noun
        return ""
    return phrase


def _owns(question: str, match: re.Match[str]) -> bool:
    """Whether the "her" ``match`` found owns the word after it ("her heater", "her party"), not
    the object of a verb ("asked her to", "about her?"): then it is the person's, with "'s"."""
    if match.group().lower() != "her":
        return False
    after = re.match(r"\s+([A-Za-z][\w'’-]*)", question[match.end() :])
    return after is not None and after.group(1).lower() not in _FUNCTION_WORDS | _PREPOSITIONS | frozenset(
        "to as so if then now again too yet".split()
    )


# A previous answer that speaks of its person only as "he" or "she" ("He will be out for about
# eight weeks, the club said").
_BARE_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)


def _story_person(previous_question: str, catalog: Catalog | None) -> str:
    """The person the articles of the previous question's names speak of most, or "".

    "how long is the Rovers striker out with the hamstring?" is answered "He will be out for
    about eight weeks": neither names the striker, and "so when did he actually come back?"
    then asked after "Rovers". The articles whose names include the question's capitalised
    words (the six Rovers reports) name a person by surname in their titles and first chunks:
    "Mensah" in all six, "Lindqvist", the manager, in five; the question's own words ("Rovers"
    of "Ashbury Rovers") are the subject's team or company, never the person.
    """
    if catalog is None:
        return ""
    asked = {
        _POSSESSIVE.sub("", w.strip("?.,!;:"))
        for w in previous_question.split()[1:]
        if w[:1].isupper() and w.strip("?.,!;:") not in _QUESTION_WORDS
    }
    asked.discard("")
    if not asked:
        return ""
    records = [r for r in catalog.articles.values() if asked & set(r.names)]
    full: dict[str, str] = {}
    for record in records:
        for name in record.names:
            for person in _people(name):
                words = person.split()
                if len(words) == 2 and not any(w in asked for w in words):
                    full.setdefault(words[-1], person)
    counts: Counter[str] = Counter()
    for record in records:
        counts.update({w for name in record.names for w in name.split()} & set(full))
    ranked = [(n, s) for s, n in counts.items()]
    if not ranked:
        return ""
    return full[max(ranked)[1]]


# "what about the heater owners, who is their lawyer?": a follow-up that turns to a thing of its own
# and asks its own question of it.
_TURNS_TO = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?)\W+)*(?:(?:what|how)\s+about|what\s+of|as\s+for)\s+(?P<thing>[^,;?]+?)\s*[,;]\s*"
    r"(?P<ask>(?:who|whom|whose|what|when|where|why|which|how|is|are|was|were|did|does|do|has|have|had|will|can)\b.+)$",
    re.I,
)


def turned_to(question: str) -> tuple[str, str] | None:
    """(the thing, the question asked of it) of a follow-up that turns to a thing of its own
    ("what about Brightwave, how much did they spend?"), or None."""
    m = _TURNS_TO.match(question.strip())
    return (m.group("thing").strip(), m.group("ask").strip()) if m else None


# What a question asks for, by its question word ("how many", "who"); a follow-up with another
# asks its own question of the previous one's subject.
_ASKS = re.compile(
    r"\b(who|whom|whose|when|where|why|how\s+(?:many|much|long|old|big|far)|how|what|which)\b", re.I
)


def _asks(question: str) -> str:
    """The question word ``question`` asks with, "who" for "whom" and "whose"; "" for none."""
    m = _ASKS.search(question)
    if m is None:
        return ""
    word = re.sub(r"\s+", " ", m.group().lower())
    return "who" if word in ("whom", "whose") else word


# "and who else did?", "anyone else?": the previous yes-or-no question's deed, asked of others.
_WHO_ELSE = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?)\W+)?(?:who|anyone|anybody|any\s+one)\s+else"
    r"(?:\s+(?:did|has|had|was|were|is|does|do|too|as\s+well))?\s*[?.!]*\s*$",
    re.I,
)
# "did Owen Farrow score against Dunmore?": the one asked of (a name) and the deed.
_DID_NAMED = re.compile(
    r"^\W*(?:and\s+)?(?:did|does|has|have|had)\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+"
    r"(?P<verb>[a-z]+)\b(?P<rest>[^?]*)"
)


def _others(question: str, previous_question: str) -> str | None:
    """ "who scored against Dunmore besides Owen Farrow?" for "and who else did?" after "did Owen
    Farrow score against Dunmore?" (None for any other question): searched as the fragment with
    the previous question's words appended, it found nothing and was refused."""
    asked = _DID_NAMED.match(previous_question)
    if not _WHO_ELSE.match(question) or asked is None:
        return None
    from lemminflect import getInflection

    past = (getInflection(asked.group("verb"), "VBD") or (asked.group("verb"),))[0]
    return f"who {past}{asked.group('rest').rstrip()} besides {asked.group('who')}?"


def _rule(question: str, previous_question: str, previous_answer: str, catalog: Catalog | None = None) -> str:
    others = _others(question, previous_question)
    if others is not None:
        return others
    elided = _elided(question, previous_question) or _count_then(question, previous_question)
    if elided is not None:
        return elided
    turn = turned_to(question)
    if turn is not None:  # its question is asked of its own thing, not of the previous turn's
        thing, ask = turn
        return f"{ask} ({thing})"
    if _PERSONAL.search(question):
        person = _referent(previous_question, previous_answer)
        if (
            catalog is not None
            and len(person.split()) < 2
            # a name after "the" qualifies a noun ("the Rovers striker"); "did Ibarra accept it?"
            # names the person
            and (not person or re.search(rf"\b(?:the|a|an)\s+{re.escape(person)}\b", previous_question, re.I))
            and not _people(previous_answer)
            and _BARE_PRONOUN.search(previous_answer)
        ):  # "He will be out for eight weeks" after "the Rovers striker": the story's person
            person = _story_person(previous_question, catalog) or person
        if person:

            def swap(match: re.Match[str]) -> str:
                word = match.group().lower()
                return f"{person}'s" if word in ("his", "hers") or _owns(question, match) else person

            return _PERSONAL.sub(swap, question, count=1)
    subject = _subject(previous_question)
    if subject and _IT.search(question):  # "And when did it end?": the strike, not its beginning
        return _IT.sub(lambda _: subject, question, count=1)
    # "it", "that one": the thing the previous question was about, in its own words ("the jury
    # award", "rates in June"), not only its names.
    topic = [
        w.strip("?.,!;:")
        for w in previous_question.split()
        if w not in _QUESTION_WORDS and w.strip("?.,!;:").lower() not in _FUNCTION_WORDS
    ]
    topic = [w for w in topic if w]
    if (
        subject
        and _asks(question)
        and _asks(previous_question)
        and _asks(question) != _asks(previous_question)
    ):
        # "who paid for all that?" after "How much did the maritime museum renovation cost?": the
        # follow-up asks its own question of the previous one's subject; "cost" drew the cost
        topic = [w for w in subject.split() if w.lower() not in _DETERMINERS]
    if not _content(question):  # "Why?", "When?": the previous question's names say what of
        topic = [w for w in _SINGLE.findall(previous_question) if w not in _QUESTION_WORDS]
    extra = " ".join(dict.fromkeys(topic + _names(previous_answer)[:1]))
    return f"{question} ({extra})" if extra else f"{question} ({previous_question})"


# "did it work?", "what happened next?", "how did that end?": the outcome of the event the
# previous answer told, in no words of its own (``qa.outcome``).
_OUTCOME = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?|right|then)\W+)*(?:"
    r"(?:did|has|have|had)\s+(?:it|that|this|they|he|she)\s+(?:work(?:ed)?|succeed(?:ed)?|pay\s+off|paid\s+off|"
    r"go\s+through|gone\s+through|get\s+anywhere|got\s+anywhere|come\s+off|help(?:ed)?|happen(?:ed)?|"
    r"pass(?:ed)?|go\s+ahead|gone\s+ahead)"
    r"|(?:was|were)\s+(?:it|that|this|they|he|she)\s+(?:successful|a\s+success)"
    r"|what\s+(?:happened|came|has\s+happened)\s+(?:next|then|after\s+that|afterwards|later|of\s+(?:it|that|this)|"
    r"in\s+the\s+end|(?:with|to)\s+(?:it|that|this|them))"
    r"|what\s+became\s+of\s+(?:it|that|this|them)"
    r"|what\s+(?:was|is)\s+the\s+(?:outcome|result|upshot)(?:\s+of\s+(?:it|that|this))?"
    r"|how\s+did\s+(?:it|that|this)\s+(?:end(?:\s+up)?|turn\s+out|work\s+out|pan\s+out|play\s+out|go)"
    r"|what\s+did\s+(?:it|that|this)\s+lead\s+to"
    r"|then\s+what|what\s+next|and\s+then"
    r")(?:\s+(?:in\s+the\s+end|eventually|after\s+all|then|next|later))?\W*$",
    re.I,
)


def asks_outcome(question: str) -> bool:
    """Whether ``question`` asks only what came of the previous answer's event ("did it work?")."""
    return bool(_OUTCOME.match(question))


# "who said that?", "and who told them that", "says who?", "whose words are those?": the speaker of
# the previous answer's quote, asked with nothing else.
_SPEAKER = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:who|which\s+(?:person|one))\s+(?:(?:actually|exactly|first)\s+)?"
    r"(?:said|says|say|told\s+(?:them|us|him|her|reporters)|claimed|claims|stated|wrote|was\s+quoted|is\s+quoted)"
    r"(?:\s+(?:that|this|it|so|those\s+words|these\s+words))?\s*[?.!]*\s*$"
    r"|^\W*says\s+who\s*[?.!]*\s*$"
    r"|^\W*whose\s+(?:words|quote|claim)\s+(?:is|was|are|were)\s+(?:that|this|those|these|it)\s*[?.!]*\s*$",
    re.I,
)


def speaker_asked(question: str, history: Sequence[Any]) -> tuple[str, str] | None:
    """The previous (question, answer), for a question after who said what it quoted."""
    pairs = turns(history)
    if not pairs or not _SPEAKER.match(question):
        return None
    return pairs[-1][0], _clean(pairs[-1][1])


def outcome_event(question: str, history: Sequence[Any]) -> tuple[str, str] | None:
    """The previous (question, answer), for a question after its outcome (None otherwise)."""
    pairs = turns(history)
    if not pairs or not asks_outcome(question):
        return None
    return pairs[-1][0], _clean(pairs[-1][1])


def standalone(
    question: str,
    history: Sequence[Any],
    model: BaseChatModel | None = None,
    lean: bool = False,
    catalog: Catalog | None = None,
) -> str:
    """``question`` rewritten to stand on its own (unchanged when it already does).

    ``lean`` rewrites it even when it seems to stand alone: "how much was the fee supposed to
    be?" after "Which club was Mensah supposedly joining?" has no reference word, but its "the
    fee" is that club's. ``qa.answer`` asks for this only when the question alone found
    nothing: appending the previous question's words (or only its names) to every follow-up
    that names nothing lost 3 of the 60 dev follow-ups ("And how many were damaged?" then
    searched for the fire's destroyed homes) and won none. ``catalog`` names the person of a
    story when neither the previous question nor its answer does (``_story_person``).
    """
    # A turn the articles said nothing of names nothing to refer to: "what's the ship they have"
    # after the museum's reopening and "how much are tickets" (refused) is the museum's ship.
    pairs = [pair for pair in turns(history) if _clean(pair[1]) != NOT_COVERED]
    listed = _listed_item(question, _clean(pairs[-1][1])) if pairs else None
    if listed is not None:
        return listed
    if not pairs or not (lean or needs_context(question)):
        return question
    previous_question, previous_answer = pairs[-1][0], _clean(pairs[-1][1])
    if (
        model is None
        and len(pairs) > 1
        and (needs_context(previous_question) or _ORDINAL_ITEM.search(previous_question))
    ):
        # "did he score?" then "how long is his contract now?": "he" was Mensah, the person the
        # turn before meant, not the answer's first name ("Dunmore Athletic"); read up to three
        # turns back
        previous_question = standalone(previous_question, pairs[-4:-1], None, False, catalog)
    if model is not None:
        conversation = "\n".join(f"User: {q}\nAssistant: {_clean(a)[:600]}" for q, a in pairs[-3:])
        try:
            reply = model.invoke(CONDENSE_PROMPT.format(conversation=conversation, question=question))
            text = str(reply.content).strip().strip('"').splitlines()[0].strip() if reply.content else ""
        except Exception:  # the deterministic rule below still works
            text = ""
        if 3 <= len(text.split()) <= 60:
            return text
    if not needs_context(question):  # leaning only: the previous question's words, not its
        # answer's first name, often the subject of another sentence ("Ashbury Rovers denied …")
        return _rule(question, previous_question, "")
    if _PERSONAL.search(question) and len(pairs) > 1 and not _referent(previous_question, previous_answer):
        # "is he going to spain?" after "hows mensah doing" and "what was the injury again" (whose
        # answer names a club, no one): the person of the turn before
        return standalone(question, pairs[-4:-1], None, lean, catalog)
    return _rule(question, previous_question, previous_answer, catalog)


# "tell me more about the second one", "and the last story?": an item of the list the previous
# answer gave (the main stories, a period's headlines), by its place in it.
_ORDINAL_ITEM = re.compile(
    r"\b(?:the\s+)?(?P<place>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
    r"1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)\s+(?:one|story|item|article|headline|thing|line)\b",
    re.I,
)
_PLACES = {
    word: n
    for n, words in enumerate(
        [
            ("first", "1st"),
            ("second", "2nd"),
            ("third", "3rd"),
            ("fourth", "4th"),
            ("fifth", "5th"),
            ("sixth", "6th"),
            ("seventh", "7th"),
            ("eighth", "8th"),
            ("ninth", "9th"),
            ("tenth", "10th"),
        ]
    )
    for word in words
}
# An item's label: before its article count ("Mensah and Rovers (6 articles, ..."), before its
# date ("Central bank cuts rate again, to 4.25% · 5 June 2025: ...").
_ITEM_LABEL = re.compile(
    r"^(?P<label>[^\n]+?)(?:\s+\(\d+\s+articles?\b|\s+·\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}:)"
)


def _listed_item(question: str, previous_answer: str) -> str | None:
    """``question`` with the item of the previous answer's list it points to by place named:
    "tell me more about the second one" after the summer's headlines is "tell me more about
    Central bank cuts rate again, to 4.25%" (it was the marathon's story, the second of all)."""
    place = _ORDINAL_ITEM.search(question)
    if place is None:
        return None
    labels = [m.group("label") for m in map(_ITEM_LABEL.match, previous_answer.split("\n\n")[1:]) if m]
    word = place.group("place").lower()
    n = len(labels) - 1 if word == "last" else _PLACES[word]
    if not 0 <= n < len(labels):
        return None
    return f"{question[: place.start()]}{labels[n]}{question[place.end() :]}"


# "and what did they say back", "how did the company respond to that", "what did the power
# company say about that": how the party the previous answer brought in answered it
# (``qa.outcome.reaction``).
_REACTION = re.compile(
    r"\b(?:respond(?:ed|s)?|response|react(?:ed|s|ion)?|repl(?:y|ied|ies)|(?:hit|push(?:ed)?)\s+back|"
    r"answer(?:ed|s)?\s+(?:that|this|it|back)|"
    r"(?:say|said|says)\s+(?:back|in\s+(?:reply|return)|(?:about|to)\s+(?:that|this|it))|"
    r"(?:make|made|think|thought)\s+of\s+(?:that|this|it))\b",
    re.I,
)
# A party named by a pronoun or by what it is ("they", "the company", "the power company", "the
# other side"), not by a person's pronoun; "the weather service" names a party of its own, which
# the previous answer's name is not.
_PARTY_REFERENCE = re.compile(
    r"\b(?:they|them|their|it|its|the\s+(?:[a-z]+\s+)?(?:company|firm|utility|supplier|maker|manufacturer|"
    r"business|group|club|team|organi[sz]ation|corporation|other\s+side|other\s+party))\b"
)


def asks_reaction(question: str) -> bool:
    """Whether ``question`` asks how someone answered or took what was said ("what did they say back")."""
    return bool(_REACTION.search(question))


def reaction_party(question: str, history: Sequence[Any]) -> tuple[str, str, tuple[str, ...]] | None:
    """(previous question, previous answer, parties) for a question after a party's reaction.

    The party is the question's own name when it gives one ("how did Kestrel respond?"), else
    one of the names the previous answer brought in that its question did not use, the last
    first (``qa.outcome.reaction`` takes the first that answers): "who did Lumora's boss blame
    for the faulty switch?" answered "supplied by Kestrel Components", so "and what did they
    say back" asks after Kestrel Components; "what started the Cedar Ridge fire?" answered "A
    Northvale Power distribution line ...", so "the company" is Northvale Power. None when the
    question is no reaction question or no party is found.
    """
    pairs = turns(history)
    if not pairs or not asks_reaction(question):
        return None
    previous_question, previous_answer = pairs[-1][0], _clean(pairs[-1][1])
    own = [n for n in _names(question) if n.split()[0] not in _QUESTION_WORDS]
    if own:
        return previous_question, previous_answer, (own[0],)
    if _PERSONAL.search(question) or not _PARTY_REFERENCE.search(question):
        return None
    asked = {_POSSESSIVE.sub("", w.strip("?.,!;:")).lower() for w in previous_question.split()}
    # the last name first: the party a sentence blames or accuses, which answers, comes after the
    # one who spoke ("Nadia Ferrant ... said the tip-over switch had been supplied by Kestrel
    # Components")
    parties = [
        _POSSESSIVE.sub("", name)
        for name in reversed(_names(previous_answer))
        if not {_POSSESSIVE.sub("", w).lower() for w in name.split()} & asked
    ]
    return (previous_question, previous_answer, tuple(dict.fromkeys(parties))) if parties else None
