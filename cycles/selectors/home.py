"""The home page's "what I must do now": the open steps the signed-in person is responsible for,
and the forms waiting for this person alone (a presenter rating, a report to approve), which apps
further down the import chain register here (`register_todos`) without `cycles` importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from organization.roles import held_roles

from ..calendar import WorkingCalendar
from ..sop import Responsible
from .responsibility import is_responsible, regencies_held
from .timeline import cycle_sections


@dataclass(frozen=True)
class Todo:
    """A form waiting for one person: what to do, where, and until when."""

    title: str
    url: str
    due: date | None = None
    detail: str = ""
    days_overdue: int = 0  # working days past `due`, set by my_todos


_todo_sources: list[Callable] = []


def register_todos(source: Callable) -> None:
    """Register `source(user, today) -> list[Todo]`; each runs a fixed number of queries."""
    if source not in _todo_sources:
        _todo_sources.append(source)


def my_todos(user, today=None) -> list[Todo]:
    """Every registered app's forms waiting for `user`, earliest due first; one past its due date
    says by how many working days."""
    today = today or timezone.localdate()
    todos = [todo for source in _todo_sources for todo in source(user, today)]
    if any(t.due and t.due < today for t in todos):
        cal = WorkingCalendar.load(user.province)
        todos = [
            replace(t, days_overdue=-cal.working_days_between(today, t.due))
            if t.due and t.due < today
            else t
            for t in todos
        ]
    return sorted(todos, key=lambda t: (t.due or date.max, t.title))


def my_open_steps(user, cycle, today=None):
    """Open step rows of `cycle` (steps 1-5 and each event's 6-11) that are `user`'s to do,
    earliest due first. Only steps already started or starting within two weeks are shown.
    A step handed in for approval is no longer its responsible people's to do, and its approver
    is asked by the approving app's own to-do (reports: "Periksa dan setujui"), not twice."""
    today = today or timezone.localdate()
    held = held_roles(user, cycle.year)
    if not held.roles and not user.is_active:
        return []
    regencies = regencies_held(held, user, cycle.province_id)
    rows = [
        row
        for row in _upcoming_rows(cycle, today)
        if not row.awaits_approval
        and is_responsible(row.step, held, regencies, include_electorate=True)
        # the ballot exists only once the CAN has opened the vote
        and not (row.step.sop.responsible == Responsible.ELECTORATE and not row.step.started_at)
    ]
    return sorted(rows, key=lambda r: (r.step.due, r.number))


def _upcoming_rows(cycle, today):
    """Steps of `cycle` not done and started, or starting within ten working days."""
    cal = WorkingCalendar.load(cycle.province_id)
    horizon = cal.add_working_days(today, 10)
    return [
        row
        for section in cycle_sections(cycle, today, cal, open_by=horizon)
        for row in section.rows
    ]
