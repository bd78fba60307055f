"""Template + context -> PDF bytes with WeasyPrint.

The shared stylesheet (documents/styles/print.css) and the font configuration are built once per
process and reused by every document: parsing them again for each file would add to WeasyPrint's
per-document start-up cost, which already dominates short documents (DESIGN.md, "Documents").
Fonts are the system's DejaVu fonts; nothing is fetched from the network.
"""

import functools
import io
import logging
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import content_disposition_header

from common.text import safe_filename

STYLES = Path(__file__).resolve().parent / "styles"
ARCHIVAL_VARIANT = "pdf/a-3u"


@functools.cache
def _weasyprint():
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts = FontConfiguration()
    # Only local files and data: URLs; a document never reaches out to the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    css = weasyprint.CSS(filename=str(STYLES / "print.css"), font_config=fonts)
    return weasyprint, fonts, css, fetcher


def _base_url() -> str:
    return (Path(settings.BASE_DIR) / "static").as_uri() + "/"


def render_document(template_name: str, context: dict, *, title="", author="", language="id"):
    """The laid-out WeasyPrint document (pages can be counted before writing)."""
    weasyprint, fonts, css, fetcher = _weasyprint()
    # Official documents are Indonesian whoever renders them (a person reading in English, a
    # worker): the template's own words follow the document's language, not the request's.
    with translation.override(language):
        html = render_to_string(
            template_name, {"doc_title": title, "doc_lang": language, **context}
        )
    document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=fetcher).render(
        stylesheets=[css], font_config=fonts
    )
    # PDF/A asks for the creation and modification dates in the XMP packet as well as in the
    # document information; WeasyPrint writes both from these.
    stamp = timezone.localtime().replace(microsecond=0).isoformat()
    document.metadata.created = document.metadata.modified = stamp
    if title:
        document.metadata.title = title
    if author:
        document.metadata.authors = [author]
    document.metadata.lang = language
    return document


def write_pdf(document, *, archival=True) -> bytes:
    if archival:
        return document.write_pdf(pdf_variant=ARCHIVAL_VARIANT)
    return document.write_pdf()


def render_pdf(
    template_name: str,
    context: dict,
    *,
    archival: bool = True,
    title: str = "",
    author: str = "",
    language: str = "id",
) -> bytes:
    """Render a printable template (templates/documents/...) to PDF; PDF/A-3u unless told not
    to: every document a person may file is archival."""
    document = render_document(
        template_name, context, title=title, author=author, language=language
    )
    return write_pdf(document, archival=archival)


class _CloneSizeNotice(logging.Filter):
    """pypdf warns when its copy of a document holds more objects than the file's trailer said
    (it gives some of WeasyPrint's shared direct objects their own number); the file it writes
    declares its own size, so the notice is noise in the worker's log."""

    def filter(self, record):
        return "exceeds defined trailer size" not in record.getMessage()


logging.getLogger("pypdf._writer").addFilter(_CloneSizeNotice())


def append_documents(pdf: bytes, appendices: list[bytes]) -> bytes:
    """`pdf` followed by every page of each stored document in `appendices`, as it was filed
    (a signed document is attached as signed, not laid out again).

    The result is `pdf`'s file: its catalog (output intent, XMP packet, language, links and
    table of contents) and its document information are kept, so a PDF/A `pdf` with PDF/A
    appendices stays PDF/A; the appended pages bring their own fonts and images. A new file
    identifier is written, as PDF/A requires of every file.
    """
    if not appendices:
        return pdf
    from pypdf import PdfReader, PdfWriter

    base = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=base)
    for data in appendices:
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
    # pypdf names itself the producer; the XMP packet names WeasyPrint, and the two must agree.
    info = {k: v for k, v in (base.metadata or {}).items() if isinstance(v, str)}
    if info:
        writer.add_metadata(info)
    writer.generate_file_identifiers()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_response(data: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = content_disposition_header(not inline, safe_filename(filename))
    response["Content-Disposition"] = disposition
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response
