"""Celery tasks of the organization app: thin wrappers around organization.import_jobs.

Retry policy: none automatic. A job is acknowledged late and its import is one transaction, so
a worker that dies mid-import leaves nothing half stored and the job is run again by
`resume_employee_imports` (beat every minute, and whenever a worker starts).
"""

from celery import shared_task
from celery.signals import worker_ready

from common.queue import wake

from . import import_jobs


@shared_task(name="organization.run_employee_import", acks_late=True, ignore_result=True)
def run_employee_import(job_id: int) -> str:
    return import_jobs.run_import(job_id).status


@shared_task(name="organization.resume_employee_imports", acks_late=True, ignore_result=True)
def resume_employee_imports(grace_seconds: int = import_jobs.PUBLISH_GRACE_SECONDS) -> int:
    return import_jobs.resume_waiting(grace_seconds=grace_seconds)


@worker_ready.connect
def _resume_when_worker_starts(sender=None, **kwargs):
    """Sheets uploaded while no worker (or no broker) was up are imported once one is back;
    with the broker still down, beat's periodic run takes them up."""
    wake(resume_employee_imports, 0, what="the waiting employee imports")
