"""Content-Security-Policy and friends: every page is sent with them; templates keep to them."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client, employee):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"

    client.force_login(employee)
    home = client.get(reverse("cycles:home"))
    assert "Content-Security-Policy" in home
    html = home.content.decode()
    # Every script the page loads comes from our static files; htmx may not inject styles.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert '"includeIndicatorStyles": false' in html


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def all_templates():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    for folder in folders:
        if ".venv" in folder.parts:
            continue
        yield from folder.rglob("*.html")


def test_no_template_has_inline_script_event_handlers_or_javascript_urls():
    """The policy forbids them, so a browser would silently ignore them: keep JS in static/."""
    offenders = []
    for path in all_templates():
        text = path.read_text(encoding="utf-8")
        for pattern, what in (
            (INLINE_SCRIPT, "inline <script>"),
            (EVENT_HANDLER, "on*= handler"),
            (JS_URL, "javascript: URL"),
        ):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {what}")
    assert offenders == [], "move scripts to static files:\n" + "\n".join(offenders)
    assert any(True for _ in all_templates())


def test_production_hardening_settings_are_on_in_production(monkeypatch):
    """Checked in a separate process by tests/test_settings.py (check --deploy); here the values."""
    import subprocess
    import sys

    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.STORAGES['staticfiles']['BACKEND'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "SERAWAI_ENV": "production",
        "SECRET_KEY": "x" * 64 + "y-production-test-secret-1234",
        "ALLOWED_HOSTS": "serawai.example",
        "DATABASE_URL": "postgres://serawai@127.0.0.1:5432/serawai",
        "SERAWAI_VAR_DIR": str(settings.VAR_DIR),
        "DJANGO_SETTINGS_MODULE": "serawai.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    secure, csrf_secure, hsts, redirect, storage = result.stdout.split()
    assert (secure, csrf_secure, redirect) == ("True", "True", "True")
    assert int(hsts) >= 31536000
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
