"""Calendar feeds: a private address per person with the events they attend or serve at and the
deadlines of the steps they answer for, in Asia/Jakarta time; each event as an .ics file."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from cycles.services.cycle import create_cycle, replan_cycle
from demo.national.seed import seed_offices
from events.models import Attendance, CalendarFeed, CommitteeMember
from events.services import calendar as feeds
from events.services import preparation
from tests.factories import EmployeeFactory, make_cycle, make_event, office

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def feed_of(client, person) -> Calendar:
    """The person's feed, fetched as a calendar program does: no session, only the address."""
    token = (
        feeds.regenerate_feed(person).token
        if not hasattr(person, "calendar_feed")
        else (person.calendar_feed.token)
    )
    client.logout()
    response = client.get(reverse("events:personal_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def entries(calendar: Calendar) -> dict:
    return {str(item["UID"]): item for item in calendar.walk("VEVENT")}


def event_uid(event) -> str:
    return f"serawai-event-{event.pk}@127.0.0.1"


def test_the_feed_holds_the_persons_events_in_jakarta_time_and_their_deadlines(
    client, event, speaker, ca_1701, employee
):
    Attendance.objects.create(event=event, employee=employee, source="self")
    for person in (speaker, employee):
        calendar = feed_of(client, person)
        item = entries(calendar)[event_uid(event)]
        start, end = item.decoded("DTSTART"), item.decoded("DTEND")
        assert start == datetime.datetime.combine(event.date, datetime.time(9, 0), tzinfo=WIB)
        assert end == datetime.datetime.combine(event.date, datetime.time(11, 0), tzinfo=WIB)
        assert item["DTSTART"].params["TZID"] == "Asia/Jakarta"
        assert str(item["SUMMARY"]) == "Serawai: Statistik untuk Kebijakan Daerah"
        zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
        assert zones == ["Asia/Jakarta"]
    # The host office's CA: no event of their own, the deadline of the committee (step 6).
    summaries = {str(i["SUMMARY"]): i for i in feed_of(client, ca_1701).walk("VEVENT")}
    step6 = event.steps.get(number=6)
    deadline = next(i for s, i in summaries.items() if s.startswith("Batas waktu langkah 6"))
    assert deadline.decoded("DTSTART") == step6.due  # an all-day entry on the due day
    assert "Statistik untuk Kebijakan Daerah" in str(deadline["SUMMARY"])
    assert not any(s.startswith("Serawai:") for s in summaries)
    # An employee with no SOP role answers for no step but the vote (step 4, everyone's).
    steps = [s for s in map(str, (i["SUMMARY"] for i in feed_of(client, employee).walk("VEVENT")))]
    assert all(not s.startswith("Batas waktu") or "langkah 4" in s for s in steps)


def test_a_date_move_changes_the_feed(client, event, speaker, ca_1701, monday):
    first = entries(feed_of(client, speaker))[event_uid(event)]
    assert first["SEQUENCE"] == 0
    assert feed_of(client, speaker).walk("VEVENT")[0]["SEQUENCE"] == 0  # nothing moved yet

    monday.shift(datetime.timedelta(hours=2))
    preparation.update_readiness(
        event, by=ca_1701, items={}, start_time=datetime.time(13, 30), end_time="15:30"
    )
    moved = entries(feed_of(client, speaker))[event_uid(event)]
    assert moved["UID"] == first["UID"] and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART").time() == datetime.time(13, 30)
    assert moved.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")
    assert moved.decoded("DTSTAMP") > first.decoded("DTSTAMP")

    # A replanned cycle moves the deadlines the CA answers for (steps 3 and 4).
    before = {str(i["UID"]): i for i in feed_of(client, ca_1701).walk("VEVENT")}
    monday.shift(datetime.timedelta(hours=2))
    replan_cycle(event.cycle, from_step=3, start=datetime.date(2026, 4, 6))
    after = {str(i["UID"]): i for i in feed_of(client, ca_1701).walk("VEVENT")}
    step3 = event.cycle.steps.get(number=3)
    uid = f"serawai-cycle-step-{step3.pk}@127.0.0.1"
    assert after[uid].decoded("DTSTART") == step3.due != before[uid].decoded("DTSTART")
    assert after[uid]["SEQUENCE"] == before[uid]["SEQUENCE"] + 1


def test_a_revoked_or_replaced_address_answers_404(client, event, speaker):
    client.force_login(speaker)
    page = client.get(reverse("events:my_calendar")).content.decode()
    assert "Buat alamat kalender" in page
    client.post(reverse("events:my_calendar"), {"action": "regenerate"})
    old = CalendarFeed.objects.get(employee=speaker).token
    page = client.get(reverse("events:my_calendar")).content.decode()
    assert reverse("events:personal_feed", args=[old]) in page

    client.post(reverse("events:my_calendar"), {"action": "regenerate"})
    new = CalendarFeed.objects.get(employee=speaker).token
    assert new != old
    client.logout()
    assert client.get(reverse("events:personal_feed", args=[old])).status_code == 404
    assert client.get(reverse("events:personal_feed", args=[new])).status_code == 200

    client.force_login(speaker)
    client.post(reverse("events:my_calendar"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("events:personal_feed", args=[new])).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_another_provinces_events_never_appear(client, event, speaker):
    seed_offices(["1600"])
    sumsel = office("1600")
    other_cycle = create_cycle(
        province=sumsel, year=2026, start_date=datetime.date(2026, 1, 5), by=None
    )
    other = make_event(host="1601", cycle=other_cycle, title="Tema Sumatera Selatan")
    # The Bengkulu presenter also presents in Sumatera Selatan, and attends there.
    CommitteeMember.objects.create(event=other, role=CommitteeMember.Role.SPEAKER, employee=speaker)
    Attendance.objects.create(event=other, employee=speaker, source="self")
    text = feed_of(client, speaker).to_ical().decode()
    assert "Statistik untuk Kebijakan Daerah" in text
    assert "Sumatera Selatan" not in text
    # And a Sumatera Selatan employee who attended in Bengkulu sees only their own province.
    palembang = EmployeeFactory(full_name="Pegawai Palembang", office=office("1601"))
    Attendance.objects.create(event=event, employee=palembang, source="self")
    CommitteeMember.objects.create(
        event=other, role=CommitteeMember.Role.MODERATOR, employee=palembang
    )
    text = feed_of(client, palembang).to_ical().decode()
    assert "Tema Sumatera Selatan" in text and "Statistik untuk Kebijakan Daerah" not in text


def test_the_event_page_offers_an_ics_file(client, event, speaker, employee):
    client.force_login(employee)
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    ics_url = reverse("events:event_ics", args=[event.pk])
    assert ics_url in detail
    response = client.get(ics_url)
    assert response["Content-Disposition"] == f'attachment; filename="serawai-{event.pk}.ics"'
    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["UID"]) == event_uid(event)  # the same entry as in the feeds
    assert item["DTSTART"].params["TZID"] == "Asia/Jakarta"
    seed_offices(["1100"])
    client.force_login(EmployeeFactory(office=office("1101")))
    assert client.get(ics_url).status_code == 404


def test_a_deactivated_persons_address_stops_working(client, event, speaker):
    token = feeds.regenerate_feed(speaker).token
    speaker.is_active = False
    speaker.save()
    assert client.get(reverse("events:personal_feed", args=[token])).status_code == 404


def test_the_feed_of_a_person_with_nothing_is_still_a_calendar(client):
    person = EmployeeFactory(full_name="Pegawai Baru")
    make_cycle()
    calendar = feed_of(client, person)
    assert str(calendar["VERSION"]) == "2.0"


def test_a_feed_costs_the_same_queries_for_one_event_or_many(client, speaker, ca_1701):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = feeds.regenerate_feed(speaker).token
    feed_url = reverse("events:personal_feed", args=[token])
    client.get(feed_url)  # entries seen once: their versions exist
    with CaptureQueriesContext(connection) as one:
        client.get(feed_url)
    for n in range(4):
        other = make_event(host="1702", title=f"Tema tambahan {n}")
        CommitteeMember.objects.create(
            event=other, role=CommitteeMember.Role.SPEAKER, employee=speaker
        )
    client.get(feed_url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(feed_url)
    assert len(entries(Calendar.from_ical(response.content))) >= 5
    assert len(many) == len(one)


def test_holding_the_event_is_the_events_own_entry_not_a_second_deadline(client, event, ca_1701):
    """The host CA answers for step 9 (holding the event) and attends it: one entry, the event."""
    Attendance.objects.create(event=event, employee=ca_1701, source="self")
    summaries = [str(i["SUMMARY"]) for i in feed_of(client, ca_1701).walk("VEVENT")]
    assert "Serawai: Statistik untuk Kebijakan Daerah" in summaries
    assert not [s for s in summaries if s.startswith("Batas waktu langkah 9")]
    assert [s for s in summaries if s.startswith("Batas waktu langkah 6")]  # others stay
