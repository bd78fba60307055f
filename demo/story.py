"""The demo's story, anchored on the day `seed_demo` runs (demo data only).

A tester who runs `make run` on any day of the year should find every demo login with something
to do. The SOP's year does not allow everything at once in one cycle (events follow the vote's
announcement), so the demo tells the story of BPS Provinsi Bengkulu as it stands *today*, in the
events half of its year:

- this year's cycle ran steps 1-5 on time (concept, socialisation letter, proposals of the ten
  kab/kota offices, the vote, the announcement of three themes) early enough for its events;
  when today is early in the year the cycle was planned from the end of the previous year,
  so that its first event can be held now;
- "recent": an event held on the last working day before today (today, early in the morning,
  when today is the first working day of a quarter: a rating form closes at the end of the
  event's quarter). The demo attendee logins attended it and can still rate the presenter; the
  CAN has not yet rated the organiser; the host CA's report is due at the end of the quarter;
- "preparing": an event twelve working days ahead: the host (BPS Kabupaten Bengkulu Selatan)
  formed its committee and issued the letter yesterday, on time; readiness (step 7) is due
  today and the Event Team's plan (step 8) follows. Late in December the event is the year's
  last working day instead: its readiness was confirmed on time and the Event Team's plan is
  due;
- "reported": an event of the previous quarter, held, rated and documented; its quarterly
  report was submitted before the quarter ended and awaits the CC's approval. When today is in
  the first quarter, that quarter is the last of the previous year: the demo then also has
  last year's cycle, whose three events were held in its fourth quarter;
- a third theme of this year's cycle is scheduled later when the year has room.

Every past step is completed on its planned day, through the services, with the clock set to
that day (time_machine), so letters, completions and the audit trail carry plausible dates.
One step is completed late on purpose, to show how the timeline labels it: the CA Provinsi
confirmed the readiness of the recent event one working day after its due date.

Two neighbouring provinces show the first half of the year at the same time, each with a demo
login: in Jambi the vote is open (one of its kab/kota employees has not voted yet); in Lampung
the kab/kota offices are proposing themes (the CA of Kota Bandar Lampung has not proposed yet).
Late in the year (from October) these are next year's cycles, prepared early.

Hosts: a selected theme is hosted by the office that proposed it; the demo's ballots favour the
themes of Rejang Lebong, Kota Bengkulu and Bengkulu Selatan so the hosts are always the same.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from cycles import planning, sop
from cycles.calendar import WorkingCalendar

# host office of each kind of demo event
HOSTS = {"reported": "1702", "recent": "1771", "preparing": "1701", "later": "1702"}
EARLY = (time(7, 0), time(9, 0))  # an event held this morning, before a tester's first look
USUAL = (time(9, 0), time(11, 0))
GUEST_CODES = ("1500", "1800")
CYCLE_STEP_DAYS = sum(s.duration for s in sop.CYCLE_STEPS)


@dataclass(frozen=True)
class DemoEvent:
    kind: str  # "reported", "recent", "preparing", "later", "past"
    date: date
    host: str
    times: tuple[time, time] = USUAL


@dataclass
class CyclePlan:
    year: int
    start: date
    events: list[DemoEvent] = field(default_factory=list)
    province: str = "1700"
    stage: str = "events"  # or "vote" (step 4 open today), "proposals" (step 3 open today)

    def event(self, kind: str) -> DemoEvent | None:
        return next((e for e in self.events if e.kind == kind), None)


def _quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _start_for(year: int, first_event: date, cal: WorkingCalendar) -> date:
    """The cycle starts on the year's first working day, or earlier when its first event needs
    steps 1-5 and 6-8 before it (a cycle planned from the end of the previous year)."""
    step6 = cal.subtract_working_days(first_event, planning.preparation_working_days() + 1)
    needed = cal.subtract_working_days(step6, CYCLE_STEP_DAYS + 3)
    return min(cal.first_working_day_on_or_after(date(year, 1, 2)), needed)


def plan(today: date | None = None, cal: WorkingCalendar | None = None) -> list[CyclePlan]:
    """The demo's cycles of BPS Provinsi Bengkulu around `today`, oldest first."""
    today = today or timezone.localdate()
    cal = cal or WorkingCalendar()
    first = cal.first_working_day_on_or_after(today)
    last = cal.previous_working_day(today)
    if _quarter(last) == _quarter(today):
        recent = DemoEvent("recent", last, HOSTS["recent"])
    elif cal.is_working_day(today):
        recent = DemoEvent("recent", today, HOSTS["recent"], EARLY)
    else:  # the quarter's first days are all holidays: the event is the next working day
        recent = DemoEvent("recent", first, HOSTS["recent"], EARLY)
    prep_days = planning.preparation_working_days()
    preparing = cal.add_working_days(cal.next_working_day(last), prep_days)
    if preparing <= recent.date:
        preparing = cal.add_working_days(recent.date, prep_days + 1)
    year_end = cal.previous_working_day(date(today.year + 1, 1, 1))
    events = [recent, DemoEvent("preparing", min(preparing, year_end), HOSTS["preparing"])]
    plans = []
    q_year, q = _quarter(today)
    prev_end = planning.quarter_end(date(q_year, 3 * q - 2, 1).replace(day=1) - _ONE_DAY)
    reported = DemoEvent("reported", cal.subtract_working_days(prev_end, 20), HOSTS["reported"])
    if prev_end.year == today.year:
        events.insert(0, reported)
    else:
        past = [
            DemoEvent("past", cal.subtract_working_days(prev_end, 50), "1771"),
            DemoEvent("past", cal.subtract_working_days(prev_end, 35), "1701"),
            reported,
        ]
        plans.append(CyclePlan(prev_end.year, _start_for(prev_end.year, past[0].date, cal), past))
        later = cal.add_working_days(events[-1].date, 30)
        if later.year == today.year:
            events.append(DemoEvent("later", later, HOSTS["later"]))
    plans.append(CyclePlan(today.year, _start_for(today.year, events[0].date, cal), events))
    return plans


