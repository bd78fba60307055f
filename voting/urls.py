from django.urls import path

from .views import ballot, proposals, results

app_name = "voting"

urlpatterns = [
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/delete/", proposals.proposal_delete, name="proposal_delete"),
    path("proposals/reopen/", proposals.proposals_reopen, name="proposals_reopen"),
    path(
        "proposals/export.xlsx", proposals.proposals_export, {"fmt": "xlsx"}, name="proposals_xlsx"
    ),
    path("proposals/export.pdf", proposals.proposals_export, {"fmt": "pdf"}, name="proposals_pdf"),
    path("open/", ballot.vote_open, name="open"),
    path("open/external/", ballot.vote_open_external, name="open_external"),
    path("ballot/", ballot.ballot, name="ballot"),
    path("turnout/", ballot.turnout, name="turnout"),
    path("close/", ballot.vote_close, name="close"),
    path("results/", results.results_page, name="results"),
    path("results/tie/", results.tie_decide, name="tie"),
    path("results/selections/", results.selections, name="selections"),
    path("results/announce/", results.announce, name="announce"),
    path("results/announce/external/", results.announce_external, name="announce_external"),
]
