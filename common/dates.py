"""Dates written the Indonesian way on official documents: "2 Januari 2025".

Independent of the active language: a letter rendered by a Celery worker or for an English-speaking
user still carries the Indonesian date.
"""

import datetime

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def long_date(value: datetime.date | None) -> str:
    """datetime.date(2025, 1, 2) -> '2 Januari 2025'."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def weekday_date(value: datetime.date | None) -> str:
    """datetime.date(2025, 1, 2) -> 'Kamis, 2 Januari 2025'."""
    if value is None:
        return ""
    return f"{DAYS[value.weekday()]}, {long_date(value)}"
