"""Step 9 documents: the invitation letter (with a notification to every employee), the attendance
list as .xlsx and PDF, and certificates for attendees and speakers only."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from documents.batches import run_batch
from documents.models import Certificate, CertificateBatch, Letter
from documents.templatetags.documents import region_line
from events.models import CommitteeMember, Event, EventStep, Readiness
from events.services import errors, eventday, preparation
from notifications import kinds
from notifications.models import Notification
from tests.factories import EmployeeFactory, add_external_speaker, office

from .conftest import url

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_invitation_letter_goes_to_all_employees(client, event, ca_1701, head_1701, employee):
    client.force_login(ca_1701)
    page = client.post(url("send_invitation", event), {"signatory": head_1701.pk}, follow=True)
    assert "Surat undangan diterbitkan" in page.content.decode()
    letter = Letter.objects.for_object(event).get(kind=Letter.Kind.INVITATION)
    with letter.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert event.title in text and "Seluruh Pegawai BPS Provinsi Bengkulu" in text
    invited = Notification.objects.filter(kind=kinds.EVENT_INVITATION)
    assert set(invited.values_list("recipient_id", flat=True)) >= {employee.pk, ca_1701.pk}
    assert Readiness.objects.get(event=event).invitation_sent
    page = client.post(url("send_invitation", event), {"signatory": head_1701.pk}, follow=True)
    assert "sudah dikirim" in page.content.decode()
    assert Letter.objects.filter(kind=Letter.Kind.INVITATION).count() == 1


def test_attendance_list_as_xlsx_and_pdf(client, ready_event, note_taker, employee):
    eventday.add_attendee(ready_event, employee=employee, by=note_taker)
    client.force_login(employee)
    xlsx = client.get(url("attendance_xlsx", ready_event))
    assert xlsx.status_code == 200
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "Nama", "NIP")
    assert rows[1][1] == "Budi Santoso, S.ST." and rows[1][2] == employee.nip_display
    pdf = client.get(url("attendance_pdf", ready_event))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "DAFTAR HADIR KEGIATAN SERAWAI" in text and "Budi Santoso, S.ST." in text
    # An official record: the host office's letterhead heads the list.
    assert "BADAN PUSAT STATISTIK" in text
    assert region_line(ready_event.host_office) in text


def test_certificates_go_only_to_attendees_and_speakers(
    client, ready_event, note_taker, ca_1701, cc, employee
):
    event = ready_event
    speaker = EmployeeFactory(full_name="Dr. Penyaji Internal, M.Si.", office=office("1701"))
    moderator = EmployeeFactory(full_name="Moderator Tidak Hadir, S.ST.")
    absent = EmployeeFactory(full_name="Pegawai Tidak Hadir, S.E.")
    for role, person in (
        (CommitteeMember.Role.SPEAKER, speaker),
        (CommitteeMember.Role.MODERATOR, moderator),
    ):
        preparation.add_committee_member(event, role=role, employee=person, by=ca_1701)
    add_external_speaker(event, by=ca_1701)
    for person in (employee, speaker):
        eventday.add_attendee(event, employee=person, by=note_taker)

    client.force_login(ca_1701)
    page = client.post(url("certificates", event), {"signatory": cc.pk}, follow=True)
    assert "setelah kegiatan dicatat terlaksana" in page.content.decode()
    assert not Certificate.objects.exists()

    Event.objects.filter(pk=event.pk).update(date=timezone.localdate(), start_time="00:00")
    eventday.save_minutes(
        event, summary="Ringkasan.", questions_answers="", follow_ups="", by=note_taker
    )
    eventday.finalise_minutes(event, by=note_taker)
    # Held: the presenter evaluation (step 11) opens for the attendees.
    assert Notification.objects.filter(kind=kinds.EVALUATION_OPEN, recipient=employee).exists()
    page = client.post(url("certificates", event), {"signatory": cc.pk}, follow=True)
    assert "Sertifikat sedang diterbitkan" in page.content.decode()
    assert not Certificate.objects.exists()  # the request only records the order
    run_batch(CertificateBatch.objects.get().pk)  # what the worker does

    issued = {(c.holder_name, c.kind) for c in Certificate.objects.all()}
    assert issued == {
        ("Budi Santoso, S.ST.", "participant"),
        ("Dr. Penyaji Internal, M.Si.", "speaker"),
        ("Prof. Luar, Ph.D.", "speaker"),
    }
    assert not Certificate.objects.filter(holder__in=[moderator, absent, note_taker]).exists()
    budi = Certificate.objects.get(holder=employee)
    assert budi.holder_nip == employee.nip  # 18 digits: PostgreSQL refuses the spaced form
    with budi.file.open("rb") as handle:
        assert "Budi Santoso, S.ST." in pdf_text(handle.read())
    assert Notification.objects.filter(kind=kinds.CERTIFICATES_READY, recipient=employee).exists()
    step = EventStep.objects.get(event=event, number=9)
    assert step.completed_at is not None  # minutes final and certificates issued

    page = client.post(url("certificates", event), {"signatory": cc.pk}, follow=True)
    assert "sudah diterbitkan" in page.content.decode()
    assert Certificate.objects.count() == 3
    preparation.close_event(event, by=ca_1701)
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED


def test_status_moves_only_through_its_steps(event, ca_1701, note_taker):
    with pytest.raises(errors.EventError):
        preparation.mark_held(event, by=ca_1701)  # planned -> held is not allowed
    with pytest.raises(errors.EventError):
        preparation.close_event(event, by=ca_1701)
    with pytest.raises(errors.EventError):
        eventday.save_minutes(
            event, summary="x", questions_answers="", follow_ups="", by=note_taker
        )
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED


def test_a_host_reading_in_english_still_sends_an_indonesian_letter(
    client, event, ca_1701, head_1701, settings
):
    client.force_login(ca_1701)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post(url("send_invitation", event), {"signatory": head_1701.pk})

    letter = Letter.objects.for_object(event).get(kind=Letter.Kind.INVITATION)
    assert letter.subject == "Undangan Kegiatan Serawai"
    assert letter.addressees[0].startswith("Seluruh Pegawai BPS Provinsi Bengkulu")
    with letter.file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Undangan Kegiatan Serawai" in text and "Invitation" not in text
