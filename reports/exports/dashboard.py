"""The programme dashboard as documents: .xlsx (the numbers) and PDF (the same charts), both made
by the document engine from reports.selectors.dashboard's figures."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.rendering import pdf_response, render_pdf
from documents.spreadsheets import Sheet, xlsx_response

PDF_TEMPLATE = "documents/reports/dashboard.html"


def _vote_label(y) -> str:
    if not y.vote_status:
        return _("belum dibuka")
    return _("berjalan") if not y.vote_closed else _("ditutup")


def summary_sheet(dashboard) -> Sheet:
    headers = [
        _("Tahun"),
        _("Usulan tema"),
        _("Pemungutan suara"),
        _("Pemilih"),
        _("Hak pilih"),
        _("Partisipasi (%)"),
        _("Kegiatan terlaksana"),
        _("Peserta hadir"),
        _("Rata-rata peserta per kegiatan"),
        _("Rata-rata penilaian narasumber"),
        _("Jumlah penilaian narasumber"),
        _("Rata-rata penilaian penyelenggara"),
        _("Jumlah penilaian penyelenggara"),
        _("Langkah tepat waktu"),
        _("Langkah jatuh tempo atau selesai"),
        _("Tepat waktu (%)"),
    ]
    rows = [
        [
            y.year,
            y.proposals_total,
            _vote_label(y),
            # Counts of a running vote stay hidden (voting.rules "view_counts").
            y.voters if y.vote_closed else None,
            y.eligible if y.vote_closed else None,
            y.turnout,
            len(y.events),
            y.attendance_total,
            y.attendance_mean,
            y.presenter_mean,
            y.presenter_ratings,
            y.organizer_mean,
            y.organizer_ratings,
            y.steps_on_time,
            y.steps_counted,
            y.on_time,
        ]
        for y in dashboard.years
    ]
    return Sheet(_("Ringkasan per tahun"), headers, rows)


def proposals_sheet(dashboard) -> Sheet:
    headers = [_("Kode"), _("Kantor"), *[str(y.year) for y in dashboard.years]]
    rows = [
        [o.code, o.short_name, *[y.proposals.get(o.code, 0) for y in dashboard.years]]
        for o in dashboard.offices
    ]
    rows.append([None, _("Jumlah"), *[y.proposals_total for y in dashboard.years]])
    return Sheet(_("Usulan per kantor"), headers, rows, text_columns=[0])


def attendance_sheet(dashboard) -> Sheet:
    headers = [_("Tahun"), _("Kegiatan"), _("Tanggal"), _("Penyelenggara"), _("Peserta hadir")]
    rows = [
        [y.year, e.title, e.date, e.host_office, e.attendees]
        for y in dashboard.years
        for e in y.events
    ]
    return Sheet(_("Kehadiran per kegiatan"), headers, rows)


def _name(dashboard, extension: str) -> str:
    return f"dasbor-serawai-{slugify(dashboard.province.short_name)}.{extension}"


def dashboard_xlsx_response(dashboard):
    sheets = [summary_sheet(dashboard), proposals_sheet(dashboard), attendance_sheet(dashboard)]
    return xlsx_response(_name(dashboard, "xlsx"), sheets)


def dashboard_pdf_response(context: dict):
    dashboard = context["dashboard"]
    title = _("Dasbor Program Serawai %(province)s") % {"province": dashboard.province.short_name}
    data = render_pdf(PDF_TEMPLATE, context, title=title, author="Serawai")
    return pdf_response(data, _name(dashboard, "pdf"))
