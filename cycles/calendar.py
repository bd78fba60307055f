"""The working-day calendar (hari kerja): Monday to Friday, minus Indonesia's national holidays
and cuti bersama (from the maintained `holidays` package), plus or minus the days the office
records as `CalendarDay` (a revised decree, a regional holiday, a local closure).

Every date the system computes goes through a `WorkingCalendar` of one province, which reads
that province's days once (one query) and answers in memory. A calendar without a province is
the national one alone: one province's days never move another's dates. The module-level
functions are the national calendar.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

HOLIDAY_CATEGORIES = ("public", "government")  # government = cuti bersama for civil servants


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[date, str]:
    """Indonesia's national holidays and cuti bersama of `year`, with Indonesian names."""
    found = holidays.Indonesia(years=year, categories=HOLIDAY_CATEGORIES, language="id")
    return dict(found.items())


class WorkingCalendar:
    """Working-day arithmetic over the national calendar and the office's own days."""

    def __init__(self, closed: dict[date, str] | None = None, opened: set[date] | None = None):
        self.closed = closed or {}
        self.opened = opened or set()

    @classmethod
    def load(cls, province=None) -> "WorkingCalendar":
        """The calendar of `province` (an Office or its id): national days plus its own (one
        query). None: the national calendar."""
        province_id = getattr(province, "pk", province)
        if province_id is None:
            return cls()
        return cls._read(province_id)

    @classmethod
    def _read(cls, province_id) -> "WorkingCalendar":
        from .models import CalendarDay

        closed, opened = {}, set()
        days = CalendarDay.objects.filter(province_id=province_id)
        for day, kind, reason in days.values_list("date", "kind", "reason"):
            if kind == CalendarDay.Kind.CLOSED:
                closed[day] = reason
            else:
                opened.add(day)
        return cls(closed, opened)

    def holiday_name(self, day: date) -> str | None:
        """Why `day` is not worked (office day first, then national), or None."""
        if day in self.opened:
            return None
        if day in self.closed:
            return self.closed[day]
        return national_holidays(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self.opened:
            return True
        if day.weekday() >= 5 or day in self.closed:
            return False
        return day not in national_holidays(day.year)

    def first_working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def next_working_day(self, day: date) -> date:
        return self.first_working_day_on_or_after(day + timedelta(days=1))

    def previous_working_day(self, day: date) -> date:
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day counting `day` itself as day 1 when it is a working day.

        add_working_days(d, 1) is the first working day on or after d; a step of N HK that
        starts on d is due on add_working_days(d, N) (SOP.md, "Schedule arithmetic").
        """
        if n < 1:
            raise ValueError("n must be at least 1")
        day = self.first_working_day_on_or_after(day)
        for _i in range(n - 1):
            day = self.next_working_day(day)
        return day

    def subtract_working_days(self, day: date, n: int) -> date:
        """The working day n working days before `day` (n >= 1)."""
        for _i in range(n):
            day = self.previous_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def non_working_days(self, start: date, end: date) -> list[tuple[date, str]]:
        """Holidays and office-closed weekdays in [start, end], with their names."""
        days, day = [], start
        while day <= end:
            if day.weekday() < 5 and not self.is_working_day(day):
                days.append((day, self.holiday_name(day) or ""))
            day += timedelta(days=1)
        return days


def current() -> WorkingCalendar:
    return WorkingCalendar.load()


def is_working_day(day: date) -> bool:
    return current().is_working_day(day)


def first_working_day_on_or_after(day: date) -> date:
    return current().first_working_day_on_or_after(day)


def next_working_day(day: date) -> date:
    return current().next_working_day(day)


def previous_working_day(day: date) -> date:
    return current().previous_working_day(day)


def add_working_days(day: date, n: int) -> date:
    return current().add_working_days(day, n)


def working_days_between(start: date, end: date) -> int:
    return current().working_days_between(start, end)
