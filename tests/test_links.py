"""Every link the product shows a demo login leads somewhere: each role of the demo, signed in,
follows every same-site link breadth-first from the home page and meets no 403, 404 or 500."""

import collections
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from demo.people import demo_logins

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]*)')
# Not pages of the product: assets, the admin's own pages, the language switcher, sign-out.
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout", "/oidc/")
MOST_PAGES = 400
DEMO_DAY = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def broken_links(person, *, collect=False, most=MOST_PAGES) -> tuple[int, list]:
    """(pages visited, [(status, url, the page that linked it)]) for `person`; with `collect`,
    (pages visited, [every HTML page that answered 200]) instead."""
    client = Client(raise_request_exception=False)
    client.force_login(person)
    seen, queue, broken, pages = {"/"}, collections.deque([("/", None)]), [], []
    while queue and len(seen) < most:
        url, parent = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            broken.append((response.status_code, url, parent))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages.append(url)
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            if href.startswith("/") and not href.startswith(SKIP) and href not in seen:
                seen.add(href)
                queue.append((href, url))
    return len(seen), pages if collect else broken


def test_every_link_shown_to_every_demo_login_leads_somewhere():
    with time_machine.travel(DEMO_DAY, tick=True):
        call_command("seed_demo", verbosity=0)
        logins = demo_logins()  # Bengkulu's, and the guest provinces' (a vote, proposals)
        report = {}
        for label, person in logins:
            visited, broken = broken_links(person)
            assert visited > 10, (label, visited)  # the crawl really went through the product
            if broken:
                report[label] = broken
    assert report == {}
