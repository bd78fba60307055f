"""National demo activity of steps 6-9 (called by demo.national.seed after steps 1-5).

For every province whose steps 1-5 are done: three events hosted by kab/kota offices in the
first three quarters (events.services.preparation.create_event plans steps 6-11), a committee
(speakers, moderator/MC, note taker), and for events already held their attendance (about forty
people of the province) with the steps up to the event completed. Bulk writes; idempotent per cycle.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from events.models import Attendance, CommitteeMember, Event, EventStep
from events.services.preparation import create_event
from organization.models import Employee, Office
from voting.models import SelectedTheme

THEMES = [
    "Pemanfaatan Big Data untuk Statistik Harga",
    "Teknik Wawancara CAPI yang Efektif",
    "Penjaminan Kualitas Data Susenas",
    "Visualisasi Data dengan Python",
    "Integritas dan Zona Integritas di BPS",
    "Penyusunan Publikasi Daerah Dalam Angka",
    "Metode Small Area Estimation",
    "Pengelolaan Arsip Dinamis Digital",
    "Komunikasi Publik Statistik",
]
EVENT_MONTHS = (3, 6, 9)
ATTENDEES_PER_EVENT = 40
HELD_AT = datetime.time(11, 0)


def _themes(cycle, index, hosts, cal, selections):
    """(title, host office, date, SelectedTheme or None) of the cycle's events: the vote's
    winners where the vote was announced, else themes of our own."""
    if selections:
        return [(s.title, s.host_office, s.event_date, s) for s in selections]
    rows = []
    for k, month in enumerate(EVENT_MONTHS):
        day = cal.first_working_day_on_or_after(datetime.date(cycle.year, month, 10 + index % 10))
        rows.append(
            (THEMES[(index + k) % len(THEMES)], hosts[(index + k * 3) % len(hosts)], day, None)
        )
    return rows


def seed_activity(cycles, stdout=None) -> None:
    today = timezone.localdate()
    cal = WorkingCalendar.load()
    done_cycles = [c for c in cycles if not c.steps.filter(completed_at__isnull=True).exists()]
    busy = set(Event.objects.filter(cycle__in=done_cycles).values_list("cycle_id", flat=True))
    done_cycles = [c for c in done_cycles if c.pk not in busy]
    if not done_cycles:
        return
    province_ids = [c.province_id for c in done_cycles]
    regencies = defaultdict(list)
    for office in Office.objects.regencies().filter(parent_id__in=province_ids).order_by("code"):
        regencies[office.parent_id].append(office)
    staff = defaultdict(list)
    rows = Employee.objects.filter(office__parent_id__in=province_ids).order_by("pk")
    for pk, office_id, parent_id in rows.values_list("pk", "office_id", "office__parent_id"):
        staff[parent_id].append((pk, office_id))
    selections = defaultdict(list)
    for selection in SelectedTheme.objects.filter(cycle__in=done_cycles).select_related(
        "host_office"
    ):
        selections[selection.cycle_id].append(selection)
    tz = timezone.get_current_timezone()
    committee, attendance, held, linked = [], [], [], []
    for index, cycle in enumerate(done_cycles):
        hosts = regencies[cycle.province_id]
        people = staff[cycle.province_id]
        if not hosts or len(people) < 4:
            continue
        for k, (title, host, day, selection) in enumerate(
            _themes(cycle, index, hosts, cal, selections.get(cycle.pk))
        ):
            event = create_event(
                cycle=cycle,
                title=title,
                host_office=host,
                event_date=day,
                place=f"Aula {host.short_name}",
            )
            if selection is not None:
                selection.event = event
                linked.append(selection)
            locals_ = [pk for pk, office_id in people if office_id == host.pk] or [people[0][0]]
            for role, who in (
                (CommitteeMember.Role.SPEAKER, locals_[0]),
                (CommitteeMember.Role.MODERATOR, locals_[min(1, len(locals_) - 1)]),
                (CommitteeMember.Role.NOTE_TAKER, locals_[min(2, len(locals_) - 1)]),
            ):
                committee.append(CommitteeMember(event=event, role=role, employee_id=who))
            if day < today:
                held.append(event.pk)
                start = (index * 7 + k * 13) % len(people)
                chosen = [people[(start + j) % len(people)][0] for j in range(ATTENDEES_PER_EVENT)]
                at = datetime.datetime.combine(day, datetime.time(9, 5), tz)
                attendance += [
                    Attendance(
                        event=event, employee_id=pk, checked_in_at=at, source=Attendance.Source.SELF
                    )
                    for pk in dict.fromkeys(chosen)
                ]
    SelectedTheme.objects.bulk_update(linked, ["event"])
    CommitteeMember.objects.bulk_create(committee)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    Event.objects.filter(pk__in=held).update(status=Event.Status.HELD)
    steps = list(EventStep.objects.filter(event_id__in=held, due__lt=today))
    for step in steps:
        step.completed_at = datetime.datetime.combine(step.due, HELD_AT, tz)
    EventStep.objects.bulk_update(steps, ["completed_at"], batch_size=2000)
    if stdout is not None:
        stdout.write(
            f"  events: {Event.objects.filter(cycle__in=done_cycles).count()} "
            f"({len(held)} held, {len(attendance)} attendances)"
        )
