"""The host's CA opens the quarter's activity report and sees what is still missing."""

import pytest

from tests.factories import PASSWORD
from tests.reports.conftest import cycle, event, report  # noqa: F401 - fixtures


@pytest.mark.django_db(transaction=True)
def test_ca_sees_the_report_and_its_missing_parts(visit, report, ca_1701):  # noqa: F811
    tab = visit("ca-1701")
    tab.login(ca_1701.nip, PASSWORD)
    page = tab.go("/reports/", "reports-list")
    assert "Triwulan III" in page.content()
    page = tab.go(report.get_absolute_url(), "report-detail")
    content = page.content()
    assert "Kelengkapan laporan" in content
    assert "draf kata sambutan belum diisi" in content
