"""The programme dashboard (page, PDF, .xlsx) for the province's CAN and CC: read only, every
year side by side."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from documents.language import in_indonesian

from ..exports import dashboard as dashboard_exports
from ..exports.charts import dashboard_charts
from ..selectors.dashboard import programme_figures


def _dashboard(request):
    """The figures of the signed-in person's own province (no other province is ever read)."""
    if not request.user.has_perm("reports.view_dashboard"):
        raise PermissionDenied
    province = getattr(request.user, "province", None)
    if province is None:
        raise Http404
    return programme_figures(province)


@login_required
@require_safe
def dashboard(request):
    figures = _dashboard(request)
    return render(
        request,
        "reports/dashboard.html",
        {"dashboard": figures, "charts": dashboard_charts(figures)},
    )


@login_required
@require_safe
@in_indonesian
def dashboard_pdf(request):
    figures = _dashboard(request)
    context = {
        "dashboard": figures,
        "charts": dashboard_charts(figures),
        "office": figures.province,
        "printed": timezone.localdate(),
    }
    return dashboard_exports.dashboard_pdf_response(context)


@login_required
@require_safe
@in_indonesian
def dashboard_xlsx(request):
    return dashboard_exports.dashboard_xlsx_response(_dashboard(request))
