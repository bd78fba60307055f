"""A form refused for a bad value shows the page again with what the person typed
still in it, says what is wrong, and stores nothing (no redirect that loses the input).

Each case posts one invalid submission to a user-facing form view of the permission matrix's
world, with a recognisable text ("Ketikan uji 4821") in a field that was itself fine.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cycles.models import CalendarDay, Concept, Cycle
from events.models import (
    Attendance,
    CommitteeMember,
    Event,
    EventTeamAssignment,
    EventTeamNeed,
    Minutes,
    Photo,
    TeamUnavailability,
)
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role
from tests.test_permission_matrix import build_world
from tests.voting.helpers import set_due
from voting.models import ProposalReopening, ThemeProposal

pytestmark = pytest.mark.django_db

TYPED = "Ketikan uji 4821"
ERROR_MARKS = ("invalid-feedback", "errorlist", "alert-danger", "text-danger")


@dataclass
class Case:
    url: str
    person: str
    data: dict
    stored: callable  # what the submission would have changed, read before and after
    args: callable = lambda w: []
    shown: str = TYPED  # the typed value that must come back
    prepare: callable = lambda w: None  # the state in which the form is shown


def submitted_concept(w):
    Concept.objects.filter(cycle=w.cycle).update(status=Concept.Status.SUBMITTED)


def second_team_member(w):
    give_role(EmployeeFactory(full_name="Calon Pengganti, S.ST."), RoleAssignment.Role.EVENT_TEAM)


def event_args(w):
    return [w.event.pk]


def team_lead(w):
    """The SOP acts of the event are done by their SOP role, not by the administrator."""
    lead = EmployeeFactory(full_name="Ketua Event Team, S.ST.")
    give_role(lead, RoleAssignment.Role.EVENT_TEAM_LEAD)
    w.people["team_lead"] = lead


def team_lead_and_second_member(w):
    team_lead(w)
    second_team_member(w)


def note_taker(w):
    person = EmployeeFactory(full_name="Notulis Acara, S.ST.", office=w.office_a)
    CommitteeMember.objects.create(
        event=w.event, role=CommitteeMember.Role.NOTE_TAKER, employee=person
    )
    w.people["note_taker"] = person


def note_taker_during_the_event(w):
    """The event is today, all day: the note taker still keeps the attendance."""
    note_taker(w)
    Event.objects.filter(pk=w.event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )


def event_ended(w):
    """The event ended a month ago: only the CAN corrects the attendance, with a reason."""
    Event.objects.filter(pk=w.event.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=30)
    )


def readiness_confirmed(w):
    """Photos are uploaded once the event is ready (step 7 confirmed)."""
    Event.objects.filter(pk=w.event.pk).update(status=Event.Status.READY)


CASES = {
    "calendar day": Case(
        "cycles:calendar",
        "can",
        {"date": "2025-02-30", "kind": "closed", "reason": TYPED},
        lambda w: CalendarDay.objects.count(),
    ),
    "new cycle": Case(
        "cycles:cycle_create",
        "can",
        {"start_date": "bukan tanggal", "themes_to_select": "3", "proposals_per_office": "2"},
        lambda w: Cycle.objects.count(),
        shown="bukan tanggal",
    ),
    "replan": Case(
        "cycles:cycle_replan",
        "can",
        {"from_step": "3", "start": "31/31/2026"},
        lambda w: list(w.cycle.steps.values_list("due", flat=True)),
        shown="31/31/2026",
    ),
    "concept decision": Case(
        "cycles:concept_decide",
        "cc",
        {"decision": "zzz", "comment": TYPED},
        lambda w: Concept.objects.get(cycle=w.cycle).status,
        prepare=submitted_concept,
    ),
    "new proposal": Case(
        "voting:proposal_create",
        "ca_a",
        {"title": TYPED, "abstract": "", "relevance": "Manfaat.", "preferred_quarter": "3"},
        lambda w: ThemeProposal.objects.count(),
    ),
    "proposal edit": Case(
        "voting:proposal_edit",
        "ca_a",
        {"title": TYPED, "abstract": "", "relevance": "Manfaat.", "preferred_quarter": "3"},
        lambda w: ThemeProposal.objects.get(pk=w.proposal.pk).title,
        args=lambda w: [w.proposal.pk],
    ),
    "reopen proposals": Case(
        "voting:proposals_reopen",
        "can",
        {"until": "kemarin", "reason": TYPED},
        lambda w: ProposalReopening.objects.count(),
    ),
    "committee member": Case(
        "events:committee",
        "ca_a",
        {"role": "zzz", "external_name": TYPED, "external_institution": "", "duty": ""},
        lambda w: CommitteeMember.objects.count(),
        args=event_args,
    ),
    "Event Team need": Case(
        "events:team_need",
        "can",
        {"role": "mc", "people": "99", "start_time": "08:00", "end_time": "10:00", "note": TYPED},
        lambda w: EventTeamNeed.objects.count(),
        args=event_args,
    ),
    "member unavailable": Case(
        "events:team_unavailable",
        "team_lead",
        {"employee": "999999", "reason": TYPED},
        lambda w: TeamUnavailability.objects.count(),
        args=event_args,
        prepare=team_lead,
    ),
    "swap member": Case(
        "events:team_swap",
        "team_lead",
        {"employee": "999999", "reason": TYPED},
        lambda w: EventTeamAssignment.objects.get(pk=w.assignment.pk).status,
        args=lambda w: [w.event.pk, w.assignment.pk],
        prepare=team_lead_and_second_member,
    ),
    "add attendee": Case(
        "events:attendance",
        "note_taker",
        {"nip": "1999 0101 4821"},
        lambda w: Attendance.objects.count(),
        args=event_args,
        shown="1999 0101 4821",
        prepare=note_taker_during_the_event,
    ),
    "late attendee": Case(
        "events:attendance",
        "can",
        {"nip": "1999 0101 4821", "reason": TYPED},
        lambda w: Attendance.objects.count(),
        args=event_args,
        prepare=event_ended,
    ),
    "minutes": Case(
        "events:minutes",
        "note_taker",
        {"summary": "", "questions_answers": TYPED, "follow_ups": ""},
        lambda w: Minutes.objects.count(),
        args=event_args,
        prepare=note_taker,
    ),
    "photo": Case(
        "events:photos",
        "ca_a",
        {"caption": TYPED},
        lambda w: Photo.objects.count(),
        args=event_args,
        prepare=readiness_confirmed,
    ),
    "role": Case(
        "organization:roles",
        "can_coordinator",
        {"employee": "999999", "role": "ca", "office": "", "year": "2026", "note": TYPED},
        lambda w: RoleAssignment.objects.count(),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_refused_form_comes_back_with_what_was_typed(client, name):
    case = CASES[name]
    world = build_world()
    set_due(world.cycle, 3, timezone.localdate() + datetime.timedelta(days=10))
    case.prepare(world)
    client.force_login(world.people[case.person])
    before = case.stored(world)
    response = client.post(reverse(case.url, args=case.args(world)), case.data)
    html = response.content.decode()
    assert response.status_code in (200, 400), f"{name}: answered {response.status_code}"
    assert escape(case.shown) in html, f"{name}: the typed value is gone"
    assert any(mark in html for mark in ERROR_MARKS), f"{name}: no visible error"
    assert case.stored(world) == before, f"{name}: something was stored"
