"""Who may do what in the cycle: the CAN plans the year, edits the calendar; everyone reads."""

import rules

from organization.rules import is_can, is_employee

can_plan = is_employee & (is_can | rules.is_superuser)

rules.add_perm("cycles.view_timeline", is_employee)
rules.add_perm("cycles.view_calendar", is_employee)
rules.add_perm("cycles.manage_calendar", can_plan)
rules.add_perm("cycles.manage_cycle", can_plan)
