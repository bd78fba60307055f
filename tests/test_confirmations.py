"""Destructive actions ask first. Opening the action's URL (GET) shows a "Yakin ...?"
page that says what will happen, with a cancel link and one submit button, and changes nothing;
the POST from that page does it. Who may open the page is who may do the action.
"""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cycles.models import CalendarDay
from events.models import CommitteeMember, EventTeamNeed
from organization.models import RoleAssignment
from tests.test_permission_matrix import (
    MATRIX,
    REDIRECT,
    ROLES,
    STAGES,
    build_world,
    observe,
    url_for,
)
from tests.voting.helpers import set_due
from voting.models import ThemeProposal, Vote

pytestmark = pytest.mark.django_db

# URL name -> (who does it, "is the thing still as it was?"); stage as in the matrix.
ACTIONS = {
    "cycles:calendar_remove": (
        "can",
        lambda w: CalendarDay.objects.filter(pk=w.calendar_day.pk).exists(),
    ),
    "events:committee_remove": (
        "ca_a",
        lambda w: CommitteeMember.objects.filter(pk=w.speaker.pk).exists(),
    ),
    "events:team_need_remove": (
        "can",
        lambda w: EventTeamNeed.objects.filter(pk=w.need.pk).exists(),
    ),
    "organization:role_end": (
        "can_coordinator",
        lambda w: RoleAssignment.objects.get(pk=w.cc_role.pk).ended_on is None,
    ),
    "voting:proposal_delete": (
        "ca_a",
        lambda w: ThemeProposal.objects.filter(pk=w.proposal.pk).exists(),
    ),
    "voting:open": ("can", lambda w: not Vote.objects.filter(cycle=w.cycle).exists()),
    "voting:close": (
        "can",
        lambda w: Vote.objects.get(cycle=w.cycle).status == Vote.Status.OPEN,
    ),
}
# Asks first too; done only on an event whose minutes are written (tests/events).
ASK_ONLY = {"events:minutes_finalise": "superuser"}


@pytest.fixture
def world():
    """The matrix's world, with the proposals still open (step 3 due in ten days)."""
    w = build_world()
    set_due(w.cycle, 3, timezone.localdate() + datetime.timedelta(days=10))
    return w


@pytest.mark.parametrize("name", [*ACTIONS, *ASK_ONLY])
def test_the_confirm_page_opens_for_whoever_may_do_the_action(client, world, name):
    entry = MATRIX[name]
    with transaction.atomic():
        if entry.get("stage"):
            STAGES[entry["stage"]](world)
        _url, seen = observe(client, world, name, {"method": "get"})
        transaction.set_rollback(True)
    expected = {
        role: 200 if entry["expect"][role] == REDIRECT else entry["expect"][role] for role in ROLES
    }
    assert seen == expected


@pytest.mark.parametrize("name", list(ACTIONS))
def test_asking_changes_nothing_and_confirming_does_it(client, world, name):
    person, unchanged = ACTIONS[name]
    if MATRIX[name].get("stage"):
        STAGES[MATRIX[name]["stage"]](world)
    client.force_login(world.people[person])
    url = url_for(name, world)

    asked = client.get(url)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Yakin" in html and "Batal" in html
    assert f'<form method="post" action="{url}"' in html and '<button type="submit"' in html
    assert unchanged(world), "the GET changed something"

    done = client.post(url)
    assert done.status_code == 302
    assert not unchanged(world), "the POST did not do it"


def test_the_list_pages_open_the_confirm_page_instead_of_posting(client, world):
    client.force_login(world.people["ca_a"])
    proposals = client.get(reverse("voting:proposals")).content.decode()
    delete = reverse("voting:proposal_delete", args=[world.proposal.pk])
    assert f'<form method="get" action="{delete}"' in proposals
    assert f'<form method="post" action="{delete}"' not in proposals
    committee = client.get(reverse("events:committee", args=[world.event.pk])).content.decode()
    remove = reverse("events:committee_remove", args=[world.event.pk, world.speaker.pk])
    assert f'<form method="get" action="{remove}"' in committee
    assert f'<form method="post" action="{remove}"' not in committee
