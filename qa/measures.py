"""The measure a question asks for, and whether a sentence with a figure gives it.

"What is the population of Harbour City?" is closest to sentences full of figures (riders,
drivers, pay), none of them a population. A figure answers a measure only where the clause that
holds it says what it measures, by a word of the measure's family: "population" or "inhabitants";
"weight", "weighs" or "tonnes"; "deep" or "depth". Synonyms are the language's, listed here for
each measure, never an article's own wording; a question whose measure is not listed ("the price
tag", "the death toll") asks nothing of this module, and one whose measure is too general ("the
number", "the size", "the total") is any figure's.

The measure is read from four wordings: "what is the X of ...", "what is Y's X", "what X is ..."
and "how much X ..." (a noun), "how deep/tall/heavy/fast ..." (an adjective), and pay by its
verb ("how much do bus drivers earn?").

A change is no measure ("the magnitude of the fall"), and a price no sales figure ("sold for
about 59"). What this misses: a qualifier of the measure ("the men's course record" is answered by the
women's), the thing measured ("the diameter of the dome" is answered by a nucleus "8 kilometres
across"), and a measure said in a word no family lists.
"""

from __future__ import annotations

import re

from qa.text import content_words

# Each family: the words a sentence that gives one of these measures uses for it.
_FAMILIES = (
    "population populations inhabitants populous",
    "weight weights weigh weighs weighed weighing heavy heavier heaviest tonnes tons kilograms kilos",
    "height heights high higher highest tall taller tallest metres meters feet",
    "depth deep deeper deepest",
    "diameter width breadth wide wider widest across",
    "temperature temperatures degrees hot cold warm",
    "speed speeds fast faster fastest velocity mph hour",
    "distance far away kilometres kilometers miles within",
    "attendance attended attend crowd crowds spectators audience audiences fans onlookers",
    "turnout",
    "magnitude brightness",
    "fare fares ticket tickets",
    "salary salaries wage wages earn earns earned earnings income paid",
    "budget budgets budgeted spend spends spending",
    "revenue revenues turnover takings",
    "sales",
    "profit profits",
    "capacity seats seating",
    "rainfall rain",
)
_FAMILY_STEMS = tuple(frozenset(content_words(f)) for f in _FAMILIES)
_CROWD = next(f for f in _FAMILY_STEMS if "crowd" in f)  # the attendance family: how a crowd is counted

# Adjectives of "how deep is ...": the measure they ask for. Not "how long", "how big" or "how
# old" (other checks read them), nor "how high" or "how far", which ask as often how much
# something rose or spread ("How high is inflation?"); "how fast" is a speed unless it asks how
# fast something changes ("How fast is the fire growing?", ``_CHANGING``).
_ADJECTIVES = {
    "deep": "depth",
    "tall": "height",
    "heavy": "weight",
    "wide": "width",
    "fast": "speed",
    "hot": "temperature",
    "cold": "temperature",
    "warm": "temperature",
}

_BE = r"(?:is|was|are|were|will\s+be|would\s+be|['’]s)"
_DET = r"(?:(?:the|a|an|its|their|his|her)\s+|(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s?\s+)?"
# "What is the population of Harbour City?", "What was Lumora's profit last year?": the noun
# phrase after the verb, up to a preposition, a clause or the end; its last word is the measure.
_WHAT_IS = re.compile(
    rf"^\s*(?i:what)(?:\s+{_BE}|['’]s)\s+{_DET}(?P<np>[a-z][a-z' -]*?)"
    r"(?=\s+(?:of|for|at|in|on|to|from|during|when|after|before|last|this|that|per|now|so)\b|\s*[?.!]?\s*$)",
)
# "What magnitude is the comet expected to reach?"
_WHAT_X = re.compile(r"^\s*(?i:what)\s+(?P<np>[a-z]+)\s+(?:is|was|are|were|will|would|does|did|do)\b")
# "How much rain fell?", "How much is a single bus fare?"
_HOW_MUCH_X = re.compile(
    r"^\s*(?i:how\s+much)\s+(?P<np>[a-z]+)\b(?!\s+(?:is|was|are|were|did|does|do|has|have|will)\b)"
)
_HOW_MUCH_IS = re.compile(
    rf"^\s*(?i:how\s+much)\s+{_BE}\s+{_DET}(?P<np>[a-z][a-z' -]*?)"
    r"(?=\s+(?:of|for|at|in|on|to|from)\b|\s*[?.!]?\s*$)"
)
_HOW_ADJ = re.compile(r"^\s*how\s+(?P<adj>[a-z]+)\b")
# "How much do bus drivers earn?", "how much does lumora's ceo make?": pay, asked by its verb (a
# company's "make" is its revenue or profit, so "make" only after a worker or a boss).
_EARNS = re.compile(
    r"^\s*how\s+much\s+(?:do|does|did|will|would|can)\s+.{1,60}?\s+(?:earn|get\s+paid|take\s+home"
    r"|(?:ceo|boss|chief|executive|drivers?|workers?|staff|employees|players?|nurses|teachers|officers|"
    r"firefighters|members)(?:['’]s)?\s+make)\b",
    re.I,
)
# A weight asked by its verb.
_WEIGHS = re.compile(r"^\s*how\s+much\s+(?:do|does|did|will|would|can)\s+.{1,60}?\s+weigh\b", re.I)
# A population asked as a count of who lives there.
_LIVE_IN = re.compile(
    r"^\s*how\s+many\s+(?:people|persons|residents|inhabitants|citizens|folks)\s+(?:\w+\s+)?(?:live|lives|living|reside)\s+in\b",
    re.I,
)
_CHANGING = re.compile(
    r"\b(?:grow|rise|rising|rose|spread|fall|fell|increas|climb|drop|shrink|shrank|expand|recover|improv|"
    r"declin|sell|sold)\w*",
    re.I,
)

