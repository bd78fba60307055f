"""What programme roles a person holds now: read once per request and kept on the user object.

A role counts only in its own province: the province of the office it was assigned at. A person
acts on their own province, so an assignment at an office of any other province is not counted,
whatever the person's current office (someone moved from Aceh to Bengkulu is no CAN in Bengkulu
because they were one in Aceh).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from .models import RoleAssignment

Role = RoleAssignment.Role
CAN_ROLES = (Role.CAN_COORDINATOR, Role.CAN_MEMBER)
EVENT_TEAM_ROLES = (Role.EVENT_TEAM_LEAD, Role.EVENT_TEAM)


@dataclass(frozen=True)
class HeldRoles:
    roles: frozenset = field(default_factory=frozenset)  # {(role, office_id)}
    labels: tuple = ()  # (role, office short name) of each, for the home page

    def has(self, *roles) -> bool:
        return any(role in roles for role, _office in self.roles)

    def offices_for(self, *roles) -> set[int]:
        return {office for role, office in self.roles if role in roles}

    @property
    def is_can(self) -> bool:
        return self.has(*CAN_ROLES)

    @property
    def is_can_coordinator(self) -> bool:
        return self.has(Role.CAN_COORDINATOR)

    @property
    def is_cc(self) -> bool:
        return self.has(Role.CC)

    @property
    def is_event_team(self) -> bool:
        return self.has(*EVENT_TEAM_ROLES)

    @property
    def is_event_team_lead(self) -> bool:
        return self.has(Role.EVENT_TEAM_LEAD)

    @property
    def ca_offices(self) -> set[int]:
        return self.offices_for(Role.CA)

    def is_ca_of(self, office) -> bool:
        office_id = getattr(office, "pk", office)
        return office_id in self.ca_offices


def _person(user):
    """The Employee behind request.user's lazy wrapper: the views, the rules and the templates
    then keep the roles on one object, read once per request."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def held_roles(user, year=None) -> HeldRoles:
    """The roles `user` holds in `year` (default: the current year), kept on the user object for
    the rest of the request."""
    if user is None or not user.is_authenticated:
        return HeldRoles()
    user = _person(user)
    year = year or timezone.localdate().year
    cache = user.__dict__.setdefault("_serawai_roles", {})
    if year not in cache:
        rows = in_own_province(RoleAssignment.objects.current(year=year), user)
        rows = list(rows.values_list("role", "office_id", "office__short_name"))
        cache[year] = HeldRoles(
            frozenset((role, office) for role, office, _name in rows),
            tuple((role, name) for role, _office, name in rows),
        )
    return cache[year]


def in_own_province(assignments, user):
    """`assignments` of `user` made at an office of the province `user` works in now."""
    province = user.province
    if province is None:
        return assignments.none()
    return assignments.filter(employee=user).filter(Q(office=province) | Q(office__parent=province))


def role_labels(user) -> list[tuple[str, str]]:
    """(role, office short name) of the roles `user` holds this year, for the home page."""
    return list(held_roles(user).labels)
