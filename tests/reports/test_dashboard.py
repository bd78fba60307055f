"""The programme dashboard: two years of Bengkulu side by side, for its CAN and CC only.

The world is built through the stage services on the days things happen (time_machine): two
cycles (2025, closed; 2026, running), their proposals, votes, held events with attendance and
ratings, and steps done on time or late. Aceh has a cycle of its own that must never show.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from cycles.selectors.timeline import cycle_sections
from cycles.services.cycle import complete_step, create_cycle
from evaluations.selectors.recap import year_recap
from evaluations.services.ratings import rate_organizer
from events.models import Event
from organization.models import Employee, RoleAssignment
from reports.selectors.dashboard import programme_figures
from tests.evaluations.conftest import add_speaker, attend
from tests.evaluations.helpers import rate_many
from tests.factories import (
    EmployeeFactory,
    give_role,
    make_event,
    office,
    other_province,
    province,
    working_day,
)
from tests.voting.helpers import make_open_vote, make_proposal
from voting.models import Vote
from voting.selectors import turnout, voter_for
from voting.services.ballots import cast_ballot
from voting.services.results import close_vote

Role = RoleAssignment.Role
JAKARTA = ZoneInfo("Asia/Jakarta")
TODAY = datetime.date(2026, 8, 20)
ORGANIZER = ("preparation", "punctuality", "technical_quality", "documentation")


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), JAKARTA))


def _done(step, by, late_days=0):
    """Complete a step at 10:00 of its due date (on time) or `late_days` after it."""
    when = datetime.datetime.combine(
        step.due + datetime.timedelta(days=late_days), datetime.time(10), JAKARTA
    )
    complete_step(step, by=by, when=when)


def _held(event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    event.refresh_from_db()
    return event


def _rate_organizer(event, scores, raters):
    for score, rater in zip(scores, raters, strict=True):
        rate_organizer(event=event, rater=rater, scores=dict.fromkeys(ORGANIZER, score))


def _year_2025(can, raters):
    cycle = create_cycle(province=province(), year=2025, start_date=datetime.date(2025, 1, 6))
    steps = {s.number: s for s in cycle.steps.all()}
    _done(steps[1], can)
    _done(steps[2], can)
    _done(steps[3], can, late_days=2)
    with at(steps[3].due):
        proposals = [
            make_proposal(cycle, "1701", "Big Data Harga"),
            make_proposal(cycle, "1701", "Statistik Pariwisata"),
            make_proposal(cycle, "1702", "Survei Digital"),
        ]
        vote = make_open_vote(cycle, can, days=30)
        for code in ("1701", "1702"):
            person = EmployeeFactory(office=office(code))
            cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[proposals[0].pk])
    with at(steps[4].due):  # closed on the last day of step 4: on time
        close_vote(vote, by=can)

    day = working_day(datetime.date(2025, 5, 20))
    with at(day, 14):
        first = _held(make_event(cycle=cycle, host="1701", event_date=day, title="Big Data Harga"))
        add_speaker(first)
        rate_many(first, [(5, 5, 5, 5, 5), (4, 4, 4, 4, 4), (3, 4, 5, 4, 3)])
        attend(first, 1)  # came, did not rate
        _rate_organizer(first, [4, 4, 4], raters)
        _done(first.steps.get(number=9), can)
    day = working_day(datetime.date(2025, 8, 12))
    with at(day, 14):
        second = _held(make_event(cycle=cycle, host="1702", event_date=day, title="Survei Digital"))
        add_speaker(second)
        rate_many(second, [(1, 1, 1, 1, 1), (1, 1, 1, 1, 1)])  # two raters: never shown
        _rate_organizer(second, [1], raters[:1])
    return cycle


def _year_2026(can, raters):
    cycle = create_cycle(province=province(), year=2026, start_date=datetime.date(2026, 1, 5))
    steps = {s.number: s for s in cycle.steps.all()}
    _done(steps[1], can, late_days=3)
    _done(steps[2], can)
    with at(steps[3].due):
        make_proposal(cycle, "1701", "Pengolahan Data Spasial")
        for n in range(3):
            make_proposal(cycle, "1703", f"Tema Bengkulu Utara {n}")
        vote = make_open_vote(cycle, can, days=400)  # still open "today"
        person = EmployeeFactory(office=office("1703"))
        proposal = cycle.proposals.order_by("pk").first()
        cast_ballot(vote, voter=voter_for(vote, person), proposal_ids=[proposal.pk])
    day = working_day(datetime.date(2026, 6, 10))
    with at(day, 14):
        held = _held(make_event(cycle=cycle, host="1703", event_date=day, title="Data Spasial"))
        add_speaker(held)
        rate_many(held, [(5, 5, 5, 5, 4)] * 3)
        attend(held, 2)
    make_event(cycle=cycle, host="1701", event_date=working_day(datetime.date(2026, 10, 14)))
    return cycle


def _aceh():
    aceh = other_province()
    with at(datetime.date(2025, 3, 3)):
        cycle = create_cycle(province=aceh, year=2025, start_date=datetime.date(2025, 1, 6))
        for n in range(7):
            make_proposal(cycle, "1101", f"Tema Aceh {n}")
    day = working_day(datetime.date(2025, 6, 10))
    with at(day, 14):
        event = make_event(cycle=cycle, host="1101", event_date=day, title="Rahasia Tanah Rencong")
        _held(event)
        attend(event, 9, office=aceh)
    return cycle


@pytest.fixture
def world(db):
    with at(datetime.date(2025, 1, 6)):
        can_2025 = EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat.")
        give_role(can_2025, Role.CAN_MEMBER)
        raters = [EmployeeFactory() for _ in range(3)]
    old = _year_2025(can_2025, raters)
    with at(datetime.date(2026, 1, 5)):
        can = EmployeeFactory(full_name="Dr. Hendra Gunawan, M.Si.")
        give_role(can, Role.CAN_COORDINATOR)
        cc = EmployeeFactory(full_name="Ir. Win Rizal, M.E.")
        give_role(cc, Role.CC)
    new = _year_2026(can, raters)
    aceh = _aceh()
    with at(TODAY):
        yield {"old": old, "new": new, "aceh": aceh, "can": can, "cc": cc}


def _eligible():
    return Employee.objects.active().in_province(province()).count()


def _timeline_share(cycle):
    """(on time, counted) as the timeline reads the cycle's steps."""
    rows = [r for s in cycle_sections(cycle, today=TODAY) for r in s.rows]
    counted = [r for r in rows if r.is_done or r.is_overdue or r.approval_overdue]
    late = [r for r in counted if r.is_overdue or r.completed_late]
    handed_in_late = [r for r in counted if r.approval_overdue and _handed_in(r) > r.step.due]
    return len(counted) - len(late) - len(handed_in_late), len(counted)


