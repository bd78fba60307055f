"""Who may do what in organisation matters (django-rules predicates shared by every app)."""

import rules

from .roles import held_roles


@rules.predicate
def is_can(user):
    return held_roles(user).is_can


@rules.predicate
def is_can_coordinator(user):
    return held_roles(user).is_can_coordinator


@rules.predicate
def is_cc(user):
    return held_roles(user).is_cc


@rules.predicate
def is_ca(user):
    return bool(held_roles(user).ca_offices)


@rules.predicate
def is_event_team(user):
    return held_roles(user).is_event_team


@rules.predicate
def is_event_team_lead(user):
    return held_roles(user).is_event_team_lead


@rules.predicate
def is_ca_of_office(user, office):
    return office is not None and held_roles(user).is_ca_of(office)


is_employee = rules.is_authenticated & rules.is_active

rules.add_perm("organization.import_employees", is_can | rules.is_superuser)
rules.add_perm("organization.view_directory", is_employee)
# Every CAN member sees who holds which role; only the coordinator (and the administrator, who
# manages accounts) gives and ends roles, so a member cannot remove the coordinator.
rules.add_perm("organization.view_roles", is_employee & (is_can | rules.is_superuser))
rules.add_perm("organization.manage_roles", is_employee & (is_can_coordinator | rules.is_superuser))
