"""A page's round trips to PostgreSQL and Redis (issue 8: page speed), on the real servers.

A reused database connection is not asked `SELECT 1` before each request's first query unless
the server has closed it (serawai/postgresql), and a signed-in page reads its session with the
cache tokens in one Redis command (serawai/sessions.py). The ballot page's own statement is
planned once per connection (a prepared statement), Django's queries are not prepared at all.
"""

import time

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection
from django.urls import reverse

from organization.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _next_request_queries(trace_path) -> list[str]:
    """The statements the connection sends during the next request's first query, read from
    libpq's protocol trace (its lines from the client: "F", length, "Query", the text)."""
    request_finished.send(sender=None)
    with open(trace_path, "w") as trace:
        connection.connection.pgconn.trace(trace.fileno())
        try:
            request_started.send(sender=None)  # Django closes an unusable connection here
            assert Employee.objects.count() >= 1
        finally:
            if connection.connection is not None:
                connection.connection.pgconn.untrace()
    lines = [line.split("\t") for line in open(trace_path).read().splitlines()]
    sent = [f for f in lines if len(f) > 3 and f[1] == "F" and f[3] in ("Query", "Parse")]
    return [" ".join(f[3:]) for f in sent]


def test_a_healthy_connection_is_reused_without_a_select_1(employee, tmp_path):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    Employee.objects.count()
    backend = connection.connection.info.backend_pid
    sent = _next_request_queries(tmp_path / "trace.txt")
    assert len(sent) == 1 and "organization_employee" in sent[0]  # no SELECT 1 before it
    assert connection.connection.info.backend_pid == backend


def test_a_connection_the_server_closed_is_replaced_before_the_next_request(employee, tmp_path):
    Employee.objects.count()
    backend = connection.connection.info.backend_pid
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        dbname=db["NAME"], password=db["PASSWORD"] or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute("SELECT pg_terminate_backend(%s)", [backend])
    time.sleep(0.3)  # the server's goodbye reaches the socket
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert Employee.objects.count() >= 1  # no error reaches the page
    assert connection.connection.info.backend_pid != backend


def _commands(client) -> dict[str, int]:
    stats = client.info("commandstats")
    return {name.removeprefix("cmdstat_"): v["calls"] for name, v in stats.items()}


def test_a_signed_in_page_reads_its_session_and_tokens_in_one_redis_command(client):
    assert settings.SESSION_ENGINE == "serawai.sessions"
    person = EmployeeFactory()
    client.force_login(person)
    home = reverse("cycles:home")
    assert client.get(home).status_code == 200  # this process learns whose session it is
    server = redis.Redis.from_url(settings.REDIS_URL)
    before = _commands(server)
    response = client.get(home)
    after = _commands(server)
    assert response.status_code == 200 and person.full_name in response.content.decode()
    reads = {c: after.get(c, 0) - before.get(c, 0) for c in ("get", "mget")}
    assert reads == {"get": 0, "mget": 1}
