"""A calendar per province: a closed or opened day belongs to one province and moves only its
due dates, and what follows from them (the vote's closing day, its reminder) follows at once."""

import datetime

import pytest
from django.urls import reverse

from cycles.models import CalendarDay
from cycles.services.cycle import create_cycle
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, other_province, province
from voting.models import Concept, Vote
from voting.services.reminders import remind_vote_closing

pytestmark = pytest.mark.django_db
D = datetime.date
Role = RoleAssignment.Role


@pytest.fixture
def two_provinces(can_member):
    """Bengkulu's and Aceh's 2025 cycles (step 4 due 11 February in both) and Aceh's CAN."""
    aceh = other_province()
    aceh_can = EmployeeFactory(full_name="CAN Aceh", office=aceh)
    give_role(aceh_can, Role.CAN_MEMBER, aceh)
    bengkulu = create_cycle(province=province(), year=2025, start_date=D(2025, 1, 2))
    theirs = create_cycle(province=aceh, year=2025, start_date=D(2025, 1, 2))
    return bengkulu, theirs, aceh_can


def due(cycle, n=4):
    return cycle.steps.get(number=n).due


def close_day(client, person, day, reason="Libur daerah"):
    client.force_login(person)
    return client.post(
        reverse("cycles:calendar"), {"date": day, "kind": "closed", "reason": reason}
    )


def test_a_day_closed_in_one_province_moves_only_its_own_due_dates(
    client, can_member, two_provinces
):
    bengkulu, aceh_cycle, aceh_can = two_provinces
    assert due(bengkulu) == due(aceh_cycle) == D(2025, 2, 11)
    close_day(client, aceh_can, "2025-02-03", "Libur daerah Aceh")
    day = CalendarDay.objects.get()
    assert day.province == aceh_cycle.province and day.created_by == aceh_can
    assert due(aceh_cycle) == D(2025, 2, 12)
    assert due(bengkulu) == D(2025, 2, 11)
    # Bengkulu's calendar page does not show Aceh's day, nor may Bengkulu remove it.
    client.force_login(can_member)
    page = client.get(reverse("cycles:calendar"), {"year": 2025}).content.decode()
    assert "Libur daerah Aceh" not in page
    response = client.post(reverse("cycles:calendar_remove", args=[day.pk]))
    assert response.status_code == 404
    assert CalendarDay.objects.filter(pk=day.pk).exists() and due(aceh_cycle) == D(2025, 2, 12)


def test_both_provinces_may_close_the_same_day(client, can_member, two_provinces):
    bengkulu, aceh_cycle, aceh_can = two_provinces
    close_day(client, aceh_can, "2025-02-03")
    close_day(client, can_member, "2025-02-03")
    assert CalendarDay.objects.count() == 2
    assert due(bengkulu) == due(aceh_cycle) == D(2025, 2, 12)


def test_the_open_vote_closes_and_reminds_on_the_moved_day(client, can_member, two_provinces):
    bengkulu, _aceh_cycle, _aceh_can = two_provinces
    vote = Vote.objects.create(
        cycle=bengkulu,
        closes_on=due(bengkulu),
        status=Vote.Status.OPEN,
        electorate=Concept.Electorate.EMPLOYEES,
        choices_per_ballot=3,
        exclude_own_office=False,
        opened_by=can_member,
    )
    EmployeeFactory(full_name="Pemilih Belum Memilih")
    close_day(client, can_member, "2025-02-03")
    vote.refresh_from_db()
    assert vote.closes_on == due(bengkulu) == D(2025, 2, 12)
    # The reminder goes on the working day before the new closing day, not the old one.
    assert remind_vote_closing(today=D(2025, 2, 10)) == 0
    assert remind_vote_closing(today=D(2025, 2, 11)) > 0

    entry = CalendarDay.objects.get()
    client.post(reverse("cycles:calendar_remove", args=[entry.pk]))
    vote.refresh_from_db()
    assert vote.closes_on == D(2025, 2, 11)
