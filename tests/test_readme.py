"""The README: its Python examples run as written, and its settings table is complete and true."""

from __future__ import annotations

import dataclasses
import re

import pytest

from qa.settings import PREFIX, Settings
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


ROW = re.compile(r"^\| `(NEWSDESK_[A-Z_]+)` \| ([^|]+) \|", re.M)


def _table() -> dict[str, str]:
    return {name: default.strip() for name, default in ROW.findall((ROOT / "README.md").read_text())}


def test_every_setting_the_code_reads_is_in_the_readme_table() -> None:
    used = set()
    for folder in ("qa", "ingest", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"NEWSDESK_[A-Z][A-Z_]*[A-Z]", path.read_text()))
    used |= set(re.findall(r"NEWSDESK_[A-Z][A-Z_]*[A-Z]", (ROOT / "app.py").read_text()))
    missing = sorted(used - set(_table()))
    assert missing == [], f"add these to the settings table in README.md: {missing}"


def test_the_readme_gives_each_settings_default() -> None:
    table = _table()
    for field in dataclasses.fields(Settings):
        if field.default is dataclasses.MISSING:
            continue
        name = PREFIX + field.name.upper()
        default = field.default
        if isinstance(default, bool):
            expected = "`1`" if default else "`0`"
        elif default == "":
            expected = "empty"
        elif isinstance(default, float):
            expected = f"`{default:g}`"
        else:
            expected = f"`{default}`"
        assert table[name].startswith(expected), f"{name}: README says {table[name]!r}, the code {default!r}"
