"""The quarterly activity report (Laporan Kegiatan Serawai, SOP step 10) and its CC approval.

One report per (cycle, quarter) covers the events held in that quarter. Its parts come from what
the app already holds (invitation, attendance, photos, minutes, evaluation recap: see
`reports.selectors.assembly`); only the narrative chapters and the draft opening speech are
written here.
An approved report is locked: a change makes a new revision, and both stay.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province
from cycles.models import Cycle

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# The narrative chapters written in the app, in the order of the report (field, label).
CHAPTERS = (
    ("introduction", _("Pendahuluan")),
    ("implementation", _("Pelaksanaan Kegiatan")),
    ("results", _("Hasil Kegiatan")),
    ("closing", _("Penutup")),
)


class ActivityReportQuerySet(models.QuerySet):
    def latest_revisions(self):
        """Only the newest revision of each (cycle, quarter)."""
        newer = ActivityReport.objects.filter(
            cycle=models.OuterRef("cycle"),
            quarter=models.OuterRef("quarter"),
            revision__gt=models.OuterRef("revision"),
        )
        return self.filter(~models.Exists(newer))


class ActivityReport(models.Model):
    """One revision of the activity report of a quarter."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan ke CC")
        RETURNED = "returned", _("Dikembalikan dengan catatan")
        APPROVED = "approved", _("Disetujui CC")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="activity_reports", verbose_name=_("siklus")
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    revision = models.PositiveSmallIntegerField(_("revisi"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name=_("revisi sebelumnya"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(_("Pendahuluan"), blank=True)
    implementation = models.TextField(_("Pelaksanaan Kegiatan"), blank=True)
    results = models.TextField(_("Hasil Kegiatan"), blank=True)
    closing = models.TextField(_("Penutup"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = actor_field(_("diubah oleh"))
    # The approved document, rendered once at approval, stored and hashed.
    pdf = models.FileField(_("berkas PDF disetujui"), upload_to="reports/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province(
        "cycle__province", models.Manager.from_queryset(ActivityReportQuerySet)
    )

    class Meta:
        ordering = ["cycle", "quarter", "-revision"]
        verbose_name = _("laporan kegiatan")
        verbose_name_plural = _("laporan kegiatan")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "quarter", "revision"], name="one_report_revision_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_is_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.title} (rev. {self.revision})"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return _("Laporan Kegiatan Serawai Triwulan %(q)s Tahun %(y)s") % {
            "q": ROMAN[self.quarter],
            "y": self.cycle.year,
        }

    @property
    def quarter_roman(self) -> str:
        return ROMAN[self.quarter]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def chapters(self) -> list[tuple[str, str, str]]:
        """(field, label, text) of the narrative chapters in report order."""
        return [(field, label, getattr(self, field)) for field, label in CHAPTERS]


class OpeningSpeech(models.Model):
    """The draft opening speech (draft kata sambutan) of one event of the report: text or a file.

    Belongs to one report revision; a new revision copies it (an uploaded file is shared, never
    rewritten, so the older revision keeps pointing at the same bytes).
    """

    report = models.ForeignKey(
        ActivityReport,
        on_delete=models.CASCADE,
        related_name="speeches",
        verbose_name=_("laporan"),
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("kegiatan")
    )
    speaker = models.CharField(_("disampaikan oleh"), max_length=150, blank=True)
    text = models.TextField(_("naskah sambutan"), blank=True)
    file = models.FileField(_("berkas naskah"), upload_to="reports/speeches/%Y/", blank=True)
    file_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    file_kind = models.CharField(_("jenis berkas"), max_length=10, blank=True)
    file_text = models.TextField(_("isi teks berkas"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = actor_field(_("diubah oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("report__cycle__province")

    class Meta:
        ordering = ["report", "event__date"]
        verbose_name = _("draf kata sambutan")
        verbose_name_plural = _("draf kata sambutan")
        constraints = [
            models.UniqueConstraint(fields=["report", "event"], name="one_speech_per_report_event")
        ]

    def __str__(self):
        return f"{self.event}: {self.speaker}"

    @property
    def is_present(self) -> bool:
        return bool(self.text.strip() or self.file)

    @property
    def body(self) -> str:
        """The speech as text: typed, or read out of the uploaded file."""
        return self.text.strip() or self.file_text.strip()


class ReportTransition(models.Model):
    """One move of a report through its workflow: who moved it, when, and the CC's comment."""

    report = models.ForeignKey(
        ActivityReport,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("laporan"),
    )
    from_status = models.CharField(
        _("dari"), max_length=10, choices=ActivityReport.Status.choices, blank=True
    )
    to_status = models.CharField(_("ke"), max_length=10, choices=ActivityReport.Status.choices)
    by = actor_field(_("oleh"), required=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    comment = models.TextField(_("catatan"), blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("report__cycle__province")

    class Meta:
        ordering = ["report", "at", "id"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")

    def __str__(self):
        return f"{self.report}: {self.from_status or '-'} -> {self.to_status}"
