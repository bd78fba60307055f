"""Large employee sheets imported by the worker, never inside the web request.

A 20,000-row sheet takes longer to read and check than a web request may last, so the upload is
stored with a job row (EmployeeImport) and a worker runs the same reading and the same all-or-
none import as a small sheet (organization.employee_import, unchanged), recording its stage for
the progress page. Handing the job over never fails the request: with the broker down the job
waits, and `resume_waiting` (beat every minute, and whenever a worker starts) takes it up.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.queue import wake

from .employee_import import EmployeeImportError, import_employees, read_employees_xlsx
from .models import EmployeeImport

# A pending job younger than this is left to the task its request published.
PUBLISH_GRACE_SECONDS = 60


def runs_in_background(upload) -> bool:
    """Sheets above this size go to the worker; a small one is imported while the person waits."""
    return upload.size > settings.SERAWAI_IMPORT_IN_REQUEST_BYTES


def dispatch(job_id: int) -> None:
    """Wake a worker for the job; a broker that is down is logged, never raised."""
    from .tasks import run_employee_import

    wake(run_employee_import, job_id, what=f"employee import {job_id}")


def request_import(upload, *, by) -> EmployeeImport:
    """Store the uploaded sheet and queue its import; returns the job to follow."""
    with transaction.atomic():
        job = EmployeeImport(
            original_name=upload.name[:255],
            requested_by=by,
            heartbeat_at=timezone.now(),
            stage=_("Menunggu worker"),
        )
        job.file.save(f"pegawai-{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
        job.save()
        transaction.on_commit(lambda: dispatch(job.pk))
    return job


def _progress(job_id: int, percent: int, stage: str, **fields) -> None:
    EmployeeImport.objects.filter(pk=job_id).update(
        percent=percent, stage=stage, heartbeat_at=timezone.now(), **fields
    )


def run_import(job_id: int) -> EmployeeImport:
    """The worker's job: read, check and store the sheet (all rows or none); safe to repeat."""
    claimed = EmployeeImport.objects.filter(
        pk=job_id, status__in=[EmployeeImport.Status.PENDING, EmployeeImport.Status.RUNNING]
    ).update(status=EmployeeImport.Status.RUNNING, heartbeat_at=timezone.now())
    job = EmployeeImport.objects.select_related("requested_by").get(pk=job_id)
    if not claimed:
        return job
    _progress(job_id, 10, _("Membaca berkas"))
    try:
        with job.file.open("rb") as handle:
            rows = read_employees_xlsx(handle)
        _progress(
            job_id,
            40,
            _("Memeriksa dan menyimpan %(n)d baris") % {"n": len(rows)},
            rows=len(rows),
        )
        result = import_employees(rows, by=job.requested_by)
    except EmployeeImportError as exc:
        _progress(
            job_id,
            100,
            _("Berkas ditolak; tidak ada data yang disimpan."),
            status=EmployeeImport.Status.FAILED,
            errors=[[row, str(reason)] for row, reason in exc.errors],
            finished_at=timezone.now(),
        )
    else:
        _progress(
            job_id,
            100,
            _("Impor selesai."),
            status=EmployeeImport.Status.DONE,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def resume_waiting(*, grace_seconds: int = PUBLISH_GRACE_SECONDS) -> int:
    """Run every job no worker is running: pending past the grace, or running with no sign of
    life for longer than an import takes. Returns how many were run."""
    now = timezone.now()
    stuck = now - datetime.timedelta(seconds=settings.SERAWAI_BATCH_STUCK_SECONDS)
    waiting = EmployeeImport.objects.filter(
        Q(
            status=EmployeeImport.Status.PENDING,
            heartbeat_at__lte=now - datetime.timedelta(seconds=grace_seconds),
        )
        | Q(status=EmployeeImport.Status.RUNNING, heartbeat_at__lte=stuck)
    ).order_by("requested_at")
    ran = 0
    for pk, heartbeat in waiting.values_list("pk", "heartbeat_at"):
        if EmployeeImport.objects.filter(pk=pk, heartbeat_at=heartbeat).update(
            heartbeat_at=timezone.now(), status=EmployeeImport.Status.PENDING
        ):
            run_import(pk)
            ran += 1
    return ran
