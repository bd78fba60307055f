"""No page, export or admin screen says who gave which presenter rating."""

import pytest
from django.urls import reverse

from evaluations.models import PresenterRating, RaterRecord
from organization.models import Employee

from .helpers import rate_many

pytestmark = pytest.mark.django_db


def test_a_rating_row_has_no_link_to_its_rater_and_no_time():
    related = {f.related_model for f in PresenterRating._meta.get_fields() if f.is_relation}
    assert Employee not in related
    kinds = {f.get_internal_type() for f in PresenterRating._meta.get_fields()}
    assert "DateTimeField" not in kinds and "DateField" not in kinds
    assert PresenterRating._meta.pk.get_internal_type() == "UUIDField"
    assert "DateTimeField" not in {f.get_internal_type() for f in RaterRecord._meta.fields}


@pytest.fixture
def rated(event):
    people = rate_many(event, [(5, 5, 5, 5, 5), (1, 2, 1, 2, 1)])
    for person, name in zip(people, ("Yusuf Rahardjo", "Wulan Sari"), strict=True):
        person.full_name = name
        person.save(update_fields=["full_name"])
    return event, people


def _pages(client, event, cc):
    client.force_login(cc)
    year = event.date.year
    urls = [
        reverse("evaluations:event_recap", args=[event.pk]),
        reverse("evaluations:year_recap", args=[year]),
        reverse("evaluations:awards", args=[year]),
    ]
    return {url: client.get(url) for url in urls}


def test_recap_pages_show_only_aggregates(client, rated, cc):
    event, people = rated
    for url, response in _pages(client, event, cc).items():
        page = response.content.decode()
        assert response.status_code == 200, url
        for person in people:
            assert person.full_name not in page, url
            assert person.nip not in page and person.nip_display not in page, url
    recap_page = client.get(reverse("evaluations:event_recap", args=[event.pk])).content.decode()
    assert "serawai-chart" in recap_page


def test_admin_shows_ratings_without_raters_and_raters_without_ratings(client, rated):
    event, people = rated
    admin = Employee.objects.create_superuser("199001012015011999", "pw", full_name="Admin")
    client.force_login(admin)
    ratings_page = client.get(
        reverse("admin:evaluations_presenterrating_changelist")
    ).content.decode()
    assert "Yusuf Rahardjo" not in ratings_page and "Wulan Sari" not in ratings_page
    rating = PresenterRating.objects.first()
    detail = client.get(
        reverse("admin:evaluations_presenterrating_change", args=[rating.pk])
    ).content.decode()
    assert "Yusuf Rahardjo" not in detail and "Wulan Sari" not in detail
    raters_page = client.get(reverse("admin:evaluations_raterrecord_changelist")).content.decode()
    assert "Yusuf Rahardjo" in raters_page  # who has rated is known; what they gave is not
    assert "Penguasaan materi" not in raters_page
