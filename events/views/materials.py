"""The presenter's materials of an event: upload, replace, delete, download; the recording link."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.confirm import confirm_page
from common.views import attempt

from ..forms import MaterialForm, MaterialReplaceForm, RecordingForm
from ..material_files import download_name
from ..models import Material
from ..services import materials as materials_services
from .common import get_event

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def _material(event, material_pk) -> Material:
    return get_object_or_404(
        Material.objects.select_related("uploaded_by"), pk=material_pk, event=event
    )


@login_required
def materials(request, pk):
    event = get_event(request, pk)
    may_manage = request.user.has_perm("events.manage_materials", event)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    form = recording_form = None
    if may_manage:
        posted = request.method == "POST" and "recording_url" not in request.POST
        form = MaterialForm(request.POST if posted else None, request.FILES if posted else None)
        recording_form = RecordingForm(
            request.POST if request.method == "POST" and not posted else None,
            initial={"recording_url": event.recording_url},
        )
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            done = attempt(
                request,
                lambda: materials_services.upload_material(
                    event,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                ),
                _("Materi diunggah. PDF dan teksnya disiapkan di latar belakang."),
                form,
            )
            if done:
                return redirect(request.path)
        elif recording_form.is_bound and recording_form.is_valid():
            url = recording_form.cleaned_data["recording_url"]
            if attempt(
                request,
                lambda: materials_services.set_recording_link(event, url=url, by=request.user),
                _("Tautan rekaman disimpan.") if url else _("Tautan rekaman dihapus."),
                recording_form,
            ):
                return redirect(request.path)
    return render(
        request,
        "events/materials.html",
        {
            "event": event,
            "materials": list(event.materials.select_related("uploaded_by")),
            "form": form,
            "recording_form": recording_form,
            "may_manage": may_manage,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def material_replace(request, pk, material_pk):
    event = get_event(request, pk, "events.manage_materials")
    material = _material(event, material_pk)
    form = MaterialReplaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if attempt(
            request,
            lambda: materials_services.replace_material(
                material, upload=form.cleaned_data["file"], by=request.user
            ),
            _("Materi diganti."),
            form,
        ):
            return redirect("events:materials", pk=event.pk)
    return render(
        request,
        "events/material_replace.html",
        {"event": event, "material": material, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request, pk, material_pk):
    """GET asks "Yakin ...?", POST deletes the material."""
    event = get_event(request, pk, "events.manage_materials")
    material = _material(event, material_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus materi"),
            question=_("Yakin menghapus materi “%(title)s”?") % {"title": material.title},
            consequences=[
                _("Berkas materi dan PDF-nya dihapus; penghapusan dicatat di riwayat."),
                _("Tanpa materi lain, butir “materi narasumber sudah diterima” kembali kosong."),
            ],
            action_label=_("Ya, hapus materi"),
            cancel_url=reverse("events:materials", args=[event.pk]),
        )
    attempt(
        request,
        lambda: materials_services.delete_material(material, by=request.user),
        _("Materi dihapus."),
    )
    return redirect("events:materials", pk=event.pk)


@login_required
def material_file(request, pk, material_pk, variant):
    """The uploaded file ("original") or its PDF ("pdf"), to employees of the province, always
    as an attachment under a name of ours."""
    event = get_event(request, pk)
    material = _material(event, material_pk)
    if variant == "pdf":
        field = (
            material.pdf if material.pdf else (material.file if material.kind == "pdf" else None)
        )
        if field is None:
            raise Http404
        extension = "pdf"
    elif variant == "original":
        field, extension = material.file, material.kind
    else:
        raise Http404
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=download_name(material.original_name, extension),
        content_type=CONTENT_TYPES[extension],
    )
