"""Who may do what with an event (SOP steps 6-9). Every predicate takes (user, event).

Another province's events are invisible (views answer 404 through `can_see_event`).
"""

import rules

from organization.roles import held_roles
from organization.rules import add_sop_perm, is_can, is_event_team, is_event_team_lead

from .models import CommitteeMember


def _province_id(user):
    office = getattr(user, "office", None)
    if office is None:
        return None
    return office.parent_id if office.is_regency else office.pk


@rules.predicate
def can_see_event(user, event):
    return (
        user.is_authenticated
        and user.is_active
        and event is not None
        and _province_id(user) == event.cycle.province_id
    )


@rules.predicate
def is_host_ca(user, event):
    return event is not None and held_roles(user).is_ca_of(event.host_office_id)


@rules.predicate
def is_province_ca(user, event):
    return event is not None and held_roles(user).is_ca_of(event.cycle.province_id)


def _in_committee_as(role: str, name: str):
    """A predicate: the person is an employee in the event's committee as `role`. The ids are
    read once per event object, however many rules of a page ask."""
    key = f"_{name}_ids"

    def holds(user, event):
        if event is None or not user.is_authenticated:
            return False
        ids = event.__dict__.get(key)
        if ids is None:
            members = event.committee.filter(role=role, employee__isnull=False)
            ids = event.__dict__[key] = set(members.values_list("employee_id", flat=True))
        return user.pk in ids

    return rules.Predicate(holds, name=f"is_{name}")


is_note_taker = _in_committee_as(CommitteeMember.Role.NOTE_TAKER, "note_taker")
# A Narasumber of this event.
is_speaker = _in_committee_as(CommitteeMember.Role.SPEAKER, "speaker")


in_scope = can_see_event
rules.add_perm("events.view_event", can_see_event)
# Step 6: the host office's CA forms the committee and sends the letter to the province.
add_sop_perm("events.manage_committee", in_scope & is_host_ca)
# Step 7: the host CA reports progress; only a CA of the province office confirms readiness.
add_sop_perm("events.update_readiness", in_scope & is_host_ca)
add_sop_perm("events.confirm_readiness", in_scope & is_province_ca)
# Step 8: the CAN records the needs; the Event Team lead confirms or swaps.
add_sop_perm("events.record_team_needs", in_scope & is_can)
add_sop_perm("events.decide_team", in_scope & is_event_team_lead)
# Step 9: the host CA (or the CAN) invites; the note taker keeps attendance, minutes and photos.
add_sop_perm("events.send_invitation", in_scope & (is_host_ca | is_can))
add_sop_perm("events.show_checkin_code", in_scope & (is_host_ca | is_can | is_note_taker))
add_sop_perm("events.add_attendee", in_scope & is_note_taker)
# After the event only the CAN corrects the attendance, with a reason.
add_sop_perm("events.correct_attendance", in_scope & is_can)
add_sop_perm("events.write_minutes", in_scope & is_note_taker)
add_sop_perm("events.upload_photos", in_scope & (is_note_taker | is_host_ca))
add_sop_perm("events.issue_certificates", in_scope & (is_host_ca | is_can))
# The presenter hands in the materials; the Event Team does it for an external presenter.
add_sop_perm("events.manage_materials", in_scope & (is_speaker | is_event_team))
# The library's sharing with every province: a CAN decision, not a step of the SOP, so also for
# the events of a past cycle.
rules.add_perm("events.share_event", in_scope & is_can)
rules.add_perm("events.view_team_history", rules.is_authenticated & (is_can | is_event_team_lead))
