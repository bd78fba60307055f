"""Assemble a quarter's activity report from what the app holds, and say what is still missing.

SOP step 10 lists the report's inputs: invitation, draft opening speech, attendance list,
documentation, minutes, suggestions and feedback; we add the evaluation recap (step 11) and the
narrative chapters. Everything but the chapters and the speech is read from the stages that made
it, never copied, so the report shows the app's current record until it is approved (the approved
PDF is then stored and no longer changes).

Import direction: reports sits at the end of the chain and reads events, documents and
evaluations (`evaluations.selectors.recap.year_recap`,
`evaluations.exports.charts.criterion_chart_svg`); evaluations never imports reports.
"""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cycles.planning import quarter_end
from documents.texts import grouped_texts
from evaluations.exports.charts import criterion_chart_svg
from evaluations.selectors.recap import year_recap
from events.models import Attendance, CommitteeMember, Event

from ..models import ActivityReport, OpeningSpeech


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    return first, quarter_end(first)


def quarter_events(cycle, quarter: int):
    start, end = quarter_bounds(cycle.year, quarter)
    return Event.objects.filter(cycle=cycle, date__gte=start, date__lte=end).order_by(
        "date", "start_time", "pk"
    )


@dataclass
class Missing:
    part: str
    text: str
    event: Event | None = None


@dataclass
class EventParts:
    event: Event
    invitation: object | None = None
    speech: OpeningSpeech | None = None
    attendances: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    minutes: object | None = None
    # The finalised minutes as the signed, numbered document (a documents.Letter), appended to
    # the report as filed.
    minutes_document: object | None = None
    committee: list = field(default_factory=list)
    recap: object | None = None
    chart_svg: str = ""
    comments: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)

    @property
    def feedback(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """The participants' suggestions, then their comments, apart, each remark once with its
        count (documents.texts.grouped_texts): [(label, [(text, count)])], empty kinds left out.
        The report's page and its PDF both show this (documents/reports/_feedback.html)."""
        kinds = ((_("Saran"), self.suggestions), (_("Komentar"), self.comments))
        return [(label, grouped_texts(texts)) for label, texts in kinds if texts]


@dataclass
class Assembly:
    report: ActivityReport
    events: list[EventParts]
    missing: list[Missing]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def _model(app_label: str, name: str):
    """A model of a sibling app, or None while that part of the app does not exist yet."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _invitations(events) -> dict:
    """The issued invitation letter (step 9) of each event, by event id."""
    Letter = _model("documents", "Letter")
    if Letter is None or not events:
        return {}
    from django.contrib.contenttypes.models import ContentType

    kind = getattr(getattr(Letter, "Kind", None), "INVITATION", None)
    if kind is None:
        return {}
    letters = Letter.objects.filter(
        kind=kind,
        related_type=ContentType.objects.get_for_model(Event),
        related_id__in=[e.pk for e in events],
    )
    if hasattr(Letter, "Status"):
        letters = letters.exclude(status=Letter.Status.CANCELLED)
    return {int(letter.related_id): letter for letter in letters.order_by("date", "pk")}


def _minutes_documents(events) -> dict:
    """The signed minutes document (step 9) of each event whose minutes are final, by event id."""
    Letter = _model("documents", "Letter")
    Minutes = _model("events", "Minutes")
    minutes = [m for m in (getattr(e, "minutes", None) for e in events) if m and m.is_final]
    if Letter is None or Minutes is None or not minutes:
        return {}
    from django.contrib.contenttypes.models import ContentType

    by_minutes = {m.pk: m.event_id for m in minutes}
    letters = Letter.objects.filter(
        kind=Letter.Kind.MINUTES,
        related_type=ContentType.objects.get_for_model(Minutes),
        related_id__in=list(by_minutes),
    ).exclude(status=Letter.Status.CANCELLED)
    return {by_minutes[int(letter.related_id)]: letter for letter in letters.order_by("pk")}


def _recaps(report: ActivityReport, events) -> dict:
    """The evaluation recap (step 11, a dict: see evaluations.selectors.recap) of each event, by id,
    read for the whole year in a fixed number of queries."""
    if not events:
        return {}
    return {recap["event"]["id"]: recap for recap in year_recap(report.cycle)["events"]}


def _prefetched_events(report: ActivityReport) -> list[Event]:
    attendances = Prefetch(
        "attendances", queryset=Attendance.objects.select_related("employee__office")
    )
    lookups = [
        attendances,
        Prefetch("committee", CommitteeMember.objects.select_related("employee")),
    ]
    if _model("events", "Photo") is not None:
        lookups.append("photos")
    events = quarter_events(report.cycle, report.quarter).select_related("host_office")
    if _model("events", "Minutes") is not None:
        events = events.select_related("minutes")
    return list(events.prefetch_related(*lookups))


def assemble(report: ActivityReport) -> Assembly:
    """Every part of the report and the list of what is missing (empty: it may be submitted)."""
    events = _prefetched_events(report)
    speeches = {s.event_id: s for s in report.speeches.all()}
    invitations = _invitations(events)
    has_photos = _model("events", "Photo") is not None
    has_minutes = _model("events", "Minutes") is not None
    minutes_documents = _minutes_documents(events) if has_minutes else {}
    missing: list[Missing] = []
    parts: list[EventParts] = []
    if not events:
        missing.append(Missing("events", _("tidak ada kegiatan Serawai pada triwulan ini")))
    recaps = _recaps(report, events)
    today = timezone.localdate()
    for event in events:
        recap = recaps.get(event.pk)
        chart = criterion_chart_svg(recap) if recap and recap["n"] else ""
        minutes = getattr(event, "minutes", None) if has_minutes else None
        item = EventParts(
            event=event,
            invitation=invitations.get(event.pk),
            speech=speeches.get(event.pk),
            attendances=list(event.attendances.all()),
            photos=list(event.photos.all()) if has_photos else [],
            minutes=minutes,
            minutes_document=minutes_documents.get(event.pk),
            committee=list(event.committee.all()),
            recap=recap,
            chart_svg=chart,
            comments=list(recap["comments"]) if recap else [],
            suggestions=list(recap["suggestions"]) if recap else [],
        )
        parts.append(item)
        missing.extend(_missing_of(item, today))
    for field_name, label, text in report.chapters():
        if not text.strip():
            missing.append(Missing(field_name, _("bab %(label)s belum ditulis") % {"label": label}))
    return Assembly(report=report, events=parts, missing=missing)


def _missing_of(item: EventParts, today: date) -> list[Missing]:
    event, title = item.event, item.event.title
    out = []

    def lack(part, text):
        out.append(Missing(part, f"{text} ({title})", event))

    if event.date > today:
        lack("held", _("kegiatan belum terlaksana"))
    if item.invitation is None:
        lack("invitation", _("surat undangan belum diterbitkan"))
    if item.speech is None or not item.speech.is_present:
        lack("speech", _("draf kata sambutan belum diisi"))
    if not item.attendances:
        lack("attendance", _("daftar hadir masih kosong"))
    if not item.photos:
        lack("photos", _("foto dokumentasi belum diunggah"))
    if item.minutes is None:
        lack("minutes", _("notulensi belum ditulis"))
    elif not getattr(item.minutes, "is_final", True):
        lack("minutes", _("notulensi belum difinalkan"))
    if item.recap is None or not item.recap["raters"]:
        lack("evaluation", _("rekap evaluasi narasumber belum ada (belum ada penilaian)"))
    return out
