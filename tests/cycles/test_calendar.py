"""The working-day calendar: national holidays, cuti bersama and the office's own days."""

import datetime

import pytest
from django.urls import reverse

from cycles import calendar
from cycles.calendar import WorkingCalendar
from cycles.models import CalendarDay, Cycle
from cycles.services.cycle import create_cycle
from tests.factories import province

D = datetime.date


def test_weekend_is_not_a_working_day(db):
    assert calendar.is_working_day(D(2025, 3, 7))  # Friday
    assert not calendar.is_working_day(D(2025, 3, 8))  # Saturday
    assert calendar.add_working_days(D(2025, 3, 7), 2) == D(2025, 3, 10)


def test_national_holiday_and_cuti_bersama_are_skipped(db):
    cal = WorkingCalendar()
    assert cal.holiday_name(D(2025, 1, 29)) == "Tahun Baru Imlek"
    assert "Cuti Bersama" in cal.holiday_name(D(2025, 1, 28))
    # Fri 24 Jan, then Mon 27 Isra Mikraj, Tue 28 cuti bersama, Wed 29 Imlek: next is Thu 30.
    assert cal.next_working_day(D(2025, 1, 24)) == D(2025, 1, 30)


def test_working_days_across_the_year_end(db):
    cal = WorkingCalendar()
    # Mon 23 Dec 2024 is day 1; 25 Christmas, 26 cuti bersama, weekend, 1 Jan new year.
    days = [cal.add_working_days(D(2024, 12, 23), n) for n in range(1, 6)]
    assert days == [
        D(2024, 12, 23),
        D(2024, 12, 24),
        D(2024, 12, 27),
        D(2024, 12, 30),
        D(2024, 12, 31),
    ]
    assert cal.add_working_days(D(2024, 12, 23), 6) == D(2025, 1, 2)
    assert cal.working_days_between(D(2024, 12, 24), D(2025, 1, 2)) == 4
    assert cal.working_days_between(D(2025, 1, 2), D(2024, 12, 24)) == -4


def test_office_added_holiday_and_removed_holiday_move_the_count(db):
    start = D(2025, 1, 20)  # Monday
    # Mon 20 .. Fri 24, then Mon 27 - Wed 29 are holidays: the 6th working day is Thu 30.
    assert WorkingCalendar.load(province()).add_working_days(start, 6) == D(2025, 1, 30)
    CalendarDay.objects.create(
        province=province(), date=D(2025, 1, 21), kind="closed", reason="Libur daerah"
    )
    assert WorkingCalendar.load(province()).add_working_days(start, 6) == D(2025, 1, 31)
    CalendarDay.objects.create(
        province=province(), date=D(2025, 1, 28), kind="open", reason="SKB revisi"
    )
    assert WorkingCalendar.load(province()).add_working_days(start, 6) == D(2025, 1, 30)
    assert WorkingCalendar.load(province()).is_working_day(D(2025, 1, 28))
    # The national calendar, and so every other province, does not see Bengkulu's days.
    assert calendar.add_working_days(start, 6) == D(2025, 1, 30)
    assert not calendar.is_working_day(D(2025, 1, 28))


@pytest.fixture
def cycle_2025(db, can_member):
    return create_cycle(province=province(), year=2025, start_date=D(2025, 1, 2), by=can_member)


def _step(cycle, n):
    return cycle.steps.get(number=n)


def test_can_member_closes_a_day_and_the_cycle_due_dates_follow(client, can_member, cycle_2025):
    assert _step(cycle_2025, 4).due == D(2025, 2, 11)
    client.force_login(can_member)
    response = client.post(
        reverse("cycles:calendar"),
        {"date": "2025-02-03", "kind": "closed", "reason": "Penutupan kantor (banjir)"},
        follow=True,
    )
    assert response.status_code == 200
    day = CalendarDay.objects.get(date=D(2025, 2, 3))
    assert day.created_by == can_member and day.reason == "Penutupan kantor (banjir)"
    assert _step(cycle_2025, 4).due == D(2025, 2, 12)
    assert _step(cycle_2025, 5).due == D(2025, 2, 13)
    assert "3 Februari 2025" in response.content.decode()


