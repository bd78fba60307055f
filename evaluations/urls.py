from django.urls import path

from .views import awards, ratings, recap

app_name = "evaluations"

urlpatterns = [
    path("", ratings.index, name="index"),
    path("events/<int:pk>/rate/", ratings.rate, name="rate"),
    path("events/<int:pk>/organizer/", ratings.rate_organizer, name="rate_organizer"),
    path("events/<int:pk>/recap/", recap.event_recap_page, name="event_recap"),
    path("events/<int:pk>/recap.pdf", recap.event_recap_pdf, name="event_recap_pdf"),
    path("<int:year>/recap/", recap.year_recap_page, name="year_recap"),
    path("<int:year>/recap.pdf", recap.year_recap_pdf, name="year_recap_pdf"),
    path("<int:year>/recap.xlsx", recap.year_recap_xlsx, name="year_recap_xlsx"),
    path("<int:year>/awards/", awards.awards_page, name="awards"),
    path("<int:year>/awards/<str:kind>/issue/", awards.issue_award, name="issue_award"),
]
