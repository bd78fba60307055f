"""The presenter's materials: uploaded by the presenter or the Event Team, checked by content,
made into a PDF by the worker where LibreOffice is installed, served to the province only; step
7's "materi narasumber sudah diterima" follows the upload."""

import os
import sys

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.national.seed import seed_offices
from events.models import Material, Readiness, ReadinessLog
from events.services import materials as materials_services
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    give_role,
    odp_bytes,
    office,
    pdf_bytes,
    pptx_bytes,
)

from .conftest import readiness_form, url

pytestmark = pytest.mark.django_db

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def upload(client, event, name, body, title="Paparan Statistik Daerah", **extra):
    data = {"file": SimpleUploadedFile(name, body), "title": title, **extra}
    return client.post(url("materials", event), data, follow=True)


def received(event) -> bool:
    readiness = Readiness.objects.filter(event=event).first()
    return bool(readiness and readiness.material_received)


@pytest.fixture
def broker_down(monkeypatch):
    """Nothing listens on port 1: the wake-up call fails at once and the material waits."""
    from serawai.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")


def test_the_presenter_uploads_a_pdf_and_materials_received_follows_the_upload(
    client, event, speaker, django_capture_on_commit_callbacks
):
    assert not received(event)
    client.force_login(speaker)
    page = upload(client, event, "Paparan Akhir.pdf", pdf_bytes("Statistik Kebijakan Daerah"))
    text = page.content.decode()
    assert "Materi diunggah." in text and "Paparan Statistik Daerah" in text
    assert "Sedang diproses" in text
    material = Material.objects.get(event=event)
    assert material.kind == "pdf" and material.uploaded_by == speaker
    assert received(event)
    log = ReadinessLog.objects.get(event=event)
    assert log.author == speaker and "Materi narasumber diunggah" in log.comment

    # The worker reads the text of the PDF for the library's search.
    assert materials_services.process_material(material.pk) == Material.Processing.READY
    material.refresh_from_db()
    assert "Statistik Kebijakan Daerah" in material.text
    page = client.get(url("materials", event)).content.decode()
    assert "Unduh PDF" in page and "Sedang diproses" not in page

    # The checklist shows the item ticked, and a tick by hand cannot clear it.
    readiness_page = client.get(url("readiness", event)).content.decode()
    assert "Materi narasumber sudah diterima" in readiness_page

    with set_actor(speaker), django_capture_on_commit_callbacks(execute=True):
        client.post(url("material_delete", event, material.pk), {"confirmed": "1"})
    assert not Material.objects.exists()
    assert not os.path.exists(material.file.path)
    assert not received(event)
    deleted = LogEntry.objects.get(action=LogEntry.Action.DELETE, content_type__model="material")
    assert deleted.actor == speaker and "Paparan Statistik Daerah" in deleted.object_repr


def test_the_host_ca_cannot_tick_materials_received_by_hand(client, event, ca_1701):
    client.force_login(ca_1701)
    data = readiness_form(place="Aula", place_ready="on", material_received="on")
    page = client.post(url("readiness", event), data, follow=True).content.decode()
    assert "1/5" in page and 'name="material_received"' not in page
    assert not received(event)


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "Hanya berkas PDF, PPTX atau ODP"),
        ("paparan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "bukan PDF walaupun namanya"),
        ("catatan.txt", b"Catatan rapat", "Hanya berkas PDF, PPTX atau ODP"),
        ("paparan.pptx", b"Catatan rapat, bukan presentasi", "bukan presentasi walaupun"),
        ("paparan.odp", pptx_bytes(), "bukan presentasi OpenDocument"),
        ("paparan.pptx", odp_bytes(), "bukan presentasi PowerPoint"),
        ("paparan.pdf", b"", "kosong"),
    ],
)
def test_uploads_are_judged_by_content_and_refused_with_a_message(
    client, event, speaker, name, body, message
):
    client.force_login(speaker)
    page = upload(client, event, name, body, title="Judul yang diketik")
    text = page.content.decode()
    assert page.status_code == 400
    assert message in text
    assert "Judul yang diketik" in text  # what was typed stays
    assert not Material.objects.exists() and not received(event)


def test_a_file_over_the_limit_is_refused(client, event, speaker, settings):
    settings.SERAWAI_MATERIAL_MAX_BYTES = 1024
    client.force_login(speaker)
    page = upload(client, event, "besar.pdf", pdf_bytes() + b"%" * 2048)
    assert "Berkas terlalu besar" in page.content.decode()
    assert not Material.objects.exists()


def test_without_libreoffice_a_pptx_is_kept_as_it_is_and_the_page_says_so(
    client, event, event_team_member, settings
):
    settings.SERAWAI_SOFFICE = "serawai-no-such-soffice"
    client.force_login(event_team_member)  # for a presenter from outside BPS
    upload(client, event, "paparan.pptx", pptx_bytes())
    material = Material.objects.get(event=event)
    assert material.kind == "pptx" and received(event)
    assert materials_services.process_material(material.pk) == Material.Processing.NO_CONVERTER
    page = client.get(url("materials", event)).content.decode()
    assert "LibreOffice tidak terpasang" in page and "Unduh PDF" not in page
    response = client.get(url("material_file", event, material.pk, "original"))
    assert response["Content-Type"] == PPTX
    assert response["Content-Disposition"] == 'attachment; filename="paparan.pptx"'
    assert client.get(url("material_file", event, material.pk, "pdf")).status_code == 404


