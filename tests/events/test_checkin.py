"""Step 9: self check-in by link or QR code, only inside the event's window, once each."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from events import checkin
from events.models import Attendance, Event

from .conftest import url

pytestmark = pytest.mark.django_db


def checkin_url(event):
    return checkin.path(event)


def move(event, day, start="09:00", end="11:00"):
    Event.objects.filter(pk=event.pk).update(date=day, start_time=start, end_time=end)
    event.refresh_from_db()


def test_check_in_before_the_window_is_refused_with_a_message(client, ready_event, employee):
    move(ready_event, timezone.localdate() + datetime.timedelta(days=3))
    client.force_login(employee)
    page = client.post(checkin_url(ready_event), follow=True)
    text = page.content.decode()
    assert "Presensi belum dibuka" in text and "08.30 WIB" in text
    assert not Attendance.objects.exists()


def test_check_in_after_the_window_is_refused_with_a_message(client, ready_event, employee):
    move(ready_event, timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(employee)
    page = client.post(checkin_url(ready_event), follow=True)
    text = page.content.decode()
    assert "Presensi sudah ditutup" in text and "11.30 WIB" in text
    assert not Attendance.objects.exists()


def test_check_in_inside_the_window_once_and_a_second_time_changes_nothing(
    client, ready_event, employee
):
    move(ready_event, timezone.localdate(), start="00:00", end="23:59")
    client.force_login(employee)
    page = client.post(checkin_url(ready_event), follow=True)
    assert "kehadiran Anda tercatat" in page.content.decode()
    first = Attendance.objects.get(event=ready_event, employee=employee)
    assert first.source == Attendance.Source.SELF

    page = client.post(checkin_url(ready_event), follow=True)
    assert "sudah tercatat hadir" in page.content.decode()
    assert Attendance.objects.filter(event=ready_event).count() == 1
    again = Attendance.objects.get(event=ready_event, employee=employee)
    assert again.checked_in_at == first.checked_in_at


def test_check_in_needs_a_login_and_the_right_link(client, ready_event, employee):
    page = client.get(checkin_url(ready_event))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    client.force_login(employee)
    forged = url("checkin", ready_event, "abc")
    assert client.post(forged).status_code == 404
    assert not Attendance.objects.exists()


def test_check_in_is_closed_until_readiness_is_confirmed(client, event, employee):
    move(event, timezone.localdate(), start="00:00", end="23:59")
    client.force_login(employee)
    page = client.post(checkin_url(event), follow=True)
    assert "kesiapan kegiatan belum dikonfirmasi" in page.content.decode()
    assert not Attendance.objects.exists()


def test_the_host_ca_shows_the_qr_code_and_an_employee_cannot(
    client, ready_event, ca_1701, employee
):
    client.force_login(ca_1701)
    page = client.get(url("checkin_code", ready_event)).content.decode()
    assert "<svg" in page and checkin_url(ready_event) in page
    client.force_login(employee)
    assert client.get(url("checkin_code", ready_event)).status_code == 403


def test_the_note_taker_adds_an_attendee_by_nip(client, ready_event, note_taker, employee):
    client.force_login(note_taker)
    page = client.post(url("attendance", ready_event), {"nip": employee.nip_display}, follow=True)
    assert "ditambahkan ke daftar hadir" in page.content.decode()
    row = Attendance.objects.get(event=ready_event, employee=employee)
    assert row.source == Attendance.Source.NOTE_TAKER and row.added_by == note_taker
    page = client.post(url("attendance", ready_event), {"nip": employee.nip})
    assert "sudah tercatat hadir" in page.content.decode()
    page = client.post(url("attendance", ready_event), {"nip": "199001012015011999"})
    assert "Tidak ada pegawai aktif dengan NIP itu" in page.content.decode()
    assert Attendance.objects.filter(event=ready_event).count() == 1


def test_an_employee_cannot_add_attendees(client, ready_event, employee, ca_1702):
    client.force_login(ca_1702)
    assert client.post(url("attendance", ready_event), {"nip": employee.nip}).status_code == 403
    assert not Attendance.objects.exists()


def test_after_the_window_the_qr_is_no_longer_offered_and_its_page_says_when_it_closed(
    client, ready_event, ca_1701, employee
):
    move(ready_event, timezone.localdate(), start="00:00", end="23:59")
    client.force_login(ca_1701)
    assert "Tampilkan QR presensi" in client.get(url("detail", ready_event)).content.decode()

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    move(ready_event, yesterday)
    closed = (
        f"Presensi mandiri sudah ditutup sejak {date_format(yesterday, 'j F Y')} pukul 11.30 WIB"
    )
    detail = client.get(url("detail", ready_event)).content.decode()
    assert "Tampilkan QR presensi" not in detail and closed in detail
    page = client.get(url("checkin_code", ready_event)).content.decode()
    assert closed in page
    assert "QR presensi</title>" not in page and checkin_url(ready_event) not in page
    assert url("attendance", ready_event) in page  # where the CAN adds people, with a reason

    client.force_login(employee)
    page = client.get(checkin_url(ready_event)).content.decode()
    assert closed in page and "Saya hadir" not in page
