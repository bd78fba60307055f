from django.urls import path

from . import calendar_views, views

app_name = "cycles"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("cycle/new/", views.cycle_create, name="cycle_create"),
    path("cycle/replan/", views.cycle_replan, name="cycle_replan"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/<int:pk>/remove/", calendar_views.calendar_remove, name="calendar_remove"),
]
