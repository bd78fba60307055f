"""Building blocks for the voting tests: a cycle at a given stage, proposals, an open vote."""

from datetime import timedelta

from django.utils import timezone

from cycles.models import Concept, CycleStep
from cycles.services.cycle import complete_step, create_cycle
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, office, province
from voting.models import ProposedSpeaker, ThemeProposal, Vote

CONCEPT_TEXT = {
    "background": "Berbagi pengetahuan antarpegawai memperkuat budaya belajar.",
    "aims": "Meningkatkan kompetensi statistik pegawai BPS se-Provinsi Bengkulu.",
    "format": "Kegiatan daring dan luring selama dua jam.",
    "selection_rules": "Tema dipilih melalui pemungutan suara rahasia.",
}


def make_cycle(start=None, **settings):
    today = timezone.localdate()
    return create_cycle(province=province(), year=today.year, start_date=start or today, **settings)


def agree_concept(cycle, **fields):
    values = {**CONCEPT_TEXT, "status": Concept.Status.AGREED, **fields}
    return Concept.objects.create(cycle=cycle, **values)


def open_proposals(cycle, by, **concept_fields):
    """Steps 1-2 done (without the letter): proposals are open until step 3's due date."""
    agree_concept(cycle, **concept_fields)
    for number in (1, 2):
        complete_step(cycle.steps.get(number=number), by=by)
    return cycle


def set_due(cycle, number, due):
    CycleStep.objects.filter(cycle=cycle, number=number).update(due=due)


def make_ca(code):
    person = EmployeeFactory(office=office(code))
    give_role(person, RoleAssignment.Role.CA, office(code))
    return person


def make_proposal(cycle, code, title, speaker=None):
    proposal = ThemeProposal.objects.create(
        cycle=cycle,
        office=office(code),
        title=title,
        abstract="Ringkasan " + title,
        relevance="Manfaat " + title,
        preferred_quarter=2,
    )
    ProposedSpeaker.objects.create(
        proposal=proposal,
        employee=speaker,
        external_name="" if speaker else "Dr. Narasumber Luar",
        external_institution="" if speaker else "Universitas Bengkulu",
    )
    return proposal


def make_open_vote(cycle, by, *, days=10, **settings):
    """A vote opened directly (no letter): for tests of the ballot itself."""
    values = {
        "electorate": Concept.Electorate.EMPLOYEES,
        "choices_per_ballot": 3,
        "exclude_own_office": False,
        **settings,
    }
    return Vote.objects.create(
        cycle=cycle,
        closes_on=timezone.localdate() + timedelta(days=days),
        status=Vote.Status.OPEN,
        opened_by=by,
        **values,
    )


def fuzz_proposals(cycle):
    """Proposals for the form fuzz test (tests/test_forms_fuzz.py) of the voting forms."""
    return [make_proposal(cycle, code, f"Tema Uji {code}") for code in ("1701", "1702", "1703")]


def fuzz_winner(cycle):
    from voting.selectors import Winner

    return Winner(proposal=make_proposal(cycle, "1704", "Tema Terpilih Uji"), votes=3, rank=1)
