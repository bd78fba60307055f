"""Personal calendar feeds: a private address per person, and what each feed entry last said."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """The private iCal address of one person. The token is the only credential of the feed:
    regenerating it replaces the address, deleting the row revokes it (the old one answers 404).
    Read unscoped: the feed is fetched by its token without a session, and the feed itself is
    built in its owner's province scope.
    """

    employee = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("pegawai"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("alamat kalender")
        verbose_name_plural = _("alamat kalender")

    def __str__(self):
        return str(self.employee)


class CalendarEntryState(models.Model):
    """The last content of one calendar entry (an event or a step deadline) as feeds showed it.

    A calendar client replaces an entry it already holds only when SEQUENCE grows, so each
    change of what the entry says (a date or time moved, a new title or place) is counted here,
    whichever service moved it.
    """

    uid = models.CharField(_("UID"), max_length=120, unique=True)
    fingerprint = models.CharField(_("sidik isi"), max_length=64)
    sequence = models.PositiveIntegerField(_("urutan revisi"), default=0)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    modified_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("keadaan entri kalender")
        verbose_name_plural = _("keadaan entri kalender")

    def __str__(self):
        return f"{self.uid} #{self.sequence}"
