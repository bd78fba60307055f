"""Step 5's ranking rule, as a pure function (SOP.md "Voting").

Proposals are ranked by votes (equal votes share a rank). The first `seats` are selected; when
the proposals with the votes of the last seat do not all fit, they are a tie across the cut-off:
shown as such, and the CAN decides which of them take the remaining seats, with a reason.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    proposal: object
    votes: int
    rank: int
    status: str  # "selected", "tie" or "out"


@dataclass(frozen=True)
class Tally:
    rows: list[Row]
    seats: int
    tied: list = field(default_factory=list)  # proposals tied across the cut-off
    open_seats: int = 0  # seats the tied proposals compete for

    @property
    def selected(self) -> list:
        return [r.proposal for r in self.rows if r.status == "selected"]

    @property
    def has_tie(self) -> bool:
        return bool(self.tied)


def rank(counts, seats: int, sort_key=lambda p: p.pk) -> Tally:
    """`counts`: (proposal, votes) pairs. Ranked with ties, cut after `seats` proposals."""
    ordered = sorted(counts, key=lambda pair: (-pair[1], sort_key(pair[0])))
    ranks, rows = {}, []
    for position, (_proposal, votes) in enumerate(ordered, start=1):
        ranks.setdefault(votes, position)
    if len(ordered) <= seats:
        rows = [Row(p, v, ranks[v], "selected") for p, v in ordered]
        return Tally(rows, seats)
    cut_votes = ordered[seats - 1][1]
    above = [pair for pair in ordered if pair[1] > cut_votes]
    at_cut = [pair for pair in ordered if pair[1] == cut_votes]
    tie = len(above) + len(at_cut) > seats
    for proposal, votes in ordered:
        if votes > cut_votes or (votes == cut_votes and not tie):
            status = "selected"
        elif votes == cut_votes:
            status = "tie"
        else:
            status = "out"
        rows.append(Row(proposal, votes, ranks[votes], status))
    if not tie:
        return Tally(rows, seats)
    return Tally(rows, seats, tied=[p for p, _v in at_cut], open_seats=seats - len(above))
