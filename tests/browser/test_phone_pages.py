"""Every page of every demo role on a 390x844 phone: none scrolls sideways.

The pages are found as tests/test_links.py finds them (each role follows every same-site link from
the home page); each page is then opened once, in a phone-sized Chromium tab signed in as a role
that reached it, and its width is measured."""

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from demo.people import DEMO_PASSWORD, seed_people
from tests.browser.conftest import PHONE
from tests.test_links import DEMO_DAY, broken_links

PAGES_PER_ROLE = 120


@pytest.mark.django_db(transaction=True)
def test_no_page_of_any_role_scrolls_sideways_on_a_phone(visit):
    from tests.factories import ensure_offices

    with time_machine.travel(DEMO_DAY, tick=True):
        ensure_offices()
        call_command("seed_demo", verbosity=0)
        owner = {}  # page -> the first login that reached it
        logins = seed_people(timezone.localdate().year)
        for label, person in logins:
            for url in broken_links(person, collect=True, most=PAGES_PER_ROLE)[1]:
                owner.setdefault(url, (label, person))
        wide = []
        for label, person in logins:
            mine = [url for url, (_label, p) in owner.items() if p.pk == person.pk]
            if not mine:
                continue
            tab = visit(f"phone-{label}", viewport=PHONE)
            tab.login(person.nip, DEMO_PASSWORD)
            for url in mine:
                tab.page.goto(tab.base + url)
                tab.page.wait_for_load_state()
                width = tab.page_width()
                if width > PHONE["width"]:
                    tab.look(f"wide-{url}")
                    wide.append((label, url, width))
            tab.close()
    assert len(owner) > 50
    assert wide == []
