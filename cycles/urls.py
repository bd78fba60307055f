from django.urls import path

from . import views, views_national

app_name = "cycles"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views_national.healthz, name="healthz"),
    path("nasional/", views_national.national_overview, name="national"),
    path("siklus/<int:pk>/", views_national.cycle_detail, name="cycle_detail"),
]
