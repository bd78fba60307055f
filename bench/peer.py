"""The peer rows of bench/http.py (`--peer pretalx`): pretalx, a Django conference planner, served
the same way beside Serawai's pages that show the same kind of list.

    pretalx's organiser submission list  <->  Serawai's proposal list  (25 rows a page, both)
    pretalx's public speakers page       <->  Serawai's events page

pretalx is installed once from PyPI into a virtualenv of its own (its pinned dependencies are
its own), outside the repository's tracked files: var/bench-pretalx/ (gitignored;
BENCH_PRETALX_DIR overrides), with its configuration file, data folder and static files. Its
database is serawai_bench_pretalx on the bench's PostgreSQL (BENCH_PRETALX_DATABASE_URL), made
once by `migrate` and `create_test_event` (the whole conference: call for papers, reviews, a
released schedule) and kept; its cache and sessions are in a Redis database of their own
(BENCH_PRETALX_REDIS_URL, default 14; pretalx keeps sessions in Redis when it has one).
`bench_organiser_<n>@example.org` organisers, one per client, are in a team of the event that
may change its proposals, and log in through pretalx's login form.

It runs under the same gunicorn (its own install of the same version, with Serawai's
gunicorn.conf.py: sync workers, the same worker count), DEBUG off, on a free loopback port.
"""

import http.client
import http.cookies
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.util import free_port, log

ROOT = Path(__file__).resolve().parent.parent
PRETALX = "pretalx[postgres,redis]==2025.2.2"
HOME = Path(os.environ.get("BENCH_PRETALX_DIR", ROOT / "var" / "bench-pretalx"))
DATABASE_URL = os.environ.get(
    "BENCH_PRETALX_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/serawai_bench_pretalx"
)
REDIS_URL = os.environ.get("BENCH_PRETALX_REDIS_URL", "redis://127.0.0.1:6379/14")
SLUG = "serawaipeer"
PASSWORD = "bench-organiser-pw-19"
PAGE_SIZE = 25  # Serawai's lists show 25 rows a page (common/listing.py)
SESSION_COOKIE, CSRF_COOKIE = "pretalx_session", "pretalx_csrftoken"

# Run by pretalx's own Python, with its settings: idempotent, prints the event's sizes as JSON.
SETUP = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django_scopes import scope, scopes_disabled
from pretalx.event.models import Event, Team
from pretalx.person.models import User
from pretalx.submission.models import Submission

slug, count, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
call_command("migrate", interactive=False, verbosity=0)
with scopes_disabled():
    if not User.objects.filter(is_administrator=True).exists():
        User.objects.create_superuser(password=password, email="bench-admin@example.org",
                                      name="Bench admin")
    if not Event.objects.filter(slug=slug).exists():
        # the whole conference: call for papers, reviews, a released schedule
        call_command("create_test_event", slug=slug, seed="19", stage="schedule")
    event = Event.objects.get(slug=slug)
    team, _ = Team.objects.get_or_create(
        organiser=event.organiser, name="Bench organisers",
        defaults={"can_change_submissions": True, "can_change_event_settings": True},
    )
    team.limit_events.add(event)
    for n in range(count):
        email = f"bench_organiser_{n}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(password=password, email=email,
                                            name=f"Bench organiser {n}")
        team.members.add(user)
with scope(event=event):
    speakers = {
        s.pk for talk in event.current_schedule.talks.filter(is_visible=True)
        if talk.submission for s in talk.submission.speakers.all()
    }
    print(json.dumps({
        "submissions": Submission.all_objects.filter(event=event).count(),
        "speakers": len(speakers),
    }))
"""


def _env() -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PRETALX_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        PRETALX_CONFIG_FILE=str(HOME / "pretalx.cfg"),
        DJANGO_SETTINGS_MODULE="pretalx.settings",
        VIRTUAL_ENV=str(HOME / "venv"),
    )
    env.pop("PYTHONPATH", None)
    return env


def _write_config() -> None:
    db = urllib.parse.urlparse(DATABASE_URL)
    (HOME / "data").mkdir(parents=True, exist_ok=True)
    config = f"""# Written by bench/peer.py.
[filesystem]
data = {HOME / "data"}
static = {HOME / "static"}

[site]
debug = False
url = http://127.0.0.1

[database]
backend = postgresql
name = {db.path.lstrip("/")}
user = {db.username or ""}
password = {db.password or ""}
host = {db.hostname or ""}
port = {db.port or ""}

[redis]
location = {REDIS_URL}
session = True

