"""Step 9's attendance list as a PDF/A document, for the download and for the evidence pack."""

from ..selectors.attendance import attendance_rows
from ..services import eventday


def attendance_pdf(event) -> bytes:
    """The attendance list (daftar hadir) of `event`, signed by its chair."""
    from documents.rendering import render_pdf

    _note_taker, chair = eventday.minutes_signers(event)
    return render_pdf(
        "documents/events/attendance.html",
        {"event": event, "rows": attendance_rows(event), "chair": chair},
        title=f"Daftar Hadir {event.title}",
        author=event.host_office.name,
    )
