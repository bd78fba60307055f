"""Celery tasks of the voting app (thin: the work is in voting.services.reminders and
voting.services.ballots).

remind_vote_closing runs daily from beat (registered by voting's migration 0002, 07:00
Asia/Jakarta, editable in the admin) and tells the electorate that has not voted yet, on the
working day before the vote's deadline. Idempotent: each message is keyed per vote and recipient
(notifications refuse a second row with the same key), so a re-run or a second worker sends
nothing new. No retry: a failed run is repeated by the next day's run, which catches up.
"""

from datetime import date

from celery import shared_task


@shared_task(name="voting.remind_vote_closing", acks_late=True, ignore_result=True)
def remind_vote_closing(today: str | None = None) -> int:
    """Send "vote closing tomorrow" for `today` (ISO date, default: today); returns messages."""
    from .services import reminders

    return reminders.remind_vote_closing(date.fromisoformat(today) if today else None)


@shared_task(name="voting.mix_ballot_box", acks_late=True, ignore_result=True)
def mix_ballot_box(vote_id: int) -> int:
    """Mix one vote's waiting ballots (at least five at once). Killed midway, the mix's
    transaction rolls back and the ballots wait for the next mix: each is counted once."""
    from .models import Vote
    from .services import ballots

    vote = Vote.objects.filter(pk=vote_id, status=Vote.Status.OPEN).first()
    return ballots.mix_ballots(vote) if vote else 0


@shared_task(name="voting.mix_open_votes", acks_late=True, ignore_result=True)
def mix_open_votes() -> int:
    """Every ten minutes from beat: what a lost kick left waiting is mixed all the same."""
    from .services import ballots

    return ballots.mix_open_votes()
