"""The recap of step 11: figures per criterion, unattributed comments, the server-made chart."""

import pytest

from evaluations.exports.charts import criterion_chart_svg
from evaluations.models import PresenterEvaluation
from evaluations.selectors.recap import event_recap, year_recap
from evaluations.services.rating_box import close_form
from evaluations.services.ratings import open_presenter_evaluation, rate_presenters

from .conftest import add_speaker, attend, make_event

pytestmark = pytest.mark.django_db


def _scores(mastery, delivery, relevance, time_management, interaction, **texts):
    return {
        "mastery": mastery,
        "delivery": delivery,
        "relevance": relevance,
        "time_management": time_management,
        "interaction": interaction,
        **texts,
    }


def rate(event, person, *scores, **texts):
    speaker = event.committee.get(role="speaker")
    rate_presenters(event=event, rater=person, ratings={speaker: _scores(*scores, **texts)})


def test_event_recap_gives_n_mean_median_and_distribution_per_criterion(event):
    a, b, c, d = attend(event, 4)
    open_presenter_evaluation(event)
    rate(event, a, 5, 4, 3, 2, 1, comment="Materi sangat jelas")
    rate(event, b, 5, 4, 4, 2, 2, suggestion="Tambah sesi praktik")
    rate(event, c, 4, 3, 5, 2, 3)
    rate(event, d, 2, 3, 5, 3, 3, comment="Agak cepat")
    close_form(PresenterEvaluation.objects.get(event=event))

    recap = event_recap(event)

    assert recap["n"] == 4 and recap["raters"] == 4 and recap["attendees"] == 4
    mastery = recap["criteria"][0]
    assert mastery["label"] == "Penguasaan materi"
    assert (mastery["n"], mastery["mean"], mastery["median"]) == (4, 4.0, 4.5)
    assert mastery["distribution"] == [0, 1, 0, 1, 2]
    interaction = recap["criteria"][4]
    assert (interaction["mean"], interaction["median"]) == (2.25, 2.5)
    assert interaction["distribution"] == [1, 1, 2, 0, 0]
    # mean of the criterion means: (4 + 3.5 + 4.25 + 2.25 + 2.25) / 5
    assert recap["overall_mean"] == 3.25
    assert recap["comments"] == ["Agak cepat", "Materi sangat jelas"]
    assert recap["suggestions"] == ["Tambah sesi praktik"]
    assert recap["event"]["presenters"] == ["Dr. Andi Wijaya, M.Si."]


def test_year_recap_totals_every_event_of_the_cycle(cycle, event):
    second = make_event(cycle, title="Teknik Wawancara CAPI", code="1702")
    add_speaker(second, "Rahmat Hidayat, S.ST.", external=True)
    for ev, score in ((event, 5), (second, 3)):
        people = attend(ev, 3)
        open_presenter_evaluation(ev)
        for person in people:
            rate(ev, person, score, score, score, score, score)
        close_form(PresenterEvaluation.objects.get(event=ev))

    recap = year_recap(cycle)

    assert [e["event"]["title"] for e in recap["events"]] == [
        event.title,
        "Teknik Wawancara CAPI",
    ]
    assert recap["n"] == 6
    assert recap["criteria"][1]["mean"] == 4.0
    assert recap["criteria"][1]["distribution"] == [0, 0, 3, 0, 3]


def test_chart_is_svg_with_every_criterion_and_escaped_text(event):
    people = attend(event, 3)
    open_presenter_evaluation(event)
    rate(event, people[0], 5, 5, 4, 4, 3)
    rate(event, people[1], 3, 5, 4, 4, 3)
    rate(event, people[2], 4, 5, 4, 4, 3)
    close_form(PresenterEvaluation.objects.get(event=event))
    recap = event_recap(event)
    recap["criteria"][0]["label"] = "Penguasaan <materi> & isi"

    svg = criterion_chart_svg(recap)

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Penguasaan &lt;materi&gt; &amp; isi" in svg
    assert "Cara penyampaian" in svg
    assert svg.count("<rect") >= 5 + 5  # bars of the five criteria and the legend
    assert "n=3" in svg


def test_chart_of_an_unrated_event_says_so(event):
    svg = criterion_chart_svg(event_recap(event))
    assert svg.count("belum ada penilaian") == 5
