import io

import pytest

from evaluations import demo
from evaluations.models import OrganizerRating, PresenterRating, RaterRecord

from .conftest import attend

pytestmark = pytest.mark.django_db


def test_demo_rates_attended_events_once_however_often_it_runs(cycle, event, can_member):
    attend(event, 4)
    demo.seed(cycle, io.StringIO())
    demo.seed(cycle, io.StringIO())
    assert RaterRecord.objects.count() == PresenterRating.objects.count() == 4
    assert OrganizerRating.objects.count() == 1
