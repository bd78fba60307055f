"""Uploaded draft opening speeches: PDF, DOCX or ODT, recognised by their content, not their name.

A file is accepted when its bytes are what its extension says (a PDF header; a ZIP package with
the Word or OpenDocument text parts) and it is at most MAX_BYTES. Its text is read out once, so the
report PDF can print the speech without executing or embedding the uploaded file.
"""

import io
import zipfile
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 2000  # a DOCX/ODT with more parts than this is not a speech (zip-bomb guard)
MAX_XML_BYTES = 20 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
KINDS = {"pdf": "PDF", "docx": "DOCX", "odt": "ODT"}


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    info = package.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise ValidationError(_("Isi berkas terlalu besar untuk sebuah naskah sambutan."))
    return package.read(name)


def _docx_text(package: zipfile.ZipFile) -> str:
    root = ElementTree.fromstring(_read_part(package, "word/document.xml"))
    paragraphs = []
    for para in root.iter(f"{W_NS}p"):
        paragraphs.append("".join(node.text or "" for node in para.iter(f"{W_NS}t")))
    return "\n".join(p for p in paragraphs if p.strip())


def _odt_text(package: zipfile.ZipFile) -> str:
    root = ElementTree.fromstring(_read_part(package, "content.xml"))
    paragraphs = []
    for para in root.iter():
        if para.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            paragraphs.append("".join(para.itertext()))
    return "\n".join(p for p in paragraphs if p.strip())


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > 50:
            raise ValidationError(_("Naskah sambutan PDF paling banyak 50 halaman."))
        return "\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca.")) from exc


def _package(data: bytes) -> zipfile.ZipFile:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("Isi berkas bukan dokumen DOCX/ODT yang sah (bukan paket ZIP).")
        ) from exc
    if len(package.infolist()) > MAX_ENTRIES:
        raise ValidationError(_("Berkas berisi terlalu banyak bagian."))
    return package


def inspect_speech_file(name: str, data: bytes) -> tuple[str, str]:
    """(kind, text) of an uploaded speech, or ValidationError saying what is wrong."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar: %(size)s MB, paling besar %(max)s MB.")
            % {"size": f"{len(data) / 1048576:.1f}", "max": MAX_BYTES // 1048576}
        )
    if not data:
        raise ValidationError(_("Berkas kosong."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise ValidationError(_("Hanya berkas PDF, DOCX atau ODT yang diterima."))
    try:
        if extension == "pdf":
            if not data.lstrip()[:5] == b"%PDF-":
                raise ValidationError(_("Isi berkas bukan PDF walaupun namanya berakhiran .pdf."))
            return "pdf", _pdf_text(data)
        package = _package(data)
        names = set(package.namelist())
        if extension == "docx":
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ValidationError(_("Isi berkas bukan dokumen Word (.docx) yang sah."))
            return "docx", _docx_text(package)
        if "mimetype" not in names or _read_part(package, "mimetype").strip() != ODT_MIMETYPE:
            raise ValidationError(_("Isi berkas bukan dokumen teks OpenDocument (.odt) yang sah."))
        return "odt", _odt_text(package)
    except ElementTree.ParseError as exc:
        raise ValidationError(_("Isi dokumen rusak dan tidak dapat dibaca.")) from exc
