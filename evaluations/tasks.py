"""Celery tasks of step 11 (thin: the work is in evaluations.services.rating_box). A task killed
midway rolls its transaction back; the ratings wait for the next run and are counted once."""

from datetime import date

from celery import shared_task


@shared_task(name="evaluations.mix_rating_box", acks_late=True, ignore_result=True)
def mix_rating_box(event_id: int) -> int:
    """Mix one event's waiting presenter ratings (at least five raters at once)."""
    from .services.rating_box import mix_ratings

    return mix_ratings(event_id)


@shared_task(name="evaluations.mix_waiting_ratings", acks_late=True, ignore_result=True)
def mix_waiting_ratings() -> int:
    """Every ten minutes from beat: ratings whose kick was lost are mixed all the same."""
    from .services.rating_box import mix_waiting

    return mix_waiting()


@shared_task(name="evaluations.close_due_forms", acks_late=True, ignore_result=True)
def close_due_forms(today: str | None = None) -> int:
    """Daily from beat: rating forms past their last day are closed, mixed and rewritten."""
    from .services.rating_box import close_due_forms as close

    return close(date.fromisoformat(today) if today else None)
