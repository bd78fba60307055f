"""Long work with the broker down: a large event's certificates and a large employee sheet are
accepted at once, wait in PostgreSQL, and a real worker does them as soon as Redis is back."""

import json
import shutil
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.batches import CHUNK
from documents.models import Certificate, CertificateBatch
from events.models import CommitteeMember, Event, Readiness
from events.services import eventday, preparation
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    ensure_offices,
    give_role,
    make_event,
    office,
    province,
    upload_pdf_material,
)
from tests.services.conftest import ROOT, wait_until
from tests.services.test_notifications_services import RedisServer, start

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


POST_SCRIPT = """
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


def post_with_the_broker_down(worker, redis_server, var, person, url, data, **env_extra):
    """POST the form in a fresh process while Redis is stopped; returns it and its result."""
    redis_server.start()
    redis_server.stop()
    env = worker.env()
    env.update(REDIS_URL=redis_server.url, SERAWAI_VAR_DIR=str(var), **env_extra)
    done = subprocess.run(
        [sys.executable, "-c", POST_SCRIPT, str(person.pk), url, json.dumps(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done, json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    # A port of its own: the notification tests' broker may be up in a parallel run.
    server = RedisServer(6393, tmp_path / "redis.log")
    yield server
    server.stop()


def held_event_with(attendees: int):
    """An event held today with this many attendees, through the services."""
    ensure_offices()  # a transactional test's flush removed the migration's offices
    host_ca = EmployeeFactory(full_name="Siti Aminah, S.E.", office=office("1701"))
    give_role(host_ca, RoleAssignment.Role.CA, office("1701"))
    ca_province = EmployeeFactory(full_name="Yuli Andriani, S.ST., M.M.")
    give_role(ca_province, RoleAssignment.Role.CA, province())
    event = make_event(host="1701", title="Statistik untuk Kebijakan Daerah")
    notulis = EmployeeFactory(full_name="Nur Aisyah, S.Tr.Stat.", office=office("1701"))
    preparation.add_committee_member(
        event, role=CommitteeMember.Role.NOTULIS, employee=notulis, by=host_ca
    )
    upload_pdf_material(event, host_ca)
    preparation.update_readiness(
        event, by=host_ca, items=dict.fromkeys(Readiness.ITEMS, True), place="Aula"
    )
    preparation.confirm_readiness(event, by=ca_province)
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    for n in range(attendees):
        eventday.add_attendee(
            event, employee=EmployeeFactory(full_name=f"Peserta Ke-{n + 1}, S.ST."), by=notulis
        )
    eventday.save_minutes(
        event, summary="Ringkasan.", questions_answers="", follow_ups="", by=notulis
    )
    eventday.finalise_minutes(event, by=notulis)
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    signatory = EmployeeFactory(
        full_name="Ir. Win Rizal, M.E.", position="Kepala BPS Provinsi Bengkulu"
    )
    return event, host_ca, signatory


# A handful of holders (one chunk) goes to the worker like a large event (more than one chunk).
@pytest.mark.parametrize("attendees", [3, CHUNK + 5], ids=["small", "large"])
def test_certificates_requested_with_the_broker_down_are_issued_when_it_is_back(
    celery_worker_process, own_redis, tmp_path, attendees
):
    event, host_ca, signatory = held_event_with(attendees)
    holders = attendees  # no speaker: each attendee holds one certificate
    var = tmp_path / "var"
    url = reverse("events:certificates", args=[event.pk])
    done, result = post_with_the_broker_down(
        celery_worker_process, own_redis, var, host_ca, url, {"signatory": signatory.pk}
    )
    assert result["status"] == 302  # the request succeeded
    assert result["seconds"] < 10  # accepted at once, nothing rendered in the request
    assert "batch" in done.stderr.lower()  # the warning: the batch waits for the resume
    batch = CertificateBatch.objects.get()
    assert batch.status == CertificateBatch.Status.PENDING and batch.total == holders
    assert not Certificate.objects.exists()

    own_redis.start()  # the broker is back; a worker comes up against it
    start(celery_worker_process, var, REDIS_URL=own_redis.url)

    def finished():
        batch.refresh_from_db()
        return batch.status == CertificateBatch.Status.DONE

    assert wait_until(finished, timeout=180), celery_worker_process.log()[-3000:]
    assert Certificate.objects.count() == holders
    assert Certificate.objects.values("holder_name").distinct().count() == holders
    event.refresh_from_db()
    assert event.certificates_issued_at is not None


def test_a_large_employee_sheet_uploaded_with_the_broker_down_is_imported_when_it_is_back(
    celery_worker_process, own_redis, tmp_path
):
    from organization.models import Employee, EmployeeImport
    from tests.organization.test_employee_import import GOOD, xlsx

    ensure_offices()
    can = EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat.")
    give_role(can, RoleAssignment.Role.CAN_MEMBER)
    sheet = tmp_path / "pegawai.xlsx"
    sheet.write_bytes(xlsx(GOOD).read())
    var = tmp_path / "var"

    done, result = post_with_the_broker_down(
        celery_worker_process,
        own_redis,
        var,
        can,
        reverse("organization:employee_import"),
        {"file": str(sheet)},
        SERAWAI_IMPORT_IN_REQUEST_BYTES="0",  # this small sheet counts as large
    )
    assert result["status"] == 302 and result["seconds"] < 10
    job = EmployeeImport.objects.get()
    assert job.status == EmployeeImport.Status.PENDING
    assert not Employee.objects.filter(nip="198609262015051001").exists()

    own_redis.start()  # the broker is back; a worker comes up against it
    start(celery_worker_process, var, REDIS_URL=own_redis.url)

    def finished():
        job.refresh_from_db()
        return job.status == EmployeeImport.Status.DONE

    assert wait_until(finished, timeout=120), celery_worker_process.log()[-3000:]
    assert job.created == 3
    assert Employee.objects.get(nip="198609262015051001").office.code == "1701"