[mail]
from = bench@example.org
host = 127.0.0.1
port = 1
"""
    (HOME / "pretalx.cfg").write_text(config)


def _create_database() -> None:
    import psycopg

    parts = urllib.parse.urlparse(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"serawai_bench_[a-z0-9_]+", name):
        raise SystemExit(f"refusing to create database {name!r} (must be serawai_bench_*)")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(clients: int) -> dict:
    """Install, configure and fill pretalx (each step only once); the event's sizes."""
    python = HOME / "venv" / "bin" / "python"
    started = time.monotonic()
    if not (HOME / "venv" / "bin" / "gunicorn").exists():
        HOME.mkdir(parents=True, exist_ok=True)
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(HOME / "venv")], check=True)
        gunicorn = subprocess.run(
            [str(Path(sys.executable).parent / "gunicorn"), "--version"],
            capture_output=True, text=True, check=True,
        ).stdout.split("version")[-1].strip(" ()\n")  # fmt: skip
        # Faker and freezegun: create_test_event's own needs
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", PRETALX, f"gunicorn=={gunicorn}", "faker",
             "freezegun"],
            check=True,
        )  # fmt: skip
    _write_config()
    _create_database()
    env = _env()
    if not (HOME / "static" / "staticfiles.json").exists():
        subprocess.run(
            [str(python), "-m", "pretalx", "collectstatic", "--noinput", "-v0"],
            cwd=HOME, env=env, check=True,
        )  # fmt: skip
    out = subprocess.run(
        [str(python), "-c", SETUP, SLUG, str(clients), PASSWORD],
        cwd=HOME, env=env, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout  # fmt: skip
    sizes = json.loads(out.strip().splitlines()[-1])
    log(f"pretalx {PRETALX.split('==')[1]} ready in {time.monotonic() - started:.1f} s: event "
        f"{SLUG!r}, {sizes['submissions']} proposals, {sizes['speakers']} speakers on the "
        f"schedule")  # fmt: skip
    return sizes


class Server:
    """pretalx under gunicorn with Serawai's gunicorn.conf.py, and its signed-in organisers."""

    def __init__(self, workers: int):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # sessions of an earlier run
        self.process = subprocess.Popen(
            [str(HOME / "venv" / "bin" / "gunicorn"), "pretalx.wsgi", "--config",
             str(ROOT / "gunicorn.conf.py"), "-w", str(workers),
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=HOME, env=_env(),
        )  # fmt: skip
        for _ in range(150):
            try:
                if _request(self.port, "GET", "/orga/login/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit("pretalx's gunicorn did not answer /orga/login/")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def login(self, n: int):
        """(session, csrf) of organiser n, through pretalx's login form."""
        status, headers, _ = _request(self.port, "GET", "/orga/login/")
        cookies = _cookies(headers)
        csrf = cookies[CSRF_COOKIE]
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": csrf,
            "login_email": f"bench_organiser_{n}@example.org",
            "login_password": PASSWORD,
        })  # fmt: skip
        status, headers, _ = _request(
            self.port, "POST", "/orga/login/", body, cookie=f"{CSRF_COOKIE}={csrf}"
        )
        cookies.update(_cookies(headers))
        if status != 302 or SESSION_COOKIE not in cookies:
            raise SystemExit(f"pretalx: login of organiser {n} failed (HTTP {status})")
        return cookies[SESSION_COOKIE], csrf

    def get(self, path, session, csrf):
        return _request(
            self.port, "GET", path, cookie=f"{SESSION_COOKIE}={session}; {CSRF_COOKIE}={csrf}"
        )


def pages(Page) -> list:  # noqa: N803 (bench.pages.Page, passed in: this module has no Django)
    """pretalx's two pages, each with the Serawai page it is read against."""
    return [
        ("proposal list", Page(
            "pretalx organiser submission list", f"/orga/event/{SLUG}/submissions/",
            expect="submission",
        )),
        ("events page", Page(
            "pretalx public speakers page", f"/{SLUG}/speaker/", expect="speaker",
        )),
    ]  # fmt: skip


def prepare_sessions(server: Server, people) -> None:
    """Each organiser's list shows 25 rows a page, as Serawai's: pretalx keeps the page size a
    person picked in their session."""
    path = f"/orga/event/{SLUG}/submissions/?page_size={PAGE_SIZE}"
    for person in people:
        status, _, _ = server.get(path, person.sessionid, person.csrf)
        if status != 200:
            raise SystemExit(f"pretalx: {path} gave {status}")


def rows(html: str) -> int:
    """Rows a list page shows: its table body's rows, or its entries (pretalx's speakers,
    Serawai's events: links in a list group)."""
    if "<tbody" in html:
        body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
        return body.count("<tr")
    speakers = re.findall(r'<a href="?/[^/"]+/speaker/[A-Z0-9]+/', html)
    return len(speakers) or html.count("list-group-item-action")


def _request(port, method, path, body=None, cookie=None):
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _cookies(headers) -> dict:
    """Set-Cookie values by name (pretalx's CSRF cookie is marked Secure: a cookie jar would
    not send it back over the loopback's plain HTTP)."""
    jar = http.cookies.SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}
