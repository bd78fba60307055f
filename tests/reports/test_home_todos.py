"""The CC finds each report waiting for approval on the home page, linked to its decision."""

import pytest
from django.urls import reverse

from reports.services import report as services

pytestmark = pytest.mark.django_db


def test_the_cc_is_asked_to_decide_a_submitted_report(client, submitted_report, cc, ca_1701):
    client.force_login(cc)
    home = client.get(reverse("cycles:home")).content.decode()
    url = reverse("reports:detail", args=[submitted_report.pk])
    assert f'href="{url}"' in home
    page = client.get(url).content.decode()
    assert reverse("reports:decide", args=[submitted_report.pk]) in page

    services.approve_report(submitted_report, by=cc, comment="Lengkap.")
    assert url not in client.get(reverse("cycles:home")).content.decode()


def test_nobody_else_is_asked_to_decide(client, submitted_report, ca_1701):
    client.force_login(ca_1701)
    home = client.get(reverse("cycles:home")).content.decode()
    assert "Periksa dan setujui" not in home
