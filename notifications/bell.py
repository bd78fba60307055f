"""The bell's unread count: read with the signed-in person, in the same query
(organization.auth), so the bell on every page costs no query of its own."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Notification

ANNOTATION = "unread_notifications"


def with_unread_count(people):
    """`people` (an Employee queryset) with each person's unread count as `unread_notifications`."""
    unread = (
        Notification.objects.with_scopes_disabled()
        .unread()
        .filter(recipient=OuterRef("pk"))
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return people.annotate(**{ANNOTATION: Coalesce(Subquery(unread), 0)})


def unread_count(user) -> int:
    counted = getattr(user, ANNOTATION, None)
    if counted is not None:
        return counted
    return Notification.objects.for_user(user).unread().count()
