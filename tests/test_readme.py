"""The README documents every ``NEWSDESK_*`` setting, with the default the code really uses."""

from __future__ import annotations

import dataclasses
import re

from qa.settings import PREFIX, Settings
from tests.conftest import ROOT

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
