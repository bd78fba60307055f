"""Step 4 writes and reads: opening the vote, who may vote, casting (and changing) a secret ballot.

Secrecy (SOP.md "Voting"): who voted goes to VoterRecord, what was chosen to Ballot/BallotChoice,
and the two are joined only through `receipt_for()`, an HMAC under SECRET_KEY (see voting.models).
One ballot per voter is enforced by two unique constraints (VoterRecord: vote + voter key;
Ballot: vote + receipt); concurrent submits of one voter insert with ON CONFLICT DO NOTHING and
then update the single ballot under a row lock, so twenty at once still leave exactly one.
"""

import hashlib
import hmac
import random
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cycles import services as cycle_services
from cycles.concept import regency_cas
from cycles.models import Concept, Cycle
from notifications import kinds
from notifications.services import notify
from organization.models import Employee, Office
from organization.roles import held_roles

from .models import Ballot, BallotChoice, Electorate, ThemeProposal, Vote, VoterRecord
from .selectors import BallotEntry, ballot_entries


class VoteError(ValueError):
    """A vote action the rules do not allow now; the message says why."""


class BallotError(VoteError):
    """A ballot that cannot be stored; the message is shown in the form."""


@dataclass(frozen=True)
class Voter:
    """The identity a person votes under: themselves, or their kab/kota office as its CA."""

    key: str
    person: object
    office: Office


def receipt_for(vote: Vote, voter_key: str) -> str:
    """The ballot's only link to its voter: HMAC-SHA256(SECRET_KEY, vote id + voter key).

    Deterministic, so the server finds the voter's ballot again to change it; unguessable and
    irreversible without SECRET_KEY, so the database, the admin and any export cannot.
    """
    message = f"serawai-ballot:v1:{vote.pk}:{voter_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


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
    """The proposals on `voter`'s ballot, in an order of its own (stable for that voter)."""
    ordered = list(ballot_entries(vote.cycle))  # by primary key
    if vote.exclude_own_office:
        own = getattr(voter.office, "pk", None)
        ordered = [p for p in ordered if p.office_id != own]
    seed = receipt_for(vote, voter.key)  # per voter, not guessable by other voters
    random.Random(seed).shuffle(ordered)
    return ordered


def has_voted(vote: Vote, voter: Voter) -> bool:
    return VoterRecord.objects.filter(vote=vote, voter_key=voter.key).exists()


def voter_state(vote: Vote, voter: Voter) -> tuple[bool, set[int]]:
    """(has voted?, what they chose so far) in one query, for the voter's own ballot page: the
    voter record (who) and the ballot (what, by receipt) stay apart, only the reply joins them.
    Written in SQL: the ORM's union costs more to build than the rest of the page."""
    sql = (
        f"SELECT c.proposal_id FROM {BallotChoice._meta.db_table} c"
        f" JOIN {Ballot._meta.db_table} b ON c.ballot_id = b.id"
        " WHERE b.vote_id = %s AND b.receipt = %s"
        f" UNION ALL SELECT 0 FROM {VoterRecord._meta.db_table}"
        " WHERE vote_id = %s AND voter_key = %s"  # one row at most (unique)
    )
    # On PostgreSQL the statement is prepared once per connection (serawai/postgresql): planning
    # it cost the server more than running it, and this page is the one every voter opens.
    prepared = getattr(connection, "prepared_cursor", connection.cursor)
    with prepared() as cursor:
        cursor.execute(sql, [vote.pk, receipt_for(vote, voter.key), vote.pk, voter.key])
        rows = {row[0] for row in cursor.fetchall()}
    voted = 0 in rows  # proposal ids start at 1
    return voted, (rows - {0}) if voted else set()


def _lock_vote_shared(vote: Vote) -> str:
    """Read the vote's status under a lock that close_vote()'s FOR UPDATE waits for, so a ballot
    is either counted in the tally or refused, never lost in between."""
    table = Vote._meta.db_table
    suffix = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status, closes_on FROM {table} WHERE id = %s{suffix}", [vote.pk])
        status, closes_on = cursor.fetchone()
    if isinstance(closes_on, str):
        closes_on = date.fromisoformat(closes_on)
    return status, closes_on


