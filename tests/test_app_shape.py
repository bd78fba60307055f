"""Every stage app has the same parts, named the same, so that a newcomer who knows one app knows
them all: models, services/ (the writes, one module per concept, no facade), selectors (the
reads), forms, views/ (one module per concept), urls, rules, tasks, admin."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STAGE_APPS = ("cycles", "voting", "events", "reports", "evaluations")
SHAPED = STAGE_APPS
PARTS = ("models", "services", "selectors", "forms", "views", "urls", "rules", "tasks", "admin")


def part_exists(app: Path, name: str) -> bool:
    return (app / f"{name}.py").is_file() or (app / name / "__init__.py").is_file()


def holds_only_a_docstring(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    only = body[0] if len(body) == 1 else None
    return isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant)


@pytest.mark.parametrize("name", SHAPED)
def test_a_shaped_app_has_every_part(name):
    app = ROOT / name
    assert [part for part in PARTS if not part_exists(app, part)] == []


@pytest.mark.parametrize("name", SHAPED)
def test_services_and_views_are_packages_without_a_facade(name):
    app = ROOT / name
    for package in ("services", "views"):
        assert not (app / f"{package}.py").exists()
        assert holds_only_a_docstring(app / package / "__init__.py"), f"{name}.{package}"


@pytest.mark.parametrize("name", SHAPED)
def test_no_sibling_modules_beside_the_parts(name):
    """No `concept_models.py` beside models, no `views_concept.py` or `calendar_views.py` beside
    views, no `forms_concept.py` beside forms: they go inside the part."""
    stems = {path.stem for path in (ROOT / name).glob("*.py")}
    siblings = {
        stem
        for stem in stems
        for part in ("models", "views", "forms", "services", "selectors")
        if stem != part and (stem.startswith(f"{part}_") or stem.endswith(f"_{part}"))
    }
    assert siblings == set()


def imported_modules(path: Path):
    """The absolute dotted names `path` imports."""
    here = path.relative_to(ROOT).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_no_stage_app_imports_a_siblings_views():
    offenders = []
    for name in STAGE_APPS:
        for path in sorted((ROOT / name).rglob("*.py")):
            for module in imported_modules(path):
                top, _, rest = module.partition(".")
                if top in STAGE_APPS and top != name and rest.split(".")[0] == "views":
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []
