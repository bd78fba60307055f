"""The deadline sweep: reminders, overdue notices and escalation for every open SOP step.

The SOP gives each step a time (Mutu Baku); this module makes the system keep it. The policy is
data (`DEFAULT_POLICY`, overridable per step in settings.SERAWAI_DEADLINE_POLICY) and counts only
working days (cycles.calendar). For a step due on day D (a working day):

- a reminder to the responsible people on the working day N before D, for each N in `reminders`
  (N = 0 is the due day itself; a Monday deadline with N = 1 is reminded on the Friday before, or
  on the Thursday when that Friday is a holiday); reminders before the step starts are skipped;
- an overdue notice to the responsible people on the first working day after D;
- an escalation to the CAN coordinator and the CC once `escalate_after` full working days have
  passed overdue, i.e. on the (M+1)-th working day after D (the sweep runs at 07:00, before
  that day's work): M = 3 and D a Monday -> escalation on Friday. Its text states how many
  working days late the step is on the day it goes out, as the timeline counts them (a sweep
  that catches up later says the later, larger number).

A step whose output was handed in for approval (StepRecord.awaits_approval: steps 10 and 11 once
the quarter's report went to the CC) is its approver's: reminders and the overdue notice go to
the approver (responsible_people) and every text says that the approval is due or late, not
that the output is unwritten.

Each message goes through notifications.services.notify() with the key
"step:<model>:<id>:<kind>:<scheduled day>", unique per recipient in the database, so running the
sweep twice, on two workers at once, or again after a worker died mid-run sends each message once.
A sweep that did not run on a day (server down) catches up on the next run: it sends the latest
message that fell due and not yet superseded (a reminder is superseded by the next reminder or the
overdue notice, the overdue notice by the escalation).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from notifications import kinds
from notifications.services import notify
from organization.models import Employee, RoleAssignment

from .. import calendar, ledger, sop

REMINDER, OVERDUE, ESCALATION = "reminder", "overdue", "escalation"

# Per step number; "default" applies to steps not listed. Keys of a step's dict override the
# default's. Step 4 (the vote) is reminded by the voting app (VOTE_CLOSING) to the electorate, so
# the sweep only escalates it; step 9 (the event itself) has the event invitation instead of
# reminders, and an overdue notice when it is not recorded as held; reports and evaluation
# recaps (quarterly) get an early warning ten working days before the end of the quarter.
DEFAULT_POLICY: dict = {
    "default": {"reminders": (2, 0), "overdue": True, "escalate_after": 3},
    4: {"reminders": (), "overdue": False},
    9: {"reminders": ()},
    10: {"reminders": (10, 2, 0)},
    11: {"reminders": (10, 2, 0)},
}


@dataclass(frozen=True)
class StepPolicy:
    reminders: tuple[int, ...] = (2, 0)
    overdue: bool = True
    escalate_after: int | None = 3


def policy_for(number: int) -> StepPolicy:
    """Step `number`'s policy: DEFAULT_POLICY overridden by settings.SERAWAI_DEADLINE_POLICY."""
    override_policy = getattr(settings, "SERAWAI_DEADLINE_POLICY", {}) or {}
    merged: dict = {}
    for source in (DEFAULT_POLICY, override_policy):
        merged.update(source.get("default", {}))
    for source in (DEFAULT_POLICY, override_policy):
        merged.update(source.get(number, source.get(str(number), {})))
    return StepPolicy(
        reminders=tuple(sorted({int(n) for n in merged.get("reminders", ())}, reverse=True)),
        overdue=bool(merged.get("overdue", True)),
        escalate_after=merged.get("escalate_after"),
    )


@dataclass(frozen=True)
class Point:
    """One message a step's policy schedules: what it is and the working day it is for."""

    what: str  # REMINDER, OVERDUE or ESCALATION
    day: date
    days: int  # working days before due (reminder) or after due (overdue, escalation)


def schedule(step, policy: StepPolicy | None = None) -> list[Point]:
    """Every message of one step's policy, in the order they fall due."""
    policy = policy or policy_for(step.number)
    cycle = _cycle_of(step)
    # The step's own province calendar: its closed days move its reminders, no one else's.
    cal = calendar.WorkingCalendar.load(cycle.province_id if cycle is not None else None)
    due = step.due
    points = []
    start = step.planned_start and cal.first_working_day_on_or_after(step.planned_start)
    for n in policy.reminders:
        day = _working_days_before(due, n, cal)
        if start and day < start:
            continue
        points.append(Point(REMINDER, day, n))
    after_due = cal.next_working_day(due)
    if policy.overdue:
        points.append(Point(OVERDUE, after_due, 1))
    if policy.escalate_after is not None:
        m = int(policy.escalate_after)
        points.append(Point(ESCALATION, cal.add_working_days(after_due, m + 1), m))
    return sorted(points, key=lambda p: p.day)


