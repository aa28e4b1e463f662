"""Newsdesk chat: ask questions about the articles and get answers that cite them.

``demo`` is built at import so tests and other programs can mount or launch it; it is launched
only when this file is run (``python app.py``), on 127.0.0.1:7860 unless ``NEWSDESK_HOST`` /
``NEWSDESK_PORT`` say otherwise. The embedder and store are warmed up in the background at
launch, so the first question does not pay for loading them.

While it runs, the app owns the index (see ``ingest.owner``): uploads, the Re-sync button and
syncs started elsewhere (``python -m ingest`` calls the ``/sync`` API) all run here, so
questions keep being answered during a sync and new articles are answerable right after it.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

import ingest
import qa
from ingest.load import SUFFIXES
from ingest.manifest import Manifest
from ingest.owner import claim, release
from ingest.upload import save_uploads
from qa.answer import answer_stream
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


def _highlighted(passage: qa.Passage) -> str:
    """The passage as escaped markdown, its quoted (supporting) spans in bold."""
    spans = sorted((a - passage.start, b - passage.start) for a, b in passage.quotes)
    parts, cursor = [], 0
    for a, b in spans:
        a, b = max(a, cursor), min(b, len(passage.text))
        if a >= b:
            continue
        parts += [
            escape_markdown(passage.text[cursor:a]),
            "**" + escape_markdown(passage.text[a:b]).strip() + "**",
        ]
        cursor = b
    parts.append(escape_markdown(passage.text[cursor:]))
    return "".join(parts)


def _quote(passage: qa.Passage) -> str:
    text = _highlighted(passage)
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines())


def render(answer: qa.Answer) -> str:
    """An answer as chat markdown: the text with its ``[n]`` markers, then a Sources list."""
    body = _ESCAPED_MARKER.sub(r"[\1]", escape_markdown(answer.text))
    if not answer.final:
        return body + " …"
    if not answer.citations:
        return body
    lines = [body, "", "**Sources**", ""]
    for n, p in enumerate(answer.citations, start=1):
        details = " · ".join(escape_markdown(x) for x in (p.outlet, p.published) if x)
        lines.append(f"**[{n}] {escape_markdown(p.title)}**  ")
        lines.append(f"`{p.source}`" + (f" · {details}" if details else ""))
        lines.append("")
        lines.append(_quote(p))
        lines.append("")
    return "\n".join(lines).rstrip()


ANSWERERS = {"Extractive (quotes the articles)": "extractive", "LLM (configured model, verified)": "llm"}


def respond(message: str, history: Sequence[Any], answerer: str | None = None) -> Iterator[str]:
    """Chat handler: stream the answer with citations, or explain what went wrong."""
    try:
        for answer in answer_stream(message, history, answerer=ANSWERERS.get(answerer or "")):
            yield render(answer)
    except NewsdeskError as e:
        log.warning("answer failed: %s", e)
        yield f"⚠️ {e}"
    except Exception:
        log.exception("answer failed")
        yield "⚠️ Something went wrong while answering; the details are in the server log. Please try again."


def status() -> str:
    """One line on what is indexed and what answers."""
    try:
        settings = qa.Settings.from_env()
    except NewsdeskError as e:
        return f"⚠️ {e}"
    path = settings.data_dir / "manifest.json"
    manifest = Manifest.load(path)
    articles = sum(1 for e in manifest.articles.values() if e.ids)
    passages = sum(len(e.ids) for e in manifest.articles.values())
    synced = (
        datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M") if path.exists() else "never"
    )
    model = Path(settings.embedding_model).name
    model = "all-MiniLM-L6-v2" if model == "model" else model
    answerer = f"LLM ({settings.llm}: {_llm_name(settings)}), verified" if settings.llm else "extractive"
    return (
        f"**{articles}** articles · **{passages}** passages · last sync {synced} · "
        f"embedder {model} · answerer: {answerer}"
    )


def _llm_name(settings: qa.Settings) -> str:
    if settings.llm == "openai":
        return settings.llm_model
    return Path(settings.llm_gguf).name if settings.llm_gguf else "SmolLM2-135M-Instruct"


def _llm_configured() -> bool:
    try:
        return bool(qa.Settings.from_env().llm)
    except NewsdeskError:
        return False


def render_report(report: ingest.SyncReport) -> str:
    """A sync report as markdown, paths shown as code."""
    counts = [
        f"**{len(report.added)}** added",
        f"**{len(report.updated)}** updated",
        f"**{len(report.removed)}** removed",
        f"**{len(report.unchanged)}** unchanged",
        f"**{len(report.skipped)}** skipped",
    ]
    lines = [" · ".join(counts) + f" ({report.seconds:.1f} s)"]
    for label, paths in (("Added", report.added), ("Updated", report.updated), ("Removed", report.removed)):
        lines += [f"- {label}: `{p}`" for p in paths]
    lines += [f"- Skipped: `{p}`: {escape_markdown(reason)}" for p, reason in report.skipped]
    return "\n".join(lines)


def sync_articles(dry_run: bool = False) -> dict[str, Any]:
    """Bring the index in step with the articles folder and return the report (the /sync API)."""
    return ingest.sync(dry_run=dry_run).to_dict()


def resync(progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str]:  # noqa: B008
    """The Re-sync button: sync with a progress bar, then show the report."""
    try:
        report = ingest.sync(progress=True)
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    return render_report(report), status()


def add_articles(
    files: list[str] | None,
    progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008
) -> tuple[str, str]:
    """The upload box: save the files into the articles folder, then sync."""
    if not files:
        return "Choose one or more article files first.", status()
    try:
        settings = qa.Settings.from_env()
        saved, refused = save_uploads(settings, ((Path(f).name, Path(f).read_bytes()) for f in files))
        report = ingest.sync(settings, progress=True) if saved else None
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    lines = [f"Saved `{name}`" for name in saved] + [f"Refused `{n}`: {why}" for n, why in refused]
    if report is not None:
        lines += ["", render_report(report)]
    return "\n\n".join(lines), status()


def _warm_up() -> None:
    """Load the embedder and open the store before the first question arrives."""
    try:
        qa.retrieve("warm up", k=1)
    except Exception as e:  # the chat reports the same problem, with its fix, when asked
        log.warning("warm-up failed: %s", e)


with gr.Blocks(title="Newsdesk") as demo:
    gr.Markdown(
        "# Newsdesk\nAsk about the articles. Every answer cites the passages it comes from, "
        "and says so when the articles don't cover the question."
    )
    status_line = gr.Markdown(status)
    with gr.Tab("Ask"):
        choices = list(ANSWERERS)
        answerer_choice = gr.Radio(
            choices,
            value=choices[1],
            label="Answerer",
            visible=_llm_configured(),
            info="The LLM's sentences are checked against the articles; unsupported ones are dropped.",
        )
        gr.ChatInterface(
            respond,
            additional_inputs=[answerer_choice],
            examples=[[q, None] for q in EXAMPLES],
            cache_examples=False,
            chatbot=gr.Chatbot(height=520, sanitize_html=True, render_markdown=True, label="Newsdesk"),
            textbox=gr.Textbox(
                placeholder="Ask a question about the articles…", max_length=2000, submit_btn=True
            ),
            api_name="chat",
            concurrency_limit=8,
        )
    with gr.Tab("Articles"):
        gr.Markdown(
            f"Add articles ({', '.join(sorted(SUFFIXES))}) to the articles folder, or re-sync after "
            "changing files there. Only what changed is re-indexed."
        )
        uploads = gr.File(
            label="Add articles", file_count="multiple", file_types=sorted(SUFFIXES), type="filepath"
        )
        add_button = gr.Button("Add to the index", variant="primary")
        resync_button = gr.Button("Re-sync the articles folder")
        report_box = gr.Markdown()
        add_button.click(
            add_articles,
            uploads,
            [report_box, status_line],
            concurrency_id="sync",
            concurrency_limit=1,
            api_name="add_articles",
        )
        resync_button.click(
            resync,
            None,
            [report_box, status_line],
            concurrency_id="sync",
            concurrency_limit=1,
            api_name="resync",
        )
    gr.api(sync_articles, api_name="sync", concurrency_id="sync", concurrency_limit=1)


def main() -> None:
    """Launch the chat server; it owns the index until it stops."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = qa.Settings.from_env()
    threading.Thread(target=_warm_up, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the finally below on `kill`
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=True,
        max_file_size=settings.max_file_bytes,
    )
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    claim(settings, f"http://{host}:{settings.port}/")
    try:
        demo.block_thread()
    finally:
        release(settings)


if __name__ == "__main__":
    main()
