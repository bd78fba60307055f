"""Celery tasks of the notifications app: thin wrappers around notifications.outbox.

Retry policy: none at the task level. The outbox rows carry their own attempts and back-off, the
task is idempotent (it only sends rows it claims) and acknowledged late; beat runs it every minute
and a worker runs it when it starts, so a lost or failed run costs at most a minute.
"""

from celery import shared_task
from celery.signals import worker_ready

from . import outbox


@shared_task(name="notifications.drain_outbox", acks_late=True, ignore_result=True)
def drain_outbox() -> dict:
    result = outbox.drain()
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed}


@worker_ready.connect
def _drain_when_worker_starts(sender=None, **kwargs):
    """Mail queued while no worker (or no broker) was up goes out as soon as one is back."""
    from .services import kick_outbox

    kick_outbox()
