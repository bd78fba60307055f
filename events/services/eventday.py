"""Step 9, the event day: invitation, attendance, minutes, documentation photos, certificates.

Step 9 is complete when the minutes are final and the certificates are issued.
"""

import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from documents.language import in_indonesian
from notifications import kinds
from notifications.services import notify
from organization.models import Employee

from ..models import Attendance, CommitteeMember, Event, Minutes, Photo, Readiness
from . import steps
from .errors import EventError
from .preparation import mark_held

PHOTO_MAX_SIDE = 2560
THUMB_SIDE = 480
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


def _lock(event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _maybe_finish_step9(event, by) -> None:
    minutes = Minutes.objects.filter(event=event).first()
    if event.certificates_issued_at and minutes and minutes.is_final:
        steps.finish(
            event, 9, by=by, note=_("Notulensi final, dokumentasi dan sertifikat diterbitkan")
        )


@in_indonesian
@transaction.atomic
def send_invitation(event, *, signatory, by, external=None):
    """Step 9 input: the invitation letter to all employees, and a notification to each.

    An event held without one may still get it afterwards, dated the day it is issued, for the
    record the quarterly report needs (step 10); nobody is told to come to a past event.
    `external`: the invitation was signed elsewhere and is registered instead, with its date."""
    from documents.letters import issue_letter
    from documents.models import Letter

    event = _lock(event)
    if event.invitation_sent_at:
        raise EventError(_("Undangan kegiatan ini sudah dikirim."))
    if event.status == Event.Status.CLOSED:
        raise EventError(_("Kegiatan sudah ditutup; undangan tidak dapat diterbitkan lagi."))
    late = event.status == Event.Status.HELD
    province = event.cycle.province
    letter = issue_letter(
        office=event.host_office,
        kind=Letter.Kind.INVITATION,
        subject=_("Undangan Kegiatan Serawai"),
        addressees=[
            _("Seluruh Pegawai %(office)s dan BPS Kabupaten/Kota se-%(region)s")
            % {"office": province.short_name, "region": province.short_name.replace("BPS ", "")}
        ],
        body_template="documents/letters/events_invitation.html",
        context={
            "event": event,
            "province": province,
            "speakers": list(
                event.committee.filter(role=CommitteeMember.Role.SPEAKER).select_related("employee")
            ),
        },
        signatory=signatory,
        by=by,
        related=event,
        external=external,
    )
    now = timezone.now()
    event.invitation_letter_url = letter.get_absolute_url()
    event.invitation_sent_at, event.invitation_sent_by = now, by
    event.save(update_fields=["invitation_letter_url", "invitation_sent_at", "invitation_sent_by"])
    Readiness.objects.update_or_create(event=event, defaults={"invitation_sent": True})
    if late:
        return letter
    when = formats.date_format(event.date, "j F Y")
    notify(
        Employee.objects.active().in_province(province),
        kind=kinds.EVENT_INVITATION,
        title=_("Undangan Serawai: %(title)s") % {"title": event.title},
        body=_("%(date)s pukul %(start)s-%(end)s WIB, %(place)s.")
        % {
            "date": when,
            "start": formats.time_format(event.start_time),
            "end": formats.time_format(event.end_time),
            "place": event.place or event.meeting_link or event.get_mode_display(),
        },
        url=event.get_absolute_url(),
        key=f"event-invitation-{event.pk}",
    )
    return letter


def _clock(moment) -> str:
    local = timezone.localtime(moment, event_tz())
    return f"{formats.date_format(local, 'j F Y')} {formats.time_format(local)} WIB"


def event_tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Jakarta")


def check_in(event, employee, *, now=None) -> tuple[Attendance, bool]:
    """Self check-in: logged-in, once each, only inside [start - margin, end + margin].

    Returns (attendance, created). A second check-in returns the first one unchanged.
    """
    existing = Attendance.objects.filter(event=event, employee=employee).first()
    if existing is not None:
        return existing, False
    if event.status == Event.Status.PLANNED:
        raise EventError(_("Presensi belum dibuka: kesiapan kegiatan belum dikonfirmasi."))
    if event.status == Event.Status.CLOSED:
        raise EventError(_("Kegiatan sudah ditutup; presensi tidak dapat dilakukan lagi."))
    now = now or timezone.now()
    opens, closes = event.window
    if now < opens:
        raise EventError(
            _("Presensi belum dibuka. Presensi dibuka %(when)s.") % {"when": _clock(opens)}
        )
    if now > closes:
        raise EventError(_("Presensi sudah ditutup sejak %(when)s.") % {"when": _clock(closes)})
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                event=event, employee=employee, checked_in_at=now, source=Attendance.Source.SELF
            )
    except IntegrityError:  # the same person on two devices at once
        return Attendance.objects.get(event=event, employee=employee), False
    return attendance, True


