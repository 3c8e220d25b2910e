"""Imports point down: demo → awards → campaigns → emulation. The one edge
allowed upward is written down in the README ("How the parts fit"): a plan's
quota names an award type, so campaigns may import awards.models."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["emulation", "campaigns", "awards", "demo"]  # each may import only those before it
ALLOWED_UPWARD = {("campaigns", "awards.models")}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_no_module_imports_from_an_app_above_it(app):
    above = LAYERS[LAYERS.index(app) + 1:]
    offending = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for line, module in imported_modules(path):
            top = module.split(".")[0]
            allowed = any(module == edge or module.startswith(f"{edge}.")
                          for layer, edge in ALLOWED_UPWARD if layer == app)
            if top in above and not allowed:
                offending.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offending == []


def test_the_layer_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from awards.selectors import offered_quotas\n", encoding="utf-8")
    assert imported_modules(module) == [(2, "awards.selectors")]
