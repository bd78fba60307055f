"""Filter of the roles page (lists of more than 25 rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter

from .models import Office, RoleAssignment


class RoleFilter(ListFilter):
    q = search_filter("employee__full_name", "employee__nip", label=_("Cari nama atau NIP"))
    role = django_filters.ChoiceFilter(
        choices=RoleAssignment.Role.choices, label=_("Peran"), empty_label=_("Semua peran")
    )
    office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.none(), label=_("Kantor"), empty_label=_("Semua kantor")
    )

    class Meta:
        model = RoleAssignment
        fields = []

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["office"].queryset = Office.objects.in_province(province).order_by("code")
