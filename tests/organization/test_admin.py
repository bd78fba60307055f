"""The admin pages of offices, employees, roles, cycles, their steps and the calendar."""

import datetime

import pytest
from django.urls import reverse

from cycles.models import CalendarDay, CycleStep
from cycles.services.cycle import create_cycle
from organization.models import Employee
from tests.factories import province


@pytest.fixture
def admin_client(client, db):
    boss = Employee.objects.create_superuser("198001012005011001", "x" * 12, full_name="Admin")
    client.force_login(boss)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "organization/office",
        "organization/employee",
        "organization/roleassignment",
        "cycles/cycle",
        "cycles/cyclestep",
        "cycles/calendarday",
    ],
)
def test_admin_lists_and_add_pages_open(admin_client, model, ca_1701):
    create_cycle(province=province(), year=2025, start_date=datetime.date(2025, 1, 2))
    CalendarDay.objects.create(
        province=province(), date=datetime.date(2025, 6, 2), kind="closed", reason="HUT"
    )
    app, name = model.split("/")
    assert admin_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


def test_admin_employee_list_links_to_the_import(admin_client):
    page = admin_client.get(reverse("admin:organization_employee_changelist")).content.decode()
    assert reverse("organization:employee_import") in page


def test_admin_creates_an_employee_with_a_validated_nip(admin_client):
    data = {
        "nip": "19860926 201505 1 001",
        "full_name": "Ani Lestari",
        "position": "",
        "office": province().pk,
        "email": "",
        "password1": "Serawai-uji-2025",
        "password2": "Serawai-uji-2025",
        "usable_password": "true",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:organization_employee_add"), data)
    assert response.status_code == 302
    assert Employee.objects.get(nip="198609262015051001").check_password("Serawai-uji-2025")
    data["nip"] = "198613262015051001"
    page = admin_client.post(reverse("admin:organization_employee_add"), data).content.decode()
    assert "tanggal lahir yang valid" in page


def test_calendar_day_added_in_the_admin_moves_the_plan(admin_client):
    cycle = create_cycle(province=province(), year=2025, start_date=datetime.date(2025, 1, 2))
    admin_client.post(
        reverse("admin:cycles_calendarday_add"),
        {"province": province().pk, "date": "2025-02-03", "kind": "closed", "reason": "Banjir"},
    )
    assert CycleStep.objects.get(cycle=cycle, number=4).due == datetime.date(2025, 2, 12)
    day = CalendarDay.objects.get()
    admin_client.post(reverse("admin:cycles_calendarday_delete", args=[day.pk]), {"post": "yes"})
    assert CycleStep.objects.get(cycle=cycle, number=4).due == datetime.date(2025, 2, 11)


def test_roles_cannot_be_deleted_in_the_admin(admin_client, ca_1701):
    from organization.models import RoleAssignment

    role = RoleAssignment.objects.get(employee=ca_1701)
    response = admin_client.get(reverse("admin:organization_roleassignment_delete", args=[role.pk]))
    assert response.status_code == 403