def guest_plans(today: date | None = None, cal: WorkingCalendar | None = None):
    """The cycles of the two guest provinces: Jambi's vote opened a week ago, Lampung's theme
    proposals opened two days ago. Late in the year they are next year's cycles, prepared
    early (their events fall in that year)."""
    today = today or timezone.localdate()
    cal = cal or WorkingCalendar()
    first = cal.first_working_day_on_or_after(today)
    year = today.year + (1 if today.month >= 10 else 0)
    # steps 1-3 take 3 + 1 + 7 working days; steps 1-2 take 4
    return [
        CyclePlan(year, cal.subtract_working_days(first, 16), province="1500", stage="vote"),
        CyclePlan(year, cal.subtract_working_days(first, 6), province="1800", stage="proposals"),
    ]


def plan_for(cycle) -> CyclePlan | None:
    """The plan of `cycle` in today's story (None: the cycle is not part of it)."""
    cal = WorkingCalendar.load(cycle.province_id)
    code = cycle.province.code
    plans = guest_plans(cal=cal) if code in GUEST_CODES else plan(cal=cal)
    return next((p for p in plans if p.year == cycle.year and p.province == code), None)


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)


def moment(day: date, at: time = time(9, 0)) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


@contextmanager
def on(day: date, at: time = time(9, 0)):
    """Run the services as on `day` at `at` (WIB): what they write carries that date. A day in
    the future of the real clock is never travelled to."""
    import time_machine

    when = moment(day, at)
    if when > timezone.now():
        yield
        return
    with time_machine.travel(when, tick=False):
        yield


# The to-do each demo login is pointed at first (a fragment of its link), when it has several.
FIRST_TRY = {
    "CAN Provinsi (koordinator)": "/organizer/",
    "CC (Change Champion)": "/reports/",
    "CA Provinsi": "/rate/",
    "CA BPS Kabupaten Bengkulu Selatan": "/readiness/",
    "CA BPS Kota Bengkulu": "/reports/",
    "Ketua Event Team": "/event-team/",
}


def todos_of(person) -> list[tuple[str, str]]:
    """(title, link) of every to-do on `person`'s home page, in its order."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from cycles.selectors.cycles import current_cycle
    from cycles.selectors.home import my_open_steps, my_todos

    with override("id"):
        found = [(t.title, t.url) for t in my_todos(person)]
        cycle = current_cycle(person)
        for row in my_open_steps(person, cycle) if cycle else []:
            title = _("Langkah %(n)s: %(name)s") % {"n": row.number, "name": row.sop.name}
            if row.owner != cycle:
                title = f"{title} ({row.owner})"
            found.append((title, row.work_url))
    return found


def first_try(label, person) -> tuple[str, str] | None:
    """The to-do a tester should try first as this demo login: (title, link), or None."""
    todos = todos_of(person)
    wanted = FIRST_TRY.get(label)
    preferred = [t for t in todos if wanted and wanted in t[1]]
    return (preferred or todos or [None])[0]
