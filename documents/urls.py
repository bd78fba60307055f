from django.urls import path

from . import register, views

app_name = "documents"

urlpatterns = [
    path("letters/<int:pk>/download/", views.letter_download, name="letter_download"),
    path("letters/<int:pk>/cancel/", register.letter_cancel, name="letter_cancel"),
    path("register/", register.register, name="register"),
    path("certificates/<int:pk>/revoke/", register.certificate_revoke, name="certificate_revoke"),
    path(
        "certificates/<int:pk>/download/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("certificates/mine/", views.my_certificates, name="my_certificates"),
    path("certificates/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("certificates/batches/<int:pk>/zip/", views.batch_download, name="batch_download"),
    path("certificates/batches/<int:pk>/retry/", views.batch_retry, name="batch_retry"),
]
