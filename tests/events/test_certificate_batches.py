"""An event's certificates, however few, are issued by the worker while the host follows a
progress bar; the request only records the order.

The worker's job (documents.batches.run_batch, which the Celery task calls) runs in the test's
process; the real worker process runs batches in tests/services.
"""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from documents import batches
from documents.models import Certificate, CertificateBatch
from events.models import Event, EventStep
from events.services import eventday
from notifications import kinds
from notifications.models import Notification
from tests.factories import EmployeeFactory, add_external_speaker

from .conftest import url


@pytest.fixture
def held_event(ready_event, note_taker, ca_1701):
    Event.objects.filter(pk=ready_event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    add_external_speaker(ready_event, by=ca_1701)
    for n in range(5):
        eventday.add_attendee(
            ready_event,
            employee=EmployeeFactory(full_name=f"Peserta Ke-{n + 1}, S.ST."),
            by=note_taker,
        )
    eventday.save_minutes(
        ready_event, summary="Ringkasan.", questions_answers="", follow_ups="", by=note_taker
    )
    eventday.finalise_minutes(ready_event, by=note_taker)
    ready_event.refresh_from_db()
    assert ready_event.status == Event.Status.HELD
    return ready_event


def test_certificates_are_issued_in_the_background_with_progress(
    client, held_event, ca_1701, cc, django_capture_on_commit_callbacks
):
    client.force_login(ca_1701)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(url("certificates", held_event), {"signatory": cc.pk})
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert len(queued) == 1  # handed to the worker once the request's transaction commits
    assert batch.total == 6 and batch.done == 0
    assert not Certificate.objects.exists()

    progress = client.get(batch.get_absolute_url()).content.decode()
    assert "0 dari 6 sertifikat" in progress and 'role="progressbar"' in progress
    page = client.get(held_event.get_absolute_url()).content.decode()
    assert "Sertifikat sedang diterbitkan." in page
    assert "Terbitkan sertifikat peserta dan narasumber" not in page  # no second request
    again = client.post(url("certificates", held_event), {"signatory": cc.pk}, follow=True)
    assert "sedang diterbitkan" in again.content.decode()
    assert CertificateBatch.objects.count() == 1

    batches.run_batch(batch.pk)  # what the worker does

    issued = {(c.holder_name, c.kind) for c in Certificate.objects.all()}
    assert ("Prof. Luar, Ph.D.", "speaker") in issued
    assert {name for name, kind in issued if kind == "participant"} == {
        f"Peserta Ke-{n}, S.ST." for n in range(1, 6)
    }
    held_event.refresh_from_db()
    assert held_event.certificates_issued_at is not None
    assert held_event.certificates_issued_by == ca_1701
    assert EventStep.objects.get(event=held_event, number=9).completed_at is not None
    participant = Certificate.objects.filter(kind="participant").first().holder
    assert Notification.objects.filter(
        kind=kinds.CERTIFICATES_READY, recipient=participant
    ).exists()

    done = client.get(batch.get_absolute_url()).content.decode()
    assert "6 dari 6 sertifikat" in done and "Unduh semua sertifikat (zip)" in done
    zipped = client.get(reverse("documents:batch_download", args=[batch.pk]))
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    assert len(archive.namelist()) == 6
    page = client.get(held_event.get_absolute_url()).content.decode()
    assert "Sertifikat sedang diterbitkan." not in page and "terbit" in page


def test_a_failed_batch_resumes_and_nobody_gets_two(client, held_event, ca_1701, cc, monkeypatch):
    monkeypatch.setattr(batches, "CHUNK", 4)
    batch = eventday.request_event_certificates(held_event, signatory=cc, by=ca_1701)
    assert batches._issue_chunk(batch.pk)  # the first 4 are issued, then the worker dies
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)

    client.force_login(ca_1701)
    response = client.post(url("certificates", held_event), {"signatory": cc.pk})
    assert response["Location"] == batch.get_absolute_url()  # the same batch, resumed
    assert CertificateBatch.objects.get().status == CertificateBatch.Status.PENDING
    batches.run_batch(batch.pk)

    assert Certificate.objects.count() == 6
    assert Certificate.objects.values("holder_name").distinct().count() == 6
    held_event.refresh_from_db()
    assert held_event.certificates_issued_at is not None


@pytest.fixture
def broker_down(monkeypatch):
    """Nothing listens on port 1: publishing to the broker fails at once."""
    from serawai.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")


def test_with_the_broker_down_the_request_succeeds_and_the_batch_waits(
    client, held_event, ca_1701, cc, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(ca_1701)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("certificates", held_event), {"signatory": cc.pk})

    batch = CertificateBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.status == CertificateBatch.Status.PENDING and batch.done == 0

    # The broker is back: the worker's start-up (and beat's minute) takes the batch up.
    assert batches.resume_waiting(grace_seconds=0) == 1
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE and batch.done == 6
    assert Certificate.objects.count() == 6


def test_a_stuck_batch_is_retried_by_the_can_and_nobody_gets_two(
    client, held_event, ca_1701, cc, can_member, monkeypatch
):
    monkeypatch.setattr(batches, "CHUNK", 4)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        batch = eventday.request_event_certificates(held_event, signatory=cc, by=ca_1701)
        assert batches._issue_chunk(batch.pk)  # 4 issued, then the worker vanishes
    client.force_login(can_member)
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        page = client.get(batch.get_absolute_url()).content.decode()
        assert "Ulangi penerbitan" not in page  # still running as far as anyone can tell
        refused = client.post(reverse("documents:batch_retry", args=[batch.pk]), follow=True)
        assert "sedang berjalan" in refused.content.decode()

    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        page = client.get(batch.get_absolute_url()).content.decode()
        assert "Belum ada worker yang memproses penerbitan ini." in page
        assert "Ulangi penerbitan" in page
        response = client.post(reverse("documents:batch_retry", args=[batch.pk]))
        assert response.status_code == 302
        batch.refresh_from_db()
        assert batch.status == CertificateBatch.Status.PENDING
        assert batch.retried_by == can_member and batch.retried_at is not None
        batches.run_batch(batch.pk)

    assert Certificate.objects.count() == 6
    assert Certificate.objects.values("holder_name").distinct().count() == 6
    held_event.refresh_from_db()
    assert held_event.certificates_issued_at is not None


def test_only_the_can_may_retry_a_batch(client, held_event, ca_1701, cc, employee):
    batch = eventday.request_event_certificates(held_event, signatory=cc, by=ca_1701)
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)
    for person in (employee, ca_1701):
        client.force_login(person)
        assert client.post(reverse("documents:batch_retry", args=[batch.pk])).status_code == 404
    assert CertificateBatch.objects.get().status == CertificateBatch.Status.FAILED
