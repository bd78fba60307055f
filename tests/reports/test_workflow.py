"""Draft -> submitted -> approved or returned by the CC; an approved report is locked."""

import re

import pytest
from django.urls import reverse

from events.models import Event, EventStep
from events.services.preparation import close_if_complete
from notifications import kinds
from notifications.models import Notification
from reports.models import ActivityReport, OpeningSpeech
from reports.services import report as services

Status = ActivityReport.Status
pytestmark = pytest.mark.django_db


def test_complete_report_is_submitted_and_the_cc_is_told(complete_report, ca_1701, cc):
    report = services.submit_report(complete_report, by=ca_1701)
    assert report.status == Status.SUBMITTED
    last = report.transitions.last()
    assert (last.from_status, last.to_status, last.by) == (Status.DRAFT, Status.SUBMITTED, ca_1701)
    told = Notification.objects.get(kind=kinds.REPORT_SUBMITTED)
    assert told.recipient == cc and told.url == report.get_absolute_url()


def test_only_the_cc_approves(client, submitted_report, ca_1701, can_member):
    for person in (ca_1701, can_member):
        with pytest.raises(services.ReportError, match="Hanya Change Champion"):
            services.approve_report(submitted_report, by=person)
    client.force_login(can_member)
    url = reverse("reports:decide", args=[submitted_report.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    submitted_report.refresh_from_db()
    assert submitted_report.status == Status.SUBMITTED
    assert not submitted_report.pdf


def test_returned_report_keeps_the_cc_comments(client, submitted_report, ca_1701, cc):
    client.force_login(cc)
    url = reverse("reports:decide", args=[submitted_report.pk])
    comment = "Lengkapi jumlah peserta per kabupaten pada Bab II."
    asked = client.post(url, {"decision": "return", "comment": comment}).content.decode()
    assert "Yakin mengembalikan" in asked and comment in asked  # asked first, nothing changed
    assert ActivityReport.objects.get(pk=submitted_report.pk).status == Status.SUBMITTED
    client.post(url, {"decision": "return", "comment": comment, "confirmed": "1"})
    report = ActivityReport.objects.get(pk=submitted_report.pk)
    assert report.status == Status.RETURNED
    returned = report.transitions.get(to_status=Status.RETURNED)
    assert (returned.by, returned.comment) == (cc, comment)
    told = Notification.objects.get(kind=kinds.REPORT_RETURNED)
    assert told.recipient == ca_1701 and comment in told.body

    # The authors fix it and submit again: the CC's comment stays in the history and on the page.
    report = services.update_chapters(report, by=ca_1701, implementation="Bab II diperbaiki.")
    services.submit_report(report, by=ca_1701)
    client.force_login(ca_1701)
    page = client.get(report.get_absolute_url()).content.decode()
    assert comment in page
    assert list(report.transitions.values_list("to_status", flat=True)) == [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.SUBMITTED,
    ]


def test_return_without_comment_is_refused(client, submitted_report, cc):
    client.force_login(cc)
    url = reverse("reports:decide", args=[submitted_report.pk])
    response = client.post(url, {"decision": "return", "comment": " "})
    assert response.status_code == 400  # the page again, the choice kept, the reason shown
    html = response.content.decode()
    assert "Tuliskan catatan perbaikan" in html
    assert re.search(r'value="return"[^>]*checked', html)
    submitted_report.refresh_from_db()
    assert submitted_report.status == Status.SUBMITTED


def test_approval_locks_the_report_and_completes_step_10(
    client, submitted_report, event, ca_1701, cc
):
    client.force_login(cc)
    client.post(reverse("reports:decide", args=[submitted_report.pk]), {"decision": "approve"})
    report = ActivityReport.objects.get(pk=submitted_report.pk)
    assert report.status == Status.APPROVED
    assert report.pdf and len(report.pdf_sha256) == 64
    step = EventStep.objects.get(event=event, number=10)
    assert step.completed_by == cc and step.completed_at is not None
    told = Notification.objects.get(kind=kinds.REPORT_APPROVED)
    assert told.recipient == ca_1701

    with pytest.raises(services.ReportError, match="terkunci"):
        services.update_chapters(report, by=ca_1701, closing="Diubah diam-diam.")
    client.force_login(ca_1701)
    url = reverse("reports:chapters", args=[report.pk])
    response = client.post(url, {"closing": "Diubah lewat halaman."}, follow=True)
    assert "terkunci" in response.content.decode()
    report.refresh_from_db()
    assert report.closing == "Kegiatan berjalan lancar dan perlu dilanjutkan."


def test_approval_completes_step_11_but_leaves_an_event_without_certificates_held(
    submitted_report, event, cc
):
    services.approve_report(submitted_report, by=cc)
    step = EventStep.objects.get(event=event, number=11)
    assert step.completed_by == cc and step.completed_at is not None
    assert step.output_url == reverse("evaluations:event_recap", args=[event.pk])
    event.refresh_from_db()
    assert event.status == Event.Status.HELD  # step 9 still open: no certificates yet


def test_approval_closes_an_event_whose_steps_9_to_11_are_done(
    submitted_report, event, ca_1701, cc
):
    from documents.batches import run_batch
    from events.services.eventday import request_event_certificates

    run_batch(request_event_certificates(event, signatory=cc, by=ca_1701).pk)
    assert not close_if_complete(event, by=ca_1701)  # steps 10 and 11 still open
    services.approve_report(submitted_report, by=cc)
    event.refresh_from_db()
    assert (event.status, event.closed_by) == (Event.Status.CLOSED, cc)
    steps = EventStep.objects.filter(event=event, number__in=(9, 10, 11))
    assert all(s.completed_at for s in steps)

    # A later revision approved again keeps the ledger and the closed event as they were.
    new = services.start_revision(ActivityReport.objects.get(pk=submitted_report.pk), by=ca_1701)
    services.approve_report(services.submit_report(new, by=ca_1701), by=cc)
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED


def test_a_change_after_approval_is_a_new_revision_and_the_old_one_stays(
    client, submitted_report, event, ca_1701, cc
):
    approved = services.approve_report(submitted_report, by=cc)
    stored = approved.pdf.read()
    approved.pdf.close()
    client.force_login(ca_1701)
    response = client.post(reverse("reports:revise", args=[approved.pk]))
    new = ActivityReport.objects.get(cycle=approved.cycle, quarter=3, revision=2)
    assert response.url == new.get_absolute_url()
    assert new.status == Status.DRAFT and new.previous == approved
    assert new.introduction == approved.introduction
    assert (
        OpeningSpeech.objects.get(report=new).text
        == OpeningSpeech.objects.get(report=approved).text
    )
    services.update_chapters(new, by=ca_1701, closing="Penutup revisi kedua.")

    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert approved.closing == "Kegiatan berjalan lancar dan perlu dilanjutkan."
    download = client.get(reverse("reports:pdf", args=[approved.pk]))
    assert b"".join(download.streaming_content) == stored
    page = client.get(reverse("reports:list")).content.decode()
    assert "Revisi 2" in page


def test_submitted_report_cannot_be_edited_until_returned(submitted_report, ca_1701):
    with pytest.raises(services.ReportError, match="sedang diperiksa CC"):
        services.update_chapters(submitted_report, by=ca_1701, closing="x")
