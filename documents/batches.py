"""Bulk certificate issuing in the background.

`request_batch` records what to issue and hands it to a Celery worker after commit. The worker
(`run_batch`) issues the certificates in chunks (each chunk one WeasyPrint pass, committed with the
batch's progress, so a restarted task resumes where it stopped and issues nobody twice), zips all
files, and notifies every holder who is an employee with a link to their certificates.

The database row is the job, the broker only a wake-up call: handing a batch over never fails
the request (with the broker down the batch waits, pending), and `resume_waiting`, run by beat
every minute and when a worker starts, takes up every batch that no worker is running. A batch
that failed or shows no sign of a worker can be retried by the CAN (`retry_batch`).
"""

import datetime
import io
import logging
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from common.queue import wake
from notifications import kinds
from notifications.services import notify
from organization.models import Employee

from .certificates import CertificateError, issue_by_kind
from .models import Certificate, CertificateBatch, stuck_after
from .signals import batch_finished

CHUNK = 50
# A pending batch younger than this is left to the task its request published.
PUBLISH_GRACE_SECONDS = 60

logger = logging.getLogger(__name__)


def dispatch(batch_id: int) -> None:
    """Wake a worker for the batch; never fails the caller when the broker is down (the batch
    is safe in the database and resume_waiting takes it up)."""
    from .tasks import issue_certificate_batch

    wake(issue_certificate_batch, batch_id, what=f"certificate batch {batch_id}")


def retry_batch(batch: CertificateBatch, *, by) -> CertificateBatch:
    """The CAN hands a failed or stuck batch to the worker again; it resumes after its last
    committed chunk, so nobody gets a certificate twice."""
    with transaction.atomic():
        locked = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
        if not locked.can_retry:
            raise CertificateError(
                "Penerbitan ini sedang berjalan; ulangi hanya bila gagal atau macet."
            )
        now = timezone.now()
        locked.status = CertificateBatch.Status.PENDING
        locked.error, locked.finished_at = "", None
        locked.heartbeat_at, locked.retried_at, locked.retried_by = now, now, by
        locked.save(
            update_fields=[
                "status",
                "error",
                "finished_at",
                "heartbeat_at",
                "retried_at",
                "retried_by",
            ]
        )
        transaction.on_commit(lambda: dispatch(locked.pk))
    return locked


def requeue(batch: CertificateBatch, *, by=None) -> CertificateBatch:
    """Hand a failed batch to the worker again (see retry_batch)."""
    return retry_batch(batch, by=by or batch.requested_by)


def request_batch(
    *,
    holders: list[dict],
    event_title: str,
    event_date,
    issuer_office,
    signatory,
    by,
    related=None,
    kind: str = Certificate.Kind.PARTICIPANT,
    award_title: str = "",
    organiser_name: str = "",
) -> CertificateBatch:
    """Queue a bulk issue (same arguments as issue_certificates); returns the batch to follow."""
    if kind not in Certificate.Kind.values:
        raise CertificateError(f"Jenis sertifikat tidak dikenal: {kind}")
    rows = [
        {
            "name": h["name"].strip(),
            "nip": h.get("nip") or "",
            "employee_id": h["employee"].pk if h.get("employee") else h.get("employee_id"),
            "role_label": h.get("role_label") or "",
            "kind": h.get("kind") or kind,
        }
        for h in holders
        if (h.get("name") or "").strip()
    ]
    with transaction.atomic():
        batch = CertificateBatch.objects.create(
            kind=kind,
            event_title=event_title,
            event_date=event_date,
            award_title=award_title,
            organiser_name=organiser_name,
            issuer_office=issuer_office,
            signatory=signatory,
            holders=rows,
            total=len(rows),
            requested_by=by,
            related_type=ContentType.objects.get_for_model(related) if related else None,
            related_id=related.pk if related else None,
            heartbeat_at=timezone.now(),
        )
        transaction.on_commit(lambda: dispatch(batch.pk))
    return batch


