"""The evidence pack (bukti dukung) of a year or a quarter: one zip of every SOP output, a folder
per step, and an index PDF/A whose every row names a file of the zip."""

import datetime
import hashlib
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycles.services.concept import publish_socialisation_letter
from documents.certificates import issue_certificates
from documents.letters import ExternalLetter
from documents.models import Certificate, Letter
from evaluations.models import Award
from events.models import (
    Attendance,
    CommitteeMember,
    EventTeamAssignment,
    EventTeamNeed,
    Photo,
    Readiness,
    ReadinessLog,
)
from events.services.preparation import issue_committee_letter
from organization.models import RoleAssignment
from reports import tasks
from reports.models import EvidencePack
from reports.services import report as services
from reports.services.evidence import INDEX_NAME, request_pack
from tests.documents.archival import assert_archival
from tests.documents.pdftext import page_texts, squeeze
from tests.factories import (
    EmployeeFactory,
    give_role,
    make_event,
    office,
    other_province,
    pdf_bytes,
    upload_pdf_material,
)
from tests.voting.helpers import agree_concept, make_open_vote, make_proposal
from voting.services.letters import issue_results_letter, issue_vote_letter
from voting.services.results import close_vote

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
Role = CommitteeMember.Role
COMMITTEE_NUMBER = "B-031/17010/HM.010/2026"
Q4_DATE = datetime.date(2026, 11, 10)


