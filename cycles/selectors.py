"""Reads shared by every stage: which cycle a person works in.

A cycle belongs to a province; every view finds "the current cycle" of the signed-in person's
province here and never shows another province's data.
"""

from django.utils import timezone

from .models import Cycle


def current_cycle(user, year: int | None = None) -> Cycle | None:
    """The cycle of `user`'s province for `year` (default: this year), else its latest cycle.

    None when the person has no office (a bare superuser) or the province has no cycle yet.
    """
    province = getattr(user, "province", None) if user is not None else None
    if province is None:
        return None
    year = year or timezone.localdate().year
    cycles = Cycle.objects.filter(province=province).select_related("province")
    return cycles.filter(year=year).first() or cycles.order_by("-year").first()
