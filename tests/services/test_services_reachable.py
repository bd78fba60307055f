"""The services run really talks to PostgreSQL and Redis (guards against a silent SQLite run)."""

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


def test_redis_answers():
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    assert client.ping() is True
