"""A report with a required part missing cannot be submitted, and the message says what."""

import pytest
from django.urls import reverse

from reports.models import ActivityReport, ReportTransition
from reports.services import report as services

from .conftest import write_chapters

pytestmark = pytest.mark.django_db


def test_report_with_missing_parts_cannot_be_submitted(report, ca_1701):
    with pytest.raises(services.ReportError) as refused:
        services.submit_report(report, by=ca_1701)
    message = refused.value.message
    assert "bab Pendahuluan belum ditulis" in message
    assert "draf kata sambutan belum diisi (Pemanfaatan Big Data untuk Statistik Harga)" in message
    assert "surat undangan belum diterbitkan" in message
    report.refresh_from_db()
    assert report.status == ActivityReport.Status.DRAFT
    assert not ReportTransition.objects.filter(to_status="submitted").exists()


def test_written_parts_leave_only_the_missing_ones_listed(report, event, ca_1701):
    report = write_chapters(report, ca_1701)
    services.set_opening_speech(report, event=event, by=ca_1701, text="Assalamualaikum ...")
    from reports.selectors.assembly import assemble

    missing = {m.part for m in assemble(report).missing}
    assert "introduction" not in missing and "speech" not in missing
    assert "attendance" not in missing  # three attendees are recorded
    assert "invitation" in missing


def test_submit_page_shows_what_is_missing(client, report, ca_1701):
    client.force_login(ca_1701)
    response = client.post(reverse("reports:submit", args=[report.pk]), follow=True)
    assert response.status_code == 200
    assert "Laporan belum lengkap" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ActivityReport.Status.DRAFT


def test_detail_page_lists_missing_parts(client, report, ca_1701):
    client.force_login(ca_1701)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "draf kata sambutan belum diisi" in page
    assert "daftar hadir masih kosong" not in page


def test_quarter_without_events_cannot_be_submitted(cycle, can_member):
    report = services.open_report(cycle=cycle, quarter=1, by=can_member)
    report = write_chapters(report, can_member)
    with pytest.raises(services.ReportError, match="tidak ada kegiatan Serawai"):
        services.submit_report(report, by=can_member)


def test_an_event_held_without_an_invitation_gets_it_late_and_its_report_completes(
    client, report, event, ca_1701, cc
):
    from events.models import Event
    from reports.selectors.assembly import assemble

    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    assert "invitation" in {m.part for m in assemble(report).missing}
    client.force_login(ca_1701)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="late-invitation"' in page and "Terbitkan surat undangan (terlambat)" in page
    response = client.post(
        reverse("events:send_invitation", args=[event.pk]), {"signatory": ca_1701.pk}, follow=True
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.invitation_sent_at is not None
    assert "invitation" not in {m.part for m in assemble(report).missing}
