from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<int:pk>/rate/", views.rate, name="rate"),
    path("events/<int:pk>/organizer/", views.rate_organizer, name="rate_organizer"),
    path("events/<int:pk>/recap/", views.event_recap_page, name="event_recap"),
    path("events/<int:pk>/recap.pdf", views.event_recap_pdf, name="event_recap_pdf"),
    path("<int:year>/recap/", views.year_recap_page, name="year_recap"),
    path("<int:year>/recap.pdf", views.year_recap_pdf, name="year_recap_pdf"),
    path("<int:year>/recap.xlsx", views.year_recap_xlsx, name="year_recap_xlsx"),
    path("<int:year>/awards/", views.awards_page, name="awards"),
    path("<int:year>/awards/<str:kind>/issue/", views.issue_award, name="issue_award"),
]
