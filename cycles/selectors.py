"""Reads shared by every stage: which cycle a person works in.

A cycle belongs to a province; every view finds "the current cycle" of the signed-in person's
province here and never shows another province's data.
"""

from django.utils import timezone

from organization.roles import OFFICES_TOPIC
from serawai import caching

from . import calendar, timeline
from .models import CalendarDay, Cycle, CycleStep

TOPIC = "cycles"


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

    def read():
        cycles = Cycle.objects.filter(province=province).select_related("province")
        return cycles.filter(year=year).first() or cycles.order_by("-year").first()

    return caching.cached((TOPIC, OFFICES_TOPIC), f"current-cycle:{province.pk}:{year}", read)


def cycle_of_year(user, year: int) -> Cycle | None:
    """The cycle of `user`'s province for exactly `year` (None: there is none, or no province)."""
    province = getattr(user, "province", None) if user is not None else None
    if province is None:
        return None

    def read():
        cycles = Cycle.objects.filter(province=province, year=year).select_related("province")
        return cycles.first()

    return caching.cached((TOPIC, OFFICES_TOPIC), f"cycle-of-year:{province.pk}:{year}", read)


def cached_steps(cycle, numbers) -> list[tuple[int, object, object]]:
    """(number, due, completed_at) of the steps `numbers` of `cycle`, for pages: kept until a
    step of any cycle changes (timeline.TOPIC)."""
    numbers = tuple(sorted(numbers))

    def read():
        rows = cycle.steps.filter(number__in=numbers).order_by("number")
        return list(rows.values_list("number", "due", "completed_at"))

    key = f"steps:{cycle.pk}:{','.join(map(str, numbers))}"
    return caching.cached(timeline.TOPIC, key, read)


def connect() -> None:
    caching.renew_on_write(TOPIC, Cycle)
    caching.renew_on_write(calendar.TOPIC, CalendarDay)
    caching.renew_on_write(timeline.TOPIC, CycleStep)
