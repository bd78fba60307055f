"""Shared view helpers: find an event in the user's province (else 404) and check a rule (403);
the signatory picked on a letter's form; a photo's file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..forms import SignatoryForm
from ..models import Event


def get_event(request, pk, perm: str | None = None) -> Event:
    event = get_object_or_404(Event.objects.select_related("cycle__province", "host_office"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if perm and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def chosen_signatory(request, offices, missing: str | None = None):
    """The signatory picked (POST) among those of `offices`; None, with `missing` (or "pick the
    letter's signatory") said as a message, when none was."""
    form = SignatoryForm(request.POST, offices=offices)
    if form.is_valid():
        return form.cleaned_data["signatory"]
    messages.error(request, missing or _("Pilih penandatangan surat."))
    return None


def photo_response(photo, variant: str) -> FileResponse:
    """An event photo as JPEG: its thumbnail for "thumb", else the full image."""
    field = photo.thumbnail if variant == "thumb" else photo.image
    return FileResponse(field.open("rb"), content_type="image/jpeg")
