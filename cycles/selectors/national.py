"""National read-only reads for headquarters (DESIGN.md, "Scale"): every province's cycle.

Headquarters means an employee of BPS RI (office 0000) or a superuser. A province's people see
their own province's cycle only; anyone else gets a 404, so nothing about another province leaks.
"""

from django.db.models import Count, Min, Q
from django.utils import timezone

from ..models import Cycle


def cycles_with_progress(year: int, today=None):
    """Every province's cycle of `year` with its step counts (one query; steps prefetched by the
    caller if it shows them)."""
    today = today or timezone.localdate()
    done = Q(steps__completed_at__isnull=False)
    open_ = Q(steps__completed_at__isnull=True)
    return (
        Cycle.objects.filter(year=year)
        .select_related("province")
        .annotate(
            steps_total=Count("steps"),
            steps_done=Count("steps", filter=done),
            steps_overdue=Count("steps", filter=open_ & Q(steps__due__lt=today)),
            next_step=Min("steps__number", filter=open_),
            next_due=Min("steps__due", filter=open_),
        )
        .order_by("province__code")
    )


def cycle_years():
    return list(Cycle.objects.order_by("-year").values_list("year", flat=True).distinct())
