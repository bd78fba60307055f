"""A search longer than anyone types (pasted text, a mistaken paste of a whole document) is
answered by the list with a message, by Django and by gunicorn as configured in
gunicorn.conf.py, never with a 500 or gunicorn's bare "Request-URI Too Long"."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from tests.test_lists import LISTS, World, setup, url_of

ROOT = Path(__file__).resolve().parent.parent
LONG = "x" * 10_000


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(LISTS))
def test_a_10000_character_search_shows_the_list_with_a_message(client, name):
    case = LISTS[name]
    w = setup(case, 1)
    client.force_login(getattr(w, case.viewer))
    url = url_of(case, w)
    assert 'maxlength="100"' in client.get(url).content.decode()
    response = client.get(url, {"q": LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sebagian saringan tidak valid" in html
    assert "paling banyak 100 karakter" in html


@pytest.mark.django_db
def test_a_10000_character_search_of_the_document_register_uses_the_first_100(client):
    w = World()
    client.force_login(w.can)
    url = reverse("documents:register")
    assert 'maxlength="100"' in client.get(url).content.decode()
    response = client.get(url, {"q": LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Teks pencarian terlalu panjang" in html
    assert f'value="{"x" * 100}"' in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_gunicorn_as_configured_answers_an_8000_character_query(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "SERAWAI_VAR_DIR": str(tmp_path),
        "WEB_CONCURRENCY": "1",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "serawai.wsgi", "--config", "gunicorn.conf.py",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "gunicorn exited"
            try:
                if _get(base + "/healthz", timeout=2) == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.1)
        assert _get(base + "/healthz?q=" + "x" * 8000) == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
