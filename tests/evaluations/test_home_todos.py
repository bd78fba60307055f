"""The home page lists the rating forms waiting for the signed-in person, linked to the form."""

import pytest
from django.urls import reverse

from evaluations.criteria import PRESENTER_KEYS
from evaluations.services.ratings import open_presenter_evaluation, rate_organizer, rate_presenters
from tests.factories import EmployeeFactory

from .conftest import attend

pytestmark = pytest.mark.django_db


def _home(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("cycles:home")).content.decode()


def test_an_attendee_is_asked_to_rate_the_presenter_until_done(client, event):
    (attendee,) = attend(event)
    open_presenter_evaluation(event)
    rate_url = reverse("evaluations:rate", args=[event.pk])
    assert f'href="{rate_url}"' in _home(client, attendee)
    assert 'method="post"' in client.get(rate_url).content.decode()

    speaker = event.committee.get()
    rate_presenters(
        event=event,
        rater=attendee,
        ratings={speaker: dict.fromkeys(PRESENTER_KEYS, 4)},
    )
    assert rate_url not in _home(client, attendee)


def test_someone_who_did_not_attend_is_not_asked(client, event):
    attend(event)
    open_presenter_evaluation(event)
    outsider = EmployeeFactory()
    assert reverse("evaluations:rate", args=[event.pk]) not in _home(client, outsider)


def test_the_can_is_asked_to_rate_the_organiser_once(client, event, can_member):
    attend(event)
    open_presenter_evaluation(event)
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    assert f'href="{url}"' in _home(client, can_member)
    rate_organizer(
        event=event,
        rater=can_member,
        scores=dict.fromkeys(
            ("preparation", "punctuality", "technical_quality", "documentation"), 5
        ),
    )
    assert url not in _home(client, can_member)
