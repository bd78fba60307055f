"""Demo data of steps 1-5 for a demo cycle, as demo.story tells it: an agreed concept and
its socialisation letter, theme proposals of the kab/kota offices, a vote with ballots of about
two thirds of the employees, the close, a tie decided if one occurred, hosts and the story's
event dates, and the announcement that creates the events (demo.events goes on there).

Each step is run through the services with the clock set to its planned day, and only as far as
today: a guest province's cycle stops with its proposals or its vote open, and the demo logins
are left to propose and to vote themselves. Idempotent: each part is skipped when it was done.
"""

import random
from datetime import time

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.models import Concept
from cycles.selectors import concept as concept_selectors
from cycles.services import concept as concept_service
from cycles.services.cycle import complete_step
from demo import people as people_demo
from demo import story
from organization.models import Office, RoleAssignment
from voting import selectors
from voting.models import ProposedSpeaker, SelectedTheme, ThemeProposal, Vote
from voting.services import ballots, results

Role = RoleAssignment.Role
FAVOURITES = set(story.HOSTS.values())  # the offices whose themes the demo's voters prefer

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


def _concept(cycle, can, cc):
    step1, step2 = cycle.steps.get(number=1), cycle.steps.get(number=2)
    if not Concept.objects.filter(cycle=cycle).exists():
        with story.on(step1.planned_start):
            concept = concept_service.save_concept(
                cycle,
                by=can,
                background="Berbagi pengetahuan antarpegawai memperkuat budaya belajar di BPS.",
                aims="Meningkatkan kompetensi pegawai dan kolaborasi provinsi dengan kab/kota.",
                format="Kegiatan hibrida dua jam: paparan narasumber, diskusi, dan evaluasi.",
                selection_rules="Usulan kabupaten/kota dipilih melalui pemungutan suara rahasia.",
            )
            concept_service.submit_concept(concept, by=can)
        with story.on(step1.due, time(10, 0)):
            concept_service.agree_concept(concept, by=cc)
            complete_step(step1, by=can)
    concept = Concept.objects.get(cycle=cycle)
    if concept.is_agreed and concept_selectors.socialisation_letter(concept) is None:
        with story.on(step2.planned_start, time(10, 0)):
            concept_service.publish_socialisation_letter(concept, by=can)
    with story.on(step2.due, time(15, 0)):
        complete_step(step2, by=can)


def _proposals(cycle, can, stdout):
    """Two or three themes from each kab/kota office over the days of step 3, as far as today;
    the office of a demo login that is to propose itself is left out."""
    if ThemeProposal.objects.filter(cycle=cycle).exists():
        return
    step3 = cycle.steps.get(number=3)
    cal = WorkingCalendar.load(cycle.province_id)
    today = timezone.localdate()
    left_out = {p.office_id for _label, p in people_demo.guest_login_people()}
    offices = [
        o
        for o in Office.objects.regencies().filter(parent=cycle.province).order_by("code")
        if o.pk not in left_out
    ]
    themes = THEMES[: min(len(THEMES), 2 * len(offices))] if len(offices) < 10 else THEMES
    made = 0
    for n, (title, abstract) in enumerate(themes):
        office = offices[n % len(offices)]
        ca = people_demo.office_role_holder(cycle, Role.CA, office) or can
        day = cal.add_working_days(step3.planned_start, 1 + n % 6)
        if day > today:
            continue
        with story.on(day, time(10, n)):
            proposal = ThemeProposal.objects.create(
                cycle=cycle,
                office=office,
                title=title,
                abstract=abstract,
                relevance="Langsung dipakai dalam kegiatan statistik rutin kantor.",
                preferred_quarter=1 + n % 4,
                created_by=ca,
                updated_by=ca,
            )
            speaker = people_demo.office_staff(office, ca).order_by("-pk").first()
            ProposedSpeaker.objects.create(
                proposal=proposal,
                employee=speaker,
                external_name="" if speaker else "Dr. Rudi Hartono",
                external_institution="" if speaker else "Universitas Bengkulu",
            )
        made += 1
    stdout.write(f"voting: {made} theme proposals in {cycle}\n")


