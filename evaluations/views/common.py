"""Helpers the pages of step 11 share: the event or year of the user's province, a permission."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cycles.models import Cycle
from cycles.selectors.cycles import cycle_of_year
from events.models import Event

from ..selectors.recap import with_figures


def event_for(request, pk, *, figures=False) -> Event:
    """An event of the user's province; another province's answers 404. `figures`: with the
    counts and dates its recap shows, in the same query."""
    events = Event.objects.select_related("host_office", "cycle")
    return get_object_or_404(
        with_figures(events) if figures else events,
        pk=pk,
        cycle__province=request.user.province,
    )


def cycle_for(request, year) -> Cycle:
    cycle = cycle_of_year(request.user, year)
    if cycle is None:
        raise Http404
    return cycle


def require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied
