"""Presentation files: PDF, PPTX or ODP, recognised by their content, not by their name.

A PDF starts with the PDF header; a PPTX is a ZIP package whose [Content_Types].xml declares a
PowerPoint presentation; an ODP is a ZIP package whose `mimetype` entry names an OpenDocument
presentation. The name's extension must agree with the content. The worker makes a PDF of a
PPTX/ODP with LibreOffice when it is installed, and reads the text of the PDF for the search.
"""

import io
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

EXTENSIONS = ("pdf", "pptx", "odp")
MAX_ENTRIES = 20000  # a presentation with more parts than this is not one (zip-bomb guard)
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
PPTX_MACRO_MAIN = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"
MAX_TEXT_PAGES = 500
MAX_TEXT_CHARS = 1_000_000


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _package(upload) -> zipfile.ZipFile:
    try:
        upload.seek(0)
        package = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("Isi berkas bukan presentasi PPTX/ODP yang sah.")) from exc
    if len(package.infolist()) > MAX_ENTRIES:
        raise ValidationError(_("Berkas berisi terlalu banyak bagian."))
    return package


def _entry(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return b""
    try:
        return package.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return b""


def inspect_material(upload) -> str:
    """The kind ("pdf", "pptx" or "odp") of an uploaded presentation, or a ValidationError
    saying in Indonesian what is wrong: too big, empty, another kind of file, a renamed one."""
    limit = settings.SERAWAI_MATERIAL_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); batasnya %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if not upload.size:
        raise ValidationError(_("Berkas kosong."))
    extension = _extension(upload.name or "")
    if extension not in EXTENSIONS:
        raise ValidationError(_("Hanya berkas PDF, PPTX atau ODP yang diterima."))
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if extension == "pdf":
        if head[:5] != b"%PDF-":
            raise ValidationError(_("Isi berkas bukan PDF walaupun namanya berakhiran .pdf."))
        return "pdf"
    if head[:4] != b"PK\x03\x04":
        raise ValidationError(
            _("Isi berkas bukan presentasi walaupun namanya berakhiran .%(ext)s.")
            % {"ext": extension}
        )
    package = _package(upload)
    upload.seek(0)
    if extension == "pptx":
        types = _entry(package, "[Content_Types].xml")
        if not (PPTX_MAIN in types or PPTX_MACRO_MAIN in types):
            raise ValidationError(_("Isi berkas bukan presentasi PowerPoint (.pptx) yang sah."))
        return "pptx"
    if _entry(package, "mimetype").strip() != ODP_MIMETYPE:
        raise ValidationError(_("Isi berkas bukan presentasi OpenDocument (.odp) yang sah."))
    return "odp"


def download_name(name: str, extension: str) -> str:
    """A file name safe in a Content-Disposition header and on every disk: no path, no control
    characters, ASCII letters, digits, dots, dashes and underscores, ending in `extension`."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    safe = get_valid_filename(ascii_stem.replace(" ", "-")) if ascii_stem.strip() else ""
    safe = safe.strip(".-_")[:80] or "materi"
    return f"{safe}.{extension}"


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages (the first MAX_TEXT_PAGES), or "" when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = []
        for page in reader.pages[:MAX_TEXT_PAGES]:
            parts.append((page.extract_text() or "").strip())
            if sum(len(p) for p in parts) > MAX_TEXT_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        return ""
    text = "\n".join(p for p in parts if p).replace("\x00", "")
    return text[:MAX_TEXT_CHARS]


def soffice_path() -> str | None:
    """The LibreOffice program the worker runs, or None when it is not installed."""
    return shutil.which(settings.SERAWAI_SOFFICE)


class ConversionFailed(Exception):
    pass


def convert_to_pdf(source, extension: str) -> bytes:
    """A PDF of the presentation in `source` (a file object), made by LibreOffice (headless, with
    a profile of its own so that runs do not share state). Raises ConversionFailed."""
    program = soffice_path()
    if program is None:
        raise ConversionFailed("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="serawai-pdf-") as work:
        folder = Path(work)
        # Our own name for the copy: nothing of the uploaded name reaches the command line.
        copy = folder / f"materi.{extension}"
        with copy.open("wb") as out:
            shutil.copyfileobj(source, out)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(copy),
        ]
        try:
            subprocess.run(
                command,
                check=True,
                capture_output=True,
                timeout=settings.SERAWAI_SOFFICE_TIMEOUT,
                cwd=work,
            )
        except subprocess.CalledProcessError as exc:
            said = (exc.stderr or b"").decode(errors="replace").strip()[-500:]
            raise ConversionFailed(f"{exc}: {said}") from exc
        except (subprocess.SubprocessError, OSError) as exc:
            raise ConversionFailed(str(exc)) from exc
        result = folder / "out" / "materi.pdf"
        if not result.is_file():
            raise ConversionFailed("LibreOffice wrote no PDF")
        data = result.read_bytes()
    if not data.lstrip()[:5] == b"%PDF-":
        raise ConversionFailed("LibreOffice wrote something that is not a PDF")
    return data
