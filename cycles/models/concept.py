"""Step 1's concept of the year (background, aims, format, theme-selection rules) and its
agreement by the CC. The schedule of the concept is the cycle's step ledger (CycleStep)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province

from .cycle import Cycle


class Concept(models.Model):
    """The year's concept: written by the CAN, agreed (or returned with a comment) by the CC."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan ke CC")
        RETURNED = "returned", _("Dikembalikan CC")
        AGREED = "agreed", _("Disepakati")

    class Electorate(models.TextChoices):
        EMPLOYEES = "employees", _("Setiap pegawai aktif di provinsi (satu suara per pegawai)")
        OFFICES = "offices", _("Satu suara per BPS kabupaten/kota, diberikan oleh CA-nya")

    cycle = models.OneToOneField(
        Cycle, on_delete=models.CASCADE, related_name="concept", verbose_name=_("siklus")
    )
    background = models.TextField(_("latar belakang"))
    aims = models.TextField(_("tujuan"))
    format = models.TextField(_("bentuk kegiatan"))
    selection_rules = models.TextField(_("aturan pemilihan tema"))
    electorate = models.CharField(
        _("pemilih"), max_length=10, choices=Electorate.choices, default=Electorate.EMPLOYEES
    )
    choices_per_ballot = models.PositiveSmallIntegerField(
        _("pilihan paling banyak per surat suara"), default=3
    )
    exclude_own_office = models.BooleanField(
        _("larangan memilih usulan kantor sendiri"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cc_comment = models.TextField(_("catatan CC"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = actor_field(_("diubah oleh"))
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    submitted_by = actor_field(_("diajukan oleh"))
    decided_at = models.DateTimeField(_("diputuskan CC"), null=True, blank=True)
    decided_by = actor_field(_("diputuskan oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        verbose_name = _("konsep Serawai")
        verbose_name_plural = _("konsep Serawai")

    def __str__(self):
        return f"{_('Konsep')} {self.cycle}"

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)
