"""PDF/A-3 conformance of a document, checked structurally with pikepdf.

Why not veraPDF, the reference validator: it is a Java application distributed from
verapdf.org and its GitHub releases; it is not packaged on PyPI, in Debian's archive or on npm,
the registries this machine reaches, so it cannot be installed here. Instead these checks
cover the clauses of ISO 19005-3 (which builds on ISO 19005-2) that a WeasyPrint document or a
page split from one can break; each check names its clause:

- 6.1.2 file header: a PDF header and a binary comment of four bytes above 127;
- 6.1.3 file trailer: an /ID of two byte strings, no /Encrypt;
- 6.2.2 output intent: a /GTS_PDFA1 output intent with an embedded ICC profile;
- 6.2.11.4 fonts: every font program embedded (FontFile, FontFile2 or FontFile3);
- 6.2.11.7 (level U): every font maps its glyphs to Unicode (/ToUnicode);
- 6.3.2 annotations: each carries the Print flag and is not Hidden;
- 6.6.1 actions: no JavaScript, no Launch action, no additional actions on the catalog;
- 6.6.2 metadata: an XMP packet with pdfaid:part and pdfaid:conformance, xmp:CreateDate and
  xmp:ModifyDate, and document-information entries that agree with it;
- 6.8 embedded files: each with an /AFRelationship.
"""

import datetime
import io
import re

import pikepdf

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _pdf_date(value: str) -> datetime.datetime | None:
    match = re.match(
        r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([Zz+-])?(\d{2})?'?(\d{2})?", value
    )
    if not match:
        return None
    y, mo, d, h, mi, s, sign, tzh, tzm = match.groups()
    offset = datetime.timedelta(hours=int(tzh or 0), minutes=int(tzm or 0))
    tz = datetime.timezone(-offset if sign == "-" else offset)
    return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=tz)


def _xmp_date(value: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _fonts(pdf):
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            yield obj


def font_names(data: bytes) -> set[str]:
    """The base font names of every font in the file, without the subset prefix."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {str(f.get("/BaseFont", "")).split("+")[-1].lstrip("/") for f in _fonts(pdf)}


def _check_font(font, problems):
    subtype = font.get("/Subtype")
    if subtype in ("/Type3", "/CIDFontType0", "/CIDFontType2"):
        return  # Type 3 glyphs are drawn in the file; CID fonts are checked with their parent
    descendants = font.get("/DescendantFonts") if subtype == "/Type0" else [font]
    for each in descendants or []:
        descriptor = each.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in _FONT_FILES):
            problems.append(f"6.2.11.4: font {each.get('/BaseFont')} not embedded")
    if "/ToUnicode" not in font:
        problems.append(f"6.2.11.7: font {font.get('/BaseFont')} has no /ToUnicode")


def pdfa_problems(data: bytes, *, part: str = "3", conformance: str = "U") -> list[str]:
    """What keeps `data` from being PDF/A-`part``conformance`; an empty list when nothing."""
    problems = []
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", data[:64]):
        problems.append("6.1.2: header or binary comment missing")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        trailer, root = pdf.trailer, pdf.Root
        ids = trailer.get("/ID")
        if ids is None or len(ids) != 2:
            problems.append("6.1.3: trailer has no /ID")
        if "/Encrypt" in trailer:
            problems.append("6.1.3: encrypted")

        intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
        if not intents or "/DestOutputProfile" not in intents[0]:
            problems.append("6.2.2: no GTS_PDFA1 output intent with an ICC profile")

        for font in _fonts(pdf):
            _check_font(font, problems)

        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                flags = int(annot.get("/F", 0))
                if not flags & 4 or flags & 2:
                    problems.append("6.3.2: annotation not printable")

        names = root.get("/Names", {})
        if "/JavaScript" in names or "/AA" in root:
            problems.append("6.6.1: JavaScript or additional actions")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                if obj.get("/S") in ("/JavaScript", "/Launch"):
                    problems.append(f"6.6.1: {obj.get('/S')} action")
                if obj.get("/Type") == "/Filespec" and "/AFRelationship" not in obj:
                    problems.append("6.8: embedded file without /AFRelationship")

        if "/Metadata" not in root:
            problems.append("6.6.2: no XMP metadata")
            return problems
        xmp = pdf.open_metadata()
        if xmp.get("pdfaid:part") != part or xmp.get("pdfaid:conformance") != conformance:
            problems.append(
                f"6.6.2: declares {xmp.get('pdfaid:part')}{xmp.get('pdfaid:conformance')}"
            )
        info = pdf.docinfo
        for xmp_key, info_key in (
            ("xmp:CreateDate", "/CreationDate"),
            ("xmp:ModifyDate", "/ModDate"),
        ):
            value = xmp.get(xmp_key)
            if not value:
                problems.append(f"6.6.2: no {xmp_key}")
            elif info_key in info and _pdf_date(str(info[info_key])) != _xmp_date(value):
                problems.append(f"6.6.2: {info_key} disagrees with {xmp_key}")
        if "/Producer" in info and str(info["/Producer"]) != xmp.get("pdf:Producer"):
            problems.append("6.6.2: /Producer disagrees with pdf:Producer")
        if "/Title" in info and str(info["/Title"]) != xmp.get("dc:title"):
            problems.append("6.6.2: /Title disagrees with dc:title")
    return problems