# A figure: a number (not a year) or a number word.
_FIGURE = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d[\d,.:]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|"
    r"half|third|quarter)\b",
    re.I,
)
# A change the measure is of: "the magnitude of the fall" asks by how much, in any unit.
_CHANGE_NOUN = re.compile(
    r"\b(?:fall|drop|rise|increase|decrease|cut|growth|decline|jump|slump|change)s?\b", re.I
)
# A price, not sales: "The Glow 3 Mini, sold for about 59, went on sale" ("sale" is of the family;
# "sold" is not, since "210,000 heaters sold since 2023" is no year's sales).
_SOLD_FOR = re.compile(r"\b(?:sold|sells?|selling|retail(?:s|ed)?)\s+(?:for|at)\b[^,;]*", re.I)
# Where a clause ends: what stands across one of these is not said of the figure.
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:but|while|whereas|although)\b")


def asked_measure(question: str) -> tuple[str, frozenset[str]] | None:
    """The measure ``question`` asks for, in its own word, and the stems of its family; None
    when it asks for no measure this module lists."""
    adjective = _HOW_ADJ.match(question.lower())
    changing = adjective is not None and adjective.group("adj") == "fast" and _CHANGING.search(question)
    if adjective and adjective.group("adj") in _ADJECTIVES and not changing:
        word = _ADJECTIVES[adjective.group("adj")]
        return word, _family(word) or frozenset()
    if _EARNS.match(question):
        return "pay", _family("earn") or frozenset()
    if _WEIGHS.match(question):  # "how much do the salamanders weigh?"
        return "weight", _family("weight") or frozenset()
    if _LIVE_IN.match(question):  # "how many people live in valdoria's capital": its population
        return "population", _family("population") or frozenset()
    for pattern in (_WHAT_IS, _WHAT_X, _HOW_MUCH_IS, _HOW_MUCH_X):
        match = pattern.match(question)
        if match is None or _CHANGE_NOUN.search(question, match.end()):
            continue  # "the magnitude of the share price fall" is the size of a change
        words = match.group("np").split()
        if not words:
            continue
        head = words[-1].strip("'’")
        family = _family(head)
        if family and head.lower() not in _GIVES_ONLY:
            return head, family
    return None


# Words that give a measure but do not ask for it: "45 miles per hour" is a speed, "what are the
# museum opening hours" asks no speed ("they give no hours for it", beside "open from Tuesday to
# Sunday, 10 a.m. to 6 p.m.").
_GIVES_ONLY = frozenset("hour hours mph".split())


def gives_measure(text: str, family: frozenset[str]) -> bool:
    """Whether a clause of ``text`` holds both a figure and a word of ``family``."""
    text = _SOLD_FOR.sub(" ", text)
    return any(_FIGURE.search(part) and family & content_words(part) for part in _CLAUSE_BREAK.split(text))


# The words a count of who works somewhere is given in: "how big is its workforce?" is answered
# by "employs about 6,800 people" (MiniLM puts workforce/employs at 0.66, under ``SAME_THING``).
_STAFF = frozenset(content_words("workforce staff employees employ employs employed workers personnel"))
# (not "workers": "how many workers went on strike" is no company's headcount)
_STAFF_ASKED = frozenset(content_words("workforce staff employees personnel"))


