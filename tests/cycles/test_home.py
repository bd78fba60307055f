"""The home page by role: "what I must do now"."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cycles.calendar import WorkingCalendar
from cycles.services.cycle import complete_step, create_cycle
from tests.factories import province

STEP1 = "Langkah 1: Membuat konsep dan jadwal penyelenggaraan Serawai"
STEP3 = "Langkah 3: Mengusulkan tema Serawai"


@pytest.fixture
def fresh_cycle(db):
    start = WorkingCalendar.load().first_working_day_on_or_after(timezone.localdate())
    return create_cycle(province=province(), year=start.year, start_date=start)


def _home(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("cycles:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_can_member_sees_the_concept_step_with_its_due_date(client, can_member, fresh_cycle):
    page = _home(client, can_member)
    step1 = fresh_cycle.steps.get(number=1)
    left = WorkingCalendar.load().working_days_between(timezone.localdate(), step1.due)
    assert STEP1 in page
    assert date_format(step1.due) in page
    assert (f"Sisa {left} hari kerja" if left else "Batas waktu hari ini") in page
    assert STEP3 not in page
    assert "Anggota CAN Provinsi" in page


def test_regency_ca_sees_the_theme_proposals_not_the_concept(client, ca_1701, fresh_cycle):
    page = _home(client, ca_1701)
    assert STEP3 in page and STEP1 not in page


def test_cc_sees_the_concept_it_agrees_with_the_cas(client, cc, fresh_cycle):
    assert STEP1 in _home(client, cc)


def test_plain_employee_has_nothing_to_do_yet(client, employee, fresh_cycle):
    page = _home(client, employee)
    assert "Tidak ada langkah yang menunggu Anda saat ini." in page
    assert STEP1 not in page and STEP3 not in page


def test_completed_step_leaves_the_home_page(client, can_member, fresh_cycle):
    complete_step(fresh_cycle.steps.get(number=1), by=can_member)
    assert STEP1 not in _home(client, can_member)


def test_navigation_differs_by_role(client, can_member, employee, fresh_cycle):
    assert "Atur siklus" in _home(client, can_member)
    assert "Atur siklus" not in _home(client, employee)


def test_home_without_a_cycle_says_so(client, employee):
    assert "Belum ada siklus Serawai untuk provinsi Anda." in _home(client, employee)


def test_home_page_agrees_with_the_reminder_recipients(
    fresh_cycle, can_member, can_coordinator, cc, ca_1701, ca_1702, event_team_member, employee
):
    """The in-memory check of the home page names the same people as responsible_people()."""
    import datetime

    from cycles.selectors.responsibility import is_responsible, responsible_people
    from events.services.preparation import create_event
    from organization.models import Office
    from organization.roles import Role, held_roles
    from tests.factories import give_role, office

    give_role(event_team_member, Role.EVENT_TEAM_LEAD)
    cal = WorkingCalendar.load()
    day = cal.add_working_days(timezone.localdate() + datetime.timedelta(days=60), 1)
    event = create_event(
        cycle=fresh_cycle, title="Tema", host_office=office("1701"), event_date=day
    )
    regencies = list(Office.objects.filter(parent=province()).values_list("pk", flat=True))
    people = [can_member, can_coordinator, cc, ca_1701, ca_1702, event_team_member, employee]
    for step in [*fresh_cycle.steps.all(), *event.steps.all()]:
        expected = set(responsible_people(step))
        for person in people:
            person.__dict__.pop("_serawai_roles", None)
            held = held_roles(person, fresh_cycle.year)
            assert is_responsible(step, held, regencies) == (person in expected), (step, person)


def test_every_to_do_links_to_the_page_where_it_is_done(client, can_member, ca_1701, fresh_cycle):
    import re

    for person, step, url in (
        (can_member, STEP1, reverse("cycles:concept")),
        (ca_1701, STEP3, reverse("voting:proposals")),
    ):
        page = _home(client, person)
        link = re.search(rf'<a class="fw-bold" href="([^"]+)">{re.escape(step)}</a>', page)
        assert link and link.group(1) == url, step
        assert client.get(url).status_code == 200
