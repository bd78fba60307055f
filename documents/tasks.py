"""Celery tasks of the documents app: thin wrappers around documents.batches.

Retry policy: none automatic. The task is acknowledged late, so a worker that dies mid-batch
leaves it queued; run again, it resumes after the last committed chunk (nobody gets two
certificates).
"""

from celery import shared_task

from . import batches


@shared_task(name="documents.issue_certificate_batch", acks_late=True, ignore_result=True)
def issue_certificate_batch(batch_id: int) -> int:
    return batches.run_batch(batch_id).done
