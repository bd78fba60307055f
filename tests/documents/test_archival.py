"""Letters and certificates as filed: PDF/A-3u, one font family, rendered and read back."""

import datetime

import pytest

from documents.certificates import issue_certificates
from documents.letters import issue_letter
from tests.factories import EmployeeFactory, office

from .archival import assert_archival

pytestmark = pytest.mark.django_db


def stored(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_a_letter_is_filed_as_pdfa(letter_kwargs, tmp_path):
    head_1701 = EmployeeFactory(
        full_name="Drs. Kepala Satu, M.Si.",
        nip="197001011995031001",
        position="Kepala BPS Kabupaten Bengkulu Selatan",
        office=office("1701"),
    )
    letter = issue_letter(**{**letter_kwargs, "office": office("1701"), "signatory": head_1701})

    assert_archival(
        stored(letter),
        tmp_path,
        expect=[
            "KABUPATEN BENGKULU SELATAN",
            f"Nomor : {letter.number}",
            "Hal : Sosialisasi Program Serawai Tahun 2025",
            "Manna, 2 Januari 2025",
            "Drs. Kepala Satu, M.Si.",
            "NIP. 19700101 199503 1 001",
            "Tembusan:",
            "Kepala Badan Pusat Statistik Provinsi Bengkulu",
        ],
    )


def test_each_certificate_split_from_a_batch_is_filed_as_pdfa(head_of_province, tmp_path):
    certificates = issue_certificates(
        holders=[
            {"name": "Budi Santoso, S.ST.", "nip": "198609262015051001", "role_label": "Peserta"},
            {"name": "Dr. Ani Lestari, M.Si.", "role_label": "Peserta"},
        ],
        event_title="Pemanfaatan Big Data untuk Statistik Resmi",
        event_date=datetime.date(2025, 3, 12),
        issuer_office=office("1700"),
        organiser_name="BPS Kota Bengkulu",
        signatory=head_of_province,
        by=head_of_province,
    )

    for index, certificate in enumerate(certificates):
        assert_archival(
            stored(certificate),
            tmp_path / str(index),
            landscape=True,
            expect=[
                "SERTIFIKAT",
                f"Nomor: {certificate.serial}",
                certificate.holder_name,
                "diselenggarakan oleh BPS Kota Bengkulu pada Rabu, 12 Maret 2025",
                f"Kode verifikasi: {certificate.code}",
                "Ir. Win Rizal, M.E.",
            ],
        )
