"""Sessions as Django's cached_db keeps them (Redis, written through to the database), read in
the same Redis round trip as the request's cache tokens (serawai.caching.read_with_tokens).

A session key belongs to one person for its whole life (log-in and log-out change the key), so
each process remembers whose session a key is, and the first read fetches that person's topic
too: a signed-in page then makes one round trip to Redis where it made two. A wrong or missing
guess costs only the second round trip, never a wrong token: the person's topic is fetched by
name once the session says who it is (caching.PersonTopicsMiddleware).
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db

from serawai import caching

# session key -> the signed-in person's id, in this process
_people = caching.BoundedDict(10_000)


class SessionStore(cached_db.SessionStore):
    def load(self):
        if settings.SESSION_CACHE_ALIAS != "default" or not self.session_key:
            return super().load()
        found, data = caching.read_with_tokens(self.cache_key, _people.get(self.session_key))
        if not found:  # not in Redis (expired there, evicted, or Redis away): from the database
            return super().load()
        person = data.get(SESSION_KEY)
        if person is not None and _people.get(self.session_key) != person:
            _people.put(self.session_key, person)
        return data