FAKE_SOFFICE = """#!{python}
# Stands in for LibreOffice: writes <outdir>/<input stem>.pdf, as soffice --convert-to pdf does.
import pathlib, shutil, sys
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
outdir.mkdir(parents=True, exist_ok=True)
shutil.copy({made!r}, outdir / (pathlib.Path(args[-1]).stem + ".pdf"))
"""


def test_with_libreoffice_the_worker_makes_a_pdf_of_an_odp(
    client, event, speaker, settings, tmp_path
):
    program = tmp_path / "soffice"
    made = tmp_path / "made.pdf"
    made.write_bytes(pdf_bytes("Dibuat dari ODP"))
    program.write_text(FAKE_SOFFICE.format(python=sys.executable, made=str(made)))
    program.chmod(0o755)
    settings.SERAWAI_SOFFICE = str(program)
    client.force_login(speaker)
    upload(client, event, "paparan daerah.odp", odp_bytes())
    material = Material.objects.get(event=event)
    assert material.kind == "odp" and not material.pdf  # nothing made in the request
    assert materials_services.process_material(material.pk) == Material.Processing.READY
    material.refresh_from_db()
    assert material.pdf and "Dibuat dari ODP" in material.text
    response = client.get(url("material_file", event, material.pk, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="paparan-daerah.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_downloads_go_to_employees_of_the_province_under_a_safe_name(
    client, event, speaker, employee
):
    materials_services.upload_material(
        event,
        upload=SimpleUploadedFile('..\\..\\"évil"\r\nname;.pdf', pdf_bytes()),
        title="Paparan",
        by=speaker,
    )
    material = Material.objects.get(event=event)
    file_url = url("material_file", event, material.pk, "pdf")
    client.force_login(employee)  # any employee of the province
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="evil-name.pdf"'
    seed_offices(["1100"])
    client.force_login(EmployeeFactory(office=office("1101")))
    assert client.get(file_url).status_code == 404
    assert client.get(url("materials", event)).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 302  # to the log-in page


def test_only_the_presenter_or_the_event_team_hand_in_materials(
    client, event, speaker, ca_1701, ca_1702, employee
):
    for person in (ca_1701, ca_1702, employee):
        client.force_login(person)
        page = client.get(url("materials", event)).content.decode()
        assert "Unggah materi" not in page
        response = client.post(
            url("materials", event), {"file": SimpleUploadedFile("a.pdf", pdf_bytes())}
        )
        assert response.status_code == 403
    assert not Material.objects.exists()
    other = EmployeeFactory(full_name="Event Team Lain")
    give_role(other, RoleAssignment.Role.EVENT_TEAM)
    client.force_login(other)
    assert "Unggah materi" in client.get(url("materials", event)).content.decode()


def test_a_replacement_is_recorded_with_who_and_the_old_file_goes(
    client, event, speaker, event_team_member, broker_down, django_capture_on_commit_callbacks
):
    first = materials_services.upload_material(
        event,
        upload=SimpleUploadedFile("versi1.pdf", pdf_bytes("Versi satu")),
        title="Paparan",
        by=speaker,
    )
    old_path = first.file.path
    materials_services.process_material(first.pk)
    client.force_login(event_team_member)
    form = client.get(url("material_replace", event, first.pk)).content.decode()
    assert "versi1.pdf" in form
    with set_actor(event_team_member), django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            url("material_replace", event, first.pk),
            {"file": SimpleUploadedFile("versi2.pptx", pptx_bytes())},
            follow=True,
        )
    assert "Materi diganti." in page.content.decode()
    material = Material.objects.get(pk=first.pk)
    assert material.kind == "pptx" and material.original_name == "versi2.pptx"
    assert material.text == "" and material.processing == Material.Processing.WAITING
    assert material.uploaded_by == event_team_member
    entry = LogEntry.objects.filter(
        action=LogEntry.Action.UPDATE, content_type__model="material"
    ).latest("pk")
    assert entry.actor == event_team_member and "original_name" in entry.changes_dict
    assert "text" not in entry.changes_dict
    assert not os.path.exists(old_path)  # the old file went with the commit
    assert os.path.exists(material.file.path)


def test_the_recording_link_takes_http_or_https_only(client, event, speaker):
    client.force_login(speaker)
    for bad in ("javascript:alert(1)", "ftp://files.example.org/rekaman.mp4"):
        page = client.post(url("materials", event), {"recording_url": bad})
        assert page.status_code == 400
        assert "http:// atau https://" in page.content.decode()
    page = client.post(
        url("materials", event),
        {"recording_url": "https://www.youtube.com/watch?v=serawai"},
        follow=True,
    )
    assert "Tautan rekaman disimpan." in page.content.decode()
    event.refresh_from_db()
    assert event.recording_url == "https://www.youtube.com/watch?v=serawai"
    detail = client.get(url("detail", event)).content.decode()
    assert "https://www.youtube.com/watch?v=serawai" in detail


def test_a_material_whose_wake_up_call_was_lost_is_processed_by_the_periodic_run(
    event, speaker, broker_down, django_capture_on_commit_callbacks
):
    import datetime

    import time_machine
    from django.utils import timezone

    from events.tasks import process_waiting_materials

    with django_capture_on_commit_callbacks(execute=True):  # the broker is down: nothing sent
        material = materials_services.upload_material(
            event,
            upload=SimpleUploadedFile("paparan.pdf", pdf_bytes("Teks yang menunggu")),
            title="Paparan",
            by=speaker,
        )
    assert Material.objects.get(pk=material.pk).is_waiting
    assert process_waiting_materials() == 0  # just uploaded: its wake-up may still come
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        assert process_waiting_materials() == 1
    material.refresh_from_db()
    assert material.processing == Material.Processing.READY
    assert "Teks yang menunggu" in material.text
