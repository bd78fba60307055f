"""Which cycle, vote, office and proposal a request may reach (404 for anyone else), shared by
the voting pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from cycles.selectors.cycles import current_cycle
from organization.models import Office
from organization.roles import held_roles

from .. import selectors
from ..models import ThemeProposal


def cycle_or_404(request):
    cycle = current_cycle(request.user)
    if cycle is None:
        raise Http404
    return cycle


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise Http404


def managed_vote(request):
    """(cycle, vote) of the current cycle, for the CAN managing the vote; 404 for anyone else
    and while the cycle has no vote."""
    cycle = cycle_or_404(request)
    require(request, "voting.manage")
    vote = selectors.vote_of(cycle)
    if vote is None:
        raise Http404
    return cycle, vote


def ca_office(request, cycle):
    """The kab/kota office the signed-in CA proposes for (404 for anyone else)."""
    ids = held_roles(request.user, cycle.year).ca_offices
    office = Office.objects.regencies().filter(parent=cycle.province, pk__in=ids).first()
    if office is None:
        raise Http404
    return office


def proposal_or_404(request, cycle, pk, perm):
    proposal = get_object_or_404(ThemeProposal.objects.select_related("office"), pk=pk, cycle=cycle)
    require(request, perm, proposal)
    return proposal
