from django.urls import path

from common.moved import moved

from .views import calendar, concept, home, national, timeline

app_name = "cycles"

urlpatterns = [
    path("", home.home, name="home"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("cycles/new/", timeline.cycle_create, name="cycle_create"),
    path("cycles/replan/", timeline.cycle_replan, name="cycle_replan"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/<int:pk>/remove/", calendar.calendar_remove, name="calendar_remove"),
    path("healthz", national.healthz, name="healthz"),
    path("national/", national.national_overview, name="national"),
    path("cycles/<int:pk>/", national.cycle_detail, name="cycle_detail"),
    # Steps 1-2: the concept and schedule, the CC's agreement, the socialisation letter.
    path("concept/", concept.concept_detail, name="concept"),
    path("concept/edit/", concept.concept_edit, name="concept_edit"),
    path("concept/submit/", concept.concept_submit, name="concept_submit"),
    path("concept/decide/", concept.concept_decide, name="concept_decide"),
    path("concept/letter/", concept.socialisation_letter, name="socialisation_letter"),
    path(
        "concept/letter/external/",
        concept.socialisation_letter_external,
        name="socialisation_letter_external",
    ),
]

# Paths of the first release (Indonesian, or a singular "cycle/" beside "cycles/<pk>/"), still in
# sent e-mails. Kept for one release: remove them in the release after the one that introduced
# the English paths. serawai/urls.py includes them outside the namespace.
moved_paths = moved(
    "cycles",
    {
        "cycle/new/": "cycle_create",
        "cycle/replan/": "cycle_replan",
        "nasional/": "national",
        "siklus/<int:pk>/": "cycle_detail",
    },
)
