"""The events app's models: the event and its steps 6-9 (`event`), the presenter's materials
(`materials`), personal calendar feeds (`calendar`). Every model is imported here, so
`events.models.X` names them all."""

from .calendar import CalendarEntryState, CalendarFeed
from .event import (
    AssignmentQuerySet,
    Attendance,
    AttendanceQuerySet,
    CommitteeMember,
    Event,
    EventStep,
    EventTeamAssignment,
    EventTeamNeed,
    Minutes,
    Photo,
    Readiness,
    ReadinessLog,
    TeamRole,
    TeamUnavailability,
    _photo_path,
)
from .materials import Material, _material_path

__all__ = [
    "Attendance",
    "AttendanceQuerySet",
    "AssignmentQuerySet",
    "CalendarEntryState",
    "CalendarFeed",
    "CommitteeMember",
    "Event",
    "EventStep",
    "EventTeamAssignment",
    "EventTeamNeed",
    "Material",
    "Minutes",
    "Photo",
    "Readiness",
    "ReadinessLog",
    "TeamRole",
    "TeamUnavailability",
    "_material_path",
    "_photo_path",
]
