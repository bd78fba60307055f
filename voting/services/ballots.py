"""Step 4 writes: opening the vote, casting a secret ballot, mixing the ballot box (who may
vote, and a voter's ballot, are reads in voting.selectors).

Secrecy (SOP.md "Voting", common.secrecy): casting writes who voted (VoterRecord, the day only)
and drops the sealed choices into the vote's box, in one transaction; `mix_ballots` moves them
into Ballot/BallotChoice in shuffled batches of at least MIX_BATCH, in a transaction of its own.
A cast ballot is final. One ballot per voter is the VoterRecord's unique constraint: twenty
submits of one voter at once leave one record and one entry in the box.
"""

from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common import secrecy
from common.errors import ServiceError
from common.queue import wake
from cycles.models import Concept, Cycle
from cycles.services import cycle as cycle_services
from notifications import kinds
from notifications.services import notify

from ..models import (
    Ballot,
    BallotBoxEntry,
    BallotChoice,
    ThemeProposal,
    Vote,
    VoterRecord,
)
from ..selectors import Voter, ballot_entries, electorate, has_voted, proposal_deadline

# How often the number of voters shown during the vote may change.
VOTERS_SHOWN_EVERY = timedelta(hours=1)


class VoteError(ServiceError):
    """A vote action the rules do not allow now; the message says why."""


class BallotError(VoteError):
    """A ballot that cannot be stored; the message is shown in the form."""


def check_ballot(vote: Vote, *, voter: Voter, proposal_ids, today: date | None = None) -> list:
    """The chosen proposal ids, sorted, or BallotError with the reason a person can act on."""
    today = today or timezone.localdate()
    if vote.status != Vote.Status.OPEN:
        raise BallotError(_("Pemungutan suara sudah ditutup."))
    if today > vote.closes_on:
        raise BallotError(
            _("Batas waktu pemungutan suara (%(date)s) sudah lewat.")
            % {"date": date_format(vote.closes_on, "j F Y")}
        )
    chosen = {int(pk) for pk in proposal_ids}
    if not chosen:
        raise BallotError(_("Pilih sedikitnya satu tema."))
    if len(chosen) > vote.choices_per_ballot:
        raise BallotError(_("Pilih paling banyak %(n)d tema.") % {"n": vote.choices_per_ballot})
    own = voter.office.pk if vote.exclude_own_office else None
    allowed = {entry.pk for entry in ballot_entries(vote.cycle) if entry.office_id != own}
    if not chosen <= allowed:
        raise BallotError(_("Pilihan tidak dikenal atau tidak boleh Anda pilih."))
    if has_voted(vote, voter):
        raise BallotError(_("Anda sudah memberikan suara; suara tidak dapat diubah."))
    return sorted(chosen)


def cast_ballot(vote: Vote, *, voter: Voter, proposal_ids, today: date | None = None) -> None:
    """Step 4: record that `voter` voted and drop their sealed choices into the box; final.

    The vote row is read under a lock the close waits for, so a ballot is either in the box
    before the close mixes it, or refused. A second ballot of the same voter, even one racing
    this one, is refused by the voter record's unique constraint. A worker is then asked to mix.
    """
    with transaction.atomic():
        vote = secrecy.locked_for_casting(Vote.objects.select_related("cycle")).get(pk=vote.pk)
        chosen = check_ballot(vote, voter=voter, proposal_ids=proposal_ids, today=today)
        try:
            with transaction.atomic():
                VoterRecord.objects.create(
                    vote=vote,
                    voter_key=voter.key,
                    voter=voter.person,
                    office=voter.office,
                    voted_on=today or timezone.localdate(),
                )
        except IntegrityError as exc:
            raise BallotError(_("Anda sudah memberikan suara; suara tidak dapat diubah.")) from exc
        BallotBoxEntry.objects.create(vote=vote, sealed=secrecy.seal(chosen))
        transaction.on_commit(lambda: kick_mix(vote.pk))


def kick_mix(vote_id: int) -> None:
    """Ask a worker to mix the vote's box; never fails the voter when the broker is down (the
    periodic mix and the close mix what waits)."""
    from ..tasks import mix_ballot_box

    wake(mix_ballot_box, vote_id, what=f"the ballot box of vote {vote_id}")


def _mix_locked(vote: Vote, *, everything: bool) -> int:
    """Move the box's entries into the counted ballots, shuffled, in the caller's transaction.
    Fewer than MIX_BATCH entries wait, unless `everything` (the close)."""
    if everything:
        entries = list(BallotBoxEntry.objects.select_for_update().filter(vote=vote))
    else:
        entries = list(BallotBoxEntry.objects.select_for_update(skip_locked=True).filter(vote=vote))
        if len(entries) < secrecy.MIX_BATCH:
            return 0
    _write_ballots(vote, [secrecy.unseal(entry.sealed) for entry in entries])
    BallotBoxEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
    secrecy.pause_for_tests("SERAWAI_TEST_MIX_DELAY")
    return len(entries)


def mix_ballots(vote: Vote) -> int:
    """Mix the vote's waiting ballots when at least MIX_BATCH wait; returns how many moved.
    Its own transaction; the box table is rewritten afterwards (common.secrecy)."""
    with transaction.atomic():
        moved = _mix_locked(vote, everything=False)
    if moved:
        secrecy.purge_dead_rows(BallotBoxEntry)
    return moved


