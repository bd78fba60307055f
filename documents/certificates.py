"""Certificates for everyone at an event, rendered in ONE WeasyPrint pass and split per person.

WeasyPrint's start-up cost per document dwarfs the cost of a page inside one document, so all
holders of a batch are laid out as pages of a single document and
pypdf cuts it into one file per holder. Each certificate carries a serial (per issuing office and
year) and a QR code to the public verification page with its unguessable code.
"""

import hashlib
import io
import re
from itertools import groupby

import segno
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from common.errors import ServiceError

from .models import Certificate, CertificateSequence, new_verification_code
from .numbering import take_numbers
from .rendering import render_document, write_pdf

# PDF/A-3u like letters and reports; bench/certificates.py measures what it costs a batch.
ARCHIVAL = True
# What makes each split part PDF/A too: the colour profile, the XMP packet, language, tagging.
_ARCHIVAL_CATALOG_KEYS = ("/OutputIntents", "/Metadata", "/Lang", "/MarkInfo")
SERIAL_PREFIX = "SRW"


class CertificateError(ServiceError):
    """A batch that cannot be issued as asked."""


def format_serial(*, office, year: int, sequence: int) -> str:
    """SRW/17000/2025/00042: programme, satker of the issuer, year, running number."""
    return f"{SERIAL_PREFIX}/{office.satker_code}/{year}/{sequence:05d}"


def qr_data_uri(url: str) -> str:
    """The QR code as a small PNG: WeasyPrint draws it far faster than an SVG of many paths.

    A fixed mask skips segno's search over the eight masks (any mask gives a valid code).
    """
    code = segno.make(url, error="m", mask=0, micro=False, boost_error=False)
    return code.png_data_uri(border=0, scale=6, dark="#1a1a1a")


def template_for(kind: str) -> str:
    return f"documents/certificates/{kind}.html"


_DO_OPERATOR = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")


def _keep_own_images(page) -> None:
    """Give `page` a resources dictionary with only the images its content draws.

    WeasyPrint shares one resources dictionary among all pages of a document, so without this
    every holder's file would carry every other holder's QR code (their verification codes)
    and grow with the size of the batch.
    """
    resources = page["/Resources"]
    xobjects = resources.get("/XObject")
    if not xobjects:
        return
    used = set(_DO_OPERATOR.findall(page.get_contents().get_data()))
    own = DictionaryObject(
        {NameObject(name): xobjects.raw_get(name) for name in xobjects if name[1:].encode() in used}
    )
    pruned = DictionaryObject({NameObject(k): resources.raw_get(k) for k in resources})
    pruned[NameObject("/XObject")] = own
    page[NameObject("/Resources")] = pruned


def split_pages(pdf: bytes) -> list[bytes]:
    """One PDF per page of `pdf`, each with only the resources (fonts, images) its page uses."""
    reader = PdfReader(io.BytesIO(pdf))
    metadata = {k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}
    root = reader.trailer["/Root"]
    parts = []
    for page in reader.pages:
        _keep_own_images(page)
        writer = PdfWriter()
        writer.add_page(page)
        if metadata:
            writer.add_metadata(metadata)
        for key in _ARCHIVAL_CATALOG_KEYS:
            if key in root:
                writer._root_object[NameObject(key)] = root.raw_get(key).clone(writer)
        # PDF/A-2 and -3 require the file identifier in the trailer of every file.
        writer.generate_file_identifiers()
        buffer = io.BytesIO()
        writer.write(buffer)
        parts.append(buffer.getvalue())
    return parts


def render_batch(certificates: list[Certificate], *, kind: str, signatory, office) -> bytes:
    """All certificates as pages of one PDF (one WeasyPrint pass)."""
    pages = [{"certificate": c, "qr": qr_data_uri(c.verify_url)} for c in certificates]
    document = render_document(
        template_for(kind),
        {"pages": pages, "office": office, "signatory": signatory},
        title=f"Sertifikat {certificates[0].event_title}",
        author=office.name,
    )
    if len(document.pages) != len(certificates):
        raise CertificateError(
            f"Tata letak sertifikat menghasilkan {len(document.pages)} halaman "
            f"untuk {len(certificates)} pemegang."
        )
    return write_pdf(document, archival=ARCHIVAL)


