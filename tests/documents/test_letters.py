import datetime
import io

import pytest
from pypdf import PdfReader

from documents.letters import LetterError, cancel_letter, issue_letter
from documents.models import Letter
from tests.factories import EmployeeFactory, office

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def stored(letter) -> bytes:
    with letter.file.open("rb") as handle:
        return handle.read()


def test_letter_pdf_shows_number_date_subject_and_signatory(letter_kwargs):
    letter = issue_letter(**letter_kwargs)

    text = pdf_text(stored(letter))
    assert letter.number == "B-001/17000/HM.010/2025"
    assert "B-001/17000/HM.010/2025" in text
    assert "Bengkulu, 2 Januari 2025" in text
    assert "Sosialisasi Program Serawai Tahun 2025" in text
    assert "Ir. Win Rizal, M.E." in text
    assert "NIP. 19720815 199403 1 002" in text
    assert "BADAN PUSAT STATISTIK" in text and "PROVINSI BENGKULU" in text
    assert "Yth." in text and "Tembusan" in text


def test_regency_letter_has_its_own_letterhead_and_satker(letter_kwargs):
    letter = issue_letter(**{**letter_kwargs, "office": office("1702")})

    text = pdf_text(stored(letter))
    assert letter.number == "B-001/17020/HM.010/2025"
    assert "KABUPATEN REJANG LEBONG" in text
    assert "Curup, 2 Januari 2025" in text


def test_numbers_run_per_office_and_restart_each_year(letter_kwargs):
    first = issue_letter(**letter_kwargs)
    second = issue_letter(**letter_kwargs)
    other_office = issue_letter(**{**letter_kwargs, "office": office("1771")})
    next_year = issue_letter(**{**letter_kwargs, "letter_date": datetime.date(2026, 1, 5)})

    assert first.number == "B-001/17000/HM.010/2025"
    assert second.number == "B-002/17000/HM.010/2025"
    assert other_office.number == "B-001/17710/HM.010/2025"
    assert next_year.number == "B-001/17000/HM.010/2026"


def test_cancelled_letter_keeps_its_number_and_the_next_takes_the_next(letter_kwargs):
    first = issue_letter(**letter_kwargs)
    cancel_letter(first, by=letter_kwargs["by"], reason="Salah alamat")
    second = issue_letter(**letter_kwargs)

    first.refresh_from_db()
    assert first.status == Letter.Status.CANCELLED
    assert first.number == "B-001/17000/HM.010/2025"
    assert first.cancelled_by == letter_kwargs["by"] and first.cancelled_at is not None
    assert second.number == "B-002/17000/HM.010/2025"
    with pytest.raises(LetterError):
        cancel_letter(first, by=letter_kwargs["by"])


def test_failed_render_hands_the_number_back(letter_kwargs):
    with pytest.raises(Exception):  # noqa: B017 - any template error
        issue_letter(**{**letter_kwargs, "body_template": "documents/letters/missing.html"})
    letter = issue_letter(**letter_kwargs)

    assert letter.number == "B-001/17000/HM.010/2025"
    assert Letter.objects.count() == 1


def test_letter_without_addressee_is_refused(letter_kwargs):
    with pytest.raises(LetterError):
        issue_letter(**{**letter_kwargs, "addressees": ["  "]})
    assert not Letter.objects.exists()


def test_letter_is_pdfa_with_title_author_and_language(letter_kwargs):
    letter = issue_letter(**letter_kwargs)

    reader = PdfReader(io.BytesIO(stored(letter)))
    assert letter.number in reader.metadata.title
    assert "Sosialisasi Program Serawai" in reader.metadata.title
    assert reader.metadata.author == "Badan Pusat Statistik Provinsi Bengkulu"
    assert reader.trailer["/Root"]["/Lang"] == "id"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "3" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_attachments_come_as_extra_pages(letter_kwargs):
    letter = issue_letter(
        **{
            **letter_kwargs,
            "enclosures": "1 (satu) berkas",
            "attachment_templates": ["documents/letters/attachment_table.html"],
            "context": {
                **letter_kwargs["context"],
                "attachment_title": "Daftar Tema Terpilih",
                "attachment_headers": ["No", "Tema"],
                "attachment_rows": [[1, "Pemanfaatan Big Data"]],
            },
        }
    )

    reader = PdfReader(io.BytesIO(stored(letter)))
    assert len(reader.pages) == 2
    assert "DAFTAR TEMA TERPILIH" in reader.pages[1].extract_text()
    assert letter.number in reader.pages[1].extract_text()


def test_redownload_gives_the_same_bytes(client, letter_kwargs):
    letter = issue_letter(**letter_kwargs)
    reader = EmployeeFactory(office=office("1705"))
    client.force_login(reader)

    first = client.get(letter.get_absolute_url())
    second = client.get(letter.get_absolute_url())

    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    import hashlib

    assert hashlib.sha256(first.content).hexdigest() == letter.sha256
    assert first.content == second.content


def test_other_province_cannot_download_a_letter(client, letter_kwargs):
    letter = issue_letter(**letter_kwargs)
    outsider = EmployeeFactory(office=office("0000"))
    client.force_login(outsider)

    assert client.get(letter.get_absolute_url()).status_code == 404
