"""SOP roles act, administrators administer: being a superuser gives no SOP act."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from evaluations.models import OrganizerRating
from evaluations.services.ratings import open_presenter_evaluation
from events.models import Attendance
from organization.models import Employee, RoleAssignment
from tests.factories import EmployeeFactory, give_role, make_cycle, make_event
from tests.voting.helpers import open_proposals
from voting.models import Vote

pytestmark = pytest.mark.django_db
# The day after the event, while its evaluation is open.
DAY_AFTER = datetime.datetime(
    2026, 8, 13, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
)
Role = RoleAssignment.Role
SCORES = {"preparation": 5, "punctuality": 4, "technical_quality": 3, "documentation": 4}


@pytest.fixture
def administrator():
    return Employee.objects.create_superuser(
        "197501012000031001", "x" * 12, full_name="Admin Serawai", office=None
    )


@time_machine.travel(DAY_AFTER, tick=False)
def test_a_superuser_neither_opens_a_vote_nor_rates_an_organiser(client, administrator):
    from tests.factories import province

    administrator.office = province()
    administrator.save(update_fields=["office"])
    cycle = make_cycle(year=2026)
    open_proposals(cycle, EmployeeFactory())
    event = make_event(cycle=cycle, event_date=datetime.date(2026, 8, 12))
    open_presenter_evaluation(event)
    client.force_login(administrator)

    assert client.post(reverse("voting:open")).status_code == 404
    assert not Vote.objects.exists()
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    assert client.post(url, SCORES).status_code == 403
    assert not OrganizerRating.objects.exists()
    person = EmployeeFactory(full_name="Peserta Tambahan")
    url = reverse("events:attendance", args=[event.pk])
    assert client.post(url, {"nip": person.nip}).status_code == 403
    assert not Attendance.objects.exists()

    # What the administrator does administer still works: accounts and roles.
    assert client.get(reverse("admin:organization_employee_changelist")).status_code == 200
    assert client.get(reverse("organization:roles")).status_code == 200


@time_machine.travel(DAY_AFTER, tick=False)
def test_a_superuser_with_the_sop_role_acts_through_the_role(client, administrator):
    from tests.factories import province

    administrator.office = province()
    administrator.save(update_fields=["office"])
    give_role(administrator, Role.CAN_MEMBER)
    cycle = make_cycle(year=2026)
    event = make_event(cycle=cycle, event_date=datetime.date(2026, 8, 12))
    open_presenter_evaluation(event)
    client.force_login(administrator)
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    assert client.post(url, SCORES).status_code == 302
    assert OrganizerRating.objects.get().rater == administrator
