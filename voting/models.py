"""Steps 3-5: theme proposals of the kab/kota offices, the secret vote and the selected themes.

The vote is secret by construction (common.secrecy). `VoterRecord` says WHO voted (for turnout
and to stop a second ballot), with the day only. What was chosen waits sealed in the
`BallotBoxEntry` box until a mix moves at least five ballots at once into `Ballot` and
`BallotChoice`, in a random order, with random ids, in a transaction of its own. Nothing stored
with a ballot is computable from the voter, so no reader of the database, the admin or an export,
not even one holding SECRET_KEY, can find a voter's ballot once it is mixed. A cast ballot is final.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.scopes import scoped_by_province
from cycles.models import Concept, Cycle
from organization.models import Office

Electorate = Concept.Electorate


class ThemeProposal(models.Model):
    """Step 3: a theme proposed by a kab/kota office through its CA."""

    class Quarter(models.IntegerChoices):
        Q1 = 1, _("Triwulan I")
        Q2 = 2, _("Triwulan II")
        Q3 = 3, _("Triwulan III")
        Q4 = 4, _("Triwulan IV")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("siklus")
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("kantor")
    )
    title = models.CharField(_("judul tema"), max_length=200)
    abstract = models.TextField(_("ringkasan"))
    relevance = models.TextField(_("manfaat bagi pekerjaan BPS"))
    preferred_quarter = models.PositiveSmallIntegerField(
        _("triwulan yang diinginkan"), choices=Quarter.choices
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"))
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = actor_field(_("diubah oleh"))

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["office__code", "created_at", "pk"]
        verbose_name = _("usulan tema")
        verbose_name_plural = _("usulan tema")

    def __str__(self):
        return self.title

    @property
    def speaker_names(self) -> str:
        return "; ".join(s.display_name for s in self.speakers.all())

    @property
    def quarter_label(self) -> str:
        """The preferred quarter as shown: get_preferred_quarter_display's text, without the
        choices rebuilt on each call (a list shows it on every row)."""
        return str(self.Quarter(self.preferred_quarter).label)


class ProposedSpeaker(models.Model):
    """A proposed speaker (narasumber): an employee, or an external person and institution."""

    proposal = models.ForeignKey(
        ThemeProposal, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("usulan")
    )
    employee = actor_field(_("pegawai"))
    external_name = models.CharField(_("nama (pihak luar)"), max_length=150, blank=True)
    external_institution = models.CharField(_("instansi (pihak luar)"), max_length=150, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("proposal__cycle__province")

    class Meta:
        ordering = ["proposal", "pk"]
        verbose_name = _("narasumber usulan")
        verbose_name_plural = _("narasumber usulan")
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=False) | ~Q(external_name=""),
                name="proposed_speaker_is_someone",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.employee_id:
            return self.employee.full_name
        if self.external_institution:
            return f"{self.external_name} ({self.external_institution})"
        return self.external_name


class ProposalReopening(models.Model):
    """Step 3: a CAN member reopened the proposals until a date, with a recorded reason."""

    cycle = models.ForeignKey(
        Cycle,
        on_delete=models.CASCADE,
        related_name="proposal_reopenings",
        verbose_name=_("siklus"),
    )
    until = models.DateField(_("dibuka sampai"))
    reason = models.CharField(_("alasan"), max_length=250)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = actor_field(_("dibuat oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pembukaan kembali pengusulan")
        verbose_name_plural = _("pembukaan kembali pengusulan")

    def __str__(self):
        return f"{self.cycle}: {self.until}"


class Vote(models.Model):
    """Step 4-5: the vote of a cycle, with the concept's settings copied when it opened."""

    class Status(models.TextChoices):
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")
        ANNOUNCED = "announced", _("Diumumkan")

    cycle = models.OneToOneField(
        Cycle, on_delete=models.PROTECT, related_name="vote", verbose_name=_("siklus")
    )
    electorate = models.CharField(_("pemilih"), max_length=10, choices=Electorate.choices)
    choices_per_ballot = models.PositiveSmallIntegerField(_("pilihan paling banyak"))
    exclude_own_office = models.BooleanField(_("larangan memilih usulan kantor sendiri"))
    closes_on = models.DateField(_("batas pemungutan suara"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    opened_by = actor_field(_("dibuka oleh"), required=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = actor_field(_("ditutup oleh"))
    announced_at = models.DateTimeField(_("diumumkan"), null=True, blank=True)
    announced_by = actor_field(_("diumumkan oleh"))
    # While the vote is open only the number of voters shows, and only as counted at most once
    # an hour: two readings a minute apart would tell whose ballot came in between.
    shown_voters = models.PositiveIntegerField(_("jumlah pemilih yang ditampilkan"), default=0)
    shown_voters_at = models.DateTimeField(_("jumlah pemilih dihitung"), null=True, blank=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        verbose_name = _("pemungutan suara")
        verbose_name_plural = _("pemungutan suara")

    def __str__(self):
        return f"{_('Pemungutan suara')} {self.cycle}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def per_office(self) -> bool:
        return self.electorate == Electorate.OFFICES


class VoterRecord(models.Model):
    """WHO voted (never what): one row per voter, refused twice by the database.

    `voter_key` is "employee:<id>" (one ballot per employee) or "office:<id>" (one per kab/kota
    office, cast by its CA); `voter` is the person who cast it.
    """

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="voter_records")
    voter_key = models.CharField(max_length=40)
    voter = actor_field(_("pemilih"), required=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    # The day only: an exact time could be matched against the order of the mixed ballots.
    voted_on = models.DateField(_("memilih pada tanggal"), default=timezone.localdate)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("vote__cycle__province")

    class Meta:
        ordering = ["office__code", "voter__full_name"]
        verbose_name = _("daftar hadir pemilih")
        verbose_name_plural = _("daftar hadir pemilih")
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter_key"], name="one_voter_record_per_voter")
        ]

    def __str__(self):
        return f"{self.voter} ({self.office.short_name})"


class BallotBoxEntry(models.Model):
    """A cast ballot waiting, sealed, to be mixed into `Ballot` (see common.secrecy)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="box")
    sealed = models.TextField(editable=False)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("vote__cycle__province")

    class Meta:
        verbose_name = _("surat suara menunggu")
        verbose_name_plural = _("surat suara menunggu")

    def __str__(self):
        return str(_("Surat suara menunggu"))


class Ballot(models.Model):
    """WHAT was chosen, with no link to who chose it (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("vote__cycle__province")

    class Meta:
        verbose_name = _("surat suara")
        verbose_name_plural = _("surat suara")

    def __str__(self):
        return str(_("Surat suara"))


class BallotChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(ThemeProposal, on_delete=models.PROTECT, related_name="+")

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("ballot__vote__cycle__province")

    class Meta:
        verbose_name = _("pilihan")
        verbose_name_plural = _("pilihan")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="one_choice_per_proposal")
        ]

    def __str__(self):
        return str(self.proposal_id)


class TieDecision(models.Model):
    """Step 5: the CAN decides a tie across the cut-off, with a recorded reason."""

    vote = models.OneToOneField(
        Vote,
        on_delete=models.PROTECT,
        related_name="tie_decision",
        verbose_name=_("pemungutan suara"),
    )
    chosen = models.ManyToManyField(ThemeProposal, related_name="+", verbose_name=_("dipilih"))
    reason = models.TextField(_("alasan"))
    decided_at = models.DateTimeField(_("diputuskan"), default=timezone.now)
    decided_by = actor_field(_("diputuskan oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("vote__cycle__province")

    class Meta:
        verbose_name = _("keputusan suara sama")
        verbose_name_plural = _("keputusan suara sama")

    def __str__(self):
        return str(self.vote)


class SelectedTheme(models.Model):
    """Step 5: a winning theme with its host office and event date; becomes an events.Event."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="selected_themes", verbose_name=_("siklus")
    )
    proposal = models.OneToOneField(
        ThemeProposal, on_delete=models.PROTECT, related_name="selection", verbose_name=_("usulan")
    )
    rank = models.PositiveSmallIntegerField(_("peringkat"))
    votes = models.PositiveIntegerField(_("suara"))
    title = models.CharField(_("tema"), max_length=200)
    host_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("tuan rumah")
    )
    host_change_reason = models.CharField(
        _("alasan perubahan tuan rumah"), max_length=250, blank=True
    )
    event_date = models.DateField(_("tanggal kegiatan"))
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selected_theme",
        verbose_name=_("kegiatan"),
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = actor_field(_("diubah oleh"), required=True)

    # Read inside a province scope only (common/scopes.py).
    objects = scoped_by_province("cycle__province")

    class Meta:
        ordering = ["event_date", "rank"]
        verbose_name = _("tema terpilih")
        verbose_name_plural = _("tema terpilih")

    def __str__(self):
        return self.title