def issue_certificates(
    *,
    holders: list[dict],
    event_title: str,
    event_date,
    issuer_office,
    signatory,
    by,
    related=None,
    kind: str = Certificate.Kind.PARTICIPANT,
    award_title: str = "",
    organiser_name: str = "",
    batch=None,
) -> list[Certificate]:
    """Issue one certificate per holder (dicts: name, role_label, nip and employee optional).

    Serials are taken, the batch rendered and split, and the records stored in one transaction:
    a failed render leaves neither records nor used serials behind. `organiser_name` is the
    office that hosted the event (default: the issuing office).
    """
    if kind not in Certificate.Kind.values:
        raise CertificateError(f"Jenis sertifikat tidak dikenal: {kind}")
    holders = [h for h in holders if (h.get("name") or "").strip()]
    if not holders:
        return []
    related_type = ContentType.objects.get_for_model(related) if related is not None else None
    with transaction.atomic():
        numbers = take_numbers(CertificateSequence, issuer_office, event_date.year, len(holders))
        now = timezone.now()
        certificates = []
        for holder, sequence in zip(holders, numbers, strict=True):
            employee = holder.get("employee")
            certificates.append(
                Certificate(
                    code=new_verification_code(),
                    serial=format_serial(
                        office=issuer_office, year=event_date.year, sequence=sequence
                    ),
                    year=event_date.year,
                    sequence=sequence,
                    kind=kind,
                    holder=employee,
                    holder_name=holder["name"].strip(),
                    # The 18 digits; callers may pass the spaced display form.
                    holder_nip=re.sub(
                        r"\D", "", holder.get("nip") or (employee.nip if employee else "")
                    ),
                    role_label=holder.get("role_label") or Certificate.Kind(kind).label,
                    award_title=award_title,
                    organiser_name=organiser_name or issuer_office.short_name,
                    event_title=event_title,
                    event_date=event_date,
                    issuer_office=issuer_office,
                    signatory=signatory,
                    signatory_name=signatory.full_name,
                    signatory_position=signatory.position,
                    signatory_nip=signatory.nip,
                    issued_by=by,
                    issued_at=now,
                    related_type=related_type,
                    related_id=related.pk if related is not None else None,
                    batch=batch,
                )
            )
        pdf = render_batch(certificates, kind=kind, signatory=signatory, office=issuer_office)
        for certificate, data in zip(certificates, split_pages(pdf), strict=True):
            certificate.sha256 = hashlib.sha256(data).hexdigest()
            certificate.file.save(certificate.download_name, ContentFile(data), save=False)
        Certificate.objects.bulk_create(certificates)
    return certificates


def revoke_certificate(certificate: Certificate, *, by, reason: str = "") -> Certificate:
    """Revoke: the record and its file stay, the verification page says 'dicabut'."""
    if not (reason or "").strip():
        raise CertificateError("Tuliskan alasan pencabutan.")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked:
            raise CertificateError("Sertifikat ini sudah dicabut.")
        certificate.revoked = True
        certificate.revoked_by = by
        certificate.revoked_at = timezone.now()
        certificate.revoke_reason = (reason or "").strip()[:250]
        certificate.save(update_fields=["revoked", "revoked_by", "revoked_at", "revoke_reason"])
    return certificate


def issue_by_kind(holders: list[dict], *, kind: str, **common) -> list[Certificate]:
    """issue_certificates for holders that may carry their own "kind" (else `kind`), such as an
    event's speakers and participants: one pass per run of holders of the same kind, in order."""
    issued = []
    for each_kind, group in groupby(holders, key=lambda h: h.get("kind") or kind):
        issued += issue_certificates(holders=list(group), kind=each_kind, **common)
    return issued
