from django.urls import path

from .views import dashboard, evidence, report

app_name = "reports"

urlpatterns = [
    path("", report.report_list, name="list"),
    path("open/<int:quarter>/", report.open_report, name="open"),
    path("<int:pk>/", report.report_detail, name="detail"),
    path("<int:pk>/chapters/", report.edit_chapters, name="chapters"),
    path("<int:pk>/speech/<int:event_pk>/", report.edit_speech, name="speech"),
    path("<int:pk>/speech-file/<int:speech_pk>/", report.speech_file, name="speech_file"),
    path("<int:pk>/submit/", report.submit, name="submit"),
    path("<int:pk>/decide/", report.decide, name="decide"),
    path("<int:pk>/revise/", report.revise, name="revise"),
    path("<int:pk>/pdf/", report.report_pdf, name="pdf"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard.pdf", dashboard.dashboard_pdf, name="dashboard_pdf"),
    path("dashboard.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    # The evidence pack: its own key (not `pk`), which the past-cycle guard reads as a report's.
    path("evidence/", evidence.evidence, name="evidence"),
    path("evidence/<int:pack>/", evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pack>/zip/", evidence.evidence_download, name="evidence_download"),
]
