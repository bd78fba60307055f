"""Cross-request caches that writers invalidate (issue 8: page speed with the national data).

A cached value is stored under a key holding its topic's version token. Whatever changes the data
of a topic calls `changed(topic)`: the token is replaced at once (the same request, and tests,
read the new data) and again when the transaction commits (a reader between the two may have
stored the rows of before the commit under the new token). Values also expire after `timeout`
seconds: a bound on staleness for writes that bypass the services and signals (bulk SQL, a shell).

Only with a shared cache (Redis, REDIS_URL): without one every call computes, because a cache in
one process could not be invalidated by the other web processes and the Celery worker.

Each process also keeps the values it read last (`_Local`, bounded): a value's key holds its topics'
tokens, so what is stored under it never changes and needs no invalidation of its own; a page
then costs one round trip to Redis for all its tokens instead of one per cached value. It expires
no later than the shared copy could, give or take a fifth of its timeout.

Within one HTTP request the tokens are read once (the first read fetches every topic that
`renew_on_write` knows in one round trip): a page sees the data as of its first cached read, or
newer, as it would if its queries had all run at that moment.
"""

import dataclasses
import datetime
import functools
import logging
import pickle
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 300
EVERYTHING = "*"  # a topic every cached value depends on: `changed(EVERYTHING)` after bulk loads
_generation = "0"  # tests replace it (tests/conftest.py) so no test reads another's values
_known_topics = {EVERYTHING}  # global topics, fetched together at a request's first read
_request = threading.local()  # .tokens: {topic: token} during a request in this thread


def enabled() -> bool:
    return not settings.CACHES["default"]["BACKEND"].endswith("DummyCache")


def _version_key(topic: str) -> str:
    return f"v:{_generation}:{topic}"


def _fetch(topics) -> dict[str, str]:
    keys = {_version_key(t): t for t in topics}
    return _fill(keys, cache.get_many(list(keys)))


def _tokens(topics) -> list[str]:
    memo = getattr(_request, "tokens", None)
    if memo is None:  # outside a request (a task, a command): read them every time
        found = _fetch(topics)
        return [found[t] for t in topics]
    missing = [t for t in topics if t not in memo]
    if missing:
        wanted = set(missing) | (_known_topics - memo.keys()) | _expected_topics()
        memo.update(_fetch(wanted - memo.keys()))
    return [memo[t] for t in topics]


def read_with_tokens(key: str, person=None):
    """`(found, value)` of `cache.get(key)`, read in the same round trip as the request's tokens
    (every global topic, and `person`'s topic when given): the session, read at the start of
    nearly every request, then costs no round trip of its own (serawai/sessions.py)."""
    memo = getattr(_request, "tokens", None)
    if memo is None or not enabled():
        value = cache.get(key, _MISSING)
        return value is not _MISSING, (None if value is _MISSING else value)
    wanted = _known_topics - memo.keys()
    if person is not None:
        wanted.add(person_topic(person))
    keys = {_version_key(t): t for t in wanted}
    found = cache.get_many([*keys, key])
    memo.update(_fill(keys, found))
    return key in found, found.get(key)


def _fill(keys: dict[str, str], found: dict) -> dict[str, str]:
    """{topic: token} for version keys {key: topic}, a new token for each that is missing."""
    tokens = {}
    for key, topic in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(key, token, None):
                token = cache.get(key) or token
        tokens[topic] = token
    return tokens


_MISSING = object()


def _expected_topics() -> set[str]:
    expected, _request.expected = getattr(_request, "expected", None) or [], []
    return {topic for name in expected if (topic := name())}


def expect(topic_of) -> None:
    """This request will probably read a topic of its own, named by the callable `topic_of`
    (None: none after all): its token comes with the first read's, in the same round trip.
    Called before that read (from a middleware); the name is asked then."""
    if getattr(_request, "tokens", None) is not None:
        _request.expected.append(topic_of)


def person_topic(employee_id) -> str:
    """The topic of what is one person's own (their account, their bell): whatever changes it
    calls `changed(person_topic(id))`. Every request of that person reads its token with the
    others (PersonTopicsMiddleware)."""
    return f"person:{employee_id}"


class PersonTopicsMiddleware:
    """Reads the signed-in person's topic with the page's first token read. The person is known
    from the session alone (no query), so that loading the person may itself be cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth import SESSION_KEY

        def topic_of_person():
            user_id = request.session.get(SESSION_KEY)
            return person_topic(user_id) if user_id else None

        expect(topic_of_person)
        return self.get_response(request)


def _request_started(**kwargs):
    _request.tokens = {}
    _request.expected = []


def _request_finished(**kwargs):
    _request.tokens = None
    _request.expected = []


request_started.connect(_request_started, dispatch_uid="serawai.caching.request_started")
request_finished.connect(_request_finished, dispatch_uid="serawai.caching.request_finished")


_IMMUTABLE = (str, bytes, int, float, bool, type(None), datetime.date, datetime.time)


def _shareable(value) -> bool:
    """Whether `value` cannot be changed by whoever gets it: then every request may share one
    object (strings, numbers, dates; tuples, frozensets and frozen dataclasses of such)."""
    if isinstance(value, _IMMUTABLE):
        return True
    if isinstance(value, tuple | frozenset):
        return all(_shareable(v) for v in value)
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:
        return all(_shareable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


class BoundedDict(dict):
    """A dict that `put` keeps to `size` entries, the oldest dropped first: one process's memory
    of what it read (cached values, whose session is whose, rendered fragments). Reads are plain
    dict reads; writes take a lock, so that two threads never drop past each other."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self._lock = threading.Lock()

    def put(self, key, value) -> None:
        with self._lock:
            while len(self) >= self.size:
                self.pop(next(iter(self)), None)
            self[key] = value


