"""Building an evidence pack: the CAN asks (request_pack), a worker writes the zip (run_pack),
the page follows the row's progress. See reports.exports.evidence for what goes in.

The zip is written to a temporary file, not held in memory: a year of photos and materials can
be large. Progress is saved after each document, in its own small update, so the bar moves while
the worker renders the slower ones.
"""

import datetime
import logging
import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from common.errors import ServiceError
from common.queue import wake
from documents.rendering import render_pdf

from ..exports.evidence import collect
from ..exports.evidence_entries import Entry, EvidenceFileError
from ..models import EvidencePack

INDEX_TEMPLATE = "documents/reports/evidence_index.html"
INDEX_NAME = "00-indeks-bukti-dukung.pdf"
# A pack still waiting after this long has no worker on it: the CAN may ask for another.
STUCK_AFTER = datetime.timedelta(minutes=10)

logger = logging.getLogger(__name__)


class EvidenceError(ServiceError):
    """A request the CAN should see refused, with the reason."""


def dispatch(pack_id: int) -> None:
    from ..tasks import build_evidence_pack

    wake(build_evidence_pack, pack_id, what=f"evidence pack {pack_id}")


def in_progress(cycle, quarter):
    """A pack of the same scope that a worker is (still) building."""
    recent = timezone.now() - STUCK_AFTER
    return (
        EvidencePack.objects.filter(cycle=cycle, quarter=quarter, requested_at__gte=recent)
        .filter(status__in=[EvidencePack.Status.PENDING, EvidencePack.Status.RUNNING])
        .first()
    )


def request_pack(*, cycle, quarter: int | None, by) -> EvidencePack:
    """The CAN asks for the evidence pack of the cycle's year (quarter None) or of a quarter;
    the worker builds it. The row is audited (audit.registry): who asked, when, for what."""
    if quarter not in (None, 1, 2, 3, 4):
        raise EvidenceError(_("Triwulan harus 1 sampai 4."))
    with transaction.atomic():
        running = in_progress(cycle, quarter)
        if running is not None:
            raise EvidenceError(
                _("Paket %(period)s sedang disusun; tunggu sampai selesai.")
                % {"period": running.period}
            )
        pack = EvidencePack.objects.create(cycle=cycle, quarter=quarter, requested_by=by)
        transaction.on_commit(lambda: dispatch(pack.pk))
    return pack


def _scope_note(pack) -> str:
    if pack.quarter is None:
        return _(
            "Seluruh keluaran SOP Serawai tahun %(year)s: langkah 1–5 siklus, langkah 6–11 "
            "setiap kegiatan, laporan triwulan yang disetujui CC, rekap evaluasi tahunan dan "
            "penghargaan."
        ) % {"year": pack.cycle.year}
    return _(
        "Keluaran langkah 1–5 siklus tahun %(year)s, lalu langkah 6–11 kegiatan yang "
        "dilaksanakan pada triwulan %(q)s dan laporan triwulan itu yang disetujui CC. Rekap "
        "evaluasi tahunan dan penghargaan ada pada paket tahunan."
    ) % {"year": pack.cycle.year, "q": pack.quarter}


def index_pdf(pack, entries: list[Entry]) -> bytes:
    title = _("Indeks Bukti Dukung Serawai %(period)s") % {"period": pack.period}
    return render_pdf(
        INDEX_TEMPLATE,
        {
            "office": pack.cycle.province,
            "title": title,
            "scope_note": _scope_note(pack),
            "rows": entries,
            "printed": timezone.localdate(),
            "requested_by": pack.requested_by.full_name,
        },
        title=title,
        author=pack.cycle.province.name,
    )


def _progress(pack_id: int, **fields) -> None:
    EvidencePack.objects.filter(pk=pack_id).update(**fields)


def run_pack(pack_id: int) -> EvidencePack:
    """The worker's job: every document into the zip, then the index, then the zip stored.
    A pack already done is left as it is; run again after a failure, it starts over."""
    pack = EvidencePack.objects.select_related("cycle__province", "requested_by").get(pk=pack_id)
    if pack.status == EvidencePack.Status.DONE:
        return pack
    try:
        # Official documents are Indonesian whoever asked for them.
        with override("id"), tempfile.TemporaryFile() as spool:
            entries = collect(pack)
            _progress(pack_id, status=EvidencePack.Status.RUNNING, total=len(entries) + 1, done=0)
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
                for done, entry in enumerate(entries, start=1):
                    archive.writestr(entry.path, entry.content())
                    _progress(pack_id, done=done)
                archive.writestr(INDEX_NAME, index_pdf(pack, entries))
            spool.seek(0)
            pack.archive.save(pack.file_name, File(spool), save=False)
    except Exception as exc:
        # The CAN reads the reason of a refused document; anything else is in the worker's log.
        reason = str(exc) if isinstance(exc, EvidenceFileError) else _("Galat pada worker.")
        _progress(
            pack_id,
            status=EvidencePack.Status.FAILED,
            error=reason[:2000],
            finished_at=timezone.now(),
        )
        raise
    pack.status = EvidencePack.Status.DONE
    pack.total = pack.done = len(entries) + 1
    pack.finished_at = timezone.now()
    pack.save(update_fields=["archive", "status", "total", "done", "finished_at"])
    return pack
