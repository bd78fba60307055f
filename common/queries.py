"""Query expressions the apps share."""

from django.db.models import Func, IntegerField, Subquery


def count_of(rows):
    """How many of `rows` (a queryset filtered on an OuterRef) there are for the outer row, as a
    subquery: a COUNT without GROUP BY, so 0 where there are none."""
    counted = rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())
