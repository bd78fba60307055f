import io

import pytest

from demo import evaluations as evaluations_demo
from evaluations.models import OrganizerRating, PresenterRating, RaterRecord, RatingBoxEntry

from .conftest import attend

pytestmark = pytest.mark.django_db


def test_demo_rates_attended_events_once_however_often_it_runs(cycle, event, can_member):
    attend(event, 4)
    evaluations_demo.seed(cycle, io.StringIO())
    evaluations_demo.seed(cycle, io.StringIO())
    # Four raters, one presenter: each rating is counted or waits sealed for a mix, once.
    counted = PresenterRating.objects.count() + RatingBoxEntry.objects.count()
    assert RaterRecord.objects.count() == counted == 4
    assert OrganizerRating.objects.count() == 1
