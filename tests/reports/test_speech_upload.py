"""The draft opening speech: typed, or an uploaded PDF/DOCX/ODT checked by content and size."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import speech_files
from reports.models import OpeningSpeech
from reports.services import report as services

from .conftest import docx_bytes, odt_bytes

pytestmark = pytest.mark.django_db


def _post(client, report, event, **data):
    return client.post(reverse("reports:speech", args=[report.pk, event.pk]), data, follow=True)


def test_docx_speech_is_accepted_and_its_text_read(client, report, event, ca_1701):
    client.force_login(ca_1701)
    data = docx_bytes(["Yth. Kepala BPS", "Salam Serawai"])
    upload = SimpleUploadedFile("sambutan.docx", data)
    response = _post(
        client, report, event, speaker="Kepala BPS Kab. Bengkulu Selatan", upload=upload
    )
    assert "Draf kata sambutan disimpan" in response.content.decode()
    speech = OpeningSpeech.objects.get(report=report, event=event)
    assert speech.file_kind == "docx"
    assert speech.body == "Yth. Kepala BPS\nSalam Serawai"
    download = client.get(reverse("reports:speech_file", args=[report.pk, speech.pk]))
    assert b"".join(download.streaming_content) == data


def test_a_speech_file_name_with_a_line_break_downloads_under_one_safe_line(
    client, report, event, ca_1701
):
    data = docx_bytes(["Salam Serawai"])
    upload = SimpleUploadedFile('sambutan "final"\r\nSet-Cookie: x.docx', data)
    speech = services.set_opening_speech(report, event=event, by=ca_1701, upload=upload)
    client.force_login(ca_1701)
    download = client.get(reverse("reports:speech_file", args=[report.pk, speech.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        'attachment; filename="sambutan -final- Set-Cookie- x.docx"'
    )
    assert b"".join(download.streaming_content) == data


def test_odt_speech_is_accepted(report, event, ca_1701):
    upload = SimpleUploadedFile("sambutan.odt", odt_bytes(["Bapak dan Ibu sekalian"]))
    speech = services.set_opening_speech(report, event=event, by=ca_1701, upload=upload)
    assert speech.file_kind == "odt" and speech.body == "Bapak dan Ibu sekalian"


def test_file_named_pdf_that_is_not_a_pdf_is_refused(client, report, event, ca_1701):
    client.force_login(ca_1701)
    upload = SimpleUploadedFile("sambutan.pdf", b"MZ\x90\x00 this is an executable")
    response = _post(client, report, event, upload=upload)
    assert "Isi berkas bukan PDF" in response.content.decode()
    assert not OpeningSpeech.objects.exists()


def test_docx_that_is_a_plain_zip_is_refused(report, event, ca_1701):
    upload = SimpleUploadedFile("sambutan.docx", odt_bytes(["bukan word"]))
    with pytest.raises(ValidationError, match="bukan dokumen Word"):
        services.set_opening_speech(report, event=event, by=ca_1701, upload=upload)
    assert not OpeningSpeech.objects.exists()


def test_too_large_file_is_refused(client, report, event, ca_1701, monkeypatch):
    monkeypatch.setattr(speech_files, "MAX_BYTES", 1000)
    client.force_login(ca_1701)
    upload = SimpleUploadedFile("sambutan.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    response = _post(client, report, event, upload=upload)
    assert "Berkas terlalu besar" in response.content.decode()
    assert not OpeningSpeech.objects.exists()


def test_other_extensions_are_refused(client, report, event, ca_1701):
    client.force_login(ca_1701)
    response = _post(client, report, event, upload=SimpleUploadedFile("s.exe", b"%PDF-1.4"))
    assert "Hanya berkas PDF, DOCX atau ODT" in response.content.decode()


def test_empty_speech_form_says_what_to_do(client, report, event, ca_1701):
    client.force_login(ca_1701)
    response = _post(client, report, event, text="  ")
    assert "Isi naskah sambutan atau unggah berkasnya" in response.content.decode()
    assert not OpeningSpeech.objects.exists()
