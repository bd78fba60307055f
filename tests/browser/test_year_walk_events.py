"""SOP steps 6-11 of the year, walked in the browser on their own (tests/browser/walk/).

The set-up builds, through the services, the state the first half of the walk leaves behind: the
demo people of organization.demo with their roles, this year's cycle with an agreed concept, the
theme proposals, the ballots, the close and the announcement, which creates the three events.
"""

import io
from datetime import date

import pytest

from cycles.calendar import WorkingCalendar
from cycles.services import complete_step, create_cycle
from tests.browser.walk.steps_6_to_11 import walk_steps_6_to_11
from tests.browser.walk.world import year_world
from voting import demo, results


def announced_year():
    """This year's cycle up to step 5: three themes announced, their events created, dated as
    the CAN would date them today: the earliest allowed day, then ten and twenty working days
    later."""
    world = year_world()
    cycle = create_cycle(
        province=world.province, year=world.year, start_date=date(world.year, 1, 5)
    )
    can = world.can
    demo._concept(cycle, can, world.cc)
    for number in (1, 2):
        complete_step(cycle.steps.get(number=number), by=can)
    out = io.StringIO()
    demo._proposals(cycle, can, out)
    vote = results.close_vote(demo._vote(cycle, can, out), by=can)
    tally = results.tally(vote)
    if tally.has_tie and results.winners(vote) is None:
        results.decide_tie(
            vote,
            by=can,
            chosen_ids=[p.pk for p in tally.tied[: tally.open_seats]],
            reason="Usulan yang lebih dahulu masuk.",
        )
    cal = WorkingCalendar.load()
    earliest = results.earliest_event_date(vote)
    winners = results.winners(vote)
    entries = {
        w.proposal.pk: {"event_date": cal.add_working_days(earliest, 1 + 10 * n)}
        for n, w in enumerate(winners)
    }
    results.save_selections(vote, by=can, entries=entries)
    results.announce_results(vote, by=can)
    return world, list(cycle.events.order_by("date"))


@pytest.mark.django_db(transaction=True)
def test_steps_6_to_11_of_the_year(visit, settings):
    # Twenty log-ins through the form: Argon2 (about 0.5 s a check on this shared machine) is
    # tested elsewhere, the walk is about the pages.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world, events = announced_year()
    assert len(events) == 3
    walk_steps_6_to_11(visit, world, events)