def _working_days_before(due: date, n: int, cal) -> date:
    """The working day with exactly n working days in (day, due] (n = 0: the due day, or the
    last working day before it when the due date is not a working day)."""
    day = due if cal.is_working_day(due) else cal.previous_working_day(due)
    for _i in range(n):
        day = cal.previous_working_day(day)
    return day


def due_points(step, today: date, policy: StepPolicy | None = None) -> list[Point]:
    """The messages of `step` to send on `today`: the latest due one of the reminder/overdue
    chain (earlier ones are superseded) and the escalation once its day has come."""
    points = [p for p in schedule(step, policy) if p.day <= today]
    chain = [p for p in points if p.what == OVERDUE or (p.what == REMINDER and today <= step.due)]
    escalation = [p for p in points if p.what == ESCALATION]
    if escalation:
        return escalation  # the overdue notice is superseded once escalation is due
    return chain[-1:]


@dataclass(frozen=True)
class Sent:
    day: date
    kind: str
    recipient: Employee
    step: object

    def line(self) -> str:
        return (
            f"{self.day:%Y-%m-%d}  {self.kind:<16} {self.recipient.full_name} "
            f"<{self.recipient.email or '-'}>  {step_label(self.step)}"
        )


def step_label(step) -> str:
    owner = getattr(step, "event", None) or getattr(step, "cycle", None)
    return f"{_('Langkah')} {step.number} ({owner})" if owner else f"{_('Langkah')} {step.number}"


def _cycle_of(step):
    if getattr(step, "cycle_id", None):
        return step.cycle
    event = getattr(step, "event", None)
    return getattr(event, "cycle", None)


def escalation_people(step, today: date):
    """The CAN coordinator and the CC of the step's province, in office on `today`."""
    cycle = _cycle_of(step)
    if cycle is None:  # no province: escalating to every province's CAN and CC would leak it
        return Employee.objects.none()
    roles = (
        RoleAssignment.objects.current(year=today.year, on=today)
        .of_role(RoleAssignment.Role.CAN_COORDINATOR, RoleAssignment.Role.CC)
        .filter(office=cycle.province_id)
    )
    return Employee.objects.filter(pk__in=roles.values("employee_id"), is_active=True)


def step_url(step) -> str:
    """The page where the step's work is done: the step's own page, else the cycle timeline."""
    if hasattr(step, "get_absolute_url"):
        try:
            return step.get_absolute_url()
        except NoReverseMatch:
            pass
    owner = getattr(step, "event", None) or _cycle_of(step)
    if owner is not None and hasattr(owner, "get_absolute_url"):
        try:
            return owner.get_absolute_url()
        except NoReverseMatch:
            pass
    return reverse("cycles:home")


KIND = {
    REMINDER: kinds.STEP_REMINDER,
    OVERDUE: kinds.STEP_OVERDUE,
    ESCALATION: kinds.STEP_ESCALATION,
}


def _message(step, point: Point, today: date) -> tuple[str, str]:
    """Title and body of `point`'s message, sent on `today`. A step handed in for approval
    (StepRecord.awaits_approval) is its approver's now: the message is about the approval."""
    label = step_label(step)
    due = date_format(step.due, "j F Y")
    # Working days late on the day sent, counted as the timeline counts them (StepRow); only
    # the escalation says it (one calendar read, not one per reminder).
    late = _working_days_late(step, today) if point.what == ESCALATION else 0
    if step.awaits_approval:
        return _approval_message(step, point, label, due, late)
    name = str(sop.step(step.number).name)
    if point.what == REMINDER:
        title = (
            _("Hari ini batas waktu: %(label)s") % {"label": label}
            if point.days == 0
            else _("%(n)d hari kerja lagi: %(label)s") % {"n": point.days, "label": label}
        )
        body = _("%(name)s harus selesai paling lambat %(due)s.") % {"name": name, "due": due}
    elif point.what == OVERDUE:
        title = _("Terlambat: %(label)s") % {"label": label}
        body = _("%(name)s belum selesai; batas waktunya %(due)s.") % {"name": name, "due": due}
    else:
        title = ngettext(
            "Eskalasi: %(label)s terlambat %(n)d hari kerja",
            "Eskalasi: %(label)s terlambat %(n)d hari kerja",
            late,
        ) % {"label": label, "n": late}
        body = ngettext(
            "%(name)s belum selesai %(n)d hari kerja setelah batas waktu %(due)s. "
            "Mohon tindak lanjut Koordinator CAN dan Change Champion.",
            "%(name)s belum selesai %(n)d hari kerja setelah batas waktu %(due)s. "
            "Mohon tindak lanjut Koordinator CAN dan Change Champion.",
            late,
        ) % {"name": name, "n": late, "due": due}
    return title, body