def _handed_in(row) -> datetime.date:
    return timezone.localdate(row.step.submitted_at)


def test_figures_per_year(world):
    old, new = programme_figures(province()).years
    assert (old.year, new.year) == (2025, 2026)
    assert old.proposals == {"1701": 2, "1702": 1}
    assert new.proposals == {"1701": 1, "1703": 3}
    vote = Vote.objects.get(cycle=world["old"])
    assert (old.voters, old.eligible) == (2, sum(r.eligible for r in turnout(vote)))
    assert old.turnout == round(200 / _eligible(), 1)
    assert new.turnout is None  # the 2026 vote is still open: its counts stay hidden
    assert [e.attendees for e in old.events] == [4, 2] and old.attendance_mean == 3.0
    assert [e.attendees for e in new.events] == [5]  # the October event is not held yet
    # The recap's own figure; the event rated by two people is left out as the recap leaves it.
    assert old.presenter_mean == year_recap(world["old"])["overall_mean"] == 4.27
    assert old.presenter_ratings == 3
    assert new.presenter_mean == 4.8
    assert (old.organizer_mean, old.organizer_ratings) == (4.0, 3)
    assert new.organizer_mean is None
    assert (old.steps_on_time, old.steps_counted) == _timeline_share(world["old"]) == (4, 17)
    assert (new.steps_on_time, new.steps_counted) == _timeline_share(world["new"]) == (1, 11)
    assert old.on_time == 23.5 and new.on_time == 9.1


