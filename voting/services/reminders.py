"""Step 4's reminder: "the vote closes tomorrow" to those in the electorate who have not voted."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cycles.calendar import WorkingCalendar
from notifications import kinds
from notifications.services import notify

from ..models import Vote, VoterRecord
from ..selectors import electorate


def remind_vote_closing(today: date | None = None) -> int:
    """On the last working day before an open vote's deadline (or later, catching up while it
    is still open), tell who has not voted. Keyed per vote: sent once."""
    today = today or timezone.localdate()
    sent = 0
    open_votes = Vote.objects.filter(status=Vote.Status.OPEN, closes_on__gte=today)
    for vote in open_votes.select_related("cycle"):
        cal = WorkingCalendar.load(vote.cycle.province_id)  # the province's own closed days
        if cal.previous_working_day(vote.closes_on) > today:
            continue
        voted = VoterRecord.objects.filter(vote=vote).values("voter_id")
        people = electorate(vote).exclude(pk__in=voted)
        sent += notify(
            people,
            kind=kinds.VOTE_CLOSING,
            title=_("Pemilihan tema Serawai %(year)s ditutup %(date)s")
            % {"year": vote.cycle.year, "date": date_format(vote.closes_on, "j F Y")},
            body=_("Anda belum memberikan suara. Pilih paling banyak %(n)d tema.")
            % {"n": vote.choices_per_ballot},
            url=reverse("voting:ballot"),
            key=f"vote:{vote.pk}:closing",
        )
    return sent
