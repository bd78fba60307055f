"""Settings come from the environment; production refuses unsafe defaults."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, env_extra, tmp_path):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    dropped = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(SERAWAI_VAR_DIR=str(tmp_path / "var"), **env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def production_env(**overrides):
    env = {
        "SERAWAI_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "serawai.bengkulu.bps.go.id",
        "DATABASE_URL": "postgres://serawai@127.0.0.1:5432/serawai",
        "SITE_URL": "https://serawai.bengkulu.bps.go.id",
    }
    env.update(overrides)
    return env


def test_production_refuses_to_start_without_secret_key_hosts_and_database(tmp_path):
    result = manage("check", env_extra={"SERAWAI_ENV": "production"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "ALLOWED_HOSTS must name the hosts" in result.stderr
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = manage("check", env_extra=production_env(DEBUG="1"), tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    args = ("check", "--deploy", "--fail-level", "WARNING")
    result = manage(*args, env_extra=production_env(), tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_the_sites_address(tmp_path):
    env = production_env()
    del env["SITE_URL"]
    result = manage("check", "--deploy", env_extra=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr + result.stdout


def test_default_settings_use_sqlite_in_wal_mode_under_the_var_folder(tmp_path):
    code = (
        "from django.db import connection; connection.ensure_connection();"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['NAME'])"
    )
    result = manage("shell", "-c", code, env_extra={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()[-2:]
    assert mode == "wal"
    assert name == str(tmp_path / "var" / "serawai.sqlite3")


def test_official_dates_render_in_full_indonesian(settings):
    import datetime

    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    with translation.override("id"):
        assert date_filter(datetime.date(2025, 1, 2)) == "2 Januari 2025"


def test_sessions_and_the_cache_live_in_redis_only_when_redis_is_configured(tmp_path):
    code = (
        "from django.conf import settings;"
        "print(settings.SESSION_ENGINE); print(settings.CACHES['default']['BACKEND'])"
    )
    default = manage("shell", "-c", code, env_extra={"REDIS_URL": ""}, tmp_path=tmp_path)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split()[-2:] == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache",
    ]
    env = {"REDIS_URL": "redis://127.0.0.1:6379/13"}
    redis = manage("shell", "-c", code, env_extra=env, tmp_path=tmp_path)
    assert redis.returncode == 0, redis.stderr
    assert redis.stdout.split()[-2:] == [
        "django.contrib.sessions.backends.cached_db",
        "serawai.redis_cache.RedisCache",
    ]


def test_passwords_are_stored_with_argon2_outside_the_test_suite(tmp_path):
    code = (
        "from django.contrib.auth.hashers import make_password;"
        "print(make_password('rahasia-kantor-2026'))"
    )
    for env in ({}, production_env()):
        made = manage("shell", "-c", code, env_extra=env, tmp_path=tmp_path)
        assert made.returncode == 0, made.stderr
        assert made.stdout.split()[-1].startswith("argon2$argon2id$")
