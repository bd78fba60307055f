"""Who is responsible for an open SOP step: the people a reminder or an overdue notice goes to.

Read from sop.py's `responsible` column and the role assignments of the step's year; the host
office of an event comes from the event itself. Once the responsible people have handed a step's
output in for approval (step 10's report to the CC), the open part is the approver's.
"""

from django.db.models import Q

from organization.models import Employee, RoleAssignment
from organization.roles import CAN_ROLES

from ..sop import Responsible

Role = RoleAssignment.Role


def _open_for(step) -> Responsible:
    """Whose part of `step` is open: its approver's once handed in, else its responsible's."""
    return step.sop.approver if step.awaits_approval else step.sop.responsible


def _owner(step):
    """(cycle, event or None) of a step record of any kind."""
    event = getattr(step, "event", None)
    cycle = event.cycle if event is not None else step.cycle
    return cycle, event


def responsible_people(step):
    """Active employees responsible for `step` in its cycle's year and province."""
    cycle, event = _owner(step)
    province = cycle.province
    roles = RoleAssignment.objects.current(year=cycle.year)
    host = event.host_office_id if event is not None else None
    who = _open_for(step)
    can = Q(role__in=CAN_ROLES, office=province)
    if who == Responsible.CAN:
        wanted = can
    elif who == Responsible.CAN_AND_CC:
        wanted = Q(role__in=(*CAN_ROLES, Role.CC), office=province)
    elif who == Responsible.CC:
        wanted = Q(role=Role.CC, office=province)
    elif who == Responsible.REGENCY_CA:
        wanted = Q(role=Role.CA, office__parent=province)
    elif who == Responsible.HOST_CA:
        wanted = Q(role=Role.CA, office=host) | can
    elif who == Responsible.CA_PROVINCE:
        wanted = Q(role=Role.CA, office__in=[province.pk, host])
    elif who == Responsible.EVENT_TEAM:
        wanted = Q(role=Role.EVENT_TEAM_LEAD, office=province) | can
    elif who == Responsible.EVERYONE:
        wanted = Q(role=Role.CA, office__in=[province.pk, host])
    else:  # the electorate is told by the vote's own messages, not by the sweep
        return Employee.objects.none()
    ids = roles.filter(wanted).values("employee_id")
    return Employee.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def regencies_held(held, user, province_id) -> set[int]:
    """The kab/kota offices of `province_id` where `held` (the roles of `user`) has a CA role, for
    `is_responsible`, without a query: roles count only in the person's own province
    (organization.roles), so there every CA office but the province office is one of its kab/kota
    offices; in another province, none."""
    own = getattr(user.province, "pk", None)
    return held.ca_offices - {province_id} if own == province_id else set()


def is_responsible(step, held, regency_ids, *, include_electorate=False) -> bool:
    """Whether a person holding `held` (organization.roles.HeldRoles of the step's year) is among
    `responsible_people(step)`, answered in memory (the home page checks every open step).

    `regency_ids` are the ids of the province's kab/kota offices. With `include_electorate`,
    the vote (step 4) counts as everyone's task.
    """
    cycle, event = _owner(step)
    province = cycle.province_id
    host = event.host_office_id if event is not None else None
    can = bool(held.offices_for(*CAN_ROLES) & {province})
    who = _open_for(step)
    if who == Responsible.CAN:
        return can
    if who == Responsible.CAN_AND_CC:
        return can or province in held.offices_for(Role.CC)
    if who == Responsible.CC:
        return province in held.offices_for(Role.CC)
    if who == Responsible.REGENCY_CA:
        return bool(held.offices_for(Role.CA) & set(regency_ids))
    if who == Responsible.HOST_CA:
        return host in held.offices_for(Role.CA) or can
    if who in (Responsible.CA_PROVINCE, Responsible.EVERYONE):
        return bool(held.offices_for(Role.CA) & {province, host})
    if who == Responsible.EVENT_TEAM:
        return province in held.offices_for(Role.EVENT_TEAM_LEAD) or can
    return include_electorate and who == Responsible.ELECTORATE
