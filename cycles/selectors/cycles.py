"""Reads shared by every stage: which cycle a person works in.

A cycle belongs to a province; every view finds "the current cycle" of the signed-in person's
province here and never shows another province's data.
"""

from django.db.models import F, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from common.queries import count_of

from .. import ledger
from ..models import Cycle

# The year a person chose in the timeline's year switcher (their session), for every page.
CHOSEN_YEAR = "serawai_cycle_year"


def current_cycle(user, year: int | None = None) -> Cycle | None:
    """The cycle of `user`'s province for `year` (default: the year the person chose in the year
    switcher, else this year), else its latest cycle.

    None when the person has no office (a bare superuser) or the province has no cycle yet.
    """
    province = getattr(user, "province", None) if user is not None else None
    if province is None:
        return None
    year = year or getattr(user, "chosen_cycle_year", None) or timezone.localdate().year

    cycles = Cycle.objects.filter(province=province).select_related("province")
    return cycles.filter(year=year).first() or cycles.order_by("-year").first()


def cycle_of_year(user, year: int) -> Cycle | None:
    """The cycle of `user`'s province for exactly `year` (None: there is none, or no province)."""
    province = getattr(user, "province", None) if user is not None else None
    if province is None:
        return None

    return Cycle.objects.filter(province=province, year=year).select_related("province").first()


def _step_count(model, cycle_path: str, condition: Q):
    """How many steps of `model` belonging to the outer cycle meet `condition`, as a subquery."""
    # The day of the hand-in in local time, as timeline.StepRow.completed_late reads it: for a
    # step with an approver, when its output went to the approver; else its completion.
    handed_in = Coalesce("submitted_at", "completed_at")
    handed_in_on = TruncDate(handed_in, tzinfo=timezone.get_current_timezone())
    rows = (
        model._base_manager.annotate(handed_in_on=handed_in_on)
        .filter(**{cycle_path: OuterRef("pk")})
        .filter(condition)
    )
    return count_of(rows)


def with_steps_on_time(cycles, today=None):
    """`cycles` with `steps_counted` (steps done, or not done and past their due date) and
    `steps_on_time` (of those, handed in by the end of their due date, local time), over every
    step the timeline shows: steps 1-5 of the cycle and steps 6-11 of each of its events
    (ledger.step_models()).

    "On time" reads as on the timeline: a step with an approver (steps 10 and 11, the CC)
    counts from its hand-in (timeline.StepRow.completed_late), so an approval after the due
    date is the approver's delay, not a late step. A step handed in on time and still awaiting
    approval past its due date counts as on time, as the timeline does not call it overdue
    (StepRow.is_overdue; its late approval shows apart, StepRow.approval_overdue). A step not
    done whose due date has not passed yet is in neither: it can still be on time, or (handed
    in and returned) late. One query with the cycles.
    """
    today = today or timezone.localdate()
    counted = Q(completed_at__isnull=False) | Q(due__lt=today)
    on_time = counted & Q(handed_in_on__lte=F("due"))
    counted_sum = on_time_sum = None
    for i, model in enumerate(ledger.step_models()):
        # CycleStep hangs off the cycle; every registered kind off an event of it.
        path = "cycle" if i == 0 else "event__cycle"
        c, t = _step_count(model, path, counted), _step_count(model, path, on_time)
        counted_sum = c if counted_sum is None else counted_sum + c
        on_time_sum = t if on_time_sum is None else on_time_sum + t
    return cycles.annotate(steps_counted=counted_sum, steps_on_time=on_time_sum)
