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

import hmac
import html
import ipaddress
import logging
import os
import re
import signal
import sys
import threading
import time
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
from qa.question import MAX_QUESTION_CHARS, problem

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
# Bounds on what one API request can make the server do (the page's widgets stay within them).
_MAX_K = 50
_MAX_HISTORY = 20  # messages of history read; a follow-up only needs the last turns
_MAX_SOURCES = 1000
_MAX_FIELD = 1000  # characters of a filter value (a path, a date)

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
    if not isinstance(message, str):
        yield "⚠️ Please ask a question about the articles."
        return
    if len(message) > MAX_QUESTION_CHARS:  # checked first: nothing else of the request is read
        yield f"⚠️ {problem(message)}"
        return
    # Bounds on what one API request can ask for (the page's widgets stay within them).
    bounded_sources = [str(x)[:_MAX_FIELD] for x in (sources or [])[:_MAX_SOURCES]]
    recent = list(history or [])[-_MAX_HISTORY:]
    try:
        filters = qa.Filters.of(
            bounded_sources,
            (published_after or "")[:_MAX_FIELD].strip(),
            (published_before or "")[:_MAX_FIELD].strip(),
        )
        for answer in qa.answer_stream(
            message,
            recent,
            answerer=ANSWERERS.get(answerer or ""),
            k=max(1, min(int(k), _MAX_K)) if k else None,
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
    """The passages that best match ``question``, best first (the /retrieve API).

    A question over the chat's limit gets the chat's message, before any work is done: eight
    10 MB questions used to hold the workers for 38 s and 2.3 GB.
    """
    if len(question) > MAX_QUESTION_CHARS:
        raise gr.Error(str(problem(question)))
    return [asdict(p) for p in qa.retrieve(question, k=max(1, min(int(k), _MAX_K)), index=_index())]


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
    if report.damage:
        lines.append(f"- ⚠️ The store was damaged: {escape_markdown(report.damage)}")
    for label, paths in (
        ("Added", report.added),
        ("Updated", report.updated),
        ("Removed", report.removed),
        ("Repaired", report.repaired),
    ):
        lines += [f"- {label}: `{p}`" for p in paths]
    lines += [f"- Skipped: `{p}`: {escape_markdown(reason)}" for p, reason in report.skipped]
    return "\n".join(lines)


class _Coalescer:
    """Runs syncs one at a time, and lets requests that arrive during a sync share the next one.

    A request is answered by the first sync that starts after it arrived: ten requests made
    while a sync runs cause one more sync, not ten, and each gets that sync's report.
    """

    def __init__(self) -> None:
        self._run = threading.Lock()
        self._state = threading.Lock()
        self._requested = 0
        self._done = 0
        self._last: ingest.SyncReport | None = None

    def sync(self, *, progress: bool = False) -> ingest.SyncReport:
        with self._state:
            self._requested += 1
            mine = self._requested
        with self._run:
            with self._state:
                if self._done >= mine and self._last is not None:
                    return self._last
                covers = self._requested
            report = ingest.sync(progress=progress, index=_index())
            with self._state:
                self._done, self._last = covers, report
            return report


_syncs = _Coalescer()


def sync_articles(dry_run: bool = False) -> dict[str, Any]:
    """Bring the index in step with the articles folder and return the report (the /sync API)."""
    if dry_run:
        return ingest.sync(dry_run=True, index=_index()).to_dict()
    return _syncs.sync().to_dict()


def resync(progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str]:  # noqa: B008
    """The Re-sync button: sync with a progress bar, then show the report."""
    try:
        report = _syncs.sync(progress=True)
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
        uploaded = save_uploads(_index().settings, ((Path(f).name, Path(f).read_bytes()) for f in files))
        report = _syncs.sync(progress=True) if uploaded.saved else None
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    lines = [f"Saved `{name}`" + (f" ({note})" if note else "") for name, note in uploaded.saved]
    lines += [f"Refused `{n}`: {escape_markdown(why)}" for n, why in uploaded.refused]
    if not uploaded.saved:
        lines.append("Nothing new was added, and nothing was written to the articles folder.")
    if report is not None:
        lines += ["", render_report(report)]
    return "\n\n".join(lines), status()


def _warm_up() -> None:
    """Load the embedder and open the store before the first question arrives."""
    try:
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
            concurrency_limit=4,
            api_name="add_articles",
        )
        resync_button.click(
            resync,
            None,
            [report_box, status_line],
            concurrency_limit=4,
            api_name="resync",
        )
    # Many callers may wait at once: the coalescer runs one sync at a time and shares it.
    gr.api(sync_articles, api_name=SYNC_API, concurrency_limit=16)
    gr.api(retrieve_passages, api_name="retrieve", concurrency_limit=8)
    demo.load(lambda: gr.Dropdown(choices=_article_paths()), None, only_sources, api_visibility="private")


class LoginThrottle:
    """Checks the login, and after 3 failures in a row refuses every attempt for a while.

    The wait doubles with each further failure, from 1 s up to 60 s, and a success resets it:
    300 guesses went through in 0.7 s without it; with it, 30 guesses take about 20 minutes.
    During the wait even the right password is refused (the login page says so again), which
    keeps guessing slow for parallel clients too.
    """

    def __init__(self, auth: str, clock: Any = time.monotonic) -> None:
        self._user, _, self._password = auth.partition(":")
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._until = 0.0

    def __call__(self, username: str, password: str) -> bool:
        with self._lock:
            now = self._clock()
            if now < self._until:
                return False
            ok = hmac.compare_digest(str(username).encode(), self._user.encode()) & hmac.compare_digest(
                str(password).encode(), self._password.encode()
            )
            if ok:
                self._failures = 0
                return True
            self._failures += 1
            if self._failures >= 3:
                self._until = now + min(2.0 ** (self._failures - 3), 60.0)
            log.warning("failed login for %r (%d in a row)", str(username)[:64], self._failures)
            return False


def exposure_error(settings: qa.Settings, env: dict[str, str] | None = None) -> str | None:
    """Why the app must not start: it would serve beyond this machine with no login."""
    env = dict(os.environ) if env is None else env
    if settings.auth or env.get("NEWSDESK_ALLOW_NO_AUTH", "").strip() == "1":
        return None
    host = settings.host.strip("[]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False  # a host name: it may resolve to any address
    if loopback:
        return None
    return (
        f"NEWSDESK_HOST={settings.host} would make the chat, its /sync and upload routes reachable "
        "from the network with no login. Set NEWSDESK_AUTH=user:password, or bind 127.0.0.1, or "
        "set NEWSDESK_ALLOW_NO_AUTH=1 if something in front of the app (a proxy) does the login."
    )


def main() -> None:
    """Launch the chat server; it owns the index until it stops."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    global _opened
    try:
        _opened = qa.open_index()  # settings read and the index opened once, for every request
    except NewsdeskError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    settings = _opened.settings
    refusal = exposure_error(settings)
    if refusal is not None:
        print(f"error: {refusal}", file=sys.stderr)
        sys.exit(2)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not settings.auth:
        log.warning("serving on %s with no login (NEWSDESK_ALLOW_NO_AUTH=1)", settings.host)
    threading.Thread(target=_warm_up, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the finally below on `kill`
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=True,
        max_file_size=settings.max_file_bytes,
        auth=LoginThrottle(settings.auth) if settings.auth else None,
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
