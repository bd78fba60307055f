"""demo.events.seed prepares the demo cycle's events and can run twice."""

import datetime
import io

import pytest
from django.utils import timezone

from demo import events as events_demo
from events.models import Attendance, Event, EventTeamAssignment, Minutes
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, make_cycle, make_event, office, working_day

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role


def test_seed_holds_past_events_and_prepares_future_ones(ca_1701, ca_province, can_member):
    lead = EmployeeFactory(full_name="Ketua Event Team")
    give_role(lead, Role.EVENT_TEAM_LEAD)
    for n in range(4):
        give_role(EmployeeFactory(full_name=f"Anggota ET {n}"), Role.EVENT_TEAM)
    for n in range(5):
        EmployeeFactory(office=office("1701"), full_name=f"Staf Bengkulu Selatan {n}")
    cycle = make_cycle()
    today = timezone.localdate()
    past = make_event(cycle=cycle, event_date=working_day(today - datetime.timedelta(days=20)))
    future = make_event(cycle=cycle, event_date=working_day(today + datetime.timedelta(days=40)))

    for _run in range(2):
        out = io.StringIO()
        events_demo.seed(cycle, out)
    assert "2 events" in out.getvalue()
    past.refresh_from_db()
    future.refresh_from_db()
    assert past.status == Event.Status.HELD and future.status == Event.Status.PLANNED
    assert Attendance.objects.filter(event=past).count() >= 10
    assert not Attendance.objects.filter(event=future).exists()
    assert Minutes.objects.get(event=past).is_final
    assert EventTeamAssignment.objects.filter(event=past, status="confirmed").count() == 3
    # each step done on its own day, none late; the future event's preparation has not begun
    for step in past.steps.filter(completed_at__isnull=False):
        assert timezone.localdate(step.completed_at) <= step.due, step.number
    assert not future.committee_letter_url
