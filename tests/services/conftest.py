"""Services tests: real PostgreSQL, Redis and a Celery worker process.

`make test` runs this folder in its own pytest process with DATABASE_URL and REDIS_URL pointing at
the services (SERAWAI_TEST_DATABASE_URL / SERAWAI_TEST_REDIS_URL). Where they cannot be reached the
tests are skipped with the reason; with CI=true the run fails instead.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reachable(url: str, default_port: int) -> str | None:
    """None when a TCP connection to the URL's host and port succeeds, else the reason."""
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or default_port
    try:
        with socket.create_connection((host, port), timeout=2):
            return None
    except OSError as exc:
        return f"{parsed.scheme} at {host}:{port} not reachable ({exc})"


def services_problem() -> str | None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        return "DATABASE_URL does not point at PostgreSQL (set SERAWAI_TEST_DATABASE_URL)"
    db = settings.DATABASES["default"]
    reason = _reachable(
        f"postgres://{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}", 5432
    )
    if reason:
        return reason
    if not settings.REDIS_URL:
        return "REDIS_URL is not set (set SERAWAI_TEST_REDIS_URL)"
    return _reachable(settings.REDIS_URL, 6379)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    items = [item for item in items if here in Path(item.fspath).parents]
    if not items:
        return
    problem = services_problem()
    if problem is None:
        return
    if IN_CI:
        pytest.exit(f"services tests cannot run in CI: {problem}", returncode=1)
    marker = pytest.mark.skip(reason=f"PostgreSQL/Redis not available: {problem}")
    for item in items:
        item.add_marker(marker)


def _test_database_url() -> str:
    """The URL of the test database pytest-django created (test_<name>), for child processes."""
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """A real `celery worker` process against the test database and Redis."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=_test_database_url(),
            REDIS_URL=settings.REDIS_URL,
            DJANGO_SETTINGS_MODULE="serawai.settings",
            SERAWAI_VAR_DIR=str(settings.VAR_DIR),
            SERAWAI_MEDIA_ROOT=str(settings.MEDIA_ROOT),
            EMAIL_URL="",
            PYTHONPATH=str(ROOT),
        )
        return env

    def start(self, *extra: str) -> "WorkerProcess":
        log = open(self.log_path, "ab")  # noqa: SIM115 (closed with the process)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "serawai",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                *extra,
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"celery worker exited: {self.log_path.read_text()[-2000:]}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"celery worker not ready: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: the worker dies at once, mid-task if it is running one."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path, settings):
    """Start with `.start()`; stopped (or killed) at the end of the test."""
    import redis

    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    worker = WorkerProcess(tmp_path / "worker.log")
    yield worker
    worker.stop()


def wait_until(predicate, timeout: float = 30, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def all_at_once(count: int, work, join_timeout: float = 60) -> list[Exception]:
    """Call work(n) for n in range(count), each in a thread of its own (a connection of its own)
    and all released together: `count` simultaneous requests. Returns what the threads raised;
    `work` catches the refusals it expects."""
    barrier = threading.Barrier(count)
    errors = []

    def run(n):
        try:
            barrier.wait(timeout=30)
            work(n)
        except Exception as exc:  # noqa: BLE001 - returned, the test asserts there is none
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(join_timeout)
    return errors
