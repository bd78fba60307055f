"""Bahasa Indonesia is the product's language: the browser's Accept-Language never switches it,
the person's own choice (the switcher) does, and is remembered."""

import pytest
from django.urls import reverse

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
