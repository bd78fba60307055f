"""Step 4's pages: opening the vote, the secret ballot, turnout, closing the vote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.confirm import confirm_page
from common.views import showing_refusal
from documents.external import external_letter_page

from .. import selectors
from ..forms import BallotForm
from ..models import Vote
from ..services import ballots, results
from .access import cycle_or_404, managed_vote, require


@login_required
@require_http_methods(["GET", "POST"])
def vote_open(request):
    """GET asks "Yakin ...?" (proposals close for good), POST opens the vote."""
    cycle = cycle_or_404(request)
    require(request, "voting.manage")
    if request.method == "GET":
        if (vote := selectors.vote_of(cycle)) is not None:
            return _already_done(request, vote)
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
@require_http_methods(["GET", "POST"])
def vote_open_external(request):
    """Step 4 opened with the letter signed elsewhere, registered in place of Serawai's."""
    cycle = cycle_or_404(request)
    require(request, "voting.manage")
    if request.method == "GET" and (vote := selectors.vote_of(cycle)) is not None:
        return _already_done(request, vote)
    return external_letter_page(
        request,
        office=cycle.province,
        title=_("Buka pemungutan suara dengan surat dari luar"),
        back_url=reverse("voting:results"),
        subject=_("Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s") % {"year": cycle.year},
        register=lambda letter: ballots.open_vote(cycle, by=request.user, external=letter),
    )


def _already_done(request, vote):
    """No "Yakin ...?" for an action the vote is already past (a reload, a bookmark, a second
    tab): the results page, with where the vote stands."""
    where = {
        Vote.Status.OPEN: _("Pemungutan suara sudah dibuka."),
        Vote.Status.CLOSED: _("Pemungutan suara sudah ditutup."),
        Vote.Status.ANNOUNCED: _("Hasil pemilihan tema sudah diumumkan."),
    }
    messages.info(request, where[vote.status])
    return redirect("voting:results")


@login_required
def ballot(request):
    """Step 4: tick the themes, check them once more on a confirmation, cast (final)."""
    cycle = cycle_or_404(request)
    vote = selectors.vote_of(cycle)
    if vote is None:  # the navigation links here all year: say when the vote comes
        return render(request, "voting/no_vote.html", {"cycle": cycle})
    voter = selectors.voter_for(vote, request.user)
    if voter is None:
        raise Http404
    on_ballot = selectors.ballot_proposals(vote, voter)
    cast_on = selectors.voted_on(vote, voter)
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
    cycle = cycle_or_404(request)
    vote = selectors.vote_of(cycle)
    if vote is None:
        raise Http404
    context = {"vote": vote}
    if vote.is_open:
        context["voters"], context["counted_at"] = ballots.voters_so_far(vote)
    else:
        rows = selectors.turnout(vote)
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
    vote = managed_vote(request)[1]
    if request.method == "GET":
        if not vote.is_open:
            return _already_done(request, vote)
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
