"""Steps 1-5 end to end through the pages, as the people who do them: concept -> agreed ->
socialisation letter -> proposals from three offices -> ballots -> close -> tie decided ->
hosts and dates -> announcement letter -> events created. Letters are parsed back from PDF."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from common.dates import long_date
from cycles.calendar import WorkingCalendar
from cycles.models import Concept
from documents.models import Letter
from events.models import CommitteeMember, Event
from notifications import kinds
from notifications.models import Notification
from tests.factories import EmployeeFactory, office
from tests.voting.helpers import CONCEPT_TEXT, make_ca, make_cycle
from tests.voting.test_proposals import login, proposal_data
from voting import selectors
from voting.models import SelectedTheme, ThemeProposal, Vote

pytestmark = pytest.mark.django_db
NUMBER = re.compile(r"B-\d{3}/17000/HM\.010/\d{4}")


def pdf_text(client, letter) -> str:
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_steps_1_to_5_through_the_browser(client, can_member, cc, ca_1701, ca_1702, employee):
    cycle = make_cycle()
    today = timezone.localdate()
    ca_1703 = make_ca("1703")

    # Step 1: the CAN writes the concept, the CC returns it once, then agrees.
    login(client, can_member)
    data = {**CONCEPT_TEXT, "electorate": "employees", "choices_per_ballot": "3"}
    data |= {"themes_to_select": "3", "proposals_per_office": "2"}
    assert client.post(reverse("cycles:concept_edit"), data).status_code == 302
    client.post(reverse("cycles:concept_submit"))
    login(client, cc)
    returning = {"decision": "return", "comment": "Tambah jadwal"}
    asked = client.post(reverse("cycles:concept_decide"), returning).content.decode()
    assert "Yakin mengembalikan konsep" in asked and "Tambah jadwal" in asked
    assert Concept.objects.get().status == Concept.Status.SUBMITTED  # asked, not yet done
    client.post(reverse("cycles:concept_decide"), returning | {"confirmed": "1"})
    assert Concept.objects.get().status == Concept.Status.RETURNED
    login(client, can_member)
    assert "Tambah jadwal" in client.get(reverse("cycles:concept")).content.decode()
    client.post(reverse("cycles:concept_edit"), data | {"aims": "Tujuan yang diperbaiki."})
    client.post(reverse("cycles:concept_submit"))
    login(client, cc)
    client.post(reverse("cycles:concept_decide"), {"decision": "agree"})
    step1 = cycle.steps.get(number=1)
    assert step1.completed_by == cc and step1.completed_at is not None

    # Step 2: the socialisation letter opens the proposals and tells every kab/kota CA.
    login(client, can_member)
    client.post(reverse("cycles:socialisation_letter"))
    letter = Letter.objects.get(kind=Letter.Kind.SOCIALISATION)
    text = pdf_text(client, letter)
    assert NUMBER.search(text) and letter.number in text
    assert long_date(today) in text
    assert f"Serawai Tahun {cycle.year}" in text
    assert "Kepala Badan Pusat Statistik Kabupaten Rejang Lebong" in text
    assert cycle.steps.get(number=2).completed_by == can_member
    assert Notification.objects.filter(kind=kinds.PROPOSALS_OPEN, recipient=ca_1701).exists()

    # Step 3: three offices propose through their CAs.
    for ca, titles in (
        (ca_1701, ["Big Data Harga"]),
        (ca_1702, ["Dashboard Interaktif"]),
        (ca_1703, ["Estimasi Area Kecil", "Otomasi dengan Python"]),
    ):
        login(client, ca)
        for title in titles:
            response = client.post(reverse("voting:proposal_create"), proposal_data(title))
            assert response.status_code == 302
    themes = {p.title: p for p in ThemeProposal.objects.all()}
    assert len(themes) == 4

    # Step 4: the CAN opens the vote (letter), employees vote, the CAN closes.
    login(client, can_member)
    client.post(reverse("voting:open"))
    vote = Vote.objects.get()
    assert cycle.steps.get(number=3).completed_by == can_member
    text = pdf_text(client, Letter.objects.get(kind=Letter.Kind.VOTE))
    assert "Big Data Harga" in text and "Otomasi dengan Python" in text
    ballots = [
        ["Big Data Harga", "Dashboard Interaktif", "Estimasi Area Kecil"],
        ["Big Data Harga", "Estimasi Area Kecil", "Otomasi dengan Python"],
        ["Big Data Harga", "Dashboard Interaktif", "Otomasi dengan Python"],
    ]
    for chosen in ballots:
        login(client, EmployeeFactory(office=office("1705")))
        client.post(
            reverse("voting:ballot"),
            {"choices": [themes[t].pk for t in chosen], "confirmed": "yes"},
        )
    login(client, employee)
    assert "dirahasiakan" in client.get(reverse("voting:results")).content.decode()
    login(client, can_member)
    client.post(reverse("voting:close"))
    vote.refresh_from_db()
    assert vote.status == Vote.Status.CLOSED
    assert cycle.steps.get(number=4).completed_by == can_member

    # Step 5: everyone sees the ranking with the tie; the CAN decides it with a reason.
    login(client, employee)
    page = client.get(reverse("voting:results")).content.decode()
    assert "Suara sama pada batas" in page and "3 pemilih" in page
    login(client, can_member)
    client.post(
        reverse("voting:tie"),
        {
            "chosen": [themes["Dashboard Interaktif"].pk, themes["Otomasi dengan Python"].pk],
            "reason": "Rejang Lebong dan Bengkulu Utara belum pernah menjadi tuan rumah",
        },
    )
    assert vote.tie_decision.decided_by == can_member
    cal = WorkingCalendar.load()
    earliest = selectors.earliest_event_date(vote)
    dates = [earliest, cal.add_working_days(earliest, 10), cal.add_working_days(earliest, 20)]
    winners = [
        themes[t] for t in ("Big Data Harga", "Dashboard Interaktif", "Otomasi dengan Python")
    ]
    form = {}
    for proposal, day in zip(winners, dates, strict=True):
        form[f"p{proposal.pk}-host_office"] = proposal.office_id
        form[f"p{proposal.pk}-event_date"] = day.isoformat()
    python = themes["Otomasi dengan Python"]
    form[f"p{python.pk}-host_office"] = office("1771").pk
    form[f"p{python.pk}-host_change_reason"] = "Aula BPS Kota Bengkulu lebih luas"
    assert client.post(reverse("voting:selections"), form).status_code == 302
    assert SelectedTheme.objects.count() == 3
    client.post(reverse("voting:announce"))

    vote.refresh_from_db()
    assert vote.status == Vote.Status.ANNOUNCED
    events = {e.title: e for e in Event.objects.all()}
    assert set(events) == {p.title for p in winners}
    assert events["Otomasi dengan Python"].host_office.code == "1771"
    assert events["Big Data Harga"].date == dates[0]
    assert events["Big Data Harga"].steps.count() == 6
    assert SelectedTheme.objects.get(proposal=python).event == events["Otomasi dengan Python"]
    speakers = CommitteeMember.objects.filter(role=CommitteeMember.Role.SPEAKER)
    assert {s.external_name for s in speakers} == {"Dr. Rudi Hartono"}
    assert speakers.count() == 3

    results_letter = Letter.objects.get(kind=Letter.Kind.RESULTS)
    text = pdf_text(client, results_letter)
    assert results_letter.number in text and long_date(today) in text
    for proposal in winners:
        assert proposal.title in text
    assert "Badan Pusat Statistik Kota Bengkulu" in text
    assert "Badan Pusat Statistik Kabupaten Bengkulu Selatan" in text
    for day in dates:
        assert long_date(day) in text
    assert "Estimasi Area Kecil" not in text

    ledger = list(cycle.steps.order_by("number"))
    assert all(s.completed_at and s.completed_by for s in ledger)
    timeline = client.get(reverse("cycles:timeline")).content.decode()
    assert results_letter.number in timeline and cc.full_name in timeline
    assert Notification.objects.filter(kind=kinds.RESULTS_ANNOUNCED, recipient=employee).exists()
    login(client, employee)
    page = client.get(reverse("voting:results")).content.decode()
    assert "Aula BPS Kota Bengkulu lebih luas" in page


def test_a_regency_ca_cannot_agree_the_concept_or_publish_the_letter(client, ca_1701, can_member):
    cycle = make_cycle()
    Concept.objects.create(cycle=cycle, status=Concept.Status.SUBMITTED, **CONCEPT_TEXT)
    login(client, ca_1701)
    assert client.post(reverse("cycles:concept_decide"), {"decision": "agree"}).status_code == 404
    assert client.post(reverse("cycles:socialisation_letter")).status_code == 404
    assert Concept.objects.get().status == Concept.Status.SUBMITTED
    assert not Letter.objects.exists()


def test_a_cycle_run_on_plan_completes_step_3_on_time(can_member, cc):
    """Step 3's output, the list of proposals, is final when the window closes, not when the
    vote opens on step 4's first day: the timeline does not call it late."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    import time_machine

    from cycles.selectors.timeline import cycle_sections
    from tests.voting.helpers import make_cycle, make_proposal, open_proposals
    from voting.services.ballots import open_vote

    cycle = open_proposals(make_cycle(), can_member)
    make_proposal(cycle, "1701", "Big Data Harga")
    step3, step4 = cycle.steps.get(number=3), cycle.steps.get(number=4)
    morning = datetime.combine(step4.planned_start, time(9), tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(morning, tick=False):
        open_vote(cycle, by=can_member)
        step3.refresh_from_db()
        row = next(r for s in cycle_sections(cycle) for r in s.rows if r.number == 3)
        assert timezone.localdate(step3.completed_at) == step3.due
        assert row.is_done and not row.completed_late
