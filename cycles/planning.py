"""Schedule arithmetic of SOP.md: plans of steps 1-5 forwards, steps 6-11 backwards from an event.

A step's day 1 is the first working day on or after its start; a step of N HK is due at the end of
its N-th working day; step k+1 starts on the working day after step k is due. Steps 6-8 of an
event are planned backwards from the event date (step 8 ends the working day before it), and
"quarterly" steps (10, 11) are due at the end of the event's quarter. Durations come from sop.py.
"""

import calendar as std_calendar
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.errors import ServiceError

from . import sop
from .calendar import WorkingCalendar


@dataclass(frozen=True)
class PlannedStep:
    number: int
    name: str
    start: date
    due: date
    working_days: int | None  # None for steps measured in hours or quarters

    def as_json(self) -> dict:
        return {
            "step": self.number,
            "name": self.name,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "working_days": self.working_days,
        }


class PlanningError(ServiceError):
    """A plan the SOP's times do not allow; the message says why, for the form."""


def _cal(cal: WorkingCalendar | None) -> WorkingCalendar:
    return cal or WorkingCalendar.load()


def plan_forward(steps, start: date, cal: WorkingCalendar | None = None) -> list[PlannedStep]:
    """Plan consecutive working-day steps from `start`, each starting after the previous one."""
    cal = _cal(cal)
    planned, day = [], start
    for item in steps:
        first = cal.first_working_day_on_or_after(day)
        due = cal.add_working_days(first, item.duration)
        planned.append(PlannedStep(item.number, str(item.name), first, due, item.duration))
        day = cal.next_working_day(due)
    return planned


def plan_cycle(start: date, cal: WorkingCalendar | None = None) -> list[PlannedStep]:
    """Steps 1-5 of a cycle from its start date."""
    return plan_forward(sop.CYCLE_STEPS, start, cal)


def quarter_end(day: date) -> date:
    last_month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, last_month, std_calendar.monthrange(day.year, last_month)[1])


def preparation_working_days() -> int:
    return sum(item.duration for item in sop.PREPARATION_STEPS)


def earliest_event_date(not_before: date, cal: WorkingCalendar | None = None) -> date:
    """The first event date whose steps 6-8 can all start on or after `not_before`."""
    cal = _cal(cal)
    first = cal.first_working_day_on_or_after(not_before)
    return cal.next_working_day(cal.add_working_days(first, preparation_working_days()))


def plan_event(
    event_date: date, not_before: date | None = None, cal: WorkingCalendar | None = None
) -> list[PlannedStep]:
    """Steps 6-11 of an event on `event_date`: 6-8 backwards from it, 9 on it, 10-11 quarterly.

    Raises PlanningError when steps 6-8 would have to start before `not_before` (for example the
    working day after the announcement), naming the earliest date that works.
    """
    cal = _cal(cal)
    if not cal.is_working_day(event_date):
        raise PlanningError(
            _("%(date)s bukan hari kerja; pilih hari kerja untuk kegiatan.")
            % {"date": date_format(event_date, "j F Y")}
        )
    backwards, day = [], event_date
    for item in reversed(sop.PREPARATION_STEPS):
        due = cal.previous_working_day(day)
        start = cal.subtract_working_days(due, item.duration - 1)
        backwards.append(PlannedStep(item.number, str(item.name), start, due, item.duration))
        day = start
    if not_before is not None and backwards[-1].start < not_before:
        earliest = earliest_event_date(not_before, cal)
        raise PlanningError(
            _(
                "Tanggal kegiatan terlalu awal: langkah 6-8 memerlukan %(n)d hari kerja sebelum "
                "kegiatan. Tanggal paling awal yang dapat dipilih: %(earliest)s."
            )
            % {"n": preparation_working_days(), "earliest": date_format(earliest, "j F Y")}
        )
    planned = list(reversed(backwards))
    held = sop.step(9)
    planned.append(PlannedStep(9, str(held.name), event_date, event_date, None))
    end = quarter_end(event_date)
    for number in (10, 11):
        planned.append(PlannedStep(number, str(sop.step(number).name), event_date, end, None))
    return planned
