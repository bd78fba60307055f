"""Step 10 is the host's and the CAN's until they hand the report in, then the CC's.

SOP step 10: the host and the CAN write (menyusun) the report by the end of the quarter; the CC
checks and approves it. So a report submitted before the deadline is on time however long the
CC takes, and from the submission on, a late decision is the CC's, not the host's.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from evaluations.services.ratings import rate_organizer
from reports.services import report as services

from .conftest import complete_parts

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
ORGANIZER = ("preparation", "punctuality", "technical_quality", "documentation")


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour), JAKARTA), tick=False
    )


@pytest.fixture
def handed_in(event, cycle, ca_1701, cc, can_member):
    """The Q3 report written in August and submitted to the CC on 25 September (due 30 Sep)."""
    with at(datetime.date(2026, 8, 13)):
        report = services.open_report(cycle=cycle, quarter=3, by=ca_1701)
        report = complete_parts(report, event, author=ca_1701, signatory=cc)
        rate_organizer(event=event, rater=can_member, scores=dict.fromkeys(ORGANIZER, 4))
    with at(datetime.date(2026, 9, 25)):
        return services.submit_report(report, by=ca_1701)


def _text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response
    return " ".join(response.content.decode().split())


def _summary_row(client, year: int) -> dict:
    response = client.get(reverse("evaluations:year_recap_xlsx", args=[year]))
    assert response.status_code == 200, response
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return dict(zip(rows[0], rows[1], strict=False))


def test_a_report_submitted_before_its_deadline_is_on_time_while_the_cc_decides(
    client, handed_in, event, can_member
):
    with at(datetime.date(2026, 12, 7)):
        client.force_login(can_member)
        recap = _text(client, reverse("evaluations:event_recap", args=[event.pk]))
        summary = _summary_row(client, 2026)
        awards = _text(client, reverse("evaluations:awards", args=[2026]))

    assert "tepat waktu: diserahkan 25 September 2026, menunggu persetujuan CC" in recap
    assert "belum diserahkan" not in recap
    assert summary["Laporan tepat waktu"] == "ya, menunggu persetujuan CC"
    # The organiser ranking's tie-break counts the report as on time.
    organizer_table = awards.split("Penyelenggara kabupaten/kota terbaik")[1]
    assert "1/1" in organizer_table


def test_an_approval_after_the_deadline_keeps_the_host_on_time(
    client, handed_in, event, cc, can_member
):
    with at(datetime.date(2026, 10, 5)):
        services.approve_report(handed_in, by=cc)
    with at(datetime.date(2026, 12, 7)):
        client.force_login(can_member)
        recap = _text(client, reverse("evaluations:event_recap", args=[event.pk]))
        summary = _summary_row(client, 2026)
        timeline = _text(client, reverse("cycles:timeline"))

    assert "tepat waktu: diserahkan 25 September 2026, disetujui CC 5 Oktober 2026" in recap
    assert summary["Laporan tepat waktu"] == "ya"
    step10 = timeline.split("Menyusun laporan kegiatan Serawai")[1].split("</tr>")[0]
    assert "Selesai" in step10 and "terlambat" not in step10


def test_a_returned_report_submitted_again_late_is_late(client, handed_in, event, cc, ca_1701):
    with at(datetime.date(2026, 9, 28)):
        report = services.return_report(handed_in, by=cc, comment="Lengkapi Bab II.")
    with at(datetime.date(2026, 10, 1)):
        client.force_login(ca_1701)
        waiting = _text(client, reverse("evaluations:event_recap", args=[event.pk]))
        services.submit_report(report, by=ca_1701)
    with at(datetime.date(2026, 10, 2)):
        client.force_login(ca_1701)
        late = _text(client, reverse("evaluations:event_recap", args=[event.pk]))

    assert "belum diserahkan (batas 30 September 2026)" in waiting
    assert "terlambat: diserahkan 1 Oktober 2026 (batas 30 September 2026)" in late


def test_once_submitted_the_overdue_step_is_the_ccs_not_the_hosts(
    client, handed_in, event, ca_1701, can_member, cc
):
    on = datetime.date(2026, 12, 7)
    pages = {}
    with at(on):
        for who, person in (("host", ca_1701), ("can", can_member), ("cc", cc)):
            client.force_login(person)
            pages[who] = _text(client, reverse("cycles:home"))
        timeline = _text(client, reverse("cycles:timeline"))
        event_page = _text(client, event.get_absolute_url())

    # The host and the CAN are not told they are late: steps 10 and 11 (the report carries the
    # recap of ratings) are no longer theirs to do.
    for who in ("host", "can"):
        assert "Langkah 10: Menyusun laporan kegiatan Serawai" not in pages[who]
        assert "Langkah 11: Evaluasi penyaji dan penyelenggara" not in pages[who]
    step11 = timeline.split("Evaluasi penyaji dan penyelenggara")[1].split("</tr>")[0]
    assert "Menunggu persetujuan CC" in step11 and "Terlambat" not in step11
    step10 = timeline.split("Menyusun laporan kegiatan Serawai")[1].split("</tr>")[0]
    assert "Menunggu persetujuan CC" in step10 and "diserahkan 25 September 2026" in step10
    assert "Terlambat" not in step10 and "persetujuan CC lewat batas" in step10
    assert "Diserahkan 25 Sep 2026, menunggu persetujuan CC" in event_page
    # The CC's own item says it is overdue.
    todo = pages["cc"].split("Periksa dan setujui")[1].split("</li>")[0]
    assert "Batas waktu: 30 September 2026" in todo and "Terlambat" in todo


def _sent(day: datetime.date, event) -> dict:
    """Sweep the deadlines on `day`; the new messages about the event's steps 10 and 11, by
    (step number, kind) and then by recipient."""
    from cycles.services import deadlines
    from notifications.models import Notification

    before = set(Notification.objects.values_list("pk", flat=True))
    deadlines.sweep(day)
    new = Notification.objects.exclude(pk__in=before)
    sent: dict = {}
    for step in event.steps.filter(number__in=(10, 11)):
        for note in new.filter(key__startswith=f"step:events.eventstep:{step.pk}:"):
            sent.setdefault((step.number, note.kind), {})[note.recipient] = note
    return sent


def test_the_sweep_reminds_the_cc_of_the_approval_not_the_host_of_the_report(
    handed_in, event, ca_1701, can_member, can_coordinator, cc
):
    from notifications import kinds

    # Wednesday 30 September is the due date: two working days before it is Monday 28.
    reminders = _sent(datetime.date(2026, 9, 28), event)
    assert set(reminders) == {(10, kinds.STEP_REMINDER), (11, kinds.STEP_REMINDER)}
    for number in (10, 11):
        assert set(reminders[number, kinds.STEP_REMINDER]) == {cc}
    note = reminders[10, kinds.STEP_REMINDER][cc]
    assert note.title.startswith("2 hari kerja lagi batas persetujuan: Langkah 10")
    assert (
        "Laporan Kegiatan Serawai telah diserahkan 25 September 2026 dan menunggu persetujuan CC"
        in note.body
    )
    assert "paling lambat 30 September 2026" in note.body

    overdue = _sent(datetime.date(2026, 10, 1), event)
    assert set(overdue) == {(10, kinds.STEP_OVERDUE), (11, kinds.STEP_OVERDUE)}
    for number in (10, 11):
        note = overdue[number, kinds.STEP_OVERDUE][cc]
        assert set(overdue[number, kinds.STEP_OVERDUE]) == {cc}
        assert note.title.startswith(f"Persetujuan terlambat: Langkah {number}")
        assert "belum disetujui CC" in note.body and "belum selesai" not in note.body
    assert "Rekap hasil penilaian" in overdue[11, kinds.STEP_OVERDUE][cc].body


def test_a_late_escalation_says_the_approval_is_late_by_the_true_number_of_days(
    handed_in, event, can_coordinator, cc
):
    from notifications import kinds

    # Nobody ran the sweep since September: on 7 December it catches up with the escalation.
    sent = _sent(datetime.date(2026, 12, 7), event)
    assert set(sent) == {(10, kinds.STEP_ESCALATION), (11, kinds.STEP_ESCALATION)}
    # 1 October to 7 December: 48 working days.
    for number in (10, 11):
        escalated = sent[number, kinds.STEP_ESCALATION]
        assert set(escalated) == {can_coordinator, cc}
        note = escalated[cc]
        assert note.title.startswith(f"Eskalasi: persetujuan Langkah {number}")
        assert note.title.endswith("terlambat 48 hari kerja")
        assert "belum selesai" not in note.body
        assert "persetujuan CC terlambat 48 hari kerja dari batas waktu 30 September" in note.body


def _dashboard_steps(client, person) -> str:
    """The dashboard's "SOP steps on time" figure for 2026, as the page shows it."""
    client.force_login(person)
    page = _text(client, reverse("reports:dashboard"))
    row = page.split("Langkah SOP tepat waktu</th>")[1].split("</tr>")[0]
    return row.split(">")[1].split("<")[0].strip()


def _steps_10_and_11(event) -> dict:
    return {s.number: s for s in event.steps.filter(number__in=(10, 11))}


def test_the_dashboard_counts_steps_approved_late_as_on_time(
    client, handed_in, event, cc, can_member
):
    with at(datetime.date(2026, 10, 5)):
        services.approve_report(handed_in, by=cc)
    steps = _steps_10_and_11(event)
    assert all(s.completed_at.date() > s.due for s in steps.values())  # approved late
    with at(datetime.date(2026, 12, 7)):
        figure = _dashboard_steps(client, can_member)
    # Of the eleven steps past their due date, only 10 and 11 are done (handed in 25 September,
    # due 30 September): steps 1-9 are left open in this world.
    assert figure == "2 / 11"


def test_the_dashboard_counts_steps_handed_in_on_time_awaiting_approval_as_on_time(
    client, handed_in, event, can_member
):
    with at(datetime.date(2026, 12, 7)):
        figure = _dashboard_steps(client, can_member)
    # Steps 10 and 11 wait for the CC past their due date; the host and the CAN were on time,
    # as the timeline says (no "Terlambat"), so they count as on time.
    assert figure == "2 / 11"
