"""National demo activity of steps 1-5 (called by demo.national.seed after its cycles).

For every cycle without proposals: an agreed concept, one or two theme proposals per kab/kota
office (with a proposed speaker), and, once step 4 has started, the vote: ballots of about two
thirds of the province's employees (a third where the vote is still open, so that people are
left to vote), written as a mix leaves them (VoterRecord apart from Ballot, each in an order of
its own; common.secrecy). A vote whose step 5 is done is announced with its
three winners as SelectedThemes, which demo.national.events turns into events. Bulk writes.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from common import secrecy
from cycles.calendar import WorkingCalendar
from cycles.models import Concept
from organization.models import Employee, Office, RoleAssignment
from voting.models import (
    Ballot,
    BallotChoice,
    ProposedSpeaker,
    SelectedTheme,
    ThemeProposal,
    Vote,
    VoterRecord,
)

THEMES = [
    ("Pemanfaatan Big Data untuk Statistik Harga", "Web scraping harga pangan untuk IHK."),
    ("Teknik Wawancara CAPI yang Efektif", "Pengalaman lapangan dengan aplikasi CAPI."),
    ("Penjaminan Kualitas Data Susenas", "Pemeriksaan mutu data Susenas."),
    ("Visualisasi Data dengan Python", "Grafik yang jujur dan mudah dibaca."),
    ("Integritas dan Zona Integritas di BPS", "Praktik baik pembangunan zona integritas."),
    ("Penyusunan Publikasi Daerah Dalam Angka", "Alur kerja publikasi DDA."),
    ("Metode Small Area Estimation", "Estimasi area kecil untuk kemiskinan kabupaten."),
    ("Pengelolaan Arsip Dinamis Digital", "Tata kelola arsip elektronik satker."),
    ("Komunikasi Publik Statistik", "Menulis berita resmi statistik yang mudah dipahami."),
    ("Otomasi Pekerjaan Rutin dengan Python", "Skrip kecil untuk pengolahan data."),
]
EVENT_MONTHS = (3, 6, 9)
MAX_PROPOSALS_PER_OFFICE = 2
WINNERS = None  # default: the cycle's themes_to_select
Role = RoleAssignment.Role


@dataclass
class _Provinces:
    """What the activity of the cycles reads of their provinces, loaded once for all of them."""

    coordinators: dict  # province id -> its CAN coordinator's employee id
    regencies: dict  # province id -> its kab/kota offices, by code
    electorate: dict  # province id -> [(employee id, office id)]: kab/kota, then province office
    by_office: dict  # kab/kota office id -> its employee ids
    steps: dict  # cycle id -> {step number: CycleStep}


@dataclass
class _BallotBox:
    """What the votes leave behind, written at the end in one bulk write per table."""

    records: list = field(default_factory=list)
    ballots: list = field(default_factory=list)
    choices: list = field(default_factory=list)
    selected: list = field(default_factory=list)
    votes: int = 0


def seed_activity(cycles, stdout=None) -> None:
    cycles = [
        c for c in cycles if not ThemeProposal.objects.filter(cycle=c).exists()
    ]  # a cycle seeded before (Bengkulu's own demo) keeps its proposals
    if not cycles:
        return
    provinces = _load(cycles)
    proposals = _concepts_and_proposals(cycles, provinces)
    box = _votes(cycles, provinces, proposals)
    # Written as a mix writes them: the ballots in an order of their own, not the voters'.
    VoterRecord.objects.bulk_create(box.records, batch_size=2000)
    Ballot.objects.bulk_create(secrecy.shuffled(box.ballots), batch_size=2000)
    BallotChoice.objects.bulk_create(secrecy.shuffled(box.choices), batch_size=2000)
    SelectedTheme.objects.bulk_create(box.selected)
    if stdout is not None:
        stdout.write(
            f"  voting: {len(proposals)} proposals, {box.votes} votes, {len(box.ballots)} "
            f"ballots, {len(box.selected)} selected themes"
        )


def _load(cycles) -> _Provinces:
    province_ids = [c.province_id for c in cycles]
    coordinators = dict(
        RoleAssignment.objects.filter(
            role=Role.CAN_COORDINATOR, office_id__in=province_ids
        ).values_list("office_id", "employee_id")
    )
    regencies = defaultdict(list)
    for office in Office.objects.regencies().filter(parent_id__in=province_ids).order_by("code"):
        regencies[office.parent_id].append(office)
    electorate = defaultdict(list)
    by_office = defaultdict(list)
    people = Employee.objects.active().filter(office__parent_id__in=province_ids).order_by("pk")
    for pk, office_id, parent in people.values_list("pk", "office_id", "office__parent_id"):
        electorate[parent].append((pk, office_id))
        by_office[office_id].append(pk)
    office_staff = Employee.objects.active().filter(office_id__in=province_ids).order_by("pk")
    for pk, office_id in office_staff.values_list("pk", "office_id"):  # the province office
        electorate[office_id].append((pk, office_id))
    steps = {
        c.pk: {s.number: s for s in c.steps.all()} for c in cycles
    }  # five rows a cycle, read once
    return _Provinces(coordinators, regencies, electorate, by_office, steps)


def _concepts_and_proposals(cycles, provinces: _Provinces) -> list[ThemeProposal]:
    """An agreed concept for every cycle and, once its socialisation letter (step 2) is out, one
    or more theme proposals from each kab/kota office, each with a speaker of its own office
    (an external one where the office has nobody); returns the proposals, written."""
    now = timezone.now()
    concepts, proposals, speakers = [], [], []
    for index, cycle in enumerate(cycles):
        by = provinces.coordinators.get(cycle.province_id)
        concepts.append(_concept(cycle, by, now))
        if provinces.steps[cycle.pk][2].completed_at is None:
            continue  # proposals open after the socialisation letter (step 2)
        for n, office in enumerate(provinces.regencies[cycle.province_id]):
            for k in range(1 + (index + n) % MAX_PROPOSALS_PER_OFFICE):
                theme = THEMES[(index + n * 2 + k) % len(THEMES)]
                proposal = _proposal(cycle, office, by, theme, quarter=1 + (n + k) % 4)
                proposals.append(proposal)
                local = provinces.by_office.get(office.pk)
                speakers.append((proposal, local[k % len(local)] if local else None))
    Concept.objects.bulk_create(concepts, ignore_conflicts=True)
    ThemeProposal.objects.bulk_create(proposals)
    ProposedSpeaker.objects.bulk_create(
        ProposedSpeaker(
            proposal=p,
            employee_id=who,
            external_name="" if who else "Dr. Rudi Hartono",
            external_institution="" if who else "Universitas Negeri",
        )
        for p, who in speakers
    )
    return proposals


def _concept(cycle, by, now) -> Concept:
    return Concept(
        cycle=cycle,
        background="Berbagi pengetahuan antarpegawai memperkuat budaya belajar di BPS.",
        aims="Meningkatkan kompetensi pegawai dan kolaborasi provinsi dengan kab/kota.",
        format="Kegiatan hibrida dua jam: paparan narasumber, diskusi, dan evaluasi.",
        selection_rules="Usulan kabupaten/kota dipilih melalui pemungutan suara rahasia.",
        status=Concept.Status.AGREED,
        created_by_id=by,
        decided_at=now,
    )


def _proposal(cycle, office, by, theme, quarter) -> ThemeProposal:
    title, abstract = theme
    return ThemeProposal(
        cycle=cycle,
        office=office,
        title=title,
        abstract=abstract,
        relevance="Langsung dipakai dalam kegiatan statistik rutin kantor.",
        preferred_quarter=quarter,
        created_by_id=by,
        updated_by_id=by,
    )


def _votes(cycles, provinces: _Provinces, proposals) -> _BallotBox:
    """The vote of every cycle whose step 4 has started: opened, its ballots cast, and closed
    and announced as far as steps 4 and 5 are done."""
    on_ballot = defaultdict(list)
    for proposal in proposals:
        on_ballot[proposal.cycle_id].append(proposal)
    cal = WorkingCalendar.load()
    box = _BallotBox()
    for index, cycle in enumerate(cycles):
        step = provinces.steps[cycle.pk]
        options = on_ballot[cycle.pk]
        if step[4].started_at is None or not options:
            continue
        by = provinces.coordinators.get(cycle.province_id)
        vote = _vote(cycle, step, by)
        box.votes += 1
        tally = _cast(vote, provinces.electorate[cycle.province_id], options, box)
        if vote.status == Vote.Status.ANNOUNCED:
            box.selected += _selections(cycle, index, options, tally, by, cal)
    return box


def _vote(cycle, step, by) -> Vote:
    """The cycle's vote, in the state its steps 4 (open until done) and 5 (announced) are in."""
    announced = step[5].completed_at is not None
    closed = step[4].completed_at is not None
    if announced:
        status = Vote.Status.ANNOUNCED
    elif closed:
        status = Vote.Status.CLOSED
    else:
        status = Vote.Status.OPEN
    return Vote.objects.create(
        cycle=cycle,
        electorate=Concept.Electorate.EMPLOYEES,
        choices_per_ballot=3,
        exclude_own_office=False,
        closes_on=step[4].due,
        status=status,
        opened_at=step[4].started_at,
        opened_by_id=by,
        closed_at=step[4].completed_at,
        closed_by_id=by if closed else None,
        announced_at=step[5].completed_at,
        announced_by_id=by if announced else None,
    )


