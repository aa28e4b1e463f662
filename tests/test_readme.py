"""The README's Python examples run as written, against an index of the seed articles."""

from __future__ import annotations

import re

import pytest

from qa.settings import Settings
from tests.conftest import ROOT, env_for, run_python

_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _examples() -> list[str]:
    """The README's Python blocks that use the library (the gradio_client ones need a server)."""
    blocks = _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    return [b for b in blocks if "import qa" in b]


def test_the_readme_has_library_examples() -> None:
    examples = _examples()
    assert examples and any("qa.answer_stream" in b for b in examples)


@pytest.mark.slow
@pytest.mark.parametrize("n", range(len(_examples())))
def test_readme_example_runs(seeded: Settings, n: int) -> None:
    out = run_python(_examples()[n], env_for(seeded.articles_dir, seeded.data_dir))
    assert out.returncode == 0, out.stderr[-3000:]
