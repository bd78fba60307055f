"""The participants' suggestions and comments in the report: each remark once with its count,
suggestions apart from comments, the same on the report's page as in its PDF."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from events.models import Attendance
from tests.factories import EmployeeFactory

from .conftest import complete_parts

pytestmark = pytest.mark.django_db

PRACTICE = "Tambahkan sesi praktik langsung."
RATINGS = [
    (4, PRACTICE, "Waktu tanya jawab kurang."),
    (4, PRACTICE, "Waktu tanya jawab kurang."),
    (5, PRACTICE, ""),
    (4, "Bagikan materi sebelum kegiatan.", ""),
    (3, "", "Penjelasan jelas."),
]
SHOWN = (
    "Saran Tambahkan sesi praktik langsung. (3) Bagikan materi sebelum kegiatan. "
    "Komentar Waktu tanya jawab kurang. (2) Penjelasan jelas."
)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_page_groups_remarks_as_the_pdf_does(client, report, event, ca_1701, cc):
    for _ in range(len(RATINGS) - event.attendances.count()):
        Attendance.objects.create(
            event=event, employee=EmployeeFactory(), source=Attendance.Source.SELF
        )
    report = complete_parts(report, event, author=ca_1701, signatory=cc, ratings=RATINGS)
    client.force_login(cc)

    page = _plain(client.get(report.get_absolute_url()).content.decode())
    section = page.split("Saran dan masukan peserta")[1].split("Bab laporan")[0]
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    data = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    document = _plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))

    assert section.strip() == SHOWN
    # The PDF's text comes out of pypdf in layout order, not always the list's: each line once.
    for line in ("Tambahkan sesi praktik langsung. (3)", "Waktu tanya jawab kurang. (2)"):
        assert document.count(line) == 1
    assert document.count(PRACTICE) == 1 and document.count("Penjelasan jelas.") == 1