def _issue_chunk(batch_id: int) -> bool:
    """Issue the next chunk; False when nothing is left."""
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        if batch.done >= batch.total:
            return False
        rows = batch.holders[batch.done : batch.done + CHUNK]
        employees = Employee.objects.in_bulk([r["employee_id"] for r in rows if r["employee_id"]])
        holders = [
            {**r, "employee": employees.get(r["employee_id"]) if r["employee_id"] else None}
            for r in rows
        ]
        issue_by_kind(
            holders,
            kind=batch.kind,
            event_title=batch.event_title,
            event_date=batch.event_date,
            issuer_office=batch.issuer_office,
            signatory=batch.signatory,
            by=batch.requested_by,
            related=batch.related,
            award_title=batch.award_title,
            organiser_name=batch.organiser_name,
            batch=batch,
        )
        batch.done += len(rows)
        batch.status = CertificateBatch.Status.RUNNING
        batch.heartbeat_at = timezone.now()
        batch.save(update_fields=["done", "status", "heartbeat_at"])
    return True


def _zip(batch: CertificateBatch) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in batch.certificates.order_by("sequence"):
            with certificate.file.open("rb") as handle:
                archive.writestr(certificate.download_name, handle.read())
    return buffer.getvalue()


def run_batch(batch_id: int) -> CertificateBatch:
    """The worker's whole job for one batch; safe to run again, and twice at once, after a crash:
    each chunk and the completion are taken under the batch's row lock."""
    CertificateBatch.objects.filter(pk=batch_id, status=CertificateBatch.Status.PENDING).update(
        status=CertificateBatch.Status.RUNNING, heartbeat_at=timezone.now()
    )
    try:
        while _issue_chunk(batch_id):
            pass
    except Exception as exc:
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == CertificateBatch.Status.DONE:
            return batch
        batch.archive.save(f"sertifikat-batch-{batch.pk}.zip", ContentFile(_zip(batch)), save=False)
        batch.status = CertificateBatch.Status.DONE
        batch.finished_at = batch.heartbeat_at = timezone.now()
        batch.save(update_fields=["archive", "status", "finished_at", "heartbeat_at"])
        holders = Employee.objects.filter(certificates__batch=batch).distinct()
        notify(
            holders,
            kind=kinds.CERTIFICATES_READY,
            title=f"Sertifikat tersedia: {batch.event_title}",
            body="Sertifikat Anda dapat diunduh dari halaman Sertifikat saya.",
            url=reverse("documents:my_certificates"),
            key=f"certificate-batch-{batch.pk}",
        )
        batch_finished.send(sender=CertificateBatch, batch=batch)
    return batch


def waiting_batches(*, grace_seconds: int = PUBLISH_GRACE_SECONDS):
    """Batches no worker is running: pending past the grace, or running with an old heartbeat."""
    now = timezone.now()
    pending_since = now - datetime.timedelta(seconds=grace_seconds)
    return CertificateBatch.objects.filter(
        Q(status=CertificateBatch.Status.PENDING, heartbeat_at__lte=pending_since)
        | Q(status=CertificateBatch.Status.PENDING, heartbeat_at__isnull=True)
        | Q(status=CertificateBatch.Status.RUNNING, heartbeat_at__lte=now - stuck_after())
    ).order_by("requested_at")


def resume_waiting(*, grace_seconds: int = PUBLISH_GRACE_SECONDS) -> int:
    """Run every batch no worker is running (see waiting_batches); returns how many finished.

    Each is claimed by moving its heartbeat forward only if nobody else did meanwhile, so two
    workers resuming at once do not both take the same batch.
    """
    finished = 0
    for pk, heartbeat in waiting_batches(grace_seconds=grace_seconds).values_list(
        "pk", "heartbeat_at"
    ):
        claimed = CertificateBatch.objects.filter(pk=pk, heartbeat_at=heartbeat).update(
            heartbeat_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            run_batch(pk)
        except Exception:  # noqa: BLE001 - recorded on the batch as failed; go on with the next
            logger.exception("Certificate batch %s failed", pk)
        else:
            finished += 1
    return finished
