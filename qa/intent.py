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

Three kinds are not marked by a few words but worded every way: chat ("that's great, thanks",
"what are you able to do?"), a request for the news in general ("any news?", "catch me up",
"what did I miss?") and another language. Rules naming their phrases one by one recognised
45% of the chat, 30% of the requests for the news and 80% of the other languages among 900
wordings in ``tests/test_intent_breadth.py``, so these are decided by the words a message is
made of: chat and the news in general are bags of words (every word from the kind's vocabulary,
one of them only that kind uses), and the language is a vote of function words. The median
question takes about 40 microseconds; the few whose words are mostly neither English nor the
articles' own also ask langdetect (about 15 ms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qa.spelling import english_words

__all__ = ["KINDS", "Intent", "asked_byline", "asked_part", "classify", "is_chat", "is_english", "two_asks"]

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
    r"what can you do|what do you do|what do you know|who are you|what are you|"
    r"what('s| is) (this|newsdesk)( (tool|app|bot|chatbot|site|service|thing|assistant))?|"
    r"how('s| is) it going|what'?s up|got it|(that'?s|that is) (all|it)( for (now|today))?|i'?m done|"
    r"no more questions|start|get started|menu|is (this|it) (thing )?(on|working)|"
    r"how does this work|how do i use (this|you|newsdesk)|what can i ask( you)?|"
    r"what (kind|sort)s? of questions can i ask|what questions can i ask( you)?)\b[\s!.,?]*"
    r"(newsdesk|there|you|again|mate|for (that|the help|your help|now|today|tonight|the day))?[\s!.,?]*$",
    re.I,
)
# A greeting before the message proper: "Hi, what can you do?", "Hello Newsdesk, who are you?".
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening|day))\b[\s!.,:;—–-]*"
    r"((newsdesk|there)\b[\s!.,:;—–-]*)?",
    re.I,
)
# A greeting or thanks before a question: "Hi! Any news?", "Thanks. And who won?", "Great, and the fire?"
# Thanks and praise only with a stop after them: "Great Western" is a name.
_OPENER = re.compile(
    r"^\s*(((hi|hello|hey|hiya|good (morning|afternoon|evening|day)|newsdesk)\b[\s!.,:;—–-]*"
    r"|(thanks|thank you|cheers|ok(ay)?|great|cool|nice|perfect)(\s*[!.,:;—–-]+\s*|\s+(?=(and|newsdesk)\b)))"
    r"((newsdesk|there)\b[\s!.,:;—–-]*)?)+(and\b\s*)?",
    re.I,
)
_MAIN_STORIES = re.compile(
    r"\b(main|top|biggest|key|major|important) (running |ongoing |current |news )?"
    r"(stories|headlines|news|topics|events)\b"
    r"|\bbig (running |ongoing |current |news )?(stories|headlines)\b"
    r"|\b(dominat\w*|ma[dk]\w* (the )?headlines in) (the )?(news|headlines)\b"
    r"|\bwhat('s| is| are)? (in the news|the (news|headlines)|happening|going on)\b"
    r"(?!\s+(with|to|at|on|over|in|about|from|regarding|concerning|for|of|around|surrounding|involving)\b)"
    r"|\bwhat (stories|topics|news) (are there|do you have|are covered|is covered|do the articles cover)\b"
    r"|\b(summari[sz]e|recap|overview of) (all|everything|the news|all the (news|articles|stories))\b"
    r"|\bwhat do the articles (cover|say)\s*\??$"
    r"|\bwhat('s| is) new\s*\??$"
    r"|\b(which|what) (news )?(stories|topics) (do you|does newsdesk|can you) (cover|have|know)\b"
    r"|\bwhat (do|can) you (cover|know about)\s*\??$"
    r"|\bwhat('s| is)( there)? in (here|there|this|the (collection|archive|index|articles))\s*\??$"
    r"|\bwhat (have you got|do you have)( for (me|us))?\s*\??$"
    r"|\b(show|tell) me what you('ve)? (have|got|know|cover)\b|\bwhat can you tell me about\s*\??$",
    re.I,
)
_TIMELINE = re.compile(
    r"\b(timeline|chronology|chronological|sequence of events|in (chronological )?order|step by step|"
    r"how did .{3,60} (unfold|develop|evolve|progress|play out)|how has .{3,60} (unfolded|developed|evolved|"
    r"played out)|(walk|take|talk) (me|us) through|from (the )?(start|beginning) to (the )?(finish|end)|"
    r"(key|main|major|important) (moments|developments|milestones|turning points|steps|dates)|"
    r"(day|week|month|year|quarter) (by|after|to) (day|week|month|year|quarter))\b",
    re.I,
)
_SUMMARY = re.compile(
    r"\b(summari[sz]e|summary|sum up|overview|recap|brief me|catch me up|fill me in|rundown|"
    r"tell me (about|more about)|what('?s| is) the story (with|on|about|behind)|background on|"
    r"boil (.{2,60} )?down|what do (we|you) know about|what happened (with|to)|explain the|gist|"
    r"in a nutshell|"
    r"what('?s| is| was) the (deal|story|scoop|lowdown) (with|on)|break down|(the )?short version|tl;? ?dr|"
    r"what('s| is| was) (the|this|that) .{2,40} (thing|business|affair|saga) about|"
    r"what('s| is| was| are| were) .{2,60} all about)\b",
    re.I,
)
# "the chip case in short", "Lumora recall, briefly": a subject asked for briefly, with no question
# word, is asked for the story in brief (a question word keeps its own kind: "who won, in short").
_BRIEF = re.compile(
    r"\b(in short|in brief|briefly|in a few (words|lines|sentences)|short and sweet|"
    r"in (two|three|four|five|\d) (words|lines|sentences|bullets|points))\b",
    re.I,
)
_QUESTION_WORD = re.compile(
    r"^\s*(who|whom|whose|what|when|where|why|which|how|is|are|was|were|did|does|do)\b", re.I
)
# With a period, how something went in it is what happened then: "How did the chip trial go in
# its first days?", "How did Rovers get on in the weeks after ...?", "anything new since the verdict?"
_HOW_IT_WENT = re.compile(
    r"^\s*how (did|has|have|was|were|is|are) .{2,80}\b(go|gone|going|get on|got on|getting on|fare|fared|"
    r"turn out|turned out|unfold|unfolded)\b|\b(anything|something|what'?s|what is|what has been) new\b",
    re.I,
)
# What happened to someone's thing ("her heater", "Carla Duvall's kitchen") is a fact of the
# story, not the story: a follow-up's "her" becomes "Carla Duvall's" (``qa.conversation``).
_TO_OWNED = re.compile(
    r"\bwhat (has )?happened to (his|her|their|[A-Z][\w-]*(\s+[A-Z][\w-]*)*['’]s?)\s+\w", re.I
)
# "What was going on with the recall?" asks for the story; "what's going on with the wildfire?",
# in the present, for where it stands now: its newest article first ("fully contained"), not
# its first day's ("0% contained"), which a summary in date order opens with.
_GOING_ON = re.compile(r"\bwhat('s|s| is| are| was) (happening|going on) (with|to|over)\b", re.I)
_GOING_ON_NOW = re.compile(r"\bwhat('s|s| is| are) (happening|going on) (with|to|over)\b", re.I)
_WHAT_HAPPENED = re.compile(
    r"\b(what('s| has| have)? ?(happened|was (in the news|reported|going on)|news|stories)|"
    r"what did the (news|articles) (say|report)|"
    r"any news|news from|what went on|(did\s+)?anything\s+(happen|go\s+on))\b|^\s*(news|stories|headlines)\b",
    re.I,
)
_WHICH = re.compile(
    r"^\s*(which|what) (stories|articles|reports|news|companies|people|organi[sz]ations|events|teams|"
    r"cities|places|countries|officials)\b"
    r"|\b(list|name) (all|every|any)\b|\b(list|name) the (\w+\s+){0,2}?\w+s\b"
    r"|\bare there (any )?(stories|articles|reports)\b"
    r"|\b(stories|articles) (that|which) (involve|mention|cover|are about|talk about)\b"
    r"|^\s*(any|(do|does|did) any( of the)?) (stories|articles|reports)\b"
    r"|\b(in|from|of) which (stories|articles|reports)\b|^\s*which of the (stories|articles|reports)\b"
    r"|\bwhat other (stories|articles|reports)\b|^\s*where else\b"
    # "Which court cases do the articles mention?", "What companies are mentioned?": a list of
    # things across the articles, named by any noun.
    r"|^\s*(which|what)\s+([\w'’-]+\s+){1,3}?(do|does|did|are|were|is|was|have|has)\s+((the|any|these|your)\s+)?"
    r"(articles|stories|reports|news|archive|coverage|collection)\b"
    r"|^\s*(which|what)\s+([\w'’-]+\s+){1,3}?(are|were|is|was|get|got|have been|has been)\s+"
    r"(mentioned|covered|"
    r"reported|named|featured|discussed|in the (news|articles|stories|reports))\b"
    r"|^\s*(which|what)\s+[\w'’-]+s\b.*\b(in|across) (the|these|your) (articles|stories|news|reports)\b"
    # "Which chief executives are quoted ...?", "Which judges come up ...?": a plural noun then a verb
    # asks for every one of them ("which executive" alone asks who, below).
    r"|^\s*which\s+([\w'’-]+\s+){0,2}?(?!(?:is|was|has|does|this|its|his|news)\b)[a-z][\w'’-]*(?:[^\Wsu]|['’])s\s+"
    r"(are|were|have|has|had|did|do|come|came|appear|appeared|feature|featured|get|got|show|showed|turn|turned)\b"
    # the same with a deed in the past ("Which firms faced lawsuits?", "Which judges ruled?"), a
    # list asked yes or no ("Were any companies fined?"), or asked inside a request ("Tell me
    # which people resigned", "Show me every story with a lawsuit").
    r"|^\s*which\s+([\w'’-]+\s+){0,2}?(?!(?:is|was|has|does|this|its|his|news)\b)[a-z][\w'’-]*(?:[^\Wsu]|['’])s\s+"
    r"[a-z]+ed\b"
    r"|^\s*(were|are|have|had|did)\s+any\s+(stories|articles|reports|companies|firms|businesses|organi[sz]ations)\b"
    r"|^\s*(please\s+)?(tell|show|give) me which\s+([\w'’-]+\s+){0,2}?(people|[a-z][\w'’-]*[^\Wsu]s)\s+"
    r"(?!(?:is|was|has|does)\b)"
    r"|^\s*(please\s+)?(show|give|tell) me (every|all|each|any)\s+(the\s+)?([\w'’-]+\s+){0,2}?"
    r"(stor(y|ies)|articles?|reports?|compan(y|ies)|firms?)\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(compare[ds]?|comparison|comparing|differ(s|ed|ence|ences|ent)?|contrast|versus|vs\.?|"
    r"as opposed to|same as|in line with|disagree|contradict|consistent with)\b"
    r"|\b(or (only|just|merely)|rather than)\b"
    r"|\bhow (has|have|did) .{2,60} (changed?|moved|shifted)\b|\bwhat changed (between|since|from)\b"
    r"|\bbefore and after\b"
    # a comparative between two things: "lower than the jury's award", "higher in January or in April"
    r"|\b(higher|lower|bigger|smaller|larger|greater|fewer|more|less|earlier|later|better|worse|cheaper)\b"
    r"[^?]*?\bthan\s+(?!\d|about\b|an?\s)"
    r"|^\s*(was|were|is|are|did|does|do)\b[^?]*\b(higher|lower|bigger|smaller|larger|greater|fewer|more|less|"
    r"better|worse|cheaper)\b[^?]*\bor\b"
    # Comparisons that name no comparative: "how far apart were the union and the authority",
    # "was the vote to accept as strong as the vote to strike", "was the April vote unanimous
    # like the June one", a claim checked ("did they really build 60,000 homes, or fewer?") and
    # one measure asked twice ("how many at first and how many after ...", "where were they
    # when ... and where when ...").
    r"|\bhow far apart\b"
    r"|^\s*(was|were|is|are|did|does|do|has|have)\b[^?]*\bas (?!well\b|soon\b|long\b|far\b|much\b|many\b)"
    r"\w+ as\s+(?!\d)"
    r"|^\s*(was|were|is|are)\b[^?]*\blike (the|that|those|his|her|its|their)\b"
    r"|\bor (fewer|less|more|lower|higher|smaller|bigger|larger)\s*[?.!]*\s*$"
    r"|\b(?P<ask>how many|how much|where)\b.{3,80}\band (?P=ask)\s+(\w+\s+){0,3}?"
    r"(after|later|when|now|then|before|by)\b"
    # a question, then its two sides: "Who won more seats, the Alliance or the Front?", "Which was
    # bigger — the first recall or the expanded one?"
    r"|^\s*(which|who|whose|what)\b[^,?:—–]*\b(more|most|less|least|fewer|fewest|bigger|biggest|larger|largest|"
    r"higher|highest|lower|lowest|smaller|smallest|greater|greatest|first|earlier|later|better|worse|ahead|"
    r"further|longer|shorter|cheaper|dearer)\b[^,?:—–]*(?:,|:|\s[—–-])\s*[^,?]+\s+or\s+[^,?]+\??\s*$",
    re.I,
)
_LATEST = re.compile(
    r"\b(latest|newest|most recent|recent(ly)?|current(ly)?|now|still|so far|to date|at present|"
    r"status|update|updates|as of|any news on|what('s| is) new (on|with|in)|anything new (on|with|about|in)|"
    r"any (new|fresh|further) developments?|"
    r"where (do|does|did) .{2,40} stand|"
    r"lately|yet|any more|anymore|where are (we|things) (with|on)|how are things (with|on)|"
    # the present said in other words: "What's the rate at the moment?", "How much is owed at this point?"
    r"at the moment|right now|at this (point|stage|time)|these days|presently|as (it|things) stands?)\b",
    re.I,
)
# A measure asked in the present tense ("what's the unemployment rate in eastmere", "what is the
# interest rate"): its value now, which the newest report gives, not the best-worded old one.
_STANDING = re.compile(
    r"^\s*what(?:['’]?s|\s+is|\s+are)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:rate|level|price|toll|score|standings?|count|tally)\s*(?:(?:in|of|for|at|from)\s+[\w'’ -]+)?\??\s*$",
    re.I,
)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def asks_standing(question: str) -> bool:
    """Whether ``question`` asks a measure in the present tense with no time of its own ("what's
    the unemployment rate in eastmere"): the newest report's figure answers it, once the fact
    path has found that the articles give the measure at all (the price of the Nova 2 is never
    given, which the fact path's checks say and the newest article's lede would not)."""
    return bool(_STANDING.search(question)) and not _A_YEAR.search(question) and not _LATEST.search(question)


