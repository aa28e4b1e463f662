"""Newsdesk chat: ask questions about the articles and get answers that cite them.

``demo`` is built at import so tests and other programs can mount or launch it; it is launched
only when this file is run (``python app.py``), on 127.0.0.1:7860 unless ``NEWSDESK_HOST`` /
``NEWSDESK_PORT`` say otherwise. The embedder and store are warmed up in the background at
launch, so the first question does not pay for loading them.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Sequence
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

import qa
from qa.errors import NewsdeskError

__all__ = ["demo", "render", "respond"]

log = logging.getLogger("newsdesk.app")

EXAMPLES = [
    "Why did the U.S. step back from mediating between Russia and Ukraine?",
    "What did Zelensky call for instead of Putin's three-day truce?",
    "Who is Russia's ambassador to the UN and what did he say?",
]
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))([.)]?)", re.MULTILINE)
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")


def escape_markdown(text: str) -> str:
    """Article text shown as text: markdown and HTML in it are not interpreted."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A line opening with "-", "+", "=" or "1." would become a list or heading.
    return _LINE_START.sub(lambda m: m[1] + (m[2] + "\\" + m[3] if m[3] else "\\" + m[2]), escaped)


def _quote(text: str) -> str:
    return "\n".join("> " + escape_markdown(line) if line.strip() else ">" for line in text.splitlines())


def render(answer: qa.Answer) -> str:
    """An answer as chat markdown: the text with its ``[n]`` markers, then a Sources list."""
    body = _ESCAPED_MARKER.sub(r"[\1]", escape_markdown(answer.text))
    if not answer.citations:
        return body
    lines = [body, "", "**Sources**", ""]
    for n, p in enumerate(answer.citations, start=1):
        details = " · ".join(escape_markdown(x) for x in (p.outlet, p.published) if x)
        lines.append(f"**[{n}] {escape_markdown(p.title)}**  ")
        lines.append(f"`{p.source}`" + (f" · {details}" if details else ""))
        lines.append("")
        lines.append(_quote(p.text))
        lines.append("")
    return "\n".join(lines).rstrip()


def respond(message: str, history: Sequence[Any]) -> str:
    """Chat handler: answer ``message`` with citations, or explain what went wrong."""
    try:
        return render(qa.answer(message, history))
    except NewsdeskError as e:
        log.warning("answer failed: %s", e)
        return f"⚠️ {e}"
    except Exception:
        log.exception("answer failed")
        return "⚠️ Something went wrong while answering; the details are in the server log. Please try again."


def _warm_up() -> None:
    """Load the embedder and open the store before the first question arrives."""
    try:
        qa.retrieve("warm up", k=1)
    except Exception as e:  # the chat reports the same problem, with its fix, when asked
        log.warning("warm-up failed: %s", e)


demo = gr.ChatInterface(
    respond,
    title="Newsdesk",
    description="Ask about the articles. Every answer cites the passages it comes from, "
    "and says so when the articles don't cover the question.",
    examples=EXAMPLES,
    cache_examples=False,
    chatbot=gr.Chatbot(height=560, sanitize_html=True, render_markdown=True, label="Newsdesk"),
    textbox=gr.Textbox(placeholder="Ask a question about the articles…", max_length=2000, submit_btn=True),
    api_name="chat",
)


def main() -> None:
    """Launch the chat server."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = qa.Settings.from_env()
    threading.Thread(target=_warm_up, daemon=True).start()
    demo.launch(server_name=settings.host, server_port=settings.port)


if __name__ == "__main__":
    main()
