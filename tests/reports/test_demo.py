"""The demo data of step 10 is idempotent and gives each held quarter its report."""

import io

import pytest

from demo import evaluations as evaluations_demo
from demo import reports as reports_demo
from reports.models import ActivityReport

pytestmark = pytest.mark.django_db


def test_demo_seeds_each_held_quarter_once(event, can_member, cc):
    out = io.StringIO()
    evaluations_demo.seed(event.cycle, out)  # seed_demo runs it first
    reports_demo.seed(event.cycle, out)
    reports_demo.seed(event.cycle, out)
    report = ActivityReport.objects.get(cycle=event.cycle)
    assert report.quarter == 3 and report.revision == 1
    assert report.introduction.startswith("Serawai (Sharing Knowledge Antar Pegawai)")
    assert report.speeches.get().text.startswith("Assalamualaikum")
    assert "1 activity report(s) seeded" in out.getvalue()
