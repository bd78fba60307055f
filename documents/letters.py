"""Official letters (surat dinas) in Tata Naskah Dinas form, numbered per office and year.

A stage hands over the body template and its context; the engine draws the letterhead of the
sending office, the number block, the addressees, the signature block, the Tembusan and the
attachments, takes the next number and stores the PDF (PDF/A-3u) with its SHA-256.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ServiceError
from common.text import one_line

from .models import Letter, LetterSequence
from .numbering import take_numbers
from .rendering import render_pdf

LETTER_TEMPLATE = "documents/letter.html"
# Tata Naskah Dinas: the number starts with the letter's nature (B biasa, P penting, R rahasia).
NATURE_CODES = {"biasa": "B", "penting": "P", "rahasia": "R", "sangat rahasia": "R"}


class LetterError(ServiceError):
    """A letter that cannot be issued or changed as asked (the message says why, in Indonesian)."""


@dataclass(frozen=True)
class ExternalLetter:
    """A letter signed outside Serawai (the national e-office system, on paper), as registered:
    the number and date printed on it, its subject, who signed it and the PDF as given."""

    number: str
    date: datetime.date
    subject: str
    signatory_name: str
    pdf: bytes


def completed_when(letter: Letter) -> datetime.datetime:
    """When a step whose output is `letter` is done: now for a letter dated today, else midday
    of its date, so a letter registered after it was signed elsewhere completes the step on the
    day it was signed, on time or late as it really was."""
    now = timezone.now()
    if letter.date >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.datetime.combine(letter.date, datetime.time(12)))


def format_number(*, nature: str, sequence: int, office, classification: str, year: int) -> str:
    """B-007/17000/HM.010/2025: nature, 3-digit running number, satker, classification, year."""
    code = NATURE_CODES.get(nature.strip().lower(), "B")
    return f"{code}-{sequence:03d}/{office.satker_code}/{classification}/{year}"


def copies_for(*, office, signatory, addressees, given=()) -> list[str]:
    """The copies (Tembusan) of a letter: those given, and the head of the province, who leads
    the programme as its Change Champion, on every letter he neither signs nor receives (a
    kab/kota office's letters, a letter signed on the CAN's behalf), as Tata Naskah Dinas asks
    of a letter that concerns a superior."""
    copies = [t.strip() for t in given if t and t.strip()]
    province = getattr(office, "province", None)
    if province is None:
        return copies
    head = f"Kepala {province.name}"
    signed_by_head = signatory.office_id == province.pk and (
        signatory.position or ""
    ).strip().lower().startswith("kepala")
    names = {province.name.lower(), province.short_name.lower()}
    addressed_to_head = any(
        a.lower().startswith("kepala") and a.lower().removeprefix("kepala").strip() in names
        for a in addressees
    )
    known = {c.lower() for c in copies}
    if not signed_by_head and not addressed_to_head and head.lower() not in known:
        copies.append(head)
    return copies


def issue_letter(
    *,
    office,
    kind,
    subject: str,
    addressees: list[str],
    body_template: str,
    context: dict,
    signatory,
    by,
    classification: str = "HM.010",
    nature: str = "Biasa",
    enclosures: str = "-",
    copies_to: list[str] = (),
    attachment_templates: list[str] = (),
    letter_date=None,
    related=None,
    template: str = LETTER_TEMPLATE,
    external: ExternalLetter | None = None,
) -> Letter:
    """Number, render and store an outgoing letter of `office`; one transaction, no gap.

    The number is taken under a row lock and the PDF rendered in the same transaction, so a
    failure to render hands the number back instead of leaving a hole in the register.
    `template` other than the letter's: a numbered record of the office (the minutes), which
    has no addressee. `external`: the letter was signed elsewhere; it is stored as registered
    (its number, date, subject and PDF) in place of one of ours.
    """
    if external is not None:
        return _register_external(
            external, office=office, kind=kind, addressees=addressees, by=by, related=related
        )
    if kind not in Letter.Kind.values:
        raise LetterError(f"Jenis surat tidak dikenal: {kind}")
    subject = one_line(subject)
    addressees = [a.strip() for a in addressees if a and a.strip()]
    if not subject:
        raise LetterError("Hal surat wajib diisi.")
    if not addressees and template == LETTER_TEMPLATE:
        raise LetterError("Surat harus memiliki sekurang-kurangnya satu penerima.")
    letter_date = letter_date or timezone.localdate()
    with transaction.atomic():
        sequence = take_numbers(LetterSequence, office, letter_date.year)[0]
        letter = Letter(
            office=office,
            year=letter_date.year,
            sequence=sequence,
            number=format_number(
                nature=nature,
                sequence=sequence,
                office=office,
                classification=classification,
                year=letter_date.year,
            ),
            kind=kind,
            classification=classification,
            nature=nature,
            enclosures=enclosures or "-",
            date=letter_date,
            subject=subject,
            addressees=addressees,
            copies_to=copies_for(
                office=office, signatory=signatory, addressees=addressees, given=copies_to
            )
            if template == LETTER_TEMPLATE
            else list(copies_to),
            signatory=signatory,
            signatory_name=signatory.full_name,
            signatory_position=signatory.position,
            signatory_nip=signatory.nip,
            issued_by=by,
        )
        if related is not None:
            letter.related_type = ContentType.objects.get_for_model(related)
            letter.related_id = related.pk
        pdf = render_pdf(
            template,
            {
                **context,
                "letter": letter,
                "office": office,
                "body_template": body_template,
                "attachment_templates": list(attachment_templates),
            },
            archival=True,
            title=f"{letter.number} — {subject}",
            author=office.name,
        )
        letter.sha256 = hashlib.sha256(pdf).hexdigest()
        letter.file.save(letter.download_name, ContentFile(pdf), save=False)
        letter.save()
    return letter


def _register_external(external: ExternalLetter, *, office, kind, addressees, by, related):
    number = one_line(external.number)
    subject = one_line(external.subject)
    if not number:
        raise LetterError(_("Nomor surat wajib diisi."))
    if not subject:
        raise LetterError(_("Hal surat wajib diisi."))
    if external.date > timezone.localdate():
        raise LetterError(_("Tanggal surat tidak boleh setelah hari ini."))
    if not external.pdf.startswith(b"%PDF-"):
        raise LetterError(_("Berkas surat harus PDF."))
    letter = Letter(
        office=office,
        year=external.date.year,
        sequence=None,
        number=number,
        kind=kind,
        external=True,
        date=external.date,
        subject=subject,
        addressees=[a.strip() for a in addressees if a and a.strip()],
        signatory=by,
        signatory_name=one_line(external.signatory_name) or by.full_name,
        issued_by=by,
        sha256=hashlib.sha256(external.pdf).hexdigest(),
    )
    if related is not None:
        letter.related_type = ContentType.objects.get_for_model(related)
        letter.related_id = related.pk
    try:
        with transaction.atomic():
            letter.file.save(letter.download_name, ContentFile(external.pdf), save=False)
            letter.save()
    except IntegrityError as exc:
        raise LetterError(
            _("Nomor surat %(number)s sudah terdaftar untuk kantor ini pada tahun %(year)s.")
            % {"number": number, "year": external.date.year}
        ) from exc
    return letter


def cancel_letter(letter: Letter, *, by, reason: str = "") -> Letter:
    """Mark a letter cancelled: it stays in the register and its number is never given again."""
    if not (reason or "").strip():
        raise LetterError("Tuliskan alasan pembatalan.")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.is_cancelled:
            raise LetterError("Surat ini sudah dibatalkan.")
        letter.status = Letter.Status.CANCELLED
        letter.cancelled_by = by
        letter.cancelled_at = timezone.now()
        letter.cancel_reason = (reason or "").strip()[:250]
        letter.save(update_fields=["status", "cancelled_by", "cancelled_at", "cancel_reason"])
    return letter
