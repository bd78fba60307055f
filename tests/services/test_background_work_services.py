"""Long work with the broker down: a large event's certificates and a large employee sheet are
accepted at once, wait in PostgreSQL, and a real worker does them as soon as Redis is back."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.batches import CHUNK
from documents.models import Certificate, CertificateBatch
from events.models import CommitteeMember, Event
from events.services import eventday, preparation
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    employee_with_role,
    ensure_offices,
    make_event,
    make_ready,
    office,
)
from tests.services.conftest import wait_until
from tests.services.test_notifications_services import (
    broker_back,
    own_redis_on,
    post_with_the_broker_down,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def own_redis(tmp_path):
    # A port of its own: the notification tests' broker may be up in a parallel run.
    yield from own_redis_on(6393, tmp_path)


def reaches(worker, row, status, timeout) -> None:
    """Wait until the worker has brought `row` to `status`."""

    def there():
        row.refresh_from_db()
        return row.status == status

    assert wait_until(there, timeout=timeout), worker.log()[-3000:]


def held_event_with(attendees: int):
    """An event held today with this many attendees, through the services."""
    ensure_offices()  # a transactional test's flush removed the migration's offices
    host_ca = employee_with_role(
        RoleAssignment.Role.CA, office("1701"), full_name="Siti Aminah, S.E."
    )
    ca_province = employee_with_role(RoleAssignment.Role.CA, full_name="Yuli Andriani, S.ST., M.M.")
    event = make_event(host="1701", title="Statistik untuk Kebijakan Daerah")
    note_taker = EmployeeFactory(full_name="Nur Aisyah, S.Tr.Stat.", office=office("1701"))
    preparation.add_committee_member(
        event, role=CommitteeMember.Role.NOTE_TAKER, employee=note_taker, by=host_ca
    )
    make_ready(event, host_ca, ca_province, place="Aula")
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    for n in range(attendees):
        eventday.add_attendee(
            event, employee=EmployeeFactory(full_name=f"Peserta Ke-{n + 1}, S.ST."), by=note_taker
        )
    eventday.save_minutes(
        event, summary="Ringkasan.", questions_answers="", follow_ups="", by=note_taker
    )
    eventday.finalise_minutes(event, by=note_taker)
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
        celery_worker_process,
        own_redis,
        var,
        host_ca,
        url,
        {"signatory": signatory.pk},
        timeout=120,
    )
    assert result["status"] == 302  # the request succeeded
    assert result["seconds"] < 10  # accepted at once, nothing rendered in the request
    assert "batch" in done.stderr.lower()  # the warning: the batch waits for the resume
    batch = CertificateBatch.objects.get()
    assert batch.status == CertificateBatch.Status.PENDING and batch.total == holders
    assert not Certificate.objects.exists()

    broker_back(celery_worker_process, own_redis, var)
    reaches(celery_worker_process, batch, CertificateBatch.Status.DONE, timeout=180)
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
    can = employee_with_role(
        RoleAssignment.Role.CAN_MEMBER, full_name="Rina Marlina, S.Si., M.Stat."
    )
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
        timeout=120,
        SERAWAI_IMPORT_IN_REQUEST_BYTES="0",  # this small sheet counts as large
    )
    assert result["status"] == 302 and result["seconds"] < 10
    job = EmployeeImport.objects.get()
    assert job.status == EmployeeImport.Status.PENDING
    assert not Employee.objects.filter(nip="198609262015051001").exists()

    broker_back(celery_worker_process, own_redis, var)
    reaches(celery_worker_process, job, EmployeeImport.Status.DONE, timeout=120)
    assert job.created == 3
    assert Employee.objects.get(nip="198609262015051001").office.code == "1701"
