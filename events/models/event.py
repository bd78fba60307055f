"""Events: each selected theme becomes one 2-hour event hosted by an office (SOP steps 6-11)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from common.fields import actor_field
from common.scopes import scoped_by_province
from cycles.models import Cycle, StepQuerySet, StepRecord
from organization.models import Office

# The SOP gives no limit; two hours either side keeps self check-in to the event's day.
CHECKIN_MARGIN_MAX_MINUTES = 120


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


class Event(models.Model):
    class Topic(models.TextChoices):
        """The fields of work of a BPS office, by which the library is browsed."""

        SOCIAL = "social", _("Statistik Sosial")
        PRODUCTION = "production", _("Statistik Produksi")
        DISTRIBUTION = "distribution", _("Statistik Distribusi")
        ACCOUNTS = "accounts", _("Neraca Wilayah dan Analisis Statistik")
        IT = "it", _("Integrasi Pengolahan dan Diseminasi Statistik")
        METHODS = "methods", _("Metodologi")
        MANAGEMENT = "management", _("Manajemen dan Umum")

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
    recording_url = models.URLField(
        _("tautan rekaman"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    checkin_margin_minutes = models.PositiveSmallIntegerField(
        _("kelonggaran presensi (menit)"),
        default=30,
        validators=[
            MaxValueValidator(
                CHECKIN_MARGIN_MAX_MINUTES,
                ngettext_lazy(
                    "Kelonggaran presensi paling lama %(limit_value)d menit.",
                    "Kelonggaran presensi paling lama %(limit_value)d menit.",
                    "limit_value",
                ),
            )
        ],
        help_text=_(
            "Presensi mandiri dibuka sekian menit sebelum jam mulai sampai sekian menit sesudah "
            "jam selesai; paling lama 120 menit."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))

    committee_letter_url = models.CharField(_("surat daftar pelaksana"), max_length=250, blank=True)
    invitation_letter_url = models.CharField(_("surat undangan"), max_length=250, blank=True)
    invitation_sent_at = models.DateTimeField(_("undangan dikirim"), null=True, blank=True)
    invitation_sent_by = actor_field(_("undangan dikirim oleh"))
    held_at = models.DateTimeField(_("dicatat terlaksana"), null=True, blank=True)
    held_by = actor_field(_("dicatat terlaksana oleh"))
    certificates_issued_at = models.DateTimeField(_("sertifikat terbit"), null=True, blank=True)
    certificates_issued_by = actor_field(_("sertifikat diterbitkan oleh"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = actor_field(_("ditutup oleh"))
    # Shared by the CAN with every province: the held event then appears in every province's
    # library (Pustaka Serawai), its own province named.
    topic = models.CharField(_("topik"), max_length=12, choices=Topic.choices, blank=True)
    shared = models.BooleanField(_("dibagikan ke semua provinsi"), default=False)
    shared_at = models.DateTimeField(_("dibagikan/ditarik"), null=True, blank=True)
    shared_by = actor_field(_("dibagikan/ditarik oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("kegiatan Serawai")
        verbose_name_plural = _("kegiatan Serawai")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def quarter(self) -> int:
        return (self.date.month - 1) // 3 + 1

    @property
    def takes_photos(self) -> bool:
        """Documentation photos (step 9) are added once readiness is confirmed, until closing."""
        return self.status in (self.Status.READY, self.Status.HELD)

    @property
    def window(self) -> tuple[datetime, datetime]:
        """The self check-in window: [start - margin, end + margin], in Asia/Jakarta time."""
        tz = ZoneInfo("Asia/Jakarta")
        margin = timedelta(minutes=self.checkin_margin_minutes)
        start = datetime.combine(self.date, _as_time(self.start_time), tzinfo=tz)
        end = datetime.combine(self.date, _as_time(self.end_time), tzinfo=tz)
        return start - margin, end + margin


class EventStep(StepRecord):
    """Steps 6-11 of one event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="steps", verbose_name=_("kegiatan")
    )

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province(
        "event__cycle__province", models.Manager.from_queryset(StepQuerySet)
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
        NOTE_TAKER = "note_taker", _("Notulis")
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
    created_by = actor_field(_("dibuat oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

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


class AttendanceQuerySet(models.QuerySet):
    def during_event(self):
        """Attendance taken during the event (self check-in in its window, or the note taker until
        the window closed), not a correction the CAN made afterwards: only this makes a person
        an attendee who may rate the presenters."""
        return self.exclude(source=Attendance.Source.LATE)

    def late(self):
        return self.filter(source=Attendance.Source.LATE)


class Attendance(models.Model):
    """One attendee of an event: self check-in, added by the note taker during the event, or added
    by the CAN after it ended (with a reason; marked late in every list)."""

    class Source(models.TextChoices):
        SELF = "self", _("Presensi mandiri")
        NOTE_TAKER = "note_taker", _("Ditambahkan notulis")
        LATE = "late", _("Dicatat CAN setelah kegiatan")

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
    added_by = actor_field(_("ditambahkan oleh"))
    reason = models.CharField(_("alasan pencatatan susulan"), max_length=200, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province(
        "event__cycle__province", models.Manager.from_queryset(AttendanceQuerySet)
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

    @property
    def is_late(self) -> bool:
        return self.source == self.Source.LATE

    def get_additional_data(self):
        """Kept with the audit entry (django-auditlog): why the CAN removed this attendance."""
        reason = getattr(self, "removal_reason", "")
        return {"reason": reason} if reason else None


class Readiness(models.Model):
    """Step 7: the host's readiness checklist, updated by the host CA, confirmed by CA Provinsi."""

    ITEMS = (
        "place_ready",
        "material_received",
        "invitation_sent",
        "committee_confirmed",
        "equipment_tested",
    )

    # Ticked by uploading the presenter's material (events.services.materials), not by hand.
    FROM_UPLOAD = ("material_received",)
    MANUAL_ITEMS = ("place_ready", "invitation_sent", "committee_confirmed", "equipment_tested")

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="readiness", verbose_name=_("kegiatan")
    )
    place_ready = models.BooleanField(_("tempat dan/atau tautan rapat siap"), default=False)
    material_received = models.BooleanField(_("materi narasumber sudah diterima"), default=False)
    invitation_sent = models.BooleanField(_("undangan sudah dikirim"), default=False)
    committee_confirmed = models.BooleanField(_("panitia sudah dikonfirmasi"), default=False)
    equipment_tested = models.BooleanField(_("peralatan sudah diuji"), default=False)
    updated_at = models.DateTimeField(_("diperbarui"), null=True, blank=True)
    updated_by = actor_field(_("diperbarui oleh"))
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    confirmed_by = actor_field(_("dikonfirmasi oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        verbose_name = _("kesiapan kegiatan")
        verbose_name_plural = _("kesiapan kegiatan")

    def __str__(self):
        return f"{self.event}: {self.done_count}/{len(self.ITEMS)}"

    def items(self) -> list[tuple[str, str, bool]]:
        """(field name, label, done) for each checklist item, in order."""
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.ITEMS
        ]

    @property
    def done_count(self) -> int:
        return sum(1 for name in self.ITEMS if getattr(self, name))

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.ITEMS)


class ReadinessLog(models.Model):
    """A dated entry of the preparation progress (step 7): the checklist state and a comment."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="readiness_log", verbose_name=_("kegiatan")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    author = actor_field(_("penulis"), required=True)
    done_count = models.PositiveSmallIntegerField(_("butir siap"), default=0)
    comment = models.TextField(_("catatan"), blank=True)
    is_confirmation = models.BooleanField(_("konfirmasi kesiapan"), default=False)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("catatan kemajuan persiapan")
        verbose_name_plural = _("catatan kemajuan persiapan")

    def __str__(self):
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"


class TeamRole(models.TextChoices):
    MC = "mc", _("MC")
    MODERATOR = "moderator", _("Moderator")
    OPERATOR = "operator", _("Operator")
    DOCUMENTATION = "documentation", _("Dokumentasi")
    REGISTRATION = "registration", _("Presensi/registrasi")
    OTHER = "other", _("Lainnya")


class EventTeamNeed(models.Model):
    """Step 8: support the CAN asks of the Event Team for one event (a role, how many, when)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="team_needs", verbose_name=_("kegiatan")
    )
    role = models.CharField(_("peran"), max_length=16, choices=TeamRole.choices)
    people = models.PositiveSmallIntegerField(_("jumlah orang"), default=1)
    start_time = models.TimeField(_("mulai bertugas"))
    end_time = models.TimeField(_("selesai bertugas"))
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["event", "start_time", "id"]
        verbose_name = _("kebutuhan Event Team")
        verbose_name_plural = _("kebutuhan Event Team")
        constraints = [
            models.UniqueConstraint(fields=["event", "role"], name="one_team_need_per_role"),
            models.CheckConstraint(condition=Q(people__gte=1), name="team_need_has_people"),
        ]

    def __str__(self):
        return f"{self.event}: {self.get_role_display()} x{self.people}"


class AssignmentQuerySet(models.QuerySet):
    def serving(self):
        return self.exclude(status=EventTeamAssignment.Status.SWAPPED)


class EventTeamAssignment(models.Model):
    """One Event Team member in one role at one event: proposed by rotation, confirmed or swapped
    by the Event Team lead. Swapped rows stay as history with their reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan")
        CONFIRMED = "confirmed", _("Dikonfirmasi")
        SWAPPED = "swapped", _("Diganti")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="team", verbose_name=_("kegiatan")
    )
    need = models.ForeignKey(
        EventTeamNeed,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("kebutuhan"),
    )
    role = models.CharField(_("peran"), max_length=16, choices=TeamRole.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_team_assignments",
        verbose_name=_("anggota"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_at = models.DateTimeField(_("diusulkan"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    decided_by = actor_field(_("diputuskan oleh"))
    swapped_at = models.DateTimeField(_("diganti pada"), null=True, blank=True)
    swap_reason = models.CharField(_("alasan penggantian"), max_length=250, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("digantikan oleh"),
    )

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province(
        "event__cycle__province", models.Manager.from_queryset(AssignmentQuerySet)
    )

    class Meta:
        ordering = ["event", "role", "id"]
        verbose_name = _("tugas Event Team")
        verbose_name_plural = _("tugas Event Team")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "employee"],
                condition=~Q(status="swapped"),
                name="one_team_task_per_person_per_event",
            )
        ]

    def __str__(self):
        return f"{self.event}: {self.get_role_display()} {self.employee}"


class TeamUnavailability(models.Model):
    """An Event Team member who cannot serve at an event (leave, duty travel): never proposed."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="unavailable", verbose_name=_("kegiatan")
    )
    employee = actor_field(_("anggota"), required=True)
    reason = models.CharField(_("alasan"), max_length=200)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        verbose_name = _("ketidaktersediaan anggota")
        verbose_name_plural = _("ketidaktersediaan anggota")
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="one_unavailability")
        ]

    def __str__(self):
        return f"{self.event}: {self.employee}"


