"""The chat app: rendering rules, and a real server answered through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import qa
from qa.answer import NOT_COVERED
from qa.retrieve import Passage
from qa.settings import Settings
from tests.conftest import AppServer


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
    md = app.render(qa.Answer("q", "It said <b>hi</b> [1]", [p], True))
    body, sources = md.split("**Sources**")
    assert body.startswith("It said \\<b\\>hi\\</b\\> [\\[1\\]](#source-1 ")
    assert "a/b.txt" in body.split("#source-1", 1)[1], "hovering the marker names its source"
    assert "<mark>Line one &lt;script&gt;alert(1)&lt;/script&gt; ends.</mark>" in sources
    assert "&lt;img src=x onerror=alert(2)&gt;" in sources and "<img" not in sources
    assert "<script>" not in md and "javascript:" not in sources
    assert "Daily · 2025-05-02 · <code>a/b.txt</code>" in sources
    assert '<details class="newsdesk-source" id="source-1">' in sources


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
