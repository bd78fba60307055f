"""Reads of steps 1-2: who signs the cycle's letters, the kab/kota CAs, the socialisation letter."""

from organization.models import Employee, RoleAssignment

from ..models import Concept, Cycle

Role = RoleAssignment.Role


def signatory_for(cycle: Cycle, fallback=None):
    """Who signs the cycle's letters: the province's CC (its head), else `fallback`."""
    ids = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role=Role.CC, office=cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True).first() or fallback


def regency_cas(cycle: Cycle):
    """Active CAs of the kab/kota offices of the cycle's province."""
    ids = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role=Role.CA, office__parent=cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True)


def socialisation_letter(concept: Concept):
    from documents.models import Letter

    return (
        Letter.objects.for_object(concept)
        .filter(kind=Letter.Kind.SOCIALISATION)
        .issued()
        .order_by("-pk")
        .first()
    )
