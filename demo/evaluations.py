"""Demo data of step 11: presenter and organiser ratings for the demo cycle's events.

Idempotent: an attendee who has rated is skipped, and so is a CAN member who rated the organiser.
Scores are pseudo-random but fixed per event, so every run of the demo shows the same recap.
"""

import random
from datetime import time, timedelta

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from demo import people as people_demo
from demo import story
from evaluations.criteria import ORGANIZER_KEYS, PRESENTER_KEYS
from evaluations.models import OrganizerRating, RaterRecord
from evaluations.services import rating_box
from evaluations.services.ratings import open_presenter_evaluation, rate_organizer, rate_presenters
from events.models import Attendance, CommitteeMember
from organization.models import Employee, RoleAssignment

COMMENTS = [
    "Materi disampaikan dengan contoh dari pekerjaan lapangan.",
    "Penjelasan jelas dan mudah dipahami.",
    "Waktu tanya jawab terasa kurang.",
    "Slide terlalu padat, sebaiknya diringkas.",
    "",
    "",
]
SUGGESTIONS = [
    "Tambahkan sesi praktik langsung.",
    "Bagikan materi sebelum kegiatan dimulai.",
    "Undang narasumber dari BPS RI pada kegiatan berikutnya.",
    "",
    "",
]


def _score(rng, base) -> int:
    return max(1, min(5, base + rng.choice((-1, 0, 0, 1))))


def _day(cal, event, n, today):
    return min(cal.add_working_days(cal.next_working_day(event.date), 1 + n % 3), today)


def seed(cycle, stdout) -> None:
    rated = organized = 0
    cal = WorkingCalendar.load(cycle.province_id)
    today = timezone.localdate()
    plan = story.plan_for(cycle)
    recent = plan.event("recent") if plan else None
    logins = {p.pk for _label, p in people_demo.demo_logins()}
    can = list(
        Employee.objects.filter(
            role_assignments__role__in=[
                RoleAssignment.Role.CAN_MEMBER,
                RoleAssignment.Role.CAN_COORDINATOR,
            ],
            role_assignments__year=cycle.year,
        )
        .distinct()
        .order_by("pk")
    )
    for event in cycle.events.select_related("host_office").order_by("date"):
        speakers = list(event.committee.filter(role=CommitteeMember.Role.SPEAKER))
        attendees = [
            a.employee
            for a in Attendance.objects.filter(event=event)
            .select_related("employee")
            .order_by("employee__nip")
        ]
        if not speakers or not attendees:
            continue
        is_recent = recent is not None and event.date == recent.date
        with story.on(event.date, event.end_time):
            evaluation = open_presenter_evaluation(event)
        done = set(RaterRecord.objects.filter(event=event).values_list("employee_id", flat=True))
        rng = random.Random(f"serawai-demo-{event.title}")
        base = rng.choice((3, 4, 4, 5))
        for n, person in enumerate(attendees):
            mine = [s for s in speakers if s.employee_id != person.pk]
            if person.pk in done or not mine or (is_recent and person.pk in logins):
                continue
            ratings = {
                s: {
                    **{k: _score(rng, base) for k in PRESENTER_KEYS},
                    "comment": rng.choice(COMMENTS),
                    "suggestion": rng.choice(SUGGESTIONS),
                }
                for s in mine
            }
            day = _day(cal, event, n, today)
            with story.on(day, time(8 + n % 8, n % 60)):
                rate_presenters(event=event, rater=person, ratings=ratings, today=day)
            rated += 1
        rating_box.mix_ratings(event.pk)  # as the worker does: five raters or more at once
        judged = set(OrganizerRating.objects.filter(event=event).values_list("rater_id", flat=True))
        for n, member in enumerate(can):
            if member.pk in judged or (is_recent and member.pk in logins):
                continue
            day = _day(cal, event, n + 1, today)
            with story.on(day, time(13, 0)):
                rate_organizer(
                    event=event,
                    rater=member,
                    scores={k: _score(rng, base) for k in ORGANIZER_KEYS},
                    today=day,
                )
            organized += 1
        if evaluation.closes_on < today:
            with story.on(evaluation.closes_on + timedelta(days=1), time(0, 30)):
                rating_box.close_form(evaluation)
    stdout.write(f"evaluations: {rated} presenter evaluations, {organized} organiser ratings\n")
