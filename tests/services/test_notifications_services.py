"""Deadline messages on PostgreSQL, Redis and real Celery worker processes: exactly once, none lost.

The worker writes e-mail with Django's file backend (EMAIL_URL="") under its own SERAWAI_VAR_DIR;
the tests read the messages back from those files.
"""

import datetime
import email
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from cycles.models import Cycle, CycleStep
from notifications import kinds
from notifications.models import Notification, OutboxMail
from organization.models import Office, RoleAssignment
from tests.factories import EmployeeFactory, ensure_offices, give_role, province
from tests.services.conftest import ROOT, WorkerProcess, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SEPARATOR = b"-" * 79


def start(worker: WorkerProcess, var_dir: Path, **env) -> WorkerProcess:
    """Start the worker with its own var folder (mail files) and extra environment."""
    base = worker.env
    worker.env = lambda: {**base(), "SERAWAI_VAR_DIR": str(var_dir), **env}
    return worker.start()


def mailed(var_dir: Path) -> list[email.message.Message]:
    """Every message the file backend wrote under var_dir/mail."""
    messages = []
    for path in sorted((var_dir / "mail").glob("*.log")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip() + b"\n"))
    return messages


def regency_cas():
    """A CA in every kab/kota office: step 3 (propose themes) is theirs."""
    people = []
    ensure_offices()  # a transactional test's flush removed the migration's offices
    for office in Office.objects.regencies():
        person = EmployeeFactory(office=office)
        give_role(person, RoleAssignment.Role.CA, office)
        people.append(person)
    return people


def sweep_day():
    """The day the tests sweep: today, or the next working day when today is not one (no
    reminder falls on a weekend or holiday, and CI may run on one)."""
    from cycles.calendar import first_working_day_on_or_after

    return first_working_day_on_or_after(timezone.localdate())


def step_due_today(number=3):
    """A step due on the sweep day: its "due today" reminder is sent that day."""
    today = sweep_day()
    cycle, _ = Cycle.objects.get_or_create(
        province=province(), year=today.year, defaults={"start_date": today}
    )
    return CycleStep.objects.create(cycle=cycle, number=number, planned_start=today, due=today)


def succeeded(worker: WorkerProcess, task: str) -> int:
    return sum(1 for line in worker.log().splitlines() if task in line and "succeeded" in line)


def all_sent():
    rows = list(OutboxMail.objects.values_list("status", flat=True))
    return rows and all(status == "sent" for status in rows)


def test_reminder_due_today_is_delivered_exactly_once(celery_worker_process, tmp_path):
    pytest.importorskip("cycles.calendar")
    responsible_people = pytest.importorskip("cycles.selectors.responsibility").responsible_people
    from cycles.tasks import sweep_deadlines

    regency_cas()
    step = step_due_today()
    expected = {p.email for p in responsible_people(step)}
    assert len(expected) >= 10
    var = tmp_path / "var"
    start(celery_worker_process, var)
    # A second worker on the same queue: two workers may run the sweep at the same time.
    second = start(WorkerProcess(tmp_path / "worker2.log"), var)
    try:
        today = sweep_day().isoformat()

        def runs():
            task = "cycles.sweep_deadlines"
            return succeeded(celery_worker_process, task) + succeeded(second, task)

        # Each worker sweeps once as it starts (cycles.tasks); then three sweeps at once.
        assert wait_until(lambda: runs() == 2, timeout=30), celery_worker_process.log()[-3000:]
        for _ in range(3):
            sweep_deadlines.delay(today)
        assert wait_until(lambda: runs() == 5, timeout=30), celery_worker_process.log()[-3000:]
        assert wait_until(all_sent, timeout=30)
        time.sleep(1.5)  # any stray drain would have sent a double by now
        sweep_deadlines.delay(today)
        assert wait_until(lambda: runs() == 6, timeout=30)
        time.sleep(1.5)
    finally:
        second.stop()

    reminders = Notification.objects.filter(kind=kinds.STEP_REMINDER)
    assert reminders.count() == len(expected)
    assert OutboxMail.objects.filter(status="sent").count() == len(expected)
    to = sorted(m["To"] for m in mailed(var))
    assert to == sorted(expected)  # each responsible person got exactly one e-mail
    message = mailed(var)[0]
    assert message["Subject"].startswith("[Serawai] Hari ini batas waktu: Langkah 3")
    assert message.is_multipart()


