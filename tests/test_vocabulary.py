"""The catalog's vocabulary table: kept by every sync, migrated into an older catalog, read by questions.

Real Chroma and the real sync in ``tmp_path`` with the fake embedder: what is tested is the
bookkeeping (each word's count of articles) and that spelling corrects against the table.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import sync
from qa.catalog import Catalog, CatalogWriter, load_catalog, read_vocabulary
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.question import speller_for, understand
from qa.spelling import Speller
from qa.store import catalog_path
from tests.conftest import settings_for

catalog_module = importlib.import_module("qa.catalog")

FIRE = """Cedar Ridge Fire destroys homes

The Cedar Ridge Fire burned 340 homes near Northvale on Friday, officials said. Crews from three
counties fought the blaze through the night. Residents were told to leave before the wind turned.
"""
RECALL = """Lumora recalls heaters

Lumora said it would recall 480,000 space heaters in May after reports of overheating. The company
apologised to its customers. Regulators said they were reviewing the zanzibarite coating.
"""
RATES = """Central bank holds rates

The central bank held its main rate at 3.5 percent on Thursday, said Governor Ilse Varga. Markets had
expected a cut. The governor said inflation was still too high.
"""


def recounted(path: Path) -> Counter[str]:
    """The vocabulary counted afresh from each article's words, as the table should hold it."""
    counts: Counter[str] = Counter()
    for record in Catalog.read(path).articles.values():
        counts.update(record.words)
    return counts


@pytest.fixture
def index(tmp_path: Path) -> Index:
    folder = tmp_path / "articles"
    (folder / "fire.txt").write_text(FIRE)
    (folder / "recall.txt").write_text(RECALL)
    (folder / "rates.txt").write_text(RATES)
    index = open_index(settings_for(folder, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=index)
    return index


def test_the_vocabulary_follows_added_changed_and_removed_articles(index: Index) -> None:
    path = catalog_path(index.settings)
    folder = index.settings.articles_dir
    vocabulary = read_vocabulary(path)
    assert vocabulary == recounted(path) and vocabulary["said"] == 3 and vocabulary["homes"] == 1
    assert vocabulary["zanzibarite"] == 1

    (folder / "fire2.txt").write_text(FIRE.replace("340 homes", "352 homes and a school"))
    sync(index=index)
    vocabulary = read_vocabulary(path)
    assert vocabulary == recounted(path), "added"
    assert (vocabulary["homes"], vocabulary["school"], vocabulary["said"]) == (2, 1, 4)

    (folder / "recall.txt").write_text(RECALL.replace("zanzibarite", "ceramic"))
    sync(index=index)
    vocabulary = read_vocabulary(path)
    assert vocabulary == recounted(path), "changed"
    assert "zanzibarite" not in vocabulary and vocabulary["ceramic"] == 1 and vocabulary["lumora"] == 1

    (folder / "fire2.txt").unlink()
    (folder / "rates.txt").unlink()
    sync(index=index)
    vocabulary = read_vocabulary(path)
    assert vocabulary == recounted(path), "removed"
    assert "school" not in vocabulary and "governor" not in vocabulary and vocabulary["homes"] == 1
    assert min(vocabulary.values()) >= 1, "no word is kept at zero"


def test_a_catalog_written_before_the_table_is_counted_on_open(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = catalog_path(index.settings)
    expected = read_vocabulary(path)
    monkeypatch.setattr(catalog_module, "_READERS", {})  # a new process: no connection open yet
    monkeypatch.setattr(catalog_module, "_LOADED", {})
    conn = sqlite3.connect(path)  # as the previous version left it: no table, no mark
    conn.execute("DROP TABLE vocabulary")
    conn.execute("DELETE FROM meta WHERE key = 'vocabulary'")
    conn.commit()
    conn.close()
    catalog = load_catalog(path)  # a question's first read migrates it
    assert catalog.vocabulary() == expected == recounted(path)
    (index.settings.articles_dir / "rates.txt").unlink()
    sync(index=index)
    assert read_vocabulary(path) == recounted(path) and "governor" not in read_vocabulary(path)


def test_a_replaced_record_gives_back_its_words(tmp_path: Path, index: Index) -> None:
    path = tmp_path / "copy.db"
    catalog = Catalog.read(catalog_path(index.settings))
    catalog.save(path)
    assert read_vocabulary(path) == recounted(path)
    changed = replace(catalog.articles["recall.txt"], words=("lumora", "ceramic"))
    with CatalogWriter(path) as writer:
        writer.add([changed, changed])  # over the stored record, twice in one batch
        writer.commit()
    vocabulary = read_vocabulary(path)
    assert vocabulary == recounted(path) and "zanzibarite" not in vocabulary and vocabulary["ceramic"] == 1


def test_questions_hold_no_words_and_spelling_corrects_against_the_table(index: Index) -> None:
    catalog = index.catalog()
    assert catalog.articles and all(r.words == () for r in catalog.articles.values())
    assert catalog.words_of(["fire.txt"]) >= {"cedar", "homes", "burned"}
    assert "governor" not in catalog.words_of(["fire.txt", "recall.txt"])
    speller = speller_for(catalog)
    assert speller is not None and "zanzibarite" in speller.known
    assert understand("hw many homs burned", catalog=catalog).standalone == "how many homes burned?"
    assert understand("who is the govenor of the centrel bank", catalog=catalog).standalone == (
        "who is the governor of the central bank?"
    )
    # and the articles' names are written as the articles write them
    assert understand("how mny heaters did lumora recal", catalog=catalog).standalone == (
        "how many heaters did Lumora recall?"
    )
    # a question typed in capitals reads as one in lower case, with no correction shown for it
    shouted = understand("HOW MANY HEATERS DID LUMORA RECALL", catalog=catalog)
    assert shouted.standalone == "how many heaters did Lumora recall?" and shouted.corrected == ""
    assert understand("Did the ECB and the IMF comment?", catalog=catalog).standalone.startswith(
        "Did the ECB"
    )


def test_a_dropped_letter_is_put_back_before_a_letter_is_changed() -> None:
    # "may" is as close to "mny" as "many", and the recall's articles say "May" (a month).
    speller = Speller({"many": 2, "may": 9, "heaters": 2, "lumora": 4, "recall": 4, "homes": 1, "home": 9})
    assert speller.correct("how mny heaters did lumora recal").text == "how many heaters did lumora recall"
    assert speller.correct("hw many homs burned").text == "how many homes burned"
