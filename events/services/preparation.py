"""Steps 6-7 of an event (committee and its letter, readiness) and the event's status.

The status moves planned -> ready -> held -> closed only through `confirm_readiness`,
`mark_held` and `close_event`, each of which checks the transition and records who and when.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.text import one_line
from cycles import planning
from cycles.calendar import WorkingCalendar
from documents.language import in_indonesian

from ..models import CommitteeMember, Event, EventStep, Readiness, ReadinessLog
from ..signals import event_held
from . import steps
from .errors import EventError

Role = CommitteeMember.Role
# The role split handed down by the CAN Provinsi: who must be in every committee.
REQUIRED_ROLES = (Role.COORDINATOR, Role.SPEAKER, Role.MODERATOR, Role.NOTE_TAKER)


def _lock(event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def missing_committee_roles(event) -> list[str]:
    present = set(event.committee.values_list("role", flat=True))
    return [str(role.label) for role in REQUIRED_ROLES if role not in present]


def locked_message() -> str:
    return _("Surat Daftar Nama Pelaksana sudah terbit; susunan panitia tidak dapat diubah lagi.")


def _committee_open(event) -> None:
    if event.committee_letter_url:
        raise EventError(locked_message())


@transaction.atomic
def add_committee_member(
    event,
    *,
    role: str,
    by,
    employee=None,
    external_name: str = "",
    external_institution: str = "",
    duty: str = "",
) -> CommitteeMember:
    """Step 6: put a person in the committee. Narasumber may be external (name + institution)."""
    event = _lock(event)
    _committee_open(event)
    if employee is None and not external_name.strip():
        raise EventError(_("Pilih pegawai atau isi nama pihak luar."))
    if employee is not None and external_name.strip():
        raise EventError(_("Pilih pegawai atau isi nama pihak luar, jangan keduanya."))
    if employee is None and role != Role.SPEAKER:
        raise EventError(_("Hanya narasumber yang boleh dari pihak luar."))
    if employee is not None and event.committee.filter(role=role, employee=employee).exists():
        raise EventError(_("%(name)s sudah tercatat pada peran ini.") % {"name": employee})
    if role in (Role.COORDINATOR, Role.MODERATOR) and event.committee.filter(role=role).exists():
        raise EventError(_("Peran ini hanya untuk satu orang."))
    steps.begin(event, 6)
    return CommitteeMember.objects.create(
        event=event,
        role=role,
        employee=employee,
        external_name=external_name.strip() if employee is None else "",
        external_institution=external_institution.strip() if employee is None else "",
        duty=duty.strip(),
        created_by=by,
    )


@transaction.atomic
def remove_committee_member(member, *, by) -> None:
    _committee_open(_lock(member.event))
    member.delete()


@in_indonesian
@transaction.atomic
def issue_committee_letter(event, *, signatory, by, external=None):
    """Step 6 output: "Surat Daftar Nama Pelaksana Serawai" from the host office to the province.
    `external`: the letter was signed elsewhere and is registered instead; step 6 is done on
    its date."""
    from documents.letters import completed_when, issue_letter
    from documents.models import Letter

    event = _lock(event)
    _committee_open(event)
    missing = missing_committee_roles(event)
    if missing:
        raise EventError(
            _("Panitia belum lengkap, belum ada: %(roles)s.") % {"roles": ", ".join(missing)}
        )
    members = list(event.committee.select_related("employee"))
    province = event.cycle.province
    letter = issue_letter(
        office=event.host_office,
        kind=Letter.Kind.COMMITTEE,
        subject=_("Daftar Nama Pelaksana Serawai"),
        addressees=[_("Kepala %(office)s") % {"office": province.short_name}],
        body_template="documents/letters/events_committee.html",
        context={"event": event, "members": members, "province": province},
        signatory=signatory,
        by=by,
        related=event,
        external=external,
    )
    event.committee_letter_url = letter.get_absolute_url()
    event.save(update_fields=["committee_letter_url"])
    steps.finish(
        event,
        6,
        by=by,
        note=letter.number,
        url=event.committee_letter_url,
        when=completed_when(letter),
    )
    return letter


def readiness_of(event) -> Readiness:
    """The event's checklist (an unsaved empty one until the host CA first reports)."""
    return Readiness.objects.filter(event=event).first() or Readiness(event=event)


def _stored_readiness(event) -> Readiness:
    readiness, _created = Readiness.objects.select_for_update().get_or_create(event=event)
    return readiness


