"""Admin of step 11. Presenter ratings are read-only and carry no rater; the rater records say
only who has rated, never what they gave."""

from django.contrib import admin

from .models import Award, OrganizerRating, PresenterEvaluation, PresenterRating, RaterRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PresenterEvaluation)
class PresenterEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["event", "opened_at", "closes_on"]


@admin.register(RaterRecord)
class RaterRecordAdmin(ReadOnlyAdmin):
    list_display = ["event", "employee", "rated_on"]
    list_filter = ["event"]


@admin.register(PresenterRating)
class PresenterRatingAdmin(ReadOnlyAdmin):
    list_display = [
        "event",
        "presenter",
        "mastery",
        "delivery",
        "relevance",
        "time_management",
        "interaction",
    ]
    list_filter = ["event"]


@admin.register(OrganizerRating)
class OrganizerRatingAdmin(ReadOnlyAdmin):
    list_display = ["event", "preparation", "punctuality", "technical_quality", "documentation"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "kind", "winner_name", "score", "ratings", "decided_at"]
