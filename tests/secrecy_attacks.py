"""Attacks on the secret ballot and the anonymous ratings, as a reader of the database would try
them: pair the n-th who-voted row with the n-th ballot in some order of the rows, or join them on
a column both share. Each attack returns {voter: ballot}; `links` counts how many of those pairs
are right, given what each voter really chose (the tests give every voter a choice of their own).
"""

import hashlib
import hmac
import itertools

from django.conf import settings
from django.db import connection

VOTERS = 40
RATERS = 15

# A random pairing of n voters with n ballots gets about one pair right; more than this many out
# of forty (or, for ratings, fifteen) would happen by chance less than once in a thousand runs.
CHANCE_LIMIT = {40: 7, 15: 6}


def distinct_choices(proposal_ids, n: int, most: int = 3) -> list[tuple]:
    """`n` different non-empty sets of at most `most` proposals, each a voter's own."""
    sets = [
        combo
        for k in range(1, most + 1)
        for combo in itertools.combinations(sorted(proposal_ids), k)
    ]
    assert len(sets) >= n, "not enough proposals for distinct ballots"
    return sets[:n]


def pair_in_order(voters: list, ballots: list) -> dict:
    """The n-th voter with the n-th ballot."""
    return dict(zip(voters, ballots, strict=False))


def links(pairs: dict, truth: dict) -> int:
    """How many voter -> ballot pairs are right: the ballot holds what the voter chose."""
    return sum(1 for voter, ballot in pairs.items() if truth.get(voter) == ballot)


def old_receipt(vote_id: int, voter_key: str) -> str:
    """The HMAC of the voter under SECRET_KEY that ballots once carried."""
    message = f"serawai-ballot:v1:{vote_id}:{voter_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def rows(sql: str, params=()) -> list:
    """What a reader of the database sees: the rows of a raw query."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- the known ballots and ratings the attacks are tried on -------------------------------------


def open_vote_with_themes(can_member):
    """An open vote of this year's cycle on seven themes, one per kab/kota 1701-1707."""
    from tests.factories import ensure_offices
    from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals

    ensure_offices()
    cycle = open_proposals(make_cycle(), can_member)
    codes = ("1701", "1702", "1703", "1704", "1705", "1706", "1707")
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in codes]
    return make_open_vote(cycle, can_member), themes


def cast_known_ballots(vote, themes) -> dict:
    """VOTERS employees cast a choice of their own, mixed as the worker mixes after each ballot;
    returns {voter key: the proposals chosen}."""
    from tests.factories import EmployeeFactory
    from voting.selectors import voter_for
    from voting.services.ballots import cast_ballot, mix_ballots

    truth = {}
    for person, chosen in zip(
        EmployeeFactory.create_batch(VOTERS),
        distinct_choices([t.pk for t in themes], VOTERS),
        strict=True,
    ):
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=chosen)
        mix_ballots(vote)  # as the worker does after each ballot
        truth[f"employee:{person.pk}"] = tuple(chosen)
    return truth


def closed_form_with_known_ratings() -> dict:
    """RATERS attendees rate one speaker, each with a (mastery, delivery) pair of their own,
    mixed as the worker mixes after each; then the form closes. Returns {rater pk: the pair}."""
    from evaluations.models import PresenterEvaluation
    from evaluations.services.rating_box import close_form, mix_ratings
    from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
    from tests.evaluations.conftest import add_speaker, attend, make_event
    from tests.factories import ensure_offices
    from tests.voting.helpers import make_cycle

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
    return truth
