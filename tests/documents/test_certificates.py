import datetime
import hashlib
import io

import pytest
from pypdf import PdfReader

from documents.certificates import CertificateError, issue_certificates, revoke_certificate
from documents.models import Certificate
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, office, other_province

pytestmark = pytest.mark.django_db

LONG_NAME = "Prof. Dr. Ir. Raden Ajeng Kartika Sari Dewi Purnamasari, S.Si., M.Sc., M.Eng., Ph.D."


def stored(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def batch(head_of_province):
    holder = EmployeeFactory(full_name="Budi Santoso, S.ST.", office=office("1701"))
    certificates = issue_certificates(
        holders=[
            {"name": holder.full_name, "employee": holder, "role_label": "Peserta"},
            {"name": "Dr. Ani Lestari, M.Si.", "role_label": "Peserta"},
        ],
        event_title="Pemanfaatan Big Data untuk Statistik Resmi",
        event_date=datetime.date(2025, 3, 12),
        issuer_office=office("1700"),
        signatory=head_of_province,
        by=head_of_province,
    )
    return holder, certificates


def test_each_holder_gets_one_page_with_name_serial_and_event(batch):
    holder, certificates = batch

    assert [c.serial for c in certificates] == [
        "SRW/17000/2025/00001",
        "SRW/17000/2025/00002",
    ]
    for certificate in certificates:
        reader = PdfReader(io.BytesIO(stored(certificate)))
        text = " ".join(reader.pages[0].extract_text().split())
        assert len(reader.pages) == 1
        assert certificate.holder_name in text
        assert certificate.serial in text
        assert "Pemanfaatan Big Data untuk Statistik Resmi" in text
        assert "12 Maret 2025" in text
        assert hashlib.sha256(stored(certificate)).hexdigest() == certificate.sha256
        width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
        assert width > height  # A4 landscape


def test_verification_codes_are_long_random_and_distinct(batch):
    _, certificates = batch
    codes = {c.code for c in certificates}
    assert len(codes) == 2
    assert all(len(code) >= 22 for code in codes)
    assert certificates[0].verify_url.endswith(f"/verify/{certificates[0].code}")


@pytest.mark.parametrize("kind", ["participant", "speaker", "moderator", "committee", "award"])
def test_every_variant_fits_an_80_character_name_on_one_page(head_of_province, kind):
    assert len(LONG_NAME) >= 80
    [certificate] = issue_certificates(
        holders=[{"name": LONG_NAME, "role_label": "Moderator/MC"}],
        event_title="Strategi Diseminasi Data Statistik Daerah bagi Pemerintah Kabupaten",
        event_date=datetime.date(2025, 6, 2),
        issuer_office=office("1700"),
        signatory=head_of_province,
        by=head_of_province,
        kind=kind,
        award_title="Narasumber Terbaik",
    )
    reader = PdfReader(io.BytesIO(stored(certificate)))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert LONG_NAME in text
    assert head_of_province.full_name in text


def test_unknown_kind_is_refused(head_of_province):
    with pytest.raises(CertificateError):
        issue_certificates(
            holders=[{"name": "A"}],
            event_title="X",
            event_date=datetime.date(2025, 1, 1),
            issuer_office=office("1700"),
            signatory=head_of_province,
            by=head_of_province,
            kind="diploma",
        )
    assert not Certificate.objects.exists()


def test_verification_page_shows_a_valid_certificate(client, batch):
    _, certificates = batch
    response = client.get(certificates[1].verify_path)
    body = response.content.decode()

    assert response.status_code == 200
    assert "Dr. Ani Lestari, M.Si." in body
    assert "Pemanfaatan Big Data untuk Statistik Resmi" in body
    assert "12 Maret 2025" in body
    assert "SAH" in body and "Berlaku" in body


def test_an_employee_of_another_province_verifies_a_certificate(client, batch):
    """The page is public: being logged in elsewhere (another province's scope) changes nothing."""
    _, certificates = batch
    client.force_login(EmployeeFactory(office=other_province()))

    response = client.get(certificates[1].verify_path)

    assert response.status_code == 200
    assert "Dr. Ani Lestari, M.Si." in response.content.decode()


def test_a_holder_who_moved_to_another_province_keeps_their_certificates(client, batch):
    holder, certificates = batch
    holder.office = other_province()
    holder.save()
    client.force_login(holder)

    page = client.get("/documents/certificates/mine/")
    download = client.get(certificates[0].get_absolute_url())

    assert "Pemanfaatan Big Data untuk Statistik Resmi" in page.content.decode()
    assert download.status_code == 200
    assert client.get(certificates[1].get_absolute_url()).status_code == 404  # not theirs


def test_verification_page_shows_a_revoked_certificate(client, batch, head_of_province):
    _, certificates = batch
    revoke_certificate(certificates[0], by=head_of_province, reason="Tidak hadir")
    response = client.get(certificates[0].verify_path)
    body = response.content.decode()

    assert response.status_code == 200
    assert "DICABUT" in body and "Berlaku" not in body
    assert Certificate.objects.filter(pk=certificates[0].pk, revoked=True).exists()


def test_verification_page_for_an_invented_code_is_a_404(client, batch):
    response = client.get("/verify/invented-code-123456")

    assert response.status_code == 404
    assert "Sertifikat tidak ditemukan" in response.content.decode()


def test_holder_downloads_own_certificate_and_sees_it_listed(client, batch):
    holder, certificates = batch
    client.force_login(holder)

    page = client.get("/documents/certificates/mine/")
    first = client.get(certificates[0].get_absolute_url())
    again = client.get(certificates[0].get_absolute_url())

    assert "Pemanfaatan Big Data untuk Statistik Resmi" in page.content.decode()
    assert first.status_code == 200 and first.content == again.content
    assert hashlib.sha256(first.content).hexdigest() == certificates[0].sha256


def test_other_people_cannot_download_a_certificate(client, batch):
    _, certificates = batch
    stranger = EmployeeFactory(office=office("1701"))
    client.force_login(stranger)

    assert client.get(certificates[0].get_absolute_url()).status_code == 404


def test_can_of_the_province_can_download(client, batch):
    _, certificates = batch
    can = EmployeeFactory()
    give_role(can, RoleAssignment.Role.CAN_MEMBER)
    client.force_login(can)

    assert client.get(certificates[1].get_absolute_url()).status_code == 200


def test_each_file_carries_only_its_own_qr_code(batch):
    """The batch is one WeasyPrint document; a split file must not keep the others' QR codes."""
    _, certificates = batch
    for certificate in certificates:
        page = PdfReader(io.BytesIO(stored(certificate))).pages[0]
        images = [
            x
            for x in page["/Resources"]["/XObject"].values()
            if x.get_object()["/Subtype"] == "/Image"
        ]
        assert len(images) == 1


def test_certificate_files_stay_pdfa_after_the_split(batch):
    _, certificates = batch
    root = PdfReader(io.BytesIO(stored(certificates[0]))).trailer["/Root"]

    assert "/OutputIntents" in root
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert root["/Lang"] == "id"


def test_a_code_typed_by_hand_at_verify_leads_to_the_certificate(client, batch):
    """Someone who cannot scan the QR code types the printed code at /verify/ (no log-in)."""
    _, certificates = batch
    code = certificates[1].code
    form = client.get("/verify/")
    assert form.status_code == 200
    assert "Kode verifikasi" in form.content.decode() and 'name="code"' in form.content.decode()

    response = client.get("/verify/", {"code": f"  {code} "}, follow=True)
    assert response.redirect_chain[-1][0] == f"/verify/{code}"
    assert "Dr. Ani Lestari, M.Si." in response.content.decode()
    pasted = client.get("/verify/", {"code": f"https://serawai.example/verify/{code}/"})
    assert pasted["Location"] == f"/verify/{code}"


def test_a_trailing_slash_opens_the_same_verification_page(client, batch):
    _, certificates = batch
    response = client.get(certificates[1].verify_path + "/")
    assert response.status_code == 200
    assert "Dr. Ani Lestari, M.Si." in response.content.decode()


def test_codes_keep_their_case_and_a_wrong_one_offers_the_form_again(client, batch):
    """Codes are random URL-safe tokens: upper and lower case are different codes."""
    _, certificates = batch
    code = certificates[1].code
    assert code != code.swapcase()
    response = client.get(f"/verify/{code.swapcase()}")
    page = response.content.decode()
    assert response.status_code == 404 and "Sertifikat tidak ditemukan" in page
    assert 'name="code"' in page and "huruf besar dan kecil dibedakan" in page
