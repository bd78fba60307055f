"""Step 5: ties decided by the CAN with a reason; hosts and event dates that steps 6-8 allow."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cycles.calendar import WorkingCalendar
from cycles.models import CalendarDay
from notifications import kinds
from notifications.models import Notification
from tests.factories import EmployeeFactory, office, other_province
from tests.voting.helpers import make_open_vote, make_proposal
from tests.voting.test_proposals import login
from voting import selectors
from voting.models import SelectedTheme, TieDecision
from voting.selectors import voter_for
from voting.services import results
from voting.services.ballots import VoteError, cast_ballot
from voting.services.reminders import remind_vote_closing

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(cycle):
    return [make_proposal(cycle, code, f"Tema {code}") for code in ("1701", "1702", "1703", "1704")]


def vote_with(cycle, by, themes, ballots):
    """An open vote with `ballots`: lists of theme indexes, one list per voter."""
    vote = make_open_vote(cycle, by)
    for chosen in ballots:
        voter = voter_for(vote, EmployeeFactory())
        cast_ballot(vote, voter=voter, proposal_ids=[themes[i].pk for i in chosen])
    return vote


def test_closing_completes_step_4_and_shows_a_tie_for_the_can_to_decide(cycle, can_member, themes):
    # votes: T0=3, T1=2, T2=2, T3=2 -> seat 1 sure, 2 seats for three tied proposals
    vote = vote_with(cycle, can_member, themes, [[0, 1], [0, 2], [0, 3], [1, 2, 3]])
    results.close_vote(vote, by=can_member)
    step4 = cycle.steps.get(number=4)
    assert step4.completed_by == can_member and step4.completed_at is not None
    assert Notification.objects.filter(kind=kinds.VOTE_CLOSED, recipient=can_member).exists()
    tally = selectors.tally(vote)
    assert tally.has_tie and tally.open_seats == 2
    assert selectors.winners(vote) is None
    with pytest.raises(VoteError):
        results.decide_tie(vote, by=can_member, chosen_ids=[themes[1].pk], reason="kurang")
    with pytest.raises(VoteError):
        results.decide_tie(vote, by=can_member, chosen_ids=[themes[1].pk, themes[2].pk], reason=" ")
    assert not TieDecision.objects.exists()
    results.decide_tie(
        vote,
        by=can_member,
        chosen_ids=[themes[1].pk, themes[3].pk],
        reason="Usulan 1702 dan 1704 belum pernah menjadi tuan rumah",
    )
    assert [w.proposal for w in selectors.winners(vote)] == [themes[0], themes[1], themes[3]]


def test_an_undecided_tie_is_named_as_the_reason_the_announcement_waits(cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1], [0, 2], [0, 3], [1, 2, 3]])
    results.close_vote(vote, by=can_member)
    assert selectors.tally(vote).has_tie
    with pytest.raises(VoteError, match="Putuskan dulu usulan yang bersuara sama"):
        results.announce_results(vote, by=can_member)


def test_the_tie_form_shows_the_decision_taken_to_change_it(client, cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1], [0, 2], [0, 3], [1, 2, 3]])
    results.close_vote(vote, by=can_member)
    reason = "Usulan 1702 dan 1704 belum pernah menjadi tuan rumah"
    results.decide_tie(vote, by=can_member, chosen_ids=[themes[1].pk, themes[3].pk], reason=reason)
    login(client, can_member)
    form = client.get(reverse("voting:results")).context["tie_form"]
    assert set(form["chosen"].value()) == {str(themes[1].pk), str(themes[3].pk)}
    assert form["reason"].value() == reason


def test_event_date_too_early_is_refused_naming_the_earliest_date(cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    earliest = selectors.earliest_event_date(vote)
    too_early = WorkingCalendar.load().previous_working_day(earliest)
    entries = {t.pk: {"event_date": earliest} for t in themes[:3]}
    entries[themes[0].pk] = {"event_date": too_early}
    with pytest.raises(results.SelectionError) as caught:
        results.save_selections(vote, by=can_member, entries=entries)
    message = caught.value.errors[themes[0].pk]["event_date"]
    assert date_format(earliest, "j F Y") in message and "terlalu awal" in message
    assert not SelectedTheme.objects.exists()


def test_event_dates_follow_the_closed_days_of_the_cycles_own_province(cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    first_day, earliest = selectors.not_before(vote), selectors.earliest_event_date(vote)

    CalendarDay.objects.create(
        province=other_province(), date=first_day, kind="closed", reason="Libur daerah Aceh"
    )
    assert selectors.not_before(vote) == first_day  # another province's day moves nothing here
    assert selectors.earliest_event_date(vote) == earliest

    CalendarDay.objects.create(
        province=cycle.province, date=first_day, kind="closed", reason="Libur daerah"
    )
    assert selectors.not_before(vote) > first_day
    assert selectors.earliest_event_date(vote) > earliest


def test_a_changed_host_needs_a_reason(cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    day = selectors.earliest_event_date(vote)
    entries = {t.pk: {"event_date": day} for t in themes[:3]}
    entries[themes[0].pk]["host_office"] = office("1771")
    with pytest.raises(results.SelectionError) as caught:
        results.save_selections(vote, by=can_member, entries=entries)
    assert "host_change_reason" in caught.value.errors[themes[0].pk]
    entries[themes[0].pk]["host_change_reason"] = "Aula Kota Bengkulu lebih besar"
    results.save_selections(vote, by=can_member, entries=entries)
    moved = SelectedTheme.objects.get(proposal=themes[0])
    assert moved.host_office.code == "1771" and moved.host_change_reason
    assert SelectedTheme.objects.get(proposal=themes[1]).host_office.code == "1702"


def test_selection_page_refuses_a_too_early_date_in_the_form(client, cycle, can_member, themes):
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    earliest = selectors.earliest_event_date(vote)
    login(client, can_member)
    data = {}
    for t in themes[:3]:
        data[f"p{t.pk}-host_office"] = str(t.office_id)
        data[f"p{t.pk}-event_date"] = (earliest - timedelta(days=7)).isoformat()
    response = client.post(reverse("voting:selections"), data)
    assert response.status_code == 200
    assert date_format(earliest, "j F Y") in response.content.decode()
    assert not SelectedTheme.objects.exists()


def test_vote_closing_reminder_goes_once_to_those_who_have_not_voted(
    cycle, can_member, themes, employee
):
    vote = vote_with(cycle, can_member, themes, [])
    cal = WorkingCalendar.load()
    today = timezone.localdate()
    vote.closes_on = cal.next_working_day(cal.next_working_day(today))
    vote.save()
    voted = EmployeeFactory()
    cast_ballot(vote, voter=voter_for(vote, voted), proposal_ids=[themes[0].pk])
    day_before = cal.previous_working_day(vote.closes_on)
    assert remind_vote_closing(cal.previous_working_day(day_before)) == 0
    assert remind_vote_closing(day_before) > 0
    assert remind_vote_closing(day_before) == 0
    told = set(
        Notification.objects.filter(kind=kinds.VOTE_CLOSING).values_list("recipient", flat=True)
    )
    assert employee.pk in told and voted.pk not in told


def test_one_open_seat_reads_in_the_singular_in_english(client, cycle, can_member, themes):
    """T0 and T1 are sure; T2 and T3 tie for the last seat: the CAN must choose exactly one,
    and in English the page and the service say "1 proposal", not "1 proposals"."""
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2], [0, 1, 3], [0, 1]])
    results.close_vote(vote, by=can_member)
    assert selectors.tally(vote).open_seats == 1
    login(client, can_member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    both = [str(themes[2].pk), str(themes[3].pk)]
    page = client.post(reverse("voting:tie"), {"chosen": both, "reason": "Keduanya baik"})
    assert page.status_code == 400
    assert "Choose exactly 1 proposal." in page.content.decode()
    with translation.override("en"), pytest.raises(VoteError) as refused:
        results.decide_tie(vote, by=can_member, chosen_ids=both[:0], reason="Keduanya baik")
    assert str(refused.value) == "Choose exactly 1 of the proposals with equal votes."
    assert not TieDecision.objects.exists()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_date_picker_shows_the_earliest_event_date_in_either_language(
    client, cycle, can_member, themes, language
):
    """A browser's date picker reads only 2025-01-02, whatever the page's language."""
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2]])
    results.close_vote(vote, by=can_member)
    earliest = selectors.earliest_event_date(vote)
    login(client, can_member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("voting:selections")).content.decode()
    picker = f'type="date" name="p{themes[0].pk}-event_date" value="{earliest.isoformat()}"'
    assert picker in html


def test_opening_or_closing_a_vote_already_past_that_asks_nothing_and_says_where_it_stands(
    client, cycle, can_member, themes
):
    """A reload or a bookmark of the "Yakin ...?" pages once the action cannot happen."""
    vote = vote_with(cycle, can_member, themes, [[0, 1, 2], [0, 1], [0]])
    login(client, can_member)

    def asked(name):
        response = client.get(reverse(name), follow=True)
        return response.redirect_chain[-1][0] if response.redirect_chain else "", (
            response.content.decode()
        )

    for name in ("voting:open", "voting:open_external"):
        where, page = asked(name)
        assert where == reverse("voting:results")
        assert "Pemungutan suara sudah dibuka." in page and "Yakin" not in page
    assert "Yakin menutup pemungutan suara" in asked("voting:close")[1]

    results.close_vote(vote, by=can_member)
    for name in ("voting:open", "voting:close"):
        where, page = asked(name)
        assert where == reverse("voting:results")
        assert "Pemungutan suara sudah ditutup." in page and "Yakin" not in page

    day = selectors.earliest_event_date(vote)
    entries = {theme.pk: {"event_date": day} for theme in themes}
    results.save_selections(vote, by=can_member, entries=entries)
    results.announce_results(vote, by=can_member)
    for name in ("voting:open", "voting:close"):
        assert "Hasil pemilihan tema sudah diumumkan." in asked(name)[1]
