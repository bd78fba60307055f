"""Filter of the audit trail: which data, who, between which days."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter
from common.widgets import DateInput

from .registry import audited_models


def model_choices():
    models = sorted(audited_models(), key=lambda m: str(m._meta.verbose_name_plural))
    return [(m._meta.label_lower, str(m._meta.verbose_name_plural).capitalize()) for m in models]


class TrailFilter(ListFilter):
    q = search_filter("object_repr", label=_("Cari data"))
    model = django_filters.ChoiceFilter(
        choices=model_choices, label=_("Jenis data"), empty_label=_("Semua data"), method="by_model"
    )
    actor = search_filter("actor__full_name", "actor__nip", label=_("Oleh (nama atau NIP)"))
    since = django_filters.DateFilter(
        field_name="timestamp__date",
        lookup_expr="gte",
        label=_("Dari tanggal"),
        widget=DateInput(),
    )
    until = django_filters.DateFilter(
        field_name="timestamp__date",
        lookup_expr="lte",
        label=_("Sampai tanggal"),
        widget=DateInput(),
    )

    def by_model(self, queryset, name, value):
        app_label, model_name = value.split(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model_name)
