"""In-app notifications, the e-mail outbox and per-kind e-mail preferences.

Exactly once: a notification may carry a `key` (e.g. "step:cycles.cyclestep:12:reminder:2026-11-24")
that is unique per recipient in the database; its e-mail is a one-to-one row in the outbox, so no
re-run of the code that notifies can create a second message or a second e-mail.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.scopes import scoped_by_office

from . import kinds


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message shown in a person's bell; links to the page where the action is done."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    # No `choices` on the column: a new kind needs no migration (kinds.py is the list).
    kind = models.CharField(_("jenis"), max_length=40)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    key = models.CharField(_("kunci sekali-kirim"), max_length=200, null=True, blank=True)  # noqa: DJ001
    # NULL, not "": a notification without a key is never unique-checked.
    # The notify() call that inserted the row: lets it find exactly the rows it created when
    # bulk_create(ignore_conflicts=True) skipped some (PostgreSQL returns no ids then).
    batch = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office(
        "recipient__office", models.Manager.from_queryset(NotificationQuerySet)
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=Q(key__isnull=False),
                name="notification_once_per_recipient_key",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["batch"], name="notification_batch_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def absolute_url(self) -> str:
        if self.url.startswith(("http://", "https://")):
            return self.url
        return f"{settings.SITE_URL}{self.url}" if self.url else settings.SITE_URL + "/"


class OutboxMail(models.Model):
    """An e-mail to send (or sent): written in the caller's transaction, sent by Celery."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    notification = models.OneToOneField(
        Notification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mail",
        verbose_name=_("notifikasi"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima"),
    )
    to_address = models.EmailField(_("alamat tujuan"))
    subject = models.CharField(_("subjek"), max_length=250)
    text = models.TextField(_("isi teks"), blank=True)
    html = models.TextField(_("isi HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    sending_since = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_office("recipient__office")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mail keluar")
        verbose_name_plural = _("e-mail keluar")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.to_address}: {self.subject}"


class EmailPreference(models.Model):
    """A person's choice to receive no e-mail for one kind of message (in-app stays)."""

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preferences",
        verbose_name=_("pegawai"),
    )
    kind = models.CharField(_("jenis"), max_length=40)
    muted = models.BooleanField(_("e-mail dibisukan"), default=True)

    # Not province-scoped: a person's own setting, holding nothing of a province, read when
    # mailing any recipient.

    class Meta:
        verbose_name = _("preferensi e-mail")
        verbose_name_plural = _("preferensi e-mail")
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.employee}: {self.kind}"
