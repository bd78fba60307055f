"""Award certificates through the document engine, once per award and year."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluations.models import Award
from evaluations.selectors import awards

from .conftest import add_speaker, make_event
from .helpers import rate_many

pytestmark = pytest.mark.django_db


def test_can_issues_the_best_presenter_certificate_once(client, cycle, can_member, cc):
    event = make_event(cycle)
    add_speaker(event, "Dr. Andi Wijaya, M.Si.")
    rate_many(event, [(5, 5, 4, 5, 4)] * awards.MIN_PRESENTER_RATINGS)
    client.force_login(can_member)
    url = reverse("evaluations:issue_award", args=[cycle.year, "presenter"])

    response = client.post(url, follow=True)

    award = Award.objects.get(cycle=cycle, kind="presenter")
    assert award.winner_name == "Dr. Andi Wijaya, M.Si."
    assert award.ratings == awards.MIN_PRESENTER_RATINGS and award.decided_by == can_member
    page = response.content.decode()
    assert "sertifikat penghargaan telah diterbitkan" in page
    from documents.models import Certificate

    certificate = Certificate.objects.get(kind="award")
    assert certificate.holder_name == "Dr. Andi Wijaya, M.Si."
    with certificate.file.open("rb") as fh:
        text = PdfReader(io.BytesIO(fh.read())).pages[0].extract_text()
    assert "Dr. Andi Wijaya, M.Si." in text and "NARASUMBER TERBAIK" in text.upper()

    again = client.post(url, follow=True)
    assert "sudah diterbitkan" in again.content.decode()
    assert Certificate.objects.filter(kind="award").count() == 1


def test_only_can_issues_award_certificates(client, cycle, employee):
    client.force_login(employee)
    url = reverse("evaluations:issue_award", args=[cycle.year, "presenter"])
    assert client.post(url).status_code == 403
    assert not Award.objects.exists()


def test_an_award_certificate_carries_the_awards_date_and_names_serawai_once(
    client, cycle, can_member, cc
):
    import datetime

    import time_machine

    from documents.models import Certificate

    event = make_event(cycle)
    add_speaker(event, "Dr. Andi Wijaya, M.Si.")
    rate_many(event, [(5, 5, 4, 5, 4)] * awards.MIN_PRESENTER_RATINGS)
    awarded = datetime.date(cycle.year, 12, 18)
    with time_machine.travel(datetime.datetime(cycle.year, 12, 18, 10, 0), tick=False):
        client.force_login(can_member)
        page = client.post(
            reverse("evaluations:issue_award", args=[cycle.year, "presenter"]), follow=True
        )
    assert "sertifikat penghargaan telah diterbitkan" in page.content.decode(), page.content

    certificate = Certificate.objects.get(kind="award")
    assert certificate.event_date == awarded != event.date
    with certificate.file.open("rb") as fh:
        text = " ".join(PdfReader(io.BytesIO(fh.read())).pages[0].extract_text().split())
    assert f"18 Desember {cycle.year}" in text
    assert text.count("Serawai") == 1
    assert f"Serawai Tahun {cycle.year} yang diselenggarakan oleh BPS Provinsi Bengkulu" in text


def test_an_award_certificate_is_filed_as_pdfa(client, cycle, can_member, cc, tmp_path):
    from documents.models import Certificate
    from tests.documents.archival import assert_archival

    event = make_event(cycle)
    add_speaker(event, "Dr. Andi Wijaya, M.Si.")
    rate_many(event, [(5, 5, 4, 5, 4)] * awards.MIN_PRESENTER_RATINGS)
    client.force_login(can_member)
    client.post(reverse("evaluations:issue_award", args=[cycle.year, "presenter"]))

    certificate = Certificate.objects.get(kind="award")
    with certificate.file.open("rb") as fh:
        assert_archival(
            fh.read(),
            tmp_path,
            landscape=True,
            expect=[
                "PENGHARGAAN",
                "Dr. Andi Wijaya, M.Si.",
                f"Kode verifikasi: {certificate.code}",
            ],
        )
