"""Django's RedisCache, answering a miss instead of raising while Redis cannot be reached.

Redis is the Celery broker and holds the cached copies of the sessions (cached_db, whose rows
live in the database too). Django's cached_db catches a failed read and a failed save, but not
the write-back after a miss nor a delete at log-out, so with Redis away every signed-in page
would fail. Here a connection error is logged and treated as a miss: the session is read from
the database and the page is served.
"""

import functools
import logging

from django.core.cache.backends import redis as django_redis
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)


def _degrade(method, fallback):
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
    get = _degrade(django_redis.RedisCache.get, _default)
    get_many = _degrade(django_redis.RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _degrade(django_redis.RedisCache.has_key, _returns(False))
    set = _degrade(django_redis.RedisCache.set, _returns(None))
    set_many = _degrade(django_redis.RedisCache.set_many, lambda *args, **kwargs: [])
    add = _degrade(django_redis.RedisCache.add, _returns(False))
    touch = _degrade(django_redis.RedisCache.touch, _returns(False))
    delete = _degrade(django_redis.RedisCache.delete, _returns(False))
    delete_many = _degrade(django_redis.RedisCache.delete_many, _returns(None))
