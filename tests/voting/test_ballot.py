"""Step 4: the secret ballot, as voters, the CAN and everyone else meet it in the browser."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from common import secrecy
from cycles.models import Concept
from tests.factories import EmployeeFactory, office
from tests.voting.helpers import make_open_vote, make_proposal
from tests.voting.test_proposals import login
from voting import selectors
from voting.models import Ballot, BallotBoxEntry, BallotChoice, VoterRecord
from voting.selectors import voter_for
from voting.services import results
from voting.services.ballots import BallotError, cast_ballot, mix_ballots

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
    """Tick the themes, confirm them on the page that shows them once more: the ballot is cast."""
    return client.post(
        reverse("voting:ballot"),
        {"choices": [str(p.pk) for p in proposals], "confirmed": "yes"},
    )


def refused(client, voter, proposal) -> str:
    """`voter` casts a ballot for `proposal`; it is refused and nothing is stored. The page."""
    login(client, voter)
    page = cast(client, proposal).content.decode()
    assert nothing_stored()
    return page


def nothing_stored():
    return not (
        VoterRecord.objects.exists()
        or BallotBoxEntry.objects.exists()
        or Ballot.objects.exists()
        or BallotChoice.objects.exists()
    )


def test_the_ballot_shows_the_choices_once_more_and_says_a_cast_ballot_is_final(
    client, vote, themes, employee
):
    login(client, employee)
    response = client.post(
        reverse("voting:ballot"), {"choices": [str(themes[0].pk), str(themes[3].pk)]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Periksa pilihan Anda" in page
    confirm = page[page.index('id="ballot-confirm"') : page.index("</section>")]
    assert "Tema 1701" in confirm and "Tema 1704" in confirm and "Tema 1702" not in confirm
    assert "tidak dapat diubah" in confirm
    assert nothing_stored()  # nothing is cast before the confirmation
    back = client.post(
        reverse("voting:ballot"), {"choices": [str(themes[0].pk)], "back": "yes"}
    ).content.decode()
    assert re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', back) == [str(themes[0].pk)]
    assert nothing_stored()
    assert cast(client, themes[0], themes[3]).status_code == 302
    assert VoterRecord.objects.get().voter == employee
    assert BallotBoxEntry.objects.count() == 1  # waits sealed for a mix


def test_a_cast_ballot_is_final_and_its_choices_are_shown_to_nobody(client, vote, themes, employee):
    login(client, employee)
    cast(client, themes[0], themes[1])
    response = cast(client, themes[2])
    assert response.status_code == 302
    assert VoterRecord.objects.count() == 1 and BallotBoxEntry.objects.count() == 1
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara pada" in page and "tidak dapat diubah" in page
    assert 'name="choices"' not in page  # no form, and the voter's choices are not shown
    assert "Tema 1701 —" not in page.split('id="ballot-cast"')[1].split("</div>")[0]


def test_employee_cannot_vote_twice_even_when_the_service_is_called_twice(vote, themes, employee):
    voter = voter_for(vote, employee)
    cast_ballot(vote, voter=voter, proposal_ids=[themes[0].pk])
    with pytest.raises(BallotError, match="sudah memberikan suara"):
        cast_ballot(vote, voter=voter, proposal_ids=[themes[1].pk])
    assert VoterRecord.objects.count() == 1
    assert BallotBoxEntry.objects.count() == 1


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
    from cycles.services.cycle import create_cycle
    from tests.factories import province

    other = create_cycle(
        province=province(), year=vote.cycle.year - 1, start_date=timezone.localdate()
    )
    foreign = make_proposal(other, "1701", "Tema tahun lalu")
    assert "tidak ada dalam surat suara Anda" in refused(client, employee, foreign)


def test_a_ballot_after_the_deadline_is_refused(client, vote, themes, employee):
    vote.closes_on = timezone.localdate() - timedelta(days=1)
    vote.save()
    assert "sudah lewat" in refused(client, employee, themes[0])


def test_a_ballot_after_the_close_is_refused(client, vote, themes, employee):
    vote.status = vote.Status.CLOSED
    vote.save()
    assert "Pemungutan suara sudah ditutup." in refused(client, employee, themes[0])


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
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara pada" in page  # their office has voted
    cast(client, themes[2])
    record = VoterRecord.objects.get()
    assert record.office.code == "1701" and record.voter == ca_1701
    assert BallotBoxEntry.objects.count() == 1


def test_while_the_vote_is_open_nobody_sees_counts_or_turnout_per_office(
    client, vote, themes, employee, can_member, can_coordinator
):
    voter = EmployeeFactory(office=office("1702"))
    login(client, voter)
    cast(client, themes[0])
    for person in (employee, can_member, can_coordinator):
        login(client, person)
        turnout = client.get(reverse("voting:turnout")).content.decode()
        assert "1 pemilih telah memberikan suara" in turnout
        assert "BPS Kab. Rejang Lebong" not in turnout  # no office while it is open
        results_page = client.get(reverse("voting:results")).content.decode()
        assert "dirahasiakan" in results_page and 'id="tally"' not in results_page
        assert reverse("voting:turnout") not in results_page


def test_the_number_of_voters_shown_changes_at_most_once_an_hour(client, vote, themes, can_member):
    for person in EmployeeFactory.create_batch(2):
        login(client, person)
        cast(client, themes[0])
        if VoterRecord.objects.count() == 1:
            login(client, can_member)
            page = client.get(reverse("voting:results")).content.decode()
            assert "1 pemilih telah memberikan suara" in page
    login(client, can_member)
    page = client.get(reverse("voting:results")).content.decode()
    assert "1 pemilih telah memberikan suara" in page  # the second ballot does not show yet
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        page = client.get(reverse("voting:results")).content.decode()
    assert "2 pemilih telah memberikan suara" in page


def test_ballots_wait_sealed_until_five_can_be_mixed_at_once(vote, themes):
    people = EmployeeFactory.create_batch(5)
    for person in people[:4]:
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[themes[1].pk])
    assert mix_ballots(vote) == 0 and not Ballot.objects.exists()
    sealed = BallotBoxEntry.objects.first().sealed
    assert f"[{themes[1].pk}]" not in sealed  # the box holds no readable choice
    assert secrecy.unseal(sealed) == [themes[1].pk]
    cast_ballot(vote, voter=voter_for(vote, people[4]), proposal_ids=[themes[2].pk])
    assert mix_ballots(vote) == 5
    assert not BallotBoxEntry.objects.exists()
    assert Ballot.objects.filter(vote=vote).count() == 5
    assert sorted(BallotChoice.objects.values_list("proposal_id", flat=True)) == sorted(
        [themes[1].pk] * 4 + [themes[2].pk]
    )


def test_the_close_mixes_every_waiting_ballot_and_writes_who_voted_anew(vote, themes, can_member):
    people = EmployeeFactory.create_batch(3)
    for n, person in enumerate(people):
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[themes[n].pk])
    before = set(VoterRecord.objects.values_list("pk", flat=True))
    results.close_vote(vote, by=can_member)
    assert not BallotBoxEntry.objects.exists()
    assert {row.proposal.pk: row.votes for row in selectors.tally(vote).rows if row.votes} == {
        themes[0].pk: 1,
        themes[1].pk: 1,
        themes[2].pk: 1,
    }
    records = VoterRecord.objects.filter(vote=vote)
    assert {r.voter for r in records} == set(people)
    assert not before & set(records.values_list("pk", flat=True))  # rewritten, new ids


def test_only_the_can_closes_the_vote(client, vote, employee, ca_1701, cc):
    for person in (employee, ca_1701, cc):
        login(client, person)
        assert client.post(reverse("voting:close")).status_code == 404
    vote.refresh_from_db()
    assert vote.is_open


def test_nothing_stored_with_a_ballot_is_computable_from_the_voter(vote, themes, employee):
    cast_ballot(vote, voter=voter_for(vote, employee), proposal_ids=[themes[0].pk])
    entry = BallotBoxEntry.objects.get()
    assert employee.nip not in entry.sealed
    assert secrecy.unseal(entry.sealed) == [themes[0].pk]  # the choices, nothing of the voter
    field_names = set()
    for model in (Ballot, BallotChoice, BallotBoxEntry):
        field_names |= {f.name for f in model._meta.get_fields()}
    assert not field_names & {
        "voter",
        "voter_key",
        "receipt",
        "created_at",
        "updated_at",
        "office",
    }
    assert {f.name for f in VoterRecord._meta.get_fields()} >= {"voted_on"}
    assert "voted_at" not in {f.name for f in VoterRecord._meta.get_fields()}


def test_a_theme_title_with_markup_is_shown_as_text_on_the_ballot(client, cycle, can_member):
    hostile = make_proposal(cycle, "1702", '<script>alert(1)</script> & "Tema"')
    make_proposal(cycle, "1703", "Tema biasa")
    make_open_vote(cycle, can_member)
    login(client, EmployeeFactory(office=office("1701")))
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "<script>alert(1)" not in page
    box = page[page.index(f'value="{hostile.pk}"') :]
    label = box[box.index("<label") : box.index("</label>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in label


def test_the_ballot_follows_the_language_and_the_votes_terms(client, vote, employee):
    login(client, employee)
    url = reverse("voting:ballot")
    page = client.get(url).content.decode()
    assert "Pilih paling banyak 3 tema." in page and "Lanjutkan" in page
    assert date_format(vote.closes_on) in page
    vote.closes_on += timedelta(days=3)
    vote.choices_per_ballot = 2
    vote.save()
    page = client.get(url).content.decode()
    assert date_format(vote.closes_on) in page
    assert "pilih paling banyak 2 tema sampai" in page and "Pilih paling banyak 2 tema." in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Choose at most 2 themes." in page and "Continue" in page
    assert "Your chosen themes" in page
    assert "Pilih paling banyak" not in page


def test_a_key_rotation_during_the_vote_loses_no_waiting_ballot(vote, themes, settings):
    people = EmployeeFactory.create_batch(5)
    for person in people[:2]:
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[themes[0].pk])
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-rotated-server-secret-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = [old]
    for person in people[2:]:
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[themes[1].pk])
    assert mix_ballots(vote) == 5  # sealed under either key, each counted once
    assert sorted(BallotChoice.objects.values_list("proposal_id", flat=True)) == sorted(
        [themes[0].pk] * 2 + [themes[1].pk] * 3
    )


def test_before_the_vote_opens_the_ballot_and_results_pages_say_so(client, cycle, employee):
    """The navigation links them all year: before the vote they answer, not a 404."""
    login(client, employee)
    for page in ("voting:ballot", "voting:results"):
        response = client.get(reverse(page))
        assert response.status_code == 200
        assert "Pemungutan suara belum dibuka" in response.content.decode()
