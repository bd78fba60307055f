"""The CAN packs a quarter's evidence (bukti dukung) and watches the bar fill until the zip is
ready, without reloading the page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reports import tasks
from reports.models import EvidencePack
from tests.factories import PASSWORD
from tests.reports.conftest import cycle, event  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _december_2026():
    """The third quarter's event is held: early December of 2026."""
    moment = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=True):
        yield


@pytest.mark.django_db(transaction=True)
def test_can_starts_a_quarters_pack_and_the_page_offers_the_zip(visit, event, can_member):  # noqa: F811
    tab = visit("can")
    tab.login(can_member.nip, PASSWORD)
    page = tab.go("/reports/evidence/", "evidence")
    page.select_option("select[name=period]", "3")
    page.click("text=Susun paket")
    page.wait_for_load_state()
    tab.look("evidence-waiting")
    assert "Menunggu" in page.content()

    tasks.build_evidence_pack(EvidencePack.objects.get().pk)  # the worker's turn

    page.wait_for_selector("text=Unduh paket (zip)")
    tab.look("evidence-done")
    with page.expect_download() as download:
        page.click("text=Unduh paket (zip)")
    assert download.value.suggested_filename == "bukti-dukung-serawai-tw3-2026.zip"
