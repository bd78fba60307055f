"""A second province in the permission matrix: everyone of province B (Aceh), in every role,
on every URL of province A's (Bengkulu's) world, by GET and by POST.

What must hold: a URL that names one of A's objects answers 404 (or 403 where B's person may not
use that kind of page at all; 405 where the method is not served); no page B opens shows A's
data; and nothing of A changes, whatever B sends.
"""

import pytest
from django.db import transaction
from django.utils import timezone

from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, other_province
from tests.test_permission_matrix import (
    LOGIN,
    MATRIX,
    STAGES,
    build_world,
    covered_urls,
    outcome,
    url_for,
)

Role = RoleAssignment.Role
B_ROLES = ["employee", "ca_a", "ca_b", "event_team", "can", "can_coordinator", "cc"]
OBJECT_ARGS = ("<int:pk>", "_pk>", "<str:token>")
# The personal calendar feed answers whoever holds its address (the token is the credential);
# tests/events/test_calendar_feed.py shows it never carries another province's events.
PUBLIC = {
    "verify",
    "cycles:healthz",
    "accounts:login",
    "accounts:logout",
    "events:personal_feed",
}
# Names and titles that only province A's pages contain.
A_TEXTS = ("Statistik Kebijakan Daerah", "Pemanfaatan Big Data", "Siti Aminah", "Rina Marlina")


def province_b_people():
    """One person per role in Aceh: its CAN, CC, Event Team, a CA of the province office and of
    its kab/kota (`ca_a`, `ca_b`), and an employee."""
    aceh = other_province()
    regency = aceh.children.get()
    year = timezone.localdate().year
    people = {
        "employee": EmployeeFactory(full_name="Pegawai Aceh", office=aceh),
        "ca_a": EmployeeFactory(full_name="CA Kab Aceh", office=regency),
        "ca_b": EmployeeFactory(full_name="CA Prov Aceh", office=aceh),
        "event_team": EmployeeFactory(full_name="Event Team Aceh", office=aceh),
        "can": EmployeeFactory(full_name="CAN Aceh", office=aceh),
        "can_coordinator": EmployeeFactory(full_name="Koordinator Aceh", office=aceh),
        "cc": EmployeeFactory(full_name="CC Aceh", office=aceh),
    }
    for key, role, office in [
        ("ca_a", Role.CA, regency),
        ("ca_b", Role.CA, aceh),
        ("event_team", Role.EVENT_TEAM, aceh),
        ("can", Role.CAN_MEMBER, aceh),
        ("can_coordinator", Role.CAN_COORDINATOR, aceh),
        ("cc", Role.CC, aceh),
    ]:
        give_role(people[key], role, office, year=year)
    return people


def fingerprint(w) -> tuple:
    """Province A's data as B could change it: a few cheap reads over everything A owns."""
    from auditlog.models import LogEntry

    from cycles.models import CalendarDay
    from documents.models import Certificate, Letter
    from evaluations.models import OrganizerRating
    from events.models import Attendance, CommitteeMember, EventTeamAssignment, EventTeamNeed
    from reports.models import ActivityReport
    from voting.models import ThemeProposal, Vote

    event = type(w.event).objects.get(pk=w.event.pk)
    return (
        tuple(w.cycle.steps.order_by("number").values_list("due", "completed_at")),
        tuple(Vote.objects.filter(cycle=w.cycle).values_list("status", "closes_on")),
        tuple(ThemeProposal.objects.filter(cycle=w.cycle).values_list("pk", "title")),
        (event.status, event.date, event.title),
        CommitteeMember.objects.filter(event=event).count(),
        Attendance.objects.filter(event=event).count(),
        tuple(EventTeamAssignment.objects.filter(event=event).values_list("pk", "status")),
        EventTeamNeed.objects.filter(event=event).count(),
        tuple(
            RoleAssignment.objects.filter(office__in=[w.province, w.office_a, w.office_b])
            .order_by("pk")
            .values_list("pk", "ended_on")
        ),
        CalendarDay.objects.filter(province=w.province).count(),
        tuple(ActivityReport.objects.filter(cycle=w.cycle).values_list("pk", "status")),
        OrganizerRating.objects.filter(event=event).count(),
        Letter.objects.count(),
        Certificate.objects.count(),
        LogEntry.objects.count(),
    )


def names_an_object(route: str) -> bool:
    return any(marker in route for marker in OBJECT_ARGS)


@pytest.mark.django_db
def test_province_b_neither_reads_nor_changes_province_a(client):
    world = build_world()
    people = province_b_people()
    routes = covered_urls()
    wrong = []
    stages = sorted({entry.get("stage", "") for entry in MATRIX.values()})
    for stage in stages:
        with transaction.atomic():
            if stage:
                STAGES[stage](world)
            # URLs first: naming some objects makes them (an attendee to remove).
            urls = {
                name: url_for(name, world)
                for name, entry in MATRIX.items()
                if entry.get("stage", "") == stage and name not in PUBLIC
            }
            before = fingerprint(world)
            for name, url in sorted(urls.items()):
                for role in B_ROLES:
                    client.force_login(people[role])
                    for method in ("get", "post"):
                        with transaction.atomic():
                            response = getattr(client, method)(url)
                            seen = outcome(response)
                            changed = fingerprint(world) != before
                            transaction.set_rollback(True)
                        where = f"{method.upper()} {name} {url} as B's {role}"
                        if changed:
                            wrong.append(f"{where}: changed province A's data ({seen})")
                        if names_an_object(routes[name]):
                            if seen not in (403, 404, 405):
                                wrong.append(f"{where}: expected 404/403, got {seen}")
                        elif seen == LOGIN:
                            wrong.append(f"{where}: sent to the log-in page")
                        if seen == 200 and response.get("Content-Type", "").startswith("text/html"):
                            page = response.content.decode()
                            leaked = [text for text in A_TEXTS if text in page]
                            if leaked:
                                wrong.append(f"{where}: shows {leaked}")
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)
