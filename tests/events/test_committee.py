"""Step 6: the host CA forms the committee and issues "Surat Daftar Nama Pelaksana Serawai"."""

import io

import pytest
from pypdf import PdfReader

from documents.models import Letter
from events.models import CommitteeMember, EventStep
from tests.factories import EmployeeFactory, office

from .conftest import url

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def add(client, event, role, **data):
    return client.post(
        url("committee", event),
        {"role": role, "employee": "", "external_name": "", "external_institution": "", **data},
        follow=True,
    )


def test_committee_to_letter(client, event, ca_1701, head_1701):
    staff = [EmployeeFactory(office=office("1701"), full_name=f"Staf {n}, S.ST.") for n in range(3)]
    client.force_login(ca_1701)
    page = add(client, event, "speaker", external_name="Prof. Dr. Ridwan Nurazi, M.Sc.")
    assert "Isi instansi narasumber pihak luar." in page.content.decode()
    add(
        client,
        event,
        "speaker",
        external_name="Prof. Dr. Ridwan Nurazi, M.Sc.",
        external_institution="Universitas Bengkulu",
    )
    add(client, event, "coordinator", employee=ca_1701.pk)
    add(client, event, "moderator", employee=staff[0].pk)
    page = add(client, event, "note_taker", external_name="Orang Luar", external_institution="X")
    assert "Hanya narasumber yang boleh dari pihak luar." in page.content.decode()
    page = add(client, event, "note_taker", employee=staff[1].pk)
    assert "Panitia ditambahkan." in page.content.decode()
    add(client, event, "other", employee=staff[2].pk, duty="Konsumsi")
    assert event.committee.count() == 5

    page = client.post(url("committee_letter", event), {"signatory": head_1701.pk}, follow=True)
    assert "Surat Daftar Nama Pelaksana Serawai diterbitkan." in page.content.decode()
    letter = Letter.objects.for_object(event).get()
    assert letter.kind == Letter.Kind.COMMITTEE and letter.office == office("1701")
    assert letter.number.startswith("B-001/17010/")
    with letter.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Daftar Nama Pelaksana Serawai" in text
    assert "Kepala BPS Provinsi Bengkulu" in text
    assert event.title in text
    for name in (
        "Prof. Dr. Ridwan Nurazi, M.Sc.",
        "Universitas Bengkulu",
        ca_1701.full_name,
        "Staf 0, S.ST.",
        "Notulis",
        "Moderator/MC",
        "Drs. Kepala Satu, M.Si.",
    ):
        assert name in text, name
    step = EventStep.objects.get(event=event, number=6)
    assert step.completed_by == ca_1701 and step.output_note == letter.number

    # The letter fixes the committee.
    page = add(client, event, "other", employee=head_1701.pk)
    assert "susunan panitia tidak dapat diubah lagi" in page.content.decode()
    assert event.committee.count() == 5
    assert client.get(letter.get_absolute_url()).status_code == 200


def test_letter_refused_while_roles_are_missing(client, event, ca_1701, head_1701):
    client.force_login(ca_1701)
    add(client, event, "coordinator", employee=ca_1701.pk)
    page = client.post(url("committee_letter", event), {"signatory": head_1701.pk}, follow=True)
    text = page.content.decode()
    assert "Panitia belum lengkap, belum ada: Narasumber, Moderator/MC, Notulis." in text
    assert not Letter.objects.exists()
    assert EventStep.objects.get(event=event, number=6).completed_at is None


def test_only_the_host_ca_forms_the_committee(client, event, ca_1702, can_member, employee):
    for person in (ca_1702, can_member, employee):
        client.force_login(person)
        assert client.get(url("committee", event)).status_code == 403
        assert add(client, event, "coordinator", employee=person.pk).status_code == 403
    assert not CommitteeMember.objects.exists()
