import datetime

import pytest

from tests.factories import EmployeeFactory, office

HEAD_NIP = "197208151994031002"


@pytest.fixture
def head_of_province(db):
    """The signatory of province letters: Kepala BPS Provinsi Bengkulu."""
    return EmployeeFactory(
        full_name="Ir. Win Rizal, M.E.",
        nip=HEAD_NIP,
        position="Kepala Badan Pusat Statistik Provinsi Bengkulu",
        office=office("1700"),
    )


@pytest.fixture
def letter_kwargs(head_of_province):
    return dict(
        office=office("1700"),
        kind="socialisation",
        subject="Sosialisasi Program Serawai Tahun 2025",
        addressees=["Kepala BPS Kabupaten/Kota se-Provinsi Bengkulu"],
        body_template="documents/letters/generic.html",
        context={"paragraphs": ["Dalam rangka pelaksanaan program Serawai, kami mengundang."]},
        signatory=head_of_province,
        by=head_of_province,
        copies_to=["Kepala Badan Pusat Statistik"],
        letter_date=datetime.date(2025, 1, 2),
    )
