"""Reads shared by every stage: which cycle a person works in.

A cycle belongs to a province; every view finds "the current cycle" of the signed-in person's
province here and never shows another province's data.
"""

from django.utils import timezone

from .models import Cycle

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


def step_dates(cycle, numbers) -> list[tuple[int, object, object]]:
    """(number, due, completed_at) of the steps `numbers` of `cycle`, for pages."""
    rows = cycle.steps.filter(number__in=sorted(numbers)).order_by("number")
    return list(rows.values_list("number", "due", "completed_at"))
