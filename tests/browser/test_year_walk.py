"""Issue 9: the year as each role lives it, in the browser (Playwright, Debian's Chromium, the
live server). Steps 1-5 (tests/browser/walk/steps_1_to_5.py) leave three announced events;
steps 6-11 (tests/browser/walk/steps_6_to_11.py) take each of them to its report and awards.
Every page visited is screenshotted under test-artifacts/screenshots/ and checked with axe-core.
"""

import pytest

from tests.browser.walk.steps_1_to_5 import WINNERS, walk_steps_1_to_5
from tests.browser.walk.steps_6_to_11 import walk_steps_6_to_11
from tests.browser.walk.world import year_world


@pytest.mark.django_db(transaction=True)
def test_the_whole_year(visit, settings):
    # Some thirty log-ins through the form: Argon2 (about 0.5 s a check on this shared machine)
    # is tested elsewhere; the walk is about the pages. The demo passwords are hashed with this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = year_world()
    events = walk_steps_1_to_5(visit, world)
    assert len(events) == len(WINNERS)
    walk_steps_6_to_11(visit, world, events)