def mix_open_votes() -> int:
    """The periodic mix: every open vote's box, in batches of at least MIX_BATCH."""
    return sum(mix_ballots(vote) for vote in Vote.objects.filter(status=Vote.Status.OPEN))


def close_ballot_box(vote: Vote) -> int:
    """At the close, in the closing transaction: mix every waiting ballot, then write the voter
    records and the counted ballots again in shuffled order, so neither keeps the order or the
    transactions in which people voted. Returns the number of voters."""
    _mix_locked(vote, everything=True)
    voters = secrecy.rewrite_shuffled(
        VoterRecord.objects.filter(vote=vote),
        ["vote_id", "voter_key", "voter_id", "office_id", "voted_on"],
    )
    chosen = {}
    for ballot_id, proposal_id in BallotChoice.objects.filter(ballot__vote=vote).values_list(
        "ballot_id", "proposal_id"
    ):
        chosen.setdefault(ballot_id, []).append(proposal_id)
    Ballot.objects.filter(vote=vote).delete()  # and their choices
    _write_ballots(vote, list(chosen.values()))
    return voters


def _write_ballots(vote: Vote, chosen: list[list[int]]) -> None:
    """Counted ballots, one per list of proposal ids, written in a random order with random
    ids, their choices shuffled apart from them."""
    ballots, choices = [], []
    for proposals in secrecy.shuffled(chosen):
        ballot = Ballot(vote=vote)
        ballots.append(ballot)
        choices += [BallotChoice(ballot=ballot, proposal_id=pk) for pk in proposals]
    Ballot.objects.bulk_create(ballots)
    BallotChoice.objects.bulk_create(secrecy.shuffled(choices))


def purge_after_close() -> None:
    """After the closing transaction: no dead row of the box, the ballots or the voter records
    keeps the order of the rows it replaced."""
    secrecy.purge_dead_rows(BallotBoxEntry, VoterRecord, Ballot, BallotChoice)


def voters_so_far(vote: Vote, now=None) -> tuple[int, object]:
    """The number of voters shown while the vote is open, counted at most once an hour, with
    the time it was counted: two readings close together never tell whose ballot came between."""
    now = now or timezone.now()
    if vote.shown_voters_at is None or now - vote.shown_voters_at >= VOTERS_SHOWN_EVERY:
        counted = VoterRecord.objects.filter(vote=vote).count()
        Vote.objects.filter(pk=vote.pk).update(shown_voters=counted, shown_voters_at=now)
        vote.shown_voters, vote.shown_voters_at = counted, now
    return vote.shown_voters, vote.shown_voters_at


@transaction.atomic
def open_vote(cycle: Cycle, *, by, today: date | None = None, external=None) -> Vote:
    """Step 3 done and step 4 opened: the proposal list is final, the letter "Surat Pemilihan
    Tema Serawai Kabupaten/Kota" is issued (or, `external`, the one signed elsewhere is
    registered) and the electorate is told to vote."""
    from . import letters

    today = today or timezone.localdate()
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    concept = Concept.objects.filter(cycle=cycle).first()
    if Vote.objects.filter(cycle=cycle).exists():
        raise VoteError(_("Pemungutan suara sudah dibuka."))
    if not cycle.steps.filter(number=2, completed_at__isnull=False).exists():
        raise VoteError(_("Surat sosialisasi (langkah 2) belum terbit."))
    count = ThemeProposal.objects.filter(cycle=cycle).count()
    if count == 0:
        raise VoteError(_("Belum ada usulan tema."))
    step4 = cycle.steps.get(number=4)
    if step4.due < today:  # opened late: steps 4-5 follow the real start (SOP.md "Schedule")
        cycle_services.replan_cycle(cycle, from_step=4, start=today, by=by)
        step4.refresh_from_db()
    vote = Vote.objects.create(
        cycle=cycle,
        electorate=concept.electorate,
        choices_per_ballot=concept.choices_per_ballot,
        exclude_own_office=concept.exclude_own_office,
        closes_on=step4.due,
        status=Vote.Status.OPEN,
        opened_by=by,
    )
    cycle_services.complete_step(
        cycle.steps.get(number=3),
        by=by,
        when=_proposals_closed_at(cycle),
        output_note=_("Daftar usulan tema: %(n)d usulan") % {"n": count},
        output_url=reverse("voting:proposals"),
    )
    cycle_services.start_step(step4)
    letter = letters.issue_vote_letter(vote, by=by, external=external)
    notify(
        electorate(vote),
        kind=kinds.VOTE_OPENED,
        title=_("Pemilihan tema Serawai %(year)s dibuka") % {"year": cycle.year},
        body=_("Pilih paling banyak %(n)d tema sampai %(date)s. Surat %(number)s.")
        % {
            "n": vote.choices_per_ballot,
            "date": date_format(vote.closes_on, "j F Y"),
            "number": letter.number,
        },
        url=reverse("voting:ballot"),
        key=f"vote:{vote.pk}:opened",
    )
    return vote


def _proposals_closed_at(cycle: Cycle):
    """When step 3's output, the list of proposals, became final: the end of the proposal
    window's last day, or now when the vote opens before it (a cycle run on plan is on time)."""
    last_day = proposal_deadline(cycle)
    end = timezone.make_aware(datetime.combine(last_day, time(23, 59, 59)))
    return min(timezone.now(), end)
