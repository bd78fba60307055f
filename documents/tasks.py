"""Celery tasks of the documents app: thin wrappers around documents.batches.

Retry policy: none automatic. The task is acknowledged late, so a worker that dies mid-batch
leaves it queued; run again, it resumes after the last committed chunk (nobody gets two
certificates). A batch whose task never arrived (broker down) is taken up by
`resume_certificate_batches`, which beat runs every minute and a worker runs when it starts.
"""

from celery import shared_task
from celery.signals import worker_ready

from common.queue import wake

from . import batches


@shared_task(name="documents.issue_certificate_batch", acks_late=True, ignore_result=True)
def issue_certificate_batch(batch_id: int) -> int:
    return batches.run_batch(batch_id).done


@shared_task(name="documents.resume_certificate_batches", acks_late=True, ignore_result=True)
def resume_certificate_batches(grace_seconds: int = batches.PUBLISH_GRACE_SECONDS) -> int:
    return batches.resume_waiting(grace_seconds=grace_seconds)


@worker_ready.connect
def _resume_when_worker_starts(sender=None, **kwargs):
    """Batches requested while no worker (or no broker) was up start as soon as one is back;
    with the broker still down, beat's periodic run takes them up."""
    wake(resume_certificate_batches, 0, what="the waiting certificate batches")
