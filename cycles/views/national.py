"""Headquarters' national overview and the read-only ledger of one province's cycle."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from common.listing import filtered_page
from organization.models import Office

from ..filters import NationalFilter
from ..models import Cycle, CycleStep
from ..selectors.national import cycle_years, cycles_with_progress


@never_cache
def healthz(request):
    """Liveness for monitoring (and bench/http.py's wait for gunicorn): no database, no session."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def national_overview(request):
    if not request.user.has_perm("cycles.view_national"):
        raise Http404
    years = cycle_years()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    steps = Prefetch("steps", queryset=CycleStep.objects.order_by("number"))
    cycles = cycles_with_progress(year).prefetch_related(steps)
    context = filtered_page(request, NationalFilter, cycles)
    return render(
        request,
        "cycles/national.html",
        {
            **context,
            "year": year,
            "years": years,
            "province_count": Office.objects.provinces().count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def cycle_detail(request, pk):
    cycle = get_object_or_404(Cycle.objects.select_related("province"), pk=pk)
    if not request.user.has_perm("cycles.view_cycle", cycle):
        raise Http404
    steps = cycle.steps.select_related("completed_by").order_by("number")
    return render(
        request,
        "cycles/cycle_detail.html",
        {"cycle": cycle, "steps": steps, "today": timezone.localdate()},
    )
