"""A person reaches Serawai, logs in with the NIP as printed on their ID card, and logs out."""

import pytest

from tests.browser.conftest import PHONE
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_employee_logs_in_with_spaced_nip_and_sees_home(visit, employee):
    tab = visit("pegawai")
    tab.login(employee.nip_display, PASSWORD)
    assert tab.page.url.rstrip("/") == tab.base
    assert employee.full_name in tab.page.content()
    tab.look("home")


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_a_clear_message_and_keeps_the_nip(visit, employee):
    tab = visit("pegawai")
    tab.login(employee.nip, "wrong-password")
    assert "NIP/e-mail atau kata sandi salah" in tab.page.content()
    assert tab.page.input_value("input[name=username]") == employee.nip
    tab.look("login-error")


@pytest.mark.django_db(transaction=True)
def test_login_page_fits_a_phone_without_horizontal_scrolling(visit):
    tab = visit("phone", viewport=PHONE)
    tab.go("/accounts/login/", "login-phone")
    assert tab.page_width() <= PHONE["width"]
