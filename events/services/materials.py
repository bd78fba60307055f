"""The presenter's materials of an event and its recording link.

An upload is what step 7's checklist item "materi narasumber sudah diterima" means: the item is
ticked by the first upload and cleared when the last material is deleted, never by hand. The
upload is checked by content in the request; the slow work (a PDF of a PPTX/ODP, the text of
the PDF) is the worker's (`process_material`), so a request never waits for LibreOffice.
"""

import logging
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.queue import wake

from .. import material_files
from ..models import Event, Material, Readiness, ReadinessLog
from .errors import EventError

logger = logging.getLogger(__name__)

# A material still waiting this long after its upload lost its wake-up call (broker down): the
# periodic run takes it up.
WAITING_GRACE = timedelta(minutes=2)


def _lock(event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _checked_kind(upload) -> str:
    try:
        return material_files.inspect_material(upload)
    except ValidationError as exc:
        raise EventError(exc.messages[0]) from exc


def _display_name(name: str) -> str:
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return " ".join(name.split())[:200] or "materi"


def _record_received(event, *, by, received: bool, comment: str) -> None:
    """Step 7's checklist follows the materials, with a dated entry in the progress log."""
    readiness, _created = Readiness.objects.select_for_update().get_or_create(event=event)
    if readiness.material_received != received:
        readiness.material_received = received
        readiness.updated_at, readiness.updated_by = timezone.now(), by
        readiness.save(update_fields=["material_received", "updated_at", "updated_by"])
    ReadinessLog.objects.create(
        event=event, author=by, done_count=readiness.done_count, comment=comment
    )


def _store(material: Material, upload, kind: str) -> None:
    material.kind = kind
    material.original_name = _display_name(upload.name)
    material.size = upload.size
    upload.seek(0)
    material.file.save(f"{uuid.uuid4().hex}.{kind}", upload, save=False)
    material.pdf = ""
    material.text = ""
    material.processing = Material.Processing.WAITING
    material.processed_at = None


def _wake_worker(material: Material) -> None:
    from ..tasks import process_material as task

    pk = material.pk
    transaction.on_commit(lambda: wake(task, pk, what=f"material {pk}"))


def _handed_in(material: Material, *, by, comment: str) -> Material:
    """A file of `material` is in: step 7's "materi narasumber sudah diterima" is ticked with
    `comment` (a %(title)s sentence) and a worker makes its PDF after the commit."""
    _record_received(
        material.event, by=by, received=True, comment=comment % {"title": material.title}
    )
    _wake_worker(material)
    return material


def _stored_names(material: Material) -> list[tuple]:
    """(storage, name) of the material's files now: a FieldFile object is renamed in place when
    a new file is saved to it, so the names are taken before."""
    return [(f.storage, f.name) for f in (material.file, material.pdf) if f]


def _delete_on_commit(names: list[tuple]) -> None:
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


@transaction.atomic
def upload_material(event, *, upload, title: str, by) -> Material:
    """The presenter (or the Event Team for them) hands in the presentation: PDF, PPTX or ODP,
    checked by its content and size. Ticks "materi narasumber sudah diterima" (step 7)."""
    event = _lock(event)
    kind = _checked_kind(upload)
    material = Material(event=event, uploaded_by=by, uploaded_at=timezone.now())
    _store(material, upload, kind)
    material.title = " ".join((title or "").split())[:200] or material.original_name
    material.save()
    return _handed_in(material, by=by, comment=_("Materi narasumber diunggah: %(title)s."))


@transaction.atomic
def replace_material(material: Material, *, upload, by) -> Material:
    """A new version of a presentation: the old file (and its PDF) goes, the audit trail keeps
    who replaced which file and when."""
    _lock(material.event)
    material = Material.objects.select_for_update().get(pk=material.pk)
    kind = _checked_kind(upload)
    old = _stored_names(material)
    material.uploaded_at, material.uploaded_by = timezone.now(), by
    _store(material, upload, kind)
    material.save()
    _delete_on_commit(old)
    return _handed_in(material, by=by, comment=_("Materi narasumber diganti: %(title)s."))


@transaction.atomic
def delete_material(material: Material, *, by) -> None:
    """A material taken off the event with its files; the audit trail records who and when.
    With no material left, "materi narasumber sudah diterima" is cleared again."""
    event = _lock(material.event)
    files = _stored_names(material)
    title = material.title
    material.delete()
    _delete_on_commit(files)
    _record_received(
        event,
        by=by,
        received=event.materials.exists(),
        comment=_("Materi narasumber dihapus: %(title)s.") % {"title": title},
    )


@transaction.atomic
def set_recording_link(event, *, url: str, by) -> Event:
    """The recording of the event (a video link, http or https only); empty removes it."""
    event = _lock(event)
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise EventError(
                _("Tautan rekaman harus alamat http:// atau https:// yang sah.")
            ) from exc
    event.recording_url = url
    event.save(update_fields=["recording_url"])
    return event


def process_material(material_id: int) -> str | None:
    """The worker's part: a PDF of a PPTX/ODP where LibreOffice is installed (else the original
    is kept and the page says so), and the text of the PDF for the search. Returns the state
    reached, or None when the material is gone or was already processed.

    Runs outside any lock (LibreOffice may take minutes); the result is written only if the
    material still holds the file that was processed, so a replacement meanwhile wins.
    """
    material = Material.objects.filter(pk=material_id).first()
    if material is None or material.processing != Material.Processing.WAITING:
        return None
    source_name = material.file.name
    made_pdf = None
    text = ""
    if material.kind == Material.Kind.PDF:
        with material.file.open("rb") as source:
            text = material_files.pdf_text(source.read())
        state = Material.Processing.READY
    elif material_files.soffice_path() is None:
        state = Material.Processing.NO_CONVERTER
    else:
        try:
            with material.file.open("rb") as source:
                data = material_files.convert_to_pdf(source, material.kind)
        except material_files.ConversionFailed as exc:
            logger.warning("No PDF of material %s: %s", material_id, exc)
            state = Material.Processing.FAILED
        else:
            text = material_files.pdf_text(data)
            storage = material.pdf.storage
            made_pdf = storage.save(
                material.pdf.field.generate_filename(material, f"{uuid.uuid4().hex}.pdf"),
                ContentFile(data),
            )
            state = Material.Processing.READY
    with transaction.atomic():
        written = Material.objects.filter(
            pk=material_id, file=source_name, processing=Material.Processing.WAITING
        ).update(
            processing=state,
            processed_at=timezone.now(),
            text=text,
            pdf=made_pdf or "",
        )
    if not written and made_pdf:
        material.pdf.storage.delete(made_pdf)
    return state if written else None


def process_waiting(now=None) -> int:
    """Materials whose wake-up call was lost (the periodic run): processed one by one."""
    now = now or timezone.now()
    waiting = Material.objects.filter(
        processing=Material.Processing.WAITING, uploaded_at__lt=now - WAITING_GRACE
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(waiting) if process_material(pk))
