"""Arrows point one way: no import cycle between portal's files, none between its areas, and
none that points up through the layers (platform, core, web, the areas, ops; see the README's
"Adding an area").

The graph is read from the source with `ast`, at every depth: imports inside functions count,
because a function-level import is still an arrow (it only hides the cycle from Python).
"""

import ast
from collections.abc import Iterable
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"

# Arrows that close a cycle but live in (or are pinned by) files another branch is changing,
# so issue 10 may not edit them yet. They are left out of the graph before the cycle check;
# any other cycle fails, and an arrow listed here that no longer exists fails too, so the
# list only shrinks. Each says why it is here and how it goes away.
ALLOWED: dict[tuple[str, str], str] = {}


def module_name(path: Path, root: Path = PORTAL) -> str:
    """Name the module that a file under root (the portal package) defines."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path = PORTAL) -> dict[str, set[str]]:
    """Map each portal module to the portal modules it imports, anywhere in its body."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    package = package[: len(package) - (node.level - 1)]
                    base = ".".join(package + ([base] if base else []))
                # `from portal.x import y` imports module portal.x.y when y is a module,
                # else a name defined in portal.x.
                targets = [f"{base}.{alias.name}" for alias in node.names]
                targets = [t for t in targets if t in files] or [base]
            for target in targets:
                # Importing portal.a.b runs portal.a first; the arrow that matters is to the
                # nearest module that exists.
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name and target.startswith("portal"):
                    graph[name].add(target)
    return graph


# The layers below and above the areas, lowest first; every other package under portal/ is an
# area. The app factory (portal/__init__.py, portal/areas.py) sits on the areas, and operations
# (the command line, serving, backups, the demo) on the factory: they build an app to work in.
LOWER_LAYERS = ("platform", "core", "web")
UPPER_LAYERS = ("ops",)
RANKS = {"platform": 0, "core": 1, "web": 2, "area": 3, "app": 4, "ops": 5}


def layer_of(module: str) -> str:
    """Name the layer a portal module belongs to."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] == "areas":
        return "app"
    if parts[1] in LOWER_LAYERS + UPPER_LAYERS:
        return parts[1]
    return "area"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """List, as messages, the arrows from a layer to one above it (the platform importing web
    glue or an area, the web glue importing an area, an area importing ops, ...)."""
    return [
        f"{source} ({layer_of(source)}) imports {target} ({layer_of(target)})"
        for source, targets in sorted(graph.items())
        for target in sorted(targets)
        if RANKS[layer_of(target)] > RANKS[layer_of(source)]
    ]


def area_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Fold the module graph into one between areas and the units of the layers.

    A module or package of a layer (portal/platform/crypto.py, portal/core/accounts/) counts as a
    unit of its own, so an area and a platform module that import each other are a cycle too.
    """

    def area_of(module: str) -> str | None:
        parts = module.split(".")
        if len(parts) >= 3 and parts[1] in LOWER_LAYERS + UPPER_LAYERS:
            return f"{parts[1]}.{parts[2]}"
        return parts[1] if len(parts) >= 2 else None  # the package portal itself is no area

    areas: dict[str, set[str]] = {}
    for source, targets in graph.items():
        a = area_of(source)
        if a is None:
            continue
        areas.setdefault(a, set())
        for target in targets:
            b = area_of(target)
            if b is not None and b != a:
                areas[a].add(b)
    return areas


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Return the strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(component: frozenset[str], graph: dict[str, set[str]]) -> str:
    """Spell out one cycle's arrows so the failure names the modules to change."""
    arrows = [f"{a} -> {b}" for a in sorted(component) for b in sorted(graph[a]) if b in component]
    return "cycle between " + ", ".join(sorted(component)) + ":\n    " + "\n    ".join(arrows)


def without(graph: dict[str, set[str]], allowed: Iterable[tuple[str, str]]) -> dict:
    """Return a copy of the graph with the allowed arrows taken out."""
    pruned = {node: set(targets) for node, targets in graph.items()}
    for source, target in allowed:
        pruned.get(source, set()).discard(target)
    return pruned


def unexpected(graph: dict[str, set[str]], allowed: Iterable[tuple[str, str]] = ()) -> list[str]:
    """List, as messages, the cycles left once the allowed arrows are out, and stale allowances."""
    allowed = list(allowed)
    pruned = without(graph, allowed)
    problems = [describe(c, pruned) for c in cycles(pruned)]
    problems += [
        f"allowed cycle no longer exists, remove it: {a} -> {b}"
        for a, b in allowed
        if b not in graph.get(a, ())
    ]
    return problems


