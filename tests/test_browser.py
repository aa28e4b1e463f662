"""The chat in a real browser: Debian's Chromium driven by Playwright against the app on 127.0.0.1.

Skipped, with the reason, when no Chromium is installed (``.ci/run`` installs it). Screenshots
of the answered page, the library, a story timeline and the phone view are saved to
``test-artifacts/``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest import sync
from tests.conftest import ROOT, SEEDS, AppServer, settings_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: apt-get install chromium (.ci/run does)"),
]
ARTIFACTS = ROOT / "test-artifacts"
BOT = "[data-testid='bot']"

XSS = """Title: Harbour festival draws record crowds <script>window.__xss = 1</script>
Source: Coastal Gazette
Published: 2025-06-14

The harbour festival in Port Ellen drew a record crowd of 12,000 visitors on Saturday <script>window.__xss = 1</script>.
Organisers said the fireworks <img src=x onerror="window.__xss = 2"> were the largest ever staged on the island.
Tickets sold out in two hours, according to [the organisers](javascript:window.__xss=3) and **local** officials.
"""
# A follow-up of the festival story (its lede recalls the festival's crowd): with the story link
# threshold at 0.63 (docs/benchmarks.md, "Grouping into stories") a lede about the bill alone
# linked at about 0.60 and made a story of its own, with no timeline to draw.
CLEAN_UP = """Title: Port Ellen counts the cost of its harbour festival clean-up
Source: Island Herald
Published: 2025-06-20

