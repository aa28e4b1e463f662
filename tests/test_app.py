"""The chat app: rendering rules, and a real server answered through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import qa
from qa.answer import NOT_COVERED
from qa.retrieve import Passage
from qa.settings import Settings
from tests.conftest import AppServer


def test_render_lists_sources_and_shows_article_text_as_text() -> None:
    p = Passage(
        text="Line one <script>alert(1)</script>\n- *not a list*",
        source="a/b.txt",
        title="A [title]",
        score=0.9,
        start=0,
        end=10,
        outlet="Daily",
        published="2025-05-02",
    )
    md = __import__("app").render(qa.Answer("q", "It said <b>hi</b> [1]", [p], True))
    assert md.startswith("It said \\<b\\>hi\\</b\\> [1]")
    assert "**Sources**" in md and "`a/b.txt`" in md and "Daily · 2025\\-05\\-02" not in md
    assert "Daily · 2025-05-02" in md
    assert "\\<script\\>" in md and "<script>" not in md
    assert "> \\- \\*not a list\\*" in md
    assert "A \\[title\\]" in md


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
    app = AppServer(use_seeded)
    try:
        app.wait_ready()
        yield app.url
    finally:
        app.stop()


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