def _cast(vote, electorate, options, box: _BallotBox) -> Counter:
    """Ballots of two thirds of the electorate (one third while the vote is open, so that people
    are left to vote), each choosing one to three themes; returns the votes per proposal id."""
    rng = random.Random(vote.cycle.pk)
    share = 2 if vote.closed_at is not None else 1  # thirds of the electorate that voted
    tally = Counter()
    for i, (pk, office_id) in enumerate(electorate):
        if i % 3 >= share:
            continue
        box.records.append(
            VoterRecord(
                vote=vote,
                voter_key=f"employee:{pk}",
                voter_id=pk,
                office_id=office_id,
                voted_on=vote.opened_at.date(),
            )
        )
        ballot = Ballot(vote=vote)
        box.ballots.append(ballot)
        for proposal in rng.sample(options, min(len(options), 1 + i % 3)):
            box.choices.append(BallotChoice(ballot=ballot, proposal=proposal))
            tally[proposal.pk] += 1
    return tally


def _selections(cycle, index, options, tally, by, cal) -> list[SelectedTheme]:
    """The winners of an announced vote (most votes, then the earliest proposal), each hosted
    by the office that proposed it on a working day of one of the EVENT_MONTHS."""
    ranked = sorted(options, key=lambda p: (-tally[p.pk], p.pk))[
        : WINNERS or cycle.themes_to_select
    ]
    selected = []
    for rank, proposal in enumerate(ranked, start=1):
        month = EVENT_MONTHS[(rank - 1) % len(EVENT_MONTHS)]
        day = cal.first_working_day_on_or_after(datetime.date(cycle.year, month, 10 + index % 10))
        selected.append(
            SelectedTheme(
                cycle=cycle,
                proposal=proposal,
                rank=rank,
                votes=tally[proposal.pk],
                title=proposal.title,
                host_office_id=proposal.office_id,
                event_date=day,
                updated_by_id=by or proposal.created_by_id,
            )
        )
    return selected
