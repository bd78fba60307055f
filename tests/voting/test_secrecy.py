"""Secret ballot: no page, export or admin view links a person to their choices."""

import pytest
from django.urls import reverse

from tests.factories import EmployeeFactory, office
from tests.voting.helpers import make_open_vote, make_proposal
from tests.voting.test_proposals import login
from voting.models import Ballot, VoterRecord
from voting.services import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(client, cycle, can_member):
    """Two named voters with different choices, then the vote closed."""
    themes = [make_proposal(cycle, c, f"Tema Rahasia {c}") for c in ("1701", "1702", "1703")]
    vote = make_open_vote(cycle, can_member)
    ani = EmployeeFactory(full_name="Ani Pemilih Unik", office=office("1701"))
    dodi = EmployeeFactory(full_name="Dodi Pemilih Unik", office=office("1702"))
    for person, chosen in ((ani, [themes[0]]), (dodi, [themes[1], themes[2]])):
        login(client, person)
        client.post(
            reverse("voting:ballot"),
            {"choices": [str(t.pk) for t in chosen], "confirmed": "yes"},
        )
    assert VoterRecord.objects.count() == 2
    results.close_vote(vote, by=can_member)
    return vote, themes, (ani, dodi)


def names_and_nips(people):
    return [p.full_name for p in people] + [p.nip for p in people]


def test_results_turnout_and_exports_never_name_a_voter(client, voted, can_member):
    _vote, themes, people = voted
    login(client, can_member)
    for url in (
        reverse("voting:results"),
        reverse("voting:turnout"),
        reverse("voting:proposals"),
        reverse("voting:proposals_xlsx"),
    ):
        body = client.get(url).content.decode("latin-1")
        for text in names_and_nips(people):
            assert text not in body, (url, text)
    page = client.get(reverse("voting:results")).content.decode()
    assert "Tema Rahasia 1701" in page  # the counts are there, the people are not


def test_admin_shows_who_voted_and_what_was_chosen_but_never_together(client, voted):
    _vote, themes, people = voted
    admin = EmployeeFactory(is_staff=True, is_superuser=True)
    login(client, admin)
    ballot_pages = [reverse("admin:voting_ballot_changelist")] + [
        reverse("admin:voting_ballot_change", args=[b.pk]) for b in Ballot.objects.all()
    ]
    for url in ballot_pages:
        body = client.get(url).content.decode()
        for text in names_and_nips(people):
            assert text not in body, (url, text)
    chosen = "".join(client.get(u).content.decode() for u in ballot_pages[1:])
    assert "Tema Rahasia 1701" in chosen  # the admin does show what was chosen
    record_pages = [reverse("admin:voting_voterrecord_changelist")] + [
        reverse("admin:voting_voterrecord_change", args=[r.pk]) for r in VoterRecord.objects.all()
    ]
    for url in record_pages:
        body = client.get(url).content.decode()
        assert "Tema Rahasia" not in body, url
    assert "Ani Pemilih Unik" in client.get(record_pages[0]).content.decode()


def test_nobody_sees_a_cast_ballots_choices_not_even_the_voter(client, voted):
    vote, _themes, (ani, _dodi) = voted
    vote.status = vote.Status.OPEN
    vote.save()
    login(client, ani)
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara pada" in page and "checked" not in page
    login(client, EmployeeFactory(office=office("1703")))
    page = client.get(reverse("voting:ballot")).content.decode()
    assert "Anda sudah memberikan suara" not in page and "checked" not in page
