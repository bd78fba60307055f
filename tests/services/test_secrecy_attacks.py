"""The secret ballot and the anonymous ratings against a reader of PostgreSQL: forty known voters
(fifteen raters), each with a choice of their own, cast one by one and mixed as the worker mixes.

During the vote no counted ballot shares a transaction (xmin) with a voter record, and each
mixing transaction holds at least five ballots: a reader can at best tell the batch. After the
close, the xmin join, the physical order (ctid), the id order, the order of `pg_dump --data-only`
and the HMAC of each voter under SECRET_KEY link no more voters than a random pairing would.
A worker killed in the middle of a mix leaves every ballot counted exactly once."""

import shutil
import subprocess

import pytest
from django.conf import settings

from evaluations.models import PresenterRating, RaterRecord
from tests.factories import EmployeeFactory
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
from tests.services.conftest import WorkerProcess, wait_until
from voting import selectors
from voting.models import Ballot, BallotBoxEntry, BallotChoice, VoterRecord
from voting.selectors import voter_for
from voting.services import results
from voting.services.ballots import cast_ballot

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def choices_of_ballots() -> dict:
    chosen = {}
    for ballot_id, proposal_id in BallotChoice.objects.values_list("ballot_id", "proposal_id"):
        chosen.setdefault(str(ballot_id).replace("-", ""), []).append(proposal_id)
    return {ballot: tuple(sorted(pks)) for ballot, pks in chosen.items()}


