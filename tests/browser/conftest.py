"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against the live server.

No browser is downloaded. Where Chromium is missing the tests skip with that reason, except with
CI=true (.ci/run installs it), where they fail. Every page visited is screenshotted into
test-artifacts/screenshots/ (git-ignored) and checked with axe-core.
"""

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SERAWAI_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# How long a wait for a page, a navigation or an element may last before the test gives up. Every
# wait returns as soon as its condition holds, so this only decides when a loaded CI machine is
# declared stuck; Playwright's default (30 s) was reached there by a navigation that did finish.
WAIT_LIMIT_MS = 120_000

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_problem() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    items = [item for item in items if here in Path(item.fspath).parents]
    problem = _chromium_problem() if items else None
    if problem is None:
        return
    if IN_CI:
        pytest.exit(f"browser tests cannot run in CI: {problem}", returncode=1)
    for item in items:
        item.add_marker(pytest.mark.skip(reason=problem))


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


class Visitor:
    """One person's browser tab: logs in through the real form, screenshots and axe-checks pages."""

    def __init__(
        self, chromium, live_server, name: str, folder: Path, viewport=DESKTOP, numbers=None
    ):
        self.context = chromium.new_context(viewport=viewport, locale="id-ID")
        self.context.set_default_timeout(WAIT_LIMIT_MS)
        self.context.set_default_navigation_timeout(WAIT_LIMIT_MS)
        self.page = self.context.new_page()
        self.base = live_server.url
        self.name = name
        self.folder = folder
        self.shots = 0
        self.viewport = viewport
        # One sequence for all the tabs of a test: the screenshots sort in the order of the walk.
        self.numbers = numbers or itertools.count(1)

    def login(self, nip: str, password: str):
        self.go("/accounts/login/", "login")
        self.page.fill("input[name=username]", nip)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()
        return self

    def go(self, path: str, label: str | None = None):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state()
        self.look(label or path)
        return self.page

    def look(self, label: str):
        """Screenshot the page and check it with axe-core: no serious or critical violation."""
        self.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "page"
        self.folder.mkdir(parents=True, exist_ok=True)
        shot = self.folder / f"{next(self.numbers):03d}-{self.name}-{slug}.png"
        self.page.screenshot(path=shot, full_page=True)
        assert_accessible(self.page, label)

    def page_width(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth")

    def close(self):
        self.context.close()


def assert_accessible(page, label: str):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    details = "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in bad
    )
    assert not bad, f"axe violations on {label}: {details}"


@pytest.fixture
def visit(chromium, live_server, request):
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    opened = []
    numbers = itertools.count(1)

    def open_tab(name: str, viewport=DESKTOP) -> Visitor:
        visitor = Visitor(chromium, live_server, name, folder, viewport, numbers)
        opened.append(visitor)
        return visitor

    yield open_tab
    for visitor in opened:
        visitor.close()
