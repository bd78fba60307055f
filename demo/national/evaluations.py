"""National demo activity of step 11 (called by demo.national.seed after steps 6-9).

For every held event without an evaluation yet: the presenter form opened until the quarter's
end, about two thirds of the attendees rating each Narasumber (scores 3-5, some comments), and
the CAN Provinsi rating the host office. Bulk writes, no notifications (demo history).
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from common import secrecy
from cycles import planning
from evaluations.criteria import ORGANIZER_KEYS, PRESENTER_KEYS
from evaluations.models import (
    OrganizerRating,
    PresenterEvaluation,
    PresenterRating,
    RaterRecord,
)
from events.models import Attendance, CommitteeMember, Event
from organization.models import RoleAssignment
from organization.roles import CAN_ROLES

COMMENTS = ["Materi sangat jelas", "Contoh kasusnya relevan", "Waktu tanya jawab kurang", ""]


def _score(*seed) -> int:
    return 3 + sum(seed) % 3


def seed_activity(cycles, stdout=None) -> None:
    events = list(
        Event.objects.filter(cycle__in=cycles, status=Event.Status.HELD)
        .exclude(pk__in=PresenterEvaluation.objects.values("event_id"))
        .select_related("cycle")
    )
    if not events:
        return
    ids = [e.pk for e in events]
    speakers = defaultdict(list)
    for member in CommitteeMember.objects.filter(
        event_id__in=ids, role=CommitteeMember.Role.SPEAKER
    ):
        speakers[member.event_id].append(member)
    attendees = defaultdict(list)
    for event_id, pk in Attendance.objects.filter(event_id__in=ids).values_list(
        "event_id", "employee_id"
    ):
        attendees[event_id].append(pk)
    can = defaultdict(list)
    for office_id, pk in RoleAssignment.objects.filter(
        role__in=CAN_ROLES,
        office_id__in={e.cycle.province_id for e in events},
    ).values_list("office_id", "employee_id"):
        can[office_id].append(pk)
    tz = timezone.get_current_timezone()
    windows, records, ratings, organizer = [], [], [], []
    for event in events:
        windows.append(
            PresenterEvaluation(
                event=event,
                opened_at=datetime.datetime.combine(event.date, datetime.time(11, 30), tz),
                closes_on=planning.quarter_end(event.date),
            )
        )
        raters = [pk for i, pk in enumerate(attendees[event.pk]) if i % 3 != 2]
        for i, pk in enumerate(raters):
            records.append(RaterRecord(event=event, employee_id=pk, rated_on=event.date))
            for speaker in speakers[event.pk]:
                scores = {key: _score(i, n, event.pk) for n, key in enumerate(PRESENTER_KEYS)}
                ratings.append(
                    PresenterRating(
                        event=event, presenter=speaker, comment=COMMENTS[i % 4], **scores
                    )
                )
        for i, pk in enumerate(dict.fromkeys(can[event.cycle.province_id])):
            scores = {key: _score(i, n, event.pk, 1) for n, key in enumerate(ORGANIZER_KEYS)}
            organizer.append(OrganizerRating(event=event, rater_id=pk, **scores))
    PresenterEvaluation.objects.bulk_create(windows)
    # Written as a mix leaves them: the ratings in an order of their own, not the raters'.
    RaterRecord.objects.bulk_create(records, batch_size=2000)
    PresenterRating.objects.bulk_create(secrecy.shuffled(ratings), batch_size=2000)
    OrganizerRating.objects.bulk_create(organizer)
    if stdout is not None:
        stdout.write(
            f"  evaluations: {len(ratings)} presenter and {len(organizer)} organiser ratings"
        )
