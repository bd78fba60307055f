"""The report as a PDF/A document: cover, approval sheet, table of contents, chapters, appendices,
and last the signed minutes of each event, appended as they were filed.

Page numbers and the table of contents come from WeasyPrint's CSS (@page counters and
target-counter), so they are right by construction whatever the length of each part. A report that
is not approved yet is marked DRAF on every page.
"""

import base64
import mimetypes

from django.utils import translation
from django.utils.safestring import mark_safe

from common.dates import long_date, weekday_date
from documents.rendering import append_documents, render_pdf

from ..models import ActivityReport
from ..selectors import assembly

TEMPLATE = "documents/reports/activity_report.html"


def _data_uri(field_file) -> str:
    """A stored image as a data: URI (works with any storage, fetches nothing)."""
    mime = mimetypes.guess_type(field_file.name)[0] or "image/jpeg"
    with field_file.open("rb") as handle:
        return f"data:{mime};base64,{base64.b64encode(handle.read()).decode('ascii')}"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def report_context(report: ActivityReport) -> dict:
    parts = assembly.assemble(report)
    approval = (
        report.transitions.filter(to_status=ActivityReport.Status.APPROVED)
        .select_related("by")
        .last()
    )
    events = []
    for item in parts.events:
        event = item.event
        events.append(
            {
                "parts": item,
                "event": event,
                "day": weekday_date(event.date),
                "date": long_date(event.date),
                "invitation_date": long_date(getattr(item.invitation, "date", None)),
                "speech_paragraphs": item.speech.body.split("\n") if item.speech else [],
                "chart": mark_safe(item.chart_svg),  # noqa: S308 - our own server-made SVG
                "photos": [
                    {"src": _data_uri(p.image), "caption": p.caption}
                    for p in item.photos
                    if getattr(p, "image", None)
                ],
            }
        )
    chapters = [
        {"number": number, "label": label, "paragraphs": _paragraphs(text), "field": field}
        for number, (field, label, text) in zip(
            ("I", "II", "III", "IV"), report.chapters(), strict=True
        )
    ]
    return {
        "report": report,
        "province": report.cycle.province,
        "events": events,
        "chapters": chapters,
        "approval": approval,
        "approval_date": long_date(approval.at.date()) if approval else "",
        "is_draft": report.status != ActivityReport.Status.APPROVED,
        "period": _period(report),
        "missing": parts.missing,
        "minutes_documents": [e.minutes_document for e in parts.events if e.minutes_document],
    }


def _period(report) -> str:
    start, end = assembly.quarter_bounds(report.cycle.year, report.quarter)
    return f"{long_date(start)} – {long_date(end)}"


def _stored(letter) -> bytes:
    with letter.file.open("rb") as handle:
        return handle.read()


def report_pdf(report: ActivityReport) -> bytes:
    """The report, then its last appendix: each event's signed minutes, as filed."""
    # An official document: Indonesian whoever approves or downloads it (its title, the chart's
    # labels and the template's words alike).
    context = report_context(report)
    with translation.override("id"):
        data = render_pdf(
            TEMPLATE,
            context,
            archival=True,
            title=str(report.title),
            author=report.cycle.province.name,
        )
    return append_documents(data, [_stored(letter) for letter in context["minutes_documents"]])
