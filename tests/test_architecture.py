"""The import rules of docs/architecture.md, checked on the source (every import, lazy ones too).

- ``qa`` never imports ``ingest``, ``app``, ``bench``, ``tests`` or Gradio; ``ingest`` never
  imports ``app``, ``bench`` or ``tests``; ``bench`` never imports ``tests``; nothing imports ``app``.
- Only ``qa/store.py`` imports chromadb.
- Inside ``qa``, a module imports the project's light modules at the top (so an import circle
  fails at once), never inside a function; only the LangChain- and numpy-heavy ones may load
  lazily. The
  graph of those imports has no circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# These import LangChain (llm, prompt, retriever) or numpy (lexical) at their top, so that
# ``import qa`` stays cheap they load on first use.
_LAZY_ALLOWED = {"qa.llm", "qa.prompt", "qa.retriever", "qa.lexical"}


def _files(*folders: str) -> list[Path]:
    found = [p for f in folders for p in sorted((ROOT / f).rglob("*.py"))]
    return found + ([ROOT / "app.py"] if "app.py" in folders else [])


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, lazy) for every import in ``path``; lazy when inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                out.extend((a.name, lazy) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                out.append((child.module, lazy))
                out.extend((f"{child.module}.{a.name}", lazy) for a in child.names)
            visit(child, inner)

    visit(tree, False)
    return out


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _top(module: str) -> str:
    return module.split(".")[0]


def test_packages_import_one_way() -> None:
    forbidden = {
        "qa": {"ingest", "app", "bench", "tests", "gradio"},
        "ingest": {"app", "bench", "tests"},
        "bench": {"app", "tests"},
    }
    wrong = [
        f"{_rel(path)} imports {module}"
        for package, banned in forbidden.items()
        for path in _files(package)
        for module, _ in _imports(path)
        if _top(module) in banned
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_store_imports_chromadb() -> None:
    wrong = [
        f"{_rel(path)} imports {module}"
        for path in _files("qa", "ingest", "bench", "app.py")
        for module, _ in _imports(path)
        if _top(module) == "chromadb" and _rel(path) != "qa/store.py"
    ]
    assert not wrong, "\n".join(wrong)


def _qa_module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_qa_imports_its_light_modules_at_the_top_without_a_circle() -> None:
    modules = {_qa_module(p): p for p in _files("qa")}
    graph: dict[str, set[str]] = {}
    lazy_light = []
    for name, path in modules.items():
        graph[name] = set()
        for module, lazy in _imports(path):
            if module not in modules or module in (name, "qa"):  # "from qa import x" names x too
                continue
            if lazy and module not in _LAZY_ALLOWED:
                lazy_light.append(f"{_rel(path)} imports {module} inside a function")
            if not lazy:
                graph[name].add(module)
    assert not lazy_light, "\n".join(lazy_light)

    done: set[str] = set()

    def walk(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError("import circle: " + " -> ".join([*trail[trail.index(node) :], node]))
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            if nxt != "qa":
                walk(nxt, [*trail, node])
        done.add(node)

    for name in sorted(graph):
        walk(name, [])
