"""Writes of the events app (SOP steps 6-11). Each function is one transaction.

Steps 6-7 and the event's status live in `preparation`, step 8 in `team`, step 9 in `eventday`,
the presenter's materials in `materials`;
they are re-exported here so callers write `events.services.<action>`.
"""

from datetime import date

from django.db import transaction

from common.text import one_line
from cycles import planning
from cycles.calendar import WorkingCalendar

from ..models import Event, EventStep
from .errors import EventError


@transaction.atomic
def create_event(
    *, cycle, title: str, host_office, event_date: date, by=None, not_before=None, **fields
) -> Event:
    """Create the event of a selected theme with steps 6-11 planned around `event_date`.

    Raises cycles.planning.PlanningError (with the earliest allowed date) when steps 6-8 would
    have to start before `not_before`.
    """
    cal = WorkingCalendar.load(cycle.province_id)
    plan = planning.plan_event(event_date, not_before=not_before, cal=cal)
    # The title heads e-mail subjects and file names: one line, whatever the proposal held.
    event = Event.objects.create(
        cycle=cycle,
        title=one_line(title),
        host_office=host_office,
        date=event_date,
        created_by=by,
        **fields,
    )
    EventStep.objects.bulk_create(
        EventStep(event=event, number=p.number, planned_start=p.start, due=p.due) for p in plan
    )
    return event


from .eventday import (  # noqa: E402
    add_attendee,
    add_late_attendee,
    add_photo,
    certificate_batch_finished,
    certificate_batch_running,
    certificate_holders,
    check_in,
    delete_photo,
    finalise_minutes,
    has_ended,
    minutes_signers,
    remove_attendee,
    request_event_certificates,
    save_minutes,
    send_invitation,
)
from .library import set_library_entry  # noqa: E402
from .materials import (  # noqa: E402
    delete_material,
    process_material,
    replace_material,
    set_recording_link,
    upload_material,
)
from .preparation import (  # noqa: E402
    add_committee_member,
    close_event,
    close_if_complete,
    confirm_readiness,
    issue_committee_letter,
    mark_held,
    missing_committee_roles,
    remove_committee_member,
    update_readiness,
)
from .team import (  # noqa: E402
    confirm_team,
    mark_unavailable,
    propose_team,
    record_need,
    remove_need,
    rotation_candidates,
    swap_member,
)

__all__ = [
    "delete_material",
    "set_library_entry",
    "process_material",
    "replace_material",
    "set_recording_link",
    "upload_material",
    "delete_photo",
    "EventError",
    "add_attendee",
    "add_late_attendee",
    "add_committee_member",
    "add_photo",
    "check_in",
    "close_event",
    "close_if_complete",
    "confirm_readiness",
    "confirm_team",
    "create_event",
    "finalise_minutes",
    "has_ended",
    "issue_committee_letter",
    "certificate_batch_finished",
    "certificate_holders",
    "certificate_batch_running",
    "minutes_signers",
    "remove_attendee",
    "request_event_certificates",
    "mark_held",
    "mark_unavailable",
    "missing_committee_roles",
    "propose_team",
    "record_need",
    "remove_committee_member",
    "remove_need",
    "rotation_candidates",
    "save_minutes",
    "send_invitation",
    "swap_member",
    "update_readiness",
]
