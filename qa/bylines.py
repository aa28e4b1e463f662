"""Who wrote what, and which outlet ran it: questions about the articles' bylines and outlets.

"Who wrote the comet story?", "Which articles were written by Ada Pennick?", "Which stories came
from the Eastmere Gazette?" ask what an article's header says (``Author:``, ``Source:``), which
no sentence of its text does: searched as text they were refused, or listed the stories whose
sentences share a word with the outlet's name. The answer is the articles' own headers, each
article cited by its lede.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.filters import Filters
from qa.gather import article_passages, format_day, lede_lines
from qa.retrieve import retrieve

if TYPE_CHECKING:
    from qa.catalog import ArticleRecord, Catalog
    from qa.index import Index
    from qa.passage import Passage

__all__ = ["byline"]


# What asks for several articles: "the stories about Lumora", "the wildfire coverage".
_MANY = re.compile(r"\b(?:stories|articles|pieces|reports|coverage|items)\b", re.I)


def _writers(records: list[ArticleRecord], index: Index) -> tuple[str, list[Passage]] | None:
    """A story's articles, each headed by its outlet and writer, under who wrote them."""
    passages = article_passages(records, index)
    by = {r.source: passages[r.source].author for r in records if r.source in passages}
    labels = {}
    for r in records:
        said = [x for x in (r.outlet, f"by {by[r.source]}" if by.get(r.source) else "") if x]
        labels[r.source] = f"{r.title} ({', '.join(said)})" if said else r.title
    lines, cited = lede_lines(records, passages, dedupe=False, limit=len(records), label=labels)
    if not lines:
        return None
    writers = list(dict.fromkeys(a for a in by.values() if a))
    head = (
        f"{_count(len(lines))}, by {_joined(writers)}:"
        if writers
        else f"{_count(len(lines))}, with no byline:"
    )
    return "\n\n".join([head, *lines]), cited


def _count(n: int) -> str:
    return f"{n} article{'s' if n != 1 else ''}"


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _outlet(name: str, catalog: Catalog) -> str:
    """The outlet ``name`` is, as the articles spell it ("" when none is)."""
    want = re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower()
    outlets = {r.outlet for r in catalog.articles.values() if r.outlet}
    return next((o for o in sorted(outlets) if re.sub(r"^the\s+", "", o, flags=re.I).lower() == want), "")


def byline(
    asked: tuple[str, str], catalog: Catalog, index: Index, filters: Filters
) -> tuple[str, list[Passage]] | None:
    """The answer to a byline question (``asked_byline``) and its citations: none when no article
    is by the asked author or outlet; None when "who wrote" finds no article (the question is then
    searched as any other)."""
    how, what = asked
    kept = {r.source: r for r in catalog.articles.values()}
    if filters.sources:
        kept = {s: r for s, r in kept.items() if s in filters.sources or r.file in filters.sources}
    if how == "wrote":
        found = retrieve(what, 1, filters=filters, index=index)
        record = kept.get(found[0].source) if found else None
        if not found or record is None:
            return None
        if _MANY.search(what) and record.story:  # "who wrote the stories about Lumora": each one's writer
            story = [r for r in kept.values() if r.story == record.story]
            return _writers(sorted(story, key=lambda r: (r.published, r.source)), index)
        passages = article_passages([record], index)
        if record.source not in passages:
            return None
        author = found[0].author
        where = ", ".join(x for x in (record.outlet, format_day(record.published)) if x)
        said = f"“{record.title}” ({where})" if where else f"“{record.title}”"
        head = f"{said} was written by {author}." if author else f"{said} carries no byline."
        lines, cited = lede_lines([record], passages)
        return f"{head}\n\n{lines[0]}" if lines else head, cited
    outlet = _outlet(what, catalog)
    if outlet:
        records = [r for r in kept.values() if r.outlet == outlet]
        named = outlet
    elif how == "from":
        return None  # "stories in the news during october": no outlet, a period
    else:
        spelled = what.strip()
        sources = index.store.by_authors([spelled, spelled.title()])
        records = [kept[s] for s in sources if s in kept]
        stored = index.store.articles_in_order([records[0].source])[:1] if records else []
        named = next((p.author for p in stored if p.author), spelled)  # as the byline spells it
    if not records and how == "next":
        return None  # "and by Kwame Mensah?" after who scored: no byline, a follow-up of another kind
    if not records:
        # "stories by nobody smith": no byline and no outlet is that name; searched as text, its
        # words matched the strike's six articles
        return f"No article in the index is by or from “{what.strip()}”.", []
    records = sorted(records, key=lambda r: (r.published, r.source))
    passages = article_passages(records, index)
    labels = {r.source: r.title for r in records}
    lines, cited = lede_lines(records, passages, dedupe=False, limit=len(records), label=labels)
    head = f"{_count(len(records))} in {named}:"
    if not outlet:  # "which outlet does he write for": the author's outlets, in the heading
        outlets = list(dict.fromkeys(r.outlet for r in records if r.outlet))
        head = f"{_count(len(records))} by {named}" + (f" ({', '.join(outlets)}):" if outlets else ":")
    return "\n\n".join([head, *lines]), cited