def test_no_import_cycle_between_files():
    problems = unexpected(import_graph(), ALLOWED)
    assert not problems, "\n".join(problems)


def test_no_import_cycle_between_areas():
    problems = unexpected(area_graph(without(import_graph(), ALLOWED)))
    assert not problems, "\n".join(problems)


def test_no_layer_imports_one_above_it():
    problems = upward_imports(import_graph())
    assert not problems, "\n".join(problems)


def test_the_layer_check_fails_when_an_arrow_points_up():
    graph = {
        "portal": {"portal.areas", "portal.web.access"},
        "portal.areas": set(),
        "portal.ops.cli": {"portal", "portal.reports.domain", "portal.platform.crypto"},
        "portal.reports.domain": {"portal.core.accounts.people", "portal.web.forms"},
        "portal.web.forms": {"portal.core.accounts.people", "portal.platform.i18n"},
        "portal.web.access": {"portal.core.accounts.people"},
        "portal.core.accounts.people": {"portal.platform.crypto"},
        "portal.platform.crypto": set(),
        "portal.platform.i18n": {"portal.platform.crypto"},
    }
    assert upward_imports(graph) == []

    # Each arrow a newcomer might add, one at a time, is named.
    for source, target in [
        ("portal.platform.crypto", "portal.core.accounts.people"),  # platform -> core
        ("portal.platform.i18n", "portal.web.forms"),  # platform -> web glue
        ("portal.platform.i18n", "portal.reports.domain"),  # platform -> area
        ("portal.core.accounts.people", "portal.web.access"),  # core -> web glue
        ("portal.web.access", "portal.reports.domain"),  # web glue -> area
        ("portal.reports.domain", "portal.ops.cli"),  # area -> operations
        ("portal.web.forms", "portal"),  # web glue -> the app factory
        ("portal", "portal.ops.cli"),  # the app factory -> operations
    ]:
        graph[source].add(target)
        assert upward_imports(graph) == [
            f"{source} ({layer_of(source)}) imports {target} ({layer_of(target)})"
        ]
        graph[source].discard(target)


def test_the_check_fails_when_a_cycle_is_added():
    graph = {
        "portal.a.views": {"portal.a.domain"},
        "portal.a.domain": {"portal.b.domain", "portal.platform.crypto"},
        "portal.b.domain": {"portal.b.models"},
        "portal.b.models": set(),
        "portal.platform.crypto": set(),
    }
    assert unexpected(graph) == []
    assert unexpected(area_graph(graph)) == []

    graph["portal.b.models"].add("portal.a.views")  # the cycle a newcomer might add
    problems = unexpected(graph)
    assert len(problems) == 1
    for name in ("portal.a.views", "portal.a.domain", "portal.b.domain", "portal.b.models"):
        assert name in problems[0]
    assert "portal.b.models -> portal.a.views" in problems[0]
    area_problems = unexpected(area_graph(graph))
    assert len(area_problems) == 1 and "a, b" in area_problems[0]

    # Between areas only: b's views import a's domain, a's views import b's domain.
    graph["portal.b.models"].clear()
    graph["portal.b.views"] = {"portal.a.domain"}
    assert unexpected(graph) == []
    assert "cycle between a, b" in unexpected(area_graph(graph))[0]

    # An allowed arrow takes its cycle out; an allowed arrow that is gone is reported.
    allowed = [("portal.b.views", "portal.a.domain")]
    assert unexpected(area_graph(without(graph, allowed))) == []
    del graph["portal.b.views"]
    assert "no longer exists" in unexpected(graph, allowed)[0]


def test_the_graph_reads_function_level_and_relative_imports(tmp_path):
    package = tmp_path / "portal"
    (package / "x").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "x" / "__init__.py").write_text("")
    (package / "x" / "one.py").write_text("def f():\n    from . import two\n")
    (package / "x" / "two.py").write_text("import portal.x.one\n")
    graph = import_graph(package)
    assert graph["portal.x.one"] == {"portal.x.two"}
    assert graph["portal.x.two"] == {"portal.x.one"}
    assert cycles(graph) == [frozenset({"portal.x.one", "portal.x.two"})]
