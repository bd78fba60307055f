"""Demo data of steps 1-4: an agreed concept, theme proposals of the kab/kota offices, the vote
opened with its letter, and ballots of about two thirds of the province's employees.
Idempotent: a cycle that already has proposals or a vote keeps them."""

import random

from cycles import concept as concept_service
from cycles.models import Concept
from cycles.services import complete_step
from organization.models import Employee, Office, RoleAssignment

from . import ballots
from .models import ProposedSpeaker, ThemeProposal, Vote

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
        RoleAssignment.objects.current(year=cycle.year).filter(role__in=roles).values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True).first()


def seed(cycle, stdout) -> None:
    province = cycle.province
    can = _person(cycle, Role.CAN_COORDINATOR, Role.CAN_MEMBER) or (
        Employee.objects.active().in_province(province).first()
    )
    if can is None:
        stdout.write("voting: no employees, nothing seeded")
        return
    cc = _person(cycle, Role.CC) or can
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
    concept = cycle.concept
    if concept_service.socialisation_letter(concept) is None and concept.is_agreed:
        concept_service.publish_socialisation_letter(concept, by=can)
    for number in (1, 2):
        complete_step(cycle.steps.get(number=number), by=can)
    if not ThemeProposal.objects.filter(cycle=cycle).exists():
        offices = list(Office.objects.regencies().filter(parent=province).order_by("code"))
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
            speaker = Employee.objects.active().filter(office=office).first()
            ProposedSpeaker.objects.create(
                proposal=proposal,
                employee=speaker,
                external_name="" if speaker else "Dr. Rudi Hartono",
                external_institution="" if speaker else "Universitas Bengkulu",
            )
        stdout.write(f"voting: {len(THEMES)} theme proposals")
    vote = Vote.objects.filter(cycle=cycle).first()
    if vote is None:
        vote = ballots.open_vote(cycle, by=can)
        rng = random.Random(cycle.year)
        people = list(ballots.electorate(vote))
        cast = 0
        for person in people[: len(people) * 2 // 3]:
            voter = ballots.voter_for(vote, person)
            allowed = [p.pk for p in ballots.ballot_proposals(vote, voter)]
            if voter and allowed:
                k = rng.randint(1, min(vote.choices_per_ballot, len(allowed)))
                ballots.cast_ballot(vote, voter=voter, proposal_ids=rng.sample(allowed, k))
                cast += 1
        stdout.write(f"voting: vote opened, {cast} ballots cast")
