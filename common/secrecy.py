"""A ballot box that mixes: what a person chose is kept apart from who they are.

Secret ballots and anonymous presenter ratings (SOP.md "Voting", "Evaluation") are written in two
halves. The voter's transaction stores the who (a voter record, for turnout and "once each") and
drops the what into a box, sealed: encrypted under a key derived from SECRET_KEY, so a reader of
the database sees only that something waits. A mix, in a transaction of its own, takes at least
MIX_BATCH sealed entries (or all of them when the vote closes), opens them and writes them to the
counted table in a random order with random ids; the box rows are deleted and the box table is
rewritten (PostgreSQL VACUUM FULL; SQLite zeroes deleted content, secure_delete) so no dead row
keeps the voter's transaction beside the entry. At the close, the who and the counted what are
rewritten in shuffled order in one transaction: the order, the ids and the transaction ids of the
rows then say nothing about who chose what.

Nothing stored is computable from the voter: no HMAC of the voter, no voter-ordered id.
"""

import base64
import hashlib
import json
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import connection

MIX_BATCH = 5  # k: a mix never moves fewer entries than this, except at the close

_random = secrets.SystemRandom()


def _fernet(key: str) -> Fernet:
    digest = hashlib.sha256(b"serawai-ballot-box:v1:" + key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    """The current key first, then SECRET_KEY_FALLBACKS: a box filled before a key rotation is
    still opened after it, as long as the old key stays among the fallbacks."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(key) for key in keys])


def seal(payload) -> str:
    """The payload (JSON-able) encrypted for the box."""
    return _keys().encrypt(json.dumps(payload, separators=(",", ":")).encode()).decode()


class UnreadableEntry(Exception):
    """A box entry sealed under a key the server no longer has."""


def unseal(token: str):
    try:
        return json.loads(_keys().decrypt(token.encode()))
    except InvalidToken as exc:
        raise UnreadableEntry(str(exc)) from exc


def shuffled(items) -> list:
    """A copy of `items` in an order drawn from the operating system's randomness."""
    items = list(items)
    _random.shuffle(items)
    return items


def locked_for_casting(queryset):
    """`queryset` (the vote, the rating form) read under a row lock that the close's
    SELECT ... FOR UPDATE waits for (FOR NO KEY UPDATE on PostgreSQL; casters of one vote take
    turns, for the few milliseconds of their transaction): an entry is then either in the box
    before the close mixes it, or refused, as the row read here already says closed. SQLite
    serialises writers already (transaction_mode IMMEDIATE)."""
    return queryset.select_for_update(no_key=True, of=("self",))


def rewrite_shuffled(queryset, fields: list[str]) -> int:
    """Delete the rows of `queryset` and write them again, `fields` kept, in a random order and
    in this transaction: afterwards no row's position, id or transaction id follows the order in
    which the rows were first written. Returns the number of rows."""
    model = queryset.model
    rows = list(queryset.values(*fields))
    queryset.delete()
    model.objects.bulk_create(model(**row) for row in shuffled(rows))
    return len(rows)


def purge_dead_rows(*models) -> None:
    """Rewrite the tables of `models` without the rows deleted by a mix or a rewrite, so no dead
    row keeps a voter's transaction id beside what they chose. Runs outside a transaction (VACUUM
    cannot run in one); inside one (a test's, or a caller's) it does nothing and says so by its
    return value."""
    if connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in models:
                cursor.execute(f"VACUUM (FULL) {connection.ops.quote_name(model._meta.db_table)}")
        elif connection.vendor == "sqlite":
            # Deleted content is zeroed (PRAGMA secure_delete in settings); the write-ahead log
            # still holds the voters' pages until it is checkpointed and emptied.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True


def pause_for_tests(setting: str) -> None:
    """Tests only: a pause inside a mix's transaction, for a worker to be killed in."""
    import time

    delay = float(getattr(settings, setting, 0) or 0)
    if delay:
        time.sleep(delay)
