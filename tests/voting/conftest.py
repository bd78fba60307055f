import pytest

from tests.voting.helpers import make_cycle, open_proposals


@pytest.fixture
def cycle(db, can_member):
    """This year's cycle with steps 1-2 done: proposals open until step 3's due date."""
    return open_proposals(make_cycle(), can_member)
