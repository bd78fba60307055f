"""The production path: gunicorn with SERAWAI_ENV=production on PostgreSQL and Redis serves the
log-in page and compressed, fingerprinted static files (whitenoise), behind a TLS proxy."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.services.conftest import ROOT, _test_database_url

pytestmark = pytest.mark.services


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def production_env(tmp_path, transactional_db):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        SERAWAI_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=settings.REDIS_URL,
        SERAWAI_VAR_DIR=str(tmp_path / "var"),
        SERAWAI_MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="",
        PYTHONPATH=str(ROOT),
    )
    return env


def test_gunicorn_serves_the_login_page_and_static_files_with_production_settings(
    production_env, tmp_path
):
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env,
        capture_output=True,
        text=True,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    static_root = tmp_path / "var" / "staticfiles"
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed_css = manifest["css/serawai.css"]
    assert hashed_css != "css/serawai.css"
    assert (static_root / (hashed_css + ".gz")).exists()  # compressed ahead of time

    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "serawai.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=production_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    proxy = {"X-Forwarded-Proto": "https"}  # what nginx (deploy/) adds in front
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _headers, _body = fetch(f"{base}/accounts/login/", proxy)
                break
            except OSError:
                assert server.poll() is None, log_path.read_text()[-3000:]
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.3)

        # Plain HTTP is sent to HTTPS.
        status, headers, _ = fetch(f"{base}/accounts/login/")
        assert status == 301
        assert headers["Location"].startswith("https://")

        status, headers, body = fetch(f"{base}/accounts/login/", proxy)
        page = body.decode()
        assert status == 200, page[-2000:]
        assert "Masuk ke Serawai" in page
        assert f"/static/{hashed_css}" in page  # fingerprinted name in the page
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        cookie = headers.get("Set-Cookie", "")
        assert "csrftoken=" in cookie and "Secure" in cookie

        status, headers, body = fetch(
            f"{base}/static/{hashed_css}", {**proxy, "Accept-Encoding": "gzip"}
        )
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert (
            "immutable" in headers["Cache-Control"]
            or "max-age=315360000" in headers["Cache-Control"]
        )
        source = (Path(ROOT) / "static" / "css" / "serawai.css").read_bytes()
        import gzip

        assert gzip.decompress(body) == source

        # Unknown pages answer 404 from Django (DEBUG off: no traceback, no settings shown).
        status, _headers, body = fetch(f"{base}/tidak-ada/", proxy)
        assert status == 404
        assert b"Traceback" not in body and b"SECRET_KEY" not in body
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def test_backup_and_restore_on_postgresql_use_pg_dump(transactional_db, tmp_path, settings):
    import datetime
    import tarfile

    from django.core.management import call_command

    from cycles.models import Cycle
    from organization.models import Employee
    from tests.factories import EmployeeFactory, province

    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "letters").mkdir(parents=True)
    (settings.MEDIA_ROOT / "letters" / "B-001.pdf").write_bytes(b"%PDF-1.7 surat")
    EmployeeFactory(full_name="Ani Lestari, S.ST.")
    Cycle.objects.create(province=province(), year=2026, start_date=datetime.date(2026, 1, 5))

    archive = tmp_path / "pg.tar.gz"
    call_command("backup", output=str(archive))
    with tarfile.open(archive) as tar:
        assert {"database.pgdump", "media/letters/B-001.pdf"} <= set(tar.getnames())

    Cycle.objects.all().delete()
    Employee.objects.filter(full_name="Ani Lestari, S.ST.").delete()
    (settings.MEDIA_ROOT / "letters" / "B-001.pdf").unlink()

    call_command("restore", str(archive), interactive=False)
    assert Cycle.objects.get().year == 2026
    assert Employee.objects.filter(full_name="Ani Lestari, S.ST.").exists()
    assert (settings.MEDIA_ROOT / "letters" / "B-001.pdf").read_bytes() == b"%PDF-1.7 surat"
    EmployeeFactory()  # sequences still work after the restore
