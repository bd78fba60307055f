"""National read-only reads for headquarters (DESIGN.md, "Scale"): every province's cycle.

Headquarters means an employee of BPS RI (office 0000) or a superuser. A province's people see
their own province's cycle only; anyone else gets a 404, so nothing about another province leaks.
"""

import rules
from django.db.models import Count, Min, Q
from django.utils import timezone

from organization.models import Office

from .models import Cycle


@rules.predicate
def is_headquarters(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    office = user.office if user.office_id else None
    return office is not None and office.level == Office.Level.NATIONAL


@rules.predicate
def is_in_cycle_province(user, cycle):
    return cycle is not None and user.is_authenticated and user.province == cycle.province


rules.add_perm("cycles.view_national", is_headquarters)
rules.add_perm("cycles.view_cycle", is_headquarters | is_in_cycle_province)


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
