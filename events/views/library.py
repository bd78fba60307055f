"""Pustaka Serawai: the library of held events, its files, and the CAN's sharing switch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.listing import filtered_page
from common.views import attempt

from ..filters import LibraryFilter
from ..forms import LibraryEntryForm
from ..material_files import download_name
from ..rules import _province_id
from ..selectors import library
from ..services import library as library_services
from .common import get_event, photo_response
from .materials import CONTENT_TYPES


@login_required
def library_list(request):
    province_id = _province_id(request.user)
    context = filtered_page(
        request, LibraryFilter, library.library_events(province_id), province_id=province_id
    )
    context["province_id"] = province_id
    return render(request, "events/library.html", context)


def _library_event(request, pk):
    event = library.library_event(_province_id(request.user), pk)
    if event is None:
        raise Http404
    return event


@login_required
def library_material(request, pk, material_pk):
    """A material of a library event, as a PDF where one was made, else the uploaded file."""
    material = library.library_material(_library_event(request, pk), material_pk)
    if material is None:
        raise Http404
    if material.pdf or material.kind == "pdf":
        field, extension = (material.pdf or material.file), "pdf"
    else:
        field, extension = material.file, material.kind
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=download_name(material.original_name, extension),
        content_type=CONTENT_TYPES[extension],
    )


@login_required
def library_photo(request, pk, photo_pk, variant):
    photo = library.library_photo(_library_event(request, pk), photo_pk)
    if photo is None or variant not in ("thumb", "full"):
        raise Http404
    return photo_response(photo, variant)


@login_required
@require_POST
def event_share(request, pk):
    event = get_event(request, pk, "events.share_event")
    form = LibraryEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Topik tidak dikenal."))
        return redirect(event)
    shared = form.cleaned_data["shared"]
    topic = form.cleaned_data["topic"] if "topic" in request.POST else None
    attempt(
        request,
        lambda: library_services.set_library_entry(
            event, shared=shared, topic=topic, by=request.user
        ),
        _("Kegiatan dibagikan ke semua provinsi di Pustaka Serawai.")
        if shared
        else _("Pustaka Serawai: kegiatan tampil di provinsi ini saja."),
    )
    return redirect(event)
