"""The host's CA opens the quarter's activity report and sees what is still missing."""

import pytest

from tests.factories import PASSWORD
from tests.reports.conftest import (  # noqa: F401 - fixtures
    complete_report,
    cycle,
    event,
    report,
    submitted_report,
)


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


@pytest.mark.django_db(transaction=True)
def test_cc_sees_the_recap_chart_and_approves(visit, submitted_report, cc):  # noqa: F811
    tab = visit("cc")
    tab.login(cc.nip, PASSWORD)
    page = tab.go(submitted_report.get_absolute_url(), "report-submitted")
    assert page.locator("svg.serawai-chart").count() == 1
    page.check("input[value=approve]")
    page.click("text=Simpan keputusan")
    page.wait_for_load_state()
    tab.look("report-approved")
    assert "Laporan disetujui." in page.content()
    assert "Unduh PDF/A disetujui" in page.content()
