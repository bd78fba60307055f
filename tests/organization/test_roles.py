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


def test_can_coordinator_makes_a_regency_employee_its_ca(client, can_coordinator):
    person = EmployeeFactory(office=office("1705"), full_name="Yulia Sari, S.ST.")
    client.force_login(can_coordinator)
    page = assign(client, employee=person.pk, role=Role.CA, office=office("1705").pk).content
    assert "Yulia Sari, S.ST. kini Agen Perubahan (CA)" in page.decode()
    given = RoleAssignment.objects.get(employee=person)
    assert given.created_by == can_coordinator and given.office.code == "1705"
    assert held_roles(person).is_ca_of(office("1705"))


def test_ending_a_role_keeps_it_in_the_history(client, can_coordinator, ca_1701):
    client.force_login(can_coordinator)
    assignment = RoleAssignment.objects.get(employee=ca_1701)
    client.post(reverse("organization:role_end", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.ended_on == timezone.localdate() and assignment.ended_by == can_coordinator
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
    client, can_coordinator, role, office_code, person_office, message
):
    person = EmployeeFactory(office=office(person_office))
    client.force_login(can_coordinator)
    page = assign(client, employee=person.pk, role=role, office=office(office_code).pk)
    assert message in page.content.decode()
    assert not RoleAssignment.objects.filter(employee=person).exists()


def test_second_can_coordinator_is_refused(client, can_coordinator):
    person = EmployeeFactory()
    client.force_login(can_coordinator)
    page = assign(client, employee=person.pk, role=Role.CAN_COORDINATOR, office=province().pk)
    assert "Koordinator CAN" in page.content.decode() and "sudah ada" in page.content.decode()
    assert not RoleAssignment.objects.filter(employee=person).exists()


def test_same_open_role_twice_is_refused(client, can_coordinator, cc):
    client.force_login(can_coordinator)
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


def test_another_provinces_role_answers_404(client, can_coordinator):
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
    client.force_login(can_coordinator)
    assert client.post(reverse("organization:role_end", args=[theirs.pk])).status_code == 404
    assert "Sumatera Selatan" not in client.get(reverse("organization:roles")).content.decode()


def test_roles_page_query_count(client, can_coordinator, django_assert_max_num_queries):
    for code in ("1701", "1702", "1703", "1704", "1705"):
        person = EmployeeFactory(office=office(code))
        RoleAssignment.objects.create(
            employee=person, role=Role.CA, office=office(code), year=timezone.localdate().year
        )
    client.force_login(can_coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("organization:roles"))
    assert page.content.decode().count("Akhiri") >= 6


@pytest.fixture
def admin_client(client, db):
    from organization.models import Employee

    boss = Employee.objects.create_superuser(
        "197501012000031001", "x" * 12, full_name="Admin", office=office("0000")
    )
    client.force_login(boss)
    return client


def _aceh_can_coordinator():
    from tests.factories import other_province

    aceh = other_province()
    person = EmployeeFactory(full_name="Koordinator CAN Aceh", office=aceh)
    RoleAssignment.objects.create(
        employee=person, role=Role.CAN_COORDINATOR, office=aceh, year=timezone.localdate().year
    )
    return person


def test_a_role_of_another_province_gives_no_power_here(client, db):
    """Roles count in the province of the office they were assigned at, not where the person
    works now: Aceh's coordinator put into a Bengkulu office is nobody special in Bengkulu."""
    from organization.models import Employee
    from tests.factories import make_cycle

    person = _aceh_can_coordinator()
    assert held_roles(person).is_can_coordinator
    Employee.objects.filter(pk=person.pk).update(office=province())  # a move that ended nothing
    person = Employee.objects.get(pk=person.pk)
    assert not held_roles(person).is_can
    make_cycle()
    client.force_login(person)
    for name in ("organization:roles", "cycles:cycle_replan", "audit:trail"):
        assert client.get(reverse(name)).status_code in (403, 404), name
    assert client.post(reverse("voting:open")).status_code in (403, 404)


def test_moving_someone_to_another_province_ends_their_roles_there(admin_client):
    """Moved by the administrator (admin page or import): the roles left behind end today,
    with who ended them and why."""
    from organization.models import Employee

    person = _aceh_can_coordinator()
    page = admin_client.get(reverse("admin:organization_employee_change", args=[person.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("password",)}
    data.update(
        {
            "office": province().pk,
            "groups": [],
            "user_permissions": [],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2020-01-02",
            "date_joined_1": "08:00:00",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(
        reverse("admin:organization_employee_change", args=[person.pk]), data
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    ended = RoleAssignment.objects.get(employee=person)
    assert ended.ended_on == timezone.localdate()
    assert ended.ended_by == Employee.objects.get(is_superuser=True)
    assert "Pindah ke" in ended.end_reason and province().short_name in ended.end_reason
    person.refresh_from_db()
    assert not held_roles(person).is_can


def test_the_administrators_import_that_moves_someone_ends_their_roles(admin_client):
    from tests.organization.test_employee_import import post, xlsx

    person = _aceh_can_coordinator()
    row = (person.nip, person.full_name, "Statistisi", "1700", person.email)
    page = post(admin_client, xlsx([row])).content.decode()
    assert "1 diperbarui" in page
    ended = RoleAssignment.objects.get(employee=person)
    assert ended.ended_on == timezone.localdate() and ended.ended_by.is_superuser
    assert ended.end_reason.startswith("Pindah ke")


def test_a_can_member_sees_the_roles_but_cannot_end_the_coordinators(
    client, can_member, can_coordinator
):
    coordinator_role = RoleAssignment.objects.get(employee=can_coordinator)
    client.force_login(can_member)
    page = client.get(reverse("organization:roles")).content.decode()
    assert "Dr. Hendra Gunawan, M.Si." in page
    assert "diberikan dan diakhiri oleh Koordinator CAN" in page and "Akhiri" not in page
    url = reverse("organization:role_end", args=[coordinator_role.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    person = EmployeeFactory()
    response = client.post(
        reverse("organization:roles"),
        {
            "employee": person.pk,
            "role": Role.CAN_COORDINATOR,
            "office": province().pk,
            "year": timezone.localdate().year,
        },
    )
    assert response.status_code == 403
    coordinator_role.refresh_from_db()
    assert coordinator_role.ended_on is None
    assert not RoleAssignment.objects.filter(employee=person).exists()


def test_the_administrator_ends_the_coordinators_role(client, can_coordinator):
    from organization.models import Employee

    admin = Employee.objects.create_superuser(
        "197501012000031001", "x" * 12, full_name="Admin", office=province()
    )
    coordinator_role = RoleAssignment.objects.get(employee=can_coordinator)
    client.force_login(admin)
    client.post(reverse("organization:role_end", args=[coordinator_role.pk]))
    coordinator_role.refresh_from_db()
    assert coordinator_role.ended_on == timezone.localdate()
    assert coordinator_role.ended_by == admin
