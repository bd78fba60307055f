"""{% fragment %} (serawai/fragments.py): a part of a page rendered once per process for each
combination of the values it varies on."""

import itertools

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import reverse

from serawai import fragments
from tests.factories import EmployeeFactory


@pytest.fixture(autouse=True)
def _nothing_kept():
    fragments.forget_all()
    yield
    fragments.forget_all()


def render(source, **values):
    return Template("{% load fragments %}" + source).render(Context(values))


def test_a_fragment_is_rendered_once_per_value_and_then_served_as_kept():
    ticks = itertools.count(1)
    source = "{% fragment demo lang %}[{{ tick }}]{% endfragment %}"
    first = render(source, lang="id", tick=lambda: next(ticks))
    assert first == "[1]"
    assert render(source, lang="id", tick=lambda: next(ticks)) == "[1]"  # kept, not rendered
    assert render(source, lang="en", tick=lambda: next(ticks)) == "[2]"  # another value
    assert render(source, lang="id", tick=lambda: next(ticks)) == "[1]"


def test_fragments_of_different_names_do_not_share_what_they_keep():
    assert render("{% fragment a v %}A{% endfragment %}", v=1) == "A"
    assert render("{% fragment b v %}B{% endfragment %}", v=1) == "B"


def test_values_compare_as_text_as_the_cache_tag_compares_them():
    source = "{% fragment n v %}{{ v }}{% endfragment %}"
    assert render(source, v=3) == "3"
    assert render(source, v="3") == "3"
    assert render(source, v=None) == "None"


def test_the_oldest_fragment_goes_first_beyond_the_bound(monkeypatch):
    monkeypatch.setattr(fragments._kept, "size", 2)
    ticks = itertools.count(1)
    source = "{% fragment f v %}{{ v }}{{ tick }}{% endfragment %}"
    for v in ("a", "b", "c"):
        render(source, v=v, tick=lambda: next(ticks))
    assert len(fragments._kept) == 2
    assert render(source, v="c", tick=lambda: next(ticks)) == "c3"  # still kept
    assert render(source, v="a", tick=lambda: next(ticks)) == "a4"  # dropped, rendered again


def test_a_fragment_without_a_name_is_refused_when_the_template_is_read():
    with pytest.raises(TemplateSyntaxError, match="needs a name"):
        Template("{% load fragments %}{% fragment %}x{% endfragment %}")


@override_settings(LANGUAGE_CODE="id")
def test_each_kind_of_person_and_language_gets_its_own_navigation(client, db, can_member):
    # The CAN's navigation is rendered first and kept; an employee must not get it.
    client.force_login(can_member)
    can_page = client.get(reverse("cycles:home")).content.decode()
    client.force_login(EmployeeFactory())
    employee_page = client.get(reverse("cycles:home")).content.decode()
    audit = reverse("audit:trail")
    assert f'href="{audit}"' in can_page
    assert f'href="{audit}"' not in employee_page
    client.cookies["django_language"] = "en"
    english = client.get(reverse("cycles:home")).content.decode()
    assert 'lang="en"' in english and "Sign out" in english
    assert "Keluar" in employee_page
