"""The secret ballot and the anonymous ratings against a reader of the SQLite database after the
close: forty known voters, each with a choice of their own, then every order of the rows an
attacker can read (rowid, id, the day of voting) and the HMAC of each voter under SECRET_KEY.
None links more voters than a random pairing would. The same attacks on PostgreSQL, with xmin,
ctid and pg_dump, are in tests/services/test_secrecy_attacks.py."""

import pytest

from evaluations.models import PresenterEvaluation, PresenterRating, RaterRecord
from evaluations.services.rating_box import close_form, mix_ratings
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
from tests.evaluations.conftest import add_speaker, attend, make_event
from tests.factories import EmployeeFactory, ensure_offices
from tests.secrecy_attacks import (
    CHANCE_LIMIT,
    distinct_choices,
    links,
    old_receipt,
    pair_in_order,
    rows,
)
from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals
from voting.models import BallotChoice, VoterRecord
from voting.selectors import voter_for
from voting.services import results
from voting.services.ballots import cast_ballot, mix_ballots

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 40
RATERS = 15
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
    ensure_offices()
    cycle = open_proposals(make_cycle(), can_member)
    codes = ("1701", "1702", "1703", "1704", "1705", "1706", "1707")
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in codes]
    vote = make_open_vote(cycle, can_member)
    truth = {}
    for person, chosen in zip(
        EmployeeFactory.create_batch(VOTERS),
        distinct_choices([t.pk for t in themes], VOTERS),
        strict=True,
    ):
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=chosen)
        mix_ballots(vote)  # as the worker does after each ballot
        truth[f"employee:{person.pk}"] = tuple(chosen)
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
    ensure_offices()
    event = make_event(make_cycle())
    speaker = add_speaker(event)
    people = attend(event, RATERS)
    open_presenter_evaluation(event)
    scores = distinct_choices(range(1, 6), RATERS, most=2)  # 5 singles, then 10 pairs
    truth = {}
    for person, chosen in zip(people, scores, strict=True):
        given = {
            "mastery": chosen[0],
            "delivery": chosen[-1],
            "relevance": 3,
            "time_management": 3,
            "interaction": 3,
        }
        rate_presenters(event=event, rater=person, ratings={speaker: given})
        mix_ratings(event.pk)
        truth[person.pk] = (given["mastery"], given["delivery"])
    close_form(PresenterEvaluation.objects.get(event=event))
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
