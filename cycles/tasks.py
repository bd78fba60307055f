"""Celery tasks of the cycles app (thin: the work is in cycles.services.deadlines).

sweep_deadlines runs daily from beat (django-celery-beat's database scheduler, 07:00
Asia/Jakarta, editable in the admin). It is idempotent (every message is keyed and unique per
recipient in the database) and acknowledged late, so a worker killed mid-run leaves the message
in the broker and the re-run sends only what is still missing. It never waits with an ETA or
countdown: the next day's run is beat's job (Redis would re-deliver long ETAs after its visibility
timeout). No task-level retry: a failed run is repeated by the next run, which catches up.
A worker also runs it when it starts: beat does not make up a 07:00 run the server was down for
(a restart, a deploy), and the day's reminders should not wait for the next morning.
"""

from datetime import date

from celery import shared_task
from celery.signals import worker_ready

from common.queue import wake


@shared_task(name="cycles.sweep_deadlines", acks_late=True, ignore_result=True)
def sweep_deadlines(today: str | None = None) -> int:
    """Run the deadline sweep for `today` (ISO date, default: today); returns messages sent."""
    from .services import (
        deadlines,  # imported when run: a worker starts even while cycles is half-built
    )

    return len(deadlines.sweep(date.fromisoformat(today) if today else None))


@worker_ready.connect
def _sweep_when_worker_starts(sender=None, **kwargs):
    """Today's reminders go out as soon as a worker is up, whatever the hour (idempotent)."""
    wake(sweep_deadlines, what="the deadline sweep")
