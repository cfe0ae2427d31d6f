"""No import runs from a lower app to a higher one, by the order written once in docs/architecture.md.

Every module under src/socialfund is parsed (not imported), and every `import socialfund.X` or
`from socialfund.X import …` in it counts, at module level or inside a function: a lazy import is still an
arrow. Only imports under `if TYPE_CHECKING:` are left out (a type named in an annotation, nothing run).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "socialfund"
DOC = ROOT / "docs" / "architecture.md"

# The imports that still run upward, each with what removes it. The list only shrinks: an entry that no
# longer occurs fails the test too, so whoever removes a back-arrow removes its line here.
KNOWN_BACK_ARROWS: dict[tuple[str, str], str] = {}


def layer_order() -> dict[str, int]:
    """Each top-level name under socialfund and its layer's height (0 = the bottom), from the doc's list."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- layers: top first -->(.*?)<!-- /layers -->", text, re.S)
    assert block, "docs/architecture.md must hold the layer list between <!-- layers --> markers"
    lines = [line for line in block.group(1).splitlines() if line.strip().startswith("- ")]
    order: dict[str, int] = {}
    for height, line in enumerate(reversed(lines)):
        names = line.split(":", 1)[1]
        for name in (n.strip() for n in names.split(",")):
            assert name not in order, f"{name} is in two layers"
            order[name] = height
    return order


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def imports(src: Path) -> Iterator[tuple[str, str, str, int]]:
    """(module path under socialfund, its app, the app it imports, line) for every socialfund import."""
    for path in sorted(src.rglob("*.py")):
        relative = path.relative_to(src)
        app = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            modules: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
                if node.module == "socialfund":
                    modules = [f"socialfund.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "socialfund" and len(parts) > 1 and parts[1] != app:
                    yield relative.as_posix(), app, parts[1], node.lineno


def back_arrows(src: Path = SRC) -> dict[tuple[str, str], list[int]]:
    order = layer_order()
    found: dict[tuple[str, str], list[int]] = {}
    for module, app, target, line in imports(src):
        if order[target] > order[app]:
            found.setdefault((module, target), []).append(line)
    return found


def test_every_app_has_a_place_in_the_order():
    order = layer_order()
    names = {p.name for p in SRC.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    names |= {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    names -= {"templates", "static", "locale"}
    assert sorted(names - set(order)) == [], "add the new app to the list in docs/architecture.md"


def test_no_import_runs_from_a_lower_app_to_a_higher_one():
    found = back_arrows()
    new = sorted(
        f"{module}:{lines[0]} imports {target}"
        for (module, target), lines in found.items()
        if (module, target) not in KNOWN_BACK_ARROWS
    )
    assert new == []


def test_the_known_back_arrows_only_shrink():
    found = back_arrows()
    gone = sorted(f"{module} -> {target}" for module, target in KNOWN_BACK_ARROWS if (module, target) not in found)
    assert gone == [], "this back-arrow is gone: remove its line from KNOWN_BACK_ARROWS"


def test_the_check_sees_a_back_arrow_inside_a_function_and_not_a_type_only_import(tmp_path):
    """The scanner is not blind: a lazy import from cases into reports is found; a TYPE_CHECKING one is not."""
    fake = tmp_path / "socialfund" / "cases"
    fake.mkdir(parents=True)
    (fake / "lazy.py").write_text("def f():\n    from socialfund.reports import april\n", encoding="utf-8")
    (fake / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from socialfund.ledger.models import Grant\n",
        encoding="utf-8",
    )
    assert back_arrows(tmp_path / "socialfund") == {("cases/lazy.py", "reports"): [2]}
