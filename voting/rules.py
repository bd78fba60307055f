"""Who may do what in steps 3-5 (django-rules). Views answer 404 where a rule says no."""

import rules

from organization.roles import held_roles
from organization.rules import add_sop_perm, is_ca, is_can


@rules.predicate
def is_proposer(user, proposal):
    """The CA of the office that proposed the theme."""
    return proposal is not None and held_roles(user, proposal.cycle.year).is_ca_of(
        proposal.office_id
    )


@rules.predicate
def proposals_published(user, proposal):
    """Once the vote opens, every proposal of the cycle is on the ballot for all to read."""
    from .models import Vote

    return proposal is not None and Vote.objects.filter(cycle_id=proposal.cycle_id).exists()


@rules.predicate
def vote_closed(user, vote):
    return vote is not None and vote.status != vote.Status.OPEN


add_sop_perm("voting.manage", is_can)
add_sop_perm("voting.propose", is_ca)
add_sop_perm("voting.change_themeproposal", is_proposer)
rules.add_perm("voting.view_themeproposal", is_can | is_proposer | proposals_published)
# Counts, per-office turnout and results: nobody while the vote is open, the CAN included
# (a reading before and after one ballot would give its choices); everyone once it is closed.
rules.add_perm("voting.view_counts", rules.is_authenticated & vote_closed)
