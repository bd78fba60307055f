"""The data migration that renamed the stored value "notulis" to "note_taker" (committee role
and attendance source) converts existing rows, and back."""

import importlib

from django.apps import apps

from events.models import Attendance, CommitteeMember
from events.services import eventday

migration = importlib.import_module("events.migrations.0009_note_taker_values")


def test_old_rows_are_converted_and_back(ready_event, note_taker, employee):
    eventday.add_attendee(ready_event, employee=employee, by=note_taker)
    member = CommitteeMember.objects.get(employee=note_taker)
    attendance = Attendance.objects.get(employee=employee)

    migration.rename_values("note_taker", "notulis")(apps, None)
    member.refresh_from_db()
    attendance.refresh_from_db()
    assert (member.role, attendance.source) == ("notulis", "notulis")

    migration.rename_values("notulis", "note_taker")(apps, None)
    member.refresh_from_db()
    attendance.refresh_from_db()
    assert member.role == CommitteeMember.Role.NOTE_TAKER
    assert attendance.source == Attendance.Source.NOTE_TAKER
