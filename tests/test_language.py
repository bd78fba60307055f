"""Bahasa Indonesia is the product's language: the browser's Accept-Language never switches it,
the person's own choice (the switcher) does, and is remembered."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_the_indonesian_product(client, employee):
    client.force_login(employee)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_the_persons_choice_of_english_is_remembered(client, employee):
    client.force_login(employee)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert client.get("/").headers["Content-Language"] == "id"


def test_times_follow_the_chosen_languages_format_on_every_page(client, employee):
    """Indonesian writes 09.00, English 09:00 (as the concept page's dates already do): times
    follow the language's own format, never a fixed one."""
    event = make_event(start_time="09:00", end_time="11:00")
    client.force_login(employee)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "09.00–11.00 WIB" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(event.get_absolute_url()).content.decode()
    assert "09:00–11:00 WIB" in page and "09.00" not in page
