"""A page's connections to PostgreSQL and Redis, on the real servers: Django's own PostgreSQL
backend with health checks replaces a connection the server has closed before the next request
uses it, so no page fails while connections are terminated; sessions are Django's cached_db,
read from Redis."""

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organization.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        dbname=db["NAME"], password=db["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip


def test_the_stock_backend_checks_its_connections():
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_HEALTH_CHECKS"] and db["CONN_MAX_AGE"] > 0


def test_a_connection_the_server_closed_is_replaced_before_the_next_request(employee):
    Employee.objects.count()
    backend = connection.connection.info.backend_pid
    with _admin_connection() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend])
    request_finished.send(sender=None)
    request_started.send(sender=None)  # Django's health check drops the dead connection here
    assert Employee.objects.count() >= 1  # no error reaches the page
    assert connection.connection.info.backend_pid != backend


def _serve(environ) -> int:
    """One request through Django's WSGI handler as gunicorn runs it: request_started and
    request_finished (when the response is closed) fire as in production, so the health check
    runs; the test client skips both."""
    handler = WSGIHandler()
    status = []
    body = handler(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        b"".join(body)
    finally:
        body.close()
    return int(status[0].split()[0])


def test_no_page_fails_while_the_app_s_connections_are_terminated():
    """Between requests another connection terminates the one the app holds (a server restart, a
    failover, an idle timeout look the same): not one page answers 500."""
    person = EmployeeFactory(full_name="Rina Marlina, S.Si.")
    client = Client()
    client.force_login(person)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    factory = RequestFactory()
    pages = [reverse("cycles:home"), reverse("notifications:list")]
    statuses, backends = [], set()
    with _admin_connection() as admin:
        for _ in range(30):
            for path in pages:
                statuses.append(_serve(factory.get(path, HTTP_COOKIE=cookie).environ))
            backend = connection.connection.info.backend_pid  # kept open: CONN_MAX_AGE
            backends.add(backend)
            # Returns once the backend has exited (or after 5 s): the next request meets a
            # connection the server has already closed.
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
    assert len(backends) == 30  # every round found its connection gone and opened a new one
    assert statuses.count(500) == 0, statuses
    assert set(statuses) == {200}, statuses


def test_a_signed_in_page_reads_its_session_from_redis_not_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    person = EmployeeFactory()
    client = Client()
    client.force_login(person)
    home = reverse("cycles:home")
    assert client.get(home).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(home)
    assert response.status_code == 200 and person.full_name in response.content.decode()
    assert not [q for q in queries if "django_session" in q["sql"]]
