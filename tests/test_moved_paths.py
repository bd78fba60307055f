"""Old paths (common/moved.py) still lead to their page: links in sent e-mails, subscribed
calendars and printed check-in QR codes keep working after the paths became English."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from common.moved import MovedView
from events import checkin
from tests.factories import EmployeeFactory, make_cycle, make_event

SAMPLE = {"int": "7", "str": "abc"}


def moved_routes(resolver=None, prefix=""):
    """(old route, URL name of the new page) for every moved path, includes followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from moved_routes(entry, route)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is MovedView:
                yield route, entry.callback.view_initkwargs["pattern_name"]


def filled(route):
    """The route with a sample value in each argument, and those values by name."""
    values = {}

    def sample(match):
        converter, name = match.group(1), match.group(2)
        values[name] = SAMPLE[converter]
        return SAMPLE[converter]

    return "/" + re.sub(r"<(\w+):(\w+)>", sample, route), values


MOVED = sorted(moved_routes())


def test_the_indonesian_paths_are_all_listed():
    old = {route for route, _name in MOVED}
    assert "events/<int:pk>/hadir/<str:token>/" in old
    assert "events/<int:pk>/kesiapan/" in old
    assert "siklus/<int:pk>/" in old
    assert len(MOVED) == 42


@pytest.mark.parametrize(("route", "name"), MOVED)
def test_old_path_redirects_permanently_with_arguments_and_query(client, route, name):
    path, values = filled(route)
    new = reverse(name, kwargs={k: int(v) if v.isdigit() else v for k, v in values.items()})
    assert new != path

    response = client.get(f"{path}?next=%2F&page=2")

    assert response.status_code == 301
    assert response["Location"] == f"{new}?next=%2F&page=2"


@pytest.mark.parametrize(("route", "name"), MOVED)
def test_a_form_posted_to_an_old_path_is_sent_on_with_its_body(client, route, name):
    path, values = filled(route)
    new = reverse(name, kwargs={k: int(v) if v.isdigit() else v for k, v in values.items()})

    response = client.post(path, {"note": "tetap"})

    # 308: the browser repeats the POST with the same form at the new address.
    assert response.status_code == 308
    assert response["Location"] == new


@pytest.mark.django_db
def test_a_printed_check_in_qr_code_of_the_old_form_still_checks_in(client):
    event = make_event(host="1701", cycle=make_cycle())
    old = f"/events/{event.pk}/hadir/{checkin.token(event)}/"
    client.force_login(EmployeeFactory(office=event.host_office))

    page = client.get(old, follow=True)

    assert page.redirect_chain[0] == (checkin.path(event), 301)
    assert page.status_code == 200
    assert event.title in page.content.decode()
