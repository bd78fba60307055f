"""Forgotten passwords: a one-time link by e-mail, at most three mails an hour to one address,
and a page that says the same whether the address is known or not."""

import re

import pytest
from django.urls import reverse

from accounts.password_reset import RESETS_PER_HOUR
from notifications.models import OutboxMail

pytestmark = pytest.mark.django_db


def ask(client, address):
    return client.post(reverse("accounts:password_reset"), {"email": address}, follow=True)


def test_a_known_address_gets_a_link_that_sets_a_new_password(client, employee, settings):
    settings.SITE_URL = "https://serawai.bengkulu.bps.go.id"
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page and "Lupa kata sandi?" in page
    response = ask(client, employee.email.upper())
    assert 'id="reset-sent"' in response.content.decode()
    mail = OutboxMail.objects.get(to_address=employee.email)
    link = re.search(r"https://serawai\.bengkulu\.bps\.go\.id(/\S+)", mail.text).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    new = "Bengkulu-Serawai-2026!"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Kata sandi baru Anda sudah tersimpan." in done.content.decode()
    employee.refresh_from_db()
    assert employee.check_password(new)
    again = client.get(link, follow=True).content.decode()
    assert 'id="reset-invalid"' in again  # one use only


def test_an_unknown_address_reads_the_same_and_sends_nothing(client, employee):
    known = ask(client, employee.email).content.decode()
    unknown = ask(client, "tidak.ada@bps.go.id").content.decode()
    assert 'id="reset-sent"' in known and 'id="reset-sent"' in unknown
    assert OutboxMail.objects.filter(to_address="tidak.ada@bps.go.id").count() == 0


def test_at_most_three_mails_an_hour_reach_one_address(client, employee):
    for _ in range(RESETS_PER_HOUR + 3):
        assert ask(client, employee.email).status_code == 200
    assert OutboxMail.objects.filter(to_address=employee.email).count() == RESETS_PER_HOUR


def test_the_address_field_is_labelled_as_the_app_writes_e_mail(client):
    page = client.get(reverse("accounts:password_reset")).content.decode()
    label = re.search(r"<label\s+for=\"id_email\"[^>]*>\s*([^<*]+?)\s*<", page).group(1)
    assert label == "Alamat e-mail"
