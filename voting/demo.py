"""Demo data of steps 1-5 for the demo cycle, as the year would have run: an agreed concept and
its socialisation letter, theme proposals of the kab/kota offices, a vote with ballots of about
two thirds of the employees, the close, a tie decided if one occurred, hosts and event dates
spread over the year, and the announcement that creates the events (events.demo goes on there).

The steps are run through the services with `today` set to the step's planned day, so the event
dates may lie in the past of a demo run late in the year. Idempotent: each part is skipped when
it was done before.
"""

import random

from cycles import concept as concept_service
from cycles.calendar import WorkingCalendar
from cycles.models import Concept
from cycles.services import complete_step
from organization.models import Employee, Office, RoleAssignment

from . import ballots, results
from .models import ProposedSpeaker, SelectedTheme, ThemeProposal, Vote

Role = RoleAssignment.Role

THEMES = [
    ("Pemanfaatan Big Data untuk Statistik Harga", "Web scraping harga pangan untuk IHK."),
    ("Quality Gates pada Survei Sosial Ekonomi Nasional", "Pemeriksaan mutu data Susenas."),
    ("Penyajian Data dengan Dashboard Interaktif", "Membuat dashboard dengan alat terbuka."),
    ("Teknik Wawancara Survei Pertanian", "Pengalaman lapangan Survei Ubinan."),
    ("Estimasi Area Kecil untuk Kemiskinan", "Small area estimation untuk kabupaten."),
    ("Manajemen Perubahan di Satuan Kerja", "Praktik baik zona integritas."),
    ("Pengolahan Citra Satelit untuk Luas Panen", "Kerangka sampel area dan citra."),
    ("Penulisan Berita Resmi Statistik yang Mudah Dipahami", "Bahasa sederhana untuk BRS."),
    ("Otomasi Pekerjaan Rutin dengan Python", "Skrip kecil untuk pengolahan data."),
    ("Layanan Statistik Terpadu yang Ramah", "Standar pelayanan PST."),
]


def _person(cycle, *roles):
    ids = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role__in=roles, office=cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True).order_by("pk").first()


def _concept(cycle, can, cc):
    if not Concept.objects.filter(cycle=cycle).exists():
        concept = concept_service.save_concept(
            cycle,
            by=can,
            background="Berbagi pengetahuan antarpegawai memperkuat budaya belajar di BPS.",
            aims="Meningkatkan kompetensi pegawai dan kolaborasi provinsi dengan kabupaten/kota.",
            format="Kegiatan hibrida dua jam: paparan narasumber, diskusi, dan evaluasi.",
            selection_rules="Usulan kabupaten/kota dipilih melalui pemungutan suara rahasia.",
        )
        concept_service.submit_concept(concept, by=can)
        concept_service.agree_concept(concept, by=cc)
    concept = Concept.objects.get(cycle=cycle)
    if concept.is_agreed and concept_service.socialisation_letter(concept) is None:
        concept_service.publish_socialisation_letter(concept, by=can)


def _proposals(cycle, can, stdout):
    if ThemeProposal.objects.filter(cycle=cycle).exists():
        return
    offices = list(Office.objects.regencies().filter(parent=cycle.province).order_by("code"))
    for n, (title, abstract) in enumerate(THEMES):
        office = offices[n % len(offices)]
        proposal = ThemeProposal.objects.create(
            cycle=cycle,
            office=office,
            title=title,
            abstract=abstract,
            relevance="Langsung dipakai dalam kegiatan statistik rutin kantor.",
            preferred_quarter=1 + n % 4,
            created_by=can,
            updated_by=can,
        )
        speaker = Employee.objects.active().filter(office=office).order_by("pk").first()
        ProposedSpeaker.objects.create(
            proposal=proposal,
            employee=speaker,
            external_name="" if speaker else "Dr. Rudi Hartono",
            external_institution="" if speaker else "Universitas Bengkulu",
        )
    stdout.write(f"voting: {len(THEMES)} theme proposals")


def _vote(cycle, can, stdout):
    vote = Vote.objects.filter(cycle=cycle).first()
    if vote is not None:
        return vote
    step4 = cycle.steps.get(number=4)
    vote = ballots.open_vote(cycle, by=can, today=step4.planned_start)
    rng = random.Random(cycle.year)
    people = list(ballots.electorate(vote).order_by("pk"))
    cast = 0
    for person in people[: len(people) * 2 // 3]:
        voter = ballots.voter_for(vote, person)
        allowed = [p.pk for p in ballots.ballot_proposals(vote, voter)] if voter else []
        if allowed:
            k = rng.randint(1, min(vote.choices_per_ballot, len(allowed)))
            chosen = rng.sample(allowed, k)
            ballots.cast_ballot(vote, voter=voter, proposal_ids=chosen, today=step4.planned_start)
            cast += 1
    stdout.write(f"voting: vote opened, {cast} ballots cast")
    return vote


def _announce(cycle, vote, can, stdout):
    if vote.status == Vote.Status.OPEN:
        vote = results.close_vote(vote, by=can)
    if vote.status != Vote.Status.CLOSED:
        return
    tally = results.tally(vote)
    if tally.has_tie and results.winners(vote) is None:
        results.decide_tie(
            vote,
            by=can,
            chosen_ids=[p.pk for p in tally.tied[: tally.open_seats]],
            reason="Diputuskan CAN: usulan kantor yang lebih dahulu mengusulkan.",
        )
    step5_due = cycle.steps.get(number=5).due
    cal = WorkingCalendar.load()
    earliest = results.earliest_event_date(vote, today=step5_due)
    winners = results.winners(vote)
    days = [cal.add_working_days(earliest, 40 + 60 * n) for n in range(len(winners))]
    if not SelectedTheme.objects.filter(cycle=cycle).exists():
        entries = {w.proposal.pk: {"event_date": day} for w, day in zip(winners, days, strict=True)}
        results.save_selections(vote, by=can, entries=entries, today=step5_due)
    results.announce_results(vote, by=can, today=step5_due)
    stdout.write("voting: results announced; events created for " + ", ".join(map(str, days)))


def seed(cycle, stdout) -> None:
    can = _person(cycle, Role.CAN_COORDINATOR, Role.CAN_MEMBER)
    if can is None:
        stdout.write("voting: no CAN member in the demo cycle's province; nothing seeded")
        return
    cc = _person(cycle, Role.CC) or can
    _concept(cycle, can, cc)
    for number in (1, 2):
        complete_step(cycle.steps.get(number=number), by=can)
    _proposals(cycle, can, stdout)
    vote = _vote(cycle, can, stdout)
    _announce(cycle, vote, can, stdout)
