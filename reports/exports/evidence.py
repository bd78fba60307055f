"""The evidence pack (bukti dukung Zona Integritas) of a year or a quarter: every output of the
SOP in one zip, a folder per step, each file named by its step and its number, and an index
PDF/A listing each document with its number, date, step and file name.

Stored documents (letters, registered external letters, signed minutes, the approved report,
award certificates, photos, materials) go in as they were stored; outputs kept as data are
rendered by the generator the app already uses for their download (proposals list, attendance
list, evaluation recaps) or, where there is none, as a record (reports.exports.evidence_records).

A quarter's pack holds the year's steps 1-5 (every event of the year rests on them), then steps
6-11 of the events held in that quarter and the quarter's report; the year's recap and awards
belong to the year's pack only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from documents.models import Certificate, Letter
from evaluations.models import Award, PresenterEvaluation
from events.models import Event, EventTeamAssignment, Material, Minutes, Photo, Readiness

from ..models import ActivityReport
from ..selectors.assembly import quarter_bounds
from . import evidence_records as records
from .evidence_entries import Entry, day, extension, name_files, stored

# (step, file-name word) of each kind of letter; "other" letters take their related object's.
LETTER_KINDS = {
    Letter.Kind.SOCIALISATION: (2, "surat-sosialisasi"),
    Letter.Kind.PROPOSALS: (3, "surat-permintaan-usulan"),
    Letter.Kind.VOTE: (4, "surat-pemilihan-tema"),
    Letter.Kind.RESULTS: (5, "surat-hasil-pemilihan"),
    Letter.Kind.COMMITTEE: (6, "surat-panitia"),
    Letter.Kind.INVITATION: (9, "surat-undangan"),
    Letter.Kind.MINUTES: (9, "notulensi"),
    Letter.Kind.REPORT: (10, "surat-laporan"),
    Letter.Kind.EVALUATION: (11, "surat-evaluasi"),
}


def scope_events(cycle, quarter: int | None) -> list[Event]:
    events = Event.objects.filter(cycle=cycle).select_related("host_office", "cycle__province")
    if quarter is not None:
        start, end = quarter_bounds(cycle.year, quarter)
        events = events.filter(date__gte=start, date__lte=end)
    return list(events.order_by("date", "start_time", "pk"))


def _event_codes(cycle) -> dict[int, str]:
    """Each event's code by its place in the year (k1, k2...): the same in either pack."""
    ids = Event.objects.filter(cycle=cycle).order_by("date", "start_time", "pk")
    return {pk: f"k{n}" for n, pk in enumerate(ids.values_list("pk", flat=True), start=1)}


def _related(model, ids) -> Q:
    return Q(related_type=ContentType.objects.get_for_model(model), related_id__in=list(ids))


def _letters(cycle, events, reports, awards) -> list[Entry]:
    """The issued letters of the scope's objects, registered external ones too, as stored."""
    from cycles.models import Concept
    from voting.models import Vote

    minutes = Minutes.objects.filter(event__in=events).values_list("pk", flat=True)
    # Each object whose letters belong to the pack, with the step an "other" letter of it takes.
    owners, query = {}, Q(pk__in=[])
    for model, ids, step in (
        (type(cycle), [cycle.pk], 1),
        (Concept, Concept.objects.filter(cycle=cycle).values_list("pk", flat=True), 1),
        (Vote, Vote.objects.filter(cycle=cycle).values_list("pk", flat=True), 4),
        (Event, [e.pk for e in events], 9),
        (Minutes, minutes, 9),
        (ActivityReport, [r.pk for r in reports], 10),
        (Award, [a.pk for a in awards], 11),
    ):
        ids = list(ids)
        type_id = ContentType.objects.get_for_model(model).pk
        owners.update({(type_id, pk): step for pk in ids})
        query |= _related(model, ids)
    entries = []
    for letter in Letter.objects.issued().filter(query).order_by("date", "pk"):
        owner_step = owners[(letter.related_type_id, letter.related_id)]
        step, word = LETTER_KINDS.get(letter.kind, (owner_step, "surat"))
        entries.append(
            Entry(
                step=step,
                word=word,
                label=f"{letter.get_kind_display()}: {letter.subject}",
                number=letter.number,
                date=letter.date,
                content=stored(letter.file, letter.sha256),
            )
        )
    return entries