@transaction.atomic
def update_readiness(event, *, by, items: dict, comment: str = "", **event_fields) -> Readiness:
    """Step 7: the host CA reports preparation (checklist, place/link) with a dated log entry.
    "Materi narasumber sudah diterima" is not among the items: the upload ticks it."""
    event = _lock(event)
    if event.status != Event.Status.PLANNED:
        raise EventError(_("Kesiapan sudah dikonfirmasi; daftar periksa tidak dapat diubah."))
    for name, value in event_fields.items():
        setattr(event, name, value)
    if event_fields:
        event.save(update_fields=list(event_fields))
    readiness = _stored_readiness(event)
    for name in Readiness.MANUAL_ITEMS:
        if name in items:
            setattr(readiness, name, bool(items[name]))
    if readiness.place_ready and not (event.place or event.meeting_link):
        raise EventError(_("Isi tempat dan/atau tautan rapat sebelum menandai tempat siap."))
    readiness.updated_at, readiness.updated_by = timezone.now(), by
    readiness.save()
    ReadinessLog.objects.create(
        event=event, author=by, done_count=readiness.done_count, comment=comment.strip()
    )
    steps.begin(event, 7)
    return readiness


@transaction.atomic
def confirm_readiness(event, *, by, comment: str = "") -> Event:
    """Step 7 output: a CA Provinsi confirms the host is ready; the event moves planned -> ready."""
    event = _lock(event)
    if event.status != Event.Status.PLANNED:
        raise EventError(_("Kesiapan kegiatan ini sudah dikonfirmasi."))
    readiness = _stored_readiness(event)
    if not readiness.complete:
        raise EventError(
            _("Daftar periksa belum lengkap (%(done)d dari %(all)d butir).")
            % {"done": readiness.done_count, "all": len(Readiness.ITEMS)}
        )
    now = timezone.now()
    readiness.confirmed_at, readiness.confirmed_by = now, by
    readiness.save(update_fields=["confirmed_at", "confirmed_by"])
    ReadinessLog.objects.create(
        event=event,
        author=by,
        done_count=readiness.done_count,
        comment=comment.strip() or _("Kesiapan dikonfirmasi."),
        is_confirmation=True,
    )
    event.status = Event.Status.READY
    event.save(update_fields=["status"])
    steps.finish(event, 7, by=by, note=_("Kesiapan dikonfirmasi CA Provinsi"))
    return event


@transaction.atomic
def mark_held(event, *, by, now=None) -> Event:
    """Step 9: the event took place (ready -> held). Not before its start time."""
    event = _lock(event)
    if event.status == Event.Status.HELD:
        return event
    if event.status != Event.Status.READY:
        raise EventError(_("Kegiatan harus berstatus siap sebelum dicatat terlaksana."))
    now = now or timezone.now()
    if now < event.window[0]:
        raise EventError(_("Kegiatan belum dimulai."))
    event.status, event.held_at, event.held_by = Event.Status.HELD, now, by
    event.save(update_fields=["status", "held_at", "held_by"])
    # Step 11 starts right after the event (evaluations opens its forms; no import of it here).
    event_held.send(sender=Event, event=event, by=by)
    return event


# An event's record is complete when these steps of its ledger are: the event day's outputs, the
# CC-approved report and the evaluation recap.
CLOSING_STEPS = (9, 10, 11)


@transaction.atomic
def close_if_complete(event, *, by) -> bool:
    """Close a held event once steps 9, 10 and 11 are all complete (the CC's approval of the
    quarterly report calls this); a step still open leaves it as it is. Returns whether it closed.
    """
    event = _lock(event)
    if event.status != Event.Status.HELD:
        return False
    if event.steps.filter(number__in=CLOSING_STEPS, completed_at__isnull=False).count() < len(
        CLOSING_STEPS
    ):
        return False
    close_event(event, by=by)
    return True


@transaction.atomic
def close_event(event, *, by) -> Event:
    """held -> closed, once step 9 is complete (minutes final and certificates issued)."""
    event = _lock(event)
    if event.status != Event.Status.HELD:
        raise EventError(_("Hanya kegiatan yang sudah terlaksana yang dapat ditutup."))
    if steps.step(event, 9).completed_at is None:
        raise EventError(_("Langkah 9 belum selesai: notulensi final dan sertifikat diperlukan."))
    event.status, event.closed_at, event.closed_by = Event.Status.CLOSED, timezone.now(), by
    event.save(update_fields=["status", "closed_at", "closed_by"])
    return event


@transaction.atomic
def create_event(
    *, cycle, title: str, host_office, event_date: date, by=None, not_before=None, **fields
) -> Event:
    """Create the event of a selected theme with steps 6-11 planned around `event_date`.

    Raises cycles.planning.PlanningError (with the earliest allowed date) when steps 6-8 would
    have to start before `not_before`.
    """
    cal = WorkingCalendar.load(cycle.province_id)
    plan = planning.plan_event(event_date, not_before=not_before, cal=cal)
    # The title heads e-mail subjects and file names: one line, whatever the proposal held.
    event = Event.objects.create(
        cycle=cycle,
        title=one_line(title),
        host_office=host_office,
        date=event_date,
        created_by=by,
        **fields,
    )
    EventStep.objects.bulk_create(
        EventStep(event=event, number=p.number, planned_start=p.start, due=p.due) for p in plan
    )
    return event
