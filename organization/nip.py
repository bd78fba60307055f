"""NIP, the 18-digit civil-servant number (DESIGN.md, "Letters: numbering facts").

Layout: birth date YYYYMMDD + appointment YYYYMM + gender digit (1 male, 2 female) + 3-digit
sequence, written "19860926 201505 1 001".
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NON_DIGITS = re.compile(r"[\s.\-]")


def normalize_nip(value: str) -> str:
    """Strip the spaces (and dots or dashes) people type between the NIP's groups."""
    return _NON_DIGITS.sub("", str(value or "")).strip()


def validate_nip(value: str) -> None:
    nip = normalize_nip(value)
    if not nip.isdigit() or len(nip) != 18:
        raise ValidationError(_("NIP harus terdiri dari 18 angka."), code="nip_length")
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("8 angka pertama NIP harus tanggal lahir yang valid (TTTTBBHH)."),
            code="nip_birth_date",
        ) from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Angka ke-9 s.d. 14 NIP harus tahun dan bulan pengangkatan (TTTTBB)."),
            code="nip_appointment",
        )
    if (year, month) <= (birth.year, birth.month):
        raise ValidationError(
            _("Tahun-bulan pengangkatan pada NIP harus sesudah tanggal lahir."),
            code="nip_appointment_order",
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."), code="nip_gender"
        )


def format_nip(value: str) -> str:
    """'198609262015051001' -> '19860926 201505 1 001' (the way it is written on letters)."""
    nip = normalize_nip(value)
    if len(nip) != 18:
        return value or ""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
