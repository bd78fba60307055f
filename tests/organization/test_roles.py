"""Role assignments per year, managed by the CAN, kept as history."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organization.models import RoleAssignment
from organization.roles import held_roles
from tests.factories import EmployeeFactory, office, province

Role = RoleAssignment.Role


def assign(client, **data):
    payload = {"year": timezone.localdate().year, "note": "", **data}
    return client.post(reverse("organization:roles"), payload, follow=True)


def test_can_member_makes_a_regency_employee_its_ca(client, can_member):
    person = EmployeeFactory(office=office("1705"), full_name="Yulia Sari, S.ST.")
    client.force_login(can_member)
    page = assign(client, employee=person.pk, role=Role.CA, office=office("1705").pk).content
    assert "Yulia Sari, S.ST. kini Agen Perubahan (CA)" in page.decode()
    given = RoleAssignment.objects.get(employee=person)
    assert given.created_by == can_member and given.office.code == "1705"
    assert held_roles(person).is_ca_of(office("1705"))


def test_ending_a_role_keeps_it_in_the_history(client, can_member, ca_1701):
    client.force_login(can_member)
    assignment = RoleAssignment.objects.get(employee=ca_1701)
    client.post(reverse("organization:role_end", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.ended_on == timezone.localdate() and assignment.ended_by == can_member
    ca_1701.__dict__.pop("_serawai_roles", None)
    assert not held_roles(ca_1701).ca_offices
    page = client.get(reverse("organization:roles")).content.decode()
    assert "Siti Aminah, S.E." in page and "Berakhir" in page
    # the same person can hold the role again later in the year: a new record, history kept
    assign(client, employee=ca_1701.pk, role=Role.CA, office=office("1701").pk)
    assert RoleAssignment.objects.filter(employee=ca_1701).count() == 2


def test_past_years_holders_stay_visible(client, can_member):
    last_year = timezone.localdate().year - 1
    old = EmployeeFactory(full_name="Mantan Koordinator, M.Si.")
    RoleAssignment.objects.create(
        employee=old, role=Role.CAN_COORDINATOR, office=province(), year=last_year
    )
    client.force_login(can_member)
    page = client.get(reverse("organization:roles"), {"year": last_year}).content.decode()
    assert "Mantan Koordinator, M.Si." in page


@pytest.mark.parametrize(
    ("role", "office_code", "person_office", "message"),
    [
        (Role.CAN_MEMBER, "1701", "1701", "dijalankan di BPS Provinsi"),
        (Role.CA, "1702", "1701", "harus pegawai kantor itu sendiri"),
    ],
)
def test_assignment_that_makes_no_sense_is_refused(
    client, can_member, role, office_code, person_office, message
):
    person = EmployeeFactory(office=office(person_office))
    client.force_login(can_member)
    page = assign(client, employee=person.pk, role=role, office=office(office_code).pk)
    assert message in page.content.decode()
    assert not RoleAssignment.objects.filter(employee=person).exists()


def test_second_can_coordinator_is_refused(client, can_member, can_coordinator):
    person = EmployeeFactory()
    client.force_login(can_member)
    page = assign(client, employee=person.pk, role=Role.CAN_COORDINATOR, office=province().pk)
    assert "Koordinator CAN" in page.content.decode() and "sudah ada" in page.content.decode()
    assert not RoleAssignment.objects.filter(employee=person).exists()


def test_same_open_role_twice_is_refused(client, can_member, cc):
    client.force_login(can_member)
    page = assign(client, employee=cc.pk, role=Role.CC, office=province().pk)
    assert "sudah memegang peran ini" in page.content.decode()
    assert RoleAssignment.objects.filter(employee=cc).count() == 1


def test_employee_cannot_manage_roles(client, employee, ca_1701):
    client.force_login(employee)
    assert client.get(reverse("organization:roles")).status_code == 403
    assignment = RoleAssignment.objects.get(employee=ca_1701)
    assert client.post(reverse("organization:role_end", args=[assignment.pk])).status_code == 403
    assignment.refresh_from_db()
    assert assignment.ended_on is None


def test_another_provinces_role_answers_404(client, can_member):
    from organization.models import Office

    other = Office.objects.create(
        code="1600",
        name="BPS Provinsi Sumatera Selatan",
        short_name="Sumatera Selatan",
        level=Office.Level.PROVINCE,
    )
    stranger = EmployeeFactory(office=other)
    theirs = RoleAssignment.objects.create(
        employee=stranger, role=Role.CC, office=other, year=timezone.localdate().year
    )
    client.force_login(can_member)
    assert client.post(reverse("organization:role_end", args=[theirs.pk])).status_code == 404
    assert "Sumatera Selatan" not in client.get(reverse("organization:roles")).content.decode()


def test_roles_page_query_count(client, can_member, django_assert_max_num_queries):
    for code in ("1701", "1702", "1703", "1704", "1705"):
        person = EmployeeFactory(office=office(code))
        RoleAssignment.objects.create(
            employee=person, role=Role.CA, office=office(code), year=timezone.localdate().year
        )
    client.force_login(can_member)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("organization:roles"))
    assert page.content.decode().count("Akhiri") >= 6
