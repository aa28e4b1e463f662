"""The public surface: exports, and ``import qa`` staying cheap."""

from __future__ import annotations

import ingest
import qa
from tests.conftest import run_python


def test_exports() -> None:
    assert sorted(qa.__all__) == [
        "Answer",
        "Filters",
        "Index",
        "Passage",
        "Settings",
        "Story",
        "answer",
        "answer_stream",
        "open_index",
        "retrieve",
        "stories",
        "story_of",
    ]
    assert sorted(ingest.__all__) == ["IndexStatus", "SyncReport", "status", "sync"]
    assert callable(qa.retrieve) and callable(qa.answer) and callable(ingest.sync)
    assert callable(qa.answer_stream) and callable(qa.open_index)


def test_import_qa_loads_no_heavy_library() -> None:
    out = run_python(
        "import sys, qa, ingest; "
        "heavy = ('torch', 'sentence_transformers', 'chromadb', 'gradio', 'langchain_core', 'numpy'); "
        "print(sorted(m for m in heavy "
        "if m in sys.modules))",
        {},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
