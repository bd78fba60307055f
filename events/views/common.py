"""Shared view helpers: find an event in the user's province (else 404) and check a rule (403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Event
from ..services import EventError


def get_event(request, pk, perm: str | None = None) -> Event:
    event = get_object_or_404(Event.objects.select_related("cycle__province", "host_office"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if perm and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def run(request, action, success: str, form=None) -> bool:
    """Call a service. On EventError show its message (on `form` if given, else as a flash
    message) and return False; otherwise flash `success` and return True."""
    try:
        action()
    except EventError as exc:
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True
