"""The chat app: rendering rules, and a real server answered through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import qa
from qa.answer import NOT_COVERED
from qa.index import Index
from qa.retrieve import Passage
from qa.settings import Settings
from qa.stories import Story, StoryArticle
from tests.conftest import AppServer, env_for, newsroom_index, run_python, settings_for


def test_render_lists_sources_and_shows_article_text_as_text() -> None:
    import app

    p = Passage(
        text="Line one <script>alert(1)</script> ends.\n- *not a list*",
        source="a/b.txt",
        title="A [title] <img src=x onerror=alert(2)>",
        score=0.9,
        start=100,
        end=156,
        outlet="Daily",
        published="2025-05-02",
        url="javascript:alert(3)",
        quotes=((100, 140),),
    )
    md = app.render(qa.Answer("q", "It said <b>hi</b> [1]", [p], True), "a1")
    body, sources = md.split("**Sources**")
    assert body.startswith("It said \\<b\\>hi\\</b\\> [\\[1\\]](#a1-source-1 ")
    assert "a/b.txt" in body.split("#a1-source-1", 1)[1], "hovering the marker names its source"
    assert "<mark>Line one &lt;script&gt;alert(1)&lt;/script&gt; ends.</mark>" in sources
    assert "&lt;img src=x onerror=alert(2)&gt;" in sources and "<img" not in sources
    assert "<script>" not in md and "javascript:" not in sources
    summary = sources.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert summary.endswith('<span class="newsdesk-meta">· Daily · 2 May 2025</span>'), "no file name"
    assert '<p class="newsdesk-where"><code class="newsdesk-path">a/b.txt</code></p>' in sources
    assert '<details class="newsdesk-source" id="a1-source-1">' in sources


def _passage(source: str, published: str = "", **kw: object) -> Passage:
    fields: dict[str, object] = {
        "text": f"Text of {source}.",
        "source": source,
        "title": f"Title {source}",
        "score": 0.9,
        "start": 0,
        "end": 20,
        "published": published,
    }
    return Passage(**(fields | kw))  # type: ignore[arg-type]


def test_each_answer_links_its_markers_to_its_own_sources() -> None:
    import app

    answer = qa.Answer("q", "One. [1] Two. [2]", [_passage("a.txt"), _passage("b.txt")], True)
    first, third = app.render(answer, "a1-x"), app.render(answer, "a3-y")
    assert "(#a1-x-source-1 " in first and 'id="a1-x-source-1"' in first
    assert "(#a3-y-source-2 " in third and 'id="a3-y-source-2"' in third
    assert "a1-x" not in third, "the third answer never points at the first answer's sources"


def test_copy_text_is_clean_with_numbered_references() -> None:
    import app

    cited = [
        _passage(
            "a.txt", "2025-05-02", title='Rovers "win" <b>cup</b>', outlet="Daily", url="https://x.test/a"
        ),
        _passage("feeds/b.jsonl#2", title="Second"),
    ]
    answer = qa.Answer("q", "Rovers won. [1] Fans cheered. [2]", cited, True)
    assert app.plain_text(answer) == (
        "Rovers won. [1] Fans cheered. [2]\n\nReferences\n"
        '[1] Rovers "win" <b>cup</b>. Daily. 2025-05-02. https://x.test/a\n'
        "[2] Second. feeds/b.jsonl#2"
    )
    md = app.render(answer, "a1")
    hidden = md.split('<div class="newsdesk-plain">', 1)[1].split("</div>", 1)[0]
    assert (
        "\n" not in hidden
        and "&#10;&#10;References&#10;[1] Rovers &quot;win&quot; &lt;b&gt;cup&lt;/b&gt;" in hidden
    )
    assert app.plain_text(qa.Answer("q", NOT_COVERED)) == NOT_COVERED


def test_two_passages_of_one_article_are_one_source_with_an_anchor_for_each() -> None:
    import app

    lede = _passage("fire.txt", "2025-07-15", text="The fire destroyed 120 homes.", start=0, end=29)
    later = _passage("fire.txt", "2025-07-15", text="Crews held the line overnight.", start=900, end=930)
    other = _passage("strike.txt", "2025-03-03")
    answer = qa.Answer(
        "q", "Homes burned. [1] Crews held. [2] Buses stopped. [3]", [lede, later, other], True
    )
    md = app.render(answer, "a1")
    sources = md.split("**Sources**")[1]
    assert sources.count('<details class="newsdesk-source"') == 2, "one entry per article"
    assert "<b>[1, 2] Title fire.txt</b>" in sources and "<b>[3] Title strike.txt</b>" in sources
    entry = sources.split('id="a1-source-1"', 1)[1].split("</details>", 1)[0]
    assert 'id="a1-source-2"' in entry and "Crews held the line" in entry.split('id="a1-source-2"', 1)[1]
    assert "(#a1-source-2 " in md, "[2] still points at its own passage"
    assert app.plain_text(answer).endswith(
        "References\n[1, 2] Title fire.txt. 2025-07-15. fire.txt\n"
        "[3] Title strike.txt. 2025-03-03. strike.txt"
    )
    assert [len(g) for g in app.by_article(answer.citations)] == [2, 1]


def test_overlapping_passages_of_one_article_show_their_shared_text_once() -> None:
    import app

    article = "The fire destroyed 120 homes. Crews held the line. Rain is due on Friday."
    first = _passage("fire.txt", text=article[:50], start=0, end=50, quotes=((0, 29),))
    second = _passage("fire.txt", text=article[30:], start=30, end=len(article), quotes=((30, 50),))
    md = app.render(qa.Answer("q", "Homes burned. [1] Crews held. [2]", [first, second], True), "a1")
    sources = md.split("**Sources**")[1]
    assert sources.count("Crews held the line") == 1, "the shared sentence is shown once"
    assert "<mark>Crews held the line.</mark>" in sources, "[2]'s quote is marked where it is shown"
    assert 'id="a1-source-2"><b>[2]</b> …Rain is due on Friday.' in sources


def test_a_passage_inside_another_of_its_article_is_not_shown_twice() -> None:
    import app

    article = "The fire destroyed 120 homes. Crews held the line. Rain is due on Friday."
    whole = _passage("fire.txt", text=article, start=0, end=len(article), quotes=((51, 73),))
    lede = _passage("fire.txt", text=article[:29], start=0, end=29, quotes=((0, 29),))
    md = app.render(qa.Answer("q", "Homes burned. [1] Rain is due. [2]", [lede, whole], True), "a1")
    sources = md.split("**Sources**")[1]
    assert sources.count("The fire destroyed") == 1, "the lede is shown once, in the whole text"
    assert '<b>[1]</b> <span class="newsdesk-meta">in the text above</span>' in sources
    assert 'id="a1-source-1"' in sources and 'id="a1-source-2"' in sources, "both markers still land"


def test_passages_of_one_article_quoted_later_chunk_first_show_in_the_articles_order() -> None:
    import app

    article = "The fire destroyed 120 homes. Crews held the line. Rain is due on Friday."
    lede = _passage("fire.txt", text=article[:50], start=0, end=50, quotes=((0, 29),))
    later = _passage("fire.txt", text=article[30:], start=30, end=len(article), quotes=((51, 73),))
    md = app.render(qa.Answer("q", "Rain is due. [1] Homes burned. [2]", [later, lede], True), "a1")
    sources = md.split("**Sources**")[1]
    assert sources.index("The fire destroyed") < sources.index("Rain is due"), "the lede first"
    assert sources.count("Crews held the line") == 1, "the shared sentence is shown once"
    assert "<b>[2]</b> <mark>The fire destroyed" in sources and "<b>[1]</b> …<mark>Rain is due" in sources


def _football_story() -> Story:
    headlines = [
        ("f1.txt", "2025-09-14", "Mensah limps off as Ashbury Rovers edge Kingsport United"),
        ("f2.txt", "2025-09-17", "Scan confirms hamstring tear; Mensah out for about eight weeks"),
        ("f3.txt", "2025-11-20", "Mensah signs new Rovers contract until 2029"),
    ]
    return Story(
        "s-1",
        headlines[-1][2],
        "2025-09-14",
        "2025-11-20",
        tuple(StoryArticle(src, t, day, "Daily", "", "") for src, day, t in headlines),
        topic="Mensah",
    )


def test_follow_ups_ask_about_one_article_name_the_story_by_its_topic_and_never_repeat_the_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import app

    story = _football_story()
    monkeypatch.setattr(app, "story_of", lambda source: story)
    cited = [_passage("f1.txt", "2025-09-14", title=story.articles[0].title)]
    fact = app.follow_ups(qa.Answer("Who limped off?", "Mensah limped off. [1]", cited, True, kind="who"))
    assert fact[0] == "What does the article “Mensah signs new Rovers contract until 2029” say?"
    assert "Give me a timeline of Mensah." in fact and "What's the latest on Mensah?" in fact
    assert not any(q.startswith("What happened in") for q in fact), "that asked for the whole story"
    timeline = app.follow_ups(
        qa.Answer("Give me a timeline of Mensah", "Timeline: ... [1]", cited, True, kind="timeline")
    )
    assert not any("timeline" in q for q in timeline), timeline
    summary = app.follow_ups(qa.Answer("Summarize the Mensah story", "... [1]", cited, True, kind="summary"))
    assert not any("timeline" in q for q in summary), "a summary already gives the ledes in date order"
    latest = app.follow_ups(qa.Answer("What's new with Mensah?", "Signed. [1]", cited, True, kind="latest"))
    assert not any("latest" in q for q in latest), latest


def test_a_follow_up_label_cuts_a_long_headline_after_a_whole_word() -> None:
    import app

    # "…will join Ca…” report?" and "…88 seats;…”" read as typing mistakes under an answer.
    for title, label in (
        ("Rovers deny report that injured Mensah will join Castellano in January", "Mensah…”"),
        ("Marsh wins second term as Civic Alliance takes 88 seats; Ibarra demands recount", "Alliance…”"),
    ):
        question = app._article_question(title)
        short = app._short(question)
        assert len(short) <= 72 and short.endswith(f"{label} say?"), short
        assert short.startswith("What does the article “") and " report?" not in short
    assert app._short("What are the main stories?") == "What are the main stories?"


def test_a_refusal_offers_what_the_articles_do_cover(monkeypatch: pytest.MonkeyPatch) -> None:
    import app

    # A refusal had no buttons under it: the reader was left to guess what could be asked.
    story = _football_story()
    monkeypatch.setattr(app, "story_of", lambda source: story)
    monkeypatch.setattr(app, "example_questions", lambda: ["What's the latest on Mensah?", "What's new?"])
    off_topic = app.follow_ups(qa.Answer("What's the capital of France?", NOT_COVERED, kind="fact"))
    assert off_topic == ["What are the main stories?", "What's the latest on Mensah?", "What's new?"]
    closest = qa.Answer(
        "How many goals did he score in 2026?",
        "The articles don't answer this for 2026 (they cover 2025). The closest ... [1]",
        [_passage("f3.txt", "2025-11-20")],
        False,
        kind="how_many",
    )
    assert app.follow_ups(closest) == [
        "What's the latest on Mensah?",
        "What are the main stories?",
        "What's new?",
    ], "the closest passage's story first, asked once"
    monkeypatch.setattr(app, "example_questions", list)
    assert app.follow_ups(qa.Answer("What is it?", NOT_COVERED)) == [], "no articles: nothing to offer"


def test_a_greeting_offers_its_examples_as_follow_ups() -> None:
    import app

    text = "Hello! I'm Newsdesk. For example:\n\n- What are the main stories?\n- What's the latest on Lumora?"
    greeting = qa.Answer("Hello!", text, kind="chat")
    assert app.follow_ups(greeting) == ["What are the main stories?", "What's the latest on Lumora?"]
    assert app.follow_ups(qa.Answer("Thanks!", "You're welcome!", kind="chat")) == []


@pytest.mark.slow
def test_the_suggested_article_question_is_answered_from_that_article(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app

    index = newsroom_index(tmp_path_factory.mktemp("follow-ups"), ("football-",))
    monkeypatch.setattr(app, "_opened", index)
    first = qa.answer("How long will Mensah be out?", index=index)
    asked = next(q for q in app.follow_ups(first) if q.startswith("What does the article “"))
    title = asked.split("“", 1)[1].split("”", 1)[0]
    focused = qa.answer(asked, index=index)
    assert focused.answered and focused.citations[0].title == title
    assert focused.kind not in ("summary", "timeline", "period"), "one article, not the whole story"
    assert len({p.source for p in focused.citations}) <= 2
    topic = qa.stories(index=index)[0].topic
    assert f"What's the latest on {topic}?" in app.follow_ups(first) and topic == "Mensah"


def test_answers_spanning_several_dates_show_the_date_beside_each_group() -> None:
    import app

    cited = [_passage("a.txt", "2025-05-02"), _passage("b.txt", "2025-06-14"), _passage("c.txt")]
    answer = qa.Answer("q", "It began. [1] It went on. [1] Then it ended. [2] Nobody knows. [3]", cited, True)
    body = app.render(answer, "a1").split("**Sources**")[0]
    lines = body.strip().splitlines()
    assert lines[0].startswith("- **2 May 2025**: It began. [") and "It went on." in lines[0]
    assert lines[1].startswith("- **14 June 2025**: Then it ended."), "months in full, as in the answers"
    assert lines[2].startswith("- **Undated**: Nobody knows.")
    one_day = qa.Answer(
        "q", "It began. [1] It ended. [2]", [*cited[:1], _passage("d.txt", "2025-05-02")], True
    )
    assert "**2 May 2025**" not in app.render(one_day, "a1"), "one date needs no dates beside sentences"


def test_a_when_answer_led_by_its_weekday_s_date_gets_no_second_date() -> None:
    import app

    cited = [_passage("a.txt", "2025-03-21"), _passage("b.txt", "2025-03-03")]
    text = (
        "Friday 21 March 2025: A deal was reached on Friday, ending the strike. [1] It began on Monday. [2]"
    )
    body = app.render(qa.Answer("q", text, cited, True, kind="when"), "a1").split("**Sources**")[0]
    assert (
        body.startswith("**Friday 21 March 2025**: A deal was reached") and "- **21 March 2025**" not in body
    )


def test_two_questions_answered_in_one_show_each_under_its_question_in_bold() -> None:
    import app

    cited = [_passage("a.txt", "2025-03-03"), _passage("b.txt", "2025-03-21")]
    text = (
        "When did the strike start?\n\nThe strike began on March 3. [1]\n\n"
        "When did it end?\n\nA deal ended the strike on Friday. [2]"
    )
    body = app.render(qa.Answer("q", text, cited, True, kind="when"), "a1").split("**Sources**")[0]
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == "**When did the strike start?**"
    assert paragraphs[1].startswith("The strike began on March 3. [")
    assert paragraphs[2] == "**When did it end?**"
    assert "**3 March 2025**" not in body, "no dates beside the sentences: each part stands as written"


def test_a_refusal_sets_the_closest_headline_and_its_date_in_bold() -> None:
    import app

    cited = [_passage("a.txt", "2025-07-25", title="Fire 95% contained; all evacuation orders lifted")]
    text = (
        "The articles don't answer this for 2026 (they cover 2025). The closest they come is "
        "Fire 95% contained; all evacuation orders lifted (25 July 2025): The fire burned 16,200 acres. [1]"
    )
    body = app.render(qa.Answer("q", text, cited, False, kind="how_many"), "a1").split("**Sources**")[0]
    assert body.startswith(
        "The articles don't answer this for 2026 (they cover 2025). The closest they come is "
        "**Fire 95% contained; all evacuation orders lifted (25 July 2025)**: The fire burned 16,200 acres."
    ), body


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        (
            "As of 8 August 2025: 340 homes were destroyed. [1]\n\nEarlier, on 15 July 2025: 120 homes. [2]",
            "**As of 8 August 2025**: 340 homes",
        ),
        # an answer of what was first offered: "12 March 2025: At first, on 12 March 2025: ..." in Chromium
        (
            "At first, on 8 August 2025: an offer of 4%. [1]\n\nLater, on 15 July 2025: 6.5%. [2]",
            "**At first, on 8 August 2025**: an offer",
        ),
    ],
)
def test_an_answer_that_dates_its_own_figures_gets_no_second_date(text: str, opens: str) -> None:
    import app

    cited = [_passage("a.txt", "2025-08-08"), _passage("b.txt", "2025-07-15")]
    body = app.render(qa.Answer("q", text, cited, True, kind="how_many"), "a1").split("**Sources**")[0]
    assert "8 Aug 2025" not in body and body.startswith(opens), body


def test_the_frames_of_a_story_answer_are_bold_and_its_quotes_are_not() -> None:
    import app

    cited = [_passage("a.txt", "2025-03-03"), _passage("b.txt", "2025-03-21")]
    text = (
        "Timeline of the *strike* (3 March 2025 to 21 March 2025):\n\n"
        "3 March 2025: Buses stood still on Monday. [1]\n\n"
        "Strike ends · 21 March 2025: A deal was reached on Friday. [2]\n\n"
        "U.S. talks stall (2 articles): Talks stalled. [2]"
    )
    body = app.render(qa.Answer("q", text, cited, True, kind="timeline"), "a1").split("**Sources**")[0]
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == "**Timeline of the \\*strike\\* (3 March 2025 to 21 March 2025)**:"
    assert paragraphs[1].startswith("**3 March 2025**: Buses stood still on Monday. [\\[1\\]](#a1-source-1 ")
    assert paragraphs[2].startswith("**Strike ends · 21 March 2025**: A deal was reached")
    assert paragraphs[3].startswith("**U.S. talks stall (2 articles)**: Talks stalled."), "undated"
    shown = app.render(qa.Answer("q", text, cited, True, kind="timeline"))
    history = [{"role": "assistant", "content": shown}]
    assert app._qa_history(history)[0]["content"] == text.replace("\\", ""), "the bold is not history"


def test_a_label_repeated_by_the_next_paragraph_is_shown_once() -> None:
    import app

    # "How does the final deal compare with what the union asked for?" gave two sides behind
    # the same "Harbour City Ledger, 21 March 2025:", one article's two passages.
    cited = [
        _passage("a.txt", "2025-03-21"),
        _passage("a.txt", "2025-03-21"),
        _passage("b.txt", "2025-03-28"),
    ]
    text = (
        "Side by side (the articles give different figures):\n\n"
        "Ledger, 21 March 2025: The deal falls between 9% and 4%. [1]\n\n"
        'Ledger, 21 March 2025: "Not everything we asked for," she said. [2]\n\n'
        "Ledger, 28 March 2025: Workers voted to accept the deal. [3]"
    )
    body = app.render(qa.Answer("q", text, cited, True, kind="compare"), "a1").split("**Sources**")[0]
    paragraphs = body.strip().split("\n\n")
    assert len(paragraphs) == 3 and body.count("**Ledger, 21 March 2025**") == 1, paragraphs
    assert paragraphs[1].startswith("**Ledger, 21 March 2025**: The deal falls between 9% and 4%. [")
    assert '[\\[1\\]](#a1-source-1 "Title a.txt · a.txt") "Not everything we asked for," she' in paragraphs[1]
    assert paragraphs[2].startswith("**Ledger, 28 March 2025**: Workers voted")


def test_a_refusal_or_a_quote_with_a_colon_gets_no_bold() -> None:
    import app

    cited = [_passage("a.txt", "2025-08-08")]
    refusal = (
        "The articles don't answer this (they give no figure for homes). The closest they come is "
        "Fire report (8 August 2025): The fire burned 16,200 acres. [1]"
    )
    said = "He said in 2024: prices would fall. [1]"
    for text in (refusal, "Officials said: the fire is out. [1]"):
        body = app.render(qa.Answer("q", text, cited, True, kind="fact"), "a1").split("**Sources**")[0]
        assert "**" not in body, text
    quoted = app.render(qa.Answer("q", said, cited, True, kind="fact"), "a1")
    assert quoted.startswith("**He said in 2024**: prices"), "a label ending in a year is a frame"


def test_a_chat_is_named_by_its_first_answered_question_not_its_greeting() -> None:
    import app

    answered = app.render(qa.Answer("q", "It burned. [1]", [_passage("a.txt")], True), "a1")
    messages = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "Hello! I'm Newsdesk."},
        {"role": "user", "content": "How big is the fire?"},
        {"role": "assistant", "content": answered},
    ]
    _, saved, _ = app.save_chat("", messages, [])
    assert saved[0]["title"] == "How big is the fire?"
    _, saved, _ = app.save_chat("", messages[:2], [])
    assert saved[0]["title"] == "hi", "nothing answered yet: the first question"


def test_a_greeting_shows_its_example_questions_as_a_list() -> None:
    import app

    text = "Hello! I'm Newsdesk. For example:\n\n- What are the main stories?\n- What's *new*?"
    md = app.render(qa.Answer("Hi", text, kind="chat"))
    assert "\n- What are the main stories?" in md and "\\-" not in md
    assert "\\*new\\*" in md, "article-derived text in an example is still escaped"


def test_bad_dates_are_named_in_words_not_raised() -> None:
    import app

    filters = app.ChatFilters.of(None, "2025-13-40", "2024-01-01")
    assert [field for field, _ in filters.errors] == ["from"]
    assert "YYYY-MM-DD" in filters.errors[0][1] and "published_after" not in filters.errors[0][1]
    assert filters.published_after == "" and filters.published_before == "2024-01-01"
    swapped = app.ChatFilters.of(None, "2025-06-01", "2025-01-01")
    assert swapped.errors and "before" in swapped.errors[0][1]
    assert not app.ChatFilters.of(None, "", "")


def test_a_refusal_under_a_filter_says_the_filter_may_be_why() -> None:
    import app

    filters = app.ChatFilters.of(["a.txt"], "2030-01-01", "")
    note = app._filter_note(filters, {"a.txt": "Rovers win"})
    assert "“Rovers win”" in note and "1 Jan 2030" in note and "filter may be why" in note
    assert "without a date" in note
    assert "without a date" not in app._filter_note(app.ChatFilters.of(None, "2030-01-01", "", True), {})
    dated = app._filter_note(app.ChatFilters.of(None, "2025-09-01", ""), {})
    assert dated.startswith("Only articles published from 1 Sep 2025 were searched, so the filter"), dated
    both = app._filter_note(app.ChatFilters.of(["a.txt", "b.txt"], "2025-09-01", "2025-09-30"), {})
    assert both.startswith(
        "Only the 2 chosen articles published from 1 Sep 2025 until 30 Sep 2025 were searched"
    ), both
    one = app._filter_note(app.ChatFilters.of(["a.txt"], "", ""), {"a.txt": "Rovers win"})
    assert one.startswith("Only the article “Rovers win” was searched"), one


def test_status_speaks_plainly_with_correct_plurals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app
    from ingest.manifest import Entry, Manifest

    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    with Manifest.load(tmp_path / "data" / "manifest.db") as manifest:
        manifest.articles["a.txt"] = Entry("h", ("id1", "id2"), "A")
        manifest.commit()
    line = app.status()
    assert "1 article to ask about" in line and "updated just now" in line
    assert "embedder" not in line.split('">', 1)[1] and "answerer" not in line
    assert 'title="2 passages in 1 file;' in line, "the details are on hover"


def test_an_empty_index_says_to_add_articles_where_the_reader_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app

    for key, value in env_for(tmp_path / "articles", tmp_path / "data").items():
        monkeypatch.setenv(key, value)
    (tmp_path / "articles").mkdir(exist_ok=True)
    *_, reply = app.respond("What's the latest?", [])
    assert reply == "⚠️ No articles to ask about yet: add some under **Articles**.", "not `python -m ingest`"
    rows, note = app.library_view(None)  # type: ignore[arg-type]  # the search box's value on load
    assert rows == [] and note.visible and note.value == app.NO_ARTICLES


def test_a_library_search_that_matches_nothing_says_so(
    fake_seeded: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app

    monkeypatch.setattr(app, "_opened", fake_seeded)
    rows, note = app.library_view("Ukraine")
    assert rows and not note.visible
    rows, note = app.library_view("  zebra* ")
    assert rows == [] and note.visible and note.value.startswith("No article matches “zebra\\*”")


def test_empty_question_posts_nothing() -> None:
    import gradio as gr

    import app

    result = app.accept_question("   ", [], None, "", "")
    assert result[1] is gr.skip() or isinstance(result[1], type(gr.skip()))
    assert result[2] == ""
    asked = app.accept_question("Who won?", [], None, "", "")
    assert asked[1] == [{"role": "user", "content": "Who won?"}] and asked[2] == "Who won?"
    bad_date = app.accept_question("Who won?", [], None, "13/40/2025", "")
    assert bad_date[2] == "" and "YYYY-MM-DD" in bad_date[5].value


def test_an_empty_question_leaves_the_conversation_and_its_saved_copy_alone() -> None:
    import gradio as gr

    import app

    chat = [{"role": "user", "content": "Who won?"}, {"role": "assistant", "content": "Rovers. [1]"}]
    # Step 1 refused the question (nothing pending): step 2 must not hand Gradio an empty chat.
    steps = list(app.reply("", chat, None, 5, None, "", "", False))
    assert len(steps) == 1 and isinstance(steps[0], type(gr.skip()))
    chat_id, saved, _ = app.save_chat("", chat, [])
    # Were the chat emptied anyway, saving it deletes nothing: only the bin icon does.
    same_id, kept, _ = app.save_chat(chat_id, [], saved)
    assert same_id == chat_id and kept == saved and kept[0]["messages"] == chat


def test_history_for_the_answerer_holds_text_without_sources() -> None:
    import app

    answer = qa.Answer("q", "Nebenzia said so. [1]", [_passage("a.txt")], True)
    history = [
        {"role": "user", "content": [{"type": "text", "text": app.escape_markdown("Who is *he*?")}]},
        {"role": "assistant", "content": [{"type": "text", "text": app.render(answer, "a1")}]},
    ]
    assert app._qa_history(history) == [
        {"role": "user", "content": "Who is *he*?"},
        {"role": "assistant", "content": "Nebenzia said so. [1]"},
    ]


def test_conversations_are_saved_newest_first_and_restored() -> None:
    import app

    chat_id, saved, _ = app.save_chat("", [{"role": "user", "content": "First?"}], [])
    other, saved, _ = app.save_chat("", [{"role": "user", "content": "Second?"}], saved)
    assert [c["title"] for c in saved] == ["Second?", "First?"] and chat_id != other
    chat_id2, saved, _ = app.save_chat(chat_id, [{"role": "user", "content": "First?"}] * 2, saved)
    assert chat_id2 == chat_id and saved[0]["id"] == chat_id and len(saved) == 2
    restored_id, messages, _ = app.restore_chats(saved)
    assert restored_id == chat_id and len(messages) == 2
    assert app.open_chat(other, saved)[1] == [{"role": "user", "content": "Second?"}]
    for n in range(app.MAX_CHATS + 5):
        _, saved, _ = app.save_chat("", [{"role": "user", "content": f"Q{n}?"}], saved)
    assert len(saved) == app.MAX_CHATS and saved[0]["title"] == f"Q{app.MAX_CHATS + 4}?"


def test_a_story_goes_by_one_name_in_the_library() -> None:
    """The Story column named a story by its topic while the story picker and the timeline's
    heading gave its newest headline: one story, two names on one screen."""
    from types import SimpleNamespace

    import app

    named = SimpleNamespace(title="Port Ellen counts the cost", topic="the harbour festival", count=3)
    assert app._story_label(named) == "The harbour festival"
    assert app._story_label(SimpleNamespace(title="One-off", topic="the comet", count=1)) == "One-off"


def test_timeline_places_headlines_by_date() -> None:
    from types import SimpleNamespace

    import app

    def article(title: str, day: str) -> SimpleNamespace:
        return SimpleNamespace(title=title, published=day, outlet="Gazette", source=title)

    story = SimpleNamespace(
        title="Harbour <festival>",
        articles=(
            article("Opens", "2025-06-01"),
            article("Crowds <b>", "2025-06-14"),
            article("Clean-up", "2025-06-20"),
        ),
    )
    svg = app.timeline_svg(story)
    assert svg.startswith("<svg") and 'aria-label="Timeline of Harbour &lt;festival&gt;"' in svg
    assert "Crowds &lt;b&gt;" in svg and "<b>" not in svg
    ys = [float(svg.split(f">{t}<", 1)[0].rsplit('y="', 1)[1].split('"')[0]) for t in ("Opens", "Clean-up")]
    assert ys[0] < ys[1], "older articles above newer ones"
    assert "1 Jun 2025" in svg and "20 Jun 2025" in svg
    listed = app.timeline_list(story)  # what a phone shows instead
    assert listed.index("Opens") < listed.index("Crowds &lt;b&gt;") < listed.index("Clean-up")
    assert "<time>20 Jun 2025</time>" in listed and "<b>" not in listed


def test_removal_refuses_paths_outside_the_articles_folder(tmp_path: Path) -> None:
    import app

    outside = tmp_path / "keep.txt"
    outside.write_text("mine")
    message = app.remove_article("../keep.txt")[2]
    assert "nothing was deleted" in message and outside.exists()


def test_draft_renders_as_text_in_progress() -> None:
    import app

    assert app.render(qa.Answer("q", "Half an answ", final=False)) == "Half an answ …"


def test_refusal_renders_without_sources() -> None:
    import app

    md = app.render(qa.Answer("q", NOT_COVERED, [], False))
    assert "Sources" not in md and "don't cover" in md


def test_demo_is_importable_and_not_launched() -> None:
    import app

    assert app.demo is not None
    assert not getattr(app.demo, "is_running", False)


@pytest.fixture
def server(use_seeded: Settings) -> Iterator[str]:
    with AppServer(use_seeded) as url:
        yield url


@pytest.mark.slow
def test_app_answers_through_gradio_client(server: str) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False)
    reply = client.predict(message="Who is Russia's ambassador to the UN?", api_name="/chat")
    assert "Vassily Nebenzia" in reply and "[1]" in reply
    assert "**Sources**" in reply and "004_6f422090716b2c3d.txt" in reply
    refusal = client.predict(message="How do I bake sourdough bread?", api_name="/chat")
    assert "don't cover" in refusal and "Sources" not in refusal


@pytest.mark.slow
def test_app_binds_loopback_only(server: str) -> None:
    port = int(server.rsplit(":", 1)[1].strip("/"))
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for row in f.read().splitlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    listening.add(address)
    assert listening == {"0100007F"}, "listens on 127.0.0.1 and nowhere else"


@pytest.mark.slow
def test_retrieval_api_through_gradio_client(server: str) -> None:
    from gradio_client import Client

    passages = Client(server, verbose=False).predict(
        question="Who did Trump send to Moscow?", k=3, api_name="/retrieve"
    )
    assert len(passages) == 3
    assert any(p["source"] == "004_6f422090716b2c3d.txt" and "Witkoff" in p["text"] for p in passages)
    assert [p["score"] for p in passages] == sorted((p["score"] for p in passages), reverse=True)
    assert {"title", "score", "start", "end"} <= set(passages[0])


@pytest.mark.slow
def test_login_is_required_when_configured(use_seeded: Settings) -> None:
    from gradio_client import Client

    question = "Who is Russia's ambassador to the UN?"
    with AppServer(use_seeded, NEWSDESK_AUTH="editor:s3cret") as url:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a generic error on 401
            Client(url, verbose=False).predict(message=question, api_name="/chat")
        reply = Client(url, auth=("editor", "s3cret"), verbose=False).predict(
            message=question, api_name="/chat"
        )
        assert "Vassily Nebenzia" in reply


def test_bad_auth_setting_names_the_variable(tmp_path: Path) -> None:
    from qa.errors import ConfigError

    with pytest.raises(ConfigError, match="NEWSDESK_AUTH"):
        Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(tmp_path), "NEWSDESK_AUTH": "nopassword"})


@pytest.mark.slow
def test_unreachable_llm_server_gets_a_friendly_reply(
    use_seeded: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app
    from tests.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/v1"
    for key, value in {
        "NEWSDESK_LLM": "openai",
        "NEWSDESK_LLM_BASE_URL": url,
        "NEWSDESK_LLM_MODEL": "m",
    }.items():
        monkeypatch.setenv(key, value)
    replies = list(
        app.respond("Who is Russia's ambassador to the UN?", [], "LLM (configured model, verified)")
    )
    assert replies[-1].startswith("⚠️ The language model server at " + url + " is not reachable")
    extractive = list(
        app.respond("Who is Russia's ambassador to the UN?", [], "Extractive (quotes the articles)")
    )
    assert "Vassily Nebenzia" in extractive[-1]


def test_only_the_intended_endpoints_are_public() -> None:
    import app

    named = set(app.demo.get_api_info()["named_endpoints"])
    assert named == {"/add_articles", "/chat", "/resync", "/retrieve", "/status", "/sync"}, (
        "the page's own steps (saving chats, removing articles) are not callable from outside"
    )


def test_a_corrected_question_says_what_was_searched() -> None:
    import app

    answer = qa.Answer(
        "Who is Nebenzya?", "Nebenzia spoke. [1]", [_passage("a.txt")], True, corrected="Who is Nebenzia?"
    )
    md = app.render(answer, "a1")
    assert md.startswith("*Showing results for “Who is Nebenzia?”*\n\n")
    history = [{"role": "assistant", "content": md}]
    assert app._qa_history(history) == [{"role": "assistant", "content": "Nebenzia spoke. [1]"}]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def throttle(capacity: int = 4096) -> tuple[Any, Clock, list[str]]:
    """A ``LoginThrottle`` of editor:secret on a fake clock, with the address taken from a list."""
    import app

    clock, address = Clock(), ["203.0.113.1"]
    login = app.LoginThrottle("editor:secret", clock=clock, address=lambda: address[0], capacity=capacity)
    return login, clock, address


def test_a_guessing_address_is_backed_off_and_another_still_logs_in() -> None:
    login, clock, address = throttle()
    assert [login("editor", "guess") for _ in range(3)] == [False, False, False]
    assert login("editor", "secret") is False, "right after three failures even the right password waits"
    address[0] = "198.51.100.7"
    assert login("editor", "secret") is True, "the real user at another address is not locked out"
    address[0] = "203.0.113.1"
    clock.now += 1.0
    assert login("editor", "secret") is True, "after the wait the right password works"


@pytest.mark.parametrize(("failures", "wait"), [(3, 1.0), (4, 2.0), (6, 8.0), (9, 60.0), (20, 60.0)])
def test_the_wait_doubles_up_to_a_minute(failures: int, wait: float) -> None:
    login, clock, _ = throttle()
    for _ in range(failures):
        clock.now += 61  # past any wait: each guess is looked at, and counts
        assert login("editor", "guess") is False
    failed = clock.now
    clock.now = failed + wait - 0.01
    assert login("editor", "secret") is False
    clock.now = failed + wait
    assert login("editor", "secret") is True
    assert [login("editor", "guess") for _ in range(3)][:2] == [False, False]
    clock.now += 1.0
    assert login("editor", "secret") is True, "the success reset the count: the wait is 1 s again"


def test_failures_count_per_user_name_too() -> None:
    login, _, _ = throttle()
    assert [login("mallory", "guess") for _ in range(5)] == [False] * 5
    assert login("editor", "secret") is True, "guesses at another name do not block this one"


def test_an_ipv6_host_counts_by_its_64() -> None:
    login, _, address = throttle()
    for n in range(3):
        address[0] = f"2001:db8:1:2::{n + 1}"
        assert login("editor", "guess") is False
    address[0] = "2001:db8:1:2::99"
    assert login("editor", "secret") is False, "a new address in the same /64 waits too"
    address[0] = "2001:db8:1:3::1"
    assert login("editor", "secret") is True


def test_addresses_cycled_by_the_thousand_hold_bounded_memory() -> None:
    login, clock, address = throttle(capacity=64)
    for n in range(5000):
        address[0] = f"10.{n // 65536}.{n // 256 % 256}.{n % 256}"
        for _ in range(3):
            login("editor", "guess")
    assert len(login._failures) <= 65
    address[0] = "192.0.2.200"  # every kept pair waits: a new address shares the overflow counter
    assert login("editor", "secret") is False
    clock.now += 61
    assert login("editor", "secret") is True, "once the waits are over, a new address has a pair of its own"


def test_building_the_page_opens_no_store(fake_seeded: Index) -> None:
    """The page's status line and article list come from the catalog, not from a read of every
    article's first chunk in Chroma (which is first opened by the warm-up)."""
    settings = fake_seeded.settings
    code = (
        "import sys, app; html = app.status(); "
        "print('chromadb' in sys.modules, '2 articles to ask about' in html, len(app.articles()))"
    )
    out = run_python(code, env_for(settings.articles_dir, settings.data_dir))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("False True 2"), out.stdout


def test_a_first_start_says_what_it_does_with_the_folder(tmp_path: Path) -> None:
    import app

    (tmp_path / "a.txt").write_text("Title: A\n\nOne.\n")
    (tmp_path / "b.md").write_text("Title: B\n\nTwo.\n")
    (tmp_path / ".hidden.txt").write_text("no")
    first = app.FirstIndexing()
    assert first.count(settings_for(tmp_path, tmp_path / "data")) == 2
    assert first.line() == (
        f"2 articles in {tmp_path}, not indexed yet: Re-sync the articles folder under Articles."
    )
    first.running = True
    assert first.line().startswith(f"Indexing the 2 articles in {tmp_path}… Questions can be asked")
    first.running, first.error = False, "The data folder is read-only."
    assert first.line().startswith("⚠️ Indexing the 2 articles in") and "Re-sync" in first.line()
