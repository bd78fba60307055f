"""The secret ballot and the anonymous ratings against a reader of the SQLite database after the
close: forty known voters, each with a choice of their own, then every order of the rows an
attacker can read (rowid, id, the day of voting) and the HMAC of each voter under SECRET_KEY.
None links more voters than a random pairing would. The same attacks on PostgreSQL, with xmin,
ctid and pg_dump, are in tests/services/test_secrecy_attacks.py."""

import pytest

from evaluations.models import PresenterRating, RaterRecord
from tests.secrecy_attacks import (
    CHANCE_LIMIT,
    RATERS,
    VOTERS,
    cast_known_ballots,
    closed_form_with_known_ratings,
    links,
    old_receipt,
    open_vote_with_themes,
    pair_in_order,
    rows,
)
from voting.models import BallotChoice, VoterRecord
from voting.services import results

pytestmark = pytest.mark.django_db(transaction=True)

RECORDS, RATINGS = RaterRecord._meta.db_table, PresenterRating._meta.db_table


def ballots_by(order: str) -> list[tuple]:
    """Every counted ballot's choices, the ballots in the given SQL order."""
    chosen = {}
    for ballot_id, proposal_id in BallotChoice.objects.values_list("ballot_id", "proposal_id"):
        chosen.setdefault(ballot_id, []).append(proposal_id)
    ids = [row[0] for row in rows(f"SELECT id FROM voting_ballot ORDER BY {order}")]
    return [tuple(sorted(chosen[BallotChoice.ballot.field.to_python(i)])) for i in ids]


@pytest.fixture
def closed_vote(can_member):
    vote, themes = open_vote_with_themes(can_member)
    truth = cast_known_ballots(vote, themes)
    results.close_vote(vote, by=can_member)
    return vote, truth


def test_no_order_of_the_rows_links_voters_to_ballots_after_the_close(closed_vote):
    vote, truth = closed_vote
    assert BallotChoice.objects.values("ballot_id").distinct().count() == VOTERS
    limit = CHANCE_LIMIT[VOTERS]
    for voter_order, ballot_order in (
        ("rowid", "rowid"),  # the order the rows were written in
        ("id", "id"),
        ("voted_on, rowid", "rowid"),  # the time of voting (the day only)
    ):
        voters = [
            row[0]
            for row in rows(f"SELECT voter_key FROM voting_voterrecord ORDER BY {voter_order}")
        ]
        found = links(pair_in_order(voters, ballots_by(ballot_order)), truth)
        assert found <= limit, (voter_order, found)


def test_no_stored_value_is_the_voters_hmac_under_the_secret_key(closed_vote):
    vote, truth = closed_vote
    receipts = {old_receipt(vote.pk, key) for key in truth}
    stored = set()
    for table in ("voting_ballot", "voting_ballotchoice", "voting_ballotboxentry"):
        for row in rows(f"SELECT * FROM {table}"):
            stored |= {str(value) for value in row}
    assert not receipts & stored
    assert VoterRecord.objects.filter(vote=vote).count() == VOTERS


def test_no_order_of_the_rows_links_raters_to_their_ratings_after_the_form_closes():
    truth = closed_form_with_known_ratings()
    assert PresenterRating.objects.count() == RaterRecord.objects.count() == RATERS
    for order in ("rowid", "id"):
        raters = [
            r[0] for r in rows(f"SELECT employee_id FROM evaluations_raterrecord ORDER BY {order}")
        ]
        given = [
            tuple(r)
            for r in rows(
                f"SELECT mastery, delivery FROM evaluations_presenterrating ORDER BY {order}"
            )
        ]
        found = links(pair_in_order(raters, given), truth)
        assert found <= CHANCE_LIMIT[RATERS], (order, found)
