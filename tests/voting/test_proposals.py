"""Step 3: kab/kota CAs propose themes for their own office, within the limit and the deadline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from tests.voting.helpers import make_open_vote, make_proposal, set_due
from voting import selectors
from voting.models import ProposalReopening, ThemeProposal
from voting.services import results

pytestmark = pytest.mark.django_db


def login(client, person):
    assert client.login(username=person.nip, password=PASSWORD)
    return client


def proposal_data(title="Pemanfaatan Big Data untuk Statistik Harga", **extra):
    return {
        "title": title,
        "abstract": "Cara memakai data daring untuk indeks harga.",
        "relevance": "Mempercepat penyusunan IHK.",
        "preferred_quarter": "2",
        "external_speakers": "Dr. Rudi Hartono; Universitas Bengkulu",
        **extra,
    }


def test_ca_proposes_a_theme_for_their_office(client, cycle, ca_1701, employee):
    login(client, ca_1701)
    response = client.post(
        reverse("voting:proposal_create"), proposal_data(speakers=[str(employee.pk)])
    )
    assert response.status_code == 302
    proposal = ThemeProposal.objects.get()
    assert proposal.office.code == "1701"
    assert proposal.created_by == ca_1701
    assert sorted(s.display_name for s in proposal.speakers.all()) == [
        "Budi Santoso, S.ST.",
        "Dr. Rudi Hartono (Universitas Bengkulu)",
    ]
    page = client.get(reverse("voting:proposals")).content.decode()
    assert "Pemanfaatan Big Data untuk Statistik Harga" in page


def test_more_proposals_than_allowed_are_refused_with_a_message(client, cycle, ca_1701):
    for n in range(3):
        make_proposal(cycle, "1701", f"Tema {n}")
    login(client, ca_1701)
    response = client.post(reverse("voting:proposal_create"), proposal_data("Tema keempat"))
    assert response.status_code == 200
    assert "sudah mengusulkan 3 tema; batasnya 3 tema" in response.content.decode()
    assert ThemeProposal.objects.filter(office__code="1701").count() == 3


def test_a_proposal_without_any_speaker_is_refused(client, cycle, ca_1701):
    login(client, ca_1701)
    response = client.post(reverse("voting:proposal_create"), proposal_data(external_speakers=""))
    assert "Usulkan sedikitnya satu narasumber." in response.content.decode()
    assert not ThemeProposal.objects.exists()


def test_after_the_deadline_nothing_is_stored_until_the_can_reopens(
    client, cycle, ca_1701, can_member
):
    yesterday = timezone.localdate() - timedelta(days=1)
    set_due(cycle, 3, yesterday)
    existing = make_proposal(cycle, "1701", "Tema lama")
    login(client, ca_1701)
    response = client.post(reverse("voting:proposal_create"), proposal_data())
    assert "sudah lewat" in response.content.decode()
    response = client.post(
        reverse("voting:proposal_edit", args=[existing.pk]), proposal_data("Judul diganti")
    )
    assert "sudah lewat" in response.content.decode()
    existing.refresh_from_db()
    assert existing.title == "Tema lama"
    assert ThemeProposal.objects.count() == 1

    login(client, can_member)
    until = timezone.localdate() + timedelta(days=2)
    client.post(
        reverse("voting:proposals_reopen"),
        {"until": until.isoformat(), "reason": "Kab. Kaur terkendala jaringan"},
    )
    reopening = ProposalReopening.objects.get()
    assert (reopening.created_by, reopening.reason) == (can_member, "Kab. Kaur terkendala jaringan")

    login(client, ca_1701)
    client.post(reverse("voting:proposal_create"), proposal_data())
    assert ThemeProposal.objects.count() == 2


def test_a_ca_cannot_reopen_the_proposals(client, cycle, ca_1701):
    set_due(cycle, 3, timezone.localdate() - timedelta(days=1))
    login(client, ca_1701)
    response = client.post(
        reverse("voting:proposals_reopen"),
        {"until": timezone.localdate().isoformat(), "reason": "saya mau"},
    )
    assert response.status_code == 404
    assert not ProposalReopening.objects.exists()


def test_a_ca_cannot_see_or_touch_another_offices_draft_proposals(client, cycle, ca_1701, ca_1702):
    theirs = make_proposal(cycle, "1701", "Rahasia Bengkulu Selatan")
    login(client, ca_1702)
    for name in ("voting:proposal_detail", "voting:proposal_edit"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("voting:proposal_edit", args=[theirs.pk]), proposal_data()).status_code
        == 404
    )
    assert client.post(reverse("voting:proposal_delete", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("voting:proposals")).content.decode()
    assert "Rahasia Bengkulu Selatan" not in listing
    theirs.refresh_from_db()
    assert theirs.title == "Rahasia Bengkulu Selatan"


def test_an_employee_without_a_role_gets_404_on_the_proposal_list_before_the_vote(
    client, cycle, employee
):
    make_proposal(cycle, "1701", "Tema A")
    login(client, employee)
    assert client.get(reverse("voting:proposals")).status_code == 404
    assert client.get(reverse("voting:proposal_create")).status_code == 404


def test_the_can_sees_every_offices_proposals(
    client, cycle, can_member, django_assert_max_num_queries
):
    for n, code in enumerate(["1701", "1702", "1703", "1771"] * 2):
        make_proposal(cycle, code, f"Tema {code} {n}")
    login(client, can_member)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("voting:proposals")).content.decode()
    assert page.count("Tema 17") == 8


def test_the_proposal_page_says_where_the_vote_stands_and_offers_the_ballot_only_while_open(
    client, cycle, can_member
):
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in ("1701", "1702", "1703")]
    vote = make_open_vote(cycle, can_member)
    login(client, can_member)

    def page():
        return client.get(reverse("voting:proposals")).content.decode()

    opened = page()
    assert "sedang berlangsung sampai" in opened and "Surat suara" in opened
    vote.closes_on = timezone.localdate() - timedelta(days=1)  # not yet closed by the CAN
    vote.save(update_fields=["closes_on"])
    late = page()
    assert "Batas waktu pemungutan suara" in late and "Surat suara" not in late

    results.close_vote(vote, by=can_member)
    closed = page()
    assert "Pemungutan suara sudah ditutup" in closed and "Surat suara" not in closed
    assert "sudah dibuka" not in closed

    day = selectors.earliest_event_date(vote)
    entries = {theme.pk: {"event_date": day} for theme in themes}
    results.save_selections(vote, by=can_member, entries=entries)
    results.announce_results(vote, by=can_member)
    announced = page()
    assert "Hasil pemilihan tema sudah diumumkan" in announced and "Surat suara" not in announced
    link = f'<a href="{reverse("voting:results")}">Lihat hasil</a>'
    assert link in announced


def announce(cycle, can_member, themes):
    vote = make_open_vote(cycle, can_member)
    results.close_vote(vote, by=can_member)
    day = selectors.earliest_event_date(vote)
    entries = {theme.pk: {"event_date": day} for theme in themes}
    results.save_selections(vote, by=can_member, entries=entries)
    results.announce_results(vote, by=can_member)
    return vote


def test_a_closed_proposal_window_shows_why_instead_of_an_empty_form(
    client, cycle, ca_1701, can_member
):
    theirs = make_proposal(cycle, "1701", "Tema 1701")
    announce(cycle, can_member, [theirs, make_proposal(cycle, "1702", "Tema 1702")])
    login(client, ca_1701)
    for address in (
        reverse("voting:proposal_create"),
        reverse("voting:proposal_edit", args=[theirs.pk]),
    ):
        page = client.get(address).content.decode()
        assert "Hasil pemilihan tema sudah diumumkan; usulan tidak dapat diubah lagi." in page
        assert 'name="title"' not in page and "Simpan" not in page
        assert f'href="{reverse("voting:proposals")}"' in page


def test_an_open_proposal_window_still_shows_the_form(client, cycle, ca_1701):
    login(client, ca_1701)
    page = client.get(reverse("voting:proposal_create")).content.decode()
    assert 'name="title"' in page and "closed-reason" not in page