def _approval_message(step, point: Point, label: str, due: str, late: int) -> tuple[str, str]:
    """The responsible people handed the output in; what is due or late is its approval."""
    what = sop.step(step.number)
    values = {
        "label": label,
        "output": what.output_for(_cycle_of(step).year),
        "who": what.approver_label,
        "on": date_format(timezone.localdate(step.submitted_at), "j F Y"),
        "due": due,
        "n": late,
    }
    if point.what == REMINDER:
        title = (
            _("Hari ini batas persetujuan: %(label)s") % values
            if point.days == 0
            else ngettext(
                "%(n)d hari kerja lagi batas persetujuan: %(label)s",
                "%(n)d hari kerja lagi batas persetujuan: %(label)s",
                point.days,
            )
            % {**values, "n": point.days}
        )
        body = (
            _(
                "%(output)s telah diserahkan %(on)s dan menunggu persetujuan %(who)s, "
                "paling lambat %(due)s."
            )
            % values
        )
    elif point.what == OVERDUE:
        title = _("Persetujuan terlambat: %(label)s") % values
        body = (
            _(
                "%(output)s telah diserahkan %(on)s dan belum disetujui %(who)s; "
                "batas waktunya %(due)s."
            )
            % values
        )
    else:
        title = (
            ngettext(
                "Eskalasi: persetujuan %(label)s terlambat %(n)d hari kerja",
                "Eskalasi: persetujuan %(label)s terlambat %(n)d hari kerja",
                late,
            )
            % values
        )
        body = (
            ngettext(
                "%(output)s telah diserahkan %(on)s, tetapi persetujuan %(who)s terlambat "
                "%(n)d hari kerja dari batas waktu %(due)s. "
                "Mohon tindak lanjut Koordinator CAN dan Change Champion.",
                "%(output)s telah diserahkan %(on)s, tetapi persetujuan %(who)s terlambat "
                "%(n)d hari kerja dari batas waktu %(due)s. "
                "Mohon tindak lanjut Koordinator CAN dan Change Champion.",
                late,
            )
            % values
        )
    return title, body


def _working_days_late(step, today: date) -> int:
    cycle = _cycle_of(step)
    cal = calendar.WorkingCalendar.load(cycle.province_id if cycle is not None else None)
    return max(cal.working_days_between(step.due, today), 0)


def _recipients(step, point: Point, today: date):
    if point.what == ESCALATION:
        return list(escalation_people(step, today))
    from ..selectors.responsibility import responsible_people

    return list(responsible_people(step))


def open_steps():
    """Every open step with a due date, of every step model in the ledger."""
    for model in ledger.step_models():
        related = [
            {"event": "event__cycle"}.get(f.name, f.name)
            for f in model._meta.fields
            if f.name in ("cycle", "event")
        ]
        yield from model.objects.open().filter(due__isnull=False).select_related(*related)


def sweep(today: date | None = None) -> list[Sent]:
    """Send every deadline message due on `today` (default: today in Asia/Jakarta), once.

    Returns what was newly sent; a second run for the same day returns an empty list.
    """
    today = today or timezone.localdate()
    sent: list[Sent] = []
    with override(settings.LANGUAGE_CODE):
        for step in open_steps():
            for point in due_points(step, today):
                people = _recipients(step, point, today)
                if not people:
                    continue
                title, body = _message(step, point, today)
                kind = KIND[point.what]
                key = f"step:{step._meta.label_lower}:{step.pk}:{point.what}:{point.day:%Y-%m-%d}"
                with transaction.atomic():
                    new = _notify_each(people, kind, title, body, step_url(step), key)
                sent.extend(Sent(point.day, kind, person, step) for person in new)
    return sent


def _notify_each(people, kind, title, body, url, key) -> list[Employee]:
    """notify() per person so the report can say exactly who newly got the message."""
    return [
        person
        for person in people
        if notify([person], kind=kind, title=title, body=body, url=url, key=key)
    ]
