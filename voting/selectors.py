"""Reads of the voting pages kept in the shared cache (serawai.caching) until a write renews them:
every save or delete of a vote, a proposal or an office (voting/apps.py)."""

from serawai import caching

from .models import ThemeProposal, Vote

VOTES_TOPIC = "votes"
PROPOSALS_TOPIC = "proposals"


def vote_of(cycle) -> Vote | None:
    """The vote of `cycle` (None before step 4), its `cycle` the object given."""
    vote = caching.cached(
        VOTES_TOPIC, f"vote:{cycle.pk}", lambda: Vote.objects.filter(cycle=cycle).first()
    )
    if vote is not None:
        vote.cycle = cycle  # the same object: no second query for it
    return vote


def cycle_proposals(cycle) -> list[ThemeProposal]:
    """Every proposal of `cycle`, with its office, by primary key."""
    return caching.cached(
        PROPOSALS_TOPIC,
        f"proposals:{cycle.pk}",
        lambda: list(
            ThemeProposal.objects.filter(cycle=cycle).select_related("office").order_by("pk")
        ),
    )