def test_worker_killed_mid_send_and_restarted_delivers_each_message_once(
    celery_worker_process, tmp_path
):
    pytest.importorskip("cycles.calendar")
    pytest.importorskip("cycles.selectors.responsibility")
    from cycles.tasks import sweep_deadlines

    cas = regency_cas()
    step_due_today()
    var = tmp_path / "var"
    # Slow sending (0.4 s a message) so that SIGKILL lands in the middle of the drain task.
    start(
        celery_worker_process, var, SERAWAI_TEST_SEND_DELAY="0.4", SERAWAI_OUTBOX_STUCK_SECONDS="2"
    )
    today = sweep_day().isoformat()
    sweep_deadlines.delay(today)
    assert wait_until(lambda: len(mailed(var)) >= 3, timeout=120), celery_worker_process.log()
    celery_worker_process.kill()
    # The kill lands mid-drain: some mails are out, the rest are not. Whether it caught a row
    # claimed ("sending") or fell between two rows depends on the machine's load; either way
    # the promise below (each mail once, none lost) must hold.
    assert len(mailed(var)) < len(cas)
    assert OutboxMail.objects.filter(status="sending").count() <= 1

    time.sleep(2.5)  # the claimed row is now "stuck" (SERAWAI_OUTBOX_STUCK_SECONDS=2)
    restarted = start(
        WorkerProcess(tmp_path / "worker-restarted.log"),
        var,
        SERAWAI_TEST_SEND_DELAY="0.05",
        SERAWAI_OUTBOX_STUCK_SECONDS="2",
    )
    try:
        # The worker drains the outbox and sweeps when it starts; beat would also re-run the
        # sweep. The broker also redelivers what the killed worker had taken and not finished.
        again = sweep_deadlines.delay(today)
        assert wait_until(all_sent, timeout=120), restarted.log()[-3000:]
        assert wait_until(lambda: f"[{again.id}] succeeded" in restarted.log(), timeout=120)
        time.sleep(1.5)
    finally:
        restarted.stop()

    to = sorted(m["To"] for m in mailed(var))
    assert to == sorted(p.email for p in cas)
    assert Notification.objects.filter(kind=kinds.STEP_REMINDER).count() == len(cas)


def test_a_worker_that_starts_sends_the_days_messages_without_waiting_for_beat(
    celery_worker_process, tmp_path
):
    """Beat sweeps at 07:00 and does not make up a run the server was down for: a worker that
    starts later in the day sends what is due at once (here an escalation, due on any day)."""
    pytest.importorskip("cycles.calendar")
    from cycles.models import Cycle, CycleStep

    coordinator = EmployeeFactory(office=province())
    give_role(coordinator, RoleAssignment.Role.CAN_COORDINATOR)
    champion = EmployeeFactory(office=province())
    give_role(champion, RoleAssignment.Role.CC)
    today = timezone.localdate()
    cycle = Cycle.objects.create(province=province(), year=today.year, start_date=today)
    long_ago = today - datetime.timedelta(days=60)  # past the escalation, whatever today is
    CycleStep.objects.create(cycle=cycle, number=3, planned_start=long_ago, due=long_ago)
    var = tmp_path / "var"
    start(celery_worker_process, var)  # nobody sends a sweep: the worker runs one as it starts

    assert wait_until(all_sent, timeout=60), celery_worker_process.log()[-3000:]
    escalated = Notification.objects.filter(kind=kinds.STEP_ESCALATION)
    assert sorted(escalated.values_list("recipient_id", flat=True)) == sorted(
        [coordinator.pk, champion.pk]
    )
    assert sorted(m["To"] for m in mailed(var)) == sorted([coordinator.email, champion.email])


REQUEST_SCRIPT = """
import json, sys, time
import django
django.setup()
from django.test import Client
from organization.models import Employee
client = Client(HTTP_HOST="localhost")
client.force_login(Employee.objects.get(pk=int(sys.argv[1])))
started = time.monotonic()
data = json.loads(sys.argv[3])
if "file" in data:
    data["file"] = open(data["file"], "rb")
response = client.post(sys.argv[2], data)
print(json.dumps({"status": response.status_code, "seconds": time.monotonic() - started}))
"""


