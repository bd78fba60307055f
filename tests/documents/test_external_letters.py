"""A letter signed elsewhere (the national e-office system) is registered with its number, date
and PDF on the page where Serawai would issue it, and from then on counts as that letter: the
step completes on the letter's date, the report cites it, the download gives the same bytes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cycles.services.cycle import complete_step
from documents.models import Letter
from events.models import CommitteeMember, Event, EventStep
from events.services import preparation
from tests.factories import EmployeeFactory, make_event, office
from tests.voting.helpers import agree_concept, make_cycle, make_proposal, open_proposals
from tests.voting.test_results import vote_with
from voting import selectors
from voting.models import Vote
from voting.services import results

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
TODAY = datetime.date(2026, 3, 11)
TOMORROW = TODAY + datetime.timedelta(days=1)
SIGNED = datetime.date(2026, 3, 6)  # signed in the e-office system five days before
PDF = b"%PDF-1.7\n% signed elsewhere\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _on_a_fixed_day():
    with time_machine.travel(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=WIB), tick=True):
        yield


def form(number="800/ES/03/2026", date=SIGNED, pdf=PDF, name="surat.pdf", **extra):
    return {
        "number": number,
        "date": date.isoformat(),
        "subject": "Hal surat sesuai aslinya",
        "signatory_name": "Dr. Win Rizal, S.E., M.E.",
        "file": SimpleUploadedFile(name, pdf, content_type="application/pdf"),
        **extra,
    }


def downloaded(client, letter) -> bytes:
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def registered(client, url, **data) -> Letter:
    page = client.get(url)
    assert page.status_code == 200 and "Daftarkan surat" in page.content.decode()
    response = client.post(url, form(**data))
    assert response.status_code == 302, response.content.decode()[:3000]
    letter = Letter.objects.get(number=data.get("number", "800/ES/03/2026"))
    assert letter.external and letter.sequence is None and letter.date == SIGNED
    assert downloaded(client, letter) == PDF
    return letter


def done_on(step) -> datetime.date:
    step.refresh_from_db()
    assert step.completed_at is not None
    return timezone.localdate(step.completed_at)


def test_socialisation_letter_from_outside_completes_step_2_on_its_date(client, can_member):
    cycle = make_cycle()
    agree_concept(cycle)
    complete_step(cycle.steps.get(number=1), by=can_member)
    client.force_login(can_member)
    concept_page = client.get(reverse("cycles:concept")).content.decode()
    assert reverse("cycles:socialisation_letter_external") in concept_page
    letter = registered(client, reverse("cycles:socialisation_letter_external"))
    assert letter.kind == Letter.Kind.SOCIALISATION and letter.office == cycle.province
    assert letter.signatory_name == "Dr. Win Rizal, S.E., M.E."
    assert done_on(cycle.steps.get(number=2)) == SIGNED
    assert cycle.steps.get(number=3).started_at is not None  # proposals open as after ours
    register_page = client.get(reverse("documents:register")).content.decode()
    assert "800/ES/03/2026" in register_page and "Didaftarkan dari luar" in register_page
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Letter), object_id=letter.pk
    )
    assert entry.action == LogEntry.Action.CREATE and entry.actor == can_member


def test_vote_letter_from_outside_opens_the_vote(client, can_member):
    cycle = open_proposals(make_cycle(), can_member)
    make_proposal(cycle, "1701", "Big Data Harga")
    client.force_login(can_member)
    assert (
        reverse("voting:open_external") in client.get(reverse("voting:proposals")).content.decode()
    )
    letter = registered(client, reverse("voting:open_external"))
    vote = Vote.objects.get(cycle=cycle)
    assert letter.kind == Letter.Kind.VOTE and letter.related == vote
    assert vote.status == Vote.Status.OPEN


def test_results_letter_from_outside_announces_and_completes_step_5(client, can_member):
    cycle = open_proposals(make_cycle(), can_member)
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in ("1701", "1702", "1703")]
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    earliest = selectors.earliest_event_date(vote)
    results.save_selections(
        vote, by=can_member, entries={t.pk: {"event_date": earliest} for t in themes}
    )
    client.force_login(can_member)
    assert (
        reverse("voting:announce_external")
        in client.get(reverse("voting:results")).content.decode()
    )
    letter = registered(client, reverse("voting:announce_external"))
    vote.refresh_from_db()
    assert vote.status == Vote.Status.ANNOUNCED and letter.kind == Letter.Kind.RESULTS
    assert done_on(cycle.steps.get(number=5)) == SIGNED
    assert Event.objects.filter(cycle=cycle).count() == 3


def full_committee(event, ca):
    Role = CommitteeMember.Role
    for role in (Role.COORDINATOR, Role.MODERATOR, Role.NOTE_TAKER):
        person = EmployeeFactory(office=office("1701"))
        preparation.add_committee_member(event, role=role, employee=person, by=ca)
    preparation.add_committee_member(
        event, role=Role.SPEAKER, external_name="Dr. Luar", external_institution="Unib", by=ca
    )


def test_committee_letter_from_outside_completes_step_6_on_its_date(client, ca_1701):
    event = make_event(host="1701")
    full_committee(event, ca_1701)
    client.force_login(ca_1701)
    url = reverse("events:committee_letter_external", args=[event.pk])
    assert url in client.get(reverse("events:committee", args=[event.pk])).content.decode()
    letter = registered(client, url)
    assert letter.kind == Letter.Kind.COMMITTEE and letter.office == office("1701")
    event.refresh_from_db()
    assert event.committee_letter_url == letter.get_absolute_url()
    step = EventStep.objects.get(event=event, number=6)
    assert done_on(step) == SIGNED and step.output_note == "800/ES/03/2026"


def test_invitation_from_outside_counts_for_a_held_events_report(client, ca_1701):
    from reports.selectors.assembly import assemble
    from reports.services.report import open_report

    event = make_event(host="1701", event_date=datetime.date(2026, 3, 9))
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    report = open_report(cycle=event.cycle, quarter=1, by=ca_1701)
    assert "invitation" in {m.part for m in assemble(report).missing}
    client.force_login(ca_1701)
    url = reverse("events:invitation_external", args=[event.pk])
    assert url in client.get(event.get_absolute_url()).content.decode()
    letter = registered(client, url)
    assert letter.kind == Letter.Kind.INVITATION
    event.refresh_from_db()
    assert event.invitation_sent_at is not None
    assert "invitation" not in {m.part for m in assemble(report).missing}


def test_an_invitation_issued_late_carries_its_real_date(client, ca_1701):
    event = make_event(host="1701", event_date=datetime.date(2026, 3, 9))
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    client.force_login(ca_1701)
    client.post(reverse("events:send_invitation", args=[event.pk]), {"signatory": ca_1701.pk})
    letter = Letter.objects.get(kind=Letter.Kind.INVITATION)
    assert not letter.external and letter.date == TODAY


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pdf": b"PK\x03\x04 a zip named .pdf"}, "Berkas ini bukan PDF."),
        (
            {"date": TODAY + datetime.timedelta(days=1)},
            "Tanggal surat tidak boleh setelah hari ini.",
        ),
        ({"number": "   "}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, ca_1701, data, message):
    event = make_event(host="1701")
    client.force_login(ca_1701)
    url = reverse("events:invitation_external", args=[event.pk])
    response = client.post(url, form(**data))
    assert response.status_code == 400
    html = response.content.decode()
    start = html.find('enctype="multipart/form-data"')
    assert message in html, html[start : html.find("</form>", start)]
    assert 'value="Hal surat sesuai aslinya"' in html
    assert 'value="Dr. Win Rizal, S.E., M.E."' in html
    assert not Letter.objects.exists()
    event.refresh_from_db()
    assert event.invitation_sent_at is None


def test_a_number_already_registered_for_the_office_that_year_is_refused(client, ca_1701):
    first, second = make_event(host="1701"), make_event(host="1701")
    client.force_login(ca_1701)
    registered(client, reverse("events:invitation_external", args=[first.pk]))
    url = reverse("events:invitation_external", args=[second.pk])
    response = client.post(url, form(number="800/es/03/2026"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "sudah terdaftar" in html and 'value="800/es/03/2026"' in html
    assert Letter.objects.count() == 1


def test_a_letter_too_large_is_refused(client, ca_1701, settings):
    settings.SERAWAI_LETTER_MAX_BYTES = 100
    event = make_event(host="1701")
    client.force_login(ca_1701)
    url = reverse("events:invitation_external", args=[event.pk])
    response = client.post(url, form(pdf=PDF + b"0" * 200))
    assert response.status_code == 400 and "Berkas terlalu besar" in response.content.decode()
