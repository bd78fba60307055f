"""The year as each role lives it, in the browser (Playwright, Debian's Chromium, the live server).
Steps 1-5 (tests/browser/walk/steps_1_to_5.py) leave three announced events; steps 6-11
(tests/browser/walk/steps_6_to_11.py) take each of them to its report and awards. Every page
visited is screenshotted under test-artifacts/screenshots/ and checked with axe-core.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.walk.steps_1_to_5 import WINNERS, walk_steps_1_to_5
from tests.browser.walk.steps_6_to_11 import walk_steps_6_to_11
from tests.browser.walk.world import year_world

# The walk starts on the first Monday of February of a fixed year, whatever day it runs on: the
# year's steps, its events, the quarter's report and the awards then all fall in one year and one
# quarter's calendar. On the real date, a walk run in December announced events for the next year.
# time_machine moves the clock of every thread of this process (the live server's too) and lets it
# tick on; the browser keeps its own clock, which is harmless: Django's cookies carry Max-Age.
WALK_STARTS = datetime(2026, 2, 2, 8, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.mark.django_db(transaction=True)
def test_the_whole_year(visit):
    with time_machine.travel(WALK_STARTS, tick=True):
        world = year_world()
        assert world.year == WALK_STARTS.year
        events = walk_steps_1_to_5(visit, world)
        assert len(events) == len(WINNERS)
        assert {event.date.year for event in events} == {world.year}
        walk_steps_6_to_11(visit, world, events)
