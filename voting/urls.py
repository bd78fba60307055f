from django.urls import path

from . import views

app_name = "voting"

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
    path("proposals/reopen/", views.proposals_reopen, name="proposals_reopen"),
    path("proposals/export.xlsx", views.proposals_export, {"fmt": "xlsx"}, name="proposals_xlsx"),
    path("proposals/export.pdf", views.proposals_export, {"fmt": "pdf"}, name="proposals_pdf"),
    path("open/", views.vote_open, name="open"),
    path("open/external/", views.vote_open_external, name="open_external"),
    path("ballot/", views.ballot, name="ballot"),
    path("turnout/", views.turnout, name="turnout"),
    path("close/", views.vote_close, name="close"),
    path("results/", views.results_page, name="results"),
    path("results/tie/", views.tie_decide, name="tie"),
    path("results/selections/", views.selections, name="selections"),
    path("results/announce/", views.announce, name="announce"),
    path("results/announce/external/", views.announce_external, name="announce_external"),
]
