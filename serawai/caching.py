"""Cross-request caches that writers invalidate (issue 8: page speed with the national data).

A cached value is stored under a key holding its topic's version token. Whatever changes the data
of a topic calls `changed(topic)`: the token is replaced at once (the same request, and tests,
read the new data) and again when the transaction commits (a reader between the two may have
stored the rows of before the commit under the new token). Values also expire after `timeout`
seconds: a bound on staleness for writes that bypass the services and signals (bulk SQL, a shell).

Only with a shared cache (Redis, REDIS_URL): without one every call computes, because a cache in
one process could not be invalidated by the other web processes and the Celery worker.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

DEFAULT_TIMEOUT = 300
EVERYTHING = "*"  # a topic every cached value depends on: `changed(EVERYTHING)` after bulk loads
_generation = "0"  # tests replace it (tests/conftest.py) so no test reads another's values


def enabled() -> bool:
    return not settings.CACHES["default"]["BACKEND"].endswith("DummyCache")


def _version_key(topic: str) -> str:
    return f"v:{_generation}:{topic}"


def _tokens(topics) -> list[str]:
    keys = [_version_key(t) for t in topics]
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(key, token, None):
                token = cache.get(key) or token
        tokens.append(token)
    return tokens


def cached(topics, key: str, compute, timeout: int = DEFAULT_TIMEOUT):
    """`compute()`, kept until any of `topics` (a name or a tuple of names) changes."""
    if not enabled():
        return compute()
    topics = (EVERYTHING, topics) if isinstance(topics, str) else (EVERYTHING, *topics)
    full_key = f"c:{_generation}:{key}:" + ":".join(_tokens(topics))
    boxed = cache.get(full_key)  # a 1-tuple, so that None can be a cached value
    if boxed is None:
        boxed = (compute(),)
        cache.set(full_key, boxed, timeout)
    return boxed[0]


def changed(*topics: str) -> None:
    """The data of `topics` changed (or is changing in the current transaction)."""
    if not enabled() or not topics:
        return

    def renew():
        cache.set_many({_version_key(t): uuid.uuid4().hex for t in topics}, None)

    renew()
    transaction.on_commit(renew)


def changed_everything() -> None:
    """Bulk loads (the demo seeds, imports) that bypass the services' and signals' renewals."""
    changed(EVERYTHING)


def renew_on_write(topic: str, *models) -> None:
    """Every save or delete of a row of `models` (services, admin, tests' factories) changes
    `topic`. Bulk writes send no signal: their service calls `changed(topic)` itself."""

    def receiver(sender, **kwargs):
        changed(topic)

    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            uid = f"caching:{topic}:{model._meta.label}:{name}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


def reset_for_tests() -> None:
    global _generation
    _generation = uuid.uuid4().hex[:12]
