"""Event list and page, step 6 (committee and its letter), step 7 (readiness)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page
from common.listing import filtered_page
from common.views import attempt

from ..filters import EventFilter
from ..forms import (
    CommentForm,
    CommitteeMemberForm,
    EventPlaceForm,
    LibraryEntryForm,
    ReadinessForm,
    SignatoryForm,
)
from ..models import CommitteeMember, Event, Minutes, ReadinessLog
from ..rules import _province_id
from ..services import eventday, preparation
from .common import chosen_signatory, get_event

DETAIL_PERMS = (
    "manage_committee",
    "update_readiness",
    "confirm_readiness",
    "record_team_needs",
    "decide_team",
    "send_invitation",
    "show_checkin_code",
    "issue_certificates",
    "share_event",
)


@login_required
def event_list(request):
    province_id = _province_id(request.user)
    events = (
        Event.objects.filter(cycle__province_id=province_id)
        .select_related("host_office", "cycle")
        .order_by("-cycle__year", "date", "pk")
    )
    context = filtered_page(request, EventFilter, events, province_id=province_id)
    return render(request, "events/list.html", context)


@login_required
def event_detail(request, pk):
    event = get_event(request, pk)
    user = request.user
    can = {name: user.has_perm(f"events.{name}", event) for name in DETAIL_PERMS}
    context = {
        "event": event,
        "steps": list(event.steps.select_related("completed_by")),
        "committee": list(event.committee.select_related("employee")),
        "readiness": preparation.readiness_of(event),
        "team": list(event.team.serving().select_related("employee")),
        "attendance_count": event.attendances.count(),
        "my_attendance": event.attendances.filter(employee=user).first(),
        "minutes": Minutes.objects.filter(event=event).first(),
        "photo_count": event.photos.count(),
        "material_count": event.materials.count(),
        "can": can,
        "today": timezone.localdate(),
        "checkin_ended": eventday.has_ended(event),
        "checkin_closes": event.window[1],
    }
    if can["share_event"]:
        context["library_form"] = LibraryEntryForm(
            initial={"topic": event.topic, "shared": event.shared}
        )
    if can["send_invitation"] and not event.invitation_sent_at:
        context["invitation_form"] = SignatoryForm(offices=[event.host_office])
    if can["issue_certificates"] and not event.certificates_issued_at:
        context["certificate_batch"] = eventday.certificate_batch_running(event)
        if context["certificate_batch"] is None:
            context["certificate_form"] = SignatoryForm(
                offices=[event.cycle.province, event.host_office]
            )
    return render(request, "events/detail.html", context)


@login_required
def committee(request, pk):
    event = get_event(request, pk, "events.manage_committee")
    if request.method == "POST" and event.committee_letter_url:
        messages.error(request, preparation.locked_message())
        return redirect(request.path)
    form = CommitteeMemberForm(request.POST or None, province=event.cycle.province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = attempt(
            request,
            lambda: preparation.add_committee_member(
                event,
                role=data["role"],
                employee=data["employee"],
                external_name=data["external_name"],
                external_institution=data["external_institution"],
                duty=data["duty"],
                by=request.user,
            ),
            _("Panitia ditambahkan."),
            form,
        )
        if added:
            return redirect(request.path)
    return render(
        request,
        "events/committee.html",
        {
            "event": event,
            "form": form,
            "members": list(event.committee.select_related("employee__office")),
            "missing": preparation.missing_committee_roles(event),
            "letter_form": SignatoryForm(offices=[event.host_office]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_remove(request, pk, member_pk):
    """GET asks "Yakin ...?", POST removes the member."""
    event = get_event(request, pk, "events.manage_committee")
    member = get_object_or_404(CommitteeMember, pk=member_pk, event=event)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus panitia"),
            question=_("Yakin menghapus %(name)s (%(role)s) dari panitia %(event)s?")
            % {"name": member.display_name, "role": member.get_role_display(), "event": event},
            consequences=[_("Nama ini tidak lagi masuk Surat Daftar Nama Pelaksana Serawai.")],
            action_label=_("Ya, hapus dari panitia"),
            cancel_url=reverse("events:committee", args=[event.pk]),
        )
    attempt(
        request,
        lambda: preparation.remove_committee_member(member, by=request.user),
        _("Panitia dihapus."),
    )
    return redirect("events:committee", pk=event.pk)


@login_required
@require_POST
def committee_letter(request, pk):
    event = get_event(request, pk, "events.manage_committee")
    signatory = chosen_signatory(request, [event.host_office])
    if signatory is not None:
        attempt(
            request,
            lambda: preparation.issue_committee_letter(event, signatory=signatory, by=request.user),
            _("Surat Daftar Nama Pelaksana Serawai diterbitkan."),
        )
    return redirect("events:committee", pk=event.pk)


@login_required
def readiness(request, pk):
    event = get_event(request, pk)
    user = request.user
    state = preparation.readiness_of(event)
    form = place_form = None
    if user.has_perm("events.update_readiness", event) and event.status == Event.Status.PLANNED:
        data = request.POST if request.method == "POST" else None
        form = ReadinessForm(data, instance=state)
        place_form = EventPlaceForm(data, instance=event, prefix="event")
        if data is not None and form.is_valid() & place_form.is_valid():
            fields = {f: place_form.cleaned_data[f] for f in EventPlaceForm.Meta.fields}
            if attempt(
                request,
                lambda: preparation.update_readiness(
                    event,
                    by=user,
                    items={name: form.cleaned_data[name] for name in state.MANUAL_ITEMS},
                    comment=form.cleaned_data["comment"],
                    **fields,
                ),
                _("Kemajuan persiapan dicatat."),
                form,
            ):
                return redirect(request.path)
            event.refresh_from_db()
    elif request.method == "POST":
        return redirect(request.path)
    return render(
        request,
        "events/readiness.html",
        {
            "event": event,
            "state": state,
            "form": form,
            "place_form": place_form,
            "log": ReadinessLog.objects.filter(event=event).select_related("author"),
            "may_confirm": user.has_perm("events.confirm_readiness", event),
            "confirm_form": CommentForm(),
        },
    )


@login_required
@require_POST
def readiness_confirm(request, pk):
    event = get_event(request, pk, "events.confirm_readiness")
    form = CommentForm(request.POST)
    form.is_valid()
    attempt(
        request,
        lambda: preparation.confirm_readiness(
            event, by=request.user, comment=form.cleaned_data.get("comment", "")
        ),
        _("Kesiapan kegiatan dikonfirmasi. Status kegiatan: Siap."),
    )
    return redirect("events:readiness", pk=event.pk)
