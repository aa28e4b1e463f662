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

import html
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

import ingest
import qa
from ingest.load import SUFFIXES
from ingest.owner import SYNC_API, claim, release
from ingest.upload import save_uploads
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
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")

_opened: qa.Index | None = None  # set by main(): the one index this app serves


def _index() -> qa.Index:
    """The index ``main()`` opened; else (tests, an app mounted elsewhere) the environment's.

    Raises:
        ConfigError: when the environment's settings are bad (the message names the variable).
    """
    return _opened or qa.open_index()


def escape_markdown(text: str) -> str:
    """Article text shown as text: markdown and HTML in it are not interpreted."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A line opening with "-", "+", "=" or "1." would become a list or heading.
    return _LINE_START.sub(lambda m: m[1] + (m[2] + "\\" + m[3] if m[3] else "\\" + m[2]), escaped)


def _highlighted(passage: qa.Passage) -> str:
    """The passage as escaped HTML, its quoted (supporting) spans in ``<mark>``."""
    spans = sorted((a - passage.start, b - passage.start) for a, b in passage.quotes)
    parts, cursor = [], 0
    for a, b in spans:
        a, b = max(a, cursor), min(b, len(passage.text))
        if a >= b:
            continue
        parts += [html.escape(passage.text[cursor:a]), "<mark>" + html.escape(passage.text[a:b]) + "</mark>"]
        cursor = b
    parts.append(html.escape(passage.text[cursor:]))
    return "".join(parts).replace("\n", "<br>")


def _source_line(p: qa.Passage) -> str:
    details = [x for x in (p.outlet, p.published) if x]
    where = f'<a href="{html.escape(p.url)}">{html.escape(p.url)}</a>' if _SAFE_URL.match(p.url) else ""
    return " · ".join(
        [html.escape(x) for x in details] + [f"<code>{html.escape(p.source)}</code>"] + [where][: bool(where)]
    )


def render(answer: qa.Answer) -> str:
    """An answer as chat markdown: the text with hoverable ``[n]`` markers, then its sources.

    Everything that comes from an article is escaped (markdown in the answer text, HTML in the
    sources), so an article's markup is shown as text and never runs.
    """
    body = escape_markdown(answer.text)
    if not answer.final:
        return body + " …"
    if not answer.citations:
        return body

    def marker(match: re.Match[str]) -> str:
        n = int(match.group(1))
        p = answer.citations[n - 1] if 0 < n <= len(answer.citations) else None
        if p is None:
            return match.group(0)
        hint = f"{p.title} · {p.source}".replace('"', "'").replace("\\", "/")
        return f'[\\[{n}\\]](#source-{n} "{escape_markdown(hint)}")'

    lines = [_ESCAPED_MARKER.sub(marker, body), "", "**Sources**", ""]
    for n, p in enumerate(answer.citations, start=1):
        lines.append(
            f'<details class="newsdesk-source" id="source-{n}"><summary><b>[{n}] {html.escape(p.title)}</b>'
            f" · {_source_line(p)}</summary><blockquote>{_highlighted(p)}</blockquote></details>"
        )
    return "\n".join(lines)


ANSWERERS = {"Extractive (quotes the articles)": "extractive", "LLM (configured model, verified)": "llm"}


def _friendly(error: Exception) -> str:
    """What to tell the user about an unexpected failure (the details go to the log)."""
    if any(word in type(error).__name__ for word in ("Connection", "Connect", "Timeout")):
        try:
            url = _index().settings.llm_base_url
        except NewsdeskError:
            url = "the configured address"
        return (
            f"⚠️ The language model server at {url} is not reachable. Start it, or choose the "
            "extractive answerer under Settings."
        )
    return "⚠️ Something went wrong while answering; the details are in the server log. Please try again."


def respond(
    message: str,
    history: Sequence[Any],
    answerer: str | None = None,
    k: float | None = None,
    sources: list[str] | None = None,
    published_after: str | None = None,
    published_before: str | None = None,
) -> Iterator[str]:
    """Chat handler: stream the answer with citations, or explain what went wrong."""
    try:
        filters = qa.Filters.of(sources, (published_after or "").strip(), (published_before or "").strip())
        for answer in qa.answer_stream(
            message,
            history,
            answerer=ANSWERERS.get(answerer or ""),
            k=int(k) if k else None,
            filters=filters,
            index=_index(),
        ):
            yield render(answer)
    except (NewsdeskError, ValueError) as e:
        log.warning("answer failed: %s", e)
        yield f"⚠️ {e}"
    except Exception as e:
        log.exception("answer failed")
        yield _friendly(e)


def retrieve_passages(question: str, k: int = 5) -> list[dict[str, Any]]:
    """The passages that best match ``question``, best first (the /retrieve API)."""
    return [asdict(p) for p in qa.retrieve(question, k=max(1, min(int(k), 50)), index=_index())]


def _article_paths() -> list[str]:
    try:
        return list(ingest.status(_index().settings).articles)
    except NewsdeskError:
        return []


def status() -> str:
    """One line on what is indexed and what answers."""
    try:
        settings = _index().settings
    except NewsdeskError as e:
        return f"⚠️ {e}"
    indexed = ingest.status(settings)
    articles, passages = len(indexed.articles), indexed.passages
    synced = indexed.synced.strftime("%Y-%m-%d %H:%M") if indexed.synced else "never"
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


def _default_k() -> int:
    try:
        return _index().settings.top_k
    except NewsdeskError:
        return 5


def _llm_configured() -> bool:
    try:
        return bool(_index().settings.llm)
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
    return ingest.sync(dry_run=dry_run, index=_index()).to_dict()


def resync(progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str]:  # noqa: B008
    """The Re-sync button: sync with a progress bar, then show the report."""
    try:
        report = ingest.sync(progress=True, index=_index())
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
        index = _index()
        saved, refused = save_uploads(index.settings, ((Path(f).name, Path(f).read_bytes()) for f in files))
        report = ingest.sync(progress=True, index=index) if saved else None
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    lines = [f"Saved `{name}`" for name in saved] + [f"Refused `{n}`: {why}" for n, why in refused]
    if report is not None:
        lines += ["", render_report(report)]
    return "\n\n".join(lines), status()


def _warm_up() -> None:
    """Load the embedder and open the store before the first question arrives."""
    try:
        from qa.embedder import set_threads

        set_threads(qa.Settings.from_env().serve_threads)  # before any request computes
        qa.retrieve("warm up", k=1, index=_index())
    except Exception as e:  # the chat reports the same problem, with its fix, when asked
        log.warning("warm-up failed: %s", e)


with gr.Blocks(title="Newsdesk") as demo:
    gr.Markdown(
        "# Newsdesk\nAsk about the articles. Every answer cites the passages it comes from, "
        "and says so when the articles don't cover the question."
    )
    status_line = gr.Markdown(status)
    with gr.Tab("Ask"):
        with gr.Accordion("Settings", open=False):
            choices = list(ANSWERERS)
            answerer_choice = gr.Radio(
                choices,
                value=choices[1] if _llm_configured() else choices[0],
                label="Answerer",
                visible=_llm_configured(),
                info="The LLM's sentences are checked against the articles; unsupported ones are dropped.",
            )
            top_k = gr.Slider(1, 20, value=_default_k(), step=1, label="Passages to read")
            with gr.Row():
                only_sources = gr.Dropdown([], multiselect=True, label="Only these articles", scale=2)
                after = gr.Textbox(label="Published from", placeholder="YYYY-MM-DD", max_length=10)
                before = gr.Textbox(label="Published until", placeholder="YYYY-MM-DD", max_length=10)
        gr.ChatInterface(
            respond,
            additional_inputs=[answerer_choice, top_k, only_sources, after, before],
            examples=[[q] for q in EXAMPLES],
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
    gr.api(sync_articles, api_name=SYNC_API, concurrency_id="sync", concurrency_limit=1)
    gr.api(retrieve_passages, api_name="retrieve", concurrency_limit=8)
    demo.load(lambda: gr.Dropdown(choices=_article_paths()), None, only_sources, api_visibility="private")


def main() -> None:
    """Launch the chat server; it owns the index until it stops."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    global _opened
    _opened = qa.open_index()  # settings read and the index opened once, for every request
    settings = _opened.settings
    threading.Thread(target=_warm_up, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the finally below on `kill`
    user, _, password = settings.auth.partition(":")
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=True,
        max_file_size=settings.max_file_bytes,
        auth=(user, password) if settings.auth else None,
    )
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    if not settings.chroma_host:  # the embedded store has one writer: this app, while it runs
        claim(settings, f"http://{host}:{settings.port}/")
    try:
        demo.block_thread()
    finally:
        release(settings)


if __name__ == "__main__":
    main()
