"""Stories: grouping articles by their first chunk's vector and shared names, incrementally."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from qa.catalog import ArticleRecord, Catalog, CatalogWriter, names_in, record_for
from qa.stories import assign, build_stories, stories, topic
from tests.conftest import NEWSROOM, settings_for


def _unit(*xs: float) -> tuple[float, ...]:
    v = np.asarray(xs, dtype=np.float64)
    return tuple(float(x) for x in v / np.linalg.norm(v))


def _record(
    source: str, published: str, vector: tuple[float, ...], names: tuple[str, ...] = ()
) -> ArticleRecord:
    return ArticleRecord(
        source=source,
        file=source,
        title=f"Title of {source}",
        published=published,
        outlet="",
        url="",
        lede=f"The lede of {source} says what happened.",
        chunk=f"id-{source}",
        lede_start=0,
        lede_end=10,
        vector=vector,
        names=names,
    )


def _catalog(*records: ArticleRecord) -> Catalog:
    return Catalog({r.source: r for r in records})


FIRE = _unit(1, 0.1, 0)
STRIKE = _unit(0, 1, 0.1)


def test_close_articles_share_a_story_and_others_start_one() -> None:
    catalog = _catalog(
        _record("fire-1", "2025-07-14", FIRE),
        _record("fire-2", "2025-07-20", _unit(1, 0.2, 0.05)),
        _record("strike-1", "2025-03-01", STRIKE),
    )
    assign(catalog, list(catalog.articles))
    stories = build_stories(catalog)
    assert [s.count for s in stories] == [2, 1]  # newest story first
    assert [a.source for a in stories[0].articles] == ["fire-1", "fire-2"]  # oldest first
    assert stories[0].first == "2025-07-14" and stories[0].last == "2025-07-20"
    assert stories[0].latest.source == "fire-2"


def test_a_sync_places_only_new_articles_and_keeps_the_rest() -> None:
    catalog = _catalog(_record("fire-1", "2025-07-14", FIRE), _record("strike-1", "2025-03-01", STRIKE))
    assign(catalog, list(catalog.articles))
    before = {s: r.story for s, r in catalog.articles.items()}
    catalog.articles["fire-2"] = _record("fire-2", "2025-07-25", _unit(1, 0.15, 0))
    assign(catalog, ["fire-2"])
    assert {s: catalog.articles[s].story for s in before} == before
    assert catalog.articles["fire-2"].story == catalog.articles["fire-1"].story


def test_far_apart_in_time_means_another_story() -> None:
    catalog = _catalog(_record("fire-2024", "2024-01-10", FIRE), _record("fire-2025", "2025-07-14", FIRE))
    assign(catalog, list(catalog.articles))
    assert catalog.articles["fire-2024"].story != catalog.articles["fire-2025"].story


def test_removing_a_story_s_articles_removes_the_story() -> None:
    catalog = _catalog(_record("fire-1", "2025-07-14", FIRE), _record("strike-1", "2025-03-01", STRIKE))
    assign(catalog, list(catalog.articles))
    catalog.remove_files(["strike-1"])
    assign(catalog, [])
    assert [s.count for s in build_stories(catalog)] == [1]


def test_catalog_round_trip(tmp_path: Path) -> None:
    catalog = _catalog(_record("fire-1", "2025-07-14", FIRE, ("Cedar Ridge",)))
    assign(catalog, ["fire-1"])
    catalog.save(tmp_path / "catalog.db")
    again = Catalog.read(tmp_path / "catalog.db")
    assert again.articles["fire-1"].story == catalog.articles["fire-1"].story
    assert again.articles["fire-1"].names == ("Cedar Ridge",)
    assert again.stories == catalog.stories


def test_names_skip_sentence_starts() -> None:
    found = names_in("The fire spread. Residents of Alder County fled as Dana Okafor spoke.")
    assert {"Alder County", "Dana Okafor", "Okafor"} <= found
    assert "The" not in found and "Residents" not in found


def test_record_takes_the_first_real_sentence_after_the_headline() -> None:
    text = "Cedar Ridge Fire grows\nThe Cedar Ridge Fire grew to 12,000 acres on Monday. Crews held the line."
    spans = [(0, 22), (23, 75), (76, 94)]
    record = record_for(
        "f.txt", {"title": "Cedar Ridge Fire grows"}, "id", text, 100, spans, (1.0,), ["fire"]
    )
    assert record.lede == "The Cedar Ridge Fire grew to 12,000 acres on Monday."
    assert (record.lede_start, record.lede_end) == (123, 175)


def _titled(source: str, published: str, title: str, names: tuple[str, ...] = ()) -> ArticleRecord:
    return replace(_record(source, published, FIRE, names), title=title)


def test_a_story_is_labelled_with_its_newest_headline_and_the_label_follows_it() -> None:
    catalog = _catalog(
        _titled("fire-1", "2025-07-14", "Cedar Ridge Fire forces 2,500 from homes"),
        _titled("fire-2", "2025-07-20", "Cedar Ridge Fire 95% contained"),
    )
    assign(catalog, list(catalog.articles))
    assert build_stories(catalog)[0].title == "Cedar Ridge Fire 95% contained"
    assert list(catalog.stories.values()) == ["Cedar Ridge Fire 95% contained"]
    catalog.articles["fire-3"] = _titled("fire-3", "2025-08-08", "Investigators blame power line for fire")
    assign(catalog, ["fire-3"])
    assert build_stories(catalog)[0].title == "Investigators blame power line for fire"
    assert list(catalog.stories.values()) == ["Investigators blame power line for fire"]


def test_a_story_s_topic_is_the_name_most_of_its_headlines_carry() -> None:
    names = ("Cedar Ridge", "Cedar Ridge Fire", "Alder County", "Rosa Delgado")
    records = [
        _titled("fire-1", "2025-07-14", "Cedar Ridge Fire forces 2,500 from homes in Alder County", names),
        _titled("fire-2", "2025-07-15", "Wildfire destroys 120 homes", names),
        _titled("fire-3", "2025-07-20", "Cedar Ridge Fire 95% contained", names),
    ]
    assert topic(records) == "Cedar Ridge Fire"  # in 2 of 3 headlines, and longer than "Cedar Ridge"
    assert topic(records[1:2]) == ""  # no name in the one headline
    strike = ("Harbour City", "Harbour City Transit Authority", "Transit")
    headlines = [
        "Harbour City transit workers vote to strike",
        "Transit strike halts Harbour City buses",
        "Transit authority sues union",
        "Transit workers ratify deal",
    ]
    # "Transit" opens three headlines only because a headline's first word is capitalised.
    assert topic([_titled(f"s{n}", "", t, strike) for n, t in enumerate(headlines)]) == "Harbour City"


def test_the_catalog_relabels_a_story_from_all_its_articles_after_a_removal(tmp_path: Path) -> None:
    catalog = _catalog(
        _titled("fire-1", "2025-07-14", "Fire forces 2,500 from homes"),
        _titled("fire-2", "2025-07-20", "Fire 95% contained"),
        _titled("fire-3", "2025-08-08", "Investigators blame power line for fire"),
    )
    assign(catalog, list(catalog.articles))
    catalog.save(tmp_path / "catalog.db")
    with CatalogWriter(tmp_path / "catalog.db") as writer:
        touched = writer.drop_files(["fire-3"])
        writer.label(writer.newest_titles(touched))
        writer.prune(touched)
        writer.commit()
    assert list(Catalog.read(tmp_path / "catalog.db").stories.values()) == ["Fire 95% contained"]


@pytest.mark.slow
def test_a_sync_relabels_the_story_an_article_joins_or_leaves(tmp_path: Path) -> None:
    from ingest import sync
    from qa.index import open_index

    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("wildfire-01-2025-07-14.txt", "wildfire-02-2025-07-15.txt"):
        shutil.copy(NEWSROOM / name, folder / name)
    index = open_index(settings_for(folder, tmp_path / "index"))
    sync(index=index)
    assert [s.title for s in stories(index=index)] == ["Cedar Ridge Fire destroys 120 homes, 15% contained"]
    shutil.copy(NEWSROOM / "wildfire-06-2025-08-08.txt", folder)
    sync(index=index)
    newest = "Investigators blame Northvale Power line for Cedar Ridge Fire"
    assert [s.title for s in stories(index=index)] == [newest]
    assert list(index.catalog().stories.values()) == [newest]  # what the answers' lines use
    assert stories(index=index)[0].topic == "Cedar Ridge Fire"
    (folder / "wildfire-06-2025-08-08.txt").unlink()
    sync(index=index)
    assert list(index.catalog().stories.values()) == ["Cedar Ridge Fire destroys 120 homes, 15% contained"]


def test_a_shared_name_counts_once_with_its_parts() -> None:
    from collections import Counter

    from qa.stories import link

    parts = ("Harbour City Transit Authority", "Harbour City", "Harbour", "Transit")
    a = _record("a", "2025-03-01", FIRE, parts)
    b = _record("b", "2025-03-02", FIRE, parts)
    assert link(a, b, Counter(), 100, 0.5) == pytest.approx(0.56)
    both = _record("c", "2025-03-02", FIRE, (*parts, "Dana Okafor"))
    assert link(both, a, Counter(), 100, 0.5) == pytest.approx(0.56)
    assert link(both, replace(both, source="d"), Counter(), 100, 0.5) == pytest.approx(0.62)


@pytest.mark.slow
def test_other_events_of_the_same_places_start_stories_and_follow_ups_join(tmp_path: Path) -> None:
    import qa
    from bench.stories import EXTRA, pairwise
    from ingest import sync
    from qa.index import open_index

    folder = tmp_path / "news"
    folder.mkdir()
    for source in (NEWSROOM, EXTRA):
        for path in source.iterdir():
            shutil.copy(path, folder / path.name)
    index = open_index(settings_for(folder, tmp_path / "index"))
    sync(index=index)
    found = stories(index=index)
    precision, recall = pairwise({a.source: s.id for s in found for a in s.articles})
    assert precision >= 0.9 and recall == 1.0  # counting a name by its parts: 0.68 and 1.00
    strike = next(s for s in found if any(a.source.startswith("strike-") for a in s.articles))
    assert {a.source.split("-")[0] for a in strike.articles} == {"strike"}
    assert strike.latest.title == "Panel begins review of bus and tram driver rosters after walkout"
    ferry = next(s for s in found if s.articles[0].source.startswith("ferry-"))
    assert ferry.title == "Harbour City ferry fares to rise 8%" and ferry.count == 1
    latest = qa.answer("What's the latest on the strike?", index=index)
    assert latest.kind == "latest" and latest.citations[0].source.startswith("strike-"), latest.text


def test_a_story_is_named_by_the_words_its_headlines_repeat_when_no_name_is_in_as_many() -> None:
    headlines = [
        "Harbour City transit workers vote to strike from March 3",
        "Transit strike begins, leaving 410,000 daily riders without buses and trams",
        "Transit authority sues union to halt strike",
        "Judge refuses to end transit strike; talks resume with mediator",
        "Tentative deal reached: 6.5% pay rise ends Harbour City transit strike",
        "Transit workers ratify deal; authority drops lawsuit",
    ]
    names = ("Harbour City", "Harbour City Transit Authority", "Transit", "Dana Okafor")
    strike = [_titled(f"s{n}", "", t, names) for n, t in enumerate(headlines)]
    assert topic(strike) == "the transit strike"  # in 3 headlines; "Harbour City" is in 2
    mensah = [
        _titled("f1", "", "Mensah limps off as Ashbury Rovers edge Kingsport United", ("Mensah",)),
        _titled("f2", "", "Scan confirms hamstring tear; Mensah out for about eight weeks", ("Mensah",)),
        _titled("f3", "", "Mensah ahead of schedule after hamstring tear", ("Mensah",)),
    ]
    assert topic(mensah) == "Mensah"  # "hamstring tear" is in 2 headlines, the name in 3
    fires = [_titled(f"w{n}", "", f"Cedar Ridge Fire {t}", ("Cedar Ridge Fire",)) for n, t in enumerate("ab")]
    assert topic(fires) == "Cedar Ridge Fire"  # a name's words are never a phrase
