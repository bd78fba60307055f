"""A large employee sheet is accepted at once and imported by the worker, with a progress page;
the same all-or-none rules apply, and a broker that is down loses nothing."""

import pytest
from django.urls import reverse

from organization import import_jobs
from organization.models import Employee, EmployeeImport, RoleAssignment
from tests.factories import EmployeeFactory, give_role

from .test_employee_import import GOOD, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_sheet_is_large(settings):
    """The size above which the worker imports, lowered so that a three-row sheet is large."""
    settings.SERAWAI_IMPORT_IN_REQUEST_BYTES = 0


@pytest.fixture
def broker_down(monkeypatch):
    from serawai.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")


def test_a_large_sheet_is_accepted_at_once_and_imported_by_the_worker(
    client, can_member, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(can_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organization:employee_import"), {"file": xlsx(GOOD)})

    job = EmployeeImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("organization:employee_import_job", args=[job.pk])
    assert job.status == EmployeeImport.Status.PENDING and job.requested_by == can_member
    assert not Employee.objects.filter(nip="198609262015051001").exists()
    waiting = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in waiting and "Menunggu" in waiting

    # The broker is back: the worker's start-up (and beat's minute) takes the job up.
    assert import_jobs.resume_waiting(grace_seconds=0) == 1

    job.refresh_from_db()
    assert job.status == EmployeeImport.Status.DONE and job.percent == 100
    assert (job.rows, job.created, job.updated, job.unchanged) == (3, 3, 0, 0)
    assert Employee.objects.get(nip="198609262015051001").office.code == "1701"
    done = client.get(response["Location"]).content.decode()
    assert "Impor selesai: 3 pegawai baru, 0 diperbarui, 0 tidak berubah." in done


def test_a_refused_large_sheet_names_each_bad_row_and_stores_nothing(client, can_member):
    bad = [*GOOD, ("123", "Nama Salah NIP", "Statistisi", "1701", "x@bps.go.id")]
    client.force_login(can_member)
    response = client.post(reverse("organization:employee_import"), {"file": xlsx(bad)})

    job = import_jobs.run_import(EmployeeImport.objects.get().pk)

    assert job.status == EmployeeImport.Status.FAILED
    assert [row for row, _reason in job.errors] == [5]
    assert not Employee.objects.filter(nip="198609262015051001").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Berkas ditolak: 1 baris bermasalah. Tidak ada data yang disimpan." in page
    assert "NIP" in page


def test_only_the_uploader_follows_an_import(client, can_member):
    client.force_login(can_member)
    response = client.post(reverse("organization:employee_import"), {"file": xlsx(GOOD)})
    other = EmployeeFactory()

    give_role(other, RoleAssignment.Role.CAN_MEMBER)
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404
