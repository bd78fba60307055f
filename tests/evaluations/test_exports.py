"""The recap as documents: .xlsx reopened with openpyxl, PDF parsed back with pypdf."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role

from .conftest import add_speaker, make_event
from .helpers import rate_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_events(cycle, event):
    second = make_event(cycle, title="Teknik Wawancara CAPI", code="1702")
    add_speaker(second, "Rahmat Hidayat, S.ST.", external=True)
    first_raters = rate_many(event, [(5, 4, 3, 2, 1), (3, 4, 5, 2, 2), (4, 4, 4, 4, 4)])
    second_raters = rate_many(second, [(2, 3, 2, 3, 2), (4, 5, 4, 5, 4), (3, 3, 3, 3, 3)])
    return event, second, first_raters + second_raters


def test_recap_xlsx_has_a_summary_and_a_sheet_per_event_with_the_figures(
    client, cycle, two_events, can_member
):
    event, second, raters = two_events
    client.force_login(can_member)

    response = client.get(reverse("evaluations:year_recap_xlsx", args=[cycle.year]))

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", f"1. {event.title}"[:31], "2. Teknik Wawancara CAPI"]
    summary = list(book["Ringkasan"].iter_rows(values_only=True))
    header = summary[0]
    first = dict(zip(header, summary[1], strict=True))
    assert first["Kegiatan"] == event.title
    assert first["Jumlah penilaian"] == 3
    assert first["Penguasaan materi"] == 4.0  # (5 + 3 + 4) / 3
    assert first["Interaksi dengan peserta"] == round((1 + 2 + 4) / 3, 2)
    total = dict(zip(header, summary[-1], strict=True))
    assert total["Jumlah penilaian"] == 6
    assert total["Penguasaan materi"] == round((5 + 3 + 4 + 2 + 4 + 3) / 6, 2)

    rows = list(book["2. Teknik Wawancara CAPI"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Kriteria", "n", "Rata-rata", "Median", "Skor 1")
    delivery = rows[2]
    assert delivery[:4] == ("Cara penyampaian", 3, round(11 / 3, 2), 3)  # 3, 5 and 3
    assert delivery[4:9] == (0, 0, 2, 0, 1)
    # Nobody's name or NIP anywhere in the workbook.
    cells = " ".join(
        str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v
    )
    for person in raters:
        assert person.full_name not in cells and person.nip not in cells


def test_recap_pdf_carries_the_chart_and_the_figures(client, cycle, two_events, can_member):
    event, second, raters = two_events
    client.force_login(can_member)

    response = client.get(reverse("evaluations:year_recap_pdf", args=[cycle.year]))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    squeezed = "".join(text.split())
    # The chart's own text (title, per-criterion figures) drawn from the inline SVG.
    assert "Distribusipenilaianperkriteria" in squeezed
    assert "rata-rata4,00·median4,00·n=3" in squeezed  # mastery of the first event
    assert event.title.replace(" ", "") in squeezed
    for person in raters:
        assert person.full_name.replace(" ", "") not in squeezed


def test_event_recap_pdf_renders_with_its_chart(client, two_events, can_member):
    event, _second, _raters = two_events
    client.force_login(can_member)
    response = client.get(reverse("evaluations:event_recap_pdf", args=[event.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    squeezed = "".join(text.split())
    assert "Distribusipenilaianperkriteria" in squeezed
    assert "Penilaianpenyelenggara" in squeezed


def test_year_recap_pdf_is_an_official_record_with_organisers_and_the_best(
    client, cycle, two_events, can_member, cc
):
    from evaluations.selectors import awards
    from evaluations.services.ratings import rate_organizer
    from tests.documents.pdftext import page_texts, squeeze

    event, second, _raters = two_events
    raters = [can_member] + [EmployeeFactory() for _ in range(awards.MIN_ORGANIZER_RATINGS - 1)]
    for rater in raters[1:]:
        give_role(rater, RoleAssignment.Role.CAN_MEMBER)
    for rater in raters:
        rate_organizer(
            event=second,
            rater=rater,
            scores=dict.fromkeys(
                ("preparation", "punctuality", "technical_quality", "documentation"), 4
            ),
            comment="Persiapan rapi.",
        )
    client.force_login(can_member)

    response = client.get(reverse("evaluations:year_recap_pdf", args=[cycle.year]))

    text = squeeze("\n".join(page_texts(response.content)))
    assert text.startswith("BADAN PUSAT STATISTIK PROVINSI BENGKULU")  # the letterhead
    assert "Penilaian penyelenggara oleh CAN Provinsi: Badan Pusat Statistik Kabupaten" in text
    assert "Narasumber terbaik Rumus:" in text
    assert "Penyelenggara kabupaten/kota terbaik Rumus:" in text
    assert "Rumus: Skor = rata-rata dari rata-rata setiap kriteria" in text
    assert "Terbaik: Badan Pusat Statistik Kabupaten Rejang Lebong" in text
    assert "Persiapan rapi. (3)" in text  # the organiser's remarks grouped with their count
    assert "Ir. Win Rizal, M.E." in text and "Kepala BPS Provinsi Bengkulu," in text


def test_event_and_year_recaps_are_filed_as_pdfa(client, cycle, two_events, can_member, tmp_path):
    from tests.documents.archival import assert_archival

    event, _second, _raters = two_events
    client.force_login(can_member)

    assert_archival(
        client.get(reverse("evaluations:event_recap_pdf", args=[event.pk])).content,
        tmp_path / "event",
        expect=[
            "BADAN PUSAT STATISTIK PROVINSI BENGKULU",
            event.title,
            "Penguasaan materi 3 4,00 4,00",
        ],
    )
    assert_archival(
        client.get(reverse("evaluations:year_recap_pdf", args=[cycle.year])).content,
        tmp_path / "year",
        expect=[
            "BADAN PUSAT STATISTIK PROVINSI BENGKULU",
            f"Rekap Evaluasi Serawai Tahun {cycle.year}",
        ],
    )


def test_a_person_reading_in_english_still_gets_an_indonesian_recap(
    client, cycle, two_events, can_member, settings
):
    client.force_login(can_member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'lang="en"' in client.get(reverse("evaluations:index")).content.decode()

    response = client.get(reverse("evaluations:year_recap_pdf", args=[cycle.year]))

    text = "".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert f"RekapEvaluasiSerawaiTahun{cycle.year}" in text
    assert "Distribusipenilaianperkriteria" in text and "Komentar(tanpanama)" in text


def _at(day):
    import datetime

    import time_machine

    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10)), tick=False)


@pytest.fixture
def kota_rated_by_two(db):
    """2026: Kota Bengkulu's event of 12 August rated by three attendees and two CAN members
    (fewer than the minimum of three to show organiser figures), and an event of 4 November
    not held yet. The documents are read on 20 August."""
    import datetime

    from cycles.services.cycle import create_cycle
    from evaluations.criteria import ORGANIZER_KEYS
    from evaluations.services.ratings import rate_organizer
    from tests.factories import province

    with _at(datetime.date(2026, 1, 5)):
        cycle = create_cycle(province=province(), year=2026, start_date=datetime.date(2026, 1, 5))
        can = [EmployeeFactory() for _ in range(2)]
        for person in can:
            give_role(person, RoleAssignment.Role.CAN_MEMBER)
    with _at(datetime.date(2026, 8, 12)):
        held = make_event(
            cycle, title="Literasi Data", code="1771", event_date=datetime.date(2026, 8, 12)
        )
        add_speaker(held, "Ani Lestari, S.ST.")
        coming = make_event(
            cycle, title="Teknik Wawancara CAPI", code="1702", event_date=datetime.date(2026, 11, 4)
        )
        add_speaker(coming, "Rahmat Hidayat, S.ST.")
        rate_many(held, [(4, 4, 4, 4, 4)] * 3, close=False)
        for person in can:
            rate_organizer(event=held, rater=person, scores=dict.fromkeys(ORGANIZER_KEYS, 5))
    return cycle, can[0]


def test_hidden_organiser_figures_are_said_once_the_same_in_pdf_and_xlsx(client, kota_rated_by_two):
    import datetime

    from tests.documents.pdftext import page_texts, squeeze

    cycle, can = kota_rated_by_two
    with _at(datetime.date(2026, 8, 20)):
        client.force_login(can)
        pdf = client.get(reverse("evaluations:year_recap_pdf", args=[2026])).content
        book = load_workbook(
            io.BytesIO(client.get(reverse("evaluations:year_recap_xlsx", args=[2026])).content)
        )

    text = squeeze("\n".join(page_texts(pdf)))
    organiser = text.split("Penilaian penyelenggara oleh CAN Provinsi: ")[1]
    organiser = organiser.split("Komentar")[0].split("Narasumber terbaik")[0]
    assert "Kota Bengkulu (n = 2)" in organiser
    assert "2 penilaian, kurang dari minimum 3: tidak ditampilkan." in organiser
    assert "Persiapan" not in organiser  # no table of n = 0 and "–" beside the heading

    rows = [r for r in book["1. Literasi Data"].iter_rows(values_only=True) if any(r)]
    heading = next(i for i, r in enumerate(rows) if str(r[0]).startswith("Penilaian penyelengg"))
    assert rows[heading + 1][0] == "2 penilaian, kurang dari minimum 3: tidak ditampilkan."
    assert not any(r[0] == "Persiapan" for r in rows)


def test_an_event_not_held_yet_reads_belum_terlaksana_in_the_xlsx(client, kota_rated_by_two):
    import datetime

    cycle, can = kota_rated_by_two
    with _at(datetime.date(2026, 8, 20)):
        client.force_login(can)
        web = client.get(reverse("evaluations:year_recap", args=[2026])).content.decode()
        response = client.get(reverse("evaluations:year_recap_xlsx", args=[2026]))
    assert "belum terlaksana" in web
    book = load_workbook(io.BytesIO(response.content))

    summary = list(book["Ringkasan"].iter_rows(values_only=True))
    coming = dict(zip(summary[0], summary[2], strict=True))
    assert coming["Kegiatan"] == "Teknik Wawancara CAPI"
    assert coming["Jumlah penilaian"] == "belum terlaksana"
    assert coming["Laporan tepat waktu"] == "belum terlaksana"
    assert coming["Peserta hadir"] is None and coming["Penilai"] is None  # no zeros
    assert "belum diserahkan" not in {str(v) for v in coming.values()}

    cells = [v for r in book["2. Teknik Wawancara CAPI"].iter_rows(values_only=True) for v in r]
    assert (
        "Kegiatan ini belum terlaksana. Formulir penilaian dibuka setelah kegiatan (langkah 11)."
        in cells
    )
    assert 0 not in cells and "belum diserahkan" not in cells