class RedisServer:
    """A redis-server of our own on a spare port, so the test can stop the broker."""

    def __init__(self, port: int, log: Path):
        self.port, self.log, self.proc = port, log, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        import redis

        args = ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen(args, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)  # noqa: SIM115
        client = redis.Redis.from_url(self.url)

        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        assert wait_until(answers, timeout=10), self.log.read_text()
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def post_with_the_broker_down(
    worker, redis_server, var, person, url, data=None, timeout=60, **env_extra
):
    """POST `data` (a "file" entry: the path of a file to upload) to `url` as `person` in a fresh
    process while the broker is down; the request must succeed (a redirect). Returns the
    finished process and its {"status", "seconds"}."""
    redis_server.start()
    redis_server.stop()  # the broker is down
    env = worker.env()
    env.update(REDIS_URL=redis_server.url, SERAWAI_VAR_DIR=str(var), **env_extra)
    done = subprocess.run(
        [sys.executable, "-c", REQUEST_SCRIPT, str(person.pk), url, json.dumps(data or {})],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 302  # the request succeeded
    return done, result


def broker_back(worker, redis_server, var) -> None:
    """The broker is back; a worker comes up against it."""
    redis_server.start()
    start(worker, var, REDIS_URL=redis_server.url)


def own_redis_on(port: int, tmp_path: Path):
    """The body of an `own_redis` fixture: a RedisServer on `port`, stopped at the end."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    server = RedisServer(port, tmp_path / "redis.log")
    yield server
    server.stop()


@pytest.fixture
def own_redis(tmp_path):
    yield from own_redis_on(6391, tmp_path)


def test_request_succeeds_with_the_broker_down_and_the_mail_goes_out_when_it_is_back(
    celery_worker_process, own_redis, tmp_path
):
    person = EmployeeFactory(full_name="Rina Marlina, S.Si.")
    var = tmp_path / "var"
    done, result = post_with_the_broker_down(
        celery_worker_process, own_redis, var, person, reverse("notifications:send_test")
    )
    print(f"request with the broker down: {result['seconds']:.2f} s")
    assert result["seconds"] < 10
    assert "Broker unreachable" in done.stderr
    row = OutboxMail.objects.get(to_address=person.email)
    assert row.status == "pending"  # kept in the outbox, not lost
    assert Notification.objects.filter(recipient=person).count() == 1

    broker_back(celery_worker_process, own_redis, var)
    assert wait_until(all_sent, timeout=30), celery_worker_process.log()[-3000:]
    assert [m["To"] for m in mailed(var)] == [person.email]


def test_publishing_the_socialisation_letter_with_the_broker_down_succeeds_and_tells_the_cas_later(
    celery_worker_process, own_redis, tmp_path
):
    """Step 2 with Redis stopped: the letter is numbered and stored, the kab/kota CAs are told in
    the bell at once and by e-mail as soon as the broker is back."""
    from cycles.models import Concept
    from documents.models import Letter
    from tests.voting.helpers import agree_concept, make_cycle

    cas = regency_cas()
    can = EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat.")
    give_role(can, RoleAssignment.Role.CAN_COORDINATOR)
    cc = EmployeeFactory(full_name="Ir. Win Rizal, M.E.", position="Kepala BPS Provinsi Bengkulu")
    give_role(cc, RoleAssignment.Role.CC)
    cycle = make_cycle()
    agree_concept(cycle)
    var = tmp_path / "var"
    post_with_the_broker_down(
        celery_worker_process,
        own_redis,
        var,
        can,
        reverse("cycles:socialisation_letter"),
        timeout=120,  # the letter is rendered as PDF/A inside the request
    )
    letter = Letter.objects.get(kind=Letter.Kind.SOCIALISATION)
    assert letter.number.startswith("B-001/17000/")
    assert Concept.objects.get(cycle=cycle).cycle.steps.get(number=2).completed_at is not None
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert {ca.pk for ca in cas} <= told
    assert not OutboxMail.objects.exclude(status="pending").exists()  # queued, nothing lost

    broker_back(celery_worker_process, own_redis, var)
    assert wait_until(all_sent, timeout=60), celery_worker_process.log()[-3000:]
    sent = [(m["To"], m["Subject"]) for m in mailed(var)]
    assert {ca.email for ca in cas} <= {to for to, _subject in sent}
    assert len(sent) == len(set(sent))  # each message once (letter published, proposals open)
    assert len(sent) == OutboxMail.objects.count()
