"""Step 11a's secrecy: presenter ratings wait sealed in the event's box and are mixed into the
counted ratings in shuffled batches of at least common.secrecy.MIX_BATCH raters; when the form
closes, every waiting rating is mixed and the rater records and ratings are rewritten shuffled."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from common import secrecy
from common.queue import wake
from events.models import Event

from ..models import PresenterEvaluation, PresenterRating, RaterRecord, RatingBoxEntry

RATING_FIELDS = [
    "event_id",
    "presenter_id",
    "mastery",
    "delivery",
    "relevance",
    "time_management",
    "interaction",
    "comment",
    "suggestion",
]


def drop_in_box(event: Event, ratings: list[dict]) -> None:
    """In the rater's transaction: their ratings (one dict per presenter) sealed into the box;
    a worker is asked to mix once the transaction commits."""
    RatingBoxEntry.objects.create(event=event, sealed=secrecy.seal(ratings))
    transaction.on_commit(lambda: kick_mix(event.pk))


def kick_mix(event_id: int) -> None:
    """Ask a worker to mix the event's box; the periodic mix takes over when the broker is down."""
    from ..tasks import mix_rating_box

    wake(mix_rating_box, event_id, what=f"the rating box of event {event_id}")


def _mix_locked(event_id: int, *, everything: bool) -> int:
    box = RatingBoxEntry.objects.filter(event_id=event_id)
    if everything:
        entries = list(box.select_for_update())
    else:
        entries = list(box.select_for_update(skip_locked=True))
        if len(entries) < secrecy.MIX_BATCH:
            return 0
    ratings = [
        PresenterRating(event_id=event_id, **values)
        for entry in entries
        for values in secrecy.unseal(entry.sealed)
    ]
    PresenterRating.objects.bulk_create(secrecy.shuffled(ratings))
    RatingBoxEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
    secrecy.pause_for_tests("SERAWAI_TEST_MIX_DELAY")
    return len(entries)


def mix_ratings(event_id: int) -> int:
    """Mix the event's waiting ratings when at least MIX_BATCH raters wait; returns how many
    raters' ratings moved. A transaction of its own; the box is rewritten afterwards."""
    with transaction.atomic():
        moved = _mix_locked(event_id, everything=False)
    if moved:
        secrecy.purge_dead_rows(RatingBoxEntry)
    return moved


def close_form(evaluation: PresenterEvaluation) -> bool:
    """The form has closed: mix every waiting rating, rewrite the rater records and the ratings
    in shuffled order, in one transaction. Returns False when it was done already."""
    with transaction.atomic():
        evaluation = PresenterEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.mixed_at is not None:
            return False
        _mix_locked(evaluation.event_id, everything=True)
        secrecy.rewrite_shuffled(
            RaterRecord.objects.filter(event_id=evaluation.event_id),
            ["event_id", "employee_id", "rated_on"],
        )
        secrecy.rewrite_shuffled(
            PresenterRating.objects.filter(event_id=evaluation.event_id), RATING_FIELDS
        )
        evaluation.mixed_at = timezone.now()
        evaluation.save(update_fields=["mixed_at"])
    secrecy.purge_dead_rows(RatingBoxEntry, RaterRecord, PresenterRating)
    return True


def close_due_forms(today: date | None = None) -> int:
    """Daily: every form whose last day has passed is closed and mixed; returns how many."""
    today = today or timezone.localdate()
    due = PresenterEvaluation.objects.filter(closes_on__lt=today, mixed_at__isnull=True)
    return sum(close_form(evaluation) for evaluation in due)


def mix_waiting() -> int:
    """The periodic mix: every event whose box holds ratings, in batches of at least five."""
    events = RatingBoxEntry.objects.values_list("event_id", flat=True).distinct()
    return sum(mix_ratings(event_id) for event_id in list(events))
