"""Who may do what in the cycle: the CAN plans the year, edits the calendar; everyone reads.

Headquarters (an employee of BPS RI, office 0000, or a superuser) reads every province's cycle;
a province's people see their own province's cycle only."""

import rules

from organization.models import Office
from organization.rules import is_can, is_employee

can_plan = is_employee & (is_can | rules.is_superuser)

rules.add_perm("cycles.view_timeline", is_employee)
rules.add_perm("cycles.view_calendar", is_employee)
rules.add_perm("cycles.manage_calendar", can_plan)
rules.add_perm("cycles.manage_cycle", can_plan)


@rules.predicate
def is_headquarters(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    office = user.office if user.office_id else None
    return office is not None and office.level == Office.Level.NATIONAL


@rules.predicate
def is_in_cycle_province(user, cycle):
    return cycle is not None and user.is_authenticated and user.province == cycle.province


rules.add_perm("cycles.view_national", is_headquarters)
rules.add_perm("cycles.view_cycle", is_headquarters | is_in_cycle_province)
