from django.urls import path

from . import evidence_views, views, views_dashboard

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("open/<int:quarter>/", views.open_report, name="open"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/chapters/", views.edit_chapters, name="chapters"),
    path("<int:pk>/speech/<int:event_pk>/", views.edit_speech, name="speech"),
    path("<int:pk>/speech-file/<int:speech_pk>/", views.speech_file, name="speech_file"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard.pdf", views_dashboard.dashboard_pdf, name="dashboard_pdf"),
    path("dashboard.xlsx", views_dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    # The evidence pack: its own key (not `pk`), which the past-cycle guard reads as a report's.
    path("evidence/", evidence_views.evidence, name="evidence"),
    path("evidence/<int:pack>/", evidence_views.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pack>/zip/", evidence_views.evidence_download, name="evidence_download"),
]
