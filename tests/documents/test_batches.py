import datetime
import io
import zipfile

import pytest

from documents.batches import request_batch, run_batch
from documents.models import Certificate, CertificateBatch
from notifications.models import Notification
from tests.factories import EmployeeFactory, office

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(head_of_province, django_capture_on_commit_callbacks, monkeypatch):
    from documents import tasks

    sent = []
    monkeypatch.setattr(
        tasks.issue_certificate_batch, "apply_async", lambda args, **kw: sent.append(args[0])
    )
    people = [EmployeeFactory(office=office("1701")) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        batch = request_batch(
            holders=[{"name": p.full_name, "employee": p, "role_label": "Peserta"} for p in people]
            + [{"name": "Tamu Undangan, S.E.", "role_label": "Peserta"}],
            event_title="Statistik untuk Kebijakan Daerah",
            event_date=datetime.date(2025, 8, 12),
            issuer_office=office("1700"),
            signatory=head_of_province,
            by=head_of_province,
        )
    assert sent == [batch.pk]
    return batch, people


def test_worker_issues_all_zips_them_and_notifies_each_employee(queued):
    batch, people = queued

    run_batch(batch.pk)

    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE and batch.done == batch.total == 4
    with batch.archive.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert len(names) == 4 and all(n.endswith(".pdf") for n in names)
    notified = Notification.objects.filter(kind="certificates_ready")
    assert sorted(n.recipient_id for n in notified) == sorted(p.pk for p in people)


def test_running_again_issues_nobody_twice(queued):
    batch, _ = queued
    run_batch(batch.pk)
    run_batch(batch.pk)

    assert Certificate.objects.filter(batch=batch).count() == 4
    assert Notification.objects.filter(kind="certificates_ready").count() == 3


def test_progress_page_polls_until_done_then_offers_the_zip(client, queued, head_of_province):
    batch, people = queued
    client.force_login(head_of_province)

    waiting = client.get(batch.get_absolute_url()).content.decode()
    run_batch(batch.pk)
    done = client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    archive = client.get(f"/documents/certificates/batches/{batch.pk}/zip/")

    assert "hx-trigger" in waiting and "0 dari 4" in waiting
    assert "hx-trigger" not in done and "4 dari 4" in done
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"


def test_a_holder_cannot_open_the_batch(client, queued):
    batch, people = queued
    client.force_login(people[0])

    assert client.get(batch.get_absolute_url()).status_code == 404


def test_command_runs_a_queued_batch_and_prints_count_and_time(queued):
    from django.core.management import call_command

    batch, _ = queued
    out = io.StringIO()
    call_command("issue_certificate_batch", "--batch", str(batch.pk), stdout=out)

    assert "4 sertifikat diterbitkan dalam" in out.getvalue()
    assert "detik" in out.getvalue()
