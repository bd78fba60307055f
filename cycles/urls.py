from django.urls import path

from common.moved import moved

from . import calendar_views, views, views_national

app_name = "cycles"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/replan/", views.cycle_replan, name="cycle_replan"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/<int:pk>/remove/", calendar_views.calendar_remove, name="calendar_remove"),
    path("healthz", views_national.healthz, name="healthz"),
    path("national/", views_national.national_overview, name="national"),
    path("cycles/<int:pk>/", views_national.cycle_detail, name="cycle_detail"),
]

# Steps 1-2: the concept and schedule, the CC's agreement, the socialisation letter.
from . import views_concept  # noqa: E402

urlpatterns += [
    path("concept/", views_concept.concept_detail, name="concept"),
    path("concept/edit/", views_concept.concept_edit, name="concept_edit"),
    path("concept/submit/", views_concept.concept_submit, name="concept_submit"),
    path("concept/decide/", views_concept.concept_decide, name="concept_decide"),
    path("concept/letter/", views_concept.socialisation_letter, name="socialisation_letter"),
    path(
        "concept/letter/external/",
        views_concept.socialisation_letter_external,
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
