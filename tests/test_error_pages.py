"""Error pages are Indonesian pages of the layout, with the navigation and a way back."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from serawai.urls import urlpatterns as project_urls

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), *project_urls]
handler500 = "common.views.server_error"


def test_a_missing_page_answers_in_the_layout_with_a_way_back(client, employee):
    client.force_login(employee)
    response = client.get("/tidak-ada/", HTTP_REFERER="http://testserver/voting/proposals/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page and 'aria-label="Navigasi utama"' in page
    assert "Kembali ke beranda" in page and 'href="http://testserver/voting/proposals/"' in page


def test_a_refused_page_answers_in_indonesian_in_the_layout(client, employee):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    client.force_login(employee)
    request = client.get("/").wsgi_request
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Akses ditolak" in page and 'aria-label="Navigasi utama"' in page


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_answers_in_the_layout_and_keeps_what_is_stored(employee):
    client = Client(raise_request_exception=False)
    client.force_login(employee)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan" in page and 'aria-label="Navigasi utama"' in page


@pytest.mark.parametrize(
    "address",
    ["/events/3/committee/letter/", "/reports/1/submit/", "/voting/results/announce/"],
)
def test_an_address_reached_only_by_its_button_answers_with_a_page_and_a_way_back(
    client, can_coordinator, address
):
    """A reload, the back button or a bookmark opens a POST-only address with GET: the answer is
    still 405 with its Allow header, but a page in the layout says why, not an empty one."""
    client.force_login(can_coordinator)
    response = client.get(address)
    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "hanya dapat dibuka lewat tombolnya" in page and 'aria-label="Navigasi utama"' in page
    assert "Kembali ke beranda" in page
