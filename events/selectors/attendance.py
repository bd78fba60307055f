"""Reads shared by several views: the attendance list (page, .xlsx and PDF)."""

from django.utils.translation import gettext as _


def attendance_rows(event) -> list:
    """Attendances with employee and office, in check-in order: one query whatever the size."""
    return list(
        event.attendances.select_related("employee__office").order_by("checked_in_at", "id")
    )


def attendance_table(event):
    from documents.spreadsheets import Sheet

    rows = [
        (
            n,
            a.employee.full_name,
            a.employee.nip_display,
            a.employee.position,
            a.employee.office.short_name if a.employee.office_id else "",
            a.checked_in_at,
            a.get_source_display(),
            a.reason,
        )
        for n, a in enumerate(attendance_rows(event), start=1)
    ]
    return Sheet(
        title=_("Daftar Hadir"),
        headers=[
            _("No."),
            _("Nama"),
            _("NIP"),
            _("Jabatan"),
            _("Kantor"),
            _("Waktu hadir"),
            _("Cara"),
            _("Alasan pencatatan susulan"),
        ],
        rows=rows,
        widths=[5, 36, 24, 30, 22, 18, 20, 30],
    )
