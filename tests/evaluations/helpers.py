"""Ratings through the real services, for the recap and award tests."""

from evaluations.services import open_presenter_evaluation, rate_presenters

from .conftest import attend

KEYS = ("mastery", "delivery", "relevance", "time_management", "interaction")


def rate_many(event, score_rows, speaker=None) -> list:
    """One attendee per row of five scores; each rates `speaker` (default: the only one)."""
    speaker = speaker or event.committee.get(role="speaker")
    people = attend(event, len(score_rows))
    open_presenter_evaluation(event)
    for person, scores in zip(people, score_rows, strict=True):
        rate_presenters(
            event=event, rater=person, ratings={speaker: dict(zip(KEYS, scores, strict=True))}
        )
    return people
