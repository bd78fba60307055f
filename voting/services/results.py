"""Step 4's close and step 5: closing the vote, the CAN's tie decision, hosts and event dates of the
selected themes, and the announcement that creates their events (via `themes_announced`)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.errors import ServiceError
from cycles import planning
from cycles.calendar import WorkingCalendar
from cycles.selectors.concept import regency_cas
from cycles.services import cycle as cycle_services
from notifications import kinds
from notifications.services import notify
from organization.models import Employee

from ..models import SelectedTheme, TieDecision, Vote
from ..selectors import can_people, not_before, tally, winners
from ..signals import themes_announced
from . import ballots
from .ballots import VoteError


def close_vote(vote: Vote, *, by) -> Vote:
    """Step 4 done: the CAN closes the vote; every waiting ballot is mixed, who voted and what
    was chosen are rewritten in shuffled order, and the counts become visible to everyone."""
    vote = _close_vote(vote, by=by)
    ballots.purge_after_close()
    return vote


@transaction.atomic
def _close_vote(vote: Vote, *, by) -> Vote:
    # FOR UPDATE waits for ballots being cast (they hold FOR NO KEY UPDATE, common.secrecy).
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != Vote.Status.OPEN:
        raise VoteError(_("Pemungutan suara tidak sedang dibuka."))
    vote.status = Vote.Status.CLOSED
    vote.closed_by, vote.closed_at = by, timezone.now()
    vote.save(update_fields=["status", "closed_by", "closed_at"])
    cycle = vote.cycle
    voters = ballots.close_ballot_box(vote)
    cycle_services.complete_step(
        cycle.steps.get(number=4),
        by=by,
        when=vote.closed_at,
        output_note=_("%(n)d pemilih") % {"n": voters},
        output_url=reverse("voting:results"),
    )
    cycle_services.start_step(cycle.steps.get(number=5))
    notify(
        list(can_people(cycle)) + list(regency_cas(cycle)),
        kind=kinds.VOTE_CLOSED,
        title=_("Pemilihan tema Serawai %(year)s ditutup") % {"year": cycle.year},
        body=_("%(n)d pemilih telah memberikan suara.") % {"n": voters},
        url=reverse("voting:results"),
        key=f"vote:{vote.pk}:closed",
    )
    return vote


@transaction.atomic
def decide_tie(vote: Vote, *, by, chosen_ids, reason: str) -> TieDecision:
    """Step 5: the CAN picks which tied proposals take the open seats, with a reason."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != Vote.Status.CLOSED:
        raise VoteError(_("Suara sama diputuskan setelah pemungutan suara ditutup."))
    result = tally(vote)
    if not result.has_tie:
        raise VoteError(_("Tidak ada suara sama pada batas tema terpilih."))
    chosen = {int(pk) for pk in chosen_ids}
    tied = {p.pk for p in result.tied}
    if not chosen <= tied or len(chosen) != result.open_seats:
        message = ngettext(
            "Pilih tepat %(n)d dari usulan yang bersuara sama.",
            "Pilih tepat %(n)d dari usulan yang bersuara sama.",
            result.open_seats,
        )
        raise VoteError(message % {"n": result.open_seats})
    if not reason.strip():
        raise VoteError(_("Tuliskan alasan keputusan."))
    SelectedTheme.objects.filter(cycle=vote.cycle).delete()
    TieDecision.objects.filter(vote=vote).delete()
    decision = TieDecision.objects.create(vote=vote, reason=reason.strip(), decided_by=by)
    decision.chosen.set(chosen)
    return decision


class SelectionError(ServiceError):
    """Per-proposal field errors: {proposal_id: {field: message}}."""

    def __init__(self, errors: dict):
        super().__init__(str(errors))
        self.errors = errors


