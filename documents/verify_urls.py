"""The public verification page sits at the site root, /verify/<code>, as printed in QR codes."""

from django.urls import path

from . import views

urlpatterns = [path("<str:code>", views.verify, name="verify")]
