"""The year's awards page (the published ranking) and the issuing of award certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.views import showing_refusal

from ..models import Award, PresenterEvaluation
from ..selectors import awards
from ..services.awards import issue_award_certificates
from .common import cycle_for, require


@login_required
def awards_page(request, year):
    require(request, "evaluations.view_awards")
    cycle = cycle_for(request, year)
    issued = {a.kind: a for a in Award.objects.filter(cycle=cycle)}
    still_open = PresenterEvaluation.objects.filter(
        event__cycle=cycle, closes_on__gte=timezone.localdate(), mixed_at__isnull=True
    ).order_by("-closes_on")
    sections = [
        (Award.Kind.PRESENTER, awards.best_presenter(cycle)),
        (Award.Kind.ORGANIZER, awards.best_organizer(cycle)),
    ]
    return render(
        request,
        "evaluations/awards.html",
        {
            "cycle": cycle,
            "sections": [
                {"kind": kind, "label": kind.label, "ranking": r, "award": issued.get(kind)}
                for kind, r in sections
            ],
            "can_issue": request.user.has_perm("evaluations.issue_award_certificates"),
            "open_forms": still_open.count(),
            "last_closing": still_open.values_list("closes_on", flat=True).first(),
        },
    )


@login_required
@require_POST
def issue_award(request, year, kind):
    require(request, "evaluations.issue_award_certificates")
    cycle = cycle_for(request, year)
    if kind not in Award.Kind.values:
        raise Http404
    with showing_refusal(request):
        award, certificates = issue_award_certificates(cycle=cycle, kind=kind, by=request.user)
        messages.success(
            request,
            _("Sertifikat %(award)s untuk %(name)s diterbitkan.")
            % {"award": award.get_kind_display(), "name": award.winner_name},
        )
    return redirect("evaluations:awards", year=year)
