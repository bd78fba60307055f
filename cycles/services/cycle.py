"""Writes of the cycles app: creating a year's cycle with its planned steps 1-5, re-planning,
and completing a step in the ledger. Each function is one transaction and records who and when.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import planning
from ..calendar import WorkingCalendar
from ..models import CalendarDay, Cycle, CycleStep
from ..signals import cycle_replanned


@transaction.atomic
def create_cycle(*, province, year: int, start_date: date, by=None, **settings) -> Cycle:
    """Open a year's Serawai cycle (SOP steps 1-5) with its steps planned from `start_date`."""
    cycle = Cycle.objects.create(
        province=province, year=year, start_date=start_date, created_by=by, **settings
    )
    CycleStep.objects.bulk_create(
        CycleStep(cycle=cycle, number=p.number, planned_start=p.start, due=p.due)
        for p in planning.plan_cycle(start_date, WorkingCalendar.load(province))
    )
    return cycle


@transaction.atomic
def replan_cycle(cycle: Cycle, *, from_step: int, start: date, by=None) -> list[CycleStep]:
    """Plan steps `from_step`..5 again from `start` (completed steps keep their dates)."""
    cal = WorkingCalendar.load(cycle.province_id)
    steps = list(cycle.steps.select_for_update().filter(number__gte=from_step).order_by("number"))
    plans = planning.plan_forward([s.sop for s in steps if not s.is_done], start, cal)
    by_number = {p.number: p for p in plans}
    changed = []
    for step in steps:
        plan = by_number.get(step.number)
        if plan is not None:
            step.planned_start, step.due = plan.start, plan.due
            step.save(update_fields=["planned_start", "due"])
            changed.append(step)
    cycle_replanned.send(sender=Cycle, cycle=cycle)
    return changed


@transaction.atomic
def complete_step(step, *, by, output_note: str = "", output_url: str = "", when=None):
    """Record a step (of a cycle or an event) as done: who, when and its output. Idempotent:
    a step already completed keeps its first completion."""
    step = type(step).objects.select_for_update().get(pk=step.pk)
    if step.completed_at is None:
        step.completed_at = when or timezone.now()
        step.completed_by = by
        step.output_note = output_note[:250]
        step.output_url = output_url[:250]
        step.save(update_fields=["completed_at", "completed_by", "output_note", "output_url"])
    return step


@transaction.atomic
def submit_step(step, when=None):
    """Record that the responsible people handed a step's output in for its approver (step 10:
    the report to the CC). Their part is done then; the approver's is open. A step already
    completed keeps its record (a later revision does not move the date its output first went
    in)."""
    step = type(step).objects.select_for_update().get(pk=step.pk)
    if step.completed_at is None:
        step.submitted_at = when or timezone.now()
        step.save(update_fields=["submitted_at"])
    return step


@transaction.atomic
def withdraw_submission(step):
    """The approver sent the output back: the responsible people's part is open again."""
    step = type(step).objects.select_for_update().get(pk=step.pk)
    if step.completed_at is None and step.submitted_at is not None:
        step.submitted_at = None
        step.save(update_fields=["submitted_at"])
    return step


@transaction.atomic
def start_step(step, when=None):
    """Mark a step as started (its work opened), once."""
    step = type(step).objects.select_for_update().get(pk=step.pk)
    if step.started_at is None:
        step.started_at = when or timezone.now()
        step.save(update_fields=["started_at"])
    return step


def follow_calendar(year: int, province) -> int:
    """Re-plan the open steps of `year` in `province` after a change of its calendar (the
    admin's edits go through here too)."""
    return _replan_open_steps(year, province)


def _replan_open_steps(year: int, province) -> int:
    """Re-plan every open step of `year`'s cycles and events of `province` over its calendar.

    The first open step of a cycle keeps its start and the schedule arithmetic runs again from
    there; event steps are planned again from the event date. Completed steps keep their dates.
    Another province's steps are left alone. Returns how many steps changed.
    """
    from .. import ledger

    province_id = getattr(province, "pk", province)
    cal = WorkingCalendar.load(province_id)
    changed = 0
    for cycle in Cycle.objects.filter(year=year, province_id=province_id):
        steps = list(cycle.steps.select_for_update().order_by("number"))
        todo = [s for s in steps if not s.is_done]
        if not todo:
            continue
        plans = planning.plan_forward([s.sop for s in todo], todo[0].planned_start, cal)
        changed += _apply(todo, plans)
        cycle_replanned.send(sender=Cycle, cycle=cycle)
    for model in ledger.step_models()[1:]:
        steps = model.objects.select_for_update().filter(
            event__cycle__year=year,
            event__cycle__province_id=province_id,
            completed_at__isnull=True,
        )
        by_event: dict = {}
        for step in steps.select_related("event"):
            by_event.setdefault(step.event, []).append(step)
        for event, todo in by_event.items():
            try:
                plans = planning.plan_event(event.date, cal=cal)
            except planning.PlanningError:
                continue  # the event date itself became a holiday: its owner must move it
            changed += _apply(todo, plans)
    return changed


def _apply(steps, plans) -> int:
    by_number = {p.number: p for p in plans}
    changed = 0
    for step in steps:
        plan = by_number.get(step.number)
        if plan and (step.planned_start, step.due) != (plan.start, plan.due):
            step.planned_start, step.due = plan.start, plan.due
            step.save(update_fields=["planned_start", "due"])
            changed += 1
    return changed


@transaction.atomic
def set_calendar_day(*, province, day: date, kind: str, reason: str, by) -> tuple[CalendarDay, int]:
    """Record a province's decision about one day (closed: an extra holiday; open: a national
    holiday or cuti bersama worked after all) and re-plan that province's open steps of that
    year, so every due date follows (SOP.md, "Calendar"). Returns the day and how many steps
    moved."""
    entry = CalendarDay.objects.create(
        province=province, date=day, kind=kind, reason=reason.strip(), created_by=by
    )
    return entry, _replan_open_steps(day.year, province)


@transaction.atomic
def remove_calendar_day(entry: CalendarDay, *, by) -> int:
    """Undo a province's decision: the day follows the national calendar again; that
    province's open steps of that year are re-planned. Returns how many steps moved."""
    year, province_id = entry.date.year, entry.province_id
    entry.delete()
    return _replan_open_steps(year, province_id)
