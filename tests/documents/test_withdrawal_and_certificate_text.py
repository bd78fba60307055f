"""Certificates name who held the event and how to check them; the CAN withdraws a signed
document on a page that asks why, and the verification page says so."""

import datetime
import io

import pytest
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from documents.certificates import issue_certificates
from documents.letters import issue_letter
from documents.models import Certificate, Letter
from tests.factories import office

pytestmark = pytest.mark.django_db


def text_of(document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def hosted_by_the_city(head_of_province):
    """Signed by the province's head, for an event the city office hosted."""
    return issue_certificates(
        holders=[{"name": "Budi Santoso, S.ST.", "role_label": "Peserta"}],
        event_title="Pemanfaatan Big Data untuk Statistik Resmi",
        event_date=datetime.date(2025, 3, 12),
        issuer_office=office("1700"),
        organiser_name=office("1771").short_name,
        signatory=head_of_province,
        by=head_of_province,
    )[0]


def test_a_certificate_names_the_host_office_and_prints_its_code_and_address(
    hosted_by_the_city, settings
):
    text = text_of(hosted_by_the_city)

    assert "diselenggarakan oleh BPS Kota Bengkulu" in text
    assert "diselenggarakan oleh BPS Provinsi Bengkulu" not in text
    assert f"Kode verifikasi: {hosted_by_the_city.code}" in text
    squeezed = "".join(text.split())
    assert hosted_by_the_city.verify_url in squeezed  # the address may wrap inside its box


def test_the_can_revokes_a_certificate_with_a_reason_and_the_verify_page_shows_it(
    client, can_member, hosted_by_the_city
):
    client.force_login(can_member)
    url = reverse("documents:certificate_revoke", args=[hosted_by_the_city.pk])

    page = client.get(url).content.decode()
    assert hosted_by_the_city.serial in page and "Alasan" in page
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400 and "tidak boleh kosong" in empty.content.decode()
    assert not Certificate.objects.get(pk=hosted_by_the_city.pk).revoked

    done = client.post(url, {"reason": "Nama pemegang salah eja"})
    assert done.status_code == 302 and done["Location"] == hosted_by_the_city.verify_path

    certificate = Certificate.objects.get(pk=hosted_by_the_city.pk)
    assert certificate.revoked and certificate.revoked_by == can_member
    assert certificate.revoke_reason == "Nama pemegang salah eja"
    client.logout()
    public = client.get(certificate.verify_path).content.decode()
    assert "DICABUT" in public and "Nama pemegang salah eja" in public
    with translation.override("id"):
        assert date(timezone.localtime(certificate.revoked_at), "j F Y") in public


def test_the_can_cancels_a_letter_from_the_register(client, can_member, letter_kwargs):
    letter = issue_letter(**letter_kwargs)
    client.force_login(can_member)

    register = client.get(reverse("documents:register")).content.decode()
    assert letter.number in register
    cancel = reverse("documents:letter_cancel", args=[letter.pk])
    assert cancel in register
    response = client.post(cancel, {"reason": "Salah alamat tujuan"})
    assert response.status_code == 302

    letter.refresh_from_db()
    assert letter.status == Letter.Status.CANCELLED and letter.cancelled_by == can_member
    assert letter.cancel_reason == "Salah alamat tujuan"
    register = client.get(reverse("documents:register")).content.decode()
    assert "Dibatalkan" in register and "Salah alamat tujuan" in register


def test_someone_outside_the_can_cannot_withdraw(client, ca_1701, hosted_by_the_city):
    client.force_login(ca_1701)
    url = reverse("documents:certificate_revoke", args=[hosted_by_the_city.pk])
    assert client.post(url, {"reason": "Iseng"}).status_code == 404
    assert not Certificate.objects.get(pk=hosted_by_the_city.pk).revoked


def test_a_regency_ca_is_told_the_register_is_the_cans(client, ca_1701):
    """The register exists for the province's CAN: others are refused (403), not told "not
    found" (404)."""
    client.force_login(ca_1701)
    response = client.get(reverse("documents:register"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
