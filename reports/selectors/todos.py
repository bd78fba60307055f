"""The activity reports waiting for the CC's decision, for the home page
(cycles.selectors.home.register_todos)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cycles.planning import quarter_end
from cycles.selectors.home import Todo
from organization.models import RoleAssignment
from organization.roles import held_roles

from ..models import ActivityReport
from ..rules import is_cc_of_report
from .assembly import quarter_bounds


def approval_todos(user, today) -> list[Todo]:
    """Asked of this year's CC only, so the home page reads no reports for anyone else."""
    province = getattr(user, "province", None)
    if province is None or not held_roles(user, today.year).offices_for(RoleAssignment.Role.CC):
        return []
    waiting = ActivityReport.objects.filter(
        status=ActivityReport.Status.SUBMITTED, cycle__province=province
    ).select_related("cycle")
    return [
        Todo(
            _("Periksa dan setujui: %(title)s") % {"title": report.title},
            reverse("reports:detail", args=[report.pk]),
            quarter_end(quarter_bounds(report.cycle.year, report.quarter)[0]),
            _("Diajukan untuk disetujui CC."),
        )
        for report in waiting
        if is_cc_of_report(user, report)
    ]
