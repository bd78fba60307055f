"""The deadline sweep keeps the SOP's times in working days, and says each thing once."""

from datetime import date

import pytest
from django.core.management import call_command

from cycles.models import CalendarDay, Cycle, CycleStep
from notifications import kinds
from notifications.models import Notification, OutboxMail
from tests.factories import office, province

# The working-day calendar and who is responsible come from the cycles helper's modules.
pytest.importorskip("cycles.calendar", reason="cycles.calendar (cycles issue) not there yet")
responsible_people = pytest.importorskip(
    "cycles.selectors.responsibility",
    reason="cycles.selectors.responsibility not there yet",
).responsible_people
from cycles.services import deadlines  # noqa: E402 (after the skips above)

pytestmark = pytest.mark.django_db

MON_30_NOV = date(2026, 11, 30)  # a Monday


@pytest.fixture
def people(can_coordinator, can_member, cc, ca_1701, ca_1702, event_team_member):
    return {"coordinator": can_coordinator, "cc": cc, "member": can_member}


def make_step(number=3, due=MON_30_NOV, start=date(2026, 11, 19)):
    cycle, _ = Cycle.objects.get_or_create(
        province=province(), year=2026, defaults={"start_date": date(2026, 11, 2)}
    )
    return CycleStep.objects.create(cycle=cycle, number=number, planned_start=start, due=due)


def days_sent(step, kind, first, last):
    """Sweep every calendar day from first to last; the days on which `kind` went out."""
    sent_on = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if any(s.kind == kind and s.step == step for s in deadlines.sweep(day)):
            sent_on.append(day)
    return sent_on


def test_monday_deadline_is_reminded_on_the_friday_before(people, settings):
    settings.SERAWAI_DEADLINE_POLICY = {"default": {"reminders": (1,)}}
    step = make_step()
    assert days_sent(step, kinds.STEP_REMINDER, date(2026, 11, 23), MON_30_NOV) == [
        date(2026, 11, 27)
    ]
    told = set(
        Notification.objects.filter(kind=kinds.STEP_REMINDER).values_list("recipient", flat=True)
    )
    assert told == set(responsible_people(step).values_list("pk", flat=True))
    assert told


def test_default_policy_reminds_two_working_days_before_and_on_the_due_day(people):
    step = make_step()
    assert days_sent(step, kinds.STEP_REMINDER, date(2026, 11, 23), MON_30_NOV) == [
        date(2026, 11, 26),  # Thursday: Friday and Monday are left
        MON_30_NOV,
    ]


def test_a_holiday_in_between_moves_the_reminder(people, settings):
    settings.SERAWAI_DEADLINE_POLICY = {"default": {"reminders": (1,)}}
    CalendarDay.objects.create(
        province=province(),
        date=date(2026, 11, 27),
        kind=CalendarDay.Kind.CLOSED,
        reason="Libur daerah",
    )
    step = make_step()
    assert days_sent(step, kinds.STEP_REMINDER, date(2026, 11, 23), MON_30_NOV) == [
        date(2026, 11, 26)
    ]


def test_overdue_notice_goes_out_the_working_day_after_the_due_date(people):
    step = make_step(due=date(2026, 11, 27))  # a Friday
    assert days_sent(step, kinds.STEP_OVERDUE, date(2026, 11, 27), date(2026, 12, 2)) == [
        MON_30_NOV
    ]


def test_escalation_counts_working_days_and_goes_to_the_can_coordinator_and_the_cc(people):
    step = make_step(due=date(2026, 11, 26))  # Thursday; overdue Fri, Mon, Tue -> escalate Wed
    assert days_sent(step, kinds.STEP_ESCALATION, date(2026, 11, 26), date(2026, 12, 9)) == [
        date(2026, 12, 2)
    ]
    escalated = Notification.objects.filter(kind=kinds.STEP_ESCALATION)
    assert {n.recipient for n in escalated} == {people["coordinator"], people["cc"]}
    # On Wednesday the step is in its 4th working day late, as the timeline says that day.
    assert escalated.first().title.endswith("terlambat 4 hari kerja")
    assert OutboxMail.objects.filter(notification__in=escalated).count() == 2


