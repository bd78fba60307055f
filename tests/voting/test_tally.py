"""Step 5's ranking rule: most votes first, ties across the cut-off shown as ties."""

from voting.tally import rank


class P:
    def __init__(self, pk):
        self.pk = pk

    def __repr__(self):
        return f"P{self.pk}"


def props(*votes):
    return [(P(n), v) for n, v in enumerate(votes, start=1)]


def test_the_three_with_most_votes_are_selected():
    result = rank(props(5, 9, 1, 7, 3), seats=3)
    assert [p.pk for p in result.selected] == [2, 4, 1]
    assert [r.rank for r in result.rows] == [1, 2, 3, 4, 5]
    assert not result.has_tie


def test_a_tie_across_the_cut_off_is_a_tie_not_a_silent_pick():
    result = rank(props(9, 4, 4, 4, 1), seats=3)
    assert [p.pk for p in result.selected] == [1]
    assert sorted(p.pk for p in result.tied) == [2, 3, 4]
    assert result.open_seats == 2
    assert [r.status for r in result.rows] == ["selected", "tie", "tie", "tie", "out"]
    assert [r.rank for r in result.rows] == [1, 2, 2, 2, 5]


def test_a_tie_inside_the_seats_is_no_tie():
    result = rank(props(6, 6, 3, 1), seats=3)
    assert [p.pk for p in result.selected] == [1, 2, 3]
    assert not result.has_tie


def test_fewer_proposals_than_seats_are_all_selected():
    result = rank(props(0, 2), seats=3)
    assert len(result.selected) == 2 and not result.has_tie
