"""Question answering over the ingested articles.

``qa.retrieve(question, k=5)`` returns the best-matching passages; ``qa.answer(question)``
returns an ``Answer`` whose text cites them with ``[n]`` markers. Importing ``qa`` is cheap:
the embedder and the store load on first use.
"""

from qa.answer import Answer, answer
from qa.retrieve import Passage, retrieve
from qa.settings import Settings

__all__ = ["Answer", "Passage", "Settings", "answer", "retrieve"]
