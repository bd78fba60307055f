"""SOP step 9's minutes as a document: finalised minutes become a numbered PDF signed by the
note taker and the Koordinator (with their NIPs), stored and downloadable from the event."""

import io

import pytest
from pypdf import PdfReader

from documents.models import Letter
from events.models import CommitteeMember
from events.services import eventday, preparation
from tests.factories import EmployeeFactory, final_minutes, hold_today, office

from .conftest import url

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def coordinator(ready_event, ca_1701):
    person = EmployeeFactory(
        full_name="Hendra Saputra, S.ST., M.Si.",
        nip="198203142005021003",
        office=office("1701"),
    )
    preparation.add_committee_member(
        ready_event, role=CommitteeMember.Role.COORDINATOR, employee=person, by=ca_1701
    )
    return person


def test_finalised_minutes_are_a_signed_numbered_pdf_on_the_event_page(
    client, ready_event, note_taker, coordinator, employee
):
    hold_today(ready_event)
    minutes = final_minutes(
        ready_event,
        note_taker,
        summary="Narasumber memaparkan pemanfaatan data harga daring.",
        questions_answers="Bagaimana validasi data? Dibandingkan dengan survei harga.",
        follow_ups="Uji coba di dua kabupaten.",
    )

    document = Letter.objects.get(kind=Letter.Kind.MINUTES)
    assert minutes.document_number == document.number
    assert document.number.startswith("B-001/17010/")
    assert document.download_name.startswith("notulensi-")
    client.force_login(employee)
    page = client.get(url("minutes", ready_event)).content.decode()
    assert minutes.document_url in page
    assert minutes.document_url in client.get(ready_event.get_absolute_url()).content.decode()

    response = client.get(minutes.document_url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "NOTULENSI KEGIATAN SERAWAI" in text
    assert f"Nomor: {document.number}" in text
    assert "Narasumber memaparkan pemanfaatan data harga daring." in text
    assert "Uji coba di dua kabupaten." in text
    assert "Notulis," in text and "Nur Aisyah, S.Tr.Stat." in text
    assert f"NIP. {note_taker.nip_display}" in text
    assert "Koordinator Kegiatan," in text and "Hendra Saputra, S.ST., M.Si." in text
    assert "NIP. 19820314 200502 1 003" in text
    assert "KABUPATEN BENGKULU SELATAN" in text  # the host office's letterhead


def test_minutes_and_attendance_list_are_filed_as_pdfa(
    client, ready_event, note_taker, coordinator, employee, tmp_path
):
    from tests.documents.archival import assert_archival

    hold_today(ready_event)
    eventday.add_attendee(ready_event, employee=employee, by=note_taker)
    minutes = final_minutes(ready_event, note_taker, summary="Ringkasan materi.")
    client.force_login(employee)

    assert_archival(
        client.get(minutes.document_url).content,
        tmp_path / "minutes",
        expect=[
            "NOTULENSI KEGIATAN SERAWAI",
            f"Nomor: {minutes.document_number}",
            "Ringkasan materi.",
            "NIP. 19820314 200502 1 003",
        ],
    )
    assert_archival(
        client.get(url("attendance_pdf", ready_event)).content,
        tmp_path / "attendance",
        expect=[
            "DAFTAR HADIR KEGIATAN SERAWAI",
            f"Budi Santoso, S.ST. {employee.nip_display}",
            "Mengetahui, Koordinator Kegiatan, Hendra Saputra, S.ST., M.Si.",
        ],
    )
