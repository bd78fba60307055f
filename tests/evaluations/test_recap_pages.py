"""Recap pages: who may see them, their figures and chart, and their query counts."""

import re

import pytest
from django.urls import reverse

from tests.factories import EmployeeFactory

from .conftest import add_speaker, make_event
from .helpers import rate_many

pytestmark = pytest.mark.django_db


def test_employee_without_a_programme_role_cannot_see_the_recap(client, event, employee):
    client.force_login(employee)
    assert client.get(reverse("evaluations:event_recap", args=[event.pk])).status_code == 403
    assert client.get(reverse("evaluations:year_recap", args=[event.date.year])).status_code == 403


def test_event_recap_page_shows_figures_and_the_chart(client, event, can_member):
    rate_many(
        event,
        [(5, 4, 3, 2, 1), (3, 4, 5, 2, 1), (4, 4, 4, 4, 4)],
    )
    client.force_login(can_member)
    page = client.get(reverse("evaluations:event_recap", args=[event.pk])).content.decode()
    assert "<svg" in page and "serawai-chart" in page
    assert "Penguasaan materi" in page and "4,00" in page  # mean of 5 and 3
    assert "3 penilaian dari 3 penilai" in page


def test_year_recap_table_headers_say_what_each_column_is(client, event, can_member):
    client.force_login(can_member)
    page = client.get(reverse("evaluations:year_recap", args=[event.date.year])).content.decode()
    table = page.split("Per kegiatan")[1].split("</thead>")[0]
    headers = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>.*?</th>", table)]

    assert headers == [
        "Kegiatan",
        "Tanggal",
        "Kantor penyelenggara",
        "n",
        "Rata-rata penilaian narasumber",
        "Rata-rata penilaian penyelenggara",
    ]


def test_year_recap_query_count_does_not_grow_with_events(
    client, cycle, can_member, django_assert_max_num_queries
):
    for i in range(4):
        event = make_event(cycle, title=f"Tema {i}", code="1701")
        add_speaker(event, f"Narasumber {i}")
        rate_many(event, [(4, 4, 4, 4, 4)] * 2)
    client.force_login(can_member)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("evaluations:year_recap", args=[cycle.year]))
    assert response.status_code == 200
    # The year's chart and one per event, all drawn on the server.
    assert response.content.decode().count('class="serawai-chart"') == 1 + 4


def test_other_province_recap_is_404(client, event):
    from organization.models import Office, RoleAssignment
    from tests.factories import give_role

    other = Office.objects.create(
        code="1600", name="BPS Provinsi Sumatera Selatan", short_name="Sumsel", level="province"
    )
    person = EmployeeFactory(office=other)
    give_role(person, RoleAssignment.Role.CAN_MEMBER, other)
    client.force_login(person)
    assert client.get(reverse("evaluations:event_recap", args=[event.pk])).status_code == 404


def test_index_query_count_does_not_grow_with_events(
    client, cycle, can_member, django_assert_max_num_queries
):
    from evaluations.services.ratings import open_presenter_evaluation

    for i in range(5):
        event = make_event(cycle, title=f"Tema {i}", code="1701")
        open_presenter_evaluation(event)
    client.force_login(can_member)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("evaluations:index")).content.decode()
    assert page.count("Nilai penyelenggara") == 5


def test_identical_comments_show_once_with_their_count(client, event, can_member):
    from evaluations.models import PresenterEvaluation
    from evaluations.services.rating_box import close_form
    from evaluations.services.ratings import open_presenter_evaluation, rate_presenters

    from .conftest import attend

    speaker = event.committee.get(role="speaker")
    open_presenter_evaluation(event)
    for person in attend(event, 3):
        scores = dict.fromkeys(("mastery", "delivery", "relevance", "time_management"), 4)
        rate_presenters(
            event=event,
            rater=person,
            ratings={speaker: {**scores, "interaction": 4, "comment": "Materi sangat bermanfaat"}},
        )
    close_form(PresenterEvaluation.objects.get(event=event))
    client.force_login(can_member)
    page = client.get(reverse("evaluations:event_recap", args=[event.pk])).content.decode()
    assert page.count("Materi sangat bermanfaat") == 1
    assert "Materi sangat bermanfaat <b>(3)</b>" in page


def test_an_event_not_held_yet_is_shown_as_such_not_as_missing_raters(client, cycle, can_member):
    held = make_event(cycle, title="Tema Terlaksana")
    add_speaker(held)
    rate_many(held, [(4, 4, 4, 4, 4)] * 3)  # its rating form opened after the event
    coming = make_event(cycle, title="Tema Mendatang", code="1702")
    add_speaker(coming, "Narasumber Mendatang")
    client.force_login(can_member)

    year = client.get(reverse("evaluations:year_recap", args=[cycle.year])).content.decode()
    assert "1 dari 2 kegiatan terlaksana, 3 penilaian dari 3 penilai." in year
    assert "belum terlaksana" in year and "penilai lagi" not in year

    page = client.get(reverse("evaluations:event_recap", args=[coming.pk])).content.decode()
    assert "Kegiatan ini belum terlaksana" in page and "penilai lagi" not in page
