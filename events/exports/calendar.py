"""iCalendar (RFC 5545) for calendar programs: one event as an .ics file, and a person's private
feed of the events they attend or serve at and the deadlines of the SOP steps they answer for.

Times are Asia/Jakarta (TZID with its VTIMEZONE); a deadline is an all-day entry on its due day.
Every entry has a stable UID, so a calendar replaces it instead of adding a copy, and its
SEQUENCE, DTSTAMP and LAST-MODIFIED come from `CalendarEntryState`, which counts each change of
what the entry says (services.calendar.record_versions).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar
from icalendar import Event as VEvent

from cycles import sop
from cycles.models import CycleStep
from cycles.selectors.responsibility import is_responsible, regencies_held
from cycles.services.deadlines import step_url
from organization.roles import held_roles

from ..models import Event, EventStep, EventTeamAssignment
from ..models.event import _as_time as as_time

TZ = ZoneInfo("Asia/Jakarta")
PRODID = "-//BPS//Serawai//ID"


@dataclass(frozen=True)
class Entry:
    """What one calendar entry says; the same for everyone who sees it (its version is shared)."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date
    description: str = ""
    location: str = ""
    url: str = ""

    @property
    def fingerprint(self) -> str:
        content = "\x1f".join(
            [self.summary, self.description, self.location, self.url]
            + [value.isoformat() for value in (self.start, self.end)]
        )
        return hashlib.sha256(content.encode()).hexdigest()


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "serawai"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path if path.startswith("/") else path


def event_entry(event: Event) -> Entry:
    start = datetime.combine(event.date, as_time(event.start_time), tzinfo=TZ)
    end = datetime.combine(event.date, as_time(event.end_time), tzinfo=TZ)
    lines = [
        _("Kegiatan Serawai %(office)s.") % {"office": event.host_office.name},
        _("Bentuk: %(mode)s.") % {"mode": event.get_mode_display()},
    ]
    if event.meeting_link:
        lines.append(_("Tautan rapat: %(link)s") % {"link": event.meeting_link})
    lines.append(_absolute(event.get_absolute_url()))
    return Entry(
        uid=f"serawai-event-{event.pk}@{_domain()}",
        summary=_("Serawai: %(title)s") % {"title": event.title},
        start=start,
        end=end,
        description="\n".join(lines),
        location=event.place or event.meeting_link,
        url=_absolute(event.get_absolute_url()),
    )


def step_entry(step) -> Entry:
    event = getattr(step, "event", None)
    owner = event.title if event is not None else _("siklus %(year)s") % {"year": step.cycle.year}
    summary = _("Batas waktu langkah %(n)d: %(name)s (%(owner)s)") % {
        "n": step.number,
        "name": step.sop.name,
        "owner": owner,
    }
    kind = "event-step" if event is not None else "cycle-step"
    return Entry(
        uid=f"serawai-{kind}-{step.pk}@{_domain()}",
        summary=summary,
        start=step.due,
        end=step.due + timedelta(days=1),
        description=_("Keluaran: %(output)s") % {"output": step.sop.output},
        url=_absolute(step_url(step)),
    )


def person_events(employee, province):
    """Events of `province` the person attends, serves in the committee of (presenter included)
    or works at for the Event Team."""
    serving = ~Q(team__status=EventTeamAssignment.Status.SWAPPED)
    return (
        Event.objects.filter(cycle__province=province)
        .filter(
            Q(attendances__employee=employee)
            | Q(committee__employee=employee)
            | (Q(team__employee=employee) & serving)
        )
        .select_related("host_office")
        .distinct()
        .order_by("date", "start_time", "pk")
    )


def person_steps(employee, province, today: date) -> list:
    """Open SOP steps of this and last year's cycles of `province` the person is responsible
    for (cycles.selectors.responsibility); the vote counts as everyone's."""
    years = (today.year - 1, today.year, today.year + 1)
    found = []
    cycle_steps = CycleStep.objects.open().filter(cycle__province=province, cycle__year__in=years)
    event_steps = EventStep.objects.open().filter(
        event__cycle__province=province, event__cycle__year__in=years
    )
    for step in [
        *cycle_steps.select_related("cycle"),
        *event_steps.select_related("event__cycle"),
    ]:
        cycle = step.cycle if isinstance(step, CycleStep) else step.event.cycle
        held = held_roles(employee, year=cycle.year)
        regencies = regencies_held(held, employee, province.pk)
        if is_responsible(step, held, regencies, include_electorate=True):
            found.append(step)
    return sorted(found, key=lambda s: (s.due, s.number, s.pk))


def person_entries(employee, today: date | None = None) -> list[Entry]:
    province = employee.province
    if province is None:
        return []
    today = today or timezone.localdate()
    events = list(person_events(employee, province))
    shown = {event.pk for event in events}
    # Holding an event (step 9) is the event's own entry, not a second, all-day deadline.
    steps = [
        step
        for step in person_steps(employee, province, today)
        if not (step.number == sop.HOLDING_STEP.number and getattr(step, "event_id", None) in shown)
    ]
    with override(settings.LANGUAGE_CODE):
        return [event_entry(e) for e in events] + [step_entry(s) for s in steps]


def render(entries: list[Entry], name: str) -> bytes:
    """An iCalendar file of `entries`, each with its recorded version."""
    from ..services.calendar import record_versions

    versions = record_versions(entries)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Jakarta")
    for entry in entries:
        state = versions[entry.uid]
        item = VEvent()
        item.add("uid", entry.uid)
        item.add("sequence", state.sequence)
        item.add("dtstamp", state.modified_at)
        item.add("created", state.created_at)
        item.add("last-modified", state.modified_at)
        item.add("summary", entry.summary)
        item.add("dtstart", entry.start)
        item.add("dtend", entry.end)
        if isinstance(entry.start, date) and not isinstance(entry.start, datetime):
            item.add("transp", "TRANSPARENT")  # a deadline does not make the person busy
        if entry.description:
            item.add("description", entry.description)
        if entry.location:
            item.add("location", entry.location)
        if entry.url:
            item.add("url", entry.url)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
