"""Writes of the events app (SOP steps 6-11). Each function is one transaction."""

from datetime import date

from django.db import transaction

from cycles import planning

from .models import Event, EventStep


@transaction.atomic
def create_event(
    *, cycle, title: str, host_office, event_date: date, by=None, not_before=None, **fields
) -> Event:
    """Create the event of a selected theme with steps 6-11 planned around `event_date`.

    Raises cycles.planning.PlanningError (with the earliest allowed date) when steps 6-8 would
    have to start before `not_before`.
    """
    plan = planning.plan_event(event_date, not_before=not_before)
    event = Event.objects.create(
        cycle=cycle, title=title, host_office=host_office, date=event_date, created_by=by, **fields
    )
    EventStep.objects.bulk_create(
        EventStep(event=event, number=p.number, planned_start=p.start, due=p.due) for p in plan
    )
    return event
