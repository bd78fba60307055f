"""Admin of step 10. Read-only: a report moves only through its workflow (reports.services.report),
which checks each move and records it; an evidence pack is built by a worker."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin

from .models import ActivityReport, EvidencePack, OpeningSpeech, ReportTransition


@admin.register(ActivityReport)
class ActivityReportAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "quarter", "revision", "status"]
    list_filter = ["status", "quarter"]


@admin.register(OpeningSpeech)
class OpeningSpeechAdmin(ReadOnlyAdmin):
    list_display = ["report", "event", "speaker"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(ReadOnlyAdmin):
    list_display = ["report", "from_status", "to_status"]


@admin.register(EvidencePack)
class EvidencePackAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "quarter", "status"]
    list_filter = ["status"]
