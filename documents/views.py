"""Downloads of stored documents, the public certificate check and a holder's certificates."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.listing import filtered_page
from common.views import showing_refusal

from .batches import retry_batch
from .filters import MyCertificateFilter
from .forms import VerifyForm
from .models import Certificate, CertificateBatch, Letter
from .rendering import pdf_response


def _stored_bytes(document) -> bytes:
    """The file exactly as issued; a file that no longer matches its SHA-256 is not served."""
    with document.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise Http404("stored document does not match its hash")
    return data


@login_required
@require_GET
def letter_download(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("office__parent"), pk=pk)
    if not request.user.has_perm("documents.view_letter", letter):
        raise Http404
    return pdf_response(_stored_bytes(letter), letter.download_name)


def _own_certificates(person):
    """A person's own certificates, whichever province issued them: someone who moved keeps
    what they earned before. The holder filter is the boundary, so this reads unscoped."""
    return Certificate.objects.with_scopes_disabled().of_holder(person)


@login_required
@require_GET
def certificate_download(request, pk):
    certificate = (
        Certificate.objects.select_related("issuer_office__parent").filter(pk=pk).first()
        or _own_certificates(request.user)
        .select_related("issuer_office__parent")
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise Http404
    if not request.user.has_perm("documents.view_certificate", certificate):
        raise Http404
    return pdf_response(_stored_bytes(certificate), certificate.download_name)


@login_required
@require_GET
def my_certificates(request):
    certificates = _own_certificates(request.user).select_related("issuer_office")
    context = filtered_page(request, MyCertificateFilter, certificates)
    return render(request, "documents/my_certificates.html", context)


@require_GET
@require_GET
def verify_form(request):
    """Public: the code printed under the QR code, typed by hand, leads to the same page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("verify", code=form.cleaned_data["code"])
    return render(request, "documents/verify_form.html", {"form": form})


def verify(request, code):
    """Public: anyone holding a printed certificate can check it by its QR code. Read unscoped
    for everyone, a logged-in employee of another province too: the code is what shows it."""
    certificate = (
        Certificate.objects.with_scopes_disabled()
        .select_related("issuer_office")
        .filter(code=code[:32])
        .first()
    )
    if certificate is None:
        context = {"code": code, "form": VerifyForm(initial={"code": code})}
        return render(request, "documents/verify_not_found.html", context, status=404)
    return render(request, "documents/verify.html", {"certificate": certificate})


def _batch_for(request, pk) -> CertificateBatch:
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("issuer_office__parent"), pk=pk
    )
    if not request.user.has_perm("documents.view_batch", batch):
        raise Http404
    return batch


@login_required
@require_GET
def batch_detail(request, pk):
    """Progress of a bulk issue; the bar refreshes itself (htmx) until the zip is ready."""
    batch = _batch_for(request, pk)
    template = "documents/_batch_progress.html" if request.htmx else "documents/batch.html"
    can_retry = request.user.has_perm("documents.retry_batch", batch)
    return render(request, template, {"batch": batch, "can_retry": can_retry})


@login_required
@require_POST
def batch_retry(request, pk):
    """The CAN hands a failed or stuck batch to the worker again."""
    batch = _batch_for(request, pk)
    if not request.user.has_perm("documents.retry_batch", batch):
        raise Http404
    with showing_refusal(request):
        retry_batch(batch, by=request.user)
        messages.success(
            request, _("Penerbitan diulang; sertifikat yang sudah terbit tidak diulang.")
        )
    return redirect(batch)


@login_required
@require_GET
def batch_download(request, pk):
    batch = _batch_for(request, pk)
    if batch.status != CertificateBatch.Status.DONE or not batch.archive:
        raise Http404
    with batch.archive.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"sertifikat-{batch.pk}.zip")
    return response
