"""Who may do what in organisation matters (django-rules predicates shared by every app)."""

import rules

from .roles import held_roles


def _holds(role: str):
    """A predicate: the roles the person holds (organization.roles.held_roles) say `role`."""
    return rules.Predicate(lambda user: getattr(held_roles(user), role), name=role)


is_can = _holds("is_can")
is_can_coordinator = _holds("is_can_coordinator")
is_cc = _holds("is_cc")
is_event_team = _holds("is_event_team")
is_event_team_lead = _holds("is_event_team_lead")


@rules.predicate
def is_ca(user):
    return bool(held_roles(user).ca_offices)


is_employee = rules.is_authenticated & rules.is_active

# Permissions of SOP acts (proposing, opening a vote, rating an organiser, keeping attendance,
# approving a report, ...). Django grants a superuser every permission; these are held through
# an SOP role only (Employee.has_perm), so an administrator administers but does not act for
# the CAN, a CA or the CC.
SOP_ACTIONS: set[str] = set()


def add_sop_perm(name: str, predicate) -> None:
    SOP_ACTIONS.add(name)
    rules.add_perm(name, predicate)


rules.add_perm("organization.import_employees", is_can | rules.is_superuser)
rules.add_perm("organization.view_directory", is_employee)
# Every CAN member sees who holds which role; only the coordinator (and the administrator, who
# manages accounts) gives and ends roles, so a member cannot remove the coordinator.
rules.add_perm("organization.view_roles", is_employee & (is_can | rules.is_superuser))
rules.add_perm("organization.manage_roles", is_employee & (is_can_coordinator | rules.is_superuser))
