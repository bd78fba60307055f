"""Reads of the voting pages."""

from typing import NamedTuple

from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .models import ProposalReopening, ThemeProposal, Vote


def vote_of(cycle) -> Vote | None:
    """The vote of `cycle` (None before step 4), its `cycle` the object given."""
    vote = Vote.objects.filter(cycle=cycle).first()
    if vote is not None:
        vote.cycle = cycle  # the same object: no second query for it
    return vote


def cycle_proposals(cycle) -> list[ThemeProposal]:
    """Every proposal of `cycle`, with its office, by primary key."""
    return list(ThemeProposal.objects.filter(cycle=cycle).select_related("office").order_by("pk"))


class BallotEntry(NamedTuple):
    """A theme as the ballot page shows it."""

    pk: int
    office_id: int
    title: str
    office_name: str
    summary: str  # the <dt>/<dd> of the page's summary list (title, office, abstract at 40 words)
    label: str  # the check box's label, escaped: "title — office"

    @classmethod
    def of(cls, proposal: ThemeProposal) -> "BallotEntry":
        summary = format_html(
            '<dt><a href="{}">{}</a> — {}</dt><dd>{}</dd>',
            reverse("voting:proposal_detail", args=[proposal.pk]),
            proposal.title,
            proposal.office.short_name,
            Truncator(proposal.abstract).words(40, truncate=" …"),
        )
        label = format_html("{} — {}", proposal.title, proposal.office.short_name)
        return cls(
            proposal.pk,
            proposal.office_id,
            proposal.title,
            proposal.office.short_name,
            summary,
            label,
        )


def ballot_entries(cycle) -> tuple[BallotEntry, ...]:
    """Every proposal of `cycle` as a ballot entry, by primary key."""
    return tuple(BallotEntry.of(p) for p in cycle_proposals(cycle))


def proposal_reopenings(cycle) -> list[ProposalReopening]:
    """The CAN's reopenings of step 3 in `cycle`, latest first, with who reopened."""
    return list(cycle.proposal_reopenings.select_related("created_by"))
