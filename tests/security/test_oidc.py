"""The OpenID Connect switch: off by default, on with SERAWAI_OIDC_*; only existing employees."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import EmployeeFactory

ROOT = Path(__file__).resolve().parents[2]


def test_sso_is_off_by_default(settings):
    assert settings.SERAWAI_OIDC_ENABLED is False
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")


def test_sso_switch_adds_the_button_and_the_callback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SERAWAI_ENV"}}
    env.update(
        SERAWAI_VAR_DIR=str(tmp_path),
        SERAWAI_OIDC_CLIENT_ID="serawai",
        SERAWAI_OIDC_CLIENT_SECRET="s3cret",
        SERAWAI_OIDC_AUTHORIZATION_ENDPOINT="https://sso.bps.go.id/auth",
        SERAWAI_OIDC_TOKEN_ENDPOINT="https://sso.bps.go.id/token",
        SERAWAI_OIDC_USER_ENDPOINT="https://sso.bps.go.id/userinfo",
        SERAWAI_OIDC_JWKS_ENDPOINT="https://sso.bps.go.id/certs",
    )
    code = (
        "from django.test import Client; from django.test.utils import setup_test_environment;"
        "setup_test_environment();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "r = Client().get('/accounts/login/'); html = r.content.decode();"
        "print(r.status_code, 'Masuk dengan akun SSO BPS' in html, '/oidc/authenticate/' in html)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-3:] == ["200", "True", "True"]


@pytest.mark.django_db
def test_sso_claims_find_the_employee_by_nip_then_e_mail_and_never_create_one(settings):
    settings.OIDC_RP_CLIENT_ID = "serawai"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://sso.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://sso.example/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_CREATE_USER = False
    from accounts.oidc import EmployeeOIDCBackend

    backend = EmployeeOIDCBackend()
    ani = EmployeeFactory(email="ani@bps.go.id")
    budi = EmployeeFactory(email="budi@bps.go.id")
    spaced = f"{budi.nip[:8]} {budi.nip[8:14]} {budi.nip[14]} {budi.nip[15:]}"
    assert list(backend.filter_users_by_claims({"nip": spaced, "email": ani.email})) == [budi]
    assert list(backend.filter_users_by_claims({"email": "ANI@bps.go.id"})) == [ani]
    assert list(backend.filter_users_by_claims({"email": "orang.lain@bps.go.id"})) == []
    assert not backend.verify_claims({"name": "Tanpa e-mail"})
    ani.is_active = False
    ani.save()
    assert list(backend.filter_users_by_claims({"email": ani.email})) == []


@pytest.mark.django_db
def test_a_sign_on_session_from_before_the_backend_moved_stays_signed_in(client, settings):
    settings.OIDC_RP_CLIENT_ID = "serawai"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://sso.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://sso.example/userinfo"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.oidc.EmployeeOIDCBackend",
        "audit.oidc.EmployeeOIDCBackend",
    ]
    ani = EmployeeFactory(email="ani@bps.go.id")
    client.force_login(ani, backend="audit.oidc.EmployeeOIDCBackend")
    response = client.get(reverse("cycles:home"))
    assert response.status_code == 200
    assert response.wsgi_request.user == ani

    from audit.oidc import EmployeeOIDCBackend

    assert EmployeeOIDCBackend().authenticate(None, code="x", state="y") is None
