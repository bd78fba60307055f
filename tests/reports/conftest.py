"""A quarter with one held event, for the activity report tests (SOP step 10)."""

import io
import zipfile
from datetime import date

import pytest

from cycles.services.cycle import create_cycle
from events.models import Attendance
from events.services.preparation import create_event
from organization.models import RoleAssignment
from reports.services import report as services
from tests.factories import EmployeeFactory, office, province

Role = RoleAssignment.Role
EVENT_DATE = date(2026, 8, 12)  # quarter III of 2026, before "today" in these tests


@pytest.fixture
def cycle(db, can_member):
    return create_cycle(province=province(), year=2026, start_date=date(2026, 1, 5), by=can_member)


@pytest.fixture
def event(cycle, can_member):
    event = create_event(
        cycle=cycle,
        title="Pemanfaatan Big Data untuk Statistik Harga",
        host_office=office("1701"),
        event_date=EVENT_DATE,
        by=can_member,
        place="Aula BPS Kabupaten Bengkulu Selatan",
    )
    for n in range(3):
        person = EmployeeFactory(full_name=f"Peserta Hadir {n + 1}, S.Tr.Stat.")
        Attendance.objects.create(event=event, employee=person, source=Attendance.Source.SELF)
    return event


@pytest.fixture
def report(event, cycle, ca_1701):
    return services.open_report(cycle=cycle, quarter=3, by=ca_1701)


CHAPTER_TEXT = {
    "introduction": "Serawai adalah kegiatan berbagi pengetahuan antarpegawai.",
    "implementation": "Kegiatan dilaksanakan secara hibrida di Aula BPS Kab. Bengkulu Selatan.",
    "results": "Peserta memahami pemanfaatan data harga daring.",
    "closing": "Kegiatan berjalan lancar dan perlu dilanjutkan.",
}


def write_chapters(report, by):
    return services.update_chapters(report, by=by, **CHAPTER_TEXT)


def docx_bytes(paragraphs) -> bytes:
    """A minimal but real Word document with the given paragraphs."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()


def odt_bytes(paragraphs) -> bytes:
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr(
            "content.xml",
            f'<?xml version="1.0"?><office:document-content xmlns:office="{office_ns}" '
            f'xmlns:text="{text_ns}"><office:body><office:text>{body}</office:text></office:body>'
            "</office:document-content>",
        )
    return buffer.getvalue()


def png_upload(name="foto.png", color=(11, 79, 138)):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 420), color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


SPEECH = (
    "Assalamualaikum warahmatullahi wabarakatuh.\n"
    "Yang kami hormati Kepala BPS Provinsi Bengkulu, para narasumber, dan seluruh peserta.\n"
    "Selamat mengikuti Serawai."
)


RATINGS = [(5, "Tambah sesi praktik", ""), (4, "", ""), (4, "", "")]


def complete_parts(report, event, *, author, signatory, ratings=RATINGS):
    """Give the report every part SOP step 10 asks for, through each stage's own services:
    chapters and speech (here), invitation letter, minutes, photos (events) and the presenter
    ratings (evaluations; `ratings`: (score, suggestion, comment) of each attendee, in order),
    counted as the closed rating form counts them."""
    from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
    from events.models import CommitteeMember, Event
    from events.services import eventday

    # Steps 6-8 (committee, readiness, Event Team) are not what these tests are about.
    Event.objects.filter(pk=event.pk).update(status=Event.Status.READY)
    event.refresh_from_db()
    speaker = CommitteeMember.objects.create(
        event=event,
        role=CommitteeMember.Role.SPEAKER,
        employee=EmployeeFactory(full_name="Dr. Rahmat Hidayat, M.Si."),
    )
    eventday.send_invitation(event, signatory=signatory, by=author)
    eventday.save_minutes(
        event,
        summary="Narasumber memaparkan pengolahan data harga dari situs belanja daring.",
        questions_answers="Peserta menanyakan validasi data; dijawab dengan pembandingan Susenas.",
        follow_ups="Uji coba di dua kabupaten pada triwulan IV.",
        by=author,
    )
    eventday.add_photo(event, upload=png_upload(), caption="Pembukaan acara", by=author)
    eventday.finalise_minutes(event, by=author)
    open_presenter_evaluation(event, by=author)
    for n, (score, suggestion, comment) in enumerate(ratings):
        rater = event.attendances.all()[n].employee
        values = dict.fromkeys(
            ("mastery", "delivery", "relevance", "time_management", "interaction"), score
        )
        values["suggestion"], values["comment"] = suggestion, comment
        rate_presenters(event=event, rater=rater, ratings={speaker: values}, today=EVENT_DATE)
    from evaluations.models import PresenterEvaluation
    from evaluations.services.rating_box import close_form

    close_form(PresenterEvaluation.objects.get(event=event))
    report = write_chapters(report, author)
    services.set_opening_speech(
        report, event=event, by=author, speaker="Kepala BPS Kab. Bengkulu Selatan", text=SPEECH
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def complete_report(report, event, ca_1701, cc):
    return complete_parts(report, event, author=ca_1701, signatory=cc)


@pytest.fixture
def submitted_report(complete_report, ca_1701):
    return services.submit_report(complete_report, by=ca_1701)
