"""Pustaka Serawai's full-text search on real PostgreSQL (the 'simple' configuration): words
of the slides, the finalised minutes and the abstract are found, every word must occur, and
another province's event is found only when shared."""

import pytest
from django.db import connection
from django.urls import reverse

from events.selectors import library
from tests.events.test_library import held, with_minutes, with_slides, with_theme
from tests.factories import EmployeeFactory, make_event, province

pytestmark = pytest.mark.django_db


def found(text, province_id=None):
    events = library.library_events(province_id or province().pk)
    return sorted(e.title for e in library.search(events, text))


def test_full_text_search_finds_words_of_slides_minutes_and_abstract():
    assert connection.vendor == "postgresql"
    by = EmployeeFactory()
    slides = held(make_event(title="Tema Materi"))
    with_slides(slides, "Indeks Harga Perdagangan Besar menurut sektor", by)
    minutes = held(make_event(title="Tema Notulensi"))
    with_minutes(minutes, "Peserta sepakat memperbaiki kerangka sampel.", by)
    draft = held(make_event(title="Tema Draf"))
    with_minutes(draft, "kerangka sampel belum final", by, final=False)
    abstract = held(make_event(title="Tema Ringkasan"))
    with_theme(abstract, "Pemanfaatan citra satelit untuk luas panen.", by)
    not_held = make_event(title="Tema Belum Terlaksana")
    with_slides(not_held, "citra satelit perdagangan", by)

    assert found("perdagangan") == ["Tema Materi"]
    assert found("Kerangka") == ["Tema Notulensi"]
    assert found("citra satelit") == ["Tema Ringkasan"]
    assert found("ringkasan") == ["Tema Ringkasan"]
    assert found("citra perdagangan") == []
    # Punctuation and operators a person may type are plain words, never a syntax error.
    assert found("satelit & | ! (") == ["Tema Ringkasan"]


def test_the_library_page_searches_and_counts_pages_on_postgresql(client):
    by = EmployeeFactory()
    for n in range(3):
        event = held(make_event(title=f"Tema Halaman {n}"))
        with_slides(event, f"produk domestik bruto bagian {n}", by)
    client.force_login(EmployeeFactory())
    response = client.get(reverse("events:library"), {"q": "domestik bruto"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
