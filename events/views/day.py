"""Step 9, the event day: invitation, check-in (link/QR), attendance and its exports, minutes,
photos and certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page
from common.listing import filtered_page
from common.views import attempt, showing_refusal

from .. import checkin
from ..filters import AttendanceFilter
from ..forms import (
    AttendeeForm,
    CorrectionReasonForm,
    LateAttendeeForm,
    MinutesForm,
    PhotoForm,
)
from ..models import Minutes, Photo
from ..selectors.attendance import attendance_table
from ..services import eventday
from .common import chosen_signatory, get_event, photo_response


@login_required
@require_POST
def send_invitation(request, pk):
    event = get_event(request, pk, "events.send_invitation")
    signatory = chosen_signatory(request, [event.host_office])
    if signatory is not None:
        attempt(
            request,
            lambda: eventday.send_invitation(event, signatory=signatory, by=request.user),
            _("Surat undangan diterbitkan dan seluruh pegawai diberi tahu."),
        )
    return redirect(event)


@login_required
def checkin_code(request, pk):
    event = get_event(request, pk, "events.show_checkin_code")
    context = {"event": event, "closes": event.window[1]}
    if not eventday.has_ended(event):  # a QR nobody can check in with is not shown
        url = request.build_absolute_uri(checkin.path(event))
        context.update(url=url, qr=mark_safe(checkin.qr_svg(url)))
    return render(request, "events/checkin_code.html", context)


@login_required
def check_in(request, pk, token):
    event = get_event(request, pk)
    if not checkin.is_valid(event, token):
        raise Http404
    if request.method == "POST":
        with showing_refusal(request):
            attendance, created = eventday.check_in(event, request.user)
            if created:
                messages.success(request, _("Terima kasih, kehadiran Anda tercatat."))
            else:
                messages.info(request, _("Anda sudah tercatat hadir sebelumnya."))
        return redirect(request.path)
    opens, closes = event.window
    return render(
        request,
        "events/checkin.html",
        {
            "event": event,
            "attendance": event.attendances.filter(employee=request.user).first(),
            "opens": opens,
            "closes": closes,
            "ended": eventday.has_ended(event),
        },
    )


@login_required
def attendance(request, pk):
    """The attendance list. During the event the note taker adds people; once it has ended only
    the CAN does, with a reason, and the entry is marked late."""
    event = get_event(request, pk)
    ended = eventday.has_ended(event)
    perm = "events.correct_attendance" if ended else "events.add_attendee"
    may_add = request.user.has_perm(perm, event)
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    form = None
    if may_add:
        form_class = LateAttendeeForm if ended else AttendeeForm
        form = form_class(request.POST or None, province=event.cycle.province)
    if request.method == "POST" and form is not None and form.is_valid():
        employee = form.cleaned_data["employee"]
        if ended:

            def action():
                eventday.add_late_attendee(
                    event, employee=employee, by=request.user, reason=form.cleaned_data["reason"]
                )
        else:

            def action():
                eventday.add_attendee(event, employee=employee, by=request.user)

        done = _("%(name)s ditambahkan ke daftar hadir.") % {"name": employee}
        if attempt(request, action, done, form):
            return redirect(request.path)
    rows = event.attendances.select_related("employee__office").order_by("checked_in_at", "id")
    context = filtered_page(request, AttendanceFilter, rows, province=event.cycle.province)
    context.update(
        event=event,
        form=form,
        ended=ended,
        may_correct=ended and may_add,
        total=event.attendances.count(),
        late=event.attendances.late().count(),
    )
    return render(request, "events/attendance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_remove(request, pk, attendance_pk):
    """After the event the CAN removes someone recorded by mistake, giving the reason."""
    event = get_event(request, pk, "events.correct_attendance")
    row = get_object_or_404(event.attendances.select_related("employee"), pk=attendance_pk)
    form = CorrectionReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        done = _("%(name)s dihapus dari daftar hadir.") % {"name": row.employee}
        if attempt(
            request,
            lambda: eventday.remove_attendee(row, by=request.user, reason=reason),
            done,
            form,
        ):
            return redirect("events:attendance", pk=event.pk)
    return confirm_page(
        request,
        title=_("Hapus dari daftar hadir"),
        question=_("Yakin menghapus %(name)s dari daftar hadir %(title)s?")
        % {"name": row.employee.full_name, "title": event.title},
        consequences=[
            _("Kegiatan sudah berakhir: koreksi daftar hadir dicatat dengan alasan di jejak audit.")
        ],
        action_label=_("Ya, hapus dari daftar hadir"),
        cancel_url=reverse("events:attendance", args=[event.pk]),
        form=form,
        status=400 if request.method == "POST" else 200,
    )


@login_required
def attendance_xlsx(request, pk):
    from documents.spreadsheets import xlsx_response

    event = get_event(request, pk)
    return xlsx_response(f"daftar-hadir-serawai-{event.pk}.xlsx", [attendance_table(event)])


@login_required
def attendance_pdf(request, pk):
    from documents.rendering import pdf_response

    from ..exports.attendance import attendance_pdf as render_attendance

    event = get_event(request, pk)
    return pdf_response(render_attendance(event), f"daftar-hadir-serawai-{event.pk}.pdf")


@login_required
def minutes(request, pk):
    event = get_event(request, pk)
    record = Minutes.objects.filter(event=event).select_related("finalised_by").first()
    editable = request.user.has_perm("events.write_minutes", event) and not (
        record and record.is_final
    )
    form = MinutesForm(request.POST or None, instance=record) if editable else None
    if request.method == "POST":
        if not request.user.has_perm("events.write_minutes", event):
            raise PermissionDenied
        if form is None:
            messages.error(request, _("Notulensi sudah final dan tidak dapat diubah."))
            return redirect(request.path)
        if form.is_valid() and attempt(
            request,
            lambda: eventday.save_minutes(event, by=request.user, **form.cleaned_data),
            _("Notulensi disimpan."),
            form,
        ):
            return redirect(request.path)
    return render(
        request,
        "events/minutes.html",
        {"event": event, "minutes": record, "form": form, "editable": editable},
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_finalise(request, pk):
    """GET asks "Yakin ...?", POST makes the minutes final (the event is then held)."""
    event = get_event(request, pk, "events.write_minutes")
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Finalkan notulensi"),
            question=_("Yakin memfinalkan notulensi %(event)s?") % {"event": event},
            consequences=[
                _("Setelah difinalkan, notulensi tidak dapat diubah."),
                _("Kegiatan dicatat terlaksana (langkah 9)."),
            ],
            action_label=_("Ya, finalkan notulensi"),
            cancel_url=reverse("events:minutes", args=[event.pk]),
            danger=False,
        )
    attempt(
        request,
        lambda: eventday.finalise_minutes(event, by=request.user),
        _("Notulensi final. Kegiatan dicatat terlaksana."),
    )
    return redirect("events:minutes", pk=event.pk)


@login_required
def photos(request, pk):
    event = get_event(request, pk)
    may_upload = request.user.has_perm("events.upload_photos", event)
    if request.method == "POST" and not may_upload:
        raise PermissionDenied
    form = None
    if may_upload and event.takes_photos:
        form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form is not None and form.is_valid():
        if attempt(
            request,
            lambda: eventday.add_photo(
                event,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            ),
            _("Foto dokumentasi diunggah."),
            form,
        ):
            return redirect(request.path)
    return render(
        request,
        "events/photos.html",
        {
            "event": event,
            "photos": list(event.photos.all()),
            "form": form,
            "may_upload": may_upload,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request, pk, photo_pk):
    """GET asks "Yakin ...?", POST deletes the photo."""
    event = get_event(request, pk, "events.upload_photos")
    photo = get_object_or_404(Photo, pk=photo_pk, event=event)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus foto"),
            question=_("Yakin menghapus foto “%(caption)s”?") % {"caption": photo.caption},
            consequences=[_("Foto dan berkasnya dihapus; penghapusan dicatat di riwayat.")],
            action_label=_("Ya, hapus foto"),
            cancel_url=reverse("events:photos", args=[event.pk]),
        )
    attempt(request, lambda: eventday.delete_photo(photo, by=request.user), _("Foto dihapus."))
    return redirect("events:photos", pk=event.pk)


@login_required
def photo_file(request, pk, photo_pk, variant):
    event = get_event(request, pk)
    return photo_response(get_object_or_404(Photo, pk=photo_pk, event=event), variant)


@login_required
@require_POST
def certificates(request, pk):
    event = get_event(request, pk, "events.issue_certificates")
    signatory = chosen_signatory(
        request,
        [event.cycle.province, event.host_office],
        missing=_("Pilih penandatangan sertifikat."),
    )
    if signatory is not None:
        # Accepted at once, whatever the size of the event: the worker issues them.
        batches = []
        if attempt(
            request,
            lambda: batches.append(
                eventday.request_event_certificates(event, signatory=signatory, by=request.user)
            ),
            _("Sertifikat sedang diterbitkan; halaman ini menunjukkan kemajuannya."),
        ):
            return redirect(batches[0])
    return redirect(event)
