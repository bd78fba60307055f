"""Demo data of step 11: presenter and organiser ratings for the demo cycle's events.

Idempotent: an attendee who has rated is skipped, and so is a CAN member who rated the organiser.
Scores are pseudo-random but fixed per event, so every run of the demo shows the same recap.
"""

import random

from events.models import Attendance, CommitteeMember
from organization.models import Employee, RoleAssignment

from . import rating_box
from .models import OrganizerRating, RaterRecord
from .services import open_presenter_evaluation, rate_organizer, rate_presenters

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
KEYS = ("mastery", "delivery", "relevance", "time_management", "interaction")
ORGANIZER_KEYS = ("preparation", "punctuality", "technical_quality", "documentation")


def _score(rng, base) -> int:
    return max(1, min(5, base + rng.choice((-1, 0, 0, 1))))


def seed(cycle, stdout) -> None:
    rated = organized = 0
    can = list(
        Employee.objects.filter(
            role_assignments__role__in=[
                RoleAssignment.Role.CAN_MEMBER,
                RoleAssignment.Role.CAN_COORDINATOR,
            ],
            role_assignments__year=cycle.year,
        ).distinct()
    )
    for event in cycle.events.select_related("host_office").order_by("date"):
        speakers = list(event.committee.filter(role=CommitteeMember.Role.SPEAKER))
        attendees = [
            a.employee for a in Attendance.objects.filter(event=event).select_related("employee")
        ]
        if not speakers or not attendees:
            continue
        open_presenter_evaluation(event)
        done = set(RaterRecord.objects.filter(event=event).values_list("employee_id", flat=True))
        rng = random.Random(f"serawai-demo-{event.pk}")
        base = rng.choice((3, 4, 4, 5))
        for person in attendees:
            mine = [s for s in speakers if s.employee_id != person.pk]
            if person.pk in done or not mine:
                continue
            ratings = {
                s: {
                    **{k: _score(rng, base) for k in KEYS},
                    "comment": rng.choice(COMMENTS),
                    "suggestion": rng.choice(SUGGESTIONS),
                }
                for s in mine
            }
            rate_presenters(event=event, rater=person, ratings=ratings, today=event.date)
            rated += 1
        rating_box.mix_ratings(event.pk)  # as the worker does: five raters or more at once
        judged = set(OrganizerRating.objects.filter(event=event).values_list("rater_id", flat=True))
        for member in can:
            if member.pk in judged:
                continue
            rate_organizer(
                event=event,
                rater=member,
                scores={k: _score(rng, base) for k in ORGANIZER_KEYS},
                today=event.date,
            )
            organized += 1
    stdout.write(f"evaluations: {rated} presenter evaluations, {organized} organiser ratings\n")
