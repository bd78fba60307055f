"""Step 4 on PostgreSQL: one voter submitting the ballot from twenty connections at once still
leaves exactly one voter record and one ballot in the box (the database enforces it, not the
view); the nineteen others are told that a cast ballot is final."""

import pytest

from common.scopes import province_scope
from tests.factories import EmployeeFactory, ensure_offices
from tests.services.conftest import all_at_once
from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals
from voting.models import BallotBoxEntry, BallotChoice, VoterRecord
from voting.selectors import voter_for
from voting.services import results
from voting.services.ballots import BallotError, cast_ballot

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

THREADS = 20


def test_twenty_concurrent_submits_of_one_voter_store_exactly_one_ballot(can_member):
    ensure_offices()
    cycle = open_proposals(make_cycle(), can_member)
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in ("1701", "1702", "1703")]
    vote = make_open_vote(cycle, can_member)
    person = EmployeeFactory()
    voter = voter_for(vote, person)
    refused = []

    def submit(n):
        try:
            # Each thread is one of the voter's requests: read in their province's scope.
            with province_scope(person):
                cast_ballot(vote, voter=voter, proposal_ids=[themes[n % 3].pk])
        except BallotError as exc:
            refused.append(str(exc))

    assert all_at_once(THREADS, submit) == []
    assert len(refused) == THREADS - 1
    assert all("sudah memberikan suara" in message for message in refused)
    assert VoterRecord.objects.filter(vote=vote).count() == 1
    assert BallotBoxEntry.objects.filter(vote=vote).count() == 1
    results.close_vote(vote, by=can_member)  # the close mixes it: one ballot, one choice
    assert BallotChoice.objects.filter(ballot__vote=vote).count() == 1
