"""Letter numbers under concurrency, on real PostgreSQL (row locks, not SQLite's file lock)."""

import datetime

import pytest
from django.db import connection

from common.scopes import province_scope
from documents.letters import issue_letter
from documents.models import Letter
from documents.rendering import render_pdf
from tests.factories import EmployeeFactory, office
from tests.services.conftest import all_at_once

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_letters_get_twenty_consecutive_numbers():
    assert connection.vendor == "postgresql"
    signatory = EmployeeFactory(
        full_name="Ir. Win Rizal, M.E.", position="Kepala BPS Provinsi Bengkulu"
    )
    province = office("1700")
    render_pdf("documents/letters/generic.html", {"paragraphs": []})  # warm WeasyPrint once
    numbers = []

    def issue(i):
        # Each thread is one of the signatory's requests: read in their province's scope.
        with province_scope(signatory):
            letter = issue_letter(
                office=province,
                kind=Letter.Kind.INVITATION,
                subject=f"Undangan {i}",
                addressees=["Seluruh pegawai"],
                body_template="documents/letters/generic.html",
                context={"paragraphs": [f"Surat ke-{i}."]},
                signatory=signatory,
                by=signatory,
                letter_date=datetime.date(2025, 5, 5),
            )
        numbers.append(letter.sequence)

    assert all_at_once(THREADS, issue, join_timeout=120) == []
    assert sorted(numbers) == list(range(1, THREADS + 1))
    stored = Letter.objects.filter(office=province, year=2025).values_list("number", flat=True)
    assert sorted(stored) == [f"B-{n:03d}/17000/HM.010/2025" for n in range(1, THREADS + 1)]
