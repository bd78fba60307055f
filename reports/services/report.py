"""Writes of the reports app (SOP step 10: the quarterly activity report and its CC approval).

Every function is one transaction, checks that the move is allowed, and records who and when.
The workflow: draft -> submitted (by the host CA or the CAN) -> approved or returned with comments
(by the CC); a returned report is edited and submitted again. Step 10 of the quarter's events
follows in the ledger: handed in at submission (the CC's turn), open again when returned, done
at approval. An approved report is locked: a change
needs `start_revision`, which copies it into a new draft and keeps the approved one as it was.
"""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ServiceError
from cycles.services import cycle as cycle_services
from evaluations.services.ratings import (
    complete_evaluation,
    hand_in_evaluation,
    take_back_evaluation,
)
from events.models import EventStep
from events.services.preparation import close_if_complete
from notifications import kinds
from notifications.services import notify
from organization.models import Employee, RoleAssignment

from ..models import CHAPTERS, ActivityReport, OpeningSpeech, ReportTransition
from ..selectors import assembly
from ..speech_files import inspect_speech_file

Status = ActivityReport.Status
Role = RoleAssignment.Role


class ReportError(ServiceError):
    """A move the workflow does not allow; its message is shown to the user as is."""


def why_locked(report: ActivityReport) -> str:
    """Why `report` cannot be changed now and what to do instead; "" while it is editable."""
    if report.is_editable:
        return ""
    if report.status == Status.APPROVED:
        return _(
            "Laporan revisi %(rev)d sudah disetujui CC dan terkunci. "
            "Buat revisi baru untuk mengubahnya."
        ) % {"rev": report.revision}
    return _("Laporan sedang diperiksa CC dan tidak dapat diubah sampai dikembalikan.")


def _locked(report: ActivityReport) -> ActivityReport:
    """The report row, locked for this transaction, refused unless it is still editable."""
    report = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ReportError(why_locked(report))
    return report


def _record(report, from_status, to_status, by, comment="", at=None) -> ReportTransition:
    return ReportTransition.objects.create(
        report=report,
        from_status=from_status,
        to_status=to_status,
        by=by,
        at=at or timezone.now(),
        comment=comment,
    )


@transaction.atomic
def open_report(*, cycle, quarter: int, by) -> ActivityReport:
    """Start the activity report of a quarter (its first revision), or return the existing one."""
    if quarter not in (1, 2, 3, 4):
        raise ReportError(_("Triwulan harus 1 sampai 4."))
    existing = (
        ActivityReport.objects.filter(cycle=cycle, quarter=quarter).order_by("-revision").first()
    )
    if existing is not None:
        return existing
    report = ActivityReport.objects.create(
        cycle=cycle, quarter=quarter, created_by=by, updated_by=by
    )
    _record(report, "", Status.DRAFT, by)
    for event in assembly.quarter_events(cycle, quarter):
        cycle_services.start_step(_step10(event))
    return report


def _step10(event) -> EventStep:
    return EventStep.objects.get(event=event, number=10)


@transaction.atomic
def update_chapters(report: ActivityReport, *, by, **texts) -> ActivityReport:
    """Write the narrative chapters (Pendahuluan, Pelaksanaan, Hasil, Penutup) of a draft."""
    report = _locked(report)
    allowed = {field for field, _label in CHAPTERS}
    unknown = set(texts) - allowed
    if unknown:
        raise ValueError(f"not a chapter: {sorted(unknown)}")
    for field, text in texts.items():
        setattr(report, field, (text or "").strip())
    report.updated_by, report.updated_at = by, timezone.now()
    report.save(update_fields=[*texts, "updated_by", "updated_at"])
    return report


