"""The demo sits on top: it imports the stage apps, and nothing outside demo/ (but the tests and
the benchmarks) imports it, neither by statement nor by name."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ALLOWED = {"demo", "tests", "bench"}  # top-level folders that may import demo
SKIPPED = {".venv", "var", "locale", "static", "node_modules"}
DYNAMIC = {"import_module", "import_string", "__import__"}


def product_modules():
    for path in sorted(ROOT.rglob("*.py")):
        top = path.relative_to(ROOT).parts[0]
        if top in ALLOWED or top in SKIPPED or top.startswith("."):
            continue
        yield path


def names_demo(module: str) -> bool:
    return module == "demo" or module.startswith("demo.") or ".demo" in module


def demo_imports(path: Path) -> list[str]:
    """`line: what` of every import of the demo in `path`, and of every import by a computed
    name (which could reach it without saying so)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if names_demo(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(names_demo(m) for m in modules):
                names = ", ".join(a.name for a in node.names)
                found.append(f"{node.lineno}: from {node.module} import {names}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if name not in DYNAMIC or not node.args:
                continue
            arg = node.args[0]
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                found.append(f"{node.lineno}: {name}() of a computed name")
            elif names_demo(arg.value):
                found.append(f"{node.lineno}: {name}({arg.value!r})")
    return found


def test_nothing_outside_the_demo_imports_it():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in product_modules()
        if (found := demo_imports(path))
    }
    assert offenders == {}


def test_the_stage_apps_carry_no_demo_code():
    stray = [
        str(path.relative_to(ROOT))
        for path in product_modules()
        if path.stem.startswith(("demo", "seed_demo", "seed_national"))
    ]
    assert stray == []


def test_the_check_sees_an_import_of_the_demo(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import importlib\n"
        "from demo import story\n"
        "import demo.national.seed\n"
        "from organization import demo as people_demo\n"
        "importlib.import_module(f'{app}.demo')\n"
        "importlib.import_module('voting.demo_national')\n"
        "importlib.import_module('voting.models')\n",
        encoding="utf-8",
    )
    assert demo_imports(sample) == [
        "2: from demo import story",
        "3: import demo.national.seed",
        "4: from organization import demo",
        "5: import_module() of a computed name",
        "6: import_module('voting.demo_national')",
    ]


# The floor and the wiring: common/ imports no app of Serawai, and the apps take from serawai/
# only what Django and Celery start from (they never need settings.py itself: django.conf does).
PROJECT_PACKAGES = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
WIRING = {"settings", "urls", "wsgi", "asgi", "celery"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in `path`, a `from x import y` counted as x.y
    too, and of every import_module()/import_string() of a constant name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            arg = node.args[0]
            if name in DYNAMIC and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
    return sorted(found)


def floor_offences(path: Path, also=frozenset()) -> list[str]:
    """Imports of a project package other than common (and the packages `also` names)."""
    return [
        f"{line}: {module}"
        for line, module in imported_modules(path)
        if module.split(".")[0] in PROJECT_PACKAGES - {"common", *also}
    ]


def wiring_offences(path: Path) -> list[str]:
    return [
        f"{line}: {module}"
        for line, module in imported_modules(path)
        if module.split(".")[0] == "serawai"
        and (len(module.split(".")) < 2 or module.split(".")[1] not in WIRING)
    ]


def test_common_imports_no_app():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "common").rglob("*.py"))
        if (found := floor_offences(path))
    }
    assert offenders == {}


def test_notifications_stand_just_above_the_floor():
    """Every app may notify, so notifications import nothing but the floor (common)."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "notifications").rglob("*.py"))
        if (found := floor_offences(path, also={"notifications"}))
    }
    assert offenders == {}


def test_apps_take_only_the_wiring_from_serawai():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in product_modules()
        if path.relative_to(ROOT).parts[0] != "serawai" and (found := wiring_offences(path))
    }
    assert offenders == {}


def test_the_checks_see_an_app_imported_by_the_floor(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import importlib\n"
        "from django.db import models\n"
        "from common.text import one_line\n"
        "from organization.models import Employee\n"
        "import cycles.sop\n"
        "importlib.import_module('voting.models')\n"
        "from serawai.celery import app\n"
        "from serawai.text import one_line\n"
        "from serawai import redis_cache\n",
        encoding="utf-8",
    )
    assert floor_offences(sample) == [
        "4: organization.models.Employee",
        "5: cycles.sop",
        "6: voting.models",
        "7: serawai.celery.app",
        "8: serawai.text.one_line",
        "9: serawai.redis_cache",
    ]
    assert wiring_offences(sample) == ["8: serawai.text.one_line", "9: serawai.redis_cache"]


def test_nothing_imports_the_audit_app():
    """audit/ sits on top: it registers the trail of every app, and no app depends on it."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in product_modules()
        if path.relative_to(ROOT).parts[0] != "audit"
        and (
            found := [
                f"{line}: {module}"
                for line, module in imported_modules(path)
                if module.split(".")[0] == "audit"
            ]
        )
    }
    assert offenders == {}
