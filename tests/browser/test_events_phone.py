"""The event pages and the check-in page on a phone (390x844): no sideways scrolling, the
check-in button works, every page passes axe."""

import pytest
from django.utils import timezone

from events import checkin
from events.models import CommitteeMember, Event
from events.services import eventday, preparation
from organization.models import RoleAssignment
from tests.browser.conftest import PHONE
from tests.factories import (
    PASSWORD,
    EmployeeFactory,
    add_external_speaker,
    employee_with_role,
    make_event,
    make_ready,
    office,
)

Role = RoleAssignment.Role


@pytest.fixture
def held_today(db, ca_1701, can_member):
    ca_prov = employee_with_role(Role.CA, full_name="Yuli Andriani, S.ST., M.M.")
    event = make_event(
        title="Pemanfaatan Big Data untuk Statistik Harga Konsumen di Kabupaten",
        meeting_link="https://zoom.us/j/98765432101?pwd=serawai-bengkulu-selatan",
    )
    note_taker = EmployeeFactory(full_name="Nur Aisyah, S.Tr.Stat.", office=office("1701"))
    for role, person in (
        (CommitteeMember.Role.COORDINATOR, ca_1701),
        (CommitteeMember.Role.NOTE_TAKER, note_taker),
        (CommitteeMember.Role.MODERATOR, EmployeeFactory(office=office("1701"))),
    ):
        preparation.add_committee_member(event, role=role, employee=person, by=ca_1701)
    add_external_speaker(event, by=ca_1701, name="Prof. Dr. Ridwan Nurazi, M.Sc.")
    make_ready(
        event,
        ca_1701,
        ca_prov,
        place="Aula Lantai 2 BPS Kabupaten Bengkulu Selatan",
        comment="Semua butir siap; uji Zoom selesai.",
    )
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    event.refresh_from_db()
    for _n in range(12):
        eventday.add_attendee(event, employee=EmployeeFactory(), by=note_taker)
    return event


@pytest.mark.django_db(transaction=True)
def test_event_pages_fit_a_phone(visit, held_today, ca_1701):
    tab = visit("ca-host", viewport=PHONE)
    tab.login(ca_1701.nip, PASSWORD)
    for name, path in (
        ("event", held_today.get_absolute_url()),
        ("committee", f"/events/{held_today.pk}/committee/"),
        ("readiness", f"/events/{held_today.pk}/readiness/"),
        ("team", f"/events/{held_today.pk}/event-team/"),
        ("qr", f"/events/{held_today.pk}/checkin-code/"),
        ("attendance", f"/events/{held_today.pk}/attendance/"),
        ("minutes", f"/events/{held_today.pk}/minutes/"),
        ("photos", f"/events/{held_today.pk}/photos/"),
    ):
        tab.go(path, name)
        assert tab.page_width() <= PHONE["width"], f"{name} scrolls sideways"
    tab.go(f"/events/{held_today.pk}/checkin-code/", "qr-again")
    qr = tab.page.locator(".qr-code svg").bounding_box()
    assert 200 <= qr["width"] <= PHONE["width"]  # big enough to scan from a screen


@pytest.mark.django_db(transaction=True)
def test_an_employee_checks_in_on_a_phone(visit, held_today, employee):
    tab = visit("employee", viewport=PHONE)
    tab.login(employee.nip, PASSWORD)
    tab.go(checkin.path(held_today), "checkin")
    assert tab.page_width() <= PHONE["width"]
    button = tab.page.get_by_role("button", name="Saya hadir")
    box = button.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44  # a thumb-sized target
    button.click()
    tab.page.wait_for_load_state()
    tab.look("checked-in")
    assert "kehadiran Anda tercatat" in tab.page.content()
    assert held_today.attendances.filter(employee=employee).exists()
