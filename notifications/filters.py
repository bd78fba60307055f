"""Filter of a person's notification list (lists of more than 25 rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import ListFilter, search_filter

from . import kinds
from .models import Notification

UNREAD, READ = "unread", "read"


class NotificationFilter(ListFilter):
    q = search_filter("title", "body", label=_("Cari"))
    state = django_filters.ChoiceFilter(
        choices=[(UNREAD, _("Belum dibaca")), (READ, _("Sudah dibaca"))],
        label=_("Status"),
        empty_label=_("Semua"),
        method="filter_state",
    )
    kind = django_filters.ChoiceFilter(
        choices=kinds.CHOICES, label=_("Jenis"), empty_label=_("Semua jenis")
    )

    class Meta:
        model = Notification
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == UNREAD)
