"""The evidence pack (bukti dukung) of a year or a quarter: one zip of every SOP output, built by
a worker. The row is the job: its progress while it runs, its zip when it is done."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province
from cycles.models import Cycle

from .report import ROMAN


def _pack_path(instance, filename):
    return f"reports/evidence/{instance.cycle.province.code}/{instance.cycle.year}/{filename}"


class EvidencePack(models.Model):
    """One build of the evidence pack of a cycle (quarter None) or of one quarter of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    FINISHED = (Status.DONE, Status.FAILED)

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="evidence_packs", verbose_name=_("siklus")
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("jumlah dokumen"), default=0)
    done = models.PositiveIntegerField(_("dokumen selesai"), default=0)
    error = models.TextField(_("galat"), blank=True)
    archive = models.FileField(_("arsip zip"), upload_to=_pack_path, max_length=255, blank=True)
    requested_by = actor_field(_("diminta oleh"), required=True)
    requested_at = models.DateTimeField(_("diminta pada"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("paket bukti dukung")
        verbose_name_plural = _("paket bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="evidence_quarter_is_1_to_4",
            ),
        ]

    def __str__(self):
        return str(self.period)

    def get_absolute_url(self):
        return reverse("reports:evidence_detail", args=[self.pk])

    @property
    def period(self) -> str:
        if self.quarter is None:
            return _("Tahun %(year)s") % {"year": self.cycle.year}
        return _("Triwulan %(q)s Tahun %(year)s") % {
            "q": ROMAN[self.quarter],
            "year": self.cycle.year,
        }

    @property
    def file_name(self) -> str:
        period = f"tw{self.quarter}-" if self.quarter else ""
        return f"bukti-dukung-serawai-{period}{self.cycle.year}.zip"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
