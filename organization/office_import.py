"""Import offices from an .xlsx sheet (DESIGN.md, "Scale": other provinces come from a spreadsheet).

Columns: code, name, level, parent code (and an optional city). Levels may be written as stored
(national, province, regency) or in Indonesian (pusat/RI, provinsi, kabupaten/kota). All rows or
none: every row is checked first and the whole file is refused with a row-by-row report.
Existing offices (matched by code) are updated, so importing the same sheet twice changes nothing.
An import for one province (`province=`) may only add or change that province's own kab/kota
offices and the province's own row; any other row is refused, so one province never renames or
re-parents another's offices.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .bps_offices import OfficeRow
from .import_errors import SheetImportError
from .models import Office
from .sheets import data_rows

_LEVELS = {
    "national": Office.Level.NATIONAL,
    "nasional": Office.Level.NATIONAL,
    "pusat": Office.Level.NATIONAL,
    "ri": Office.Level.NATIONAL,
    "bps ri": Office.Level.NATIONAL,
    "province": Office.Level.PROVINCE,
    "provinsi": Office.Level.PROVINCE,
    "regency": Office.Level.REGENCY,
    "kabupaten": Office.Level.REGENCY,
    "kota": Office.Level.REGENCY,
    "kabupaten/kota": Office.Level.REGENCY,
    "kab/kota": Office.Level.REGENCY,
}
# The parent a level must have.
_PARENT_LEVEL = {
    Office.Level.NATIONAL: None,
    Office.Level.PROVINCE: Office.Level.NATIONAL,
    Office.Level.REGENCY: Office.Level.PROVINCE,
}


OfficeImportError = SheetImportError


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    codes: list[str] = field(default_factory=list)


def _short_name(name: str) -> str:
    short = name.replace("Badan Pusat Statistik", "BPS").replace("Kabupaten ", "Kab. ")
    return short[:60]


def read_offices_xlsx(file) -> list[tuple[int, OfficeRow]]:
    """Rows of the first sheet as (sheet row number, OfficeRow); the first row is the header."""
    rows = []
    with data_rows(file) as sheet:
        for number, values in sheet:
            cells = ["" if v is None else str(v).strip() for v in values]
            if not any(cells):
                continue
            cells += [""] * (5 - len(cells))
            code, name, level, parent, city = cells[:5]
            if code.isdigit() and len(code) < 4:
                code = code.zfill(4)  # a spreadsheet turns "0000" into the number 0
            if parent.isdigit() and len(parent) < 4:
                parent = parent.zfill(4)
            rows.append((number, OfficeRow(code, name, level.lower(), parent, city)))
    return rows


def _outside(row: OfficeRow, level, existing: dict, province: Office) -> str | None:
    """Why a row reaches outside `province`, or None when it stays inside."""
    outside = _("Kantor %(code)s di luar provinsi %(province)s.") % {
        "code": row.code,
        "province": province.short_name,
    }
    current = existing.get(row.code)
    if row.code == province.code:
        if level != Office.Level.PROVINCE or row.parent_code != (
            province.parent.code if province.parent_id else ""
        ):
            return _("Tingkat dan induk kantor provinsi tidak dapat diubah lewat impor ini.")
        return None
    if current is not None and current.parent_id != province.pk:
        return outside
    if level != Office.Level.REGENCY or row.parent_code != province.code:
        return outside
    return None


def import_offices(
    rows: Iterable[tuple[int, OfficeRow]] | Iterable[OfficeRow], *, province: Office | None = None
) -> ImportResult:
    """Create or update the offices of `rows` in one transaction, or raise OfficeImportError.

    Without `province` (the national operator's command) every office may be touched; with it,
    only that province and its kab/kota offices.
    """
    numbered = [r if isinstance(r, tuple) else (i, r) for i, r in enumerate(rows, start=2)]
    if not numbered:
        raise OfficeImportError([(0, _("Lembar kerja tidak berisi baris kantor."))])
    existing = {o.code: o for o in Office.objects.all()}
    levels = {code: office.level for code, office in existing.items()}
    errors, seen, clean = [], set(), []
    for number, row in numbered:
        level = _LEVELS.get(row.level.strip().lower())
        if not (row.code.isdigit() and len(row.code) == 4):
            errors.append((number, _("Kode kantor harus 4 angka, bukan “%s”.") % row.code))
            continue
        if row.code in seen:
            errors.append((number, _("Kode kantor %s muncul lebih dari sekali.") % row.code))
            continue
        seen.add(row.code)
        if not row.name.strip():
            errors.append((number, _("Nama kantor %s kosong.") % row.code))
            continue
        if level is None:
            errors.append((number, _("Tingkat “%s” tidak dikenal.") % row.level))
            continue
        if province is not None:
            reason = _outside(row, level, existing, province)
            if reason:
                errors.append((number, reason))
                continue
        levels[row.code] = level
        clean.append((number, row, level))
    for number, row, level in clean:
        wanted = _PARENT_LEVEL[level]
        if wanted is None:
            if row.parent_code:
                errors.append((number, _("Kantor BPS RI tidak mempunyai induk.")))
            continue
        parent_level = levels.get(row.parent_code)
        if parent_level is None:
            errors.append(
                (number, _("Kantor induk %s tidak ditemukan.") % (row.parent_code or "-"))
            )
        elif parent_level != wanted:
            errors.append(
                (number, _("Kantor induk %s bukan kantor tingkat yang sesuai.") % row.parent_code)
            )
    if errors:
        raise OfficeImportError(sorted(errors))

    result = ImportResult()
    with transaction.atomic():
        order = {Office.Level.NATIONAL: 0, Office.Level.PROVINCE: 1, Office.Level.REGENCY: 2}
        offices = dict(existing)
        for _number, row, level in sorted(clean, key=lambda item: order[item[2]]):
            fields = {
                "name": row.name.strip()[:120],
                "level": level,
                "parent": offices.get(row.parent_code) if row.parent_code else None,
            }
            if row.city:
                fields["city"] = row.city[:60]
            office = offices.get(row.code)
            if office is None:
                office = Office.objects.create(
                    code=row.code, short_name=_short_name(fields["name"]), **fields
                )
                result.created += 1
            elif any(getattr(office, k) != v for k, v in fields.items()):
                for key, value in fields.items():
                    setattr(office, key, value)
                office.save(update_fields=list(fields))
                result.updated += 1
            offices[row.code] = office
            result.codes.append(row.code)
    return result
