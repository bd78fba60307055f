"""Best presenter and best kab/kota organiser: the published formula, ties and minimums."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from cycles.services.cycle import complete_step
from evaluations.selectors import awards
from evaluations.services.ratings import rate_organizer
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role

from .conftest import add_speaker, event_date_this_quarter, make_event
from .helpers import rate_many

pytestmark = pytest.mark.django_db
N = awards.MIN_PRESENTER_RATINGS


def _event(cycle, title, speaker, code="1701", offset=7):
    event = make_event(cycle, title=title, code=code, event_date=event_date_this_quarter(offset))
    add_speaker(event, speaker)
    return event


def test_equal_scores_are_decided_by_more_ratings(cycle):
    a = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    b = _event(cycle, "Tema B", "Budi Hartono, S.Si.", offset=14)
    rate_many(a, [(4, 4, 4, 4, 4)] * N)
    rate_many(b, [(4, 4, 4, 4, 4)] * (N + 2))

    ranking = awards.best_presenter(cycle)

    assert ranking["winner"]["name"] == "Budi Hartono, S.Si."
    assert [c["score"] for c in ranking["candidates"]] == [4.0, 4.0]
    assert ranking["tie_decided_by"] == "jumlah penilaian lebih banyak"


def test_equal_score_and_count_are_decided_by_the_higher_median(cycle):
    a = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    b = _event(cycle, "Tema B", "Budi Hartono, S.Si.", offset=14)
    rate_many(a, [(4, 4, 4, 4, 4)] * 10)
    # Six perfect ratings and four low ones: the same mean 4.0, a median of 5.
    rate_many(b, [(5, 5, 5, 5, 5)] * 6 + [(3, 3, 2, 2, 2)] * 2 + [(3, 3, 3, 2, 2)] * 2)

    ranking = awards.best_presenter(cycle)

    assert ranking["candidates"][0]["score"] == ranking["candidates"][1]["score"] == 4.0
    assert ranking["winner"]["name"] == "Budi Hartono, S.Si."
    assert ranking["winner"]["median"] == 5.0
    assert ranking["tie_decided_by"] == "median penilaian lebih tinggi"


def test_a_full_tie_goes_to_the_earlier_event(cycle):
    later = _event(cycle, "Tema Akhir", "Ani Lestari, S.ST.", offset=21)
    earlier = _event(cycle, "Tema Awal", "Zainal Abidin, S.E.", offset=7)
    rate_many(later, [(5, 4, 4, 4, 3)] * N)
    rate_many(earlier, [(5, 4, 4, 4, 3)] * N)

    ranking = awards.best_presenter(cycle)

    assert ranking["winner"]["name"] == "Zainal Abidin, S.E."
    assert ranking["tie_decided_by"] == "tanggal kegiatan lebih awal"
    assert [c["rank"] for c in ranking["candidates"]] == [1, 2]


def test_too_few_ratings_do_not_compete(cycle):
    perfect = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    solid = _event(cycle, "Tema B", "Budi Hartono, S.Si.", offset=14)
    rate_many(perfect, [(5, 5, 5, 5, 5)] * (N - 1))
    rate_many(solid, [(4, 3, 4, 3, 4)] * N)

    ranking = awards.best_presenter(cycle)

    assert ranking["winner"]["name"] == "Budi Hartono, S.Si."
    ineligible = ranking["candidates"][-1]
    assert (ineligible["name"], ineligible["eligible"], ineligible["rank"]) == (
        "Ani Lestari, S.ST.",
        False,
        None,
    )


def test_nobody_wins_when_no_one_has_the_minimum(client, cycle, employee):
    event = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    rate_many(event, [(5, 5, 5, 5, 5)] * 3)
    assert awards.best_presenter(cycle)["winner"] is None
    client.force_login(employee)
    page = client.get(reverse("evaluations:awards", args=[cycle.year])).content.decode()
    assert f"Belum ada kandidat dengan sekurang-kurangnya {N} penilaian" in page
    assert "Rumus" in page and "median penilaian lebih tinggi" in page


def test_the_awards_page_says_why_to_wait_while_a_rating_form_is_open(client, cycle, employee):
    closed = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    rate_many(closed, [(5, 5, 5, 5, 5)] * 3)  # its form is closed and counted
    client.force_login(employee)
    url = reverse("evaluations:awards", args=[cycle.year])
    assert 'id="forms-still-open"' not in client.get(url).content.decode()
    still = _event(cycle, "Tema B", "Budi Hartono, S.Si.", offset=14)
    rate_many(still, [(4, 4, 4, 4, 4)] * 3, close=False)
    page = client.get(url).content.decode()
    assert 'id="forms-still-open"' in page and "peringkat di bawah dapat berubah" in page


def _can(n):
    people = [EmployeeFactory() for _ in range(n)]
    for p in people:
        give_role(p, RoleAssignment.Role.CAN_MEMBER)
    return people


def _organizer_scores(value):
    keys = ("preparation", "punctuality", "technical_quality", "documentation")
    return dict.fromkeys(keys, value)


def test_best_organizer_is_a_regency_office_and_the_report_ledger_breaks_ties(cycle):
    first = _event(cycle, "Tema A", "Ani Lestari, S.ST.", code="1701")
    second = _event(cycle, "Tema B", "Budi Hartono, S.Si.", code="1702", offset=14)
    province_event = _event(cycle, "Tema C", "Citra Dewi, S.ST.", code="1700", offset=21)
    rate_many(first, [(4, 4, 4, 4, 4)])
    rate_many(second, [(4, 4, 4, 4, 4)])
    rate_many(province_event, [(4, 4, 4, 4, 4)])
    for rater in _can(awards.MIN_ORGANIZER_RATINGS):
        for event in (first, second, province_event):
            rate_organizer(event=event, rater=rater, scores=_organizer_scores(4))
    # 1702 delivered its activity report (step 10) by the due date, 1701 after it.
    late = first.steps.get(number=10)
    complete_step(late, by=None, when=_at(late.due + datetime.timedelta(days=3)))
    on_time = second.steps.get(number=10)
    complete_step(on_time, by=None, when=_at(on_time.due))

    ranking = awards.best_organizer(cycle)

    assert [c["office_code"] for c in ranking["candidates"]] == ["1702", "1701"]
    assert ranking["winner"]["reports_on_time"] == 1
    assert ranking["tie_decided_by"] == "laporan terlambat lebih sedikit"


def _at(day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))


def test_the_winners_number_of_ratings_reads_in_the_plural_in_english(client, cycle, employee):
    event = _event(cycle, "Tema A", "Ani Lestari, S.ST.")
    rate_many(event, [(4, 4, 4, 4, 4)] * N)
    client.force_login(employee)
    url = reverse("evaluations:awards", args=[cycle.year])
    assert f", {N} penilaian" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f", {N} ratings" in client.get(url).content.decode()


def test_a_report_not_yet_due_is_not_counted_late(client, db):
    """A Q4 host's report is due on 31 December: in December it is neither on time nor late,
    so the tie-break does not rank that office below one whose Q3 report came late."""
    import time_machine

    from cycles.services.cycle import create_cycle
    from tests.factories import province

    def at(day):
        return time_machine.travel(datetime.datetime.combine(day, datetime.time(10)), tick=False)

    with at(datetime.date(2026, 1, 5)):
        cycle = create_cycle(province=province(), year=2026, start_date=datetime.date(2026, 1, 5))
        raters = _can(awards.MIN_ORGANIZER_RATINGS)
    for code, held in (("1701", datetime.date(2026, 8, 12)), ("1702", datetime.date(2026, 11, 4))):
        with at(held):
            event = make_event(cycle, title=f"Tema {code}", code=code, event_date=held)
            add_speaker(event, f"Narasumber {code}")
            rate_many(event, [(4, 4, 4, 4, 4)], close=False)
            for rater in raters:
                rate_organizer(event=event, rater=rater, scores=_organizer_scores(4))
        if code == "1701":  # the Q3 report, due 30 September, handed in on 5 October
            step = event.steps.get(number=10)
            complete_step(step, by=None, when=_at(datetime.date(2026, 10, 5)))

    with at(datetime.date(2026, 12, 7)):
        client.force_login(raters[0])
        page = " ".join(
            client.get(reverse("evaluations:awards", args=[2026])).content.decode().split()
        )

    section = page.split("Penyelenggara kabupaten/kota terbaik")[1]
    table = section.split("<tbody>")[1].split("</table>")[0]
    late, not_due = (
        table.split(name)[1].split("</tr>")[0] for name in ("Bengkulu Selatan", "Rejang Lebong")
    )
    assert '<td class="text-end">0/1</td>' in late
    assert "– <span" in not_due and "(1 belum jatuh tempo)" in not_due
    winner = section.split('class="winner"')[1].split("</p>")[0]
    assert "Rejang Lebong" in winner and "laporan terlambat lebih sedikit" in winner