def _year_level(cycle, by) -> list[Entry]:
    from cycles.models import Concept
    from voting.exports import proposals_pdf
    from voting.models import Vote

    entries = []
    concept = Concept.objects.filter(cycle=cycle).first()
    if concept is not None:
        entries.append(
            Entry(
                step=1,
                word="konsep",
                label=_("Konsep dan jadwal Serawai Tahun %(year)s") % {"year": cycle.year},
                date=day(concept.decided_at or concept.updated_at),
                content=lambda: records.concept_pdf(concept),
                suffix=str(cycle.year),
            )
        )
    if cycle.proposals.exists():
        last = cycle.proposals.order_by("-updated_at").values_list("updated_at", flat=True)[0]
        entries.append(
            Entry(
                step=3,
                word="daftar-usulan-tema",
                label=_("Daftar usulan tema dari BPS kabupaten/kota"),
                date=day(last),
                content=lambda: proposals_pdf(cycle, by=by),
                suffix=str(cycle.year),
            )
        )
    vote = Vote.objects.filter(cycle=cycle).exclude(status=Vote.Status.OPEN).first()
    if vote is not None:
        # While the vote is open its counts are secret (SOP.md, Voting): no record before.
        entries.append(
            Entry(
                step=5,
                word="hasil-pemungutan-suara",
                label=_("Hasil pemungutan suara dan tema terpilih"),
                date=day(vote.closed_at),
                content=lambda: _vote_results(vote),
                suffix=str(cycle.year),
            )
        )
    return entries


def _vote_results(vote) -> bytes:
    from voting.models import SelectedTheme, TieDecision
    from voting.selectors import counts

    selections = SelectedTheme.objects.filter(cycle=vote.cycle).select_related("host_office")
    tie = TieDecision.objects.filter(vote=vote).first()
    return records.vote_results_pdf(vote, counts(vote), list(selections.order_by("rank")), tie)


def _event_level(event, code: str) -> list[Entry]:
    from evaluations.exports.recap import event_recap_pdf
    from events.exports.attendance import attendance_pdf

    entries = []

    def record(step, word, label, date, content):
        """A record of the event: `label` names it, its file name ends with the event's code."""
        entries.append(
            Entry(
                step=step,
                word=word,
                label=label % {"event": event.title},
                date=date,
                content=content,
                suffix=code,
            )
        )

    readiness = Readiness.objects.filter(event=event).select_related("confirmed_by").first()
    log = list(event.readiness_log.select_related("author").order_by("created_at", "pk"))
    # Every event has a checklist from the start: an untouched one is no evidence of step 7.
    if readiness is not None and (readiness.updated_at or readiness.confirmed_at or log):
        record(
            7,
            "kesiapan",
            _("Konfirmasi kesiapan: %(event)s"),
            day(readiness.confirmed_at or readiness.updated_at),
            lambda: records.readiness_pdf(event, readiness, log),
        )
    team = list(
        EventTeamAssignment.objects.filter(event=event, replaced_by__isnull=True)
        .select_related("employee")
        .order_by("role", "pk")
    )
    if team:
        confirmed = [a.confirmed_at for a in team if a.confirmed_at]
        record(
            8,
            "penugasan-tim",
            _("Penugasan Event Team: %(event)s"),
            day(max(confirmed)) if confirmed else None,
            lambda: records.team_pdf(event, team),
        )
    if event.attendances.exists():
        record(
            9,
            "daftar-hadir",
            _("Daftar hadir: %(event)s"),
            event.date,
            lambda: attendance_pdf(event),
        )
    for n, photo in enumerate(Photo.objects.filter(event=event), start=1):
        entries.append(
            Entry(
                step=9,
                word="foto",
                label=_("Foto dokumentasi: %(caption)s") % {"caption": photo.caption},
                date=day(photo.uploaded_at),
                extension=extension(photo.image.name, "jpg"),
                content=stored(photo.image),
                suffix=f"{code}-{n:02d}",
            )
        )
    for n, material in enumerate(Material.objects.filter(event=event), start=1):
        entries.append(
            Entry(
                step=9,
                word="materi",
                label=_("Materi narasumber: %(title)s") % {"title": material.title},
                date=day(material.uploaded_at),
                extension=extension(material.original_name, material.kind),
                content=stored(material.file),
                suffix=f"{code}-{n:02d}",
            )
        )
    certificates = list(
        Certificate.objects.filter(_related(Event, [event.pk])).order_by("sequence", "pk")
    )
    if certificates:
        record(
            9,
            "daftar-sertifikat",
            _("Daftar sertifikat: %(event)s"),
            day(max(c.issued_at for c in certificates)),
            lambda: records.certificates_pdf(event, certificates),
        )
    window = PresenterEvaluation.objects.filter(event=event).first()
    if window is not None:
        record(
            11,
            "rekap-evaluasi",
            _("Rekap evaluasi: %(event)s"),
            window.closes_on,
            lambda: event_recap_pdf(event),
        )
    return entries


