import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cycles.models import CalendarDay
from tests.factories import province


def plan_json(start: str, *more) -> list[dict]:
    out = io.StringIO()
    call_command("serawai_plan", "--start", start, "--json", *more, stdout=out)
    return json.loads(out.getvalue())


def test_plan_from_2_january_2025_skips_isra_miraj_cuti_bersama_and_imlek(db):
    plan = plan_json("2025-01-02")
    assert [(s["step"], s["start"], s["due"], s["working_days"]) for s in plan] == [
        (1, "2025-01-02", "2025-01-06", 3),
        (2, "2025-01-07", "2025-01-07", 1),
        (3, "2025-01-08", "2025-01-16", 7),
        (4, "2025-01-17", "2025-02-11", 15),
        (5, "2025-02-12", "2025-02-12", 1),
    ]
    assert plan[3]["name"] == "Memilih tema Serawai secara voting"


def test_plan_follows_a_day_the_office_closes(db):
    CalendarDay.objects.create(
        province=province(),
        date=datetime.date(2025, 1, 7),
        kind=CalendarDay.Kind.CLOSED,
        reason="Banjir",
    )
    assert plan_json("2025-01-02")[1]["due"] == "2025-01-07"  # the national calendar alone
    plan = plan_json("2025-01-02", "--province", "1700")
    assert (plan[1]["start"], plan[1]["due"]) == ("2025-01-08", "2025-01-08")
    assert plan[4]["due"] == "2025-02-13"


def test_plan_text_names_the_holidays_inside_a_step(db):
    out = io.StringIO()
    call_command("serawai_plan", "--start", "2025-01-02", stdout=out)
    text = out.getvalue()
    assert "4. 2025-01-17 .. 2025-02-11 (15 HK)" in text
    assert "2025-01-29 libur: Tahun Baru Imlek" in text


def test_plan_refuses_a_date_that_is_not_one(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("serawai_plan", "--start", "2025-02-30")
