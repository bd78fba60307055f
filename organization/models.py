"""Offices (a tree: BPS RI -> province -> kab/kota), employees and their roles per year."""

import functools

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_office

from .nip import format_nip, normalize_nip, validate_nip


class OfficeQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=Office.Level.PROVINCE)

    def regencies(self):
        return self.filter(level=Office.Level.REGENCY)

    def in_province(self, province):
        return self.filter(Q(pk=province.pk) | Q(parent=province))


class Office(models.Model):
    """A BPS office, identified by its BPS code (1700 = Provinsi Bengkulu, 1771 = Kota Bengkulu)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("BPS RI")
        PROVINCE = "province", _("BPS Provinsi")
        REGENCY = "regency", _("BPS Kabupaten/Kota")

    code = models.CharField(_("kode BPS"), max_length=4, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    city = models.CharField(_("kota tempat surat"), max_length=60, blank=True)
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("situs web"), max_length=100, blank=True)
    # The letterhead's emblem, uploaded by the admin (re-encoded as PNG in the admin form);
    # without one, documents use the BPS emblem shipped with Serawai.
    logo = models.ImageField(
        _("logo kop surat"), upload_to="offices/logos/", max_length=200, blank=True
    )

    # Not province-scoped: the office tree is shared reference data, read to build every scope,
    # at log-in and by the national views; nothing in it belongs to one province.
    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("kantor")
        verbose_name_plural = _("kantor")

    def __str__(self):
        return f"{self.code} {self.short_name}"

    @property
    def satker_code(self) -> str:
        """Letters carry the 5-digit satker code: the office code followed by 0."""
        return f"{self.code}0"

    @property
    def province(self):
        if self.level == self.Level.PROVINCE:
            return self
        if self.level == self.Level.REGENCY:
            return self.parent
        return None

    @property
    def is_regency(self) -> bool:
        return self.level == self.Level.REGENCY


class EmployeeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_province(self, province):
        return self.filter(Q(office=province) | Q(office__parent=province))

    def heads(self):
        """Heads of office (Kepala BPS ...), who sign their office's letters."""
        return self.filter(position__istartswith="Kepala")


class EmployeeManager(BaseUserManager.from_queryset(EmployeeQuerySet)):
    use_in_migrations = True

    def _create(self, nip, password, **fields):
        nip = normalize_nip(nip)
        if fields.get("email"):
            fields["email"] = self.normalize_email(fields["email"]).lower()
        else:
            fields["email"] = None
        user = self.model(nip=nip, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, nip, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(nip, password, **fields)

    def create_superuser(self, nip, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(nip, password, **fields)


class Employee(AbstractBaseUser, PermissionsMixin):
    """An employee (pegawai) of a BPS office; also the login account."""

    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        validators=[validate_nip],
        help_text=_("18 angka, contoh 19860926 201505 1 001"),
    )
    full_name = models.CharField(
        _("nama lengkap dengan gelar"),
        max_length=150,
        help_text=_(
            "Sebagaimana ditulis pada surat dan sertifikat, mis. Dr. Ani Lestari, S.ST., M.Si."
        ),
    )
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("kantor"),
    )
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("akses admin"), default=False)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)

    # Not province-scoped: the account is read by authentication, sessions and django-axes
    # before any scope exists, and people are named across provinces (actors, HQ, moves).
    # Who may see or change a person is the rules' and the views' province filter.
    objects = EmployeeManager()

    USERNAME_FIELD = "nip"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")

    def __str__(self):
        return self.full_name

    def clean(self):
        super().clean()
        self.nip = normalize_nip(self.nip)
        if self.email:
            self.email = self.email.strip().lower()
        else:
            self.email = None

    def get_full_name(self):
        return self.full_name

    def has_perm(self, perm, obj=None):
        """Django's answer, except that an SOP act needs its SOP role, superuser or not. A
        permission only a rule defines is answered by the rule (and a superuser has it), without
        reading Django's permission tables: no row there can grant it."""
        from rules import has_perm as rule_allows
        from rules import perm_exists

        from .rules import SOP_ACTIONS

        if perm in SOP_ACTIONS:
            return self.is_active and rule_allows(perm, self, obj)
        if perm_exists(perm) and not _model_permission(perm):
            return self.is_active and (self.is_superuser or rule_allows(perm, self, obj))
        return super().has_perm(perm, obj)

    def get_short_name(self):
        return self.full_name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def province(self):
        return self.office.province if self.office_id else None


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, year=None, on=None):
        """Assignments in force in a year (default: this year) and not ended before `on`."""
        today = on or timezone.localdate()
        year = year or today.year
        return self.filter(year=year).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))

    def of_role(self, *roles):
        return self.filter(role__in=roles)


