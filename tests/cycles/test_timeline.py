"""The timeline page: the 11 steps planned against actual, overdue marked, working days left."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cycles.calendar import WorkingCalendar
from cycles.models import Cycle
from cycles.services.cycle import complete_step, create_cycle
from events.services.preparation import create_event
from tests.factories import office, province

ZONE = ZoneInfo("Asia/Jakarta")


def _start_weeks_ago(weeks: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(weeks=weeks)


@pytest.fixture
def running_cycle(db, can_member):
    """This year's cycle started eight weeks ago: steps 1-3 due, 1 and 2 done, 3 overdue."""
    start = _start_weeks_ago(8)
    cycle = create_cycle(
        province=province(), year=timezone.localdate().year, start_date=start, by=can_member
    )
    for number in (1, 2):
        complete_step(cycle.steps.get(number=number), by=can_member, output_note="Konsep")
    return cycle


def _events(cycle, n):
    cal = WorkingCalendar.load()
    day = cal.add_working_days(timezone.localdate() + datetime.timedelta(days=40), 1)
    for i in range(n):
        create_event(
            cycle=cycle,
            title=f"Tema {i + 1}: Big data untuk statistik daerah",
            host_office=office(f"170{i + 1}"),
            event_date=cal.add_working_days(day, 1 + 5 * i),
        )


def test_timeline_shows_the_cycle_steps_planned_against_actual(client, employee, running_cycle):
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    step3 = running_cycle.steps.get(number=3)
    for number in range(1, 6):
        assert f"<td>{number}</td>" in page
    assert date_format(step3.due) in page
    assert page.count("Selesai</span>") == 2
    late = WorkingCalendar.load().working_days_between(step3.due, timezone.localdate())
    assert f"Terlambat {late} hari kerja" in page and "step-overdue" in page


def test_timeline_names_step_2s_letter_with_the_cycle_year(client, employee, running_cycle):
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    year = running_cycle.year
    assert f"Surat Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun {year}" in page
    assert "%(year)s" not in page


def test_timeline_counts_working_days_left(client, employee, db):
    cal = WorkingCalendar.load()
    start = cal.next_working_day(timezone.localdate())
    cycle = create_cycle(province=province(), year=start.year, start_date=start)
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    for step in cycle.steps.all():
        left = cal.working_days_between(timezone.localdate(), step.due)
        assert f"Sisa {left} hari kerja" in page


def test_timeline_shows_steps_6_to_11_of_each_event(client, employee, running_cycle):
    _events(running_cycle, 2)
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    assert "Langkah 6-11: Tema 1: Big data untuk statistik daerah" in page
    assert "Langkah 6-11: Tema 2" in page
    assert page.count("<td>11</td>") == 2
    assert "Menyusun laporan kegiatan Serawai" in page


def test_timeline_query_count_does_not_grow_with_events(
    client, employee, running_cycle, django_assert_max_num_queries
):
    _events(running_cycle, 1)
    client.force_login(employee)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("cycles:timeline"))
    _events(running_cycle, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("cycles:timeline")).content.decode()
    assert page.count("<td>11</td>") == 4


def test_timeline_of_another_province_is_not_shown(client, employee, db):
    from organization.models import Office

    other = Office.objects.create(
        code="1600",
        name="BPS Provinsi Sumatera Selatan",
        short_name="Sumatera Selatan",
        level=Office.Level.PROVINCE,
    )
    create_cycle(province=other, year=timezone.localdate().year, start_date=_start_weeks_ago(1))
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    assert "Belum ada siklus Serawai untuk provinsi Anda" in page
    assert "Sumatera Selatan" not in page


def test_can_creates_the_years_cycle_from_a_start_date(client, can_member, db):
    client.force_login(can_member)
    response = client.post(
        reverse("cycles:cycle_create"),
        {"start_date": "2025-01-02", "themes_to_select": 3, "proposals_per_office": 2},
    )
    assert response.status_code == 302
    cycle = Cycle.objects.get(year=2025)
    assert cycle.created_by == can_member and cycle.proposals_per_office == 2
    assert [(s.number, s.due) for s in cycle.steps.order_by("number")][3] == (
        4,
        datetime.date(2025, 2, 11),
    )
    again = client.post(
        reverse("cycles:cycle_create"),
        {"start_date": "2025-03-03", "themes_to_select": 3, "proposals_per_office": 3},
    )
    assert "sudah ada" in again.content.decode()
    assert Cycle.objects.count() == 1


def test_employee_cannot_create_or_replan_a_cycle(client, employee, running_cycle):
    client.force_login(employee)
    assert client.get(reverse("cycles:cycle_create")).status_code == 403
    response = client.post(reverse("cycles:cycle_replan"), {"from_step": 3, "start": "2025-01-02"})
    assert response.status_code == 403


