"""Writes of the organization app: programme roles per year, kept as history.

A role is never deleted: ending it records the day and who ended it, so past holders stay
visible (SOP: the CAN, CAs, CC and Event Team change from year to year).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Office, RoleAssignment

Role = RoleAssignment.Role
PROVINCE_ROLES = (
    Role.CAN_COORDINATOR,
    Role.CAN_MEMBER,
    Role.CC,
    Role.EVENT_TEAM_LEAD,
    Role.EVENT_TEAM,
)


def check_assignment(*, employee, role: str, office: Office, year: int) -> None:
    """Raise ValidationError (with a message for the form) when the assignment makes no sense."""
    province = office.province
    if province is None:
        raise ValidationError(_("Peran hanya dapat diberikan di kantor provinsi atau kab/kota."))
    if role in PROVINCE_ROLES and office.level != Office.Level.PROVINCE:
        raise ValidationError(
            _("%(role)s dijalankan di BPS Provinsi, bukan di %(office)s.")
            % {"role": Role(role).label, "office": office.short_name}
        )
    if employee.province is None or employee.province.pk != province.pk:
        raise ValidationError(
            _("%(name)s bukan pegawai provinsi %(province)s.")
            % {"name": employee.full_name, "province": province.short_name}
        )
    if role == Role.CA and office.is_regency and employee.office_id != office.pk:
        raise ValidationError(
            _("CA kabupaten/kota harus pegawai kantor itu sendiri (%(office)s).")
            % {"office": office.short_name}
        )
    taken = RoleAssignment.objects.filter(
        employee=employee, role=role, office=office, year=year, ended_on__isnull=True
    )
    if taken.exists():
        raise ValidationError(
            _("%(name)s sudah memegang peran ini pada %(year)d.")
            % {"name": employee.full_name, "year": year}
        )
    if role == Role.CAN_COORDINATOR:
        other = (
            RoleAssignment.objects.filter(
                role=role, office=office, year=year, ended_on__isnull=True
            )
            .select_related("employee")
            .first()
        )
        if other is not None:
            raise ValidationError(
                _("Koordinator CAN %(year)d sudah ada (%(name)s); akhiri dulu perannya.")
                % {"year": year, "name": other.employee.full_name}
            )


@transaction.atomic
def assign_role(*, employee, role: str, office: Office, year: int, by, note: str = ""):
    """Give `employee` a programme role in `office` for `year`, recording who and when."""
    check_assignment(employee=employee, role=role, office=office, year=year)
    return RoleAssignment.objects.create(
        employee=employee,
        role=role,
        office=office,
        year=year,
        note=note.strip()[:200],
        created_by=by,
        created_at=timezone.now(),
    )


@transaction.atomic
def end_role(
    assignment: RoleAssignment, *, by, on: date | None = None, reason: str = ""
) -> RoleAssignment:
    """End a role from `on` (default today): it stays in the history with who ended it."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is None:
        assignment.ended_on = on or timezone.localdate()
        assignment.ended_by = by
        assignment.end_reason = reason.strip()[:200]
        assignment.save(update_fields=["ended_on", "ended_by", "end_reason"])
    return assignment


@transaction.atomic
def end_roles_outside_province(employee, *, by) -> list[RoleAssignment]:
    """After `employee` moved office: end today every open role of theirs at an office outside
    their (new) province, with who and why, so the roles they held there stay in the history
    but give no power in a province they no longer work for."""
    province = employee.province
    open_roles = RoleAssignment.objects.filter(employee=employee, ended_on__isnull=True)
    if province is not None:
        open_roles = open_roles.exclude(office=province).exclude(office__parent=province)
    where = employee.office.short_name if employee.office_id else "-"
    reason = _("Pindah ke %(office)s") % {"office": where}
    return [end_role(a, by=by, reason=reason) for a in open_roles.select_related("office")]
