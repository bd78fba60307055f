"""The open vote's closing day follows step 4 (SOP step 4, "Calendar" in SOP.md)."""

from ..models import Vote


def follow_step4(sender, *, cycle, **kwargs):
    """Receiver of cycles.signals.cycle_replanned: the open vote closes when step 4 is due, so a
    calendar change or a re-plan that moves step 4 moves the closing day with it, in the same
    transaction (and the closing reminder, which is read from it)."""
    step4 = cycle.steps.filter(number=4, completed_at__isnull=True).first()
    if step4 is None or step4.due is None:
        return
    vote = Vote.objects.filter(cycle=cycle, status=Vote.Status.OPEN).first()
    if vote is not None and vote.closes_on != step4.due:
        vote.closes_on = step4.due
        vote.save(update_fields=["closes_on"])
