"""Step 8: the Event Team page (needs, rotation proposal, confirm/swap) and the history."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page, is_confirmed
from common.listing import filtered_page
from common.views import attempt

from ..filters import TeamHistoryFilter
from ..forms import SwapForm, TeamNeedForm, UnavailableForm
from ..models import EventTeamAssignment, EventTeamNeed
from ..rules import _province_id
from ..services import team as team_services
from .common import get_event


def _forms(event, data=None):
    return {
        "need_form": TeamNeedForm(
            data, initial={"start_time": event.start_time, "end_time": event.end_time}
        ),
        "unavailable_form": UnavailableForm(data, members=team_services.team_members(event)),
    }


@login_required
def team(request, pk):
    return _team_page(request, get_event(request, pk))


def _team_page(request, event, status=200, **forms):
    """The Event Team page; `forms`: a refused form shown again with what was typed."""
    user = request.user
    may_record = user.has_perm("events.record_team_needs", event)
    may_decide = user.has_perm("events.decide_team", event)
    context = {
        "event": event,
        "needs": list(event.team_needs.all()),
        "assignments": list(
            event.team.select_related("employee__office", "decided_by").order_by("role", "id")
        ),
        "unavailable": list(event.unavailable.select_related("employee")),
        "may_record": may_record,
        "may_decide": may_decide,
        "may_propose": may_record or may_decide,
        "step": event.steps.select_related("completed_by").get(number=8),
        **_forms(event),
        **forms,
    }
    return render(request, "events/team.html", context, status=status)


@login_required
@require_POST
def team_need(request, pk):
    event = get_event(request, pk, "events.record_team_needs")
    form = TeamNeedForm(request.POST)
    if form.is_valid() and attempt(
        request,
        lambda: team_services.record_need(event, by=request.user, **form.cleaned_data),
        _("Kebutuhan Event Team dicatat."),
        form,
    ):
        return redirect("events:team", pk=event.pk)
    return _team_page(request, event, status=400, need_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def team_need_remove(request, pk, need_pk):
    """GET asks "Yakin ...?", POST removes the need (and the members proposed for it)."""
    event = get_event(request, pk, "events.record_team_needs")
    need = get_object_or_404(EventTeamNeed, pk=need_pk, event=event)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus kebutuhan Event Team"),
            question=_("Yakin menghapus kebutuhan %(role)s untuk %(event)s?")
            % {"role": need.get_role_display(), "event": event},
            consequences=[
                _("Anggota yang diusulkan atau ditugaskan untuk peran ini ikut dihapus.")
                if need.assignments.exists()
                else ""
            ],
            action_label=_("Ya, hapus kebutuhan"),
            cancel_url=reverse("events:team", args=[event.pk]),
        )
    attempt(
        request, lambda: team_services.remove_need(need, by=request.user), _("Kebutuhan dihapus.")
    )
    return redirect("events:team", pk=event.pk)


@login_required
@require_POST
def team_propose(request, pk):
    event = get_event(request, pk)
    user = request.user
    if not (
        user.has_perm("events.record_team_needs", event)
        or user.has_perm("events.decide_team", event)
    ):
        raise PermissionDenied
    attempt(
        request,
        lambda: team_services.propose_team(event, by=user),
        _("Anggota diusulkan menurut rotasi."),
    )
    return redirect("events:team", pk=event.pk)


@login_required
@require_POST
def team_confirm(request, pk):
    event = get_event(request, pk, "events.decide_team")
    attempt(
        request,
        lambda: team_services.confirm_team(event, by=request.user),
        _("Rencana Event Team dikonfirmasi."),
    )
    return redirect("events:team", pk=event.pk)


@login_required
def team_swap(request, pk, assignment_pk):
    event = get_event(request, pk, "events.decide_team")
    assignment = get_object_or_404(
        EventTeamAssignment.objects.select_related("employee"), pk=assignment_pk, event=event
    )
    candidates = team_services.rotation_candidates(event, assignment.role)
    form = SwapForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        if attempt(
            request,
            lambda: team_services.swap_member(
                assignment,
                employee=form.cleaned_data["employee"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            ),
            _("Anggota diganti."),
            form,
        ):
            return redirect("events:team", pk=event.pk)
    return render(
        request,
        "events/team_swap.html",
        {"event": event, "assignment": assignment, "form": form, "candidates": candidates},
    )


@login_required
@require_POST
def team_unavailable(request, pk):
    event = get_event(request, pk, "events.decide_team")
    form = UnavailableForm(request.POST, members=team_services.team_members(event))
    if form.is_valid():
        employee = form.cleaned_data["employee"]
        if not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Catat berhalangan"),
                question=_("Yakin mencatat %(name)s berhalangan pada %(event)s?")
                % {"name": employee.full_name, "event": event},
                consequences=[
                    _("Alasan: %(reason)s") % {"reason": form.cleaned_data["reason"]},
                    _("Usulan penugasannya untuk kegiatan ini ditarik dan tidak diusulkan lagi."),
                ],
                action_label=_("Ya, catat berhalangan"),
                cancel_url=reverse("events:team", args=[event.pk]),
                carry=request.POST,
            )
        if attempt(
            request,
            lambda: team_services.mark_unavailable(event, by=request.user, **form.cleaned_data),
            _("Anggota dicatat berhalangan."),
            form,
        ):
            return redirect("events:team", pk=event.pk)
    return _team_page(request, event, status=400, unavailable_form=form)


@login_required
def team_history(request):
    if not request.user.has_perm("events.view_team_history"):
        raise PermissionDenied
    province_id = _province_id(request.user)
    rows = (
        EventTeamAssignment.objects.filter(
            event__cycle__province_id=province_id,
            status=EventTeamAssignment.Status.CONFIRMED,
        )
        .select_related("employee", "event__host_office")
        .order_by("-event__date", "role", "pk")
    )
    context = filtered_page(request, TeamHistoryFilter, rows, province_id=province_id)
    return render(request, "events/team_history.html", context)