def has_ended(event, now=None) -> bool:
    """The event is over once its check-in window has closed: attendance is then closed too."""
    return (now or timezone.now()) > event.window[1]


@transaction.atomic
def add_attendee(event, *, employee, by, now=None) -> Attendance:
    """The note taker records someone who attended without checking in, until the event ends."""
    event = _lock(event)
    if event.status not in (Event.Status.READY, Event.Status.HELD):
        raise EventError(_("Daftar hadir hanya dapat diisi untuk kegiatan yang siap/terlaksana."))
    if has_ended(event, now):
        raise EventError(
            _("Kegiatan sudah berakhir; daftar hadir hanya dapat dikoreksi CAN dengan alasan.")
        )
    if Attendance.objects.filter(event=event, employee=employee).exists():
        raise EventError(_("%(name)s sudah tercatat hadir.") % {"name": employee})
    return Attendance.objects.create(
        event=event, employee=employee, source=Attendance.Source.NOTE_TAKER, added_by=by
    )


def _correction_reason(event, reason: str, now) -> str:
    if not has_ended(event, now):
        raise EventError(
            _("Kegiatan belum berakhir; daftar hadir diisi lewat presensi atau oleh Notulis.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise EventError(_("Tuliskan alasan koreksi daftar hadir."))
    return reason[:200]


@transaction.atomic
def add_late_attendee(event, *, employee, by, reason: str, now=None) -> Attendance:
    """After the event the CAN adds someone who attended but was not recorded, with a reason.
    The entry is marked late in every list and does not make the person a rater."""
    event = _lock(event)
    now = now or timezone.now()
    reason = _correction_reason(event, reason, now)
    if Attendance.objects.filter(event=event, employee=employee).exists():
        raise EventError(_("%(name)s sudah tercatat hadir.") % {"name": employee})
    return Attendance.objects.create(
        event=event,
        employee=employee,
        checked_in_at=now,
        source=Attendance.Source.LATE,
        added_by=by,
        reason=reason,
    )


@transaction.atomic
def remove_attendee(attendance: Attendance, *, by, reason: str, now=None) -> None:
    """After the event the CAN removes someone recorded by mistake; the audit trail keeps who,
    when and the reason."""
    from auditlog.context import set_actor

    _lock(attendance.event)
    reason = _correction_reason(attendance.event, reason, now)
    attendance.removal_reason = reason
    with set_actor(by):
        attendance.delete()


def _editable_minutes(event) -> Minutes | None:
    minutes = Minutes.objects.select_for_update().filter(event=event).first()
    if minutes is not None and minutes.is_final:
        raise EventError(_("Notulensi sudah final dan tidak dapat diubah."))
    return minutes


@transaction.atomic
def save_minutes(event, *, summary: str, questions_answers: str, follow_ups: str, by) -> Minutes:
    """The note taker writes the minutes (summary, Q&A, follow-ups) until they are final."""
    event = _lock(event)
    if event.status not in (Event.Status.READY, Event.Status.HELD):
        raise EventError(_("Notulensi ditulis setelah kesiapan kegiatan dikonfirmasi."))
    minutes = _editable_minutes(event) or Minutes(event=event)
    minutes.summary, minutes.questions_answers = summary.strip(), questions_answers.strip()
    minutes.follow_ups = follow_ups.strip()
    minutes.updated_at, minutes.updated_by = timezone.now(), by
    minutes.save()
    return minutes


@in_indonesian
@transaction.atomic
def finalise_minutes(event, *, by, now=None) -> Minutes:
    """The note taker finalises the minutes; they become read-only and the event is held."""
    event = _lock(event)
    minutes = _editable_minutes(event)
    if minutes is None or not minutes.summary:
        raise EventError(_("Tulis ringkasan notulensi sebelum memfinalkan."))
    event = mark_held(event, by=by, now=now)
    minutes.finalised_at, minutes.finalised_by = now or timezone.now(), by
    document = _minutes_document(event, minutes, by=by)
    minutes.document_number = document.number
    minutes.document_url = document.get_absolute_url()
    minutes.save(update_fields=["finalised_at", "finalised_by", "document_number", "document_url"])
    _maybe_finish_step9(event, by)
    return minutes


def minutes_signers(event):
    """(note taker, chair): the note taker who writes the minutes and the Koordinator who
    leads the event (the Moderator/MC when no Koordinator is an employee) sign them."""
    members = {
        m.role: m.employee
        for m in event.committee.filter(employee__isnull=False)
        .select_related("employee")
        .order_by("-pk")
    }
    chair = members.get(CommitteeMember.Role.COORDINATOR) or members.get(
        CommitteeMember.Role.MODERATOR
    )
    return members.get(CommitteeMember.Role.NOTE_TAKER), chair


def _minutes_document(event, minutes, *, by):
    """SOP step 9's minutes as a signed, numbered PDF in the host office's register."""
    from documents.letters import issue_letter
    from documents.models import Letter

    note_taker, chair = minutes_signers(event)
    note_taker = note_taker or by
    return issue_letter(
        office=event.host_office,
        kind=Letter.Kind.MINUTES,
        subject=f"Notulensi Kegiatan Serawai: {event.title}",
        addressees=[],
        body_template="",
        context={
            "event": event,
            "minutes": minutes,
            "note_taker": note_taker,
            "chair": chair,
            "speakers": list(
                event.committee.filter(role=CommitteeMember.Role.SPEAKER).select_related("employee")
            ),
            "attendees": event.attendances.count(),
        },
        signatory=chair or note_taker,
        by=by,
        letter_date=event.date,
        related=minutes,
        template="documents/events/minutes.html",
    )


@transaction.atomic
def delete_photo(photo: Photo, *, by) -> None:
    """A documentation photo taken off the event (a wrong or private picture), with its files;
    refused once the event is closed, when the approved report already holds it. The audit
    trail records who deleted it and when."""
    event = _lock(photo.event)
    if event.status == Event.Status.CLOSED:
        raise EventError(_("Kegiatan sudah ditutup; fotonya bagian dari laporan yang disetujui."))
    files = [photo.image, photo.thumbnail]
    photo.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files if f])