The clean-up after Port Ellen's record harbour festival, which drew 12,000 visitors, cost the council 48,000 pounds, officials said on Friday.
Volunteers collected four tonnes of litter from the harbour front in the days after the festival.
The council said next year's harbour festival will charge a small fee to cover the clean-up.
"""
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _folder(base: Path) -> Path:
    shutil.copytree(SEEDS, base / "articles")
    (base / "articles" / "harbour.md").write_text(XSS)
    (base / "articles" / "cleanup.md").write_text(CLEAN_UP)
    return base / "articles"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    settings = settings_for(_folder(base), base / "data")
    sync(settings)
    with AppServer(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, url: str, **options: Any) -> Any:
    context = browser.new_context(**({"viewport": {"width": 1280, "height": 1000}} | options))
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("#question textarea")
    page.wait_for_function("document.querySelector('#status')?.innerText.includes('article')")
    return page


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    page = _open(browser, app_url)
    yield page
    page.context.close()


def ask(page: Any, question: str) -> Any:
    """Type a question, send it, and return the latest bot message once it is final."""
    before = page.locator(BOT).count()
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    return _answer(page, before)


def _answer(page: Any, before: int) -> Any:
    message = page.locator(BOT).nth(before)
    message.wait_for(timeout=60_000)
    page.wait_for_function(
        "n => { const m = document.querySelectorAll(\"[data-testid='bot']\")[n];"
        " return m && !m.innerText.trim().endsWith('…') && m.innerText.trim().length > 0; }",
        arg=before,
        timeout=60_000,
    )
    page.wait_for_timeout(500)
    return message


def _contrast(page: Any, selector: str) -> float:
    """WCAG contrast ratio of the element's text colour on its background, from computed styles.

    The background is the element's own, else that of the nearest ancestor that has one.
    """
    return float(
        page.evaluate(
            """sel => {
                const el = document.querySelector(sel);
                const style = getComputedStyle(el);
                let under = el, background = "rgb(255, 255, 255)";
                for (; under; under = under.parentElement) {
                    const c = getComputedStyle(under).backgroundColor;
                    if (c !== "transparent" && !c.endsWith(", 0)")) { background = c; break; }
                }
                const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
                const lum = ([r, g, b]) => {
                    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
                };
                const a = lum(rgb(style.color)), b = lum(rgb(background));
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }""",
            selector,
        )
    )


def _screenshot(page: Any, name: str, **kwargs: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), **kwargs)


# --- first load ------------------------------------------------------------------------------


def test_first_load_shows_examples_from_the_index_and_a_plain_status(page: Any) -> None:
    page.locator("#chat button.example").first.wait_for(timeout=20_000)
    examples = page.locator("#chat button.example").all_inner_texts()
    assert any("harbour festival" in e.lower() for e in examples), examples
    status = page.locator("#status .newsdesk-status")
    text = status.inner_text()
    assert "4 articles" in text and "embedder" not in text and "answerer" not in text
    assert "all-MiniLM-L6-v2" in (status.get_attribute("title") or ""), "details on hover"


def test_clicking_an_example_asks_it(page: Any) -> None:
    example = page.locator("#chat button.example").filter(has_text="Port Ellen").first
    example.click()
    message = _answer(page, 0)
    assert "don't cover" not in message.inner_text()
    assert page.locator("[data-testid='user']").first.inner_text().startswith("What")


def test_footer_shows_no_developer_links(page: Any) -> None:
    footer = " ".join(page.locator("footer").all_inner_texts())
    assert "API" not in footer and "Gradio" not in footer


def test_page_opens_at_its_top_and_names_one_settings(page: Any) -> None:
    # Gradio's footer "Settings" (language, theme) stood under the chat's own Settings panel.
    assert page.get_by_text("Settings", exact=True).count() == 1
    # Gradio's autofocus scrolled the page 111 to 205 px down at 1280x800, the title cut off.
    page.wait_for_function("document.activeElement === document.querySelector('#question textarea')")
    assert page.evaluate("scrollY") == 0
    assert page.locator("h1", has_text="Newsdesk").bounding_box()["y"] >= 0


def test_status_line_refreshes_while_the_page_is_open(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A sync made elsewhere (here the command line's) reaches an open page at the status line's
    # next tick, a minute on, as "updated 3 minutes ago" does; the page's clock is run forward.
    base = tmp_path_factory.mktemp("status")
    shutil.copytree(SEEDS, base / "articles")
    settings = settings_for(base / "articles", base / "data")
    sync(settings)
    server = AppServer(settings)
    with server as url:
        server.wait_owner(settings)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.clock.install()
            page.goto(url)
            page.wait_for_selector("#question textarea")
            status = page.locator("#status")
            page.wait_for_function("document.querySelector('#status')?.innerText.includes('article')")
            assert "2 articles" in status.inner_text()
            (base / "articles" / "cleanup.md").write_text(CLEAN_UP)
            sync(settings)
            page.wait_for_timeout(1_000)
            assert "2 articles" in status.inner_text(), "nothing reloaded the page"
            page.clock.run_for(61_000)
            for _ in range(50):
                if "3 articles" in status.inner_text():
                    break
                time.sleep(0.2)
            assert "3 articles" in status.inner_text()
        finally:
            context.close()


# --- answers and their sources ---------------------------------------------------------------


def test_answer_with_citations_and_highlighted_source(page: Any) -> None:
    message = ask(page, "Who is Russia's ambassador to the UN?")
    assert "Vassily Nebenzia" in message.inner_text()
    marker = message.locator("a[href*='-source-1']")
    assert marker.inner_text() == "[1]"
    assert "004_6f422090716b2c3d.txt" in (marker.get_attribute("title") or ""), "hovering [1] names it"
    source = message.locator("details.newsdesk-source").first
    assert not source.evaluate("d => d.open")
    source.locator("summary").click()
    assert source.evaluate("d => d.open")
    highlighted = source.locator("mark").first
    assert highlighted.is_visible() and "Nebenzia" in highlighted.inner_text()
    _screenshot(page, "answered.png", full_page=True)


def test_marker_in_the_third_answer_opens_the_third_answers_source(page: Any) -> None:
    first = ask(page, "Who is Russia's ambassador to the UN?")
    ask(page, "How many visitors came to the harbour festival?")
    third = ask(page, "What did Zelensky call for instead of Putin's three-day truce?")
    third.locator("a", has_text="[1]").first.click()
    own = third.locator("details.newsdesk-source").first
    page.wait_for_function("d => d.open", arg=own.element_handle(), timeout=5_000)
    assert own.is_visible()
    box, view = own.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] < view["height"], "scrolled into view"
    assert not first.locator("details.newsdesk-source").first.evaluate("d => d.open"), (
        "the first answer's source stays closed"
    )
    ids = page.locator("details.newsdesk-source").evaluate_all("ds => ds.map(d => d.id)")
    assert len(ids) == len(set(ids)), "every answer has its own anchors"


def test_two_passages_of_one_article_are_one_source_and_each_marker_opens_its_own(page: Any) -> None:
    message = ask(page, "What did Zelensky call for instead of Putin's three-day truce?")
    entries = message.locator("details.newsdesk-source")
    assert entries.count() == 1, "both passages come from one article: one source"
    # One bracket for the article, its markers inside: "[1] [2] Title" read as two sources.
    assert entries.first.locator("summary").inner_text().startswith("[1, 2] ")
    copied = message.locator(".newsdesk-plain").text_content() or ""
    assert "\n\nReferences\n[1, 2] " in copied and "[1] [2]" not in copied, "Copy answer says the same"
    message.locator("a[href*='-source-2']").first.click()
    page.wait_for_function("d => d.open", arg=entries.first.element_handle(), timeout=5_000)
    second = message.locator("blockquote.newsdesk-passage[id$='-source-2']")
    box, view = second.bounding_box(), page.viewport_size
    assert second.is_visible() and box is not None and 0 <= box["y"] < view["height"], "scrolled to it"


@pytest.mark.parametrize("how", ["system", "toggle"])
def test_highlights_are_readable_in_dark_and_light_mode(browser: Any, app_url: str, how: str) -> None:
    url = app_url + ("?__theme=dark" if how == "toggle" else "")
    page = _open(browser, url, color_scheme="dark" if how == "system" else "light")
    try:
        assert page.evaluate("document.querySelector('.dark') !== null"), "the dark theme is on"
        message = ask(page, "Who is Russia's ambassador to the UN?")
        message.locator("summary").first.click()
        assert _contrast(page, ".newsdesk-source[open] mark") >= 4.5
    finally:
        page.context.close()
    light = _open(browser, app_url, color_scheme="light")
    try:
        message = ask(light, "Who is Russia's ambassador to the UN?")
        message.locator("summary").first.click()
        assert _contrast(light, ".newsdesk-source[open] mark") >= 4.5
    finally:
        light.context.close()


def test_secondary_text_is_readable(page: Any) -> None:
    # Gradio's subdued grey on white is 1.9: the status line and each source's outlet and date.
    ask(page, "How many visitors came to the harbour festival?")
    page.get_by_text("Settings", exact=True).click()  # the fields' help lines: 1.9 too
    page.locator(".info-text").first.wait_for()
    for selector in (".newsdesk-status", "#question-count", ".newsdesk-meta", ".info-text"):
        assert _contrast(page, selector) >= 4.5, selector


def test_no_timer_shows_over_the_chat_while_it_answers(page: Any) -> None:
    # Gradio's "processing | 0.3/0.2s" beside the chat's three dots: the element it writes to.
    shown = page.evaluate(
        """() => {
            const timer = document.createElement("div");
            timer.className = "progress-text meta-text";
            document.querySelector("#chat").append(timer);
            const display = getComputedStyle(timer).display;
            timer.remove();
            return display;
        }"""
    )
    assert shown == "none"


def test_copy_gives_clean_text_with_numbered_references(browser: Any, app_url: str) -> None:
    page = _open(browser, app_url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        message = ask(page, "Who is Russia's ambassador to the UN?")
        message.locator("button.newsdesk-copy").click()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        page.context.close()
    assert copied.startswith("Russia’s ambassador to the United Nations, Vassily Nebenzia")
    assert "[1]" in copied and "\n\nReferences\n[1] U.S. Threatens to Withdraw" in copied
    assert "004_6f422090716b2c3d.txt" in copied
    for raw in ("<details", "#a1", "&quot;", "\\[", "](", "<mark>"):
        assert raw not in copied


def test_article_markup_is_shown_as_text_and_nothing_runs(page: Any) -> None:
    message = ask(page, "How many visitors came to the harbour festival?")
    message.locator("summary").first.click()
    text = message.inner_text()
    assert "12,000 visitors" in text
    assert "<script>window.__xss = 1</script>" in text, "the script tag is visible as text"
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert "[the organisers](javascript:window.__xss=3)" in text and "**local**" in text
    assert message.locator("script, img, a[href^='javascript']").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_off_topic_question_is_refused(page: Any) -> None:
    message = ask(page, "How do I bake sourdough bread?")
    assert "don't cover" in message.inner_text()
    assert message.locator("details").count() == 0


def test_follow_ups_are_offered_and_asked_when_clicked(page: Any) -> None:
    ask(page, "How many visitors came to the harbour festival?")
    options = page.locator("#chat .options button")
    assert 2 <= options.count() <= 3
    picked = options.first.inner_text()
    options.first.click()
    message = _answer(page, 1)
    asked = page.locator("[data-testid='user']").nth(1).inner_text()
    assert asked.startswith(picked.split("…")[0]) and len(asked) >= len(picked) - 2
    assert "don't cover" not in message.inner_text()


# --- filters ---------------------------------------------------------------------------------


def _settings(page: Any, open_: bool) -> None:
    panel = page.locator("button", has_text="Settings").first
    is_open = page.locator("#question ~ * input[placeholder='YYYY-MM-DD'], input[placeholder='YYYY-MM-DD']")
    if is_open.first.is_visible() != open_:
        panel.click()
        page.wait_for_timeout(300)


def test_active_date_filter_shows_as_a_chip_and_explains_a_refusal(page: Any) -> None:
    _settings(page, True)
    page.locator("#published-from textarea").fill("2030-01-01")
    page.locator("#published-from textarea").press("Tab")
    _settings(page, False)
    chip = page.locator("#active-filters button", has_text="From 1 Jan 2030")
    chip.wait_for(timeout=5_000)
    assert chip.is_visible() and "undated left out" in chip.inner_text()
    message = ask(page, "How many visitors came to the harbour festival?")
    text = message.inner_text()
    assert "don't cover" in text and "filter may be why" in text and "without a date" in text
    chip.click()
    page.wait_for_function("!document.querySelector('#active-filters')?.checkVisibility()", timeout=5_000)
    _settings(page, True)
    assert page.locator("#published-from textarea").input_value() == ""


def test_undated_articles_can_be_included_under_a_date_filter(page: Any) -> None:
    _settings(page, True)
    assert "leaves out articles that have no date" in page.inner_text("body")
    page.locator("#published-from textarea").fill("2030-01-01")
    page.locator("#published-from textarea").press("Tab")
    page.get_by_label("Include articles without a date").check()
    _settings(page, False)
    page.locator("#active-filters button", has_text="(and undated)").wait_for(timeout=5_000)
    message = ask(page, "Who is Russia's ambassador to the UN?")
    assert "Vassily Nebenzia" in message.inner_text(), "the undated seed article was searched"


def test_bad_date_shows_next_to_its_field_and_asks_nothing(page: Any) -> None:
    _settings(page, True)
    page.locator("#published-from textarea").fill("2025-13-40")
    _settings(page, False)
    page.fill("#question textarea", "How many visitors came to the harbour festival?")
    page.keyboard.press("Enter")
    error = page.locator(".newsdesk-field-error").first
    error.wait_for(timeout=5_000)
    assert "YYYY-MM-DD" in error.inner_text() and "2025-13-40" in error.inner_text()
    assert page.locator(BOT).count() == 0 and page.locator("[data-testid='user']").count() == 0
    assert "published_after" not in page.inner_text("body")


def test_article_filter_lists_titles_not_file_names(page: Any) -> None:
    _settings(page, True)
    page.get_by_label("Only these articles").click()
    options = page.locator("[role='option']").all_inner_texts()
    assert any("Harbour festival draws record crowds" in o for o in options), options
    assert not any(o.endswith((".txt", ".md")) for o in options)


# --- the question box ------------------------------------------------------------------------


def test_one_length_limit_shown_as_the_reader_types(page: Any) -> None:
    box = page.locator("#question textarea")
    assert box.get_attribute("maxlength") == "1000"
    box.type("Why did the talks stall?")
    page.wait_for_function(
        "document.querySelector('#question-count').innerText === '24 / 1,000 characters'", timeout=5_000
    )


def test_empty_question_posts_nothing(page: Any) -> None:
    page.fill("#question textarea", "   ")
    page.keyboard.press("Enter")
    page.locator("#question-notice").wait_for(timeout=5_000)
    assert "Type a question" in page.locator("#question-notice").inner_text()
    assert page.locator("[data-testid='user']").count() == 0


def test_an_empty_question_leaves_the_open_conversation_alone(page: Any) -> None:
    # A message of only spaces wiped the conversation: from view, from Past chats, after reload.
    ask(page, "Who is Russia's ambassador to the UN?")
    ask(page, "How many visitors came to the harbour festival?")
    page.wait_for_timeout(500)
    page.fill("#question textarea", "   ")
    page.keyboard.press("Enter")
    page.locator("#question-notice").wait_for(timeout=5_000)
    assert "Type a question" in page.locator("#question-notice").inner_text()
    page.wait_for_timeout(2_000)  # the steps after the refused question have run
    assert page.locator(BOT).count() == 2, "the conversation is still shown"
    assert page.locator("#past-chats label").count() == 1, "and still listed"
    _screenshot(page, "empty-question.png")
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_function("document.querySelectorAll(\"[data-testid='bot']\").length === 2", timeout=10_000)
    assert "12,000" in page.locator(BOT).last.inner_text(), "and still there after a reload"


def test_a_question_cannot_outgrow_the_one_limit(page: Any) -> None:
    page.fill("#question textarea", "Why did the talks stall? " * 50)
    assert len(page.locator("#question textarea").input_value()) == 1000
    counter = page.locator("#question-count")
    assert counter.inner_text() == "1,000 / 1,000 characters" and "over" in (
        counter.get_attribute("class") or ""
    )


def test_focus_returns_to_the_question_and_controls_have_names(page: Any) -> None:
    ask(page, "Who is Russia's ambassador to the UN?")
    page.wait_for_function("document.activeElement === document.querySelector('#question textarea')")
    assert page.get_by_role("textbox", name="Question").count() == 1
    assert page.get_by_role("button", name="Ask").count() >= 1
    unnamed = page.locator("button").evaluate_all(
        """bs => bs.filter(b => b.checkVisibility() && !(b.getAttribute('aria-label') || b.title
                || b.innerText.trim() || b.getAttribute('aria-labelledby'))).map(b => b.outerHTML.slice(0, 120))"""
    )
    assert unnamed == []


# --- history ---------------------------------------------------------------------------------


def test_history_survives_a_reload_with_past_chats_and_new_chat(page: Any) -> None:
    ask(page, "Who is Russia's ambassador to the UN?")
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.locator(BOT).first.wait_for(timeout=10_000)
    assert "Vassily Nebenzia" in page.locator(BOT).first.inner_text()
    page.locator("button", has_text="New chat").click()
    page.wait_for_function("document.querySelectorAll(\"[data-testid='bot']\").length === 0")
    ask(page, "How many visitors came to the harbour festival?")
    chats = page.locator("#past-chats label")
    assert chats.count() == 2
    chats.filter(has_text="Russia").click()
    page.wait_for_function(
        "[...document.querySelectorAll(\"[data-testid='bot']\")].some(m => m.innerText.includes('Nebenzia'))"
    )
    assert "12,000" not in page.locator("#chat").inner_text()


# --- phone -----------------------------------------------------------------------------------


def test_phone_view_keeps_the_answer_in_view(browser: Any, app_url: str) -> None:
    page = _open(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        message = ask(page, "What did Zelensky call for instead of Putin's three-day truce?")
        # each source whole (a title cut to one line with "…" lost its outlet and date), in a
        # few short lines
        sources = message.locator("details.newsdesk-source summary").evaluate_all(
            "ss => ss.map(s => [s.getBoundingClientRect().height, s.scrollWidth - s.clientWidth,"
            " parseFloat(getComputedStyle(s).fontSize)])"
        )
        assert sources, "the answer lists its sources"
        for height, overflow, size in sources:
            assert overflow <= 1, "nothing of the source line is cut off"
            assert height <= 4 * 1.6 * size, "a source takes a few short lines, not a screen"
        _screenshot(page, "phone.png", full_page=True)
    finally:
        page.context.close()


def test_phone_shows_the_question_box_at_once_and_answers_across_the_screen(
    browser: Any, app_url: str
) -> None:
    page = _open(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        box = page.locator("#question textarea").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, "the question box is on the first screen"
        chats, chat = page.locator("#chats").bounding_box(), page.locator("#chat").bounding_box()
        assert chats is not None and chat is not None and chats["y"] > chat["y"], "past chats come below"
        # New chat is top right, beside the tabs, where a phone's reader looks for it.
        new = page.get_by_role("button", name="New chat")
        tabs = page.get_by_role("tab", name="Articles").bounding_box()
        box = new.bounding_box()
        assert new.is_visible() and box is not None and tabs is not None
        assert box["y"] < chat["y"] and box["x"] > tabs["x"] + tabs["width"], (box, tabs)
        assert box["x"] + box["width"] <= 390
        message = ask(page, "How many visitors came to the harbour festival?")
        width = message.bounding_box()
        # The page's 32 px sides and the bubbles' margins left the text 242 px (62%) of 390.
        assert width is not None and width["width"] >= 0.75 * 390, width
        focused = page.evaluate("document.activeElement?.tagName")
        assert focused != "TEXTAREA", "no keyboard pops up over the answer on a touch screen"
        new.click()
        page.wait_for_function("document.querySelectorAll(\"[data-testid='bot']\").length === 0")
    finally:
        page.context.close()


def test_a_long_answer_opens_at_its_question_not_its_last_source(browser: Any, app_url: str) -> None:
    page = _open(browser, app_url, viewport={"width": 375, "height": 667}, is_mobile=True)  # a small phone
    try:
        message = ask(page, "What are the main stories?")
        page.wait_for_timeout(1200)  # the chat's own scroll to the bottom comes 300 ms after an update
        wrap = page.locator("#chat .bubble-wrap").bounding_box()
        asked = page.locator("[data-testid='user']").last.bounding_box()
        answer = message.bounding_box()
        assert wrap is not None and asked is not None and answer is not None
        assert answer["height"] > wrap["height"], "the answer is taller than the chat"
        assert wrap["y"] <= asked["y"] <= wrap["y"] + 40, (wrap, asked)
        _screenshot(page, "phone-long-answer.png")
    finally:
        page.context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_new_question_and_its_answer_come_into_view(browser: Any, app_url: str, device: str) -> None:
    # Gradio's chat follows new messages only while it is at its bottom: after a reader scrolled
    # up (or a long answer was shown from its question), the next answer arrived out of sight.
    options: dict[str, Any] = (
        {"viewport": {"width": 1280, "height": 800}}
        if device == "desktop"
        else {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    )
    page = _open(browser, app_url, **options)
    try:
        ask(page, "What are the main stories?")
        ask(page, "Who is Russia's ambassador to the UN?")
        room = page.evaluate(
            "() => { const w = document.querySelector('#chat .bubble-wrap'); w.scrollTop = 0;"
            " return w.scrollHeight - w.clientHeight; }"
        )
        assert room > 150, "the chat is scrolled away from its bottom (Gradio follows within 100 px)"
        page.wait_for_timeout(300)
        # The arrow that scrolls down stands beside the answers, not over their text.
        arrow = page.get_by_role("button", name="Scroll down").bounding_box()
        answer = page.locator(BOT).last.bounding_box()
        assert arrow is not None and answer is not None
        assert arrow["x"] >= answer["x"] + answer["width"], (arrow, answer)
        message = ask(page, "How many visitors came to the harbour festival?")
        wrap = page.locator("#chat .bubble-wrap").bounding_box()
        top = message.bounding_box()
        assert wrap is not None and top is not None
        assert wrap["y"] <= top["y"] < wrap["y"] + wrap["height"] - 40, (wrap, top)
        asked = page.locator("[data-testid='user']").last.bounding_box()
        assert asked is not None and asked["y"] >= wrap["y"], "and its question above it"
        _screenshot(page, f"follow-up-in-view-{device}.png")
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1280, 1080), (390, 844)])
def test_the_chat_takes_the_screen_with_its_question_box_in_view(
    browser: Any, app_url: str, width: int, height: int
) -> None:
    # A fixed 560 px chat read a long answer through a small window on a tall screen (and at
    # 1280x800 put the question box below the fold): the chat takes the screen's height, less
    # the title and tabs above it and the question box below it.
    options: dict[str, Any] = {"viewport": {"width": width, "height": height}}
    if width < 640:
        options |= {"is_mobile": True, "has_touch": True}
    page = _open(browser, app_url, **options)
    try:
        ask(page, "What are the main stories?")
        ask(page, "How many visitors came to the harbour festival?")
        page.wait_for_timeout(1200)  # the chat's own scroll comes 300 ms after an update
        chat = page.locator("#chat").bounding_box()
        wrap = page.locator("#chat .bubble-wrap").bounding_box()
        box = page.locator("#question textarea").bounding_box()
        assert chat is not None and wrap is not None and box is not None
        assert chat["height"] >= height - 320 and chat["height"] >= 0.6 * height, (chat, height)
        assert wrap["height"] >= chat["height"] - 4, "the answers use the whole of the chat"
        assert chat["y"] >= 0 and box["y"] + box["height"] <= height, "chat and question box on one screen"
        if width >= 640:  # past chats beside the chat, no longer than it
            past = page.locator("#past-chats").bounding_box()
            assert past is not None and past["y"] + past["height"] <= chat["y"] + chat["height"] + 1
        _screenshot(page, f"chat-height-{width}x{height}.png")
    finally:
        page.context.close()


def test_bold_text_is_drawn_by_the_pages_own_font(page: Any) -> None:
    # Gradio's SemiBold file is a stub of a few letters: the rest of bold text came from
    # another font, a third wider than the answer's (the full bold face is 6% wider).
    ratio = page.evaluate(
        """async () => {
            const width = async (weight) => {
                await document.fonts.load(`${weight} 16px "Source Sans Pro"`, "Brightwave");
                const s = document.createElement("span");
                s.style.cssText = `position:absolute;white-space:nowrap;font:${weight} 16px "Source Sans Pro"`;
                s.textContent = "Brightwave August recounts";
                document.body.append(s);
                const w = s.getBoundingClientRect().width;
                s.remove();
                return w;
            };
            return (await width(600)) / (await width(400));
        }"""
    )
    assert ratio < 1.15, ratio


def test_phone_library_rows_are_compact_and_fit_the_screen(browser: Any, app_url: str) -> None:
    page = _open(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.get_by_role("tab", name="Library").click()
        _cell(page, "Port Ellen counts the cost").wait_for(timeout=10_000)
        heights = page.locator("#library [role='row'].virtual-row").evaluate_all(
            "rs => rs.map(r => r.getBoundingClientRect().height).filter(h => h > 0)"
        )
        line = float(
            _cell(page, "Port Ellen").evaluate(
                "c => parseFloat(getComputedStyle(c.querySelector('span')).lineHeight)"
            )
        )
        # Two lines of title at most (the 200-character seed headlines were a dozen lines).
        assert heights and max(heights) <= 2 * line + 24, heights
        table = page.locator("#library .table-wrap, #library table").first
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "no sideways scrolling"
        _cell(page, "Port Ellen counts the cost").click()
        page.locator("#article-preview").get_by_text("four tonnes", exact=False).wait_for(timeout=10_000)
        item = page.locator("#story-view .newsdesk-timeline-list li").first
        item.wait_for(timeout=10_000)  # the story's timeline as a list: the SVG's text was 6 px
        assert not page.locator("#story-view svg.newsdesk-timeline").is_visible()
        assert float(item.evaluate("li => parseFloat(getComputedStyle(li).fontSize)")) >= 12
        _screenshot(page, "phone-library.png", full_page=True)
    finally:
        page.context.close()


# --- library ---------------------------------------------------------------------------------


def _cell(page: Any, text: str) -> Any:
    """The visible library cell holding ``text`` (the table also keeps hidden measuring copies)."""
    return page.locator("#library [role='gridcell']:visible", has_text=text).first


def test_library_lists_searches_and_previews_articles(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    table = page.locator("#library")
    table.get_by_text("Harbour festival draws record crowds", exact=False).first.wait_for(timeout=10_000)
    text = table.inner_text()
    assert "Coastal Gazette" in text and "2025-06-14" in text and "Island Herald" in text
    # An outlet; the story is named by what its headlines name, not by its newest headline,
    # which read as a second title on every row.
    page.get_by_label("Search the library").fill("Island Herald")
    page.wait_for_function("!document.querySelector('#library').innerText.includes('Coastal Gazette')")
    cells = [c.strip() for c in page.locator("#library [role='gridcell']:visible").all_inner_texts()]
    assert "The harbour festival" in cells, cells
    _cell(page, "Port Ellen counts the cost").click()
    preview = page.locator("#article-preview")
    preview.get_by_text("four tonnes of litter", exact=False).wait_for(timeout=10_000)
    assert page.locator("button", has_text="Remove").first.is_visible()
    _screenshot(page, "library.png", full_page=True)


def test_story_timeline_is_drawn(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    _cell(page, "Port Ellen counts the cost").click()
    svg = page.locator("#story-view svg.newsdesk-timeline")
    svg.wait_for(timeout=10_000)
    labels = svg.locator("text.headline").all_text_contents()
    assert len(labels) >= 2 and any("clean-up" in t for t in labels)
    assert (svg.locator("text.day").first.text_content() or "").endswith("2025")
    # The heading names the story as the Story column does, not by its newest headline.
    assert page.locator("#story-view h3").first.inner_text().strip() == "The harbour festival"
    _screenshot(page, "timeline.png", full_page=True)


def test_removing_an_article_asks_first_then_deletes_it(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.mktemp("remove")
    settings = settings_for(_folder(base), base / "data")
    sync(settings)
    with AppServer(settings) as url:
        page = _open(browser, url)
        try:
            page.get_by_role("tab", name="Library").click()
            _cell(page, "Port Ellen counts the cost").click()
            page.locator("button", has_text="Remove").first.click()
            assert (settings.articles_dir / "cleanup.md").exists(), "nothing is deleted on the first click"
            question = page.get_by_text("Delete the file `cleanup.md`", exact=False)
            page.get_by_text("cannot be undone", exact=False).wait_for(timeout=5_000)
            asked = page.get_by_text("cannot be undone", exact=False).bounding_box()
            button = page.locator("button", has_text="Yes, delete the file").bounding_box()
            assert asked is not None and button is not None and asked["y"] < button["y"], "question first"
            assert question is not None
            page.locator("button", has_text="Yes, delete the file").click()
            page.get_by_text("Deleted", exact=False).first.wait_for(timeout=60_000)
            assert not (settings.articles_dir / "cleanup.md").exists()
            assert (settings.articles_dir / "harbour.md").exists()
            page.wait_for_function(
                "!document.querySelector('#library').innerText.includes('Port Ellen counts')"
            )
            assert "3 articles" in page.locator("#status").inner_text()
        finally:
            page.context.close()


def test_first_start_over_a_folder_of_articles_indexes_them(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Started over a folder of articles and an empty data folder, the page said "No articles
    # yet" until the reader found Articles → Re-sync. Now it says it is indexing them, then
    # answers from them, with no click.
    base = tmp_path_factory.mktemp("first-start")
    settings = settings_for(_folder(base), base / "data")
    with AppServer(settings) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("#question textarea")
            # The page's first line comes from the page's load (the one built with the page
            # predates the start); it said "No articles yet" and stayed so until a Re-sync.
            page.wait_for_function(
                "(t => t.includes('Indexing the 4 articles in') || t.includes('4 articles to ask about'))"
                "(document.querySelector('#status')?.innerText || '')",
                timeout=30_000,
            )
            _screenshot(page, "first-start.png")
            assert "No articles yet" not in page.locator("#status").inner_text()
            page.wait_for_function(
                "document.querySelector('#status')?.innerText.includes('4 articles to ask about')",
                timeout=120_000,
            )
            # the chat's lists too: drawn at the status tick that sees the sync done, which on a
            # loaded machine can be the idle one (app.STATUS_IDLE_S, 60 s) after the last busy one
            page.locator("#chat button.example").first.wait_for(timeout=70_000)
            message = ask(page, "How many visitors came to the harbour festival?")
            assert "12,000" in message.inner_text()
        finally:
            context.close()


def test_screenshots_are_saved() -> None:
    for name in ("answered.png", "library.png", "phone.png"):
        assert Path(ARTIFACTS / name).stat().st_size > 10_000
