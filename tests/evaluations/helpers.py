"""Ratings through the real services, for the recap and award tests."""

from evaluations.models import PresenterEvaluation
from evaluations.services.rating_box import close_form
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters

from .conftest import attend

KEYS = ("mastery", "delivery", "relevance", "time_management", "interaction")


def rate_many(event, score_rows, speaker=None, *, close=True) -> list:
    """One attendee per row of five scores; each rates `speaker` (default: the only one). Then
    the rating form closes (unless `close` is False): every rating is mixed and counted."""
    speaker = speaker or event.committee.get(role="speaker")
    people = attend(event, len(score_rows))
    open_presenter_evaluation(event)
    for person, scores in zip(people, score_rows, strict=True):
        rate_presenters(
            event=event, rater=person, ratings={speaker: dict(zip(KEYS, scores, strict=True))}
        )
    if close:
        close_form(PresenterEvaluation.objects.get(event=event))
    return people
