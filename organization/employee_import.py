"""Import employees from an .xlsx sheet: NIP, name, position, office code, e-mail.

All rows or none: every row is checked first (NIP rules, office known and within the importer's
reach, a known NIP belonging to an employee of the importer's own province, e-mail valid and not
used by someone else, no NIP or e-mail twice in the file); one bad row
refuses the whole file with a report naming each bad row and its reason. An employee already
known by NIP is updated, so importing the same sheet twice changes nothing. New accounts get no
usable password: the admin sets one (or the person is given one) before the first login.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .import_errors import SheetImportError
from .models import Employee, Office
from .nip import normalize_nip, validate_nip
from .services import end_roles_outside_province
from .sheets import data_rows

COLUMNS = ("NIP", "Nama lengkap", "Jabatan", "Kode kantor", "E-mail")
MAX_ROWS = 20000


@dataclass(frozen=True)
class EmployeeRow:
    nip: str
    full_name: str
    position: str
    office_code: str
    email: str
    nip_is_number: bool = False  # typed as a number: a spreadsheet keeps only 15 digits


EmployeeImportError = SheetImportError


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    nips: list[str] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a NIP typed as a number
    return str(value).strip()


def read_employees_xlsx(file) -> list[tuple[int, EmployeeRow]]:
    """Rows of the first sheet as (sheet row number, EmployeeRow); the first row is the header."""
    rows = []
    with data_rows(file) as sheet:
        for number, values in sheet:
            cells = [_cell(v) for v in values][:5]
            if not any(cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise EmployeeImportError(
                    [(number, _("Lebih dari %(n)d baris; bagi berkasnya.") % {"n": MAX_ROWS})]
                )
            cells += [""] * (5 - len(cells))
            nip, name, position, code, email = cells
            if code.isdigit() and len(code) < 4:
                code = code.zfill(4)
            numeric = bool(values) and isinstance(values[0], int | float)
            rows.append((number, EmployeeRow(nip, name, position, code, email, numeric)))
    return rows


def _check_row(row: EmployeeRow, offices, allowed) -> str | None:
    """The reason a row cannot be imported, or None."""
    if row.nip_is_number:
        return _(
            "NIP ditulis sebagai angka sehingga digit terakhirnya hilang; format kolom NIP "
            "sebagai Teks lalu ketik ulang NIP-nya."
        )
    try:
        validate_nip(row.nip)
    except ValidationError as exc:
        return _("NIP “%(nip)s”: %(why)s") % {"nip": row.nip, "why": exc.messages[0]}
    if not row.full_name:
        return _("Nama lengkap kosong.")
    if len(row.full_name) > 150:
        return _("Nama lengkap lebih dari 150 karakter.")
    if len(row.position) > 150:
        return _("Jabatan lebih dari 150 karakter.")
    office = offices.get(row.office_code)
    if office is None:
        return _("Kode kantor “%(code)s” tidak dikenal.") % {"code": row.office_code or "-"}
    if allowed is not None and office.pk not in allowed:
        return _("Kantor %(code)s di luar provinsi Anda.") % {"code": row.office_code}
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            return _("E-mail “%(email)s” tidak valid.") % {"email": row.email}
    return None


def import_employees(rows, *, by) -> ImportResult:
    """Create or update the employees of `rows` in one transaction, or raise EmployeeImportError.

    `by` is the importer: a superuser may import into any office, anyone else only into the
    offices of their own province.
    """
    numbered = [r if isinstance(r, tuple) else (i, r) for i, r in enumerate(rows, start=2)]
    if not numbered:
        raise EmployeeImportError([(0, _("Lembar kerja tidak berisi baris pegawai."))])
    offices = {o.code: o for o in Office.objects.all()}
    allowed = None
    if not by.is_superuser:
        province = by.province
        allowed = (
            set()
            if province is None
            else {
                o.pk for o in offices.values() if o.pk == province.pk or o.parent_id == province.pk
            }
        )
    nips = [normalize_nip(row.nip) for _n, row in numbered]
    known = {e.nip: e for e in Employee.objects.filter(nip__in=nips)}
    emails = [row.email.lower() for _n, row in numbered if row.email]
    email_owner = dict(Employee.objects.filter(email__in=emails).values_list("email", "nip"))

    errors, seen_nip, seen_email, clean = [], {}, {}, []
    for number, raw in numbered:
        row = EmployeeRow(
            normalize_nip(raw.nip),
            raw.full_name,
            raw.position,
            raw.office_code,
            raw.email.lower(),
            raw.nip_is_number,
        )
        reason = _check_row(row, offices, allowed)
        if reason is None and allowed is not None and row.nip in known:
            # The NIP is the login: a row naming someone of another province (or of BPS RI)
            # would move that person here and replace their e-mail, so it is refused.
            current = known[row.nip].office_id
            if current not in allowed:
                reason = _(
                    "NIP %(nip)s milik pegawai di luar provinsi Anda; "
                    "perpindahan antarprovinsi dilakukan oleh admin Serawai."
                ) % {"nip": row.nip}
        if reason is None and row.nip in seen_nip:
            reason = _("NIP %(nip)s sudah ada di baris %(row)d.") % {
                "nip": row.nip,
                "row": seen_nip[row.nip],
            }
        if reason is None and row.email and row.email in seen_email:
            reason = _("E-mail %(email)s sudah ada di baris %(row)d.") % {
                "email": row.email,
                "row": seen_email[row.email],
            }
        if reason is None and row.email and email_owner.get(row.email, row.nip) != row.nip:
            reason = _("E-mail %(email)s sudah dipakai pegawai lain.") % {"email": row.email}
        if reason:
            errors.append((number, reason))
            continue
        seen_nip[row.nip] = number
        if row.email:
            seen_email[row.email] = number
        clean.append(row)
    if errors:
        raise EmployeeImportError(errors)

    try:
        return _store(clean, known, offices, by=by)
    except IntegrityError as exc:  # e.g. two rows swapping e-mail addresses
        raise EmployeeImportError(
            [(0, _("Data bentrok dengan pegawai yang ada: %s") % exc)]
        ) from exc


@transaction.atomic
def _store(clean, known, offices, *, by) -> ImportResult:
    result = ImportResult()
    for row in clean:
        fields = {
            "full_name": row.full_name,
            "position": row.position,
            "office": offices[row.office_code],
            "email": row.email or None,
        }
        person = known.get(row.nip)
        if person is None:
            person = Employee(nip=row.nip, **fields)
            person.set_unusable_password()
            person.save()
            result.created += 1
        elif any(getattr(person, k) != v for k, v in fields.items()):
            moved = person.office_id != fields["office"].pk
            for key, value in fields.items():
                setattr(person, key, value)
            person.save(update_fields=list(fields))
            if moved:
                end_roles_outside_province(person, by=by)
            result.updated += 1
        else:
            result.unchanged += 1
        result.nips.append(row.nip)
    return result
