"""Step 3's pages: the proposals of the kab/kota offices, reopening them, their export.
Thin: rule -> form -> service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page
from common.listing import filtered_page
from common.views import showing_refusal
from organization.roles import held_roles

from .. import exports, selectors
from ..filters import ProposalFilter
from ..forms import ProposalForm, ReopenForm
from ..models import ProposedSpeaker, ThemeProposal, Vote
from ..services import proposals
from .access import ca_office, cycle_or_404, proposal_or_404, require


@login_required
def proposal_list(request):
    return _proposal_list(request, cycle_or_404(request))


def _proposal_list(request, cycle, reopen_form=None, status=200):
    roles = held_roles(request.user, cycle.year)
    facts = selectors.window_facts(cycle)
    office = None if roles.is_can or facts["has_vote"] else ca_office(request, cycle)
    reopenings = selectors.proposal_reopenings(cycle) if facts["reopenings"] else []
    is_open, why, deadline = selectors.proposal_window(cycle, facts=facts)
    context = {
        "cycle": cycle,
        "vote": facts["has_vote"],
        "ballot_open": selectors.ballot_open(facts),
        "announced": facts["vote_status"] == Vote.Status.ANNOUNCED,
        "table": _proposal_table(request, cycle, office, editable=office is not None and is_open),
        "office": office,
        "is_open": is_open,
        "closed_reason": why,
        "deadline": deadline,  # shown only while the window is open
        "is_can": roles.is_can,
        "reopen_form": reopen_form or ReopenForm(),
        "reopenings": reopenings,
    }
    return render(request, "voting/proposal_list.html", context, status=status)


def _proposal_table(request, cycle, office, *, editable):
    """The filter form, one page of proposals and the page links."""
    rows = ThemeProposal.objects.filter(cycle=cycle).select_related("office")
    if office is not None:
        rows = rows.filter(office=office)
    # Only what the table shows of each speaker, in their order of entry, as a plain list
    # (a prefetched manager would build a queryset per row).
    names = ("proposal", "external_name", "external_institution", "employee__full_name")
    speakers = Prefetch(
        "speakers",
        queryset=ProposedSpeaker.objects.select_related("employee").only(*names).order_by("pk"),
        to_attr="speaker_list",
    )
    listing = filtered_page(
        request,
        ProposalFilter,
        rows.prefetch_related(speakers),
        province=cycle.province,
        single_office=office is not None,
    )
    context = {**listing, "office": office, "editable": editable}
    return render_to_string("voting/_proposal_table.html", context, request)


def _save_proposal(request, cycle, office, proposal=None):
    context = {"cycle": cycle, "office": office, "proposal": proposal}
    is_open, why = selectors.proposals_state(cycle)
    if request.method == "GET" and not is_open:
        # No form to fill in for nothing: the reason the list gives, and the way back to it. A
        # POST still gets its form back with the refusal, so what was typed is not lost.
        return render(request, "voting/proposal_form.html", {**context, "closed_reason": why})
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        instance=proposal,
        province=cycle.province,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with showing_refusal(request, form):
            proposals.save_proposal(
                cycle,
                office=office,
                by=request.user,
                title=data["title"],
                abstract=data["abstract"],
                relevance=data["relevance"],
                preferred_quarter=data["preferred_quarter"],
                speakers=data["speakers"],
                external_speakers=data["external_speakers"],
                proposal=proposal,
            )
            messages.success(request, _("Usulan tema disimpan."))
            return redirect("voting:proposals")
    return render(request, "voting/proposal_form.html", {**context, "form": form})


@login_required
def proposal_create(request):
    cycle = cycle_or_404(request)
    return _save_proposal(request, cycle, ca_office(request, cycle))


@login_required
def proposal_edit(request, pk):
    cycle = cycle_or_404(request)
    proposal = proposal_or_404(request, cycle, pk, "voting.change_themeproposal")
    return _save_proposal(request, cycle, proposal.office, proposal)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request, pk):
    """GET asks "Yakin ...?", POST withdraws the proposal."""
    cycle = cycle_or_404(request)
    proposal = proposal_or_404(request, cycle, pk, "voting.change_themeproposal")
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus usulan tema"),
            question=_("Yakin menghapus usulan tema “%(title)s” (%(office)s)?")
            % {"title": proposal.title, "office": proposal.office.short_name},
            consequences=[
                _("Usulan dan narasumbernya dihapus; tidak ikut pemungutan suara."),
                _("Selama pengusulan masih dibuka, kantor dapat mengusulkan tema lain."),
            ],
            action_label=_("Ya, hapus usulan"),
            cancel_url=reverse("voting:proposals"),
        )
    with showing_refusal(request):
        proposals.delete_proposal(proposal, by=request.user)
        messages.success(request, _("Usulan tema dihapus."))
    return redirect("voting:proposals")


@login_required
def proposal_detail(request, pk):
    cycle = cycle_or_404(request)
    proposal = proposal_or_404(request, cycle, pk, "voting.view_themeproposal")
    return render(request, "voting/proposal_detail.html", {"proposal": proposal, "cycle": cycle})


@login_required
@require_POST
def proposals_reopen(request):
    cycle = cycle_or_404(request)
    require(request, "voting.manage")
    form = ReopenForm(request.POST)
    if form.is_valid():
        with showing_refusal(request):  # shown even where the form is not
            proposals.reopen_proposals(cycle, by=request.user, **form.cleaned_data)
            messages.success(request, _("Pengusulan tema dibuka kembali."))
            return redirect("voting:proposals")
    # The list again, the date and reason as typed, with why they were refused.
    return _proposal_list(request, cycle, reopen_form=form, status=400)


@login_required
def proposals_export(request, fmt):
    cycle = cycle_or_404(request)
    require(request, "voting.manage")
    if fmt == "xlsx":
        return exports.proposals_xlsx(cycle)
    return exports.proposals_pdf_response(cycle, by=request.user)
