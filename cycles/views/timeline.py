"""The timeline of the cycle, creating and re-planning a cycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import CycleCreateForm, ReplanForm
from ..models import Cycle
from ..selectors.cycles import CHOSEN_YEAR, current_cycle
from ..selectors.timeline import cycle_sections
from ..services import cycle as cycle_services


@login_required
@permission_required("cycles.view_timeline", raise_exception=True)
def timeline(request):
    province = request.user.province
    years = (
        list(
            Cycle.objects.filter(province=province).order_by("-year").values_list("year", flat=True)
        )
        if province
        else []
    )
    chosen = request.GET.get("year", "")
    if chosen:  # the year switcher: remembered for every page of the programme
        if chosen.isdigit() and int(chosen) in years:
            request.session[CHOSEN_YEAR] = int(chosen)
        return redirect("cycles:timeline")
    cycle = current_cycle(request.user)
    sections = cycle_sections(cycle) if cycle else []
    can_plan = request.user.has_perm("cycles.manage_cycle")
    return render(
        request,
        "cycles/timeline.html",
        {
            "cycle": cycle,
            "sections": sections,
            "can_plan": can_plan,
            "years": years,
            "past": cycle is not None and cycle.year < timezone.localdate().year,
        },
    )


@login_required
@permission_required("cycles.manage_cycle", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    province = request.user.province
    if province is None:
        raise Http404
    form = CycleCreateForm(request.POST or None, province=province)
    if form.is_valid():
        data = form.cleaned_data
        cycle = cycle_services.create_cycle(
            province=province,
            year=data["year"],
            start_date=data["start_date"],
            themes_to_select=data["themes_to_select"],
            proposals_per_office=data["proposals_per_office"],
            by=request.user,
        )
        messages.success(request, _("Siklus Serawai %(year)s dibuat.") % {"year": cycle.year})
        request.session[CHOSEN_YEAR] = cycle.year  # the CAN goes on with the new cycle
        return redirect("cycles:timeline")
    existing = current_cycle(request.user)
    return render(request, "cycles/cycle_form.html", {"form": form, "existing": existing})


@login_required
@permission_required("cycles.manage_cycle", raise_exception=True)
@require_http_methods(["GET", "POST"])
def cycle_replan(request):
    cycle = current_cycle(request.user)
    if cycle is None:
        raise Http404
    form = ReplanForm(request.POST or None, cycle=cycle)
    if form.is_valid():
        changed = cycle_services.replan_cycle(
            cycle,
            from_step=form.cleaned_data["from_step"],
            start=form.cleaned_data["start"],
            by=request.user,
        )
        messages.success(request, _("%(n)d langkah dijadwalkan ulang.") % {"n": len(changed)})
        return redirect("cycles:timeline")
    return render(request, "cycles/replan_form.html", {"form": form, "cycle": cycle})
