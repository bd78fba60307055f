"""Filter of a holder's certificate list (lists of more than 25 rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter, year_choices

from .models import Certificate


class MyCertificateFilter(ListFilter):
    q = search_filter("event_title", "serial", label=_("Cari kegiatan atau nomor"))
    year = django_filters.ChoiceFilter(label=_("Tahun"), empty_label=_("Semua tahun"))
    kind = django_filters.ChoiceFilter(
        choices=Certificate.Kind.choices, label=_("Jenis"), empty_label=_("Semua jenis")
    )

    class Meta:
        model = Certificate
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = year_choices(years)
