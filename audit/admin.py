"""The admin's audit-log pages: django-auditlog's, searched by the fields our user model has."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin


class TrailAdmin(LogEntryAdmin):
    # auditlog searches the actor's first_name and last_name, which Employee does not have.
    search_fields = ["object_repr", "changes", "actor__full_name", "actor__nip", "actor__email"]


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, TrailAdmin)
