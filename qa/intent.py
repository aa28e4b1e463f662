"""What kind of question this is: the first step of understanding it.

A news reader asks for more than single facts: the latest on a story, a summary, a timeline,
what happened in a period, which stories mention something, how two things compare. Each kind
needs different evidence (the newest article, the ledes of a story, every story with one
supporting sentence), so the answer step asks this module first. It is a handful of ordered
rules over the question's wording, not a model: the kinds are marked by a few words ("latest",
"timeline", "which stories", "compare"), the rules are fast (tens of microseconds), and each
one is tested. A question that matches no rule is a ``fact`` question, answered as before.

The order matters: "What's the latest on the strike timeline?" is ``latest`` before
``timeline`` would be, and "Why" beats "When" only at the start of a question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["KINDS", "Intent", "classify", "is_chat", "is_english"]

KINDS = (
    "chat",
    "not_english",
    "main_stories",
    "timeline",
    "summary",
    "period",
    "which",
    "compare",
    "latest",
    "why",
    "when",
    "who",
    "how_many",
    "fact",
)

_CHAT = re.compile(
    r"^\s*(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day|night)|morning|evening|"
    r"afternoon|yo|sup|"
    r"thanks?( you)?( so much| a lot| very much)?|thank u|thx|ty|cheers|great|ok(ay)?|cool|nice|"
    r"many thanks|much appreciated|(i )?appreciate (it|that|your help)|"
    r"how are you( doing| today)?|"
    r"bye|goodbye|see you|help( me| please)?|i need( some)? help|(can|could) you help( me)?|"
    r"how (can|could|do) you help( me)?|what can you help( me)? with|"
    r"what can you do|what do you do|what do you know|who are you|what are you|what is (this|newsdesk)|"
    r"how does this work|how do i use (this|you|newsdesk)|what can i ask( you)?|"
    r"what (kind|sort)s? of questions can i ask|what questions can i ask( you)?)\b[\s!.,?]*"
    r"(newsdesk|there|you|again|mate|for (that|the help|your help))?[\s!.,?]*$",
    re.I,
)
# A greeting before the message proper: "Hi, what can you do?", "Hello Newsdesk, who are you?".
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening|day))\b[\s!.,:;—–-]*"
    r"((newsdesk|there)\b[\s!.,:;—–-]*)?",
    re.I,
)
_MAIN_STORIES = re.compile(
    r"\b(main|top|biggest|key|major|important) (news )?(stories|headlines|news|topics|events)\b"
    r"|\bwhat('s| is| are)? (in the news|the (news|headlines)|happening|going on)\b"
    r"(?!\s+(with|to|at|on|over)\b)"
    r"|\bwhat (stories|topics|news) (are there|do you have|are covered|is covered|do the articles cover)\b"
    r"|\b(summari[sz]e|recap|overview of) (all|everything|the news|all the (news|articles|stories))\b"
    r"|\bwhat do the articles (cover|say)\s*\??$"
    r"|\bwhat('s| is) new\s*\??$"
    r"|\b(which|what) (news )?(stories|topics) (do you|does newsdesk|can you) (cover|have|know)\b"
    r"|\bwhat (do|can) you (cover|know about)\s*\??$"
    r"|\bwhat('s| is)( there)? in (here|there|this|the (collection|archive|index|articles))\s*\??$"
    r"|\bwhat (have you got|do you have)\s*\??$",
    re.I,
)
_TIMELINE = re.compile(
    r"\b(timeline|chronology|chronological|sequence of events|in (chronological )?order|step by step|"
    r"how did .{3,60} (unfold|develop|evolve|progress|play out)|how has .{3,60} (unfolded|developed|evolved|"
    r"played out)|(walk|take|talk) (me|us) through|from (the )?(start|beginning) to (the )?(finish|end)|"
    r"(key|main|major) (moments|developments|milestones|turning points|steps))\b",
    re.I,
)
_SUMMARY = re.compile(
    r"\b(summari[sz]e|summary|sum up|overview|recap|brief me|catch me up|fill me in|rundown|"
    r"tell me (about|more about)|what('s| is) the story (with|on|about|behind)|background on|"
    r"what do (we|you) know about|what happened (with|to)|explain the|gist|in a nutshell|"
    r"what('s| is| was) the deal with|break down|"
    r"what('s| is| was) (the|this|that) .{2,40} (thing|business|affair|saga) about)\b",
    re.I,
)
# "What's going on with the recall?" asks for the story; with "lately" or "now", for its latest.
_GOING_ON = re.compile(r"\bwhat('s| is| are| was) (happening|going on) (with|to|over)\b", re.I)
_WHAT_HAPPENED = re.compile(
    r"\b(what (has |have )?(happened|was (in the news|reported|going on)|news|stories)|"
    r"what did the (news|articles) (say|report)|"
    r"any news|news from|what went on)\b|^\s*(news|stories|headlines)\b",
    re.I,
)
_WHICH = re.compile(
    r"^\s*(which|what) (stories|articles|reports|news|companies|people|organi[sz]ations|events|teams|"
    r"cities|places|countries|officials)\b"
    r"|\b(list|name) (all|every|any)\b|\b(list|name) the \w+s\b"
    r"|\bare there (any )?(stories|articles|reports)\b"
    r"|\b(stories|articles) (that|which) (involve|mention|cover|are about|talk about)\b"
    r"|^\s*(any|(do|does|did) any( of the)?) (stories|articles|reports)\b"
    r"|\b(in|from|of) which (stories|articles|reports)\b|^\s*which of the (stories|articles|reports)\b"
    r"|\bwhat other (stories|articles|reports)\b|^\s*where else\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(compare[ds]?|comparison|comparing|differ(s|ed|ence|ences|ent)?|contrast|versus|vs\.?|"
    r"as opposed to|same as|in line with|disagree|contradict|consistent with)\b"
    r"|\b(or (only|just|merely)|rather than)\b"
    r"|\bhow (has|have|did) .{2,60} (changed?|moved|shifted)\b|\bwhat changed (between|since|from)\b"
    r"|\bbefore and after\b",
    re.I,
)
_LATEST = re.compile(
    r"\b(latest|newest|most recent|recent(ly)?|current(ly)?|now|still|so far|to date|at present|"
    r"status|update|updates|as of|any news on|what's new (on|with)|where (do|does|did) .{2,40} stand|"
    r"lately|yet|any more|anymore|where are (we|things) (with|on)|how are things (with|on))\b",
    re.I,
)
_WHY = re.compile(
    r"^\s*(why|how come)\b|\b(what (\w+ly )?(caused|causes|led to|prompted|triggered|sparked|drove|set off|"
    r"sets off|touched off|ignited|started|starts|(is|was|lay|lies) behind)|"
    r"reason(s)? (for|why|behind)|cause of|because of what|what('s| is| was| were) the reasons?)\b"
    r"|^\s*how (did|does|do|was|were|is|are|could|can|will|would)\b(?! .*\b(many|much|long)\b)",
    re.I,
)
_WHEN = re.compile(
    r"^\s*when\b|\b(what|which) (date|day|month|year|time)\b|\bhow long ago\b|\bby when\b", re.I
)
_WHO = re.compile(
    r"^\s*(who|whom|whose)\b|\b(which|what) (person|official|player|minister|executive)\b", re.I
)
_HOW_MANY = re.compile(
    r"\bhow (many|much|far|big|large|long|high|low|old)\b|\bby how much\b"
    r"|\b(what|which) (percentage|percent|share|rate|number|amount|figure|total|price|cost|sum|score"
    r"|level)\b",
    re.I,
)
# Words before the question proper: "So what actually caused ...", "I'd like to know who ...".
_LEAD_IN = re.compile(
    r"^\s*(?:(?:so|and|but|ok|okay|well|right|also|then|please|quick question|"
    r"i(?:'d| would) like to know|i want to know|i wonder|i was wondering|i'm wondering|do you know|"
    r"(?:can|could) you (?:tell me|find out|say)|tell me|any idea|just wondering|remind me)\b[\s,:;-]*)+"
    r"(?=(?:who|whom|whose|when|why|what|how|which|where)\b)",
    re.I,
)
# Recency that outweighs "news" and "what happened": "the most recent news from the election",
# "what happened most recently in the patent fight", "any news on Mensah lately?".
_RECENT = re.compile(
    r"\b(latest|newest|most recent(ly)?|recently|lately|any news (on|about)|updates? (on|about))\b", re.I
)
# What a question asks about once its kind words are taken out: "Summarize the Lumora story" -> "Lumora".
_KIND_WORDS = re.compile(
    r"\b(give me|can you|could you|please|tell me|show me|i want|i'd like|a|an|the|of|on|about|for|with|"
    r"summari[sz]e|summary|overview|recap|brief me|catch me up|timeline|chronology|story|stories|news|latest|"
    r"newest|most recent|what's|what is|what are|what was|what were|what|happened|happening|so far|"
    r"update|updates|in order|events|articles|article|gist|in a nutshell|the deal with|break down|"
    r"(walk|take|talk) (me|us) through|from (the )?(start|beginning) to (the )?(finish|end)|key moments|"
    r"play out|played out|any|other|else|lately|going on|happening|where are (we|things) with)\b",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    """The kind of a question and the subject it is about.

    Attributes:
        kind: One of ``KINDS``.
        subject: The question without its kind words ("Summarize the Lumora story" -> "Lumora"),
            empty when it is about everything ("What are the main stories?").
    """

    kind: str
    subject: str = ""


def _subject(question: str) -> str:
    words = _KIND_WORDS.sub(" ", question)
    return " ".join(re.sub(r"[?!.,;:]+", " ", words).split())


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """The 30,000 most frequent English words (symspellpy's frequency list, shipped in the package)."""
    from importlib.resources import files

    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    words = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= 30_000:
                break
            words.append(line.split(" ", 1)[0])
    return frozenset(words)


_LETTERS = re.compile(r"[^\W\d_]+")
# Function words of the languages a reader here is most likely to use instead, none of them an
# English word: one or two of them decide a short question that langdetect gets wrong
# ("Quelle est la situation?" came out 0.86 French; "hw many homs burned" 0.57 Welsh).
_FOREIGN = frozenset(
    """
        qué que cómo cuál cuáles cuántos cuántas cuándo dónde quién por para los las una con del
        está están fue son sobre pasó el es hay ha quel quelle quels quelles est les des une avec
        pour dans sur qui quoi comment pourquoi où été sont du au aux ce cette il elle ont der das
        dem den ist sind wie warum wann wer welche welcher und nicht mit über ein eine einen
        passiert viele gibt gli della cosa perché quando chi dove sono è di os uma não onde quem
        porque qual foram são em het een wat waarom wanneer waar hoe zijn niet voor van com
        aconteceu acontece
        """.split()
)
_ENGLISH_FUNCTION = frozenset(
    """
        the is are was were what who whom whose when where why how did does do of in on to a an and
        about with for has have will which many much any latest there their it its this that
        """.split()
)


def is_english(question: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``question`` is written in English (typos and names allowed).

    A question mostly in another script is not. In Latin script, foreign function words decide
    (two of them, or one with no English function word); langdetect only has a say when neither
    kind of word is present and most words are not English, since on three-word questions with
    typos it is wrong as often as right.
    """
    words = [w.lower() for w in _LETTERS.findall(question)]
    if not words:
        return True
    latin = sum(all(unicodedata.name(c, "").startswith("LATIN") for c in w) for w in words)
    if latin < len(words) / 2:
        return False
    foreign = sum(w in _FOREIGN for w in words)
    english = sum(w in _ENGLISH_FUNCTION for w in words)
    if (foreign >= 2 and foreign > english) or (foreign and not english):
        return False
    if english:
        return True
    common = _english_words()
    share = sum(w in common or w in known for w in words) / len(words)
    if share >= 0.5:
        return True
    try:
        from langdetect import DetectorFactory, detect_langs

        DetectorFactory.seed = 0  # deterministic
        best = detect_langs(question)[0]
    except Exception:  # langdetect raises on text with no features
        return True
    return bool(best.lang == "en" or best.prob < 0.99)


# A message that opens with thanks or a greeting and asks nothing: "Thank you, that was helpful."
_CHAT_OPENING = re.compile(
    r"^\s*(hi|hello|hey|thanks|thank you|thx|cheers|great|ok|okay|perfect|bye)\b", re.I
)
_ASKS = re.compile(r"\?|\b(what|who|when|where|why|how|which|tell|show|give|summari[sz]e|list)\b", re.I)


def is_chat(question: str) -> bool:
    """Whether ``question`` is a greeting, thanks or a request for help rather than a question."""
    if _CHAT.match(question):
        return True
    rest = _GREETING.sub("", question, count=1)
    if rest != question and rest.strip() and _CHAT.match(rest):
        return True
    return bool(_CHAT_OPENING.match(question)) and not _ASKS.search(question) and len(question.split()) <= 8


def classify(question: str, *, has_period: bool = False, known: frozenset[str] = frozenset()) -> Intent:
    """The kind of ``question`` and its subject.

    Args:
        question: The (standalone, spelling-corrected) question.
        has_period: The question names a period ("in March 2025", "last week"); with "what
            happened" wording that makes it a ``period`` question.
        known: Words of the articles, so that their names do not make a question look foreign.
    """
    q = question.strip()
    if is_chat(q):
        return Intent("chat")
    if not is_english(q, known):
        return Intent("not_english")
    subject = _subject(q)
    if _MAIN_STORIES.search(q):
        return Intent("period" if has_period else "main_stories", "")
    if _TIMELINE.search(q):
        return Intent("timeline", subject)
    if has_period and (_WHAT_HAPPENED.search(q) or _SUMMARY.search(q)):
        return Intent("period", subject)
    if _WHICH.search(q):
        return Intent("which", subject)
    if _COMPARE.search(q):
        return Intent("compare", subject)
    if _GOING_ON.search(q):
        return Intent("latest" if _LATEST.search(q) else "summary", subject)
    if _RECENT.search(q) and not _SUMMARY.search(q) and not _WHEN.match(q):
        return Intent("latest", subject)
    if _SUMMARY.search(q) or (_WHAT_HAPPENED.search(q) and not _WHEN.search(q)):
        return Intent("summary", subject)
    if _LATEST.search(q) and not _WHEN.match(q):
        return Intent("latest", subject)
    q = _LEAD_IN.sub("", q)
    for kind, pattern in (("why", _WHY), ("when", _WHEN), ("who", _WHO), ("how_many", _HOW_MANY)):
        if pattern.search(q):
            return Intent(kind, subject)
    return Intent("fact", subject)