def _reencode(upload) -> tuple[bytes, bytes, int, int]:
    """Verify an upload is an image by its content and re-encode it (and a thumbnail) as JPEG."""
    limit = settings.SERAWAI_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise EventError(
            _("Foto terlalu besar (%(size)s); batasnya %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    data = upload.read()
    not_image = EventError(_("Berkas ini bukan gambar (JPEG, PNG, WebP) yang dapat dibaca."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                if probe.format not in PHOTO_FORMATS:
                    raise not_image
                probe.verify()
            image = Image.open(BytesIO(data))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise not_image from exc
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    full = BytesIO()
    image.save(full, "JPEG", quality=85, optimize=True)
    width, height = image.size
    image.thumbnail((THUMB_SIDE, THUMB_SIDE))
    thumb = BytesIO()
    image.save(thumb, "JPEG", quality=80)
    return full.getvalue(), thumb.getvalue(), width, height


@transaction.atomic
def add_photo(event, *, upload, caption: str, by) -> Photo:
    """A documentation photo of the event (step 9 output), stored re-encoded without metadata."""
    event = _lock(event)
    if not event.takes_photos:
        raise EventError(_("Foto dokumentasi diunggah untuk kegiatan yang siap/terlaksana."))
    full, thumb, width, height = _reencode(upload)
    name = uuid.uuid4().hex
    photo = Photo(event=event, caption=caption.strip(), width=width, height=height, uploaded_by=by)
    photo.image.save(f"{name}.jpg", ContentFile(full), save=False)
    photo.thumbnail.save(f"{name}-thumb.jpg", ContentFile(thumb), save=False)
    photo.save()
    return photo


def certificate_holders(event) -> list[tuple[str, dict]]:
    """(kind, holder) for the speakers and every attendee who is not a speaker."""
    speakers = list(
        event.committee.filter(role=CommitteeMember.Role.SPEAKER).select_related("employee")
    )
    speaker_ids = {m.employee_id for m in speakers if m.employee_id}
    holders = [
        (
            "speaker",
            {
                "name": m.display_name,
                "nip": m.employee.nip_display if m.employee_id else "",
                "employee": m.employee,
                "role_label": _("Narasumber"),
            },
        )
        for m in speakers
    ]
    attendees = event.attendances.select_related("employee").exclude(employee_id__in=speaker_ids)
    holders += [
        (
            "participant",
            {
                "name": a.employee.full_name,
                "nip": a.employee.nip_display,
                "employee": a.employee,
                "role_label": _("Peserta"),
            },
        )
        for a in attendees.order_by("employee__full_name")
    ]
    return holders


def _event_batches(event):
    from django.contrib.contenttypes.models import ContentType

    from documents.models import CertificateBatch

    return CertificateBatch.objects.filter(
        related_type=ContentType.objects.get_for_model(Event), related_id=event.pk
    )


def certificate_batch_running(event):
    """The worker's batch still issuing this event's certificates, if any."""
    from documents.models import CertificateBatch

    return (
        _event_batches(event)
        .filter(status__in=[CertificateBatch.Status.PENDING, CertificateBatch.Status.RUNNING])
        .first()
    )


def _issuable_holders(event) -> list[tuple[str, dict]]:
    if event.status != Event.Status.HELD:
        raise EventError(_("Sertifikat diterbitkan setelah kegiatan dicatat terlaksana."))
    if event.certificates_issued_at:
        raise EventError(_("Sertifikat kegiatan ini sudah diterbitkan."))
    running = certificate_batch_running(event)
    if running is not None and not running.is_stuck:
        raise EventError(_("Sertifikat kegiatan ini sedang diterbitkan."))
    holders = certificate_holders(event)
    if not holders:
        raise EventError(_("Belum ada peserta maupun narasumber."))
    return holders


def _certificates_issued(event, by) -> None:
    event.certificates_issued_at, event.certificates_issued_by = timezone.now(), by
    event.save(update_fields=["certificates_issued_at", "certificates_issued_by"])
    _maybe_finish_step9(event, by)


def _certificate_order(event, holders, signatory, by) -> dict:
    """The arguments of an event's certificate batch: speakers first, then participants, each
    holder with its kind."""
    return {
        "holders": [{**holder, "kind": kind} for kind, holder in holders],
        "kind": "participant",
        "event_title": event.title,
        "event_date": event.date,
        "organiser_name": event.host_office.short_name,
        "issuer_office": signatory.office,
        "signatory": signatory,
        "by": by,
        "related": event,
    }


@in_indonesian
@transaction.atomic
def request_event_certificates(event, *, signatory, by):
    """Step 9 output: certificates for the speakers and the attendees, and nobody else.

    However small the event, the request only records the order: the worker renders them in
    chunks (documents.batches), so no request waits on WeasyPrint and a broker that is down
    delays the certificates without failing the request. Returns the batch whose progress page
    the user follows. A batch that failed or stuck earlier is resumed (with its first
    signatory) rather than started again, so nobody gets two.
    """
    from documents.batches import request_batch, requeue
    from documents.models import CertificateBatch

    event = _lock(event)
    holders = _issuable_holders(event)
    earlier = (
        _event_batches(event)
        .exclude(status=CertificateBatch.Status.DONE)
        .order_by("-requested_at")
        .first()
    )
    if earlier is not None and earlier.can_retry:
        return requeue(earlier, by=by)
    return request_batch(**_certificate_order(event, holders, signatory, by))


def certificate_batch_finished(event, batch) -> None:
    """The worker issued an event's batch (documents.signals.batch_finished): step 9's output is
    there. Runs in the worker's transaction; the batch has notified the holders."""
    event = _lock(event)
    if not event.certificates_issued_at:
        _certificates_issued(event, batch.requested_by)
