from django.urls import path

from . import views

app_name = "cycles"

urlpatterns = [
    path("", views.home, name="home"),
]
