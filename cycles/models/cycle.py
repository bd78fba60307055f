"""A year's Serawai cycle, its step ledger (planned against actual) and the office calendar."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province
from organization.models import Office

from .. import sop


class CalendarDay(models.Model):
    """A province's decision about one day, on top of the national calendar of the `holidays`
    package. It moves only that province's due dates: a regional holiday of Aceh is a working
    day in Bengkulu.

    `closed` adds a non-working day (a revised decree, a regional holiday, a local closure);
    `open` removes one (a national holiday or cuti bersama that the office works on after all).
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Libur tambahan")
        OPEN = "open", _("Hari kerja (libur dibatalkan)")

    province = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="calendar_days",
        verbose_name=_("provinsi"),
        limit_choices_to={"level": "province"},
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("alasan"), max_length=200)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("province")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "date"], name="one_calendar_day_per_province"
            )
        ]
        verbose_name = _("hari kalender kantor")
        verbose_name_plural = _("hari kalender kantor")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}: {self.reason}"


class Cycle(models.Model):
    """One year's Serawai programme of a province; owns steps 1-5 (events own steps 6-11)."""

    province = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="cycles",
        limit_choices_to={"level": Office.Level.PROVINCE},
        verbose_name=_("provinsi"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    start_date = models.DateField(_("tanggal mulai"))
    themes_to_select = models.PositiveSmallIntegerField(_("jumlah tema terpilih"), default=3)
    proposals_per_office = models.PositiveSmallIntegerField(_("usulan tema per kantor"), default=3)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("province")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus Serawai")
        verbose_name_plural = _("siklus Serawai")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="one_cycle_per_province_year")
        ]

    def __str__(self):
        return f"Serawai {self.year} {self.province.short_name}"


class StepQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due__lt=today)


class StepRecord(models.Model):
    """One SOP step instance: planned start and due date against actual completion.

    Concrete kinds: `CycleStep` (steps 1-5, here) and `events.EventStep` (steps 6-11). Code that
    must see every kind (the timeline, the deadline sweep) asks `cycles.ledger.step_models()`.
    """

    number = models.PositiveSmallIntegerField(_("langkah"))
    planned_start = models.DateField(_("rencana mulai"))
    due = models.DateField(_("batas waktu"))
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    # A step the SOP has someone approve (sop.Step.approver): when the responsible people handed
    # their output in. From then on the open part is the approver's, until completion.
    submitted_at = models.DateTimeField(_("diserahkan untuk disetujui"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    completed_by = actor_field(_("diselesaikan oleh"))
    output_note = models.CharField(_("keluaran"), max_length=250, blank=True)
    output_url = models.CharField(_("tautan keluaran"), max_length=250, blank=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.number}. {self.sop.name}"

    @property
    def sop(self) -> sop.Step:
        return sop.step(self.number)

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    @property
    def awaits_approval(self) -> bool:
        """Handed in and not yet approved: the open part belongs to the step's approver."""
        return not self.is_done and self.submitted_at is not None and bool(self.sop.approver)


class CycleStep(StepRecord):
    """Steps 1-5 of a cycle."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="steps", verbose_name=_("siklus")
    )

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province", models.Manager.from_queryset(StepQuerySet))

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("langkah siklus")
        verbose_name_plural = _("langkah siklus")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="one_cycle_step_per_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=5), name="cycle_step_is_1_to_5"
            ),
        ]