class RoleAssignment(models.Model):
    """A programme role held by an employee for a year. Kept as history: ending one keeps it."""

    class Role(models.TextChoices):
        CAN_COORDINATOR = "can_coordinator", _("Koordinator CAN Provinsi")
        CAN_MEMBER = "can_member", _("Anggota CAN Provinsi")
        CA = "ca", _("Agen Perubahan (CA)")
        CC = "cc", _("Change Champion (CC)")
        EVENT_TEAM_LEAD = "event_team_lead", _("Ketua Event Team")
        EVENT_TEAM = "event_team", _("Anggota Event Team")

    employee = models.ForeignKey(
        Employee,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("pegawai"),
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("kantor"),
        help_text=_(
            "Kantor tempat peran dijalankan: kantor CA, atau provinsi untuk CAN, CC dan Event Team."
        ),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    ended_on = models.DateField(_("berakhir pada"), null=True, blank=True)
    ended_by = actor_field(_("diakhiri oleh"))
    end_reason = models.CharField(_("alasan berakhir"), max_length=200, blank=True)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("office", models.Manager.from_queryset(RoleAssignmentQuerySet))

    class Meta:
        ordering = ["-year", "role", "office__code"]
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "role", "office", "year"],
                condition=Q(ended_on__isnull=True),
                name="unique_open_role_assignment",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.office.short_name} {self.year}: {self.employee}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.year == today.year and (self.ended_on is None or self.ended_on > today)


def _import_path(instance, filename):
    return f"imports/employees/{timezone.now():%Y/%m}/{filename}"


class EmployeeImport(models.Model):
    """A large employee sheet, stored when uploaded and imported by a Celery worker.

    The row is the job: the worker reads the stored file, checks and stores every row (all or
    none, organization.employee_import), and records the outcome here for the progress page.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Ditolak")

    file = models.FileField(_("berkas"), upload_to=_import_path, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    percent = models.PositiveSmallIntegerField(_("kemajuan"), default=0)
    stage = models.CharField(_("tahap"), max_length=120, blank=True)
    rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created = models.PositiveIntegerField(_("pegawai baru"), default=0)
    updated = models.PositiveIntegerField(_("diperbarui"), default=0)
    unchanged = models.PositiveIntegerField(_("tidak berubah"), default=0)
    # [[row number, reason], ...] when the sheet was refused; nothing was stored then.
    errors = models.JSONField(_("baris bermasalah"), default=list, blank=True)
    requested_by = actor_field(_("diunggah oleh"), required=True)
    requested_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    heartbeat_at = models.DateTimeField(_("terakhir aktif"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    # Not province-scoped: a job of the person who uploaded it (read by its id by that person's
    # progress page and by the worker); its only path to a province is its requester's office,
    # which may change. What the import may touch is checked per row by province.

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("impor pegawai")
        verbose_name_plural = _("impor pegawai")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


@functools.cache
def _model_permission(perm: str) -> bool:
    """Whether `perm` ("app_label.codename") names a permission Django's tables can hold: a
    model's default or Meta permission. Fixed by the code, so asked once per name."""
    app_label, _dot, codename = perm.partition(".")
    try:
        models_of_app = apps.get_app_config(app_label).get_models()
    except LookupError:
        return False
    for model in models_of_app:
        opts = model._meta
        if codename in {f"{action}_{opts.model_name}" for action in opts.default_permissions}:
            return True
        if codename in {name for name, _label in opts.permissions}:
            return True
    return False