class _Local:
    """This process's copies of values read from the shared cache, by their full (token-bearing,
    hence never reused) key; dropped oldest first beyond `size` entries or after the shared
    copy's timeout. A value that can be changed (a list, a model instance) is kept pickled, so that
    no two requests share it; an immutable one is kept as it is (`_shareable`)."""

    def __init__(self, size: int = 4096):
        self._items = BoundedDict(size)  # key -> (expires, pickled?, value)

    def get(self, key: str):
        item = self._items.get(key)
        if item is None:
            return None
        expires, pickled, value = item
        if expires < time.monotonic():
            self._items.pop(key, None)
            return None
        return pickle.loads(value) if pickled else value

    def set(self, key: str, boxed: tuple, timeout: int) -> None:
        pickled = not _shareable(boxed)
        value = pickle.dumps(boxed, pickle.HIGHEST_PROTOCOL) if pickled else boxed
        self._items.put(key, (time.monotonic() + timeout, pickled, value))

    def clear(self) -> None:
        self._items.clear()


_local = _Local()


def cached(topics, key: str, compute, timeout: int = DEFAULT_TIMEOUT):
    """`compute()`, kept until any of `topics` (a name or a tuple of names) changes."""
    if not enabled():
        return compute()
    topics = (EVERYTHING, topics) if isinstance(topics, str) else (EVERYTHING, *topics)
    full_key = f"c:{_generation}:{key}:" + ":".join(_tokens(topics))
    boxed = _local.get(full_key)  # a 1-tuple, so that None can be a cached value
    if boxed is None:
        boxed = cache.get(full_key)
        local_timeout = timeout // 5  # the shared copy's age is unknown: staleness <= 1.2 x timeout
        if boxed is None:
            boxed = (compute(),)
            cache.set(full_key, boxed, timeout)
            local_timeout = timeout
        _local.set(full_key, boxed, local_timeout)
    return boxed[0]


def changed(*topics: str) -> None:
    """The data of `topics` changed (or is changing in the current transaction)."""
    if not enabled() or not topics:
        return

    def renew():
        tokens = {t: uuid.uuid4().hex for t in topics}
        cache.set_many({_version_key(t): token for t, token in tokens.items()}, None)
        memo = getattr(_request, "tokens", None)
        if memo is not None:  # the writing request reads its own writes
            memo.update(tokens)

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

    _known_topics.add(topic)
    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            uid = f"caching:{topic}:{model._meta.label}:{name}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


def renew_on_name_change(topic: str) -> None:
    """Every save or delete of an employee but a log-in (which writes only last_login) changes
    `topic`: for cached values that show people's names."""
    from django.contrib.auth import get_user_model

    def receiver(sender, update_fields=None, **kwargs):
        if update_fields is not None and set(update_fields) <= {"last_login"}:
            return
        changed(topic)

    _known_topics.add(topic)
    for name, signal in (("save", post_save), ("delete", post_delete)):
        uid = f"caching:{topic}:people:{name}"
        signal.connect(receiver, sender=get_user_model(), weak=False, dispatch_uid=uid)


def reset_for_tests() -> None:
    global _generation
    _generation = uuid.uuid4().hex[:12]
    _request.tokens = None
    _local.clear()


class _SharedClient(django_redis.RedisCacheClient):
    """Django's Redis cache builds a new redis.Redis for every operation, and redis-py fills some
    300 response callbacks into each: thousands of Python calls per page that reads the cache a
    dozen times. One client per connection pool instead (a redis.Redis is safe across threads)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_shared_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _degrade(method, fallback):
    """A cache operation that, with Redis unreachable, logs and gives `fallback` instead of
    failing the request: everything cached can be read again from the database, and sessions
    (cached_db) live there too. Values expire (DEFAULT_TIMEOUT), which bounds what a renewal
    lost while Redis was away can leave stale."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (redis_errors.ConnectionError, redis_errors.TimeoutError) as exc:
            logger.warning("cache unavailable, %s skipped: %s", method.__name__, exc)
            return fallback(*args, **kwargs)

    return guarded


def _default(key, default=None, *args, **kwargs):
    return default


def _returns(value):
    return lambda *args, **kwargs: value


class RedisCache(django_redis.RedisCache):
    """settings.CACHES backend with REDIS_URL: Django's RedisCache, one client per pool, and a
    miss instead of an error while Redis is down (the broker and the cache share it: a request
    must still succeed, as the services tests check)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient

    get = _degrade(django_redis.RedisCache.get, _default)
    get_many = _degrade(django_redis.RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _degrade(django_redis.RedisCache.has_key, _returns(False))
    set = _degrade(django_redis.RedisCache.set, _returns(None))
    set_many = _degrade(django_redis.RedisCache.set_many, lambda *args, **kwargs: [])
    add = _degrade(django_redis.RedisCache.add, _returns(False))
    touch = _degrade(django_redis.RedisCache.touch, _returns(False))
    delete = _degrade(django_redis.RedisCache.delete, _returns(False))
    delete_many = _degrade(django_redis.RedisCache.delete_many, _returns(None))