def same_count(unit: str) -> frozenset[str]:
    """The stems of the words a count of ``unit`` may be given in: the crowd's words for "how many
    fans" ("A crowd of 27,400"; MiniLM puts fans/crowd at 0.52, fans/spectators at 0.47, under
    the 0.8 that joins houses and homes), the staff's for "workforce" or "staff", ``unit``'s own
    stems for any other."""
    if _family(unit) == _CROWD:
        return _CROWD
    stems = frozenset(content_words(unit))
    return _STAFF if stems and stems <= _STAFF_ASKED else stems


_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<unit>[a-z]+)(?:\s+(?P<after>[a-z]+))?", re.I)
_CROWD_WORDS = ("crowd", "attendance", "spectators", "fans")


def crowd_words(question: str) -> list[str]:
    """The crowd's words a question counting one does not use: "how many fans were at the game"
    → crowd, attendance, spectators. Retrieval adds them to the lexical query: "A crowd of 27,400
    ... watched the match" shares no word with the question, and its passage was not retrieved."""
    unit = _HOW_MANY.search(question)  # "how many fans", "how many football fans"
    if unit is None or _CROWD not in (_family(unit.group("unit")), _family(unit.group("after") or "")):
        return []
    said = content_words(question)
    return [w for w in _CROWD_WORDS if not content_words(w) & said]


def _family(word: str) -> frozenset[str] | None:
    stems = content_words(word)
    if not stems:
        return None
    for family in _FAMILY_STEMS:
        if stems <= family:
            return family
    return None


# Units of one quantity, each with the ways articles write it: a figure in one is no answer in
# another ("how far in miles" when the article gives kilometres). Converting would put a figure
# in the answer that no article states, so the answer says which unit the articles use instead.
_UNITS = {
    "length": {
        "kilometres": "kilometres|kilometers|kilometre|kilometer|km",
        "miles": "miles|mile",
        "metres": "metres|meters|metre|meter",
        "feet": "feet|foot|ft",
        "yards": "yards|yard",
    },
    "area": {
        "acres": "acres|acre",
        "hectares": "hectares|hectare|ha",
        "square kilometres": "square kilometres|square kilometers|square kilometre|sq km|km2",
        "square miles": "square miles|square mile|sq mi",
    },
    "mass": {
        "tonnes": "tonnes|tonne|metric tons",
        "kilograms": "kilograms|kilogram|kilos|kilo|kg",
        "pounds": "pounds|pound|lb|lbs",
    },
    "temperature": {"celsius": "celsius|centigrade", "fahrenheit": "fahrenheit"},
}
_UNIT_WORD = {
    word: (quantity, unit)
    for quantity, units in _UNITS.items()
    for unit, words in units.items()
    for word in words.split("|")
}
# "in miles", "how many hectares": a unit the question asks its figure in. Not "in metres" of a
# thing's name ("the 1.8-metre telescope"), which no question says after "in".
_ASKED_IN = re.compile(
    r"\b(?:in|into|to)\s+(?P<in>square\s+(?:kilometres|kilometers|miles)|[a-z°]+)\s*[?.!]?\s*$"
    r"|\bhow\s+many\s+(?P<many>square\s+(?:kilometres|kilometers|miles)|[a-z]+)\b",
    re.I,
)
# A figure and the unit written right after it: "40 million kilometres", "16,200 acres", "8-kilometre".
_FIGURE_UNIT = re.compile(
    r"\d[\d,.]*(?:\s+(?:million|billion|thousand|hundred))?[\s-]*(?P<unit>square\s+[a-z]+|[a-z°]+)", re.I
)


def asked_unit_of_measure(question: str) -> tuple[str, str] | None:
    """The quantity and unit ``question`` wants its figure in ("length", "miles" for "how close
    will it come in miles?"); None when it names no unit of measure."""
    match = _ASKED_IN.search(question)
    if match is None:
        return None
    word = " ".join((match.group("in") or match.group("many") or "").lower().split())
    return _UNIT_WORD.get(word)


def units_given(text: str, quantity: str) -> set[str]:
    """The units of ``quantity`` that ``text`` gives a figure in ("kilometres" for "40 million
    kilometres of Earth")."""
    units = set()
    for match in _FIGURE_UNIT.finditer(text):
        word = " ".join(match.group("unit").lower().split())
        found = _UNIT_WORD.get(word)
        if found and found[0] == quantity:
            units.add(found[1])
    return units
