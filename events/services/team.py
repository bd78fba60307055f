"""Step 8: the Event Team. The CAN records the support needed; the system proposes members by
rotation; the Event Team lead confirms the plan or swaps a member with a reason.

Rotation rule: for each role, propose the member who served that role least recently (never
first), skipping anyone already serving in this event (Event Team or committee) and anyone
marked unavailable for it. Ties go to whoever served the role fewer times, then by name.
"""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from organization.models import Employee, RoleAssignment

from ..models import Event, EventTeamAssignment, EventTeamNeed, TeamUnavailability
from . import steps
from .errors import EventError

Status = EventTeamAssignment.Status
TEAM_ROLES = (RoleAssignment.Role.EVENT_TEAM, RoleAssignment.Role.EVENT_TEAM_LEAD)


def _open(event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if steps.step(event, 8).completed_at is not None:
        raise EventError(_("Rencana Event Team sudah dikonfirmasi."))
    return event


def team_members(event):
    """Active Event Team members of the event's province in the cycle's year."""
    ids = (
        RoleAssignment.objects.current(year=event.cycle.year)
        .filter(role__in=TEAM_ROLES, office=event.cycle.province_id)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True)


def rotation_candidates(event, role: str) -> list[Employee]:
    """Eligible members for `role` at `event`, the least recently served in that role first.

    Each carries `.last_served` (date or None) and `.times_served` for display.
    """
    busy = set(event.team.serving().values_list("employee_id", flat=True))
    busy |= set(
        event.committee.filter(employee__isnull=False).values_list("employee_id", flat=True)
    )
    busy |= set(event.unavailable.values_list("employee_id", flat=True))
    served = Q(
        event_team_assignments__role=role,
        event_team_assignments__status=Status.CONFIRMED,
    ) & ~Q(event_team_assignments__event=event)
    people = (
        team_members(event)
        .exclude(pk__in=busy)
        .annotate(
            last_served=Max("event_team_assignments__event__date", filter=served),
            times_served=Count("event_team_assignments", filter=served),
        )
    )
    return sorted(
        people,
        key=lambda p: (
            p.last_served is not None,
            p.last_served or event.date,
            p.times_served,
            p.full_name,
            p.pk,
        ),
    )


@transaction.atomic
def record_need(event, *, role, people: int, start_time, end_time, note: str = "", by):
    """The CAN records the support needed for one role (replacing an earlier need for it)."""
    event = _open(event)
    if end_time <= start_time:
        raise EventError(_("Jam selesai bertugas harus sesudah jam mulai."))
    steps.begin(event, 8)
    need, _created = EventTeamNeed.objects.update_or_create(
        event=event,
        role=role,
        defaults={
            "people": people,
            "start_time": start_time,
            "end_time": end_time,
            "note": note,
            "created_by": by,
        },
    )
    # A smaller need drops the most recent proposals beyond it.
    extra = list(need.assignments.filter(status=Status.PROPOSED).order_by("-id"))
    surplus = need.assignments.serving().count() - people
    for assignment in extra[: max(surplus, 0)]:
        assignment.delete()
    return need


@transaction.atomic
def remove_need(need, *, by) -> None:
    _open(need.event)
    need.delete()


@transaction.atomic
def propose_team(event, *, by) -> list[EventTeamAssignment]:
    """Fill every open place of every need by rotation (existing proposals stay)."""
    event = _open(event)
    needs = list(event.team_needs.all())
    if not needs:
        raise EventError(_("Belum ada kebutuhan Event Team yang dicatat CAN."))
    created, short = [], []
    for need in needs:
        open_places = need.people - need.assignments.serving().count()
        for _i in range(open_places):
            candidates = rotation_candidates(event, need.role)
            if not candidates:
                short.append(str(need.get_role_display()))
                break
            created.append(
                EventTeamAssignment.objects.create(
                    event=event, need=need, role=need.role, employee=candidates[0]
                )
            )
    if short:
        raise EventError(
            _("Anggota Event Team yang tersedia tidak cukup untuk: %(roles)s.")
            % {"roles": ", ".join(short)}
        )
    return created


@transaction.atomic
def confirm_team(event, *, by) -> int:
    """Step 8 output: the Event Team lead confirms the plan (every place filled)."""
    event = _open(event)
    needs = list(
        event.team_needs.annotate(
            filled=Count("assignments", filter=~Q(assignments__status=Status.SWAPPED))
        )
    )
    if not needs:
        raise EventError(_("Belum ada kebutuhan Event Team yang dicatat CAN."))
    unfilled = [str(n.get_role_display()) for n in needs if n.filled < n.people]
    if unfilled:
        raise EventError(
            _("Masih ada tempat kosong untuk: %(roles)s.") % {"roles": ", ".join(unfilled)}
        )
    count = event.team.filter(status=Status.PROPOSED).update(
        status=Status.CONFIRMED, confirmed_at=timezone.now(), decided_by=by
    )
    steps.finish(event, 8, by=by, note=_("Rencana Event Team dikonfirmasi"))
    return count


@transaction.atomic
def swap_member(assignment, *, employee, reason: str, by) -> EventTeamAssignment:
    """The lead puts another member in a place, with a reason; the old row stays as history."""
    event = _open(assignment.event)
    assignment = EventTeamAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status == Status.SWAPPED:
        raise EventError(_("Tugas ini sudah diganti sebelumnya."))
    if not reason.strip():
        raise EventError(_("Tuliskan alasan penggantian."))
    eligible = {p.pk for p in rotation_candidates(event, assignment.role)}
    if employee.pk not in eligible:
        raise EventError(
            _("%(name)s tidak dapat ditugaskan (bukan anggota, sudah bertugas, atau berhalangan).")
            % {"name": employee}
        )
    now = timezone.now()
    assignment.status, assignment.swapped_at = Status.SWAPPED, now
    assignment.swap_reason, assignment.decided_by = reason.strip(), by
    assignment.save(update_fields=["status", "swapped_at", "swap_reason", "decided_by"])
    replacement = EventTeamAssignment.objects.create(
        event=event, need=assignment.need, role=assignment.role, employee=employee
    )
    assignment.replaced_by = replacement
    assignment.save(update_fields=["replaced_by"])
    return replacement


@transaction.atomic
def mark_unavailable(event, *, employee, reason: str, by) -> TeamUnavailability:
    """A member cannot serve at this event: never proposed; a proposal of theirs is withdrawn."""
    event = _open(event)
    if not reason.strip():
        raise EventError(_("Tuliskan alasan berhalangan."))
    row, _created = TeamUnavailability.objects.update_or_create(
        event=event, employee=employee, defaults={"reason": reason.strip(), "created_by": by}
    )
    event.team.filter(employee=employee, status=Status.PROPOSED).delete()
    return row
