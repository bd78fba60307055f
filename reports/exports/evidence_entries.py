"""The pieces of an evidence pack (reports.exports.evidence): one entry per document, the
reading of a stored file, and the names the files take in the zip."""

import datetime
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import ServiceError
from cycles.sop import step as sop_step

# The folder of each step in the zip: its number and a word a reader recognises.
FOLDERS = {
    1: "konsep",
    2: "sosialisasi",
    3: "usulan-tema",
    4: "pemilihan-tema",
    5: "hasil-pemilihan",
    6: "panitia",
    7: "kesiapan",
    8: "tim-kegiatan",
    9: "pelaksanaan",
    10: "laporan",
    11: "evaluasi",
}


@dataclass
class Entry:
    """One document of the pack; `content` reads or renders its bytes when the zip is written."""

    step: int
    word: str
    label: str
    content: Callable[[], bytes] = field(repr=False)
    number: str = ""
    date: datetime.date | None = None
    extension: str = "pdf"
    # Names a document that has no number of its own: "k2" (the year's second event), "03".
    suffix: str = ""
    path: str = ""

    @property
    def step_name(self) -> str:
        return str(sop_step(self.step).name)


class EvidenceFileError(ServiceError):
    """A stored document cannot go into the pack as it was issued."""


def stored(field_file, sha256: str = "") -> Callable[[], bytes]:
    """The file as stored; a document kept with its hash must still match it, or the pack
    fails with the reason rather than file a changed document as evidence."""

    def read() -> bytes:
        try:
            with field_file.open("rb") as handle:
                data = handle.read()
        except FileNotFoundError as exc:
            raise EvidenceFileError(
                _("Berkas %(name)s tidak ditemukan di penyimpanan.") % {"name": field_file.name}
            ) from exc
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            raise EvidenceFileError(
                _("Berkas %(name)s tidak cocok dengan hash saat diterbitkan.")
                % {"name": field_file.name}
            )
        return data

    return read


def day(moment):
    return timezone.localdate(moment) if moment else None


def extension(name: str, default: str = "pdf") -> str:
    """The extension of an uploaded file's name, if it is a plain one; else `default`."""
    found = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return found if found.isascii() and found.isalnum() and len(found) <= 5 else default


def name_files(entries: list[Entry]) -> None:
    """`NN-folder/NN-word-<number or suffix>.ext`, unique within the zip."""
    seen = Counter()
    for entry in entries:
        tail = slugify(entry.number.replace("/", "-")) if entry.number else entry.suffix
        stem = f"{entry.step:02d}-{entry.word}" + (f"-{tail}" if tail else "")
        folder = f"{entry.step:02d}-{FOLDERS[entry.step]}"
        seen[(folder, stem, entry.extension)] += 1
        count = seen[(folder, stem, entry.extension)]
        if count > 1:
            stem = f"{stem}-{count}"
        entry.path = f"{folder}/{stem}.{entry.extension}"
