"""Step 11a: attendees rate the presenter once, anonymously, while the form is open."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cycles.planning import quarter_end
from evaluations.models import PresenterEvaluation, PresenterRating, RaterRecord, RatingBoxEntry
from evaluations.services.errors import EvaluationError
from evaluations.services.rating_box import close_form
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters
from events.models import Event
from events.signals import event_held
from notifications import kinds
from notifications.models import Notification
from tests.factories import EmployeeFactory

from .conftest import attend

pytestmark = pytest.mark.django_db

GOOD = {"mastery": 5, "delivery": 4, "relevance": 5, "time_management": 3, "interaction": 4}


def _post(event, **overrides):
    speaker = event.committee.get(role="speaker")
    data = {f"p{speaker.pk}_{k}": v for k, v in GOOD.items()}
    data[f"p{speaker.pk}_comment"] = "Contoh kasus dari lapangan sangat membantu"
    data.update({f"p{speaker.pk}_{k}": v for k, v in overrides.items()})
    return data


def test_marking_the_event_held_opens_the_form_and_tells_attendees(event, can_member):
    people = attend(event, 3)

    event_held.send(sender=Event, event=event, by=can_member)

    evaluation = PresenterEvaluation.objects.get(event=event)
    assert evaluation.closes_on == quarter_end(event.date)
    assert evaluation.opened_by == can_member
    sent = Notification.objects.filter(kind=kinds.EVALUATION_OPEN)
    assert {n.recipient_id for n in sent} == {p.pk for p in people}
    assert sent[0].url == reverse("evaluations:rate", args=[event.pk])
    assert event.steps.get(number=11).started_at is not None
    # Sent twice (a retried transition): nobody is told twice.
    event_held.send(sender=Event, event=event, by=can_member)
    assert sent.count() == 3


def test_attendee_rates_through_the_form(client, event):
    (person,) = attend(event)
    open_presenter_evaluation(event)
    client.force_login(person)

    page = client.get(reverse("evaluations:rate", args=[event.pk])).content.decode()
    assert "Dr. Andi Wijaya, M.Si." in page and "Penguasaan materi" in page

    response = client.post(reverse("evaluations:rate", args=[event.pk]), _post(event))

    assert response.status_code == 302
    assert not PresenterRating.objects.exists()  # sealed in the box until a mix
    close_form(PresenterEvaluation.objects.get(event=event))
    rating = PresenterRating.objects.get()
    assert (rating.mastery, rating.time_management) == (5, 3)
    assert rating.comment == "Contoh kasus dari lapangan sangat membantu"
    assert RaterRecord.objects.filter(event=event, employee=person).exists()


def test_missing_or_out_of_range_score_gives_a_form_message_and_stores_nothing(client, event):
    (person,) = attend(event)
    open_presenter_evaluation(event)
    client.force_login(person)
    data = _post(event, delivery=7)
    speaker = event.committee.get(role="speaker")
    del data[f"p{speaker.pk}_interaction"]

    response = client.post(reverse("evaluations:rate", args=[event.pk]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Pilih nilai 1 sampai 5." in page
    assert "Nilai harus 1 sampai 5." in page
    assert not PresenterRating.objects.exists() and not RaterRecord.objects.exists()


def test_non_attendee_cannot_rate(client, event):
    attend(event, 2)
    outsider = EmployeeFactory()
    open_presenter_evaluation(event)

    with pytest.raises(EvaluationError, match="Hanya peserta yang hadir"):
        rate_presenters(
            event=event, rater=outsider, ratings={event.committee.get(role="speaker"): GOOD}
        )
    client.force_login(outsider)
    get = client.get(reverse("evaluations:rate", args=[event.pk]))
    post = client.post(reverse("evaluations:rate", args=[event.pk]), _post(event))

    assert get.status_code == post.status_code == 403
    assert "Hanya peserta yang hadir" in post.content.decode()
    assert not PresenterRating.objects.exists()


def test_second_rating_is_refused(client, event):
    (person,) = attend(event)
    open_presenter_evaluation(event)
    client.force_login(person)
    client.post(reverse("evaluations:rate", args=[event.pk]), _post(event))

    again = client.post(reverse("evaluations:rate", args=[event.pk]), _post(event, mastery=1))

    assert again.status_code == 403
    assert "sudah memberikan penilaian" in again.content.decode()
    assert RatingBoxEntry.objects.count() == 1
    with pytest.raises(EvaluationError):
        rate_presenters(
            event=event, rater=person, ratings={event.committee.get(role="speaker"): GOOD}
        )
    # The database refuses it even past the service's check (two racing requests).
    with pytest.raises(IntegrityError), transaction.atomic():
        RaterRecord.objects.create(event=event, employee=person)


def test_form_is_closed_before_opening_and_after_the_quarter(event):
    (person,) = attend(event)
    speaker = event.committee.get(role="speaker")
    with pytest.raises(EvaluationError, match="belum dibuka"):
        rate_presenters(event=event, rater=person, ratings={speaker: GOOD})
    open_presenter_evaluation(event)
    after = quarter_end(event.date) + datetime.timedelta(days=1)
    with pytest.raises(EvaluationError, match="sudah ditutup"):
        rate_presenters(event=event, rater=person, ratings={speaker: GOOD}, today=after)
    assert rate_presenters(
        event=event, rater=person, ratings={speaker: GOOD}, today=quarter_end(event.date)
    )


def test_presenter_does_not_rate_themself(client, event):
    speaker = event.committee.get(role="speaker")
    from events.models import Attendance

    Attendance.objects.create(event=event, employee=speaker.employee, source="self")
    open_presenter_evaluation(event)
    client.force_login(speaker.employee)
    response = client.get(reverse("evaluations:rate", args=[event.pk]))
    assert response.status_code == 403
    assert "Tidak ada narasumber lain" in response.content.decode()


def test_another_provinces_user_gets_404(client, event):
    from organization.models import Office

    other = Office.objects.create(
        code="1600", name="BPS Provinsi Sumatera Selatan", short_name="Sumsel", level="province"
    )
    client.force_login(EmployeeFactory(office=other))
    assert client.get(reverse("evaluations:rate", args=[event.pk])).status_code == 404


def test_index_lists_the_events_to_rate(client, event):
    (person,) = attend(event)
    open_presenter_evaluation(event)
    client.force_login(person)
    page = client.get(reverse("evaluations:index")).content.decode()
    assert reverse("evaluations:rate", args=[event.pk]) in page
    rate_presenters(event=event, rater=person, ratings={event.committee.get(role="speaker"): GOOD})
    page = client.get(reverse("evaluations:index")).content.decode()
    assert reverse("evaluations:rate", args=[event.pk]) not in page
    assert "Sudah menilai" in page
    assert timezone.localdate() <= PresenterEvaluation.objects.get().closes_on


def test_the_events_held_transition_opens_the_form(event, can_member):
    from events.services.preparation import mark_held

    people = attend(event, 2)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.READY)
    noon = timezone.make_aware(datetime.datetime.combine(event.date, datetime.time(12)))

    mark_held(event, by=can_member, now=noon)

    assert PresenterEvaluation.objects.get(event=event).opened_by == can_member
    told = Notification.objects.filter(kind=kinds.EVALUATION_OPEN).values_list(
        "recipient_id", flat=True
    )
    assert set(told) == {p.pk for p in people}
