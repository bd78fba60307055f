from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("letters/<int:pk>/download/", views.letter_download, name="letter_download"),
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