@transaction.atomic
def save_selections(vote: Vote, *, by, entries: dict, today: date | None = None):
    """Step 5: host and event date of each selected theme. `entries`: {proposal_id: {host_office,
    host_change_reason, event_date}}. The host is the proposing office unless the CAN gives a
    reason; the date must leave steps 6-8 their working days after step 5 (else refused with the
    earliest allowed date). All or nothing."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != Vote.Status.CLOSED:
        raise VoteError(_("Tema terpilih ditetapkan setelah pemungutan suara ditutup."))
    chosen = winners(vote)
    if chosen is None:
        raise VoteError(_("Putuskan dulu usulan yang bersuara sama."))
    cal = WorkingCalendar.load(vote.cycle.province_id)
    start = not_before(vote, today, cal)
    errors, rows = {}, []
    for winner in chosen:
        entry = entries.get(winner.proposal.pk) or {}
        host = entry.get("host_office") or winner.proposal.office
        reason = (entry.get("host_change_reason") or "").strip()
        problems = {}
        if host != winner.proposal.office and not reason:
            problems["host_change_reason"] = _(
                "Tuan rumah diganti dari kantor pengusul: tuliskan alasannya."
            )
        if host.province != vote.cycle.province:
            problems["host_office"] = _("Kantor di luar provinsi siklus ini.")
        event_date = entry.get("event_date")
        if event_date is None:
            problems["event_date"] = _("Isi tanggal kegiatan.")
        else:
            try:
                planning.plan_event(event_date, not_before=start, cal=cal)
            except planning.PlanningError as exc:
                problems["event_date"] = str(exc)
        if problems:
            errors[winner.proposal.pk] = problems
        rows.append((winner, host, reason if host != winner.proposal.office else "", event_date))
    if errors:
        raise SelectionError(errors)
    SelectedTheme.objects.filter(cycle=vote.cycle).delete()
    return SelectedTheme.objects.bulk_create(
        SelectedTheme(
            cycle=vote.cycle,
            proposal=winner.proposal,
            rank=winner.rank,
            votes=winner.votes,
            title=winner.proposal.title,
            host_office=host,
            host_change_reason=reason,
            event_date=event_date,
            updated_by=by,
        )
        for winner, host, reason, event_date in rows
    )


@transaction.atomic
def announce_results(vote: Vote, *, by, today: date | None = None, external=None):
    """Step 5 done: the letter "Surat Hasil Pemilihan Tema Serawai Kabupaten/Kota", the events of
    the selected themes (created by events' receiver of `themes_announced`, in this transaction)
    and a message to every employee of the province. `external`: the letter was signed
    elsewhere and is registered instead; step 5 is done on its date."""
    from documents.letters import completed_when

    from . import letters

    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != Vote.Status.CLOSED:
        raise VoteError(_("Hasil diumumkan setelah pemungutan suara ditutup, sekali saja."))
    chosen = winners(vote)
    selections = list(
        SelectedTheme.objects.filter(cycle=vote.cycle)
        .select_related("proposal", "host_office")
        .prefetch_related("proposal__speakers__employee")
    )
    if chosen is None:
        raise VoteError(_("Putuskan dulu usulan yang bersuara sama."))
    if {w.proposal.pk for w in chosen} != {s.proposal_id for s in selections}:
        raise VoteError(_("Tetapkan dulu tuan rumah dan tanggal setiap tema terpilih."))
    cal = WorkingCalendar.load(vote.cycle.province_id)
    start = not_before(vote, today, cal)
    for selection in selections:
        try:
            planning.plan_event(selection.event_date, not_before=start, cal=cal)
        except planning.PlanningError as exc:
            raise VoteError(f"{selection.title}: {exc}") from exc
    vote.status = Vote.Status.ANNOUNCED
    vote.announced_by, vote.announced_at = by, timezone.now()
    vote.save(update_fields=["status", "announced_by", "announced_at"])
    letter = letters.issue_results_letter(vote, selections, by=by, external=external)
    themes_announced.send(sender=Vote, cycle=vote.cycle, selections=selections, by=by)
    cycle = vote.cycle
    cycle_services.complete_step(
        cycle.steps.get(number=5),
        by=by,
        when=completed_when(letter) if external else vote.announced_at,
        output_note=letter.number,
        output_url=letter.get_absolute_url(),
    )
    notify(
        Employee.objects.active().in_province(cycle.province),
        kind=kinds.RESULTS_ANNOUNCED,
        title=_("Tema Serawai %(year)s terpilih diumumkan") % {"year": cycle.year},
        body="\n".join(
            f"{s.title} — {s.host_office.short_name}, {date_format(s.event_date, 'j F Y')}"
            for s in selections
        ),
        url=reverse("voting:results"),
        key=f"vote:{vote.pk}:announced",
    )
    return letter