@pytest.fixture(autouse=True)
def _december_2026():
    """The year's events are held and its report approved: early December of 2026."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=WIB), tick=True):
        yield


@pytest.fixture
def queued(monkeypatch):
    """Builds handed to the worker (the broker is not reached in these tests)."""
    sent = []
    monkeypatch.setattr(
        tasks.build_evidence_pack, "apply_async", lambda args, **kw: sent.append(args[0])
    )
    return sent


@pytest.fixture
def year(cycle, event, submitted_report, ca_1701, cc, can_member):
    """A year of Serawai through each stage's own services: the concept and its letter, the
    proposals, the vote's letters, the third quarter's event with every output of steps 6-11
    and its approved report, an award, and a fourth-quarter event with its attendance list."""
    concept = agree_concept(cycle)
    publish_socialisation_letter(concept, by=can_member)
    make_proposal(cycle, "1701", "Pemanfaatan Big Data untuk Statistik Harga")
    make_proposal(cycle, "1702", "Penyusunan Tabel Input-Output Daerah")
    vote = make_open_vote(cycle, can_member)
    issue_vote_letter(vote, by=can_member)
    close_vote(vote, by=can_member)
    issue_results_letter(vote, [], by=can_member)

    for role in (Role.COORDINATOR, Role.MODERATOR, Role.NOTE_TAKER):
        CommitteeMember.objects.create(
            event=event, role=role, employee=EmployeeFactory(office=office("1701"))
        )
    issue_committee_letter(
        event,
        signatory=ca_1701,
        by=ca_1701,
        external=ExternalLetter(
            number=COMMITTEE_NUMBER,
            date=datetime.date(2026, 7, 20),
            subject="Daftar Nama Pelaksana Serawai",
            signatory_name="Kepala BPS Kabupaten Bengkulu Selatan",
            pdf=pdf_bytes("Surat daftar nama pelaksana"),
        ),
    )
    Readiness.objects.update_or_create(
        event=event,
        defaults={
            **dict.fromkeys(Readiness.ITEMS, True),
            "confirmed_at": datetime.datetime(2026, 8, 5, 10, 0, tzinfo=WIB),
            "confirmed_by": can_member,
        },
    )
    ReadinessLog.objects.create(event=event, author=ca_1701, done_count=5, comment="Aula siap.")
    need = EventTeamNeed.objects.create(
        event=event,
        role="mc",
        start_time=datetime.time(8, 0),
        end_time=datetime.time(12, 0),
        created_by=can_member,
    )
    EventTeamAssignment.objects.create(
        event=event,
        need=need,
        role="mc",
        employee=EmployeeFactory(full_name="Dewi Lestari, S.Tr.Stat."),
    )
    upload_pdf_material(event, by=ca_1701, title="Paparan big data harga")
    attendees = [a.employee for a in event.attendances.select_related("employee")]
    issue_certificates(
        holders=[{"name": p.full_name, "employee": p, "role_label": "Peserta"} for p in attendees],
        event_title=event.title,
        event_date=event.date,
        issuer_office=cycle.province,
        signatory=cc,
        by=can_member,
        related=event,
    )
    report = services.approve_report(submitted_report, by=cc)

    award = Award.objects.create(
        cycle=cycle,
        kind=Award.Kind.PRESENTER,
        winner_name="Dr. Rahmat Hidayat, M.Si.",
        score="4.333",
        ratings=3,
        decided_by=can_member,
    )
    issue_certificates(
        holders=[{"name": award.winner_name, "role_label": "Narasumber terbaik"}],
        event_title="Serawai Tahun 2026",
        event_date=datetime.date(2026, 11, 30),
        issuer_office=cycle.province,
        signatory=cc,
        by=can_member,
        related=award,
        kind="award",
        award_title="Narasumber terbaik",
    )

    later = make_event(
        cycle=cycle, host="1702", event_date=Q4_DATE, title="Tabel Input-Output Daerah"
    )
    Attendance.objects.create(
        event=later, employee=EmployeeFactory(), source=Attendance.Source.SELF
    )
    return {"cycle": cycle, "event": event, "later": later, "report": report, "award": award}


def _build(cycle, by, quarter=None, *, capture) -> EvidencePack:
    """As the CAN's request does: the pack is queued, then the worker's task builds it."""
    with capture(execute=True):
        pack = request_pack(cycle=cycle, quarter=quarter, by=by)
    tasks.build_evidence_pack(pack.pk)
    pack.refresh_from_db()
    return pack


def _open(pack) -> dict[str, bytes]:
    with pack.archive.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return {name: archive.read(name) for name in archive.namelist()}


def _index_paths(index: bytes) -> list[str]:
    """The file name of every row of the index, as a reader of the PDF sees it."""
    return re.findall(r"Berkas: (\S+)", "\n".join(page_texts(index)))


def _stored(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def test_year_pack_lists_every_file_and_holds_every_stored_document(
    year, can_member, queued, django_capture_on_commit_callbacks, tmp_path
):
    cycle = year["cycle"]
    pack = _build(cycle, can_member, capture=django_capture_on_commit_callbacks)

    assert queued == [pack.pk]
    assert pack.status == EvidencePack.Status.DONE and pack.done == pack.total
    files = _open(pack)
    paths = _index_paths(files[INDEX_NAME])
    # Every row names a file of the zip, and every file of the zip has its row.
    assert len(paths) == len(set(paths)) == len(files) - 1
    assert set(paths) == set(files) - {INDEX_NAME}
    for path in paths:
        folder, name = path.split("/")
        assert folder[:2] == name[:2]  # the folder and the file carry the step's number
    by_hash = {hashlib.sha256(data).hexdigest(): path for path, data in files.items()}

    # Every letter of the year, as it was stored: ours, the registered one, the minutes.
    letters = Letter.objects.filter(year=2026)
    assert letters.count() == 6
    for letter in letters:
        assert letter.sha256 in by_hash, letter
    committee = by_hash[Letter.objects.get(number=COMMITTEE_NUMBER).sha256]
    assert committee == "06-panitia/06-surat-panitia-b-031-17010-hm010-2026.pdf"
    # The approved report, the award certificate, the photo and the material as stored.
    for stored in (
        year["report"].pdf,
        Certificate.objects.get(kind="award").file,
        Photo.objects.get(event=year["event"]).image,
        year["event"].materials.get().file,
    ):
        assert hashlib.sha256(_stored(stored)).hexdigest() in by_hash
    # The outputs kept as data, printed for the pack, each in its step's folder.
    for path in (
        "01-konsep/01-konsep-2026.pdf",
        "03-usulan-tema/03-daftar-usulan-tema-2026.pdf",
        "05-hasil-pemilihan/05-hasil-pemungutan-suara-2026.pdf",
        "07-kesiapan/07-kesiapan-k1.pdf",
        "08-tim-kegiatan/08-penugasan-tim-k1.pdf",
        "09-pelaksanaan/09-daftar-hadir-k1.pdf",
        "09-pelaksanaan/09-daftar-hadir-k2.pdf",
        "09-pelaksanaan/09-daftar-sertifikat-k1.pdf",
        "11-evaluasi/11-rekap-evaluasi-k1.pdf",
        "11-evaluasi/11-rekap-evaluasi-2026.pdf",
    ):
        assert path in files, path
    serials = Certificate.objects.filter(kind="participant").values_list("serial", flat=True)
    listed = squeeze("\n".join(page_texts(files["09-pelaksanaan/09-daftar-sertifikat-k1.pdf"])))
    assert len(serials) == 3 and all(serial in listed for serial in serials)
    results = squeeze(
        "\n".join(page_texts(files["05-hasil-pemilihan/05-hasil-pemungutan-suara-2026.pdf"]))
    )
    assert "Penyusunan Tabel Input-Output Daerah" in results and "Perolehan suara" in results

    # The index is a filed document: PDF/A, landscape, each letter's number and date shown.
    text = assert_archival(
        files[INDEX_NAME],
        tmp_path / "index",
        expect=["Indeks Bukti Dukung Serawai Tahun 2026", COMMITTEE_NUMBER, "20 Juli 2026"],
        landscape=True,
    )
    for letter in letters:
        assert letter.number in text
    assert f"Jumlah dokumen: {len(paths)}" in text


def test_quarter_pack_holds_the_years_steps_1_to_5_and_only_that_quarters_events(
    year, can_member, queued, django_capture_on_commit_callbacks
):
    pack = _build(year["cycle"], can_member, 4, capture=django_capture_on_commit_callbacks)

    files = _open(pack)
    paths = set(_index_paths(files[INDEX_NAME]))
    assert paths == set(files) - {INDEX_NAME}
    assert "09-pelaksanaan/09-daftar-hadir-k2.pdf" in paths
    assert not [p for p in paths if "-k1" in p]  # the third quarter's event is not in it
    steps = {int(p[:2]) for p in paths}
    assert {1, 2, 3, 4, 5} <= steps and 10 not in steps and 11 not in steps
    assert pack.archive.name.endswith("bukti-dukung-serawai-tw4-2026.zip")
    text = squeeze("\n".join(page_texts(files[INDEX_NAME])))
    assert "Triwulan IV Tahun 2026" in text


def test_can_starts_the_build_follows_it_and_downloads_the_zip(
    client, year, can_member, queued, django_capture_on_commit_callbacks
):
    client.force_login(can_member)
    page = client.get("/reports/evidence/").content.decode()
    assert "Susun paket" in page and "Satu triwulan" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/evidence/", {"period": "3"})
    pack = EvidencePack.objects.get()
    assert response.status_code == 302 and response["Location"] == pack.get_absolute_url()
    assert pack.quarter == 3 and queued == [pack.pk]
    started = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(EvidencePack))
    assert started.actor == can_member and started.action == LogEntry.Action.CREATE

    waiting = client.get(pack.get_absolute_url()).content.decode()
    tasks.build_evidence_pack(pack.pk)
    done = client.get(pack.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    download = client.get(f"/reports/evidence/{pack.pk}/zip/")

    polling = f'hx-get="{pack.get_absolute_url()}" hx-trigger="every 1s"'
    assert polling in waiting and "Menunggu" in waiting
    assert polling not in done and "Unduh paket (zip)" in done
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert INDEX_NAME in names and "10-laporan/10-laporan-kegiatan-tw3-rev1.pdf" in names


def test_a_second_build_of_the_same_period_waits_for_the_first(
    client, year, can_member, queued, django_capture_on_commit_callbacks
):
    client.force_login(can_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/evidence/", {"period": "year"})
        again = client.post("/reports/evidence/", {"period": "year"})

    assert again.status_code == 400 and "sedang disusun" in again.content.decode()
    assert EvidencePack.objects.count() == 1


def test_cc_reads_the_packs_but_does_not_build_them(
    client, year, can_member, cc, queued, django_capture_on_commit_callbacks
):
    pack = _build(year["cycle"], can_member, 3, capture=django_capture_on_commit_callbacks)
    client.force_login(cc)

    page = client.get("/reports/evidence/").content.decode()
    assert "Susun paket" not in page and pack.get_absolute_url() in page
    assert client.get(f"/reports/evidence/{pack.pk}/zip/").status_code == 200
    assert client.post("/reports/evidence/", {"period": "year"}).status_code == 403


def test_regency_employee_gets_403(
    client, year, can_member, queued, django_capture_on_commit_callbacks
):
    pack = _build(year["cycle"], can_member, 3, capture=django_capture_on_commit_callbacks)
    client.force_login(EmployeeFactory(office=office("1701")))

    assert client.get("/reports/evidence/").status_code == 403
    assert client.get(pack.get_absolute_url()).status_code == 403
    assert client.get(f"/reports/evidence/{pack.pk}/zip/").status_code == 403


def test_another_provinces_can_neither_sees_nor_downloads_the_pack(
    client, year, can_member, queued, django_capture_on_commit_callbacks
):
    pack = _build(year["cycle"], can_member, 3, capture=django_capture_on_commit_callbacks)
    aceh = other_province()
    stranger = EmployeeFactory(office=aceh)
    give_role(stranger, RoleAssignment.Role.CAN_COORDINATOR, aceh, year=2026)
    client.force_login(stranger)

    assert client.get(pack.get_absolute_url()).status_code == 404
    assert client.get(f"/reports/evidence/{pack.pk}/zip/").status_code == 404


def test_the_can_packs_a_past_year_once_the_next_one_has_begun(
    client, cycle, can_member, queued, django_capture_on_commit_callbacks
):
    """A past cycle only reads, but packing its record for the assessors adds a zip and
    changes nothing in it."""
    from cycles.selectors.cycles import CHOSEN_YEAR
    from tests.factories import make_cycle

    with time_machine.travel(datetime.datetime(2027, 2, 10, 9, 0, tzinfo=WIB), tick=False):
        make_cycle(year=2027)
        give_role(can_member, RoleAssignment.Role.CAN_MEMBER, year=2027)
        client.force_login(can_member)
        session = client.session
        session[CHOSEN_YEAR] = 2026
        session.save()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/reports/evidence/", {"period": "year"})

    pack = EvidencePack.objects.get()
    assert response.status_code == 302 and pack.cycle == cycle and pack.quarter is None


def test_a_letter_changed_in_storage_fails_the_pack_with_the_reason(
    client, year, can_member, queued, django_capture_on_commit_callbacks
):
    letter = Letter.objects.get(kind=Letter.Kind.INVITATION)
    with letter.file.storage.open(letter.file.name, "wb") as handle:
        handle.write(pdf_bytes("Surat yang diubah"))
    with django_capture_on_commit_callbacks(execute=True):
        pack = request_pack(cycle=year["cycle"], quarter=3, by=can_member)

    with pytest.raises(Exception, match="tidak cocok"):
        tasks.build_evidence_pack(pack.pk)

    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.FAILED and not pack.archive
    client.force_login(can_member)
    page = client.get(pack.get_absolute_url()).content.decode()
    assert "Penyusunan gagal" in page and "tidak cocok dengan hash" in page
    assert f'hx-get="{pack.get_absolute_url()}"' not in page  # no more polling
    again = client.post("/reports/evidence/", {"period": "3"})
    assert again.status_code == 302  # a failed build does not hold the next one back


def test_the_packs_list_reads_the_same_number_of_queries_for_one_pack_or_five(
    client, cycle, can_member
):
    client.force_login(can_member)
    counts = []
    for quarters in ([None], [1, 2, 3, 4]):
        for quarter in quarters:
            EvidencePack.objects.create(cycle=cycle, quarter=quarter, requested_by=can_member)
        client.get("/reports/evidence/")  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/reports/evidence/").content.decode()
        counts.append(len(queries))
    assert "Triwulan IV Tahun" in page
    assert counts[0] == counts[1], counts
