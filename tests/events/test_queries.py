"""The attendance page and the event page run the same number of queries for 10 and 500
attendees (no query per attendee)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Attendance
from organization.models import Employee
from tests.factories import make_event, make_nip, office

from .conftest import url

pytestmark = pytest.mark.django_db


def with_attendees(n: int, start: int):
    event = make_event(title=f"Kegiatan dengan {n} peserta")
    offices = [office(code) for code in ("1700", "1701", "1702", "1771")]
    people = Employee.objects.bulk_create(
        Employee(
            nip=make_nip(
                birth=datetime.date(1975, 1, 1) + datetime.timedelta(days=start + i), seq=i % 1000
            ),
            full_name=f"Peserta {start + i}, S.ST.",
            office=offices[i % len(offices)],
            email=f"peserta{start + i}@bps.go.id",
            password="!",
        )
        for i in range(n)
    )
    Attendance.objects.bulk_create(
        Attendance(event=event, employee=p, source=Attendance.Source.SELF) for p in people
    )
    return event


@pytest.mark.parametrize("page", ["attendance", "detail"])
def test_page_queries_do_not_grow_with_attendees(
    client, page, note_taker, event, django_assert_num_queries
):
    small, large = with_attendees(10, 0), with_attendees(500, 1000)
    client.force_login(note_taker)
    client.get(url(page, small))  # warm the session and caches once
    with CaptureQueriesContext(connection) as first:
        response = client.get(url(page, small))
    assert response.status_code == 200
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url(page, large))
    assert response.status_code == 200
    if page == "attendance":
        content = response.content.decode()
        assert "500 orang hadir." in content  # the whole list is counted, 25 shown a page
        assert "Peserta 1024," in content and "Peserta 1025," not in content
    else:
        assert "<strong>500</strong>" in response.content.decode()
