"""Filters for printable documents: Indonesian dates and NIPs as written on letters."""

from pathlib import Path

from django import template

from common.dates import long_date, weekday_date
from documents.texts import grouped_texts
from organization.nip import format_nip

register = template.Library()
# Relative to the documents' base URL (static/).
DEFAULT_LOGO = "documents/bps-logo.svg"

register.filter("long_date", long_date)
register.filter("weekday_date", weekday_date)


@register.filter
def nip(value) -> str:
    return format_nip(value) if value else ""


def _region(office) -> str:
    """'Badan Pusat Statistik Kabupaten Rejang Lebong' -> 'Kabupaten Rejang Lebong'."""
    name = (getattr(office, "name", "") or "").strip()
    prefix = "badan pusat statistik"
    if name.lower().startswith(prefix):
        name = name[len(prefix) :].strip()
    return name


@register.filter
def region(office) -> str:
    """'Badan Pusat Statistik Provinsi Bengkulu' -> 'Provinsi Bengkulu' (read from the record)."""
    return _region(office)


@register.filter
def region_line(office) -> str:
    """'Badan Pusat Statistik Kabupaten Rejang Lebong' -> 'KABUPATEN REJANG LEBONG'."""
    return _region(office).upper()


@register.filter
def letterhead_place(office) -> str:
    """The address line when the office's record has no street address: its city and its
    province, both read from the records ('Curup, Provinsi Bengkulu')."""
    province = getattr(office, "province", None)
    parts = [office.city, _region(province) if province is not None else ""]
    return ", ".join(p for p in parts if p)


@register.filter
def logo_src(office) -> str:
    """The office's uploaded letterhead logo as a file address, else the BPS emblem shipped in
    static/ (WeasyPrint reads only local files)."""
    logo = getattr(office, "logo", None)
    if logo:
        try:
            path = Path(logo.path)
        except (ValueError, NotImplementedError):
            path = None
        if path is not None and path.is_file():
            return path.as_uri()
    return DEFAULT_LOGO


@register.filter
def grouped(texts) -> list[tuple[str, int]]:
    """Remarks grouped with their count (documents.texts.grouped_texts)."""
    return grouped_texts(texts or [])
