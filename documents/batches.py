"""Bulk certificate issuing in the background (issue 3, point 6).

`request_batch` records what to issue and hands it to a Celery worker after commit. The worker
(`run_batch`) issues the certificates in chunks (each chunk one WeasyPrint pass, committed with the
batch's progress, so a restarted task resumes where it stopped and issues nobody twice), zips all
files, and notifies every holder who is an employee with a link to their certificates.
"""

import io
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications import kinds
from notifications.services import notify
from organization.models import Employee

from .certificates import CertificateError, issue_by_kind
from .models import Certificate, CertificateBatch
from .signals import batch_finished

CHUNK = 50


def requeue(batch: CertificateBatch) -> CertificateBatch:
    """Hand a failed batch to the worker again: it resumes after its last committed chunk."""
    from .tasks import issue_certificate_batch

    with transaction.atomic():
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=CertificateBatch.Status.PENDING, error="", finished_at=None
        )
        transaction.on_commit(lambda: issue_certificate_batch.delay(batch.pk))
    batch.refresh_from_db()
    return batch


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
            issuer_office=issuer_office,
            signatory=signatory,
            holders=rows,
            total=len(rows),
            requested_by=by,
            related_type=ContentType.objects.get_for_model(related) if related else None,
            related_id=related.pk if related else None,
        )
        from .tasks import issue_certificate_batch

        transaction.on_commit(lambda: issue_certificate_batch.delay(batch.pk))
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
            batch=batch,
        )
        batch.done += len(rows)
        batch.status = CertificateBatch.Status.RUNNING
        batch.save(update_fields=["done", "status"])
    return True


def _zip(batch: CertificateBatch) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in batch.certificates.order_by("sequence"):
            with certificate.file.open("rb") as handle:
                archive.writestr(certificate.download_name, handle.read())
    return buffer.getvalue()


def run_batch(batch_id: int) -> CertificateBatch:
    """The worker's whole job for one batch; safe to run again after a crash."""
    try:
        while _issue_chunk(batch_id):
            pass
    except Exception as exc:
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    batch = CertificateBatch.objects.get(pk=batch_id)
    if batch.status == CertificateBatch.Status.DONE:
        return batch
    with transaction.atomic():
        batch.archive.save(f"sertifikat-batch-{batch.pk}.zip", ContentFile(_zip(batch)), save=False)
        batch.status = CertificateBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.save(update_fields=["archive", "status", "finished_at"])
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
