"""Admin of steps 6-9. Read-only: events change only through events.services, which check each
move, keep the step ledger and leave an audit record."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin

from .models import (
    Attendance,
    CalendarFeed,
    CommitteeMember,
    Event,
    EventStep,
    EventTeamAssignment,
    EventTeamNeed,
    Material,
    Minutes,
    Photo,
    Readiness,
    TeamUnavailability,
)


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "date", "host_office", "status"]
    list_filter = ["status"]


@admin.register(EventStep)
class EventStepAdmin(ReadOnlyAdmin):
    list_display = ["event", "number", "due", "completed_at"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    # The feed's token is a private address: never listed.
    list_display = ["employee"]
    exclude = ["token"]


for model in (
    Attendance,
    CommitteeMember,
    EventTeamAssignment,
    EventTeamNeed,
    Material,
    Minutes,
    Photo,
    Readiness,
    TeamUnavailability,
):
    admin.site.register(model, ReadOnlyAdmin)
