"""Pages of the evidence pack (bukti dukung): choose the year or a quarter, start the build,
follow its progress (htmx polling) and download the zip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.views import showing_refusal

from ..forms import EvidencePackForm
from ..models import EvidencePack
from ..services.evidence import request_pack
from .common import cycle_for


def _pack(request, pack) -> EvidencePack:
    """The pack if it is in the user's province (else 404) and the user may read packs."""
    found = get_object_or_404(
        EvidencePack.objects.select_related("cycle__province"),
        pk=pack,
        cycle__province=getattr(request.user, "province", None),
    )
    if not request.user.has_perm("reports.view_evidence", found.cycle):
        raise PermissionDenied
    return found


@login_required
@require_http_methods(["GET", "POST"])
def evidence(request):
    """The year's packs and the form that starts a new one (the CAN's)."""
    cycle = cycle_for(request, "reports.view_evidence")
    can_build = request.user.has_perm("reports.build_evidence", cycle)
    form = EvidencePackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_build:
            raise PermissionDenied
        if form.is_valid():
            with showing_refusal(request, form):
                pack = request_pack(cycle=cycle, quarter=form.quarter, by=request.user)
                messages.success(request, _("Paket bukti dukung sedang disusun."))
                return redirect(pack)
        status = 400
    packs = EvidencePack.objects.filter(cycle=cycle).select_related("cycle", "requested_by")[:20]
    context = {"cycle": cycle, "packs": packs, "form": form, "can_build": can_build}
    return render(request, "reports/evidence.html", context, status=status)


@login_required
@require_GET
def evidence_detail(request, pack):
    """A pack's progress; the bar refreshes itself (htmx) until the zip is ready."""
    found = _pack(request, pack)
    template = "reports/_evidence_progress.html" if request.htmx else "reports/evidence_detail.html"
    return render(request, template, {"pack": found})


@login_required
@require_GET
def evidence_download(request, pack):
    found = _pack(request, pack)
    if found.status != EvidencePack.Status.DONE or not found.archive:
        raise Http404
    return FileResponse(
        found.archive.open("rb"),
        as_attachment=True,
        filename=found.file_name,
        content_type="application/zip",
    )