def test_escalation_waits_for_a_holiday(people):
    CalendarDay.objects.create(
        province=province(),
        date=date(2026, 12, 1),
        kind=CalendarDay.Kind.CLOSED,
        reason="Libur daerah",
    )
    step = make_step(due=date(2026, 11, 26))
    assert days_sent(step, kinds.STEP_ESCALATION, date(2026, 11, 26), date(2026, 12, 9)) == [
        date(2026, 12, 3)
    ]


def test_completed_step_gets_no_message(people):
    step = make_step()
    CycleStep.objects.filter(pk=step.pk).update(completed_at="2026-11-25T10:00+07:00")
    assert deadlines.sweep(MON_30_NOV) == []
    assert deadlines.sweep(date(2026, 12, 10)) == []


def test_a_missed_sweep_catches_up_with_the_latest_message_only(people):
    step = make_step()
    sent = deadlines.sweep(date(2026, 12, 1))  # nothing ran before: the overdue notice only
    assert {s.kind for s in sent} == {kinds.STEP_OVERDUE}
    assert not Notification.objects.filter(kind=kinds.STEP_REMINDER).exists()
    assert deadlines.sweep(date(2026, 12, 2)) == []
    assert {s.kind for s in deadlines.sweep(date(2026, 12, 7))} == {kinds.STEP_ESCALATION}
    assert step.due == MON_30_NOV
    # Caught up on Monday 7 December, the escalation says how late the step is that day.
    titles = set(
        Notification.objects.filter(kind=kinds.STEP_ESCALATION).values_list("title", flat=True)
    )
    assert len(titles) == 1 and titles.pop().endswith("terlambat 5 hari kerja")


def test_policy_is_data_overridable_per_step(people, settings):
    settings.SERAWAI_DEADLINE_POLICY = {3: {"reminders": (5,), "escalate_after": None}}
    assert deadlines.policy_for(3) == deadlines.StepPolicy(
        reminders=(5,), overdue=True, escalate_after=None
    )
    assert deadlines.policy_for(2) == deadlines.StepPolicy(
        reminders=(2, 0), overdue=True, escalate_after=3
    )
    step = make_step()
    assert [p.what for p in deadlines.schedule(step)] == ["reminder", "overdue"]


def test_check_deadlines_twice_for_the_same_day_sends_nothing_the_second_time(people, capsys):
    step = make_step()
    call_command("check_deadlines", today="2026-11-30")
    first = capsys.readouterr().out
    expected = responsible_people(step).count()
    assert f"{expected} message(s) sent" in first
    assert first.count("2026-11-30  step_reminder") == expected
    assert "Langkah 3" in first
    notifications = Notification.objects.count()
    mails = OutboxMail.objects.count()

    call_command("check_deadlines", today="2026-11-30")
    second = capsys.readouterr().out
    assert "nothing to send" in second and "step_reminder" not in second
    assert Notification.objects.count() == notifications
    assert OutboxMail.objects.count() == mails


def test_check_deadlines_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("check_deadlines", today="30-11-2026")


def test_reminder_links_to_the_page_where_the_step_is_done(people):
    step = make_step()
    deadlines.sweep(MON_30_NOV)
    note = Notification.objects.filter(kind=kinds.STEP_REMINDER).first()
    assert note.url == deadlines.step_url(step)
    assert note.title.startswith("Hari ini batas waktu: Langkah 3")
    assert "30 November 2026" in note.body


def test_event_steps_are_swept_too(people):
    from events.models import Event, EventStep

    cycle = make_step().cycle
    event = Event.objects.create(
        cycle=cycle, title="Literasi Data", host_office=office("1701"), date=date(2026, 12, 10)
    )
    step = EventStep.objects.create(
        event=event, number=6, planned_start=date(2026, 11, 30), due=date(2026, 11, 30)
    )
    sent = [s for s in deadlines.sweep(MON_30_NOV) if s.step == step]
    assert sent and {s.kind for s in sent} == {kinds.STEP_REMINDER}
    assert {s.recipient for s in sent} == set(responsible_people(step))
    assert "Literasi Data" in Notification.objects.filter(key__contains="eventstep").first().title