def test_can_replans_from_an_open_step(client, can_member, running_cycle):
    client.force_login(can_member)
    cal = WorkingCalendar.load()
    new_start = cal.add_working_days(timezone.localdate(), 1)
    response = client.post(
        reverse("cycles:cycle_replan"), {"from_step": 3, "start": new_start.isoformat()}
    )
    assert response.status_code == 302
    step3 = running_cycle.steps.get(number=3)
    assert step3.planned_start == new_start
    assert step3.due == cal.add_working_days(new_start, 7)
    step4 = running_cycle.steps.get(number=4)
    assert step4.planned_start == cal.next_working_day(step3.due)
    assert running_cycle.steps.get(number=1).is_done  # done steps keep their record


def test_replan_refuses_a_completed_step_and_a_start_inside_the_previous_step(
    client, can_member, running_cycle
):
    client.force_login(can_member)
    done = client.post(reverse("cycles:cycle_replan"), {"from_step": 1, "start": "2025-01-02"})
    assert "1 bukan salah satu dari pilihan yang tersedia" in done.content.decode()
    step3 = running_cycle.steps.get(number=3)
    before = running_cycle.steps.get(number=4).planned_start
    inside = client.post(
        reverse("cycles:cycle_replan"), {"from_step": 4, "start": step3.planned_start.isoformat()}
    )
    assert "mulai sesudahnya" in inside.content.decode()
    assert running_cycle.steps.get(number=4).planned_start == before


def test_a_new_cycle_is_where_the_can_goes_on_and_the_year_switcher_lists_every_cycle(
    client, can_member, db
):
    client.force_login(can_member)
    for start in ("2025-01-02", "2026-01-05"):
        response = client.post(
            reverse("cycles:cycle_create"),
            {"start_date": start, "themes_to_select": 3, "proposals_per_office": 2},
            follow=True,
        )
        page = response.content.decode()
        assert f"Linimasa Serawai {start[:4]}" in page  # the new cycle, not this year's
    switcher = page[page.index('id="year-switcher"') :].split("</form>")[0]
    assert 'value="2026"' in switcher and 'value="2025"' in switcher
    page = client.get(reverse("cycles:timeline") + "?year=2025", follow=True).content.decode()
    assert "Linimasa Serawai 2025" in page
    assert 'id="past-cycle"' in page and "untuk dibaca sebagai arsip" in page
    home = client.get(reverse("cycles:home")).content.decode()
    assert "Lihat linimasa Serawai 2025" in home  # the chosen year holds on every page
    page = client.get(reverse("cycles:timeline") + "?year=1999", follow=True).content.decode()
    assert "Linimasa Serawai 2025" in page  # a year without a cycle changes nothing


def test_can_prepares_next_years_cycle_late_in_this_one(client, can_member, db):
    """In November the CAN plans next year's Serawai: the start date is this year, the cycle
    is next year's; too early a start, a year that does not fit and a second cycle of a year
    are refused with what to do, and what was typed stays in the form."""
    client.force_login(can_member)
    url = reverse("cycles:cycle_create")
    base = {"themes_to_select": 3, "proposals_per_office": 2}
    with time_machine.travel(datetime.datetime(2026, 11, 16, 9, tzinfo=ZONE), tick=False):
        this_year = client.post(url, {**base, "start_date": "2026-01-05"})
        assert this_year.status_code == 302
        early = client.post(url, {**base, "start_date": "2026-03-02", "year": "2027"})
        assert "Siklus 2027 paling awal dimulai 1 Juli 2026." in early.content.decode()
        assert 'value="2026-03-02"' in early.content.decode()
        far = client.post(url, {**base, "start_date": "2026-11-23", "year": "2029"})
        assert "Siklus 2029 tidak dapat dimulai pada 23 November 2026." in far.content.decode()
        again = client.post(url, {**base, "start_date": "2026-11-23"})
        assert "Siklus Serawai 2026 untuk provinsi ini sudah ada" in again.content.decode()
        assert Cycle.objects.count() == 1

        response = client.post(url, {**base, "start_date": "2026-11-23", "year": "2027"})
        assert response.status_code == 302
        cycle = Cycle.objects.get(year=2027)
        assert cycle.start_date == datetime.date(2026, 11, 23)
        assert cycle.steps.get(number=1).planned_start == datetime.date(2026, 11, 23)
        page = client.get(reverse("cycles:timeline")).content.decode()
        assert "Linimasa Serawai 2027" in page  # the CAN goes on with the new cycle


def test_a_one_working_day_step_reads_in_the_singular_in_english(client, employee, running_cycle):
    client.force_login(employee)
    page = client.get(reverse("cycles:timeline")).content.decode()
    assert "1 hari kerja ·" in page and "3 hari kerja ·" in page  # Indonesian has no plural
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cycles:timeline")).content.decode()
    assert "1 working day ·" in page and "3 working days ·" in page
    assert "1 working days" not in page
