"""Every write of steps 3-5, by name (the modules hold them by concept):

- step 3, proposals.py: save_proposal, delete_proposal, reopen_proposals
- step 4, ballots.py: open_vote, cast_ballot (secret; see voting.models for the design)
- steps 4-5, results.py: close_vote, decide_tie, save_selections, announce_results
"""

from .ballots import cast_ballot, open_vote
from .proposals import delete_proposal, reopen_proposals, save_proposal
from .results import announce_results, close_vote, decide_tie, save_selections

__all__ = [
    "announce_results",
    "cast_ballot",
    "close_vote",
    "decide_tie",
    "delete_proposal",
    "open_vote",
    "reopen_proposals",
    "save_proposal",
    "save_selections",
]