# "When is the next rate decision?", "When do they play next?": the next date the newest article
# announces (an older article's "next" is long past), so a latest question, not a "when" one.
# "Next year's marathon" names a period, not the next of something.
_NEXT = re.compile(
    r"^\s*when('s| is| are| will| do| does)\b.*\bnext\b"
    r"(?!\s+(to|after)\b|\s+(year|month|week|weekend|season|spring|summer|autumn|winter)\b)",
    re.I,
)
_WHY = re.compile(
    r"^\s*(why|how come)\b|\b(what (\w+ly )?(caused|causes|led to|prompted|triggered|sparked|drove|set off|"
    r"sets off|touched off|ignited|started|starts|(is|was|lay|lies) behind)|"
    r"reason(s)? (for|why|behind)|cause of|because of what|what('s| is| was| were) the reasons?|"
    r"on what (grounds|basis)|what (are|were|was|is) the grounds)\b"
    r"|^\s*how (did|does|do|was|were|is|are|could|can|will|would)\b(?! .*\b(many|much|long)\b)",
    re.I,
)
_WHEN = re.compile(
    r"^\s*when\b|\b(what|which) (date|day|month|year|time|minute|hour)\b|\bhow long ago\b|\bby when\b", re.I
)
_WHO = re.compile(
    r"^\s*(who|whom|whose)\b|\b(which|what) (person|official|player|minister|executive)\b", re.I
)
_HOW_MANY = re.compile(
    r"\bhow (many|much|far|big|large|long|high|low|old)\b|\bby how much\b|\bwhat age\b"
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
# The polite words before a question ("can you tell me", "I'd like to know", "quick question:"):
# the question is what follows them, and so after the "so" or "and" that opens a follow-up, which
# the conversation reads as well without them.
_POLITE = re.compile(
    r"^\s*(?:(?:please|quick question|ok(?:ay)?\s+so|"
    r"according to (?:the |these |your )?(?:articles?|reports?|news|stories|coverage|sources)|"
    r"i(?:'d|’d| would) like to know|i want to know|i wonder|i was wondering|"
    r"i'm wondering|i’m wondering|do you know|does anyone know|(?:can|could|would) you (?:please )?"
    r"(?:tell me|find out|say|let me know)|tell me|any idea|just wondering|remind me|"
    r"(?:i(?:'m|’m| am) |just |i was )?curious|out of curiosity|by the way|btw|one more (?:thing|question)|"
    r"(?:a |one )?question)\b[\s,:;-]*)+"
    r"(?=(?:who|whom|whose|when|why|what|what's|whats|how|which|where|any|anything|is|are|was|were|did|does|"
    r"has|have|had|will|show|give|list|name|summari[sz]e|catch|fill|walk|brief|tell)\b(?:['’]\w+)?[\s,]*\w)"
    # an aside set off by its comma or colon: what follows it is the question, however it opens
    # ("quick question: after the judge trimmed it, how much ...")
    r"|^\s*(?:quick question|(?:a |one )?question|(?:i(?:'m|’m| am) |just )?curious|out of curiosity|"
    r"by the way|btw|one more (?:thing|question)|"
    r"according to (?:the |these |your )?(?:articles?|reports?|news|stories|coverage|sources))"
    r"\s*[,:;–—-]\s*(?=\w)",
    re.I,
)


# Phone shorthand with a slash, which the speller's words never reach ("w/o" became "with/o").
_WITHOUT = re.compile(r"\bw/o\b", re.I)
_WITH = re.compile(r"\bw/(?!o\b)\s*", re.I)
# Chat shorthand for now ("league position atm?", "whats the rate rn"): read as the words, which
# ask for the latest; the speller had "atm" as an English word (a cash machine).
_NOW_SHORT = re.compile(r"\b(?:atm|rn|rite now)\b(?=\s*[?.!]*\s*$)", re.I)
# A plural in "-people" ("spokespeople", "chairpeople"), read as its plural in "-persons": a list
# asks for a noun in "-s" ("which spokespeople are quoted?" was a fact, and refused), and the
# articles' title is the singular ("spokesperson Janine Corr").
_PEOPLE_PLURAL = re.compile(r"\b(?P<head>[A-Za-z]{3,})people\b")


# A question's opening "so" or "and": a follow-up's, which the conversation reads; in a first
# question, nothing ("so which stories involve a lawsuit?").
_CONJUNCTION = re.compile(
    r"^\s*(?:(?:so|and|but|also|well|right|then|ok(?:ay)?)\b[\s,:;-]*)+"
    r"(?=(?:who|whom|whose|when|why|what|what's|whats|how|which|where|is|are|was|were|did|does|"
    r"has|have|had|will|any|anything|show|give|list|name|summari[sz]e|catch|fill|walk|brief|tell)\b"
    r"(?:['’]\w+)?[\s,]*\w)",
    re.I,
)


def asked_part(question: str, follow_up: bool = False) -> str:
    """``question`` without a greeting or the polite words before it: "hey, can you tell me who
    took the penalty?" asks "who took the penalty?".

    Every step after this one reads the question from its question word: asked with one of five
    polite openings, 500 dev questions answered right 419 times were answered right 352 times.
    """
    question = " ".join(_EMOJI.sub(" ", question).split()) or question  # "... 🙂", "🔥 how many ..."
    question = _WITHOUT.sub("without", _WITH.sub("with ", question))  # "w/o their striker", "w/ the union"
    question = _NOW_SHORT.sub("right now", question)  # "league position atm?"
    question = _PEOPLE_PLURAL.sub(r"\g<head>persons", question)  # "spokespeople": spokespersons
    question = _THANKS_AFTER.sub("", question) or question  # "... - thanks!", "..., please"
    plain = _FILLER_AFTER.sub("?", question)  # "... exactly?", "... in the articles?"
    question = plain if len(plain.split()) >= 4 else question  # not "what's in the articles?"
    rest = _OPENER.sub("", question, count=1)
    opened = rest if _ASKS_OPENING.match(rest) else question
    lead = _FOLLOW_LEAD.match(opened) if follow_up else None
    if lead:  # "and can you tell me when he'll be back": the "and" stays for the conversation to read
        body = opened[lead.end() :]
        greeted = _OPENER.sub("", body, count=1)
        body = greeted if _ASKS_OPENING.match(greeted) else body
        rest = lead.group() + _POLITE.sub("", body, count=1)
    else:
        rest = _POLITE.sub("", opened if follow_up else _CONJUNCTION.sub("", opened, count=1), count=1)
    if rest != opened and (embedded := _EMBEDDED.match(rest)):
        # "I'd like to know who Kwame Mensah's agent is": "who is Kwame Mensah's agent"
        rest = f"{embedded['ask']} {embedded['verb']} {embedded['thing']}?"
    for pattern, worded in _PLAIN_ASKS:
        rest = pattern.sub(worded, rest, count=1)
    rest = _ENDING.sub("?", rest)  # "...??", "...?!" end as one question mark
    if _UNENDED.search(rest) and _QUESTION_OPENING.match(rest):
        # typed without its question mark, a question ends with one: MiniLM reads the two apart
        # (on the 586 dev questions typed so, 11 more answered right and 7 fewer)
        rest = rest.rstrip() + "?"
    return rest if rest.strip() else question


_ASK_WORD = r"(?:who|whom|whose|when|when's|why|what|what's|whats|how|which|where)"
_AUX = r"(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)"
# Two questions in one message: two sentences, each a question ("Who won the election? And what
# was the turnout?"), or one joined to the next by "and" before its question word ("how many
# homes burned, and how many people died?", "..., and in which city was it run?"). Not "what
# happened and why" alone, nor a comparison's two measures, which the comparison reads together
# (``classify``).
_TWO_SENTENCES = re.compile(r"^\s*(?P<a>[^?]{8,}\?)\s+(?P<b>[^?]{6,}\??)\s*$")
_JOINED = re.compile(
    rf"^\s*(?P<a>[^?]{{6,}}?)\s*(?:,\s*|;\s*|\s+)(?:and|&|plus|also)\s+"
    rf"(?P<b>(?:{_ASK_WORD}\s+\w|(?:in|on|at|by|for|from|to|with)\s+(?:which|what)\s+\w)[^?]*\??"
    rf"|(?<=,\sand\s){_AUX}\s+\w[^?]*\?)\s*$",
    re.I,
)
_ASKS_SOMETHING = re.compile(rf"\b{_ASK_WORD}\b|^\s*(?:{_AUX}|tell me|name)\b", re.I)
# what opens a second sentence that is a question of its own, after "and", "hey," or "also"
_SECOND = re.compile(
    rf"^\s*(?:(?:and|also|plus|so|hey|oh)\b[\s,]*)*(?:{_ASK_WORD}|{_AUX}|(?:in|on|at|by|for|from|to|with)\s+"
    r"(?:which|what))\b",
    re.I,
)


# The "and" or "ok so" that opens a follow-up, or the second of two questions.
_FOLLOW_LEAD = re.compile(r"^\s*(?:(?:and|so|but|also|plus|then|ok(?:ay)?)\b[\s,]*)+(?=\w)", re.I)
_ONLY_POLITE = re.compile(
    r"(?:(?:do you know|(?:can|could) you (?:tell me|say)|tell me|i(?:'d|’d| would) like to know|"
    r"i (?:was )?wonder(?:ing)?|any idea|ok(?:ay)?|so|and|hey|hi|newsdesk)\b[\s,?!.]*)+",
    re.I,
)


def two_asks(question: str) -> tuple[str, str] | None:
    """The two questions of a message that asks two ("when did the strike start and when did it
    end?" asks "when did the strike start?" and "when did it end?"), or None.

    Each is answered on its own, the second as a follow-up of the first (its "it" is the
    first's subject): one answer to both quoted the start of the strike three times.
    """
    found = _TWO_SENTENCES.match(question)
    if found is not None and not _SECOND.match(found["b"]):
        found = None  # "Who won? I heard it was close.", "... at that point? and a week later?"
    shortest = 3 if found is not None else 2  # "... called Millbrook? which stories" is no question
    found = found or _JOINED.match(question)
    if found is None or not _ASKS_SOMETHING.search(found["a"]) or classify(question).kind == "compare":
        return None
    first = found["a"].strip().rstrip(",;")
    if _ONLY_POLITE.fullmatch(first):
        return None  # "do you know, and when did he concede?" asks one question
    second = _FOLLOW_LEAD.sub("", found["b"].strip())
    if len(first.split()) < 3 or len(second.split()) < shortest:
        return None
    return (first if first.endswith("?") else first + "?"), (second if second.endswith("?") else second + "?")


# Other ways to open a question, in the words the answer step reads: asked so, 546 dev questions
# answered right 447 times were answered right 356 times ("what number of" 35 fewer, "what
# amount" 26, "for what reason" 18, "at what point" 8, "what's" for "what is" 4; "what made X
# do" for "why did X do": 36 of 41 why questions, 19).
_NO_QUALITY = r"(?![^?]*\b\w+(?:ous|ful|ive|able|ible|ic|less|ant|ent|ate)\s*[?.!]*\s*$)"
_PLAIN_ASKS = tuple(
    (re.compile(pattern, re.I), plain)
    for pattern, plain in (
        (r"^(\s*)what(?:['’]s|\s+is|\s+was)?\s+the\s+(?:total\s+)?number\s+of\b", r"\1how many"),
        (r"^(\s*)what\s+number\s+of\b", r"\1how many"),
        (r"^(\s*)what(?:['’]s|\s+is|\s+was)?\s+the\s+(?:total\s+)?amount\s+of\b", r"\1how much"),
        (r"^(\s*)what\s+amount(?:\s+of)?\b", r"\1how much"),
        (r"^(\s*)(?:for\s+what\s+reason|how\s+come)\b", r"\1why"),
        # "hows mensah doing", "how is the recovery going", "how are things with the strike": where
        # it stands now, as "what's the latest on" asks (classified "why" by its "how is", it was
        # answered by a reason found in September)
        (
            r"^(\s*)how(?:['’]?s|\s+is|\s+are)\s+(?!things\b)(\S.{1,40}?)\s+(?:doing|going|getting\s+on)\s*(\??)\s*$",
            r"\1what's the latest on \2\3",
        ),
        (
            r"^(\s*)how(?:['’]?s|\s+is|\s+are)\s+things\s+(?:going\s+|looking\s+)?(?:with|on|for|at)\s+(\S.{1,40}?)\s*(\??)\s*$",
            r"\1what's the latest on \2\3",
        ),
        # "what made the judge refuse ...": why
        # (not "what made the heaters dangerous", which the sentence that says what did answers)
        (
            r"^(\s*)what\s+(?:made|makes)\b(?=\s+\S)(?!\s+(?:the\s+)?(?:headlines?|news)\b)" + _NO_QUALITY,
            r"\1why",
        ),
        (r"^(\s*)what(?:['’]s|\s+is|\s+was)\s+the\s+reason\s+(?:that\s+|why\s+)?", r"\1why "),
        (r"^(\s*)(?:at\s+what\s+point|on\s+what\s+date|on\s+which\s+date)\b", r"\1when"),
        (
            r"^(\s*)(?:in\s+|on\s+)?(?:what|which)\s+(?:date|day|month|year)\b"
            r"(?=\s+(?:is|was|were|are|will|did|does|do|has|have|had)\b)",
            r"\1when",
        ),
        (r"^(\s*)(?:by\s+when|how\s+soon)\b", r"\1when"),
        (r"^(\s*)which\s+person\b", r"\1who"),
        # "who caused the fire?", "who do they think started it?", "who is to blame for the fire?":
        # its cause, which the articles give as a thing ("A Northvale Power distribution line
        # ... started the Cedar Ridge Fire"), and a "who" read for a person's name
        (
            r"^(\s*)who\s+(?:(?:do|does|did)\s+(?:\w+\s+){1,2}(?:think|say|believe|suspect)\s+)?"
            r"(caused|started|sparked|set\s+off)\b",
            r"\1what \2",
        ),
        (r"^(\s*)who(?:['’]s|\s+is|\s+was)\s+(?:to\s+blame|blamed)\s+for\b", r"\1what caused"),
        # "list the stories that involve a fine", "are there any stories that mention a jury"
        (
            r"^(\s*)(?:(?:list|name|show(?:\s+me)?|give\s+me|find)\s+(?:all\s+|every\s+|any\s+)?(?:of\s+)?the"
            r"|are\s+there(?:\s+any)?)\s+(stories|articles|reports)\s+(?:that|which)\s+",
            r"\1which \2 ",
        ),
        # "is a jury mentioned anywhere?", "where is Port Lowry mentioned?", "does a recount come up
        # in the articles?": the stories that mention it
        (
            # ("in the articles" after it is gone already: ``_FILLER_AFTER``)
            r"^(\s*)(?:(?:is|are|was|were)\s+(.+?)\s+(?:mentioned|covered|discussed)"
            r"|where\s+(?:is|are|was|were)\s+(.+?)\s+(?:mentioned|covered|discussed|reported)"
            r"|(?:does|do|did)\s+(.+?)\s+(?:come up|get mentioned))"
            r"(?:\s+anywhere|\s+at all|\s+in\s+(?:the|any|these|your)\s+"
            r"(?:articles|stories|reports|news|coverage))?\s*\??\s*$",
            lambda m: f"{m[1]}which stories mention {m[2] or m[3] or m[4]}?",
        ),
        # "what's happened" has happened; "what's the score" is
        # (and "whats", "whos", typed without the apostrophe)
        (r"^(\s*)(what|who|where|when|how)['’]?s\b(?=\s+(?:been|gone|happened|\w+ed)\b)", r"\1\2 has"),
        # but "what's new", "what's up", "what's going on" stay as readers say them, typed with
        # their apostrophe ("whats going on with the wildfire" read as a fact question)
        (
            r"^(\s*)(what|who|where|when|how)s\b(?=\s+(?:new|up|going|happening|next|the\s+latest)\b)",
            r"\1\2's",
        ),
        (
            r"^(\s*)(what|who|where|when|how)['’]?s\b(?!\s+(?:new|up|going|happening|next|the\s+latest)\b)",
            r"\1\2 is",
        ),
    )
)


# Emoji and pictographs (with their joiners and variation selectors): no words of a question.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
_ENDING = re.compile(r"\s*(?:[?!]\s*){2,}$")
_UNENDED = re.compile(r"\w\s*$")
_QUESTION_OPENING = re.compile(rf"^\s*(?:{_ASK_WORD}|{_AUX}|should)\b", re.I)
_FILLER_AFTER = re.compile(
    r"(?<=\w)\s*,?\s+(?:exactly|precisely|(?:in|from|according to)\s+(?:the|these|your)\s+"
    r"(?:articles?|reports?|stories|coverage))\s*[?.!]*\s*$",
    re.I,
)
_THANKS_AFTER = re.compile(
    r"(?<=\w|\?)\s*[-–—,.]?\s*(?:thanks|thank you|thx|cheers|please|pls|plz)\s*[!.?]*\s*$", re.I
)
# A question put as a clause, its verb last: "who Kwame Mensah's agent is", "what the turnout was".
_EMBEDDED = re.compile(
    r"^\s*(?P<ask>who|what|where|when|how\s+\w+)\s+(?P<thing>(?!is\b|was\b|are\b|were\b)[^?]+?)\s+"
    r"(?P<verb>is|was|are|were)\s*[?.!]*\s*$",
    re.I,
)


_ASKS_OPENING = re.compile(
    r"^\s*(?:who|whom|whose|when|why|what|what's|whats|how|which|where|please|quick question|i|do|does|"
    r"ok|okay|according|can|could|would|tell|any|just|remind|is|are|was|were|did|has|have|had|will)\b",
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
    r"newest|most recent|what's|whats|what is|what are|what was|what were|what|happened|happening|so far|"
    r"in short|in brief|briefly|tl;? ?dr|fill me in|the scoop|the lowdown|the short version|"
    r"in (?:two|three|four|five|\d) (?:words|lines|sentences|bullets|points)|"
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


# Whole phrases that ask for the story, taken out before their words are: "the" alone went first
# and left "deal" of "what's the deal with the Mars mission" in the subject, which found the
# transit strike's pay deal.
_ASKING_PHRASES = re.compile(
    r"\b(?:the\s+)?(?:deal|story|scoop|lowdown|short version)\s+(?:with|on|about|behind|of)\b", re.I
)


def _subject(question: str) -> str:
    words = _KIND_WORDS.sub(" ", _ASKING_PHRASES.sub(" ", question))
    return " ".join(re.sub(r"[?!.,;:]+", " ", words).split())


def _english_words() -> frozenset[str]:
    """The 30,000 most frequent English words (symspellpy's frequency list, read once by ``qa.spelling``)."""
    return english_words()


_LETTERS = re.compile(r"[^\W\d_]+")
# Function words (and the commonest greetings and words for "news") of the languages a reader
# here may use instead, each listed only if it is not also an English word (nor the tail of an
# English contraction): "die", "was", "in", "a", "on", "do", "son", "comment", "dove" and "ve"
# count for neither side. A few such words decide a short question where langdetect cannot: of
# the 266 English news questions in tests/test_intent_breadth.py ("Are buses running?", "strike
# deal terms", "Is Mensah fit?") it gives 48 to another language with a probability of 0.9 or more.
_FOREIGN = frozenset(
    """
        qué que cómo cuál cuáles cuánto cuánta cuántos cuántas cuándo cuando dónde donde quién quiénes
        quien por porque para los las una unos unas del está están estaba fue fueron sobre pasó pasa muy
        más de la le di da von ce
        pero también sus nuevo nueva noticias hoy hola gracias buenos buenas días el es cuéntame háblame
        quel quelle quels quelles quoi est les des une avec pour dans sur qui pourquoi où
        été sont du au aux cette il elle ils elles nous vous ont avait pas ne peut sont quand combien
        nouvelles actualité aujourd hui bonjour bonsoir salut merci beaucoup à moi parle
        der das dem des ist sind wer wie warum wann wo welche welcher welches und nicht mit über
        ein eine einen einem einer auch noch schon haben ich sie er wurde wurden gibt passiert viele
        nachrichten heute guten danke bitte mir mich uns erzähl erzähle erzählen
        gli della delle dello degli che chi cosa perché quanti quante quanto sono è di il lo
        anche ancora notizie oggi grazie buongiorno dimmi
        os uma não onde quem qual quais foram são em dos das aconteceu acontece quantos quantas
        notícias hoje obrigado obrigada olá
        het een wat waarom wanneer waar zijn niet voor er gebeurd nieuws vandaag
        och att det är vad vem hur när varför inte på som ett av hände nyheter idag hej
        og hva hvem hvordan hvorfor når ikke hvad skete skjedde nyheder vant vann
        się jak kto ile czy nie jest że wiadomości dziękuję
        kaç nasıl neden bir bu mı oldu
        apa siapa berapa dengan kapan mengapa ini itu terjadi
        hogy az nem és történt
        cine cu și sau nu este
        mitä kuka mikä miksi milloin missä ja ei
        kdo proč kdy jsou
        šta što ko kako zašto je sa
        ano sino ang ng mga
        nini nani kwa
        hvað hver hvenær með
        hubo hizo hace dijo ahora últimas último noticia ganó sigue termina
        fait faire dernières dernière nouveau maintenant dit gagné passé qu revoir
        macht jetzt neu neues neuigkeiten geht geschichten gewonnen gesagt tschüss zusammen
        sta stai fa ultima ultime ultimo nuovo novità successo detto vinto mille
        houve tem estão fez disse ganhou novo novidades últimas agora
        gaat nieuw laatste heeft hebben gezegd
        senaste nytt
        nowego nowy najnowsze wygrał
        nedir haber haberler
        kabar berita terbaru
        balita kamusta kumusta
        habari gani
        nyerte sunt ultimele știri skončila pobijedio
        merhaba selamat szia ahoj jambo salam namaste shalom konnichiwa privet hej hoi servus
        """.split()
)
_PARTICLES = frozenset("la las le les los el de del della der das dem des du di da von van al".split())
_ENGLISH_FUNCTION = frozenset(
    """
        the what whats who whom whose when where why how which did does were has have had of and
        about with many much any there their they them it its this that these those been from
        could would should can than into after before
        """.split()
)


def _words(question: str, known: frozenset[str]) -> list[str]:
    """The question's words that say something about its language: names taken out.

    A word is a name when it is capitalised after the first word, when it is a word of the
    articles that is no common English word ("okafor", "valdoria"), or when it is a particle of
    names before a capitalised word ("Los Angeles", "El Niño", "De Beers").
    """
    tokens = list(re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)?", question))
    common = _english_words()
    out = []
    for i, m in enumerate(tokens):
        word = m.group()
        lower = word.lower()
        nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if i and word[:1].isupper() and lower not in _FOREIGN:
            continue
        if lower in known and lower not in common and lower not in _FOREIGN:
            continue
        if lower in _PARTICLES and nxt[:1].isupper():
            continue
        for part in _LETTERS.findall(lower):
            out.append(part)
    return out


def _slips(word: str) -> set[str]:
    """The words one slip from ``word``: a letter added, dropped, changed or two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in letters}
    variants |= {a + c + b for a, b in splits for c in letters}
    return variants


def is_english(question: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``question`` is written in English (typos and names allowed).

    A question mostly in another script is not. In Latin script the function words vote: more
    foreign ones (``_FOREIGN``, some 20 languages' worth) than English ones (``_ENGLISH_FUNCTION``,
    none shared with another language) is another language, more English ones is English. On a
    tie (usually none of either), a question whose words are mostly English words or the
    articles' own is English; langdetect only has a say when most words are neither, since on
    three-word questions with typos it is wrong as often as right.

    Args:
        question: The question as typed.
        known: Words of the articles: their names do not make a question look foreign.
    """
    letters = [w.lower() for w in _LETTERS.findall(question)]
    if not letters:
        return True
    latin = sum(all(unicodedata.name(c, "").startswith("LATIN") for c in w) for w in letters)
    if latin < len(letters) / 2:
        return False
    words = _words(question, known)
    if not words:
        return True  # nothing but names
    common = _english_words()
    # A word spelt with letters English does not use ("kazandı", "wygrał", "gewählt") that is no
    # word of the articles is foreign too.
    foreign = sum(w in _FOREIGN or (not w.isascii() and w not in common and w not in known) for w in words)
    english = sum(w in _ENGLISH_FUNCTION for w in words)
    if foreign != english or english:
        return english >= foreign
    lexicon = [(w in common or w in known) and w not in _FOREIGN for w in words]
    if sum(lexicon) / len(words) > 0.5:
        return True
    # The other words, where they are long enough to tell, all typos of English words or of the
    # articles' ("hw mny homs brnt", "strke ovr?"): English typed in a hurry.
    unknown = [w for w, ok in zip(words, lexicon, strict=True) if not ok and len(w) >= 4]
    if unknown and all(
        not (slips := _slips(w)).isdisjoint(common) or not slips.isdisjoint(known) for w in unknown
    ):
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
    r"^\s*((hi|hello|hey|thanks|thank you|thx|cheers|bye)\b|(great|ok|okay|perfect)\s*([!.,;:—–-]|$))", re.I
)
_ASKS = re.compile(r"\?|\b(what|who|when|where|why|how|which|tell|show|give|summari[sz]e|list)\b", re.I)

# Chat as a bag of words. A message all of whose words are the words of conversation (greetings,
# thanks, praise, goodbyes, asking for help, "you" and "I", and the function words between them)
# and that holds one word only chat uses ("thanks", "hello", "you", "help") is chat, however the
# words are ordered: "that's great, thanks", "what are you able to do?", "any tips?". One word of
# news ("strike", "happened", "won") makes it a question, and "Why?" or "When did it start?" hold
# no chat word, so follow-ups stay questions.
_CHAT_MARKERS = frozenset(
    """
    hi hello hey hei heya hiya howdy yo hallo hullo greetings morning afternoon evening goodnight
    thanks thank thankyou thanx thnx thx tnx ty tysm ta cheers appreciate appreciated grateful kudos
    cool nice great awesome perfect excellent wonderful brilliant lovely fantastic amazing super
    neat sweet wow interesting helpful useful informative gotcha good love loved ok okay alright
    bye goodbye byebye cya farewell ciao
    help helps helped assist assistance you ya u your yours yourself newsdesk capabilities capable
    features tips example examples instructions anyone anybody someone somebody bot robot chatbot human ai
    """.split()
)
_CHAT_WORDS = _CHAT_MARKERS | frozenset(
    """
    i me my we us our u ur your yours a an the this that these those it is are am was were be been
    do does did doing done can could would will should shall may might must have has had get got
    what s re ll ve m d which who how where there here so very really much many lot lots too also
    just again now then today all for to of with about in on at by and or but well oh ah um hmm
    please pls plz right fine alright yes yeah yep no nope not any anything something things
    thing kind kinds sort sorts type types way ways ask asking question questions answer answers
    use work works working start begin tell show give know see meet day night time going go able
    example tip feature exactly exist later soon some everything out off up home new one r
    person real name made built created type typing talk chat need needed want wanted looking like
    catch mate buddy friend pal partner folks everyone guys talking info kindly heaps stuff bunch
    million ton tons loads
    """.split()
)
# Without a chat word, "I" or "you" beside a word of using a tool: "Where do I start?"
_PERSON = frozenset("i me we us my".split())
_META = frozenset("ask use start begin question questions type do talk talking".split())
_WORD = re.compile(r"[a-z]+")
_WORDLIKE = re.compile(r"[^\W_]")
# The reader speaking of Newsdesk itself: "how does this thing work", "is this app any good?"
_THIS_TOOL = re.compile(r"\b(this|your) (thing|tool|app|bot|chatbot|site|website|assistant)\b")
# "whats new", "hows it going", "im done": contractions typed without their apostrophe.
_BARE = re.compile(r"\b(what|how|that|who|where|there|it|here)s\b|\b(i)m\b|\b(you|we|they)re\b")


def _tokens(text: str) -> list[str]:
    """Lower-cased words, a contraction's parts apart with or without its apostrophe."""

    def split(m: re.Match[str]) -> str:
        head = next(g for g in m.groups() if g)
        return f"{head} {m.group()[len(head) :]}"

    text = _BARE.sub(split, text.lower())
    return _WORD.findall(text)


def _near(word: str, vocabulary: frozenset[str]) -> str:
    """``word``, or the word of ``vocabulary`` one slip away when ``word`` is no English word:
    "thnaks" is "thanks", "helo" is "hello".
    """
    if word in vocabulary or len(word) < 4 or word in _english_words():
        return word
    return min(_slips(word) & vocabulary, default=word)


def _chat_words(question: str) -> bool:
    squeezed = re.sub(r"(\w)\1{2,}", r"\1", question.lower())  # "hellooo", "heyyy"
    squeezed = _THIS_TOOL.sub("newsdesk", squeezed)  # "how does this thing work"
    words = [_near(w, _CHAT_WORDS) for w in _tokens(squeezed)]
    if not words or len(words) > 12 or not all(w in _CHAT_WORDS for w in words):
        return False
    return any(w in _CHAT_MARKERS for w in words) or (
        (any(w in _PERSON for w in words) or words[:2] == ["how", "to"]) and any(w in _META for w in words)
    )


def is_chat(question: str) -> bool:
    """Whether ``question`` is a greeting, thanks or a request for help rather than a question."""
    if not _WORDLIKE.search(question):  # "👍", ":)", "🙏"
        return True
    if _CHAT.match(question):
        return True
    rest = _GREETING.sub("", question, count=1)
    if rest != question and rest.strip() and _CHAT.match(rest):
        return True
    if rest != question and len(rest.split()) >= 2:
        # "hey, is the cedar ridge fire still burning": a greeting, then a question of its own
        return is_chat(rest)
    if _MAIN_STORIES.search(question) or _about_everything(_OPENER.sub("", question, count=1) or question):
        return False
    if _chat_words(question):
        return True
    return bool(_CHAT_OPENING.match(question)) and not _ASKS.search(question) and len(question.split()) <= 8


# News in general as a bag of words, like chat: a question all of whose words ask for the news as
# such ("any news?", "catch me up", "what did I miss?", "give me a briefing", "what's been
# happening?") with no subject of its own wants the main stories.
_EVERYTHING_MARKERS = frozenset(
    """
    news headline headlines story stories happening happened happen going new newest latest
    briefing brief briefed roundup rundown recap digest update updates catch speed miss missed
    topics topic subjects subject cover covers covered trending talking overview summary summarise
    summarize sum everything developments events reading fill articles collection archive
    covering following tracking breaking scoop papers paper press reported reporting reports
    """.split()
)
_EVERYTHING_WORDS = _EVERYTHING_MARKERS | frozenset(
    """
    what s is are was were been be has have had do does did any anything something some all there
    here today todays now lately recently recent currently current big biggest main top key major
    read should i me my we us you your give tell show list get bring up to on in of the a an for
    about from please can could would will so far quick quickly short daily morning evening day
    people everyone everybody go need article index whole overall general stuff things thing
    round just let lets want like off which ask world got making make run through walk take talk
    kinds kind sort sorts type types date week weekend month year yesterday tonight past last few
    days couple away ve re gone this follow say says saying being running ongoing continuing developing
    report right most
    """.split()
)
_NOT_EVERYTHING = re.compile(
    r"^\s*(who|whom|whose|when|where|why"
    r"|how (many|much|long|often|far|did|does|do|was|were|can|could|will))\b",
    re.I,
)


# Words that ask for news only in a question: "Anything interesting?", "What should I know?", but
# "Interesting." and "Good to know" are chat.
_EVERYTHING_WEAK = frozenset("interesting important worth know hot".split())
_ASKING = frozenset("what any anything something which tell give show".split())


def _about_everything(question: str) -> bool:
    """Whether ``question`` asks for the news in general, with no subject ("Any news?")."""
    words = _tokens(re.sub(r"\bup to date\b", "update", question.lower()))
    if not words or len(words) > 14 or _NOT_EVERYTHING.match(question):
        return False
    if words[:2] in (["how", "s"], ["how", "is"], ["how", "are"]):  # "How's the news today?"
        words = words[2:]
    if not all(w in _EVERYTHING_WORDS or w in _EVERYTHING_WEAK for w in words):
        return False
    return any(w in _EVERYTHING_MARKERS for w in words) or (
        any(w in _EVERYTHING_WEAK for w in words) and any(w in _ASKING for w in words)
    )


_ANYTHING = frozenset("anything something any what".split())


def _anything(undated: str) -> bool:
    """Whether a question with its period taken out asks only for anything at all ("anything in
    early may?", "what in march?"): with a period, that is the period's news."""
    words = _tokens(undated.lower())
    return (
        bool(words)
        and len(words) <= 6
        and bool(_ANYTHING & set(words))
        and all(w in _EVERYTHING_WORDS or w in _EVERYTHING_WEAK for w in words)
    )


def classify(
    question: str, *, has_period: bool = False, known: frozenset[str] = frozenset(), period_text: str = ""
) -> Intent:
    """The kind of ``question`` and its subject.

    Args:
        question: The (standalone, spelling-corrected) question.
        has_period: The question names a period ("in March 2025", "last week"); with "what
            happened" wording that makes it a ``period`` question.
        known: Words of the articles, so that their names do not make a question look foreign.
        period_text: The words that name the period ("of October 2025"): without them, "What
            were the big stories of October 2025?" and "anything happen in august 2025" are
            made only of words asking for the news, a request for everything in that period.
    """
    q = question.strip()
    if is_chat(q):
        return Intent("chat")
    if not is_english(q, known):
        return Intent("not_english")
    q = _OPENER.sub("", q, count=1) or q  # "Hi! Catch me up": the greeting is no part of the question
    subject = _subject(q)
    undated = " ".join(q.replace(period_text, " ").split()) if period_text else q
    if _MAIN_STORIES.search(q) or _about_everything(undated) or (period_text and _anything(undated)):
        return Intent("period" if has_period else "main_stories", "")
    if _TIMELINE.search(q):
        return Intent("timeline", subject)
    if (
        has_period
        and (_WHAT_HAPPENED.search(q) or _SUMMARY.search(q) or _HOW_IT_WENT.search(q))
        and not _TO_OWNED.search(q)
    ):
        return Intent("period", subject)
    if _WHICH.search(q):
        return Intent("which", subject)
    if _COMPARE.search(q):
        return Intent("compare", subject)
    if _GOING_ON.search(q):
        return Intent("latest" if _LATEST.search(q) or _GOING_ON_NOW.search(q) else "summary", subject)
    if _RECENT.search(q) and not _SUMMARY.search(q) and not _WHEN.match(q):
        return Intent("latest", subject)
    if (
        _SUMMARY.search(q)
        or (_WHAT_HAPPENED.search(q) and not _WHEN.search(q))
        or (_BRIEF.search(q) and not _QUESTION_WORD.match(q))
    ) and not _TO_OWNED.search(q):
        return Intent("summary", subject)
    if (_LATEST.search(q) and not _WHEN.match(q)) or _NEXT.search(q):
        return Intent("latest", subject)
    q = _LEAD_IN.sub("", q)
    for kind, pattern in (("why", _WHY), ("when", _WHEN), ("who", _WHO), ("how_many", _HOW_MANY)):
        if pattern.search(q):
            return Intent(kind, subject)
    return Intent("fact", subject)


# "who wrote the comet story", "who is the author of the recall piece" (not "who filed the lawsuit",
# nor "which paper ran the story", whose paper is the text's: "the Spanish newspaper Diario Continental")
_WHO_WROTE = re.compile(
    r"^\W*(?:and\s+)?(?:who\s+(?:wrote|authored|penned)|"
    r"who\s+(?:is|was)\s+the\s+(?:author|writer|reporter|journalist)\s+(?:of|on|behind))"
    r"\s+(?P<thing>.+?)\s*[?.!]*\s*$",
    re.I,
)
_PIECES = r"(?:articles?|stories|story|pieces?|reports?|items?)"
# "which articles were written by Ada Pennick", "stories by ada pennick", "what has Hal Denning written",
# "which stories came from the Eastmere Gazette", "articles in the eastmere gazette"
_BY_WHOM = re.compile(
    rf"^\W*(?:(?:which|what|list|show(?:\s+me)?|give\s+me|find)\s+(?:all\s+)?(?:the\s+)?)?"
    rf"(?:{_PIECES}|of\s+(?:them|these|those))\s+"
    r"(?:(?:were|was|are|is|have\s+been|has\s+been)\s+)?(?:(?:written|filed|reported|published|run)\s+)?"
    r"(?P<how>by|from|in|came\s+from|come\s+from)\s+(?:the\s+)?(?P<who>.+?)\s*[?.!]*\s*$"
    r"|^\W*what\s+(?:else\s+)?(?:(?:articles|stories|pieces|reports)\s+)?(?:has|have|did)\s+(?:the\s+)?(?P<writer>.+?)\s+"
    r"(?:been\s+)?(?:written|write|published|publish|run|ran|carried|carry|reported|reporting|covered|covering)"
    r"\s*[?.!]*\s*$"
    # "and by Felix Aronsen?", "what about from TechLedger?": another byline or outlet, typed with
    # its capitals (a name of neither is then searched as any question)
    r"|^\W*(?:and|what\s+about|how\s+about)\s+(?P<next>by|from)\s+(?:the\s+)?(?P<named>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*)"
    r"\s*[?.!]*\s*$"
    # "which outlet does Jonah Sewell write for": the author's articles, headed by their outlets
    r"|^\W*(?:which|what)\s+(?:outlet|paper|newspaper|publication|site)\s+(?:does|did|do)\s+(?P<author>.+?)\s+"
    r"(?:write|work|report)\s+for\s*[?.!]*\s*$",
    re.I,
)


def asked_byline(question: str) -> tuple[str, str] | None:
    """("wrote", the thing) for who wrote an article, ("by", the name) for the articles of an
    author or outlet, ("from", the name) for an outlet's ("stories from the eastmere gazette",
    "stories in the news during october": a name only if an outlet's), ("next", the name) for a
    follow-up's ("and by Felix Aronsen?": an author's or an outlet's, or else no byline question);
    None for any other."""
    if m := _WHO_WROTE.match(question):
        return "wrote", m.group("thing")
    bare = _BRACKETED.sub("", question)  # the conversation's words a follow-up got in brackets
    if m := _BY_WHOM.match(bare):
        if m.group("named"):
            return "next", m.group("named").strip()
        how = "from" if m.group("how") and m.group("how").lower() != "by" else "by"
        return how, (m.group("who") or m.group("writer") or m.group("author")).strip()
    return None


_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")