def test_page_shows_the_years_side_by_side(client, world):
    client.force_login(world["can"])
    response = client.get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    table = page.split('class="table table-sm bg-white recap dashboard-table"')[1]
    table = table.split("</table>")[0]
    assert '<th scope="col" class="text-end num">2025</th>' in table
    assert '<th scope="col" class="text-end num">2026</th>' in table
    eligible = _eligible()
    assert f"2 / {eligible}" in table
    assert f"{round(200 / eligible, 1):.1f}".replace(".", ",") + " %" in table
    assert "pemungutan suara berjalan" in table and f"1 / {eligible}" not in page
    for figure in ("4,27", "4,80", "4,00", "3,0", "5,0", "4 / 17", "1 / 11", "23,5 %", "9,1 %"):
        assert figure in table, figure
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="serawai-chart"') == 5
    assert "Bengkulu Selatan" in page and "Big Data Harga" in page


def test_only_the_viewers_province(client, world):
    client.force_login(world["cc"])
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Rahasia Tanah Rencong" not in page and "Aceh" not in page
    figures = programme_figures(province())
    assert figures.years[0].proposals_total == 3
    assert figures.years[0].attendance_total == 6


def test_pdf_holds_the_figures(client, world):
    client.force_login(world["cc"])
    response = client.get(reverse("reports:dashboard_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    for figure in ("2025", "2026", "4,27", "4 / 17", "23,5 %", "Usulan tema per kantor"):
        assert figure in text, figure
    assert "Rahasia Tanah Rencong" not in text and "Aceh" not in text


def test_xlsx_holds_the_same_numbers(client, world):
    client.force_login(world["can"])
    response = client.get(reverse("reports:dashboard_xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    summary = list(book["Ringkasan per tahun"].iter_rows(values_only=True))
    header, old, new = summary
    row = dict(zip(header, old, strict=True))
    assert row["Tahun"] == 2025 and row["Usulan tema"] == 3
    assert (row["Pemilih"], row["Hak pilih"]) == (2, _eligible())
    assert row["Rata-rata penilaian narasumber"] == 4.27
    assert row["Rata-rata penilaian penyelenggara"] == 4.0
    assert (row["Langkah tepat waktu"], row["Langkah jatuh tempo atau selesai"]) == (4, 17)
    assert row["Tepat waktu (%)"] == 23.5
    row = dict(zip(header, new, strict=True))
    assert row["Pemilih"] is None and row["Partisipasi (%)"] is None  # the vote is open
    assert row["Peserta hadir"] == 5 and row["Rata-rata penilaian narasumber"] == 4.8
    offices = {
        r[0]: r[2:] for r in book["Usulan per kantor"].iter_rows(min_row=2, values_only=True)
    }
    assert offices["1701"] == (2, 1) and offices["1702"] == (1, 0) and offices["1703"] == (0, 3)
    assert "1101" not in offices
    events = list(book["Kehadiran per kegiatan"].iter_rows(min_row=2, values_only=True))
    assert [(e[0], e[1], e[4]) for e in events] == [
        (2025, "Big Data Harga", 4),
        (2025, "Survei Digital", 2),
        (2026, "Data Spasial", 5),
    ]


@pytest.mark.parametrize(
    "url", ["reports:dashboard", "reports:dashboard_pdf", "reports:dashboard_xlsx"]
)
def test_a_regency_employee_is_refused(client, world, url):
    person = EmployeeFactory(office=office("1701"))
    client.force_login(person)
    assert client.get(reverse(url)).status_code == 403
    ca = EmployeeFactory(office=office("1701"))
    give_role(ca, Role.CA, office("1701"))
    client.force_login(ca)
    assert client.get(reverse(url)).status_code == 403


def test_navigation_links_the_dashboard_for_can_and_cc_only(client, world):
    url = reverse("reports:dashboard")
    for person, shown in ((world["can"], True), (world["cc"], True), (EmployeeFactory(), False)):
        client.force_login(person)
        assert (f'href="{url}"' in client.get(reverse("cycles:home")).content.decode()) is shown


def test_a_province_without_cycles_gets_a_page_and_empty_documents(client, cc):
    client.force_login(cc)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    assert "Belum ada siklus Serawai untuk provinsi Anda." in page.content.decode()
    pdf = PdfReader(io.BytesIO(client.get(reverse("reports:dashboard_pdf")).content))
    assert "Belum ada siklus Serawai" in pdf.pages[0].extract_text()
    book = load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_xlsx")).content))
    assert book["Ringkasan per tahun"].max_row == 1  # the headers only
