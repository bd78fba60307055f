"""The bell's unread count: one query."""

from .models import Notification


def unread_count(user) -> int:
    return Notification.objects.for_user(user).unread().count()