@transaction.atomic
def set_opening_speech(
    report: ActivityReport, *, event, by, speaker: str = "", text: str = "", upload=None
) -> OpeningSpeech:
    """Store the draft opening speech of one event of the report: typed text, an uploaded
    PDF/DOCX/ODT (checked by content and size), or both. A new upload replaces the old one."""
    report = _locked(report)
    if event.pk not in {e.pk for e in assembly.quarter_events(report.cycle, report.quarter)}:
        raise ReportError(_("Kegiatan ini tidak termasuk dalam triwulan laporan."))
    speech, _created = OpeningSpeech.objects.get_or_create(report=report, event=event)
    speech.speaker = speaker.strip()
    speech.text = text.strip()
    if upload is not None:
        data = upload.read()
        kind, extracted = inspect_speech_file(upload.name, data)
        digest = hashlib.sha256(data).hexdigest()[:16]
        speech.file.save(f"sambutan-{event.pk}-{digest}.{kind}", ContentFile(data), save=False)
        speech.file_name = upload.name[:200]
        speech.file_kind = kind
        speech.file_text = extracted
    if not speech.is_present:
        raise ReportError(_("Isi naskah sambutan atau unggah berkasnya."))
    speech.updated_by, speech.updated_at = by, timezone.now()
    speech.save()
    report.updated_by, report.updated_at = by, timezone.now()
    report.save(update_fields=["updated_by", "updated_at"])
    return speech


def _authors(report: ActivityReport) -> list:
    """Who wrote the report: whoever created, edited or submitted it (any revision's author)."""
    ids = {report.created_by_id, report.updated_by_id}
    ids |= set(
        report.transitions.filter(to_status=Status.SUBMITTED).values_list("by_id", flat=True)
    )
    return list(Employee.objects.filter(pk__in=[i for i in ids if i]))


