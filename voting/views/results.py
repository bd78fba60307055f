"""Step 5's pages: the results, the CAN's tie decision, hosts and dates, the announcement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.views import showing_refusal
from documents.external import external_letter_page
from organization.roles import held_roles

from .. import exports, selectors
from ..forms import SelectionForm, TieForm
from ..models import TieDecision, Vote
from ..services import ballots, results
from .access import cycle_or_404, managed_vote


@login_required
def results_page(request):
    return _results_page(request, cycle_or_404(request))


def _results_page(request, cycle, tie_form=None, status=200):
    vote = selectors.vote_of(cycle)
    roles = held_roles(request.user, cycle.year)
    if vote is None and not roles.is_can:  # linked all year: say when the vote comes
        return render(request, "voting/no_vote.html", {"cycle": cycle})
    context = {"cycle": cycle, "vote": vote, "is_can": roles.is_can}
    if vote is not None and vote.is_open:
        context["voters"], context["counted_at"] = ballots.voters_so_far(vote)
        context["letters"] = exports.letters_of(vote)
    if vote is not None and request.user.has_perm("voting.view_counts", vote):
        tally = selectors.tally(vote)
        decision = TieDecision.objects.filter(vote=vote).first()
        decided = set(decision.chosen.values_list("pk", flat=True)) if decision else set()
        context.update(
            tally=tally,
            voters=vote.voter_records.count(),
            selections=cycle.selected_themes.select_related("host_office", "event"),
            winners=None
            if vote.is_open
            else selectors.selected(tally, decided if decision else None),
            tie_decision=decision,
            decided=decided,
            letters=exports.letters_of(vote),
        )
        if tally.has_tie and roles.is_can:
            earlier = {"chosen": [str(pk) for pk in context["decided"]]} if decision else {}
            if decision:  # the form shows the decision taken, to change it
                earlier["reason"] = decision.reason
            context["tie_form"] = tie_form or TieForm(
                tied=tally.tied, seats=tally.open_seats, initial=earlier or None
            )
    return render(request, "voting/results.html", context, status=status)


@login_required
@require_POST
def tie_decide(request):
    cycle, vote = managed_vote(request)
    tally = selectors.tally(vote)
    if not tally.has_tie:
        messages.error(request, _("Tidak ada suara sama yang perlu diputuskan."))
        return redirect("voting:results")
    form = TieForm(request.POST, tied=tally.tied, seats=tally.open_seats)
    if form.is_valid():
        with showing_refusal(request, form):
            results.decide_tie(
                vote,
                by=request.user,
                chosen_ids=form.cleaned_data["chosen"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Keputusan suara sama dicatat."))
            return redirect("voting:results")
    # The results again, the choices and reason as typed, with why they were refused.
    return _results_page(request, cycle, tie_form=form, status=400)


@login_required
def selections(request):
    cycle, vote = managed_vote(request)
    if vote.status != Vote.Status.CLOSED:
        raise Http404
    winners = selectors.winners(vote)
    if winners is None:
        messages.error(request, _("Putuskan dulu usulan yang bersuara sama."))
        return redirect("voting:results")
    saved = {s.proposal_id: s for s in cycle.selected_themes.all()}
    earliest = selectors.earliest_event_date(vote)
    forms = [
        SelectionForm(
            request.POST if request.method == "POST" else None,
            province=cycle.province,
            winner=w,
            initial={
                "host_office": saved[w.proposal.pk].host_office_id
                if w.proposal.pk in saved
                else w.proposal.office_id,
                "host_change_reason": getattr(saved.get(w.proposal.pk), "host_change_reason", ""),
                "event_date": getattr(saved.get(w.proposal.pk), "event_date", earliest),
            },
        )
        for w in winners
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        entries = {f.winner.proposal.pk: f.cleaned_data for f in forms}
        try:
            results.save_selections(vote, by=request.user, entries=entries)
        except results.SelectionError as exc:
            for form in forms:
                for field, message in exc.errors.get(form.winner.proposal.pk, {}).items():
                    form.add_error(field, message)
        else:
            messages.success(request, _("Tuan rumah dan tanggal kegiatan disimpan."))
            return redirect("voting:results")
    return render(
        request,
        "voting/selections.html",
        {"cycle": cycle, "vote": vote, "forms": forms, "earliest": earliest},
    )


@login_required
@require_POST
def announce(request):
    vote = managed_vote(request)[1]
    with showing_refusal(request):
        letter = results.announce_results(vote, by=request.user)
        messages.success(
            request, _("Hasil diumumkan dengan surat %(number)s.") % {"number": letter.number}
        )
    return redirect("voting:results")


@login_required
@require_http_methods(["GET", "POST"])
def announce_external(request):
    """Step 5 announced with the letter signed elsewhere, registered in place of Serawai's."""
    cycle, vote = managed_vote(request)
    return external_letter_page(
        request,
        office=cycle.province,
        title=_("Umumkan hasil dengan surat dari luar"),
        back_url=reverse("voting:results"),
        subject=_("Hasil Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s")
        % {"year": cycle.year},
        register=lambda letter: results.announce_results(vote, by=request.user, external=letter),
    )
