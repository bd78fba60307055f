"""List pages: a django-filter form over a queryset, cut into pages of 25.

Every list that can pass 25 rows uses `filtered_page`, and its template includes
`partials/filter_form.html` and `partials/pagination.html`.
"""

import functools

import django_filters
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms.renderers import Jinja2
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 25

INPUT_CLASS = {"select": "form-select form-select-sm", "checkbox": "form-check-input"}


@functools.cache
def _widget_renderer():
    """Django's own form renderer on Jinja2 (its bundled widget templates): a filter's selects
    list every office of a province, and Jinja2 renders such options several times faster
    than Django's template language. Only list filters use it (the admin's widgets have no
    Jinja2 templates)."""
    return Jinja2()


class ListFilter(django_filters.FilterSet):
    """A filter set whose widgets carry Bootstrap's small form classes.

    Subclasses may adjust `self.filters[...]` (choices, querysets) in `__init__` after calling
    super(): the form is built on first use."""

    @property
    def form(self):
        fresh = not hasattr(self, "_form")
        form = super().form
        if fresh:
            form.renderer = _widget_renderer()
            for field in form.fields.values():
                kind = getattr(field.widget, "input_type", "")
                css = INPUT_CLASS.get(kind, "form-control form-control-sm")
                field.widget.attrs.setdefault("class", css)
        return form


def year_choices(years) -> list:
    return [(str(y), str(y)) for y in sorted(set(years), reverse=True)]


def search_filter(*fields, label=None):
    """A text box matching any of `fields` (case-insensitive, part of the word is enough)."""

    def method(queryset, name, value):
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(query)

    return django_filters.CharFilter(label=label or _("Cari"), method=method, max_length=100)


def filtered_page(request, filter_class, queryset, per_page=PAGE_SIZE, **filter_kwargs) -> dict:
    """{"filter", "page", "filter_active", "filter_errors"} for a list page.

    A filter value the form refuses (an unknown office, a malformed date) is left out of the
    filtering and shown on the form: the person sees the list and why a choice was ignored.
    """
    data = QueryDict(mutable=True)
    for name in filter_class.base_filters:
        values = [v for v in request.GET.getlist(name) if v.strip()]
        if values:
            data.setlist(name, values)
    filterset = filter_class(data or None, queryset=queryset, request=request, **filter_kwargs)
    page = Paginator(filterset.qs, per_page).get_page(request.GET.get("page"))
    # The numbered links of partials/pagination.html: 1 2 … 7 8 [9] 10 11 … 40.
    page.links = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
    return {
        "filter": filterset,
        "page": page,
        "filter_active": bool(data),
        "filter_errors": filterset.is_bound and not filterset.is_valid(),
    }
