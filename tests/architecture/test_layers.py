"""The apps depend on each other in one direction only: an app imports only apps of lower
layers, and the kernel imports none by name (DESIGN.md, "Apps and their layers"). What a
lower app shows of a higher one comes through the registry's hooks."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

# The table of DESIGN.md as data: package → layer. Apps not built yet keep their place.
LAYERS = {
    "portal": 0,
    "cities": 1,
    "members": 2,
    "funding": 3,
    "standards": 3,
    "bestpractices": 4,
    "events": 4,
    "digitalcheck": 5,
    "advice": 5,
    "notifications": 6,
    "opendata": 6,
    # Operational code above every app: it may import them all, none may import it.
    "tools": 7,
}
# Operational code that no app may import (``bench`` and ``scripts`` are not apps).
TOOLS = {"tools", "bench", "scripts"}
ROOT = Path(settings.BASE_DIR)


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, at any depth of the module (also inside
    functions: a deferred import is still a dependency)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def upward_imports(app: str, root: Path = ROOT) -> list[str]:
    """``file: imported package`` for every import of an app of the same or a higher layer
    or of the operational tools."""
    layer = LAYERS[app]
    wrong = []
    for path in sorted((root / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for package in imported_packages(path) & (LAYERS.keys() | TOOLS) - {app}:
            if (package in TOOLS and app not in TOOLS) or LAYERS.get(package, -1) >= layer:
                wrong.append(f"{path.relative_to(root)}: {package}")
    return wrong


def test_the_table_knows_every_project_app():
    assert set(settings.PROJECT_APPS) <= LAYERS.keys()


@pytest.mark.parametrize("app", sorted({*settings.PROJECT_APPS, "tools"}))
def test_an_app_imports_only_apps_of_lower_layers(app):
    assert upward_imports(app) == []


def test_the_check_finds_an_upward_import(tmp_path):
    # The test above must be able to fail: a domain module importing a higher app.
    (tmp_path / "funding").mkdir()
    (tmp_path / "funding" / "related.py").write_text(
        "def projects():\n    from bestpractices.models import Project\n    return Project\n"
    )
    (tmp_path / "funding" / "migrations").mkdir()
    (tmp_path / "funding" / "migrations" / "0001_initial.py").write_text("import events.models\n")
    assert upward_imports("funding", root=tmp_path) == ["funding/related.py: bestpractices"]
