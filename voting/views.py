"""Pages of steps 3-5: proposals, the ballot, turnout, results. Thin: rule -> form -> service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page
from common.listing import filtered_page
from common.views import showing_refusal
from cycles.selectors.cycles import current_cycle
from documents.external import external_letter_page
from organization.models import Office
from organization.roles import held_roles

from . import ballots, exports, proposals, results
from .filters import ProposalFilter
from .forms import BallotForm, ProposalForm, ReopenForm, SelectionForm, TieForm
from .models import ProposedSpeaker, ThemeProposal, TieDecision, Vote
from .selectors import proposal_reopenings, vote_of


def _cycle(request):
    cycle = current_cycle(request.user)
    if cycle is None:
        raise Http404
    return cycle


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise Http404


def _ca_office(request, cycle):
    """The kab/kota office the signed-in CA proposes for (404 for anyone else)."""
    ids = held_roles(request.user, cycle.year).ca_offices
    office = Office.objects.regencies().filter(parent=cycle.province, pk__in=ids).first()
    if office is None:
        raise Http404
    return office


def _vote(cycle):
    return vote_of(cycle)


def _proposal(request, cycle, pk, perm):
    proposal = get_object_or_404(ThemeProposal.objects.select_related("office"), pk=pk, cycle=cycle)
    _require(request, perm, proposal)
    return proposal


@login_required
def proposal_list(request):
    return _proposal_list(request, _cycle(request))


def _proposal_list(request, cycle, reopen_form=None, status=200):
    roles = held_roles(request.user, cycle.year)
    facts = proposals.window_facts(cycle)
    office = None if roles.is_can or facts["has_vote"] else _ca_office(request, cycle)
    reopenings = proposal_reopenings(cycle) if facts["reopenings"] else []
    is_open, why, deadline = proposals.proposal_window(cycle, facts=facts)
    context = {
        "cycle": cycle,
        "vote": facts["has_vote"],
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
    # Only what the table shows of each speaker, in their order of entry.
    names = ("proposal", "external_name", "external_institution", "employee__full_name")
    speakers = Prefetch(
        "speakers",
        queryset=ProposedSpeaker.objects.select_related("employee").only(*names).order_by("pk"),
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
    return render(
        request,
        "voting/proposal_form.html",
        {"form": form, "cycle": cycle, "office": office, "proposal": proposal},
    )


@login_required
def proposal_create(request):
    cycle = _cycle(request)
    return _save_proposal(request, cycle, _ca_office(request, cycle))


@login_required
def proposal_edit(request, pk):
    cycle = _cycle(request)
    proposal = _proposal(request, cycle, pk, "voting.change_themeproposal")
    return _save_proposal(request, cycle, proposal.office, proposal)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request, pk):
    """GET asks "Yakin ...?", POST withdraws the proposal."""
    cycle = _cycle(request)
    proposal = _proposal(request, cycle, pk, "voting.change_themeproposal")
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
    cycle = _cycle(request)
    proposal = _proposal(request, cycle, pk, "voting.view_themeproposal")
    return render(request, "voting/proposal_detail.html", {"proposal": proposal, "cycle": cycle})


@login_required
@require_POST
def proposals_reopen(request):
    cycle = _cycle(request)
    _require(request, "voting.manage")
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
    cycle = _cycle(request)
    _require(request, "voting.manage")
    if fmt == "xlsx":
        return exports.proposals_xlsx(cycle)
    return exports.proposals_pdf(cycle, by=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def vote_open(request):
    """GET asks "Yakin ...?" (proposals close for good), POST opens the vote."""
    cycle = _cycle(request)
    _require(request, "voting.manage")
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Tutup pengusulan dan buka pemungutan suara"),
            question=_("Yakin menutup pengusulan tema dan membuka pemungutan suara?"),
            consequences=[
                _("Usulan tema tidak dapat lagi ditambah, diubah atau dihapus."),
                _("Surat Pemilihan Tema diterbitkan dan seluruh pemilih diberi tahu."),
            ],
            action_label=_("Ya, buka pemungutan suara"),
            cancel_url=reverse("voting:proposals"),
            danger=False,
        )
    with showing_refusal(request):
        ballots.open_vote(cycle, by=request.user)
        messages.success(request, _("Pemungutan suara dibuka; surat pemilihan tema diterbitkan."))
    return redirect("voting:results")


@login_required
def ballot(request):
    """Step 4: tick the themes, check them once more on a confirmation, cast (final)."""
    cycle = _cycle(request)
    vote = _vote(cycle)
    if vote is None:  # the navigation links here all year: say when the vote comes
        return render(request, "voting/no_vote.html", {"cycle": cycle})
    voter = ballots.voter_for(vote, request.user)
    if voter is None:
        raise Http404
    on_ballot = ballots.ballot_proposals(vote, voter)
    cast_on = ballots.voted_on(vote, voter)
    posted = request.method == "POST"
    form = BallotForm(
        request.POST if posted else None, proposals=on_ballot, max_choices=vote.choices_per_ballot
    )
    confirming = False
    if posted and cast_on is not None:
        messages.info(request, _("Anda sudah memberikan suara; suara tidak dapat diubah."))
        return redirect("voting:ballot")
    if posted and not vote.is_open:
        form.add_error(None, _("Pemungutan suara sudah ditutup."))
    elif posted and form.is_valid() and not request.POST.get("back"):
        chosen = form.cleaned_data["choices"]
        with showing_refusal(request, form):
            if request.POST.get("confirmed") == "yes":
                ballots.cast_ballot(vote, voter=voter, proposal_ids=chosen)
            else:
                ballots.check_ballot(vote, voter=voter, proposal_ids=chosen)
                confirming = True
            if not confirming:
                messages.success(
                    request, _("Suara Anda tersimpan secara rahasia. Terima kasih telah memilih.")
                )
                return redirect("voting:ballot")
    return render(
        request,
        "voting/ballot.html",
        {
            "vote": vote,
            "voter": voter,
            "form": form,
            "confirming": confirming,
            "chosen": form.chosen_entries() if confirming else [],
            "summaries": mark_safe("".join(p.summary for p in on_ballot)),  # format_html
            "voted_on": cast_on,
        },
    )


@login_required
def turnout(request):
    """Per-office turnout, once the vote is closed; while it is open, only the number of
    voters, counted at most once an hour."""
    cycle = _cycle(request)
    vote = _vote(cycle)
    if vote is None:
        raise Http404
    context = {"vote": vote}
    if vote.is_open:
        context["voters"], context["counted_at"] = ballots.voters_so_far(vote)
    else:
        rows = ballots.turnout(vote)
        context.update(
            rows=rows,
            voted=sum(r.voted for r in rows),
            eligible=sum(r.eligible for r in rows),
        )
    return render(request, "voting/turnout.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vote_close(request):
    """GET asks "Yakin ...?", POST closes the vote (step 4 done)."""
    cycle = _cycle(request)
    _require(request, "voting.manage")
    vote = _vote(cycle)
    if vote is None:
        raise Http404
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Tutup pemungutan suara"),
            question=_("Yakin menutup pemungutan suara sekarang (batas waktu %(date)s)?")
            % {"date": date_format(vote.closes_on)},
            consequences=[
                _("Tidak ada lagi yang dapat memberikan atau mengubah suara."),
                _("Hasil hitungan terlihat oleh semua orang dan langkah 4 dicatat selesai."),
            ],
            action_label=_("Ya, tutup pemungutan suara"),
            cancel_url=reverse("voting:results"),
        )
    with showing_refusal(request):
        results.close_vote(vote, by=request.user)
        messages.success(request, _("Pemungutan suara ditutup; langkah 4 selesai."))
    return redirect("voting:results")


@login_required
def results_page(request):
    return _results_page(request, _cycle(request))


def _results_page(request, cycle, tie_form=None, status=200):
    vote = _vote(cycle)
    roles = held_roles(request.user, cycle.year)
    if vote is None and not roles.is_can:  # linked all year: say when the vote comes
        return render(request, "voting/no_vote.html", {"cycle": cycle})
    context = {"cycle": cycle, "vote": vote, "is_can": roles.is_can}
    if vote is not None and vote.is_open:
        context["voters"], context["counted_at"] = ballots.voters_so_far(vote)
        context["letters"] = exports.letters_of(vote)
    if vote is not None and request.user.has_perm("voting.view_counts", vote):
        tally = results.tally(vote)
        context.update(
            tally=tally,
            voters=vote.voter_records.count(),
            selections=cycle.selected_themes.select_related("host_office", "event"),
            winners=results.winners(vote) if not vote.is_open else None,
            tie_decision=(decision := TieDecision.objects.filter(vote=vote).first()),
            decided=set(decision.chosen.values_list("pk", flat=True)) if decision else set(),
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
    cycle = _cycle(request)
    _require(request, "voting.manage")
    vote = _vote(cycle)
    if vote is None:
        raise Http404
    tally = results.tally(vote)
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
    cycle = _cycle(request)
    _require(request, "voting.manage")
    vote = _vote(cycle)
    if vote is None or vote.status != Vote.Status.CLOSED:
        raise Http404
    winners = results.winners(vote)
    if winners is None:
        messages.error(request, _("Putuskan dulu usulan yang bersuara sama."))
        return redirect("voting:results")
    saved = {s.proposal_id: s for s in cycle.selected_themes.all()}
    earliest = results.earliest_event_date(vote)
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
    cycle = _cycle(request)
    _require(request, "voting.manage")
    vote = _vote(cycle)
    if vote is None:
        raise Http404
    with showing_refusal(request):
        letter = results.announce_results(vote, by=request.user)
        messages.success(
            request, _("Hasil diumumkan dengan surat %(number)s.") % {"number": letter.number}
        )
    return redirect("voting:results")


@login_required
@require_http_methods(["GET", "POST"])
def vote_open_external(request):
    """Step 4 opened with the letter signed elsewhere, registered in place of Serawai's."""
    cycle = _cycle(request)
    _require(request, "voting.manage")
    return external_letter_page(
        request,
        office=cycle.province,
        title=_("Buka pemungutan suara dengan surat dari luar"),
        back_url=reverse("voting:results"),
        subject=_("Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s") % {"year": cycle.year},
        register=lambda letter: ballots.open_vote(cycle, by=request.user, external=letter),
    )


@login_required
@require_http_methods(["GET", "POST"])
def announce_external(request):
    """Step 5 announced with the letter signed elsewhere, registered in place of Serawai's."""
    cycle = _cycle(request)
    _require(request, "voting.manage")
    vote = _vote(cycle)
    if vote is None:
        raise Http404
    return external_letter_page(
        request,
        office=cycle.province,
        title=_("Umumkan hasil dengan surat dari luar"),
        back_url=reverse("voting:results"),
        subject=_("Hasil Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s")
        % {"year": cycle.year},
        register=lambda letter: results.announce_results(vote, by=request.user, external=letter),
    )
