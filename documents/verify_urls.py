"""The public verification page sits at the site root, /verify/<code>, as printed in QR codes;
/verify/ itself is where a code is typed by hand. A trailing slash (added by a browser or a
person) opens the same page."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.verify_form, name="verify_form"),
    re_path(r"^(?P<code>[^/]+)/?$", views.verify, name="verify"),
]
