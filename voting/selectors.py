"""The reads of steps 3-5, for the voting pages, exports, the services and other apps: the
proposals and their window, the electorate and a voter's ballot, turnout, the tally and winners.
Nothing here reads who chose what: ballots carry no voter."""

import random
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Count, F, FilteredRelation, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cycles import planning
from cycles.calendar import WorkingCalendar
from cycles.models import Cycle
from cycles.selectors.concept import regency_cas
from organization.models import Employee, Office, RoleAssignment
from organization.roles import CAN_ROLES, held_roles

from . import tally as tally_rule
from .models import (
    BallotChoice,
    Electorate,
    ProposalReopening,
    ThemeProposal,
    TieDecision,
    Vote,
    VoterRecord,
)

Role = RoleAssignment.Role


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


# Step 3: the proposal window.


def proposal_deadline(cycle: Cycle) -> date:
    """Step 3's due date, or the latest date the CAN reopened the proposals until."""
    return _deadline(window_facts(cycle))


def _deadline(facts: dict) -> date:
    reopened = facts["reopened_until"]
    return max(facts["step3_due"], reopened) if reopened else facts["step3_due"]


def window_facts(cycle: Cycle) -> dict:
    """What the proposal window of `cycle` depends on, in one query: when step 2's letter was
    published ("letter_done"), step 3's due date, whether the vote exists ("has_vote"), its
    status and closing date ("vote_status", "vote_closes_on"), the latest date the proposals
    were reopened until and the number of reopenings. The two steps and the vote are one row
    each per cycle: joined, not sub-queried."""
    facts = (
        Cycle._base_manager.filter(pk=cycle.pk)
        .annotate(
            letter_step=FilteredRelation("steps", condition=Q(steps__number=2)),
            proposal_step=FilteredRelation("steps", condition=Q(steps__number=3)),
        )
        .values(
            letter_done=F("letter_step__completed_at"),
            step3_due=F("proposal_step__due"),
            vote_id=F("vote__pk"),
            vote_status=F("vote__status"),
            vote_closes_on=F("vote__closes_on"),
        )
        .annotate(
            reopened_until=Max("proposal_reopenings__until"),
            reopenings=Count("proposal_reopenings"),
        )
        .get()
    )
    facts["has_vote"] = facts.pop("vote_id") is not None
    return facts


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
        return False, _vote_stage(facts, today), None
    deadline = _deadline(facts)
    if today > deadline:
        return (
            False,
            _("Batas waktu pengusulan tema (%(date)s) sudah lewat.")
            % {"date": date_format(deadline, "j F Y")},
            deadline,
        )
    return True, "", deadline


def ballot_open(facts: dict, today: date | None = None) -> bool:
    """Whether ballots can be cast now: the vote is open and its closing date has not passed."""
    today = today or timezone.localdate()
    return facts["vote_status"] == Vote.Status.OPEN and today <= facts["vote_closes_on"]


def _vote_stage(facts: dict, today: date) -> str:
    """Why proposals cannot change once the vote exists, saying where the vote stands now."""
    closes_on = date_format(facts["vote_closes_on"], "j F Y")
    if facts["vote_status"] == Vote.Status.ANNOUNCED:
        return _("Hasil pemilihan tema sudah diumumkan; usulan tidak dapat diubah lagi.")
    if facts["vote_status"] == Vote.Status.CLOSED:
        return _("Pemungutan suara sudah ditutup; usulan tidak dapat diubah lagi.")
    if ballot_open(facts, today):
        return _(
            "Pemungutan suara sedang berlangsung sampai %(date)s; usulan tidak dapat diubah lagi."
        ) % {"date": closes_on}
    return _(
        "Batas waktu pemungutan suara (%(date)s) sudah lewat; usulan tidak dapat diubah lagi."
    ) % {"date": closes_on}


def proposals_state(cycle: Cycle, today: date | None = None) -> tuple[bool, str]:
    """(open?, why not) of the proposal window of `cycle` on `today`."""
    is_open, why, _deadline_ = proposal_window(cycle, today)
    return is_open, why


# Step 4: the electorate, a voter's ballot, turnout (who voted per office, never what).


@dataclass(frozen=True)
class Voter:
    """The identity a person votes under: themselves, or their kab/kota office as its CA."""

    key: str
    person: object
    office: Office


def electorate(vote_or_cycle):
    """The people asked to vote: every active employee of the province, or the kab/kota CAs."""
    vote = vote_or_cycle if isinstance(vote_or_cycle, Vote) else None
    cycle = vote.cycle if vote else vote_or_cycle
    per_office = vote.per_office if vote else cycle.concept.electorate == Electorate.OFFICES
    if per_office:
        return regency_cas(cycle)
    return Employee.objects.active().in_province(cycle.province)