class Minutes(models.Model):
    """The minutes (notulensi) of an event, written in the app; read-only once finalised."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("kegiatan")
    )
    summary = models.TextField(_("ringkasan"), blank=True)
    questions_answers = models.TextField(_("tanya jawab"), blank=True)
    follow_ups = models.TextField(_("tindak lanjut"), blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)
    updated_by = actor_field(_("diperbarui oleh"), required=True)
    finalised_at = models.DateTimeField(_("difinalkan"), null=True, blank=True)
    finalised_by = actor_field(_("difinalkan oleh"))
    # The signed, numbered PDF stored when the minutes are finalised (documents.Letter).
    document_number = models.CharField(_("nomor notulensi"), max_length=60, blank=True)
    document_url = models.CharField(_("berkas notulensi"), max_length=200, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        verbose_name = _("notulensi")
        verbose_name_plural = _("notulensi")

    def __str__(self):
        return f"{self.event}"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


def _photo_path(instance, filename):
    return f"events/{instance.event_id}/photos/{filename}"


class Photo(models.Model):
    """A documentation photo: verified and re-encoded as JPEG, with a thumbnail and a caption."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("kegiatan")
    )
    image = models.FileField(_("foto"), upload_to=_photo_path, max_length=200)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=_photo_path, max_length=200)
    caption = models.CharField(_("keterangan"), max_length=250)
    width = models.PositiveIntegerField(_("lebar"))
    height = models.PositiveIntegerField(_("tinggi"))
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    uploaded_by = actor_field(_("diunggah oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["event", "uploaded_at", "id"]
        verbose_name = _("foto dokumentasi")
        verbose_name_plural = _("foto dokumentasi")

    def __str__(self):
        return self.caption
