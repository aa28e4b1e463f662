"""Question answering over the ingested articles.

``qa.retrieve(question, k=5)`` returns the best-matching passages; ``qa.answer(question)``
returns an ``Answer`` whose text cites them with ``[n]`` markers; ``qa.answer_stream`` yields
drafts first. ``qa.open_index(settings)`` gives the opened ``Index`` that all of them take as
``index=``. ``qa.stories()`` lists the running stories the articles group into, newest first.
Importing ``qa`` is cheap: the embedder and the store load on first use.
"""

from qa.answer import Answer, answer, answer_stream
from qa.filters import Filters
from qa.index import Index, open_index
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.stories import Story, stories, story_of

__all__ = [
    "Answer",
    "Filters",
    "Index",
    "Passage",
    "Settings",
    "Story",
    "answer",
    "answer_stream",
    "open_index",
    "retrieve",
    "stories",
    "story_of",
]
