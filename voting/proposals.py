"""Step 3 writes: theme proposals of the kab/kota offices, and reopening them after the deadline.

A kab/kota office proposes through its CA, at most `cycle.proposals_per_office` themes, from the
publication of the socialisation letter (step 2) until step 3's due date (or the date a CAN member
reopened them until, with a recorded reason), and never once the vote is open.
"""

from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.errors import ServiceError
from common.text import one_line
from cycles.models import Cycle, CycleStep

from .models import ProposalReopening, ProposedSpeaker, ThemeProposal, Vote


class ProposalError(ServiceError):
    """A proposal change that the SOP's rules do not allow now; the message says why."""


def proposal_deadline(cycle: Cycle) -> date:
    """Step 3's due date, or the latest date the CAN reopened the proposals until."""
    return _deadline(cycle, cycle.steps.get(number=3).due)


def _deadline(cycle: Cycle, step3_due: date) -> date:
    reopened = cycle.proposal_reopenings.order_by("-until").values_list("until", flat=True)
    reopened = reopened.first()
    return max(step3_due, reopened) if reopened else step3_due


def window_facts(cycle: Cycle) -> dict:
    """What the proposal window of `cycle` depends on, in one query: when step 2's letter was
    published ("letter_done"), step 3's due date, whether the vote exists ("has_vote"), the
    latest date the proposals were reopened until and the number of reopenings."""
    here = {"cycle": OuterRef("pk")}
    steps = CycleStep._base_manager.filter(**here)
    reopenings = ProposalReopening._base_manager.filter(**here).order_by()
    return (
        Cycle._base_manager.filter(pk=cycle.pk)
        .values(
            letter_done=Subquery(steps.filter(number=2).values("completed_at")[:1]),
            step3_due=Subquery(steps.filter(number=3).values("due")[:1]),
            has_vote=Exists(Vote._base_manager.filter(**here)),
            reopened_until=Subquery(reopenings.order_by("-until").values("until")[:1]),
            reopenings=Subquery(reopenings.values("cycle").annotate(n=Count("pk")).values("n")),
        )
        .get()
    )


def proposal_window(
    cycle: Cycle, today: date | None = None, *, facts: dict | None = None
) -> tuple[bool, str, date | None]:
    """(open?, why not, deadline) of the proposal window of `cycle` on `today`; the deadline is
    None while it does not matter (no socialisation letter yet, or the vote has opened).
    `facts`: `window_facts(cycle)` when the caller has read them already (a page)."""
    today = today or timezone.localdate()
    facts = facts or window_facts(cycle)
    if facts["letter_done"] is None:
        why = _("Pengusulan tema dibuka setelah surat sosialisasi (langkah 2) terbit.")
        return False, why, None
    if facts["has_vote"]:
        return False, _("Pemungutan suara sudah dibuka; usulan tidak dapat diubah lagi."), None
    reopened = facts["reopened_until"]
    deadline = max(facts["step3_due"], reopened) if reopened else facts["step3_due"]
    if today > deadline:
        return (
            False,
            _("Batas waktu pengusulan tema (%(date)s) sudah lewat.")
            % {"date": date_format(deadline, "j F Y")},
            deadline,
        )
    return True, "", deadline


def proposals_state(cycle: Cycle, today: date | None = None) -> tuple[bool, str]:
    """(open?, why not) of the proposal window of `cycle` on `today`."""
    is_open, why, _deadline_ = proposal_window(cycle, today)
    return is_open, why


def _check_open(cycle: Cycle, today) -> None:
    is_open, why = proposals_state(cycle, today)
    if not is_open:
        raise ProposalError(why)


def _set_speakers(proposal, employees, externals) -> None:
    proposal.speakers.all().delete()
    ProposedSpeaker.objects.bulk_create(
        [ProposedSpeaker(proposal=proposal, employee=e) for e in employees]
        + [
            ProposedSpeaker(proposal=proposal, external_name=name, external_institution=inst)
            for name, inst in externals
        ]
    )


@transaction.atomic
def save_proposal(
    cycle: Cycle,
    *,
    office,
    by,
    title: str,
    abstract: str,
    relevance: str,
    preferred_quarter: int,
    speakers=(),
    external_speakers=(),
    proposal: ThemeProposal | None = None,
    today: date | None = None,
) -> ThemeProposal:
    """Step 3: a kab/kota CA proposes a theme for the office, or edits one before the deadline."""
    # Lock the cycle row: two CAs of one office submitting at once cannot pass the limit together.
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _check_open(cycle, today)
    if proposal is None:
        count = ThemeProposal.objects.filter(cycle=cycle, office=office).count()
        if count >= cycle.proposals_per_office:
            raise ProposalError(
                _("Kantor ini sudah mengusulkan %(count)d tema; batasnya %(limit)d tema.")
                % {"count": count, "limit": cycle.proposals_per_office}
            )
        proposal = ThemeProposal(cycle=cycle, office=office, created_by=by)
    elif proposal.office_id != office.pk or proposal.cycle_id != cycle.pk:
        raise ProposalError(_("Usulan ini bukan milik kantor Anda."))
    # A title reaching here with a line break (admin, import) is joined, never stored broken.
    proposal.title, proposal.abstract, proposal.relevance = one_line(title), abstract, relevance
    proposal.preferred_quarter = preferred_quarter
    proposal.updated_by, proposal.updated_at = by, timezone.now()
    proposal.save()
    _set_speakers(proposal, list(speakers), list(external_speakers))
    return proposal


@transaction.atomic
def delete_proposal(proposal: ThemeProposal, *, by, today: date | None = None) -> None:
    """Step 3: the CA withdraws a proposal before the deadline."""
    Cycle.objects.select_for_update().get(pk=proposal.cycle_id)
    _check_open(proposal.cycle, today)
    proposal.delete()


@transaction.atomic
def reopen_proposals(
    cycle: Cycle, *, until: date, reason: str, by, today: date | None = None
) -> ProposalReopening:
    """Step 3: a CAN member reopens the proposals until a date, for a recorded reason."""
    today = today or timezone.localdate()
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if Vote.objects.filter(cycle=cycle).exists():
        raise ProposalError(_("Pemungutan suara sudah dibuka; pengusulan tidak dapat dibuka lagi."))
    if until < today:
        raise ProposalError(_("Tanggal penutupan baru tidak boleh sebelum hari ini."))
    if not reason.strip():
        raise ProposalError(_("Tuliskan alasan pembukaan kembali."))
    return ProposalReopening.objects.create(
        cycle=cycle, until=until, reason=reason.strip(), created_by=by
    )
