"""How well articles are grouped into stories, on the news-reader corpus.

Each article of ``bench/newsroom/articles`` is named after its story (``wildfire-03-….txt``;
one-off articles have no number), which gives the gold grouping. Reported: pairwise precision
(of the article pairs put in one story, the share that belong together), pairwise recall (of the
pairs that belong together, the share put in one story), the number of stories found and
expected, and the time the story step took in the sync. With ``--extra`` the corpus is synced with
``bench/stories_extra``: one-off articles on other events of the corpus's places, companies and
people (a ferry fare rise in the strike's city, the chipmaker's quarterly profit), which must
start stories of their own, and follow-ups of its stories worded anew, which must join them.
With ``--corpus FOLDER`` the articles are another corpus's, named the same way (``bench/unseen``,
``bench/unseen2``, ``bench/unseen3``: worlds the grouping was not tuned on).

    python -m bench.stories [--extra | --corpus FOLDER]
"""

from __future__ import annotations

import itertools
import re
import shutil
import sys
import time
from pathlib import Path

from ingest import sync
from qa.settings import Settings
from qa.stories import stories

CORPUS = Path(__file__).resolve().parent / "newsroom" / "articles"
EXTRA = Path(__file__).resolve().parent / "stories_extra"
_NUMBERED = re.compile(r"^(?P<story>[a-z]+)-\d\d-")


def gold_story(source: str) -> str:
    """The story a corpus file belongs to: its name's prefix, or itself for a one-off."""
    m = _NUMBERED.match(source)
    return m.group("story") if m else source


def pairwise(groups: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of ``groups`` (source -> found story) against the gold."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(groups), 2):
        same_gold, same_found = gold_story(a) == gold_story(b), groups[a] == groups[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def main() -> None:
    """Sync the corpus (and with ``--extra`` the extra articles) into a fresh data folder and print
    the grouping's quality."""
    work = Path(".bench") / "stories"
    shutil.rmtree(work, ignore_errors=True)
    articles = CORPUS
    args = sys.argv[1:]
    if "--corpus" in args and args.index("--corpus") + 1 < len(args):
        articles = Path(args[args.index("--corpus") + 1]) / "articles"
        if not articles.is_dir():
            sys.exit(f"--corpus: no articles/ folder in {articles.parent}")
    elif "--extra" in args:
        articles = work / "articles"
        articles.mkdir(parents=True)
        for folder in (CORPUS, EXTRA):
            for path in folder.iterdir():
                shutil.copy(path, articles / path.name)
    data = work / "data"
    settings = Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(articles), "NEWSDESK_DATA_DIR": str(data)})
    start = time.perf_counter()
    sync(settings)
    seconds = time.perf_counter() - start
    found = {a.source: s.id for s in stories(settings=settings) for a in s.articles}
    precision, recall = pairwise(found)
    expected = len({gold_story(s) for s in found})
    print("| articles | stories found | stories expected | pairwise precision | pairwise recall | sync s |")
    print("|---|---|---|---|---|---|")
    cells = [
        len(found),
        len(set(found.values())),
        expected,
        f"{precision:.2f}",
        f"{recall:.2f}",
        f"{seconds:.1f}",
    ]
    print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
