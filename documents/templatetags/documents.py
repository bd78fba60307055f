"""Filters for printable documents: Indonesian dates and NIPs as written on letters."""

from django import template

from documents.dates import hari_tanggal, tanggal
from documents.texts import grouped_texts
from organization.nip import format_nip

register = template.Library()

register.filter("tanggal", tanggal)
register.filter("hari_tanggal", hari_tanggal)


@register.filter
def nip(value) -> str:
    return format_nip(value) if value else ""


@register.filter
def region_line(office) -> str:
    """'Badan Pusat Statistik Kabupaten Rejang Lebong' -> 'KABUPATEN REJANG LEBONG'."""
    name = (getattr(office, "name", "") or "").strip()
    prefix = "badan pusat statistik"
    if name.lower().startswith(prefix):
        name = name[len(prefix) :].strip()
    return name.upper()


@register.filter
def grouped(texts) -> list[tuple[str, int]]:
    """Remarks grouped with their count (documents.texts.grouped_texts)."""
    return grouped_texts(texts or [])
