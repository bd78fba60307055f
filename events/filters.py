"""Filters of the event list and the Event Team history (lists of more than 25 rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter, year_choices
from cycles.models import Cycle
from organization.models import Office

from .models import Attendance, Event, EventTeamAssignment, TeamRole
from .selectors import library


class EventFilter(ListFilter):
    q = search_filter("title", "place", label=_("Cari tema"))
    year = django_filters.ChoiceFilter(
        field_name="cycle__year", label=_("Tahun"), empty_label=_("Semua tahun")
    )
    host_office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.none(),
        label=_("Kantor penyelenggara"),
        empty_label=_("Semua kantor"),
    )
    status = django_filters.ChoiceFilter(
        choices=Event.Status.choices, label=_("Status"), empty_label=_("Semua status")
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = Cycle.objects.filter(province_id=province_id).values_list("year", flat=True)
        self.filters["year"].extra["choices"] = year_choices(years)
        offices = Office.objects.filter(pk=province_id) | Office.objects.filter(
            parent_id=province_id
        )
        self.filters["host_office"].queryset = offices.order_by("code")


class LibraryFilter(ListFilter):
    """Pustaka Serawai: full-text search over what an event left, by year, host office, topic."""

    q = django_filters.CharFilter(
        label=_("Cari judul, ringkasan, notulensi, materi"),
        method="search",
        max_length=100,
    )
    year = django_filters.ChoiceFilter(
        field_name="cycle__year", label=_("Tahun"), empty_label=_("Semua tahun")
    )
    host_office = django_filters.ChoiceFilter(
        label=_("Kantor penyelenggara"), empty_label=_("Semua kantor")
    )
    topic = django_filters.ChoiceFilter(
        choices=Event.Topic.choices, label=_("Topik"), empty_label=_("Semua topik")
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        years, offices = library.library_choices(province_id)
        self.filters["year"].extra["choices"] = year_choices(years)
        self.filters["host_office"].extra["choices"] = offices

    def search(self, queryset, name, value):
        return library.search(queryset, value)


class TeamHistoryFilter(ListFilter):
    q = search_filter("employee__full_name", "event__title", label=_("Cari nama atau tema"))
    year = django_filters.ChoiceFilter(
        field_name="event__cycle__year", label=_("Tahun"), empty_label=_("Semua tahun")
    )
    role = django_filters.ChoiceFilter(
        choices=TeamRole.choices, label=_("Peran"), empty_label=_("Semua peran")
    )

    class Meta:
        model = EventTeamAssignment
        fields = []

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = Cycle.objects.filter(province_id=province_id).values_list("year", flat=True)
        self.filters["year"].extra["choices"] = year_choices(years)


class AttendanceFilter(ListFilter):
    q = search_filter("employee__full_name", "employee__nip", label=_("Cari nama atau NIP"))
    office = django_filters.ModelChoiceFilter(
        field_name="employee__office",
        queryset=Office.objects.none(),
        label=_("Kantor"),
        empty_label=_("Semua kantor"),
    )

    class Meta:
        model = Attendance
        fields = []

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["office"].queryset = Office.objects.in_province(province).order_by("code")
