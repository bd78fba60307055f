"""Pages read what they show from the database on every request: a change made any way, by a
service, in bulk or by SQL that sends no signal, shows at the next request, and nothing that
holds credentials is kept in a cache (the suite runs with a real local-memory cache)."""

import pickle

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from organization.models import Employee, RoleAssignment
from tests.factories import EmployeeFactory, province

pytestmark = pytest.mark.django_db


def test_the_suite_runs_with_a_real_cache():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_an_account_deactivated_by_sql_is_signed_out_at_the_next_request(client, employee):
    client.force_login(employee)
    home = reverse("cycles:home")
    assert client.get(home).status_code == 200
    Employee.objects.filter(pk=employee.pk).update(is_active=False)  # no signal, no service
    response = client.get(home)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_role_given_in_bulk_shows_on_the_next_page(client, employee):
    client.force_login(employee)
    home = reverse("cycles:home")
    assert "Anggota CAN Provinsi" not in client.get(home).content.decode()
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                employee=employee,
                role=RoleAssignment.Role.CAN_MEMBER,
                office=province(),
                year=timezone.localdate().year,
            )
        ]
    )
    assert "Anggota CAN Provinsi" in client.get(home).content.decode()


def test_the_bell_counts_notifications_added_in_bulk_at_once(client, employee):
    client.force_login(employee)
    bell = reverse("notifications:bell")
    assert 'data-unread="' not in client.get(bell).content.decode()
    Notification.objects.bulk_create(
        [Notification(recipient=employee, kind="test", title=f"Pesan {i}") for i in range(3)]
    )
    assert 'data-unread="3"' in client.get(bell).content.decode()


def test_no_account_or_password_hash_is_kept_in_the_cache(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as with Redis
    person = EmployeeFactory(full_name="Rina Marlina, S.Si.")
    client.force_login(person)
    for page in ("cycles:home", "notifications:list", "notifications:bell"):
        assert client.get(reverse(page)).status_code == 200
    cache = caches["default"]
    kept = b"".join(pickle.dumps(value) for value in cache._cache.values())  # LocMemCache's store
    assert kept, "the sessions are in the cache"
    assert person.password.encode() not in kept
    assert b"organization.models" not in kept  # no Employee (nor any other account object)