def test_can_member_removes_a_cuti_bersama_and_the_vote_ends_earlier(
    client, can_member, cycle_2025
):
    client.force_login(can_member)
    client.post(
        reverse("cycles:calendar"),
        {"date": "2025-01-28", "kind": "open", "reason": "SKB cuti bersama direvisi"},
    )
    assert _step(cycle_2025, 4).due == D(2025, 2, 10)
    entry = CalendarDay.objects.get(date=D(2025, 1, 28))
    response = client.post(reverse("cycles:calendar_remove", args=[entry.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert _step(cycle_2025, 4).due == D(2025, 2, 11)


def test_completed_steps_keep_their_dates_when_the_calendar_changes(client, can_member, cycle_2025):
    from cycles.services.cycle import complete_step

    complete_step(_step(cycle_2025, 1), by=can_member)
    client.force_login(can_member)
    client.post(
        reverse("cycles:calendar"), {"date": "2025-01-03", "kind": "closed", "reason": "Rapat"}
    )
    assert _step(cycle_2025, 1).due == D(2025, 1, 6)
    # step 2 keeps its planned start; later steps shift
    assert _step(cycle_2025, 2).planned_start == D(2025, 1, 7)


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        ("2025-01-29", "closed", "sudah bukan hari kerja (Tahun Baru Imlek)"),
        ("2025-02-01", "closed", "sudah bukan hari kerja (akhir pekan)"),
        ("2025-02-04", "open", "sudah hari kerja"),
        ("", "closed", "Bidang ini"),
    ],
)
def test_calendar_form_refuses_a_day_that_changes_nothing(client, can_member, day, kind, message):
    client.force_login(can_member)
    response = client.post(reverse("cycles:calendar"), {"date": day, "kind": kind, "reason": "x"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_same_day_twice_is_a_form_error(client, can_member):
    CalendarDay.objects.create(
        province=province(), date=D(2025, 2, 4), kind="closed", reason="Libur daerah"
    )
    client.force_login(can_member)
    response = client.post(
        reverse("cycles:calendar"), {"date": "2025-02-04", "kind": "closed", "reason": "lagi"}
    )
    assert "sudah tercatat di kalender kantor" in response.content.decode()
    assert CalendarDay.objects.count() == 1


def test_calendar_page_lists_national_holidays_and_office_days(client, employee):
    CalendarDay.objects.create(
        province=province(), date=D(2025, 6, 2), kind="closed", reason="HUT Provinsi"
    )
    client.force_login(employee)
    page = client.get(reverse("cycles:calendar"), {"year": 2025}).content.decode()
    assert "Tahun Baru Imlek" in page
    assert "Cuti Bersama" in page
    assert "HUT Provinsi" in page
    assert "Tambah keputusan kantor" not in page  # an employee only reads


def test_employee_cannot_change_the_calendar(client, employee):
    client.force_login(employee)
    response = client.post(
        reverse("cycles:calendar"), {"date": "2025-02-04", "kind": "closed", "reason": "x"}
    )
    assert response.status_code == 403
    entry = CalendarDay.objects.create(
        province=province(), date=D(2025, 2, 4), kind="closed", reason="Libur"
    )
    assert client.post(reverse("cycles:calendar_remove", args=[entry.pk])).status_code == 403
    assert CalendarDay.objects.count() == 1 and not Cycle.objects.exists()


def test_calendar_requires_login(client, db):
    response = client.get(reverse("cycles:calendar"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_event_steps_follow_a_closed_day_and_an_event_on_a_closed_day_is_left_alone(
    client, can_member, cycle_2025
):
    from events.services.preparation import create_event

    event = create_event(
        cycle=cycle_2025, title="Tema", host_office=province(), event_date=D(2025, 3, 20)
    )
    step8 = event.steps.get(number=8)
    assert (step8.planned_start, step8.due) == (D(2025, 3, 6), D(2025, 3, 19))
    client.force_login(can_member)
    client.post(reverse("cycles:calendar"), {"date": "2025-03-12", "kind": "closed", "reason": "x"})
    step8.refresh_from_db()
    assert (step8.planned_start, step8.due) == (D(2025, 3, 5), D(2025, 3, 19))
    client.post(reverse("cycles:calendar"), {"date": "2025-03-20", "kind": "closed", "reason": "y"})
    step8.refresh_from_db()
    assert step8.planned_start == D(2025, 3, 5)  # its owner must move the event first


def test_the_kind_of_day_is_chosen_by_the_person_not_preselected(client, can_member):
    client.force_login(can_member)
    page = client.get(reverse("cycles:calendar")).content.decode()
    form = page[page.index('name="kind"') - 400 :]
    assert "---------" not in page
    assert 'name="kind" value="closed"' in form or 'value="closed"' in form
    assert "checked" not in form.split("</fieldset>")[0]