def _ccs(report: ActivityReport):
    ids = (
        RoleAssignment.objects.current(year=report.cycle.year)
        .filter(role=Role.CC, office=report.cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True)


def _url(report) -> str:
    return report.get_absolute_url()


@transaction.atomic
def submit_report(report: ActivityReport, *, by) -> ActivityReport:
    """Hand the report to the CC. Refused, naming every missing part, while it is incomplete."""
    report = _locked(report)
    missing = assembly.assemble(report).missing
    if missing:
        raise ReportError(
            _("Laporan belum lengkap: %(parts)s.") % {"parts": "; ".join(m.text for m in missing)}
        )
    before = report.status
    now = timezone.now()
    report.status = Status.SUBMITTED
    report.save(update_fields=["status"])
    _record(report, before, Status.SUBMITTED, by, at=now)
    # The host's and the CAN's part of steps 10 and 11 is done with the hand-in (the report
    # carries each event's recap of ratings); the CC's is open.
    for event in assembly.quarter_events(report.cycle, report.quarter):
        cycle_services.submit_step(_step10(event), when=now)
        hand_in_evaluation(event, when=now)
    notify(
        _ccs(report),
        kind=kinds.REPORT_SUBMITTED,
        title=_("%(title)s diajukan untuk disetujui") % {"title": report.title},
        body=_("%(who)s mengajukan revisi %(rev)d. Mohon diperiksa.")
        % {"who": by.full_name, "rev": report.revision},
        url=_url(report),
        key=f"report:{report.pk}:submitted:{report.transitions.count()}",
    )
    return report


def _decidable(report: ActivityReport, by) -> ActivityReport:
    report = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.SUBMITTED:
        raise ReportError(_("Hanya laporan yang sedang diajukan yang dapat diputuskan CC."))
    if not _ccs(report).filter(pk=by.pk).exists():
        raise ReportError(_("Hanya Change Champion (CC) provinsi yang dapat memutuskan laporan."))
    return report


@transaction.atomic
def return_report(report: ActivityReport, *, by, comment: str) -> ActivityReport:
    """The CC sends the report back to its authors with comments (kept in the history)."""
    comment = (comment or "").strip()
    if not comment:
        raise ReportError(_("Tuliskan catatan perbaikan untuk penyusun laporan."))
    report = _decidable(report, by)
    report.status = Status.RETURNED
    report.save(update_fields=["status"])
    _record(report, Status.SUBMITTED, Status.RETURNED, by, comment)
    for event in assembly.quarter_events(report.cycle, report.quarter):
        cycle_services.withdraw_submission(_step10(event))
        take_back_evaluation(event)
    notify(
        _authors(report),
        kind=kinds.REPORT_RETURNED,
        title=_("%(title)s dikembalikan oleh CC") % {"title": report.title},
        body=comment,
        url=_url(report),
        key=f"report:{report.pk}:returned:{report.transitions.count()}",
    )
    return report


@transaction.atomic
def approve_report(report: ActivityReport, *, by, comment: str = "") -> ActivityReport:
    """The CC approves: the report is locked, its PDF/A rendered once and stored with its hash,
    and step 10 of every event in the report is completed in the ledger; so is step 11 (the
    report carries each event's evaluation recap), and an event with steps 9-11 done is closed."""
    from ..exports.report import report_pdf  # rendering is only needed here and for downloads

    report = _decidable(report, by)
    now = timezone.now()
    report.status = Status.APPROVED
    transition = _record(
        report, Status.SUBMITTED, Status.APPROVED, by, (comment or "").strip(), now
    )
    data = report_pdf(report)
    report.pdf.save(
        f"laporan-serawai-{report.cycle.year}-tw{report.quarter}-rev{report.revision}.pdf",
        ContentFile(data),
        save=False,
    )
    report.pdf_sha256 = hashlib.sha256(data).hexdigest()
    report.save(update_fields=["status", "pdf", "pdf_sha256"])
    note = _("%(title)s (revisi %(rev)d) disetujui CC") % {
        "title": report.title,
        "rev": report.revision,
    }
    for event in assembly.quarter_events(report.cycle, report.quarter):
        cycle_services.complete_step(
            _step10(event), by=by, output_note=note, output_url=_url(report), when=now
        )
        # The approved report carries the event's evaluation recap: step 11's output is out,
        # and an event whose steps 9-11 are all done is closed.
        complete_evaluation(event, by=by, when=now)
        close_if_complete(event, by=by)
    notify(
        _authors(report),
        kind=kinds.REPORT_APPROVED,
        title=note,
        body=transition.comment,
        url=_url(report),
        key=f"report:{report.pk}:approved",
    )
    return report


@transaction.atomic
def start_revision(report: ActivityReport, *, by) -> ActivityReport:
    """Open a new draft revision of an approved report; the approved one stays as it was."""
    report = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.APPROVED:
        raise ReportError(_("Revisi baru hanya dibuat dari laporan yang sudah disetujui."))
    if ActivityReport.objects.filter(previous=report).exists():
        raise ReportError(_("Revisi baru dari laporan ini sudah ada."))
    newest = (
        ActivityReport.objects.filter(cycle=report.cycle, quarter=report.quarter)
        .order_by("-revision")
        .first()
    )
    if newest.pk != report.pk:
        raise ReportError(_("Hanya revisi terakhir yang dapat direvisi."))
    now = timezone.now()
    new = ActivityReport.objects.create(
        cycle=report.cycle,
        quarter=report.quarter,
        revision=report.revision + 1,
        previous=report,
        created_by=by,
        created_at=now,
        updated_by=by,
        updated_at=now,
        **{field: getattr(report, field) for field, _label in CHAPTERS},
    )
    OpeningSpeech.objects.bulk_create(
        OpeningSpeech(
            report=new,
            event_id=s.event_id,
            speaker=s.speaker,
            text=s.text,
            file=s.file.name,
            file_name=s.file_name,
            file_kind=s.file_kind,
            file_text=s.file_text,
            updated_by=by,
            updated_at=now,
        )
        for s in report.speeches.all()
    )
    _record(
        new,
        "",
        Status.DRAFT,
        by,
        _("Revisi %(rev)d dari laporan yang disetujui") % {"rev": report.revision},
        now,
    )
    return new


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1
