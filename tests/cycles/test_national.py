"""All of BPS in one deployment: each province sees only its own cycle; headquarters sees all."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cycles.models import Cycle, CycleStep
from demo.national.seed import (
    DEMO_PASSWORD,
    EMAIL_DOMAIN,
    province_codes_all,
    seed_cycles,
    seed_national,
    seed_offices,
)
from organization.models import Employee, Office, RoleAssignment
from organization.nip import validate_nip
from tests.factories import EmployeeFactory, office

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role


def cycles_for(codes):
    seed_offices(codes)
    provinces = list(Office.objects.filter(code__in=codes).order_by("code"))
    return {c.province.code: c for c in seed_cycles(provinces, timezone.localdate().year)}


@pytest.fixture
def hq_employee(db):
    return EmployeeFactory(full_name="Dr. Kepala Pusat, M.Sc.", office=office("0000"))


def test_a_bengkulu_employee_cannot_see_aceh_cycle(client, employee):
    cycles = cycles_for(["1100", "1700"])
    client.force_login(employee)
    assert client.get(reverse("cycles:cycle_detail", args=[cycles["1100"].pk])).status_code == 404
    own = client.get(reverse("cycles:cycle_detail", args=[cycles["1700"].pk]))
    assert own.status_code == 200
    assert "BPS Provinsi Bengkulu" in own.content.decode()


def test_a_regency_employee_sees_the_cycle_of_its_own_province_only(client):
    cycles = cycles_for(["1100", "1700"])
    simeulue = EmployeeFactory(office=office("1101"))
    client.force_login(simeulue)
    assert client.get(reverse("cycles:cycle_detail", args=[cycles["1700"].pk])).status_code == 404
    assert client.get(reverse("cycles:cycle_detail", args=[cycles["1100"].pk])).status_code == 200


def test_province_people_do_not_get_the_national_view(client, employee, can_coordinator, cc):
    for person in (employee, can_coordinator, cc):
        client.force_login(person)
        assert client.get(reverse("cycles:national")).status_code == 404
    client.logout()
    assert client.get(reverse("cycles:national")).status_code == 302


def test_headquarters_sees_every_province_cycle_read_only_and_paginated(client, hq_employee):
    cycles = cycles_for(province_codes_all())
    client.force_login(hq_employee)
    first = client.get(reverse("cycles:national")).content.decode()
    second = client.get(reverse("cycles:national") + "?page=2").content.decode()
    assert "38 siklus provinsi dari 38 provinsi" in first
    assert "Halaman 1 dari 2" in first
    assert "BPS Provinsi Aceh" in first and "BPS Provinsi Papua Pegunungan" not in first
    assert "BPS Provinsi Papua Pegunungan" in second and "BPS Provinsi Aceh" not in second
    assert '<form method="post"' not in first.split("<main", 1)[1].split("</main>")[0]
    detail = client.get(reverse("cycles:cycle_detail", args=[cycles["9700"].pk]))
    assert detail.status_code == 200 and "Papua Pegunungan" in detail.content.decode()


def test_headquarters_filters_the_national_view_by_province_and_lateness(client, hq_employee):
    cycles = cycles_for(province_codes_all())
    CycleStep.objects.filter(cycle__in=cycles.values()).update(completed_at=timezone.now())
    CycleStep.objects.filter(cycle=cycles["1700"], number=5).update(
        completed_at=None, due=timezone.localdate() - datetime.timedelta(days=3)
    )
    client.force_login(hq_employee)
    url = reverse("cycles:national")
    found = client.get(url, {"q": "bengkulu", "year": timezone.localdate().year}).content.decode()
    assert "BPS Provinsi Bengkulu" in found and "BPS Provinsi Aceh" not in found
    assert 'name="year"' in found and 'value="bengkulu"' in found  # the year and text kept
    late = client.get(url, {"late": "on"}).content.decode()
    assert "1 siklus provinsi dari 38 provinsi" in late and "Bengkulu" in late
    refused = client.get(url, {"q": "x" * 101})
    assert refused.status_code == 200
    assert "Sebagian saringan tidak valid" in refused.content.decode()
    assert "38 siklus provinsi" in refused.content.decode()


def test_the_national_view_shows_step_progress(client, hq_employee):
    cycles = cycles_for(["1100", "1700"])
    aceh = cycles["1100"]
    CycleStep.objects.filter(cycle=aceh).update(completed_at=None)
    CycleStep.objects.filter(cycle=aceh, number__lte=2).update(completed_at=timezone.now())
    client.force_login(hq_employee)
    page = client.get(reverse("cycles:national"))
    row = next(c for c in page.context["page"] if c.pk == aceh.pk)
    assert (row.steps_done, row.steps_total, row.next_step) == (2, 5, 3)
    assert "2/5" in page.content.decode()


def test_the_national_view_runs_the_same_queries_for_5_and_38_provinces(client, hq_employee):
    client.force_login(hq_employee)
    cycles_for(province_codes_all()[:5])
    client.get(reverse("cycles:national"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("cycles:national")).status_code == 200
    cycles_for(province_codes_all())
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("cycles:national")).status_code == 200
    assert len(few) == len(many)
    assert len(many) <= 10


def test_a_superuser_without_office_sees_the_national_view(client):
    boss = Employee.objects.create_superuser("198001012005011001", "x" * 12, full_name="Admin")
    cycles_for(["1700"])
    client.force_login(boss)
    assert client.get(reverse("cycles:national")).status_code == 200


def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_seed_national_on_a_few_provinces(capsys):
    cycles = seed_national(None, employees=1200, province_codes=["1100", "1700", "9400"])
    assert {c.province.code for c in cycles} == {"1100", "1700", "9400"}
    demo = Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    assert demo.count() == 1200
    assert demo.filter(office__code="0000").count() == 40
    for nip in demo.values_list("nip", flat=True):
        validate_nip(nip)
    aceh = office("1100")
    held = RoleAssignment.objects.filter(office=aceh).values_list("role", flat=True)
    assert sorted(set(held)) == sorted(
        {Role.CC, Role.CAN_COORDINATOR, Role.CAN_MEMBER, Role.EVENT_TEAM_LEAD, Role.EVENT_TEAM,
         Role.CA}
    )  # fmt: skip
    regencies = Office.objects.regencies().filter(parent=aceh)
    assert regencies.count() == 23
    assert RoleAssignment.objects.filter(role=Role.CA, office__in=regencies).count() == 23
    assert all(c.steps.count() == 5 for c in cycles)
    person = demo.filter(office__code="1101").first()
    assert person.check_password(DEMO_PASSWORD)
    # Twice: nothing more.
    seed_national(None, employees=1200, province_codes=["1100", "1700", "9400"])
    assert demo.count() == 1200
    assert Cycle.objects.count() == 3


def test_seed_demo_scale_national_loads_all_of_bps():
    from django.core.management import call_command

    from evaluations.models import PresenterRating
    from events.models import Event

    call_command("seed_demo", "--scale", "national", stdout=io.StringIO())
    year = timezone.localdate().year
    assert Office.objects.provinces().count() == 38
    assert Office.objects.regencies().count() == 514
    national = Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    assert national.count() == 16_000
    assert Employee.objects.count() > 16_000  # Bengkulu's own demo people too
    for nip in national.values_list("nip", flat=True):
        validate_nip(nip)
    assert Cycle.objects.filter(year=year).count() == 38
    coordinators = RoleAssignment.objects.filter(role=Role.CAN_COORDINATOR, year=year)
    assert coordinators.values("office").distinct().count() == 38
    assert Event.objects.filter(cycle__year=year).exclude(cycle__province__code="1700").count() > 60
    assert PresenterRating.objects.exists()
