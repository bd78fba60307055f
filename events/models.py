"""Events: each selected theme becomes one 2-hour event hosted by an office (SOP steps 6-11)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cycles.models import Cycle, StepRecord
from organization.models import Office


class Event(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        READY = "ready", _("Siap")
        HELD = "held", _("Terlaksana")
        CLOSED = "closed", _("Ditutup")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("Luring")
        ONLINE = "online", _("Daring")
        HYBRID = "hybrid", _("Hibrida")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="events", verbose_name=_("siklus")
    )
    title = models.CharField(_("tema"), max_length=200)
    host_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        verbose_name=_("kantor penyelenggara"),
    )
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), default="09:00")
    end_time = models.TimeField(_("jam selesai"), default="11:00")
    mode = models.CharField(_("bentuk"), max_length=10, choices=Mode.choices, default=Mode.HYBRID)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    meeting_link = models.URLField(_("tautan rapat daring"), blank=True)
    checkin_margin_minutes = models.PositiveSmallIntegerField(
        _("kelonggaran presensi (menit)"), default=30
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("kegiatan Serawai")
        verbose_name_plural = _("kegiatan Serawai")

    def __str__(self):
        return self.title

    @property
    def quarter(self) -> int:
        return (self.date.month - 1) // 3 + 1


class EventStep(StepRecord):
    """Steps 6-11 of one event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="steps", verbose_name=_("kegiatan")
    )

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("langkah kegiatan")
        verbose_name_plural = _("langkah kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="one_event_step_per_number"),
            models.CheckConstraint(
                condition=Q(number__gte=6, number__lte=11), name="event_step_is_6_to_11"
            ),
        ]


class CommitteeMember(models.Model):
    """A person in the event's committee (step 6): an employee, or an external speaker."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordinator")
        SPEAKER = "speaker", _("Narasumber")
        MODERATOR = "moderator", _("Moderator/MC")
        NOTULIS = "notulis", _("Notulis")
        OTHER = "other", _("Panitia lain")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="committee", verbose_name=_("kegiatan")
    )
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_roles",
        verbose_name=_("pegawai"),
    )
    external_name = models.CharField(_("nama (pihak luar)"), max_length=150, blank=True)
    external_institution = models.CharField(_("instansi (pihak luar)"), max_length=150, blank=True)
    duty = models.CharField(_("tugas"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        ordering = ["event", "role", "id"]
        verbose_name = _("panitia")
        verbose_name_plural = _("panitia")
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=False) | ~Q(external_name=""),
                name="committee_member_is_someone",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.employee.full_name if self.employee_id else self.external_name


class Attendance(models.Model):
    """One attendee of an event: self check-in, or added by the Notulis."""

    class Source(models.TextChoices):
        SELF = "self", _("Presensi mandiri")
        NOTULIS = "notulis", _("Ditambahkan notulis")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("kegiatan")
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("pegawai"),
    )
    checked_in_at = models.DateTimeField(_("waktu hadir"), default=timezone.now)
    source = models.CharField(_("cara"), max_length=10, choices=Source.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditambahkan oleh"),
    )

    class Meta:
        ordering = ["event", "checked_in_at"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="one_attendance_per_person")
        ]

    def __str__(self):
        return f"{self.employee} @ {self.event}"