@transaction.atomic
def cast_ballot(vote: Vote, *, voter: Voter, proposal_ids, today: date | None = None) -> None:
    """Step 4: store `voter`'s choices, replacing an earlier ballot of theirs; nothing on error."""
    today = today or timezone.localdate()
    status, closes_on = _lock_vote_shared(vote)
    if status != Vote.Status.OPEN:
        raise BallotError(_("Pemungutan suara sudah ditutup."))
    if today > closes_on:
        raise BallotError(
            _("Batas waktu pemungutan suara (%(date)s) sudah lewat.")
            % {"date": closes_on.isoformat()}
        )
    chosen = {int(pk) for pk in proposal_ids}
    if not chosen:
        raise BallotError(_("Pilih sedikitnya satu tema."))
    if len(chosen) > vote.choices_per_ballot:
        raise BallotError(_("Pilih paling banyak %(n)d tema.") % {"n": vote.choices_per_ballot})
    # The ballot's themes as the voter's page listed them (kept until any proposal changes;
    # proposals are frozen while the vote is open, and a choice must name one: foreign key).
    own = voter.office.pk if vote.exclude_own_office else None
    allowed = {entry.pk for entry in ballot_entries(vote.cycle) if entry.office_id != own}
    if not chosen <= allowed:
        raise BallotError(_("Pilihan tidak dikenal atau tidak boleh Anda pilih."))
    _store_ballot(vote, voter, sorted(chosen))


def _store_ballot(vote: Vote, voter: Voter, proposal_ids: list[int]) -> None:
    """Who voted (once), and the ballot found again by its receipt (created, or locked and
    reused) with its choices replaced: three statements for a first ballot, four for a changed
    one, written in SQL that PostgreSQL and SQLite both run, because the ORM's version (six, and
    building them) cost more than the whole rest of a vote's request (bench/http.py)."""
    ballot_id = Ballot._meta.pk
    choice_id = BallotChoice._meta.pk

    def uuid_param(field, value):
        return field.get_db_prep_value(value, connection)

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VoterRecord._meta.db_table}"
            " (vote_id, voter_key, voter_id, office_id, voted_at) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            [vote.pk, voter.key, voter.person.pk, voter.office.pk, timezone.now()],
        )
        # ON CONFLICT DO UPDATE locks an existing ballot (as SELECT FOR UPDATE would) and
        # RETURNING gives its id: two requests of one voter replace the choices in turn.
        cursor.execute(
            f"INSERT INTO {Ballot._meta.db_table} (id, vote_id, receipt) VALUES (%s, %s, %s)"
            " ON CONFLICT (vote_id, receipt) DO UPDATE SET receipt = excluded.receipt"
            " RETURNING id",
            [new_id := uuid_param(ballot_id, uuid.uuid4()), vote.pk, receipt_for(vote, voter.key)],
        )
        ballot = cursor.fetchone()[0]
        table = BallotChoice._meta.db_table
        if ballot != new_id:  # an earlier ballot of this voter: its choices go
            cursor.execute(f"DELETE FROM {table} WHERE ballot_id = %s", [ballot])
        rows = ", ".join(["(%s, %s, %s)"] * len(proposal_ids))
        params = []
        for pk in proposal_ids:
            params += [uuid_param(choice_id, uuid.uuid4()), ballot, pk]
        cursor.execute(f"INSERT INTO {table} (id, ballot_id, proposal_id) VALUES {rows}", params)


@transaction.atomic
def open_vote(cycle: Cycle, *, by, today: date | None = None) -> Vote:
    """Step 3 done and step 4 opened: the proposal list is final, the letter "Surat Pemilihan
    Tema Serawai Kabupaten/Kota" is issued and the electorate is told to vote."""
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
        output_note=_("Daftar usulan tema: %(n)d usulan") % {"n": count},
        output_url=reverse("voting:proposals"),
    )
    cycle_services.start_step(step4)
    letter = letters.issue_vote_letter(vote, by=by)
    notify(
        electorate(vote),
        kind=kinds.VOTE_OPENED,
        title=_("Pemilihan tema Serawai %(year)s dibuka") % {"year": cycle.year},
        body=_("Pilih paling banyak %(n)d tema sampai %(date)s. Surat %(number)s.")
        % {
            "n": vote.choices_per_ballot,
            "date": vote.closes_on.isoformat(),
            "number": letter.number,
        },
        url=reverse("voting:ballot"),
        key=f"vote:{vote.pk}:opened",
    )
    return vote


@dataclass(frozen=True)
class OfficeTurnout:
    office: Office
    eligible: int
    voted: int

    @property
    def percent(self) -> float:
        return round(100 * self.voted / self.eligible, 1) if self.eligible else 0.0


def turnout(vote: Vote) -> list[OfficeTurnout]:
    """Who has voted, per office (never what): shown while the vote runs. Two queries."""
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
