"""Reads shared by every stage: which cycle a person works in.

A cycle belongs to a province; every view finds "the current cycle" of the signed-in person's
province here and never shows another province's data.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from organization.roles import OFFICES_TOPIC
from serawai import caching

from . import calendar
from .models import CalendarDay, Cycle

TOPIC = "cycles"


def current_cycle(user, year: int | None = None) -> Cycle | None:
    """The cycle of `user`'s province for `year` (default: this year), else its latest cycle.

    None when the person has no office (a bare superuser) or the province has no cycle yet.
    """
    province = getattr(user, "province", None) if user is not None else None
    if province is None:
        return None
    year = year or timezone.localdate().year

    def read():
        cycles = Cycle.objects.filter(province=province).select_related("province")
        return cycles.filter(year=year).first() or cycles.order_by("-year").first()

    return caching.cached((TOPIC, OFFICES_TOPIC), f"current-cycle:{province.pk}:{year}", read)


def _cycles_changed(sender, **kwargs):
    caching.changed(TOPIC)


def _calendar_changed(sender, **kwargs):
    caching.changed(calendar.TOPIC)


def connect() -> None:
    """Every save or delete of a cycle or a calendar day (services, admin, factories) renews the
    cached current cycles and working calendar."""
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(_cycles_changed, sender=Cycle, dispatch_uid=f"cycles-{name}")
        signal.connect(_calendar_changed, sender=CalendarDay, dispatch_uid=f"calendar-{name}")
