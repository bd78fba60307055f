"""Step 11 on PostgreSQL: one attendee submitting the presenter form from ten connections at
once leaves exactly one rater record and one rating (the database enforces it, not the view)."""

import datetime

import pytest
from django.utils import timezone

from common.scopes import province_scope
from cycles.services.cycle import create_cycle
from evaluations.models import PresenterEvaluation, PresenterRating, RaterRecord, RatingBoxEntry
from evaluations.services.errors import EvaluationError
from evaluations.services.rating_box import close_form
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
from tests.evaluations.conftest import add_speaker, attend, make_event
from tests.factories import ensure_offices, province
from tests.services.conftest import all_at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

THREADS = 10
SCORES = {"mastery": 5, "delivery": 4, "relevance": 4, "time_management": 3, "interaction": 5}


def test_ten_concurrent_submits_of_one_attendee_store_exactly_one_rating():
    ensure_offices()
    year = timezone.localdate().year
    cycle = create_cycle(province=province(), year=year, start_date=datetime.date(year, 1, 5))
    event = make_event(cycle)
    speaker = add_speaker(event)
    (person,) = attend(event)
    open_presenter_evaluation(event)
    refused = []

    def submit(_n):
        try:
            # Each thread is one of the person's requests: read in their province's scope.
            with province_scope(person):
                rate_presenters(event=event, rater=person, ratings={speaker: SCORES})
        except EvaluationError as exc:
            refused.append(exc)

    assert all_at_once(THREADS, submit) == []
    assert len(refused) == THREADS - 1
    assert RaterRecord.objects.filter(event=event, employee=person).count() == 1
    assert RatingBoxEntry.objects.filter(event=event).count() == 1
    close_form(PresenterEvaluation.objects.get(event=event))  # mixed: counted once
    assert PresenterRating.objects.filter(event=event).count() == 1