def _choices(rng, allowed, vote, favoured):
    """A ballot that favours the demo story's three hosts, so the winners are always theirs."""
    favourites = [p.pk for p in allowed if p.office_id in favoured]
    others = [p.pk for p in allowed if p.office_id not in favoured]
    chosen = rng.sample(favourites, min(2, len(favourites)))
    if others and len(chosen) < vote.choices_per_ballot and rng.random() < 0.5:
        chosen.append(rng.choice(others))
    return chosen or [allowed[0].pk]


def _vote(cycle, can, stdout):
    vote = Vote.objects.filter(cycle=cycle).first()
    if vote is not None:
        return vote
    step4 = cycle.steps.get(number=4)
    cal = WorkingCalendar.load(cycle.province_id)
    today = timezone.localdate()
    if step4.planned_start > today or not ThemeProposal.objects.filter(cycle=cycle).exists():
        return None
    with story.on(step4.planned_start, time(8, 0)):
        vote = ballots.open_vote(cycle, by=can, today=step4.planned_start)
    rng = random.Random(cycle.year)
    favoured = set(Office.objects.filter(code__in=FAVOURITES).values_list("pk", flat=True))
    logins = {p.pk for _label, p in people_demo.demo_logins()}
    people = [p for p in selectors.electorate(vote).order_by("pk") if p.pk not in logins]
    cast = 0
    for n, person in enumerate(people[: len(people) * 2 // 3]):
        voter = selectors.voter_for(vote, person)
        allowed = list(selectors.ballot_proposals(vote, voter)) if voter else []
        day = cal.add_working_days(step4.planned_start, 1 + n % 12)
        if allowed and day <= today and story.moment(day, time(9 + n % 7)) <= timezone.now():
            with story.on(day, time(9 + n % 7, n % 60)):
                chosen = _choices(rng, allowed, vote, favoured)
                ballots.cast_ballot(vote, voter=voter, proposal_ids=chosen, today=day)
            cast += 1
    stdout.write(f"voting: vote opened, {cast} ballots cast\n")
    return vote


def _announce(cycle, vote, can, stdout, plan):
    step5 = cycle.steps.get(number=5)
    if vote is None or step5.planned_start > timezone.localdate():
        return
    if vote.status == Vote.Status.OPEN:  # at the end of the vote's last day
        with story.on(cycle.steps.get(number=4).due, time(16, 30)):
            vote = results.close_vote(vote, by=can)
    if vote.status != Vote.Status.CLOSED:
        return
    with story.on(step5.planned_start, time(10, 0)):
        tally = selectors.tally(vote)
        if tally.has_tie and selectors.winners(vote) is None:
            results.decide_tie(
                vote,
                by=can,
                chosen_ids=[p.pk for p in tally.tied[: tally.open_seats]],
                reason="Diputuskan CAN: usulan kantor yang lebih dahulu mengusulkan.",
            )
        winners = selectors.winners(vote)
        dates = {e.host: e.date for e in plan.events} if plan else {}
        cal = WorkingCalendar.load(cycle.province_id)
        spare = selectors.earliest_event_date(vote, today=step5.planned_start)
        entries = {}
        for n, w in enumerate(winners):
            day = dates.pop(w.proposal.office.code, None) or cal.add_working_days(spare, 40 * n + 1)
            entries[w.proposal.pk] = {"event_date": day}
        if not SelectedTheme.objects.filter(cycle=cycle).exists():
            results.save_selections(vote, by=can, entries=entries, today=step5.planned_start)
        results.announce_results(vote, by=can, today=step5.planned_start)
    days = sorted(e["event_date"] for e in entries.values())
    stdout.write("voting: results announced; events on " + ", ".join(map(str, days)) + "\n")


def seed(cycle, stdout) -> None:
    can = people_demo.province_role_holder(cycle, Role.CAN_COORDINATOR, Role.CAN_MEMBER)
    if can is None:
        stdout.write("voting: no CAN member in the demo cycle's province; nothing seeded")
        return
    cc = people_demo.province_role_holder(cycle, Role.CC) or can
    plan = story.plan_for(cycle)
    _concept(cycle, can, cc)
    _proposals(cycle, can, stdout)
    vote = _vote(cycle, can, stdout)
    _announce(cycle, vote, can, stdout, plan)
