"""Every list that can pass 25 rows shows 25 a page, can be filtered (django-filter),
keeps its filter across pages, answers a bad filter value with a message (never a 500), and
runs the same number of queries at 10 and at 60 rows.

Each list of LISTS gets rows whose text is "Baris 00", "Baris 01", ... (a title, a name) so the
same checks read every list; the filter that finds one row is the list's text search.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.models import Certificate
from events.models import Attendance, Event, EventTeamAssignment, EventTeamNeed, TeamRole
from notifications.models import Notification
from organization.models import Employee, RoleAssignment
from tests.factories import (
    EmployeeFactory,
    employee_with_role,
    give_role,
    make_cycle,
    make_event,
    make_nip,
    office,
)
from tests.voting.helpers import open_proposals
from voting.models import ThemeProposal

pytestmark = pytest.mark.django_db

Role = RoleAssignment.Role
ROW = re.compile(r"Baris \d\d\b")
SELECT = re.compile(r"<select.*?</select>", re.S)


def people(start, n, office_code="1701"):
    """n employees named "Baris NN" (bulk: no password hashing)."""
    return Employee.objects.bulk_create(
        Employee(
            nip=make_nip(birth=datetime.date(1975, 1, 1) + datetime.timedelta(days=i), seq=i),
            full_name=f"Baris {i:02d}",
            office=office(office_code),
            password="!",
        )
        for i in range(start, start + n)
    )


class World(dict):
    """What a list's builder needs, made once per test: the viewer and shared objects."""

    def __getattr__(self, name):
        if name not in self:
            self[name] = BUILD[name](self)
        return self[name]


BUILD = {
    "employee": lambda w: EmployeeFactory(full_name="Budi Santoso, S.ST."),
    "can": lambda w: _with_role(Role.CAN_MEMBER),
    "cycle": lambda w: make_cycle(),
    "event": lambda w: make_event(cycle=w.cycle, title="Kegiatan Uji"),
}


def _with_role(role):
    return employee_with_role(role, full_name="Rina Marlina, S.Si., M.Stat.")


# --- builders: add rows start .. start+n-1 -------------------------------------------------------


def add_events(w, start, n, **fields):
    Event.objects.bulk_create(
        Event(
            cycle=w.cycle,
            title=f"Baris {i:02d}",
            host_office=office("1701"),
            date=datetime.date(w.cycle.year, 6, 1) + datetime.timedelta(days=i),
            **fields,
        )
        for i in range(start, start + n)
    )


def add_library(w, start, n):
    """Held events: the rows of Pustaka Serawai."""
    add_events(w, start, n, status=Event.Status.HELD)


def add_team_history(w, start, n):
    need, _ = EventTeamNeed.objects.get_or_create(
        event=w.event,
        role=TeamRole.choices[0][0],
        defaults={
            "start_time": datetime.time(8),
            "end_time": datetime.time(12),
            "created_by": w.can,
        },
    )
    EventTeamAssignment.objects.bulk_create(
        EventTeamAssignment(
            event=w.event,
            need=need,
            role=need.role,
            employee=person,
            status=EventTeamAssignment.Status.CONFIRMED,
        )
        for person in people(start, n)
    )


def add_attendance(w, start, n):
    Attendance.objects.bulk_create(
        Attendance(event=w.event, employee=person, source=Attendance.Source.SELF)
        for person in people(start, n)
    )


def add_notifications(w, start, n):
    Notification.objects.bulk_create(
        Notification(recipient=w.employee, kind="letter_published", title=f"Baris {i:02d}")
        for i in range(start, start + n)
    )


def add_audit(w, start, n):
    for person in people(start, n):
        give_role(person, Role.EVENT_TEAM)  # one audited change each


def add_roles(w, start, n):
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            employee=person, role=Role.EVENT_TEAM, office=office("1700"), year=w.cycle.year
        )
        for person in people(start, n)
    )


def add_proposals(w, start, n):
    if not w.cycle.steps.filter(number=2, completed_at__isnull=False).exists():
        open_proposals(w.cycle, w.can)
    codes = ["1701", "1702", "1703", "1704", "1705"]
    ThemeProposal.objects.bulk_create(
        ThemeProposal(
            cycle=w.cycle,
            office=office(codes[i % len(codes)]),
            title=f"Baris {i:02d}",
            abstract="Ringkasan.",
            relevance="Manfaat.",
            preferred_quarter=2,
        )
        for i in range(start, start + n)
    )


def add_certificates(w, start, n):
    year = timezone.localdate().year
    Certificate.objects.bulk_create(
        Certificate(
            serial=f"UJI-{i:03d}",
            year=year,
            sequence=i + 1,
            kind=Certificate.Kind.PARTICIPANT,
            holder=w.employee,
            holder_name=w.employee.full_name,
            role_label="Peserta",
            event_title=f"Baris {i:02d}",
            event_date=datetime.date(year, 1, 1) + datetime.timedelta(days=i),
            issuer_office=office("1700"),
            signatory_name="Kepala",
            issued_by=w.can,
            signatory=w.can,
            sha256="0" * 64,
            file=f"uji/{i}.pdf",
        )
        for i in range(start, start + n)
    )


