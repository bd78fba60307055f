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
