"""Every stage app has the same parts, named the same: a newcomer who knows one knows them all.

Checked here for the apps already in that shape; the others join the list as they get it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SHAPED = ["events", "reports", "evaluations"]
PARTS = ["services", "selectors", "views", "exports"]
# Old migrations import an upload path from these modules, and old migrations are never edited.
MIGRATION_STUBS = {"events/material_models.py", "reports/evidence_models.py"}


def _only_docstring(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return (
        len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    )


@pytest.mark.parametrize("app", SHAPED)
def test_app_has_the_parts(app):
    base = ROOT / app
    for part in PARTS:
        assert (base / part).is_dir() or (base / f"{part}.py").is_file(), f"{app}: no {part}"
    for name in ("urls.py", "rules.py", "admin.py", "apps.py", "forms.py"):
        assert (base / name).is_file(), f"{app}: no {name}"
    assert (base / "models.py").is_file() or (base / "models" / "__init__.py").is_file()


@pytest.mark.parametrize("app", SHAPED)
def test_no_facades_and_no_stray_siblings(app):
    base = ROOT / app
    for part in ("services", "views"):
        init = base / part / "__init__.py"
        assert _only_docstring(init), f"{init.relative_to(ROOT)} should hold only a docstring"
    strays = [
        str(p.relative_to(ROOT))
        for p in base.glob("*.py")
        if p.stem.endswith("_models") or p.stem.startswith("views_") or p.stem.endswith("_views")
    ]
    assert set(strays) <= MIGRATION_STUBS, strays
