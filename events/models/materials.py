"""Presentation materials of an event: the presenter's slides, a PDF of them and their text."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from common.fields import actor_field


def _material_path(instance, filename):
    return f"events/{instance.event_id}/materials/{filename}"


class Material(models.Model):
    """A presentation uploaded by the presenter or the Event Team (PDF, PPTX or ODP).

    The worker makes a PDF of a PPTX/ODP where LibreOffice is installed and reads the text of
    the PDF into `text`, which the library searches; the uploaded file is always kept.
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PPTX = "pptx", "PowerPoint (PPTX)"
        ODP = "odp", "OpenDocument (ODP)"

    class Processing(models.TextChoices):
        WAITING = "waiting", _("Menunggu diproses")
        READY = "ready", _("PDF tersedia")
        NO_CONVERTER = "no_converter", _("Hanya berkas asli (LibreOffice tidak terpasang)")
        FAILED = "failed", _("Hanya berkas asli (PDF gagal dibuat)")

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="materials",
        verbose_name=_("kegiatan"),
    )
    title = models.CharField(_("judul materi"), max_length=200)
    file = models.FileField(_("berkas"), upload_to=_material_path, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    pdf = models.FileField(_("PDF"), upload_to=_material_path, max_length=200, blank=True)
    processing = models.CharField(
        _("pemrosesan"), max_length=12, choices=Processing.choices, default=Processing.WAITING
    )
    processed_at = models.DateTimeField(_("diproses"), null=True, blank=True)
    text = models.TextField(_("teks materi"), blank=True)
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    uploaded_by = actor_field(_("diunggah oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = ScopedManager(province="event__cycle__province")

    class Meta:
        ordering = ["event", "uploaded_at", "id"]
        verbose_name = _("materi narasumber")
        verbose_name_plural = _("materi narasumber")

    def __str__(self):
        return self.title

    @property
    def stem(self) -> str:
        return self.original_name.rsplit(".", 1)[0] if "." in self.original_name else "materi"

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf)

    @property
    def is_waiting(self) -> bool:
        return self.processing == self.Processing.WAITING
