"""Attendance is closed with the event: afterwards only the CAN corrects it, with a reason,
the correction is marked late and kept in the audit trail, and only attendance taken during the
event lets a person rate the presenters."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse

from evaluations.services.ratings import (
    EvaluationError,
    check_can_rate_presenters,
    open_presenter_evaluation,
)
from events.models import Attendance, CommitteeMember
from events.services import errors, eventday
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    give_role,
    make_cycle,
    make_event,
    make_ready,
    office,
    working_day,
)

from .conftest import url

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role
YEAR = 2026


@pytest.fixture
def ready_event(db):
    """An event of the 2026 cycle on a fixed day, ready (step 7 confirmed)."""
    event = make_event(
        cycle=make_cycle(year=YEAR),
        event_date=working_day(datetime.date(YEAR, 8, 12)),
        title="Statistik untuk Kebijakan Daerah",
    )
    host_ca = EmployeeFactory(office=office("1701"))
    give_role(host_ca, Role.CA, office("1701"), year=YEAR)
    ca_province = EmployeeFactory()
    give_role(ca_province, Role.CA, year=YEAR)
    return make_ready(event, host_ca, ca_province)


@pytest.fixture
def note_taker(ready_event):
    person = EmployeeFactory(full_name="Nur Aisyah, S.Tr.Stat.", office=office("1701"))
    CommitteeMember.objects.create(
        event=ready_event, role=CommitteeMember.Role.NOTE_TAKER, employee=person
    )
    return person


@pytest.fixture
def can_member(db):
    person = EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat.")
    give_role(person, Role.CAN_MEMBER, year=YEAR)
    return person


def during(event):
    return time_machine.travel(event.window[0] + datetime.timedelta(minutes=45), tick=False)


def after(event):
    return time_machine.travel(event.window[1] + datetime.timedelta(days=2), tick=False)


def test_after_the_event_the_note_taker_no_longer_adds_anyone(client, ready_event, note_taker):
    latecomer = EmployeeFactory(full_name="Datang Belakangan")
    with after(ready_event):
        client.force_login(note_taker)
        response = client.post(url("attendance", ready_event), {"nip": latecomer.nip})
        assert response.status_code == 403
        with pytest.raises(errors.EventError, match="sudah berakhir"):
            eventday.add_attendee(ready_event, employee=note_taker, by=note_taker)
    assert not Attendance.objects.exists()


def test_after_the_event_the_can_adds_someone_with_a_reason_marked_late(
    client, ready_event, can_member
):
    latecomer = EmployeeFactory(full_name="Datang Belakangan")
    with after(ready_event):
        client.force_login(can_member)
        page = client.post(url("attendance", ready_event), {"nip": latecomer.nip}).content
        assert 'id="error_1_id_reason"' in page.decode()  # no reason, no addition
        assert not Attendance.objects.exists()
        reason = "Hadir di ruang rapat kedua, lupa presensi"
        response = client.post(
            url("attendance", ready_event), {"nip": latecomer.nip, "reason": reason}, follow=True
        )
    page = response.content.decode()
    row = Attendance.objects.get(employee=latecomer)
    assert row.source == Attendance.Source.LATE and row.reason == reason
    assert row.added_by == can_member
    assert "Dicatat setelah kegiatan" in page and reason in page
    assert "1 di antaranya dicatat setelah kegiatan" in page
    entry = LogEntry.objects.get_for_object(row).get(action=LogEntry.Action.CREATE)
    assert entry.actor == can_member


def test_only_attendance_taken_during_the_event_makes_a_rater(
    client, ready_event, note_taker, can_member
):
    speaker = EmployeeFactory(full_name="Narasumber")
    CommitteeMember.objects.create(
        event=ready_event, role=CommitteeMember.Role.SPEAKER, employee=speaker
    )
    on_time, latecomer = EmployeeFactory(), EmployeeFactory()
    with during(ready_event):
        eventday.check_in(ready_event, on_time)
        eventday.add_attendee(ready_event, employee=note_taker, by=note_taker)
    with after(ready_event):
        eventday.add_late_attendee(
            ready_event, employee=latecomer, by=can_member, reason="Ikut daring"
        )
        open_presenter_evaluation(ready_event)
        check_can_rate_presenters(ready_event, on_time)
        check_can_rate_presenters(ready_event, note_taker)
        with pytest.raises(EvaluationError, match="Hanya peserta yang hadir"):
            check_can_rate_presenters(ready_event, latecomer)
        client.force_login(can_member)
        recap = client.get(reverse("evaluations:event_recap", args=[ready_event.pk]))
    page = recap.content.decode()
    assert "3 peserta hadir" in page
    assert "1 di antaranya dicatat setelah kegiatan dan tidak menilai" in page


def test_the_can_removes_an_attendee_with_the_reason_in_the_audit_trail(
    client, ready_event, can_member, note_taker
):
    wrong = EmployeeFactory(full_name="Salah Catat")
    with during(ready_event):
        row = eventday.add_attendee(ready_event, employee=wrong, by=note_taker)
    remove = url("attendance_remove", ready_event, row.pk)
    with after(ready_event):
        client.force_login(note_taker)
        assert client.post(remove, {"reason": "x"}).status_code == 403
        client.force_login(can_member)
        assert "Salah Catat" in client.get(remove).content.decode()
        assert client.post(remove, {"reason": ""}).status_code == 400
        assert Attendance.objects.filter(pk=row.pk).exists()
        response = client.post(remove, {"reason": "Tidak hadir; salah NIP"})
    assert response.status_code == 302
    assert not Attendance.objects.filter(pk=row.pk).exists()
    entry = LogEntry.objects.get(
        content_type__model="attendance", object_id=row.pk, action=LogEntry.Action.DELETE
    )
    assert entry.actor == can_member
    assert entry.additional_data["reason"] == "Tidak hadir; salah NIP"
    assert entry.additional_data["province"] == ready_event.cycle.province_id


def test_during_the_event_the_can_does_not_correct_the_list(client, ready_event, can_member):
    person = EmployeeFactory()
    with during(ready_event):
        row, _created = eventday.check_in(ready_event, person)
        client.force_login(can_member)
        response = client.post(
            url("attendance_remove", ready_event, row.pk), {"reason": "Coba hapus"}
        )
        assert response.status_code == 400
        assert "belum berakhir" in response.content.decode()
    assert Attendance.objects.filter(pk=row.pk).exists()