def approved_reports(cycle, quarter: int | None) -> list[ActivityReport]:
    """Every approved revision of the scope's reports (a later revision does not erase the one
    the CC signed before it)."""
    reports = ActivityReport.objects.filter(cycle=cycle, status=ActivityReport.Status.APPROVED)
    if quarter is not None:
        reports = reports.filter(quarter=quarter)
    return list(reports.exclude(pdf="").order_by("quarter", "revision"))


def _reports(reports) -> list[Entry]:
    entries = []
    for report in reports:
        approval = report.transitions.filter(to_status=ActivityReport.Status.APPROVED).last()
        approved_on = day(approval.at) if approval else None
        entries.append(
            Entry(
                step=10,
                word="laporan-kegiatan",
                label=_("%(title)s, revisi %(rev)d, disetujui CC")
                % {"title": report.title, "rev": report.revision},
                date=approved_on,
                content=stored(report.pdf, report.pdf_sha256),
                suffix=f"tw{report.quarter}-rev{report.revision}",
            )
        )
    return entries


def _awards(cycle, awards, by) -> list[Entry]:
    from evaluations.exports.recap import year_recap_pdf

    entries = [
        Entry(
            step=11,
            word="rekap-evaluasi",
            label=_("Rekap evaluasi Serawai Tahun %(year)s") % {"year": cycle.year},
            date=None,
            content=lambda: year_recap_pdf(cycle, fallback=by),
            suffix=str(cycle.year),
        )
    ]
    certificates = Certificate.objects.filter(_related(Award, [a.pk for a in awards]))
    for certificate in certificates.order_by("sequence", "pk"):
        entries.append(
            Entry(
                step=11,
                word="sertifikat-penghargaan",
                label=_("Sertifikat penghargaan %(award)s: %(name)s")
                % {"award": certificate.award_title, "name": certificate.holder_name},
                number=certificate.serial,
                date=certificate.event_date,
                content=stored(certificate.file, certificate.sha256),
            )
        )
    return entries


def collect(pack) -> list[Entry]:
    """Every document of the pack's scope, ordered by step, with its place in the zip."""
    cycle, quarter, by = pack.cycle, pack.quarter, pack.requested_by
    events = scope_events(cycle, quarter)
    codes = _event_codes(cycle)
    reports = approved_reports(cycle, quarter)
    awards = list(Award.objects.filter(cycle=cycle)) if quarter is None else []
    entries = _year_level(cycle, by) + _letters(cycle, events, reports, awards)
    for event in events:
        entries += _event_level(event, codes[event.pk])
    entries += _reports(reports)
    if quarter is None:
        entries += _awards(cycle, awards, by)
    entries.sort(key=lambda e: e.step)  # stable: each step keeps its documents' order
    name_files(entries)
    return entries
