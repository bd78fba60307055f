"""The report as PDF/A: cover, approval sheet, contents, chapters and appendices in order,
page numbers from CSS counters, and the table of contents pointing at the right pages."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.services import report as services

pytestmark = pytest.mark.django_db

SECTIONS = [
    r"LEMBAR PENGESAHAN",
    r"DAFTAR ISI",
    r"BAB I\s+PENDAHULUAN",
    r"BAB II\s+PELAKSANAAN KEGIATAN",
    r"BAB III\s+HASIL KEGIATAN",
    r"BAB IV\s+PENUTUP",
    r"LAMPIRAN 1\s+SURAT UNDANGAN",
    r"LAMPIRAN 2\s+DRAF KATA SAMBUTAN",
    r"LAMPIRAN 3\s+DAFTAR HADIR",
    r"LAMPIRAN 4\s+DOKUMENTASI KEGIATAN",
    r"LAMPIRAN 5\s+NOTULENSI",
]
# cover, approval sheet, contents, four chapters (one page each here), five appendices
REPORT_PAGES = 12
# then the signed minutes, appended as filed (one page here)
EXPECTED_PAGES = REPORT_PAGES + 1


def _pages(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def _first_page_with(pattern, texts, start) -> int:
    """1-based number of the first page from `start` on whose body shows `pattern`."""
    for index in range(start, len(texts)):
        if re.search(pattern, texts[index]):
            return index + 1
    raise AssertionError(f"{pattern} not found")


def test_approved_report_pdf_has_its_sections_in_order(submitted_report, event, cc):
    report = services.approve_report(submitted_report, by=cc)
    with report.pdf.open("rb") as handle:
        data = handle.read()
    reader, texts = _pages(data)
    assert len(texts) == EXPECTED_PAGES
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp  # PDF/A identification in the XMP metadata
    assert "LAPORAN KEGIATAN SERAWAI" in texts[0] and "TRIWULAN III TAHUN 2026" in texts[0]
    assert "DRAF" not in texts[0]

    contents_page = _first_page_with("DAFTAR ISI", texts, 1)
    pages = [_first_page_with(SECTIONS[0], texts, 1), contents_page] + [
        _first_page_with(pattern, texts, contents_page) for pattern in SECTIONS[2:]
    ]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)

    # The contents list the page each section starts on, and each page prints its number.
    contents = texts[2]
    for pattern, page in zip(SECTIONS[2:], pages[2:], strict=True):
        title = pattern.replace(r"\s+", " ")
        listed = re.search(re.escape(title) + r"[ .…]*?(\d+)\s*$", contents, re.MULTILINE)
        assert listed and int(listed.group(1)) == page, title
    for number in range(2, REPORT_PAGES + 1):
        assert re.search(rf"(^|\n){number}(\n|$)", texts[number - 1]), number

    results = texts[pages[4] - 1]
    assert "Distribusi penilaian per kriteria" in results  # the SVG chart
    assert "Tambah sesi praktik" in results  # a participant's suggestion
    assert "Narasumber memaparkan pengolahan data harga" in results  # the minutes
    # One number format in the tables and the chart: two decimals, medians too.
    assert "4,00" in results and not re.search(r"(?<![\d,])\d,\d(?![\d])", results)
    assert cc.full_name in texts[1]  # the approval sheet names the CC
    assert "Peserta Hadir 3, S.Tr.Stat." in texts[pages[8] - 1]
    assert reader.pages[pages[9] - 1].images  # the documentation photo

    # The last appendix lists the signed minutes, which follow it as filed: numbered, with the
    # note taker and the chair and their NIPs.
    event.minutes.refresh_from_db()
    number = event.minutes.document_number
    assert number in texts[pages[10] - 1]
    minutes = texts[REPORT_PAGES]
    assert "NOTULENSI KEGIATAN SERAWAI" in minutes and f"Nomor: {number}" in minutes
    assert "Narasumber memaparkan pengolahan data harga" in minutes
    assert "Notulis," in minutes and "Koordinator Kegiatan" in minutes and "NIP." in minutes


def test_draft_pdf_is_marked_draft_and_readable_by_the_authors(client, complete_report, ca_1701):
    client.force_login(ca_1701)
    response = client.get(reverse("reports:pdf", args=[complete_report.pk]))
    assert response["Content-Type"] == "application/pdf"
    _reader, texts = _pages(response.content)
    assert "DRAF" in texts[0]
    # Every page of the report; the signed minutes appended after it are final as filed.
    assert all("DRAF" in text for text in texts[1:REPORT_PAGES])
    assert "NOTULENSI KEGIATAN SERAWAI" in texts[REPORT_PAGES]


def test_the_approved_report_is_filed_as_pdfa_with_one_font_family(
    submitted_report, event, cc, tmp_path
):
    from tests.documents.archival import assert_archival

    report = services.approve_report(submitted_report, by=cc)
    with report.pdf.open("rb") as handle:
        data = handle.read()

    event.minutes.refresh_from_db()
    assert_archival(
        data,
        tmp_path,
        expect=[
            "LAPORAN KEGIATAN SERAWAI",
            "LEMBAR PENGESAHAN",
            cc.full_name,
            "DAFTAR HADIR",
            # The signed minutes document, cited by its number in the results chapter and
            # appended whole at the end.
            f"Notulensi resmi Nomor {event.minutes.document_number}",
            "NOTULENSI KEGIATAN SERAWAI",
            f"Nomor: {event.minutes.document_number}",
        ],
    )
