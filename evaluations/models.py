"""Step 11: presenter and organiser evaluation of each event, and the year's awards.

Presenter ratings are anonymous by construction (common.secrecy): `RaterRecord` says who has
rated an event (so each attendee rates once, enforced by the database), with the day only; what
they gave waits sealed in `RatingBoxEntry` until a mix moves at least five raters' ratings at once
into `PresenterRating`, shuffled, with random ids and no link to the rater. When the form closes,
the rater records and the ratings are rewritten in shuffled order.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province
from cycles.models import Cycle
from events.models import CommitteeMember, Event
from organization.models import Office

from .criteria import ORGANIZER_KEYS, PRESENTER_KEYS


def _score_field(label):
    return models.PositiveSmallIntegerField(label)


def _score_checks(keys, prefix):
    return [
        models.CheckConstraint(
            condition=Q(**{f"{key}__gte": 1, f"{key}__lte": 5}), name=f"{prefix}_{key}_1_to_5"
        )
        for key in keys
    ]


class PresenterEvaluation(models.Model):
    """The presenter rating form of one event: opened when the event is held, closes at the end
    of the event's quarter (SOP step 11, "quarterly")."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="presenter_evaluation",
        verbose_name=_("kegiatan"),
    )
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    opened_by = actor_field(_("dibuka oleh"))
    closes_on = models.DateField(_("ditutup setelah tanggal"))
    # When the closed form's box was emptied and its raters and ratings rewritten shuffled.
    mixed_at = models.DateTimeField(_("penilaian dicampur"), null=True, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        verbose_name = _("formulir evaluasi narasumber")
        verbose_name_plural = _("formulir evaluasi narasumber")

    def __str__(self):
        return str(self.event)

    def is_open(self, today=None) -> bool:
        return (today or timezone.localdate()) <= self.closes_on


class RaterRecord(models.Model):
    """That an attendee has rated an event's presenters (never what they gave)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="rater_records", verbose_name=_("kegiatan")
    )
    employee = actor_field(_("pegawai"), required=True)
    # The day only: an exact time could be matched against the order of the ratings.
    rated_on = models.DateField(_("tanggal menilai"), default=timezone.localdate)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["event", "employee__full_name"]
        verbose_name = _("catatan penilai")
        verbose_name_plural = _("catatan penilai")
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="one_presenter_rating_each")
        ]

    def __str__(self):
        return f"{self.employee} @ {self.event}"


class RatingBoxEntry(models.Model):
    """One rater's presenter ratings, sealed, waiting to be mixed into `PresenterRating`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rating_box")
    sealed = models.TextField(editable=False)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        verbose_name = _("penilaian menunggu")
        verbose_name_plural = _("penilaian menunggu")

    def __str__(self):
        return str(_("Penilaian menunggu"))


class PresenterRating(models.Model):
    """One anonymous rating of one presenter (Narasumber) of an event, 1-5 per criterion."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="presenter_ratings",
        verbose_name=_("kegiatan"),
    )
    presenter = models.ForeignKey(
        CommitteeMember,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("narasumber"),
    )
    mastery = _score_field(_("Penguasaan materi"))
    delivery = _score_field(_("Cara penyampaian"))
    relevance = _score_field(_("Relevansi dengan pekerjaan BPS"))
    time_management = _score_field(_("Pengelolaan waktu"))
    interaction = _score_field(_("Interaksi dengan peserta"))
    comment = models.TextField(_("komentar"), blank=True)
    suggestion = models.TextField(_("saran"), blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["id"]  # random: says nothing about who rated first
        verbose_name = _("penilaian narasumber")
        verbose_name_plural = _("penilaian narasumber")
        constraints = _score_checks(PRESENTER_KEYS, "presenter")

    def __str__(self):
        return f"{self.presenter.display_name} @ {self.event}"


class OrganizerRating(models.Model):
    """A CAN Provinsi member's rating of the host office of an event (SOP step 11)."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="organizer_ratings",
        verbose_name=_("kegiatan"),
    )
    rater = actor_field(_("penilai"), required=True)
    preparation = _score_field(_("Persiapan"))
    punctuality = _score_field(_("Ketepatan waktu pelaksanaan"))
    technical_quality = _score_field(_("Kualitas teknis"))
    documentation = _score_field(_("Dokumentasi"))
    comment = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dinilai"), default=timezone.now)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("event__cycle__province")

    class Meta:
        ordering = ["event", "created_at"]
        verbose_name = _("penilaian penyelenggara")
        verbose_name_plural = _("penilaian penyelenggara")
        constraints = [
            models.UniqueConstraint(fields=["event", "rater"], name="one_organizer_rating_each"),
            *_score_checks(ORGANIZER_KEYS, "organizer"),
        ]

    def __str__(self):
        return f"{self.event.host_office} @ {self.event}"


class Award(models.Model):
    """A year's award (best presenter, best kab/kota organiser) as decided and certified."""

    class Kind(models.TextChoices):
        PRESENTER = "presenter", _("Narasumber terbaik")
        ORGANIZER = "organizer", _("Penyelenggara kabupaten/kota terbaik")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="awards", verbose_name=_("siklus")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    winner_name = models.CharField(_("pemenang"), max_length=200)
    employee = actor_field(_("pegawai"))
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    score = models.DecimalField(_("skor"), max_digits=5, decimal_places=3)
    ratings = models.PositiveIntegerField(_("jumlah penilaian"))
    decided_at = models.DateTimeField(_("ditetapkan"), default=timezone.now)
    decided_by = actor_field(_("ditetapkan oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["cycle", "kind"]
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="one_award_per_kind_and_cycle")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.cycle.year}: {self.winner_name}"
