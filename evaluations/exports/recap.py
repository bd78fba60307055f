"""The recap as documents: .xlsx (a summary sheet and a sheet per event) and PDF, both made by
the document engine from the plain data of evaluations.selectors.recap (no rater appears in
them)."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cycles.selectors.concept import signatory_for
from documents.rendering import pdf_response, render_pdf
from documents.spreadsheets import Sheet, xlsx_response
from documents.texts import grouped_texts

from ..criteria import PRESENTER_CRITERIA, SCORES
from ..models import Award
from ..selectors import awards
from ..selectors.recap import MIN_RATERS_SHOWN, event_recap, year_recap
from .charts import criterion_chart_svg

PDF_TEMPLATE = "documents/evaluations/recap.html"


NOT_HELD = gettext_lazy("belum terlaksana")
NOT_HELD_NOTE = gettext_lazy(
    "Kegiatan ini belum terlaksana. Formulir penilaian dibuka setelah kegiatan (langkah 11)."
)


def _on_time_label(organizer: dict, *, held: bool = True) -> str:
    """Whether the host handed the report in on time, and whether the CC has approved it yet;
    for an event not held yet, only that (as the web recap says: recap._was_held)."""
    on_time = organizer["report_on_time"]
    if on_time is None and not held:
        return str(NOT_HELD)
    if on_time is None:
        return _("belum diserahkan")
    answer = _("ya") if on_time else _("tidak")
    if organizer["report_completed_on"] is None:
        return _("%(answer)s, menunggu persetujuan CC") % {"answer": answer}
    return answer


def hidden_note(n: int) -> str:
    """What a document says where figures are hidden, fewer than MIN_RATERS_SHOWN having rated
    (documents/evaluations/_hidden.html says the same); `n` = 0 when the count is hidden too."""
    if n:
        return ngettext(
            "%(n)d penilaian, kurang dari minimum %(min)d: tidak ditampilkan.",
            "%(n)d penilaian, kurang dari minimum %(min)d: tidak ditampilkan.",
            n,
        ) % {"n": n, "min": MIN_RATERS_SHOWN}
    return _("Kurang dari minimum %(min)d penilaian: tidak ditampilkan.") % {
        "min": MIN_RATERS_SHOWN
    }


def summary_sheet(recap: dict):
    headers = [
        _("Kegiatan"),
        _("Tanggal"),
        _("Penyelenggara"),
        _("Narasumber"),
        _("Peserta hadir"),
        _("Penilai"),
        _("Jumlah penilaian"),
        *[str(c.label) for c in PRESENTER_CRITERIA],
        _("Rata-rata keseluruhan"),
        _("Penilaian penyelenggara"),
        _("Laporan tepat waktu"),
    ]
    rows = []
    for r in recap["events"]:
        held = r["event"]["held"]
        rows.append(
            [
                r["event"]["title"],
                r["event"]["date"],
                r["event"]["host_office"],
                ", ".join(r["event"]["presenters"]),
                # Nothing to count before the event: no zeros that read as nobody came.
                r["attendees"] if held else None,
                r["raters"] if held else None,
                r["n"] if held else str(NOT_HELD),
                *[c["mean"] for c in r["criteria"]],
                r["overall_mean"],
                r["organizer"]["overall_mean"],
                _on_time_label(r["organizer"], held=held),
            ]
        )
    rows.append(
        [
            _("Seluruh kegiatan %(year)d") % {"year": recap["cycle"]["year"]},
            None,
            None,
            None,
            recap["attendees"],
            recap["raters"],
            recap["n"],
            *[c["mean"] for c in recap["criteria"]],
            recap["overall_mean"],
            None,
            None,
        ]
    )
    return Sheet(_("Ringkasan"), headers, rows)


def _criteria_rows(criteria) -> list[list]:
    return [[c["label"], c["n"], c["mean"], c["median"], *c["distribution"]] for c in criteria]


def event_sheet(index: int, r: dict):
    headers = [
        _("Kriteria"),
        _("n"),
        _("Rata-rata"),
        _("Median"),
        *[_("Skor %(score)d") % {"score": s} for s in SCORES],
    ]
    title = f"{index}. {r['event']['title']}"
    widths = [60, 8, 10, 10, 8, 8, 8, 8, 8]
    if not r["event"]["held"] and not r["n"] and not r["organizer"]["n"]:
        # As the web recap says it; no table of zeros for an event still to come.
        return Sheet(title[:31], headers, [[str(NOT_HELD_NOTE)]], widths=widths)
    if r["more_needed"]:
        rows = [[hidden_note(0)]]
    else:
        rows = _criteria_rows(r["criteria"])
        rows.append([_("Rata-rata keseluruhan"), r["n"], r["overall_mean"]])
    rows.append([])
    organizer = r["organizer"]
    rows.append([_("Penilaian penyelenggara: %(office)s") % {"office": organizer["office"]}])
    if organizer["more_needed"]:
        rows.append([hidden_note(organizer["n"])])
    else:
        rows += _criteria_rows(organizer["criteria"])
    held = r["event"]["held"]
    rows.append([_("Laporan kegiatan tepat waktu"), None, _on_time_label(organizer, held=held)])
    for label, texts in (
        (_("Komentar"), r["comments"]),
        (_("Saran"), r["suggestions"]),
        (_("Komentar untuk penyelenggara"), r["organizer"]["comments"]),
    ):
        rows.append([])
        rows.append([label, _("Jumlah")])
        rows += [[text, count] for text, count in grouped_texts(texts)] or [["–"]]
    # The first column carries the criteria and the remarks: wide enough to read a remark.
    return Sheet(title[:31], headers, rows, widths=widths)


def year_recap_xlsx_response(recap: dict):
    sheets = [summary_sheet(recap)] + [
        event_sheet(i, r) for i, r in enumerate(recap["events"], start=1)
    ]
    return xlsx_response(f"rekap-evaluasi-serawai-{recap['cycle']['year']}.xlsx", sheets)


def event_recap_context(event) -> dict:
    recap = event_recap(event)
    return {
        "event": event,
        "recap": recap,
        "chart": criterion_chart_svg(recap),
        "organizer_chart": criterion_chart_svg(
            recap["organizer"], title=_("Penilaian penyelenggara (skala 1–5)")
        ),
    }


def year_recap_context(cycle) -> dict:
    recap = year_recap(cycle)
    return {
        "cycle": cycle,
        "recap": recap,
        "chart": criterion_chart_svg(recap),
        # An event not held yet has no ratings to chart (its row in the table says so).
        "event_charts": [
            (r, criterion_chart_svg(r)) for r in recap["events"] if r["event"]["held"]
        ],
    }


def event_recap_pdf(event) -> bytes:
    """One event's recap, headed by the province that runs the evaluation (SOP step 11)."""
    context = {
        **event_recap_context(event),
        "office": event.cycle.province,
        "doc_kind": "event",
        "min_shown": MIN_RATERS_SHOWN,
    }
    title = _("Rekap Evaluasi Serawai: %(title)s") % {"title": event.title}
    return render_pdf(PDF_TEMPLATE, context, title=title, author="Serawai")


def year_recap_pdf(cycle, *, fallback) -> bytes:
    """The year's recap as an official record of the province: its letterhead, the best
    presenter and organiser with the published formula, and the signature of the head (the CC);
    `fallback` signs when the cycle names no head."""
    context = {
        **year_recap_context(cycle),
        "office": cycle.province,
        "signatory": signatory_for(cycle, fallback=fallback),
        "printed": timezone.localdate(),
        "standings": [
            (Award.Kind.PRESENTER.label, awards.best_presenter(cycle)),
            (Award.Kind.ORGANIZER.label, awards.best_organizer(cycle)),
        ],
        "doc_kind": "year",
        "min_shown": MIN_RATERS_SHOWN,
    }
    title = _("Rekap Evaluasi Serawai Tahun %(year)d") % {"year": cycle.year}
    return render_pdf(PDF_TEMPLATE, context, title=title, author="Serawai")


def event_recap_pdf_response(event):
    return pdf_response(event_recap_pdf(event), f"rekap-evaluasi-{slugify(event.title)[:50]}.pdf")


def year_recap_pdf_response(cycle, *, fallback):
    return pdf_response(
        year_recap_pdf(cycle, fallback=fallback), f"rekap-evaluasi-serawai-{cycle.year}.pdf"
    )
