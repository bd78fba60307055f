"""Query expressions the apps share."""

from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce


def count_of(rows, group_by: str):
    """How many of `rows` (a queryset filtered on an OuterRef through `group_by`) belong to the
    outer row, as a subquery: 0 where there are none."""
    counted = rows.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
