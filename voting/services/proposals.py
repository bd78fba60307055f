"""Step 3 writes: theme proposals of the kab/kota offices, and reopening them after the deadline.

A kab/kota office proposes through its CA, at most `cycle.proposals_per_office` themes, from the
publication of the socialisation letter (step 2) until step 3's due date (or the date a CAN member
reopened them until, with a recorded reason), and never once the vote is open.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ServiceError
from common.text import one_line
from cycles.models import Cycle

from ..models import ProposalReopening, ProposedSpeaker, ThemeProposal, Vote
from ..selectors import proposals_state


class ProposalError(ServiceError):
    """A proposal change that the SOP's rules do not allow now; the message says why."""


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
