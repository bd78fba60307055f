"""The CAN's register of a province's signed documents: letters it may cancel, certificates it
may revoke, each on a page that asks why. The document and its number stay; only its status
changes, and the verification page says so."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.confirm import confirm_page
from common.views import showing_refusal
from organization.models import Office
from organization.roles import CAN_ROLES, held_roles

from .certificates import revoke_certificate
from .forms import ReasonForm
from .letters import cancel_letter
from .models import Certificate, Letter

SHOWN = 100
QUERY_MAX = 100


def _can_provinces(user) -> list:
    if user.is_superuser:
        return list(Office.objects.provinces())
    ids = held_roles(user).offices_for(*CAN_ROLES)
    return list(Office.objects.filter(pk__in=ids))


@login_required
@require_GET
def register(request):
    provinces = _can_provinces(request.user)
    if not provinces:  # the page exists for every province's CAN: nothing of theirs leaks
        raise PermissionDenied
    offices = Office.objects.none()
    for province in provinces:
        offices = offices | Office.objects.in_province(province)
    typed = (request.GET.get("q") or "").strip()
    q = typed[:QUERY_MAX]
    letters = Letter.objects.filter(office__in=offices).select_related("office")
    certificates = Certificate.objects.filter(issuer_office__in=offices)
    if q:
        letters = letters.filter(Q(number__icontains=q) | Q(subject__icontains=q))
        certificates = certificates.filter(
            Q(serial__icontains=q) | Q(holder_name__icontains=q) | Q(event_title__icontains=q)
        )
    context = {
        "q": q,
        "q_max": QUERY_MAX,
        "q_cut": len(typed) > QUERY_MAX,
        "letters": letters.order_by("-date", "-sequence")[:SHOWN],
        "certificates": certificates.order_by("-issued_at", "-sequence")[:SHOWN],
        "shown": SHOWN,
    }
    return render(request, "documents/register.html", context)


def _withdraw_page(request, *, document, perm, action, title, summary, consequence, done, next_url):
    """The page asking why `document` is withdrawn; its POST calls `action` with the reason,
    then says `done` and goes to `next_url`."""
    if not request.user.has_perm(perm, document):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):
            action(document, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, done)
            return redirect(next_url)
    return confirm_page(
        request,
        title=title,
        question=summary,
        consequences=[consequence],
        action_label=title,
        cancel_url=reverse("documents:register"),
        form=form,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("issuer_office"), pk=pk)
    return _withdraw_page(
        request,
        document=certificate,
        perm="documents.revoke_certificate",
        action=revoke_certificate,
        title=_("Cabut sertifikat"),
        summary=" · ".join((certificate.serial, certificate.holder_name, certificate.event_title)),
        consequence=_(
            "Berkasnya tetap tersimpan, tetapi halaman verifikasi menyatakan sertifikat ini "
            "DICABUT beserta alasannya."
        ),
        done=_("Sertifikat %(serial)s dicabut.") % {"serial": certificate.serial},
        next_url=certificate.verify_path,
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_cancel(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("office__parent"), pk=pk)
    return _withdraw_page(
        request,
        document=letter,
        perm="documents.cancel_letter",
        action=cancel_letter,
        title=_("Batalkan surat"),
        summary=f"{letter.number} · {letter.subject}",
        consequence=_(
            "Surat tetap tercatat dalam agenda dan nomornya tidak dipakai lagi; statusnya "
            "menjadi Dibatalkan."
        ),
        done=_("Surat %(number)s dibatalkan.") % {"number": letter.number},
        next_url="documents:register",
    )
