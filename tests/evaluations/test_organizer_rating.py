"""Step 11b: CAN Provinsi rates the host office; report timeliness comes from the ledger."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cycles.services.cycle import complete_step
from evaluations.models import OrganizerRating
from evaluations.selectors.recap import event_recap
from evaluations.services.ratings import open_presenter_evaluation

pytestmark = pytest.mark.django_db

SCORES = {"preparation": 5, "punctuality": 4, "technical_quality": 3, "documentation": 4}


def test_can_member_rates_the_host_office_once(client, event, can_member):
    open_presenter_evaluation(event)
    client.force_login(can_member)
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Kualitas teknis" in page and "tepat waktu" not in page.split("<form")[1].lower()

    assert (
        client.post(url, {**SCORES, "comment": "Ruang rapat siap tepat waktu"}).status_code == 302
    )
    again = client.post(url, SCORES)

    assert again.status_code == 403
    rating = OrganizerRating.objects.get()
    assert (rating.rater, rating.technical_quality) == (can_member, 3)
    assert rating.created_at is not None


def test_a_comment_over_2000_characters_is_refused_with_a_message_keeping_the_input(
    client, event, can_member
):
    open_presenter_evaluation(event)
    client.force_login(can_member)
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    long_comment = "Persiapan baik. " * 130  # 2,080 characters
    response = client.post(url, {**SCORES, "comment": long_comment})
    page = response.content.decode()
    assert response.status_code == 200 and not OrganizerRating.objects.exists()
    assert 'id="comment-error"' in page and "2000" in page.split('id="comment-error"')[1]
    assert long_comment.strip() in page  # what the person typed is still there
    assert 'maxlength="2000"' in page


def test_only_can_members_rate_organisers(client, event, employee):
    open_presenter_evaluation(event)
    client.force_login(employee)
    url = reverse("evaluations:rate_organizer", args=[event.pk])
    assert client.post(url, SCORES).status_code == 403
    assert not OrganizerRating.objects.exists()


def test_report_on_time_is_read_from_step_10(event, can_member):
    step = event.steps.get(number=10)
    assert event_recap(event)["organizer"]["report_on_time"] is None
    late = timezone.make_aware(
        datetime.datetime.combine(step.due + datetime.timedelta(days=1), datetime.time(9))
    )
    complete_step(step, by=can_member, when=late)
    organizer = event_recap(event)["organizer"]
    assert organizer["report_on_time"] is False
    assert organizer["report_completed_on"] == step.due + datetime.timedelta(days=1)
