"""Stored documents: official letters with their numbers, and certificates with their codes.

A rendered document is kept as the exact bytes that were issued, with their SHA-256, so that a
download today gives the same file as the day it was signed. Nothing here is ever deleted: a
letter is cancelled and a certificate revoked, and both keep their number or serial.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_office


class SequenceBase(models.Model):
    """A running number per office and year; rows are locked with SELECT ... FOR UPDATE."""

    office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.office.code}/{self.year}: {self.last_number}"


class LetterSequence(SequenceBase):
    """Outgoing letter numbers of one office in one year (restart at 1 each year)."""

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("office")

    class Meta:
        verbose_name = _("urutan nomor surat")
        verbose_name_plural = _("urutan nomor surat")
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="unique_letter_sequence")
        ]


class CertificateSequence(SequenceBase):
    """Certificate serials of one issuing office in one year."""

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("office")

    class Meta:
        verbose_name = _("urutan nomor sertifikat")
        verbose_name_plural = _("urutan nomor sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="unique_certificate_sequence")
        ]


def _letter_path(instance, filename):
    return f"documents/letters/{instance.office.code}/{instance.year}/{filename}"


def _certificate_path(instance, filename):
    return f"documents/certificates/{instance.issuer_office.code}/{instance.year}/{filename}"


def new_verification_code() -> str:
    """128 random bits, URL-safe: a code nobody can guess or enumerate."""
    return secrets.token_urlsafe(16)


class StoredDocument(models.Model):
    """What every issued document keeps: the file, its hash, who issued it and what it is for."""

    sha256 = models.CharField(_("SHA-256"), max_length=64)
    issued_at = models.DateTimeField(_("diterbitkan pada"), auto_now_add=True)
    issued_by = actor_field(_("diterbitkan oleh"), required=True)
    related_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    signatory = actor_field(_("penandatangan"), required=True)
    # Copied at signing: a later change of position must not rewrite a signed document's record.
    signatory_name = models.CharField(_("nama penandatangan"), max_length=150)
    signatory_position = models.CharField(_("jabatan penandatangan"), max_length=150, blank=True)
    signatory_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True)

    class Meta:
        abstract = True


class LetterQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Letter.Status.ISSUED)

    def for_object(self, obj):
        return self.filter(related_type=ContentType.objects.get_for_model(obj), related_id=obj.pk)


class Letter(StoredDocument):
    """An outgoing official letter (surat dinas) in Tata Naskah Dinas form.

    Most are numbered from the office's sequence and rendered here. An *external* letter was
    signed elsewhere (the national e-office system, on paper) and registered with its printed
    number, its date and its PDF: it takes no number of ours, its file is the upload as given,
    and from then on it stands for the letter of its kind. Its `signatory` is the person who
    registered it; `signatory_name` is the name the letter bears.
    """

    class Kind(models.TextChoices):
        SOCIALISATION = "socialisation", _("Surat sosialisasi (langkah 2)")
        PROPOSALS = "proposals", _("Surat permintaan usulan tema (langkah 3)")
        VOTE = "vote", _("Surat pemungutan suara (langkah 4)")
        RESULTS = "results", _("Surat hasil pemilihan tema (langkah 5)")
        COMMITTEE = "committee", _("Surat keputusan panitia (langkah 6)")
        INVITATION = "invitation", _("Surat undangan kegiatan (langkah 9)")
        REPORT = "report", _("Surat laporan kegiatan (langkah 10)")
        EVALUATION = "evaluation", _("Surat hasil evaluasi (langkah 11)")
        MINUTES = "minutes", _("Notulensi kegiatan (langkah 9)")
        OTHER = "other", _("Surat lainnya")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Terbit")
        CANCELLED = "cancelled", _("Dibatalkan")

    office = models.ForeignKey(
        "organization.Office",
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("kantor pengirim"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    # None for an external letter: its number was given by the system that issued it.
    sequence = models.PositiveIntegerField(_("nomor urut"), null=True, blank=True)
    number = models.CharField(_("nomor surat"), max_length=60)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    external = models.BooleanField(_("didaftarkan dari luar"), default=False)
    classification = models.CharField(_("kode klasifikasi"), max_length=20, default="HM.010")
    nature = models.CharField(_("sifat"), max_length=20, default="Biasa")
    enclosures = models.CharField(_("lampiran"), max_length=60, default="-")
    date = models.DateField(_("tanggal surat"))
    subject = models.CharField(_("hal"), max_length=250)
    addressees = models.JSONField(_("yang dituju"), default=list)
    copies_to = models.JSONField(_("tembusan"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancelled_by = actor_field(_("dibatalkan oleh"))
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=250, blank=True)

    file = models.FileField(_("berkas"), upload_to=_letter_path, max_length=255)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("office", models.Manager.from_queryset(LetterQuerySet))

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="unique_letter_sequence_number"
            ),
            models.UniqueConstraint(
                fields=["office", "year", "number"], name="unique_letter_number_per_office_year"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}"

    def get_absolute_url(self):
        return reverse("documents:letter_download", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def download_name(self) -> str:
        prefix = "notulensi-" if self.kind == self.Kind.MINUTES else "surat-"
        return prefix + self.number.replace("/", "-") + ".pdf"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked=False)

    def of_holder(self, employee):
        return self.filter(holder=employee)


class Certificate(StoredDocument):
    """A certificate for one person at one event, verifiable by its code at /verify/<code>."""

    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("Peserta")
        SPEAKER = "speaker", _("Narasumber")
        MODERATOR = "moderator", _("Moderator/MC")
        COMMITTEE = "committee", _("Panitia")
        AWARD = "award", _("Penghargaan")

    code = models.CharField(
        _("kode verifikasi"), max_length=32, unique=True, default=new_verification_code
    )
    serial = models.CharField(_("nomor sertifikat"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("pemegang (pegawai)"),
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=200)
    holder_nip = models.CharField(_("NIP pemegang"), max_length=18, blank=True)
    role_label = models.CharField(_("peran"), max_length=120)
    award_title = models.CharField(_("nama penghargaan"), max_length=150, blank=True)
    event_title = models.CharField(_("kegiatan"), max_length=250)
    event_date = models.DateField(_("tanggal kegiatan"))
    # The office that hosted the event, as printed ("diselenggarakan oleh ..."): it may differ from
    # the issuing office, whose head signs. Copied at issue like the signatory.
    organiser_name = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    issuer_office = models.ForeignKey(
        "organization.Office",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("kantor penerbit"),
    )
    revoked = models.BooleanField(_("dicabut"), default=False)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_by = actor_field(_("dicabut oleh"))
    revoke_reason = models.CharField(_("alasan pencabutan"), max_length=250, blank=True)
    batch = models.ForeignKey(
        "CertificateBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("penerbitan massal"),
    )

    file = models.FileField(_("berkas"), upload_to=_certificate_path, max_length=255)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("issuer_office", models.Manager.from_queryset(CertificateQuerySet))

    class Meta:
        ordering = ["-event_date", "holder_name"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_office", "year", "sequence"], name="unique_certificate_number"
            )
        ]

    def __str__(self):
        return f"{self.serial} {self.holder_name}"

    def get_absolute_url(self):
        return reverse("documents:certificate_download", args=[self.pk])

    @property
    def verify_path(self) -> str:
        return reverse("verify", args=[self.code])

    @property
    def verify_url(self) -> str:
        return settings.SITE_URL + self.verify_path

    @property
    def organiser(self) -> str:
        return self.organiser_name or self.issuer_office.short_name

    @property
    def download_name(self) -> str:
        return "sertifikat-" + self.serial.replace("/", "-") + ".pdf"


def _batch_path(instance, filename):
    return f"documents/certificates/batches/{instance.issuer_office.code}/{filename}"


class CertificateBatch(models.Model):
    """A bulk issue of certificates run by a Celery worker: its progress, and a zip at the end."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    kind = models.CharField(_("jenis"), max_length=20, choices=Certificate.Kind.choices)
    event_title = models.CharField(_("kegiatan"), max_length=250)
    event_date = models.DateField(_("tanggal kegiatan"))
    award_title = models.CharField(_("nama penghargaan"), max_length=150, blank=True)
    organiser_name = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    issuer_office = models.ForeignKey(
        "organization.Office", on_delete=models.PROTECT, related_name="+"
    )
    signatory = actor_field(_("penandatangan"), required=True)
    # [{"name", "nip", "employee_id", "role_label"}]: plain data, read by the worker.
    holders = models.JSONField(_("pemegang"), default=list)
    related_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    done = models.PositiveIntegerField(_("selesai"), default=0)
    error = models.TextField(_("galat"), blank=True)
    archive = models.FileField(_("arsip zip"), upload_to=_batch_path, max_length=255, blank=True)
    requested_by = actor_field(_("diminta oleh"), required=True)
    requested_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # Set when the batch is handed over and after each committed chunk: a pending or running
    # batch whose heartbeat is old has no worker on it (broker down, worker killed).
    heartbeat_at = models.DateTimeField(_("terakhir aktif"), null=True, blank=True)
    retried_at = models.DateTimeField(_("diulang pada"), null=True, blank=True)
    retried_by = actor_field(_("diulang oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("issuer_office")

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("penerbitan sertifikat massal")
        verbose_name_plural = _("penerbitan sertifikat massal")

    def __str__(self):
        return f"{self.event_title} ({self.done}/{self.total})"

    def get_absolute_url(self):
        return reverse("documents:batch_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 100

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stuck(self) -> bool:
        """Waiting or running with no sign of a worker for longer than a chunk ever takes."""
        if self.status not in (self.Status.PENDING, self.Status.RUNNING):
            return False
        last = self.heartbeat_at or self.requested_at
        return last is not None and timezone.now() - last > stuck_after()

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stuck


def stuck_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SERAWAI_BATCH_STUCK_SECONDS)
