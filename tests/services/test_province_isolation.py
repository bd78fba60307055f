"""One province never touches another, on real PostgreSQL: the employee import, the calendar
and the audit trail (whose province filter is a JSON lookup that SQLite answers differently)."""

import datetime

import pytest
from auditlog.context import set_actor
from django.db import connection

from audit.views import trail_for
from cycles.models import CalendarDay
from cycles.services.cycle import create_cycle, remove_calendar_day, set_calendar_day
from organization.employee_import import EmployeeImportError, EmployeeRow, import_employees
from organization.models import Employee, RoleAssignment
from tests.factories import EmployeeFactory, give_role, office, other_province, province
from voting.models import Concept, Vote

pytestmark = pytest.mark.django_db
D = datetime.date
Role = RoleAssignment.Role


def test_an_import_naming_another_provinces_employee_stores_nothing():
    assert connection.vendor == "postgresql"
    bengkulu_can = EmployeeFactory()
    give_role(bengkulu_can, Role.CAN_MEMBER)
    aceh_coordinator = EmployeeFactory(
        nip="198001012005011001", full_name="Koordinator Aceh", office=other_province()
    )
    rows = [
        (2, EmployeeRow("198609262015051001", "Ani Lestari", "Statistisi", "1701", "ani@x.id")),
        (3, EmployeeRow(aceh_coordinator.nip, "Diambil Alih", "", "1700", "baru@x.id")),
    ]
    with pytest.raises(EmployeeImportError) as refused:
        import_employees(rows, by=bengkulu_can)
    assert [row for row, _message in refused.value.errors] == [3]
    aceh_coordinator.refresh_from_db()
    assert aceh_coordinator.full_name == "Koordinator Aceh"
    assert aceh_coordinator.office == other_province()
    assert not Employee.objects.filter(nip="198609262015051001").exists()


def test_a_calendar_day_moves_only_its_provinces_dates_and_vote():
    aceh = other_province()
    bengkulu = create_cycle(province=province(), year=2025, start_date=D(2025, 1, 2))
    theirs = create_cycle(province=aceh, year=2025, start_date=D(2025, 1, 2))
    person = EmployeeFactory(office=aceh)
    vote = Vote.objects.create(
        opened_by=EmployeeFactory(),
        cycle=bengkulu,
        closes_on=D(2025, 2, 11),
        status=Vote.Status.OPEN,
        electorate=Concept.Electorate.EMPLOYEES,
        choices_per_ballot=3,
        exclude_own_office=False,
    )
    day, moved = set_calendar_day(
        province=aceh, day=D(2025, 2, 3), kind="closed", reason="Libur daerah", by=person
    )
    assert moved > 0
    assert theirs.steps.get(number=4).due == D(2025, 2, 12)
    assert bengkulu.steps.get(number=4).due == D(2025, 2, 11)
    vote.refresh_from_db()
    assert vote.closes_on == D(2025, 2, 11)

    mine, _moved = set_calendar_day(
        province=province(), day=D(2025, 2, 3), kind="closed", reason="Banjir", by=person
    )
    vote.refresh_from_db()
    assert vote.closes_on == bengkulu.steps.get(number=4).due == D(2025, 2, 12)
    remove_calendar_day(day, by=person)
    assert theirs.steps.get(number=4).due == D(2025, 2, 11)
    assert bengkulu.steps.get(number=4).due == D(2025, 2, 12)
    assert list(CalendarDay.objects.values_list("province", flat=True)) == [province().pk]


def test_the_audit_trail_of_one_province_shows_none_of_another():
    aceh = other_province()
    bengkulu_can, aceh_can = EmployeeFactory(), EmployeeFactory(office=aceh)
    give_role(bengkulu_can, Role.CAN_MEMBER)
    give_role(aceh_can, Role.CAN_MEMBER, aceh)
    with set_actor(bengkulu_can):
        give_role(EmployeeFactory(full_name="Orang Bengkulu"), Role.CC)
        give_role(
            EmployeeFactory(full_name="Orang Pusat", office=office("0000")), Role.CC, office("0000")
        )
    with set_actor(aceh_can):
        give_role(EmployeeFactory(full_name="Orang Aceh", office=aceh), Role.CC, aceh)
    admin = EmployeeFactory(is_superuser=True, is_staff=True, office=office("0000"))

    def seen(user):
        return {e.object_repr.split(": ")[-1] for e in trail_for(user)}

    assert {"Orang Bengkulu"} <= seen(bengkulu_can)
    assert not {"Orang Aceh", "Orang Pusat"} & seen(bengkulu_can)
    assert {"Orang Aceh"} <= seen(aceh_can)
    assert not {"Orang Bengkulu", "Orang Pusat"} & seen(aceh_can)
    assert {"Orang Bengkulu", "Orang Aceh", "Orang Pusat"} <= seen(admin)
