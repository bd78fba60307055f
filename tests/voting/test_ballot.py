"""Step 4: the secret ballot, as voters, the CAN and everyone else meet it in the browser."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cycles.models import Concept
from tests.factories import EmployeeFactory, office
from tests.voting.helpers import make_open_vote, make_proposal
from tests.voting.test_proposals import login
from voting.ballots import receipt_for, voter_for
from voting.models import Ballot, BallotChoice, VoterRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(cycle):
    return [
        make_proposal(cycle, code, f"Tema {code}")
        for code in ("1701", "1702", "1703", "1704", "1771")
    ]


@pytest.fixture
def vote(cycle, can_member, themes):
    return make_open_vote(cycle, can_member)


def cast(client, *proposals):
    return client.post(reverse("voting:ballot"), {"choices": [str(p.pk) for p in proposals]})


def nothing_stored():
    return not (
        VoterRecord.objects.exists() or Ballot.objects.exists() or BallotChoice.objects.exists()
    )


def test_employee_votes_and_may_change_the_ballot_until_the_deadline(
    client, vote, themes, employee
):
    login(client, employee)
    assert cast(client, themes[0], themes[1]).status_code == 302
    assert cast(client, themes[2]).status_code == 302
    assert VoterRecord.objects.get().voter == employee
    ballot = Ballot.objects.get()
    assert [c.proposal for c in ballot.choices.all()] == [themes[2]]
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara" in page
    checked = re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', page)
    assert checked == [str(themes[2].pk)]


def test_a_voter_sees_only_their_own_choices_ticked(client, vote, themes, employee):
    other = EmployeeFactory(office=employee.office)
    login(client, employee)
    assert cast(client, themes[0], themes[3]).status_code == 302
    login(client, other)
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara" not in page
    assert re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', page) == []
    login(client, employee)
    page = client.get(reverse("voting:ballot")).content.decode()
    ticked = re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', page)
    assert sorted(ticked) == sorted([str(themes[0].pk), str(themes[3].pk)])


def test_employee_cannot_vote_twice_even_with_two_ballots_in_the_database(vote, themes, employee):
    from voting.ballots import cast_ballot

    voter = voter_for(vote, employee)
    cast_ballot(vote, voter=voter, proposal_ids=[themes[0].pk])
    cast_ballot(vote, voter=voter, proposal_ids=[themes[1].pk])
    assert VoterRecord.objects.count() == 1
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    "choices, message",
    [
        ([], "Pilih sedikitnya satu tema."),
        ("four", "Pilih paling banyak 3 tema; Anda memilih 4."),
        (["999999"], "tidak ada dalam surat suara Anda"),
        (["abc"], "tidak ada dalam surat suara Anda"),
    ],
)
def test_bad_ballots_get_a_form_message_and_store_nothing(
    client, vote, themes, employee, choices, message
):
    if choices == "four":
        choices = [str(p.pk) for p in themes[:4]]
    login(client, employee)
    response = client.post(reverse("voting:ballot"), {"choices": choices})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert nothing_stored()


def test_a_proposal_of_another_cycle_is_a_forged_choice(client, vote, themes, employee, can_member):
    from cycles.services import create_cycle
    from tests.factories import province

    other = create_cycle(
        province=province(), year=vote.cycle.year - 1, start_date=timezone.localdate()
    )
    foreign = make_proposal(other, "1701", "Tema tahun lalu")
    login(client, employee)
    response = cast(client, foreign)
    assert "tidak ada dalam surat suara Anda" in response.content.decode()
    assert nothing_stored()


def test_a_ballot_after_the_deadline_is_refused(client, vote, themes, employee):
    vote.closes_on = timezone.localdate() - timedelta(days=1)
    vote.save()
    login(client, employee)
    response = cast(client, themes[0])
    assert "sudah lewat" in response.content.decode()
    assert nothing_stored()


def test_a_ballot_after_the_close_is_refused(client, vote, themes, employee):
    vote.status = vote.Status.CLOSED
    vote.save()
    login(client, employee)
    response = cast(client, themes[0])
    assert "Pemungutan suara sudah ditutup." in response.content.decode()
    assert nothing_stored()


def test_own_office_rule_takes_own_proposals_off_the_ballot(client, cycle, can_member, themes):
    vote = make_open_vote(cycle, can_member, exclude_own_office=True)
    voter = EmployeeFactory(office=office("1701"))
    login(client, voter)
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Tema 1701" not in page and "Tema 1702" in page
    response = cast(client, themes[0])
    assert "tidak ada dalam surat suara Anda" in response.content.decode()
    assert nothing_stored()
    assert vote.exclude_own_office


def test_proposals_are_shown_in_a_random_order_per_voter(client, vote, themes):
    orders = set()
    for _n in range(6):
        person = EmployeeFactory()
        login(client, person)
        page = client.get(reverse("voting:ballot")).content.decode()
        order = tuple(sorted(themes, key=lambda p: page.index(f"Tema {p.office.code}")))
        again = client.get(reverse("voting:ballot")).content.decode()
        assert order == tuple(sorted(themes, key=lambda p: again.index(f"Tema {p.office.code}")))
        orders.add(order)
    assert len(orders) > 1


def test_one_ballot_per_office_cast_by_its_ca(client, cycle, can_member, themes, ca_1701, employee):
    make_open_vote(cycle, can_member, electorate=Concept.Electorate.OFFICES)
    login(client, employee)
    assert client.get(reverse("voting:ballot")).status_code == 404
    second_ca = EmployeeFactory(office=office("1701"))
    from organization.models import RoleAssignment
    from tests.factories import give_role

    give_role(second_ca, RoleAssignment.Role.CA, office("1701"))
    login(client, ca_1701)
    cast(client, themes[1])
    login(client, second_ca)
    cast(client, themes[2])
    record = VoterRecord.objects.get()
    assert record.office.code == "1701"
    assert [c.proposal for c in Ballot.objects.get().choices.all()] == [themes[2]]


def test_turnout_is_visible_to_all_while_counts_stay_hidden(
    client, vote, themes, employee, can_member
):
    voter = EmployeeFactory(office=office("1702"))
    login(client, voter)
    cast(client, themes[0])
    login(client, employee)
    turnout = client.get(reverse("voting:turnout")).content.decode()
    assert "1 dari" in turnout and "BPS Kab. Rejang Lebong" in turnout
    results = client.get(reverse("voting:results")).content.decode()
    assert "dirahasiakan" in results
    assert 'id="tally"' not in results
    login(client, can_member)
    results = client.get(reverse("voting:results")).content.decode()
    assert 'id="tally"' in results and "Hasil sementara, hanya terlihat oleh CAN." in results


def test_only_the_can_closes_the_vote(client, vote, employee, ca_1701, cc):
    for person in (employee, ca_1701, cc):
        login(client, person)
        assert client.post(reverse("voting:close")).status_code == 404
    vote.refresh_from_db()
    assert vote.is_open


def test_the_ballot_is_found_again_only_through_the_server_secret(vote, themes, employee, settings):
    from voting.ballots import cast_ballot

    voter = voter_for(vote, employee)
    cast_ballot(vote, voter=voter, proposal_ids=[themes[0].pk])
    ballot = Ballot.objects.get()
    assert ballot.receipt == receipt_for(vote, voter.key)
    assert len(ballot.receipt) == 64 and employee.nip not in ballot.receipt
    settings.SECRET_KEY = "another-server-secret-" + "x" * 40
    assert receipt_for(vote, voter.key) != ballot.receipt
    field_names = {f.name for f in Ballot._meta.get_fields()} | {
        f.name for f in BallotChoice._meta.get_fields()
    }
    assert not field_names & {"voter", "voter_key", "created_at", "updated_at", "office"}


def test_a_theme_title_with_markup_is_shown_as_text_on_the_ballot(client, cycle, can_member):
    hostile = make_proposal(cycle, "1702", '<script>alert(1)</script> & "Tema"')
    make_proposal(cycle, "1703", "Tema biasa")
    make_open_vote(cycle, can_member)
    login(client, EmployeeFactory(office=office("1701")))
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "<script>alert(1)" not in page
    label = re.search(
        rf'value="{hostile.pk}" id="id_choices_(\d+)"[^>]*><label[^>]*>([^<]*)<', page
    )
    assert label and label.group(2).startswith("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ")


def test_the_ballots_kept_parts_follow_the_language_and_the_votes_terms(client, vote, employee):
    """The intro, legend, help text and button are kept rendered per process (serawai/fragments):
    a new deadline, another number of choices or another language shows at once."""
    login(client, employee)
    url = reverse("voting:ballot")
    page = client.get(url).content.decode()
    assert "Pilih paling banyak 3 tema." in page and "Simpan suara" in page
    assert date_format(vote.closes_on) in page
    vote.closes_on += timedelta(days=3)
    vote.choices_per_ballot = 2
    vote.save()
    page = client.get(url).content.decode()
    assert date_format(vote.closes_on) in page
    assert "pilih paling banyak 2 tema sampai" in page and "Pilih paling banyak 2 tema." in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Choose at most 2 themes." in page and "Save vote" in page
    assert "Your chosen themes" in page and "Participation per office" in page
    assert "Pilih paling banyak" not in page
