"""Writes of step 11's awards: the year's best presenter and best organiser, recorded once and
given an award certificate. The ranking itself is a read (evaluations.selectors.awards)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.certificates import issue_certificates
from documents.language import in_indonesian
from organization.models import Office, RoleAssignment

from ..models import Award
from ..selectors import awards
from .errors import EvaluationError


def _signatory(cycle, by):
    """The province's Change Champion signs award certificates; else the person issuing them."""
    assignment = (
        RoleAssignment.objects.current(year=cycle.year)
        .of_role(RoleAssignment.Role.CC)
        .filter(office=cycle.province)
        .select_related("employee")
        .first()
    )
    return assignment.employee if assignment else by


@in_indonesian
@transaction.atomic
def issue_award_certificates(*, cycle, kind: str, by):
    """Record the year's winner of an award (SOP step 11) and issue the award certificate.

    The winner is the first of the published ranking (evaluations.selectors.awards); an award is
    decided once per year and kind, so a second request is refused. Returns (award, certificates).
    """

    if kind not in Award.Kind.values:
        raise EvaluationError(_("Jenis penghargaan tidak dikenal."))
    if Award.objects.select_for_update().filter(cycle=cycle, kind=kind).exists():
        raise EvaluationError(_("Sertifikat penghargaan ini sudah diterbitkan."))
    ranking = (
        awards.best_presenter(cycle)
        if kind == Award.Kind.PRESENTER
        else awards.best_organizer(cycle)
    )
    winner = ranking["winner"]
    if winner is None:
        raise EvaluationError(
            _("Belum ada kandidat dengan sekurang-kurangnya %(min)d penilaian.")
            % {"min": ranking["min_ratings"]}
        )
    employee = (
        get_user_model().objects.filter(pk=winner.get("employee_id")).first()
        if winner.get("employee_id")
        else None
    )
    office = Office.objects.filter(pk=winner.get("office_id")).first()
    award = Award.objects.create(
        cycle=cycle,
        kind=kind,
        winner_name=winner["name"],
        employee=employee,
        office=office,
        score=round(winner["score"], 3),
        ratings=winner["n"],
        decided_by=by,
    )
    title = Award.Kind(kind).label
    certificates = issue_certificates(
        holders=[{"name": winner["name"], "employee": employee, "role_label": str(title)}],
        # Official documents are Indonesian whoever issues them; dated the day of the award.
        event_title=f"Serawai Tahun {cycle.year}",
        event_date=timezone.localdate(award.decided_at),
        issuer_office=cycle.province,
        signatory=_signatory(cycle, by),
        by=by,
        related=award,
        kind="award",
        award_title=str(title),
    )
    return award, certificates
