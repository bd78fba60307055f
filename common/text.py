"""Text that must stay on one line: e-mail subjects, download file names, one-line form fields.

The e-mail outbox, the document engine and the forms of each stage all need the same idea of a
line break, so it lives on the floor every app may import.

A line break inside a header is how an e-mail header is injected (Django refuses it with
BadHeaderError, and the mail would be lost for good); inside a file name it breaks the
Content-Disposition header and the archive's listing.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# \r, \n, vertical tab, form feed, NEL, and the Unicode line and paragraph separators.
LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Characters a file system or a Content-Disposition header treats as special.
_FILENAME_UNSAFE = re.compile(r'[\\/:*?"<>|;]')


def one_line(text: str | None) -> str:
    """`text` with every line break and run of white space made one space, control characters
    dropped: safe inside a header."""
    text = _CONTROL.sub(" ", LINE_BREAK.sub(" ", text or ""))
    return _SPACES.sub(" ", text).strip()


def validate_one_line(value: str) -> None:
    """Form validator: refuse a line break with a message, so nothing typed is silently changed."""
    if value and LINE_BREAK.search(value):
        raise ValidationError(
            _("Isian ini harus satu baris: hapus ganti baris (Enter) di dalamnya."),
            code="line_break",
        )


def safe_filename(name: str, *, max_length: int = 150) -> str:
    """A download name that is one line, without path separators or header-special characters,
    and not too long for an archive's file system; the extension is kept."""
    name = unicodedata.normalize("NFC", one_line(name))
    name = _FILENAME_UNSAFE.sub("-", name).strip(" .-") or "dokumen"
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 5:
        stem, extension = name, ""
    stem = stem[: max_length - len(extension) - 1].rstrip(" .-") or "dokumen"
    return f"{stem}.{extension}" if extension else stem