def voter_for(vote: Vote, user) -> Voter | None:
    """Who `user` votes as in `vote`, or None when not in the electorate."""
    if not user.is_authenticated or not user.is_active or user.office_id is None:
        return None
    province = vote.cycle.province
    if vote.per_office:
        offices = held_roles(user, vote.cycle.year).ca_offices
        office = (
            Office.objects.regencies()
            .filter(parent=province, pk__in=offices)
            .order_by("code")
            .first()
        )
        return Voter(f"office:{office.pk}", user, office) if office else None
    if user.office.province != province:
        return None
    return Voter(f"employee:{user.pk}", user, user.office)


def ballot_proposals(vote: Vote, voter: Voter) -> list[BallotEntry]:
    """The proposals on `voter`'s ballot, in an order of its own (stable for that voter, not
    guessable by another; the order is never stored)."""
    ordered = list(ballot_entries(vote.cycle))  # by primary key
    if vote.exclude_own_office:
        own = getattr(voter.office, "pk", None)
        ordered = [p for p in ordered if p.office_id != own]
    seed = salted_hmac("serawai-ballot-order", f"{vote.pk}:{voter.key}").hexdigest()
    random.Random(seed).shuffle(ordered)
    return ordered


def voted_on(vote: Vote, voter: Voter) -> date | None:
    """The day `voter` cast their ballot, or None."""
    return (
        VoterRecord.objects.filter(vote=vote, voter_key=voter.key)
        .values_list("voted_on", flat=True)
        .first()
    )


def has_voted(vote: Vote, voter: Voter) -> bool:
    return voted_on(vote, voter) is not None


@dataclass(frozen=True)
class OfficeTurnout:
    office: Office
    eligible: int
    voted: int

    @property
    def percent(self) -> float:
        return round(100 * self.voted / self.eligible, 1) if self.eligible else 0.0


def turnout(vote: Vote) -> list[OfficeTurnout]:
    """Who has voted, per office (never what): shown once the vote is closed, never while it
    runs (a reading before and after one ballot would give its office). Two queries."""
    province = vote.cycle.province
    voted = dict(
        VoterRecord.objects.filter(vote=vote)
        .values_list("office_id")
        .annotate(n=Count("id"))
        .values_list("office_id", "n")
    )
    offices = list(Office.objects.in_province(province).order_by("code"))
    if vote.per_office:
        return [OfficeTurnout(o, 1, voted.get(o.pk, 0)) for o in offices if o.is_regency]
    eligible = dict(
        Employee.objects.active()
        .in_province(province)
        .values_list("office_id")
        .annotate(n=Count("id"))
        .values_list("office_id", "n")
    )
    return [OfficeTurnout(o, eligible.get(o.pk, 0), voted.get(o.pk, 0)) for o in offices]


# Steps 4-5: the tally, the winners, the earliest event date.


def can_people(cycle):
    ids = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role__in=CAN_ROLES, office=cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True)


def counts(vote: Vote) -> list[tuple[ThemeProposal, int]]:
    """Votes per proposal (0 included). Never per voter: ballots carry no voter."""
    per_proposal = dict(
        BallotChoice.objects.filter(ballot__vote=vote)
        .values_list("proposal_id")
        .annotate(n=Count("id"))
        .values_list("proposal_id", "n")
    )
    proposals = ThemeProposal.objects.filter(cycle=vote.cycle).select_related("office")
    return [(p, per_proposal.get(p.pk, 0)) for p in proposals]


def tally(vote: Vote) -> tally_rule.Tally:
    return tally_rule.rank(
        counts(vote), vote.cycle.themes_to_select, sort_key=lambda p: (p.office.code, p.pk)
    )


@dataclass(frozen=True)
class Winner:
    proposal: ThemeProposal
    votes: int
    rank: int


def winners(vote: Vote) -> list[Winner] | None:
    """The selected proposals, or None while a tie across the cut-off is undecided."""
    result = tally(vote)
    decided = None
    if result.has_tie:
        decision = TieDecision.objects.filter(vote=vote).first()
        decided = set(decision.chosen.values_list("pk", flat=True)) if decision else None
    return selected(result, decided)


def selected(result: tally_rule.Tally, decided: set[int] | None) -> list[Winner] | None:
    """The selected proposals of the tally `result`, given the proposals the CAN's tie decision
    chose (`decided`, None when there is no decision): None while a tie across the cut-off is
    undecided. A decision counts only while the tally has a tie."""
    if result.has_tie and decided is None:
        return None
    chosen = decided if result.has_tie else set()
    return [
        Winner(r.proposal, r.votes, r.rank)
        for r in result.rows
        if r.status == "selected" or r.proposal.pk in chosen
    ]


def not_before(vote: Vote, today: date | None = None, cal=None) -> date:
    """Steps 6-8 may start on the working day after step 5 (its due date, or today if later)."""
    cal = cal or WorkingCalendar.load(vote.cycle.province_id)
    today = today or timezone.localdate()
    due = vote.cycle.steps.get(number=5).due
    return cal.next_working_day(max(due, today))


def earliest_event_date(vote: Vote, today: date | None = None) -> date:
    cal = WorkingCalendar.load(vote.cycle.province_id)
    return planning.earliest_event_date(not_before(vote, today, cal), cal)