def dump_order(table: str, column: int) -> list[str]:
    """The rows of `table` in the order `pg_dump --data-only` writes them (column `column`)."""
    db = settings.DATABASES["default"]
    out = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "-t",
            table,
            "-h",
            str(db.get("HOST") or "127.0.0.1"),
            "-p",
            str(db.get("PORT") or 5432),
            "-U",
            str(db.get("USER") or "postgres"),
            db["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    body = out.split(f"COPY public.{table} ", 1)[1].split("\n", 1)[1].split("\n\\.", 1)[0]
    return [line.split("\t")[column] for line in body.splitlines() if line]


def test_during_the_vote_a_reader_can_tell_at_best_the_batch(can_member):
    vote, themes = open_vote_with_themes(can_member)
    cast_known_ballots(vote, themes)
    voter_xmins = {r[0] for r in rows("SELECT xmin::text FROM voting_voterrecord")}
    batches = {}
    for xmin, ballot_id in rows("SELECT xmin::text, id FROM voting_ballot"):
        batches.setdefault(xmin, []).append(ballot_id)
    assert sum(len(b) for b in batches.values()) == VOTERS
    assert not voter_xmins & set(batches)  # no ballot was written by a voter's transaction
    assert all(len(batch) >= 5 for batch in batches.values()), batches
    assert not BallotBoxEntry.objects.exists()


def test_after_the_close_no_attack_links_more_voters_than_chance(can_member):
    vote, themes = open_vote_with_themes(can_member)
    truth = cast_known_ballots(vote, themes)
    results.close_vote(vote, by=can_member)
    ballots = choices_of_ballots()
    assert len(ballots) == VOTERS
    limit = CHANCE_LIMIT[VOTERS]

    by_xmin = {}
    for xmin, ballot_id in rows("SELECT xmin::text, id::text FROM voting_ballot"):
        by_xmin.setdefault(xmin, []).append(ballot_id)
    joined = {}
    for key, xmin in rows("SELECT voter_key, xmin::text FROM voting_voterrecord"):
        for ballot_id in by_xmin.get(xmin, [])[:1]:
            joined[key] = ballots[ballot_id.replace("-", "")]
    attacks = {"xmin join": links(joined, truth)}
    for name, voter_order, ballot_order in (
        ("ctid", "ctid", "ctid"),
        ("id", "id", "id"),
        ("day of voting", "voted_on, ctid", "ctid"),
    ):
        voters = [
            r[0] for r in rows(f"SELECT voter_key FROM voting_voterrecord ORDER BY {voter_order}")
        ]
        order = [
            str(r[0]).replace("-", "")
            for r in rows(f"SELECT id FROM voting_ballot ORDER BY {ballot_order}")
        ]
        attacks[name] = links(pair_in_order(voters, [ballots[b] for b in order]), truth)
    if shutil.which("pg_dump"):
        voters = dump_order(VoterRecord._meta.db_table, 2)  # id, vote_id, voter_key, ...
        order = [b.replace("-", "") for b in dump_order(Ballot._meta.db_table, 0)]
        attacks["pg_dump order"] = links(pair_in_order(voters, [ballots[b] for b in order]), truth)
    assert all(found <= limit for found in attacks.values()), attacks

    receipts = {old_receipt(vote.pk, key) for key in truth}
    stored = set()
    for table in ("voting_ballot", "voting_ballotchoice", "voting_ballotboxentry"):
        for row in rows(f"SELECT * FROM {table}"):
            stored |= {str(value) for value in row}
    assert not receipts & stored  # the HMAC of a voter under SECRET_KEY finds nothing


def test_after_the_form_closes_no_attack_links_raters_to_ratings(can_member):
    truth = closed_form_with_known_ratings()
    assert PresenterRating.objects.count() == RaterRecord.objects.count() == RATERS
    records, ratings = RaterRecord._meta.db_table, PresenterRating._meta.db_table
    attacks = {}
    for order in ("ctid", "id"):
        raters = [r[0] for r in rows(f"SELECT employee_id FROM {records} ORDER BY {order}")]
        given = [
            tuple(r) for r in rows(f"SELECT mastery, delivery FROM {ratings} ORDER BY {order}")
        ]
        attacks[order] = links(pair_in_order(raters, given), truth)
    by_xmin = {}
    for xmin, mastery, delivery in rows(f"SELECT xmin::text, mastery, delivery FROM {ratings}"):
        by_xmin.setdefault(xmin, []).append((mastery, delivery))
    joined = {
        rater: by_xmin[xmin][0]
        for rater, xmin in rows(f"SELECT employee_id, xmin::text FROM {records}")
        if xmin in by_xmin
    }
    attacks["xmin join"] = links(joined, truth)
    assert all(found <= CHANCE_LIMIT[RATERS] for found in attacks.values()), attacks


def test_a_worker_killed_mid_mix_leaves_every_ballot_counted_once(
    can_member, celery_worker_process, tmp_path
):
    from voting.tasks import mix_ballot_box

    vote, themes = open_vote_with_themes(can_member)
    people = EmployeeFactory.create_batch(5)
    for n, person in enumerate(people):
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[themes[n % 2].pk])
    assert BallotBoxEntry.objects.count() == 5
    worker = celery_worker_process
    base = worker.env
    worker.env = lambda: {**base(), "SERAWAI_TEST_MIX_DELAY": "30"}
    worker.start()
    mix_ballot_box.delay(vote.pk)

    def mixing():  # the worker's mix has written the ballots and waits before its commit
        return rows(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON l.relation = c.oid"
            " WHERE c.relname = 'voting_ballot' AND l.mode = 'RowExclusiveLock'"
            " AND l.pid <> pg_backend_pid()"
        )[0][0]

    assert wait_until(mixing, timeout=120), worker.log()[-3000:]
    worker.kill()
    assert not Ballot.objects.exists() and BallotBoxEntry.objects.count() == 5  # rolled back

    restarted = WorkerProcess(tmp_path / "worker-restarted.log").start()
    try:
        mix_ballot_box.delay(vote.pk)
        assert wait_until(lambda: not BallotBoxEntry.objects.exists(), timeout=120), (
            restarted.log()[-3000:]
        )
    finally:
        restarted.stop()
    results.close_vote(vote, by=can_member)
    counts = {row.proposal.pk: row.votes for row in selectors.tally(vote).rows}
    assert counts[themes[0].pk] == 3 and counts[themes[1].pk] == 2
    assert Ballot.objects.filter(vote=vote).count() == 5
