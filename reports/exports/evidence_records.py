"""The evidence pack's own record documents, for SOP outputs that live only as data in the app
(the concept and its schedule, the readiness checklist, the Event Team plan, the list of
certificates issued): rendered once as PDF/A through the document engine."""

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from common.dates import long_date
from documents.rendering import render_pdf

TEMPLATE = "documents/reports/evidence_record.html"


def _local_date(moment):
    return long_date(timezone.localdate(moment)) if moment else None


def record_pdf(*, office, title: str, subtitle: str = "", sections: list[dict]) -> bytes:
    return render_pdf(
        TEMPLATE,
        {
            "office": office,
            "title": title,
            "subtitle": subtitle,
            "sections": sections,
            "printed": timezone.localdate(),
        },
        title=title,
        author=office.name,
    )


def concept_pdf(concept) -> bytes:
    """Step 1: the agreed concept of the year and its schedule (the cycle's step ledger)."""
    cycle = concept.cycle
    steps = list(cycle.steps.order_by("number"))
    schedule = [
        (
            s.number,
            s.sop.name,
            long_date(s.planned_start),
            long_date(s.due),
            _local_date(s.completed_at),
        )
        for s in steps
    ]
    agreed = _local_date(concept.decided_at) if concept.is_agreed else None
    status = concept.get_status_display() + (f" ({agreed})" if agreed else "")
    return record_pdf(
        office=cycle.province,
        title=_("Konsep dan Jadwal Serawai Tahun %(year)s") % {"year": cycle.year},
        subtitle=_("Status: %(status)s") % {"status": status},
        sections=[
            {"heading": _("Latar belakang"), "paragraphs": [concept.background]},
            {"heading": _("Tujuan"), "paragraphs": [concept.aims]},
            {"heading": _("Bentuk kegiatan"), "paragraphs": [concept.format]},
            {"heading": _("Aturan pemilihan tema"), "paragraphs": [concept.selection_rules]},
            {
                "heading": _("Jadwal"),
                "headers": [_("Langkah"), _("Kegiatan"), _("Mulai"), _("Batas"), _("Selesai")],
                "rows": schedule,
                "empty": _("Belum ada jadwal."),
            },
        ],
    )


def readiness_pdf(event, readiness, log) -> bytes:
    """Step 7: the readiness checklist, its confirmation by CA Provinsi and the progress log."""
    confirmed = (
        _("Dikonfirmasi oleh %(who)s pada %(when)s")
        % {"who": readiness.confirmed_by, "when": _local_date(readiness.confirmed_at)}
        if readiness.confirmed_at
        else _("Belum dikonfirmasi CA Provinsi.")
    )
    return record_pdf(
        office=event.host_office,
        title=_("Konfirmasi Kesiapan Kegiatan Serawai"),
        subtitle=f"{event.title} · {long_date(event.date)}",
        sections=[
            {
                "headers": [_("Butir kesiapan"), _("Siap")],
                "rows": [
                    (capfirst(label), _("ya") if done else _("belum"))
                    for _n, label, done in readiness.items()
                ],
            },
            {"paragraphs": [confirmed]},
            {
                "heading": _("Catatan kemajuan persiapan"),
                "headers": [_("Tanggal"), _("Penulis"), _("Butir siap"), _("Catatan")],
                "rows": [
                    (_local_date(e.created_at), e.author, e.done_count, e.comment) for e in log
                ],
                "empty": _("Belum ada catatan."),
            },
        ],
    )


def team_pdf(event, assignments) -> bytes:
    """Step 8: the Event Team's role assignments for the event."""
    return record_pdf(
        office=event.cycle.province,
        title=_("Penugasan Event Team Serawai"),
        subtitle=f"{event.title} · {long_date(event.date)}",
        sections=[
            {
                "headers": [_("Peran"), _("Nama"), _("NIP"), _("Status"), _("Dikonfirmasi")],
                "rows": [
                    (
                        a.get_role_display(),
                        a.employee.full_name,
                        a.employee.nip,
                        a.get_status_display(),
                        _local_date(a.confirmed_at),
                    )
                    for a in assignments
                ],
            }
        ],
    )


def certificates_pdf(event, certificates) -> bytes:
    """Step 9: the list of certificates issued for the event, with their serials."""
    return record_pdf(
        office=event.cycle.province,
        title=_("Daftar Sertifikat Serawai"),
        subtitle=f"{event.title} · {long_date(event.date)}",
        sections=[
            {
                "headers": [
                    _("No. urut"),
                    _("Nomor sertifikat"),
                    _("Nama"),
                    _("Peran"),
                    _("Status"),
                ],
                "rows": [
                    (
                        n,
                        c.serial,
                        c.holder_name,
                        c.role_label or c.get_kind_display(),
                        _("dicabut") if c.revoked else _("berlaku"),
                    )
                    for n, c in enumerate(certificates, start=1)
                ],
            }
        ],
    )


def vote_results_pdf(vote, counts, selections, tie) -> bytes:
    """Step 4-5: the closed vote's count per proposal, the selected themes with their hosts and
    dates, and the CAN's tie decision with its reason. Totals only: ballots carry no voter."""
    cycle = vote.cycle
    sections = [
        {
            "heading": _("Perolehan suara"),
            "headers": [_("Kantor pengusul"), _("Judul tema"), _("Suara")],
            "rows": [
                (p.office.short_name, p.title, n)
                for p, n in sorted(counts, key=lambda row: (-row[1], row[0].title))
            ],
        },
        {
            "heading": _("Tema terpilih"),
            "headers": [_("Peringkat"), _("Tema"), _("Tuan rumah"), _("Tanggal kegiatan")],
            "rows": [
                (s.rank, s.title, s.host_office.short_name, long_date(s.event_date))
                for s in selections
            ],
            "empty": _("Belum ada tema terpilih."),
        },
    ]
    if tie is not None:
        sections.append({"heading": _("Keputusan suara sama"), "paragraphs": [tie.reason]})
    return record_pdf(
        office=cycle.province,
        title=_("Hasil Pemungutan Suara Tema Serawai Tahun %(year)s") % {"year": cycle.year},
        subtitle=_("Ditutup %(date)s") % {"date": _local_date(vote.closed_at)},
        sections=sections,
    )