@dataclass
class ListCase:
    url: str
    viewer: str
    add: callable
    bad: dict  # a filter value the form refuses
    good: dict = field(default_factory=dict)  # another filter the rows all pass
    max_queries: int = 20


LISTS = {
    "event list": ListCase("events:list", "employee", add_events, {"status": "zzz"}),
    "library": ListCase("events:library", "employee", add_library, {"year": "1800"}),
    "event team history": ListCase("events:team_history", "can", add_team_history, {"role": "zzz"}),
    "attendance list": ListCase(
        "events:attendance", "employee", add_attendance, {"office": "999999"}
    ),
    "notifications": ListCase(
        "notifications:list", "employee", add_notifications, {"kind": "zzz"}, {"state": "unread"}
    ),
    "audit trail": ListCase(
        "audit:trail",
        "can",
        add_audit,
        {"since": "31-31-2020"},
        {"model": "organization.roleassignment"},
    ),
    "roles": ListCase(
        "organization:roles", "can", add_roles, {"office": "abc"}, {"role": "event_team"}
    ),
    "theme proposals": ListCase("voting:proposals", "can", add_proposals, {"office": "999999"}),
    "my certificates": ListCase(
        "documents:my_certificates",
        "employee",
        add_certificates,
        {"year": "1800"},
        {"kind": "participant"},
    ),
}


def url_of(case, w):
    if case.url == "events:attendance":
        return reverse(case.url, args=[w.event.pk])
    return reverse(case.url)


def rows_on(response) -> list[str]:
    """The rows shown, in order (a row may name its text twice, as the audit trail does)."""
    assert response.status_code == 200
    html = SELECT.sub("", response.content.decode())  # a form's list of people is not a row
    return list(dict.fromkeys(ROW.findall(html)))


def setup(case, n):
    w = World()
    getattr(w, case.viewer)  # the viewer exists before the rows (the audit trail is by time)
    case.add(w, 0, n)
    return w


@pytest.mark.parametrize("name", list(LISTS))
def test_a_long_list_shows_25_rows_a_page_and_keeps_the_filter_on_every_page(client, name):
    case = LISTS[name]
    w = setup(case, 60)
    client.force_login(getattr(w, case.viewer))
    url = url_of(case, w)
    first = client.get(url, case.good)
    assert len(rows_on(first)) == 25
    html = first.content.decode()
    assert 'aria-current="page"' in html and "Halaman 1 dari 3" in html
    filtered = client.get(url, {"q": "Baris", **case.good, "page": 2})
    assert len(rows_on(filtered)) == 25
    html = filtered.content.decode()
    assert 'href="?q=Baris' in html and "page=3" in html
    for key, value in case.good.items():
        assert f"{key}={value}" in html.split('aria-label="Halaman', 1)[1]
        assert f'value="{value}" selected' in html  # the form keeps the choice
    last = client.get(url, {"q": "Baris", **case.good, "page": 3})
    assert len(rows_on(last)) == 10
    assert 'value="Baris"' in last.content.decode()


@pytest.mark.parametrize("name", list(LISTS))
def test_the_text_filter_finds_one_row(client, name):
    case = LISTS[name]
    w = setup(case, 30)
    client.force_login(getattr(w, case.viewer))
    assert rows_on(client.get(url_of(case, w), {"q": "baris 07"})) == ["Baris 07"]


@pytest.mark.parametrize("name", list(LISTS))
def test_a_bad_filter_value_is_explained_and_the_list_still_shows(client, name):
    case = LISTS[name]
    w = setup(case, 30)
    client.force_login(getattr(w, case.viewer))
    response = client.get(url_of(case, w), {**case.bad, **case.good, "page": "x"})
    assert len(rows_on(response)) == 25
    assert "Sebagian saringan tidak valid" in response.content.decode()


@pytest.mark.parametrize("name", list(LISTS))
def test_the_query_count_is_the_same_at_10_and_60_rows(client, name, django_assert_max_num_queries):
    case = LISTS[name]
    w = setup(case, 10)
    client.force_login(getattr(w, case.viewer))
    url = url_of(case, w)
    client.get(url)  # warm the session and the content-type cache
    with CaptureQueriesContext(connection) as small:
        assert len(rows_on(client.get(url, {"q": "Baris"}))) == 10
    case.add(w, 10, 50)
    with django_assert_max_num_queries(case.max_queries) as large:
        assert len(rows_on(client.get(url, {"q": "Baris"}))) == 25
    assert len(small.captured_queries) == len(large.captured_queries), "\n".join(
        q["sql"][:160] for q in large.captured_queries
    )


@pytest.mark.parametrize("name", list(LISTS))
def test_text_typed_into_a_filter_comes_back_escaped_in_its_box(client, name):
    case = LISTS[name]
    w = setup(case, 3)
    client.force_login(getattr(w, case.viewer))
    html = client.get(url_of(case, w), {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html
    box = re.search(r'<input[^>]*name="q"[^>]*>', html).group(0)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box
