"""Filter of the theme proposal list (lists of more than 25 rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter
from organization.models import Office

from .models import ThemeProposal


class ProposalFilter(ListFilter):
    q = search_filter("title", "abstract", label=_("Cari judul atau ringkasan"))
    office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.none(), label=_("Kantor"), empty_label=_("Semua kantor")
    )
    preferred_quarter = django_filters.ChoiceFilter(
        choices=ThemeProposal.Quarter.choices,
        label=_("Triwulan"),
        empty_label=_("Semua triwulan"),
    )

    class Meta:
        model = ThemeProposal
        fields = []

    def __init__(self, *args, province=None, single_office=False, **kwargs):
        super().__init__(*args, **kwargs)
        if single_office:  # a CA sees only its own office's proposals: nothing to choose
            del self.filters["office"]
        else:
            offices = Office.objects.regencies().filter(parent=province).order_by("code")
            self.filters["office"].queryset = offices
