"""Shared view helpers: find an event in the user's province (else 404) and check a rule (403);
`run` calls a service and shows its refusal (common.views.attempt)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from common.views import attempt

from ..models import Event


def get_event(request, pk, perm: str | None = None) -> Event:
    event = get_object_or_404(Event.objects.select_related("cycle__province", "host_office"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if perm and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


run = attempt
