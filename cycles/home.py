"""The home page's "what I must do now": the open steps the signed-in person is responsible for."""

from django.utils import timezone

from organization.models import Office
from organization.roles import held_roles

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
    regencies = list(Office.objects.filter(parent=cycle.province_id).values_list("pk", flat=True))
    rows = [
        row
        for row in _upcoming_rows(cycle, today)
        if is_responsible(row.step, held, regencies, include_electorate=True)
    ]
    return sorted(rows, key=lambda r: (r.step.due, r.number))


def _upcoming_rows(cycle, today):
    """Steps of `cycle` not done and started, or starting within ten working days."""
    cal = WorkingCalendar.load(cycle.province_id)
    horizon = cal.add_working_days(today, 10)
    return [
        row
        for section in cycle_sections(cycle, today, cal, open_by=horizon)
        for row in section.rows
    ]
