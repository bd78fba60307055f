"""Events of this quarter with a Narasumber and attendees, for the step 11 tests."""

import datetime

import pytest
from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.services.cycle import create_cycle
from events.models import Attendance, CommitteeMember
from events.services.preparation import create_event
from tests.factories import EmployeeFactory, office, province


def event_date_this_quarter(offset_days: int = 7) -> datetime.date:
    """A working day early in the current quarter, so the evaluation window is open today."""
    today = timezone.localdate()
    quarter_start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return WorkingCalendar.load().first_working_day_on_or_after(
        quarter_start + datetime.timedelta(days=offset_days)
    )


def add_speaker(event, name="Dr. Andi Wijaya, M.Si.", external=False):
    if external:
        return CommitteeMember.objects.create(
            event=event, role=CommitteeMember.Role.SPEAKER, external_name=name
        )
    person = EmployeeFactory(full_name=name, office=event.host_office)
    return CommitteeMember.objects.create(
        event=event, role=CommitteeMember.Role.SPEAKER, employee=person
    )


def attend(event, n=1, **fields) -> list:
    people = [EmployeeFactory(**fields) for _ in range(n)]
    Attendance.objects.bulk_create(
        Attendance(event=event, employee=p, source=Attendance.Source.SELF) for p in people
    )
    return people


def make_event(cycle, title="Pemanfaatan Big Data untuk Statistik Harga", code="1701", **kw):
    return create_event(
        cycle=cycle,
        title=title,
        host_office=office(code),
        event_date=kw.pop("event_date", event_date_this_quarter()),
        **kw,
    )


@pytest.fixture
def cycle(db):
    year = timezone.localdate().year
    return create_cycle(province=province(), year=year, start_date=datetime.date(year, 1, 5))


@pytest.fixture
def event(cycle):
    event = make_event(cycle)
    add_speaker(event)
    return event
