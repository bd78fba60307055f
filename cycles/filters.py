"""Filter of headquarters' national overview (lists of more than 25 rows)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter

from .models import Cycle


class NationalFilter(ListFilter):
    q = search_filter("province__name", "province__code", label=_("Cari provinsi"))
    late = django_filters.BooleanFilter(
        label=_("Hanya yang terlambat"), widget=forms.CheckboxInput, method="only_late"
    )

    class Meta:
        model = Cycle
        fields = []

    def only_late(self, queryset, name, value):
        return queryset.filter(steps_overdue__gt=0) if value else queryset
