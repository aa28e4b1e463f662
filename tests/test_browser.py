"""The chat in a real browser: Debian's Chromium driven by Playwright against the app on 127.0.0.1.

Skipped, with the reason, when no Chromium is installed (``.ci/run`` installs it). A screenshot
of the answered page is saved to ``test-artifacts/answered.png``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest import sync
from tests.conftest import ROOT, SEEDS, AppServer, settings_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: apt-get install chromium (.ci/run does)"),
]
ARTIFACTS = ROOT / "test-artifacts"

XSS = """Title: Harbour festival draws record crowds <script>window.__xss = 1</script>
Source: Coastal Gazette
Published: 2025-06-14

The harbour festival in Port Ellen drew a record crowd of 12,000 visitors on Saturday <script>window.__xss = 1</script>.
Organisers said the fireworks <img src=x onerror="window.__xss = 2"> were the largest ever staged on the island.
Tickets sold out in two hours, according to [the organisers](javascript:window.__xss=3) and **local** officials.
"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    shutil.copytree(SEEDS, base / "articles")
    (base / "articles" / "harbour.md").write_text(XSS)
    settings = settings_for(base / "articles", base / "data")
    sync(settings)
    with AppServer(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(app_url)
    page.wait_for_selector("textarea")
    yield page
    context.close()


def ask(page: object, question: str) -> object:
    """Type a question, send it, and return the latest bot message once it is final."""
    before = page.locator("[data-testid='bot']").count()  # type: ignore[attr-defined]
    page.fill("textarea", question)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    message = page.locator("[data-testid='bot']").nth(before)  # type: ignore[attr-defined]
    message.wait_for(timeout=60_000)
    page.wait_for_function(  # type: ignore[attr-defined]
        "n => { const m = document.querySelectorAll(\"[data-testid='bot']\")[n];"
        " return m && !m.innerText.trim().endsWith('…') && m.innerText.trim().length > 0; }",
        arg=before,
        timeout=60_000,
    )
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    return message


def test_first_load_shows_examples_and_status(page: object) -> None:
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Who is Russia's ambassador to the UN and what did he say?" in text
    assert "3 articles" in text and "embedder all-MiniLM-L6-v2" in text and "answerer: extractive" in text


def test_answer_with_citations_and_highlighted_source(page: object) -> None:
    message = ask(page, "Who is Russia's ambassador to the UN?")
    assert "Vassily Nebenzia" in message.inner_text()  # type: ignore[attr-defined]
    marker = message.locator("a[href='#source-1']")  # type: ignore[attr-defined]
    assert marker.inner_text() == "[1]"
    assert "004_6f422090716b2c3d.txt" in (marker.get_attribute("title") or ""), (
        "hovering [1] names the source"
    )
    source = message.locator("details.newsdesk-source").first  # type: ignore[attr-defined]
    assert not source.evaluate("d => d.open")
    source.locator("summary").click()
    assert source.evaluate("d => d.open")
    highlighted = source.locator("mark").first
    assert highlighted.is_visible() and "Nebenzia" in highlighted.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answered.png"), full_page=True)  # type: ignore[attr-defined]


def test_off_topic_question_is_refused(page: object) -> None:
    message = ask(page, "How do I bake sourdough bread?")
    assert "don't cover" in message.inner_text()  # type: ignore[attr-defined]
    assert message.locator("details").count() == 0  # type: ignore[attr-defined]


def test_article_markup_is_shown_as_text_and_nothing_runs(page: object) -> None:
    message = ask(page, "How many visitors came to the harbour festival?")
    message.locator("summary").first.click()  # type: ignore[attr-defined]
    text = message.inner_text()  # type: ignore[attr-defined]
    assert "12,000 visitors" in text
    assert "<script>window.__xss = 1</script>" in text, "the script tag is visible as text"
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert "[the organisers](javascript:window.__xss=3)" in text and "**local**" in text
    assert message.locator("script, img, a[href^='javascript']").count() == 0  # type: ignore[attr-defined]
    assert page.evaluate("window.__xss") is None  # type: ignore[attr-defined]
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_long_and_empty_questions_get_a_clear_reply(page: object) -> None:
    message = ask(page, "Why did the talks stall? " * 50)
    assert "keep it under 1,000 characters" in message.inner_text()  # type: ignore[attr-defined]


def test_screenshot_is_saved() -> None:
    assert Path(ARTIFACTS / "answered.png").stat().st_size > 10_000
