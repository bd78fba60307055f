"""Log-in protection: lockout after repeated failures (django-axes), session expiry, passwords."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD, EmployeeFactory

LOGIN = "accounts:login"


def attempt(client, username, password, ip="10.1.1.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_five_failures_lock_the_nip_with_a_clear_indonesian_message(client):
    person = EmployeeFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, person.nip, "salah-sandi")
        assert response.status_code == 200
        assert "NIP/e-mail atau kata sandi salah" in response.content.decode()
    response = attempt(client, person.nip, "salah-sandi")
    assert response.status_code == 429
    page = response.content.decode()
    assert "dikunci sementara setelah 5 kali gagal masuk" in page
    assert "admin Serawai" in page
    assert '<form method="post"' in page  # still the log-in page, not a bare error

    # The right password no longer helps, whichever way the NIP is written.
    spaced = f"{person.nip[:8]} {person.nip[8:14]} {person.nip[14]} {person.nip[15:]}"
    response = attempt(client, spaced, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_counts_the_nip_and_the_e_mail_of_one_account_separately_per_address(client):
    person = EmployeeFactory(email="ani@bps.go.id")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "ANI@bps.go.id", "salah", ip="10.1.1.1")
    assert attempt(client, "ani@bps.go.id", PASSWORD, ip="10.1.1.1").status_code == 429
    # Another workstation is not locked out by someone else's failures.
    response = attempt(client, "ani@bps.go.id", PASSWORD, ip="10.1.1.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
def test_an_admin_unlocks_a_locked_account(client, admin_client):
    person = EmployeeFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, person.nip, "salah")
    assert attempt(client, person.nip, PASSWORD).status_code == 429
    lock = AccessAttempt.objects.get(username=person.nip)

    # The admin sees the lock in the Axes admin and deletes it.
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert person.nip in changelist.content.decode()
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[lock.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    response = attempt(client, person.nip, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client):
    person = EmployeeFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, person.nip, "salah")
    assert attempt(client, person.nip, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, person.nip, "salah")
    assert attempt(client, person.nip, PASSWORD).status_code == 302


def test_client_address_behind_the_proxy_is_taken_from_x_forwarded_for(rf, settings):
    from accounts.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.2.3.4")
    settings.SERAWAI_TRUSTED_PROXIES = 1
    assert client_ip(request) == "10.2.3.4"  # the forged first hop is ignored
    settings.SERAWAI_TRUSTED_PROXIES = 0
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.django_db
def test_session_expires_after_eight_hours_and_at_browser_close(client):
    person = EmployeeFactory()
    response = attempt(client, person.nip, PASSWORD)
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert client.session.get_expire_at_browser_close()
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert not cookie["expires"]  # a browser-session cookie


@pytest.mark.django_db
def test_weak_passwords_are_refused_with_indonesian_reasons(client):
    person = EmployeeFactory()
    with pytest.raises(ValidationError) as excinfo:
        password_validation.validate_password("12345678", person)
    messages = " ".join(excinfo.value.messages)
    assert "terlalu pendek" in messages or "too short" in messages
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("locked_by", ["email", "nip", "both"])
def test_failures_by_nip_and_by_e_mail_of_one_account_share_one_lockout(client, locked_by):
    person = EmployeeFactory(email="ani@bps.go.id")
    names = {
        "email": ["ANI@bps.go.id"],
        "nip": [person.nip],
        "both": [person.nip, "ani@bps.go.id"],
    }[locked_by]
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, names[n % len(names)], "salah")
    for name in (person.nip, "ani@bps.go.id"):
        response = attempt(client, name, PASSWORD)
        assert response.status_code == 429, name
        assert "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session
