"""The home page's "what I must do now": the open steps the signed-in person is responsible for."""

from django.utils import timezone, translation

from organization.models import Office
from organization.roles import OFFICES_TOPIC, held_roles
from serawai import caching

from . import calendar, selectors, timeline
from .calendar import WorkingCalendar
from .responsibility import is_responsible
from .timeline import cycle_sections


def my_open_steps(user, cycle, today=None):
    """Open step rows of `cycle` (steps 1-5 and each event's 6-11) that are `user`'s to do,
    earliest due first. Only steps already started or starting within two weeks are shown."""
    today = today or timezone.localdate()
    held = held_roles(user, cycle.year)
    if not held.roles and not user.is_active:
        return []
    regencies = caching.cached(
        OFFICES_TOPIC,
        f"regencies:{cycle.province_id}",
        lambda: list(Office.objects.filter(parent=cycle.province_id).values_list("pk", flat=True)),
    )
    cal = WorkingCalendar.load()
    horizon = cal.add_working_days(today, 10)
    rows = []
    sections = caching.cached(
        (timeline.TOPIC, calendar.TOPIC, selectors.TOPIC, OFFICES_TOPIC),
        f"sections:{cycle.pk}:{today}:{translation.get_language()}",
        lambda: cycle_sections(cycle, today, cal),
    )
    for section in sections:
        for row in section.rows:
            if row.is_done or row.step.planned_start > horizon:
                continue
            if is_responsible(row.step, held, regencies, include_electorate=True):
                rows.append(row)
    return sorted(rows, key=lambda r: (r.step.due, r.number))
