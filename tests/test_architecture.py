"""The shape of the code: no import circles, the layers import only downwards, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "matchmaker"
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _type_only_nodes(tree: ast.AST) -> set[int]:
    """Nodes under `if TYPE_CHECKING:`: imports there never run, so they cannot form a circle."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    return skip


def _imports(name: str, path: Path) -> set[str]:
    """Every matchmaker module `name` imports at run time, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_only_nodes(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.add(candidate if candidate in MODULES else base)
    resolved = set()
    for target in targets:
        while target not in MODULES and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in MODULES and target != name and target.startswith("matchmaker"):
            resolved.add(target)
    return resolved


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_in_matchmaker() -> None:
    assert _cycles(GRAPH) == []


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_only_nodes(tree)
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


LOWER_LAYERS = ("matchmaker.models", "matchmaker.services", "matchmaker.matching", "matchmaker.core",
                "matchmaker.jobs", "matchmaker.seed")


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_lower_layers_never_import_flask_or_the_web_layer(layer: str) -> None:
    offenders = sorted(
        name for name, path in MODULES.items()
        if (name == layer or name.startswith(layer + "."))
        and ({"flask", "werkzeug", "flask_login", "flask_babel", "flask_wtf"} & _third_party(path)
             or any(t.startswith("matchmaker.web") or t == "matchmaker.cli" for t in GRAPH[name]))
    )
    assert offenders == []


def test_the_engine_is_a_pure_library() -> None:
    offenders = sorted(
        name for name, path in MODULES.items()
        if name.startswith("matchmaker.matching")
        and ("sqlalchemy" in _third_party(path) or any(not t.startswith("matchmaker.matching") for t in GRAPH[name]))
    )
    assert offenders == []


def test_plumbing_knows_no_domain() -> None:
    offenders = sorted(
        (name, target) for name in MODULES if name.startswith("matchmaker.core")
        for target in GRAPH[name] if target.startswith(("matchmaker.services", "matchmaker.web"))
    )
    assert offenders == []


def test_modules_stay_small() -> None:
    big = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert big == {}


def test_no_view_enqueues_mail_by_hand() -> None:
    """Mail goes out after the commit that wrote it (core/mail.py); only the app's session setup attaches that."""
    hand_made = sorted(
        name for name, path in MODULES.items()
        if name.startswith("matchmaker.web.") and name != "matchmaker.web.extensions"
        and ("mail.send_pending" in (text := path.read_text(encoding="utf-8")) or "SEND_JOB" in text)
    )
    assert hand_made == []


QUERY_CALLS = {"get", "scalar", "scalars", "execute", "query"}


def _queries_in(path: Path) -> list[str]:
    """`db.session.<query>(...)` calls and imports of SQL builders in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERY_CALLS:
            if ast.unparse(node.func.value) == "db.session":
                found.append(ast.unparse(node.func))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sqlalchemy"):
            found += [f"import {alias.name}" for alias in node.names if alias.name in {"select", "text", "func"}]
    return found


def test_no_view_runs_a_query() -> None:
    offenders = {
        name: found for name, path in MODULES.items()
        if name.startswith("matchmaker.web.") and name != "matchmaker.web.extensions" and (found := _queries_in(path))
    }
    assert offenders == {}


BLUEPRINTS = ("main", "auth", "student", "employer", "coach", "admin", "api", "sso", "publishing")


def test_blueprints_do_not_import_each_other() -> None:
    crossings = sorted(
        (name, target) for name in MODULES for bp in BLUEPRINTS if name.startswith(f"matchmaker.web.{bp}.")
        for target in GRAPH[name]
        if target.startswith("matchmaker.web.") and target.split(".")[2] in BLUEPRINTS and target.split(".")[2] != bp
    )
    assert crossings == []
