"""Step 3's output: the proposal list ("Daftar usulan tema") for the CAN, as .xlsx and PDF."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.voting.helpers import make_proposal
from tests.voting.test_proposals import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(cycle):
    return [
        make_proposal(cycle, "1701", "Pemanfaatan Big Data"),
        make_proposal(cycle, "1771", "Dashboard Interaktif"),
    ]


def test_can_exports_the_proposal_list_as_xlsx(client, listed, can_member):
    login(client, can_member)
    response = client.get(reverse("voting:proposals_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nomor", "Kantor pengusul", "Judul tema")
    assert [r[2] for r in rows[1:]] == ["Pemanfaatan Big Data", "Dashboard Interaktif"]
    assert rows[1][1] == "BPS Kab. Bengkulu Selatan"
    assert "Dr. Narasumber Luar (Universitas Bengkulu)" in rows[1][5]


def test_can_exports_the_proposal_list_as_pdf(client, listed, can_member, cycle):
    login(client, can_member)
    response = client.get(reverse("voting:proposals_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert f"Daftar Usulan Tema Serawai Tahun {cycle.year}" in text
    assert "Pemanfaatan Big Data" in text and "BPS Kota Bengkulu" in text


def test_a_ca_cannot_export_the_list(client, listed, ca_1701):
    login(client, ca_1701)
    assert client.get(reverse("voting:proposals_xlsx")).status_code == 404
    assert client.get(reverse("voting:proposals_pdf")).status_code == 404


def test_the_proposal_list_pdf_is_filed_as_pdfa(client, listed, can_member, cycle, tmp_path):
    from tests.documents.archival import assert_archival

    login(client, can_member)
    response = client.get(reverse("voting:proposals_pdf"))

    assert_archival(
        response.content,
        tmp_path,
        landscape=True,
        expect=[
            "BADAN PUSAT STATISTIK PROVINSI BENGKULU",
            f"Daftar Usulan Tema Serawai Tahun {cycle.year}",
            "BPS Kab. Bengkulu",
            "Dashboard",
        ],
    )
